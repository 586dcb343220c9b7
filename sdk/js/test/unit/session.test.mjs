import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LicensingClient } from '../../dist/index.js';

/** A platform whose heartbeat answers come from a script, one per beat. */
function scripted(answers) {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push([init.method, new URL(url).pathname, init.headers.Authorization]);
    if (url.endsWith('/api/v1/sessions') && init.method === 'POST') {
      return json(201, { session_id: 's1', token: 'tok', heartbeat_interval_seconds: 60, heartbeat_grace_seconds: 30 });
    }
    if (url.endsWith('/api/v1/sessions/current')) return json(200, { session_id: 's1', end_reason: 'signed_out' });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return json(next.status ?? 200, next.body, next.headers);
  };
  return { fetch, seen };
}

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

test('heartbeats at the server interval, retries 429/503 after Retry-After, ends once on blocked', async () => {
  const p = scripted([
    { body: { status: 'ok', next_heartbeat_seconds: 45, credited_seconds: 60, usage_seconds: 60 } },
    { status: 429, body: { status: 429, code: 'RATE_LIMITED', detail: 'slow down' }, headers: { 'Retry-After': '3' } },
    { status: 503, body: { status: 503, code: 'SERVICE_UNAVAILABLE', detail: 'Redis' } },
    new TypeError('fetch failed'),
    { body: { status: 'ok', next_heartbeat_seconds: 45, usage_seconds: 105 } },
    { body: { status: 'blocked', end_reason: 'blocked', reason: 'The device is blocked: chargeback' } },
  ]);
  const client = new LicensingClient({ baseUrl: 'http://gw', licenseKey: 'K', deviceId: 'pc-1', fetch: p.fetch });
  const s = await client.startSession({ clientVersion: '1.0.0', unref: true });
  const events = [];
  s.on('heartbeat', (b) => events.push(['heartbeat', b.nextHeartbeatSeconds]));
  s.on('retry', (r) => events.push(['retry', r.error.code, r.attempt, r.delayMs]));
  s.on('ended', (e) => events.push(['ended', e.status, e.reason]));
  for (let i = 0; i < 7; i++) await s.beatNow();   // the 7th is after the end: nothing is sent
  assert.equal(events[0][0], 'heartbeat');
  assert.equal(events[0][1], 45);
  assert.deepEqual(events[1].slice(0, 3), ['retry', 'RATE_LIMITED', 1]);
  assert.ok(events[1][3] >= 3000 && events[1][3] <= 3300, `Retry-After 3 s + 0-10 %: ${events[1][3]}`);
  assert.deepEqual(events[2].slice(0, 3), ['retry', 'SERVICE_UNAVAILABLE', 2]);
  assert.ok(events[2][3] >= 1000 && events[2][3] <= 2000, `back-off of the 2nd failure: ${events[2][3]}`);
  assert.deepEqual(events[3].slice(0, 3), ['retry', 'NETWORK_ERROR', 3]);
  assert.equal(events[4][0], 'heartbeat');
  assert.deepEqual(events[5], ['ended', 'blocked', 'The device is blocked: chargeback']);
  assert.equal(events.length, 6);
  assert.equal(s.running, false);
  assert.equal(s.end.endReason, 'blocked');
  const beats = p.seen.filter(([, path]) => path === '/api/v1/sessions/heartbeat');
  assert.equal(beats.length, 6);
  assert.ok(beats.every(([, , auth]) => auth === 'Bearer tok'));
  assert.equal(await s.close(), undefined, 'nothing is sent after the platform ended it');
  assert.equal(p.seen.filter(([, path]) => path === '/api/v1/sessions/current').length, 0);
});

test('a 4xx other than 429 ends the session; maxHeartbeatIntervalSeconds only shortens', async () => {
  const p = scripted([
    { body: { status: 'ok', next_heartbeat_seconds: 45 } },
    { status: 409, body: { status: 409, code: 'SESSION_ENDED', detail: 'The session ended' } },
  ]);
  const client = new LicensingClient({ baseUrl: 'http://gw', licenseKey: 'K', deviceId: 'pc-1', fetch: p.fetch });
  const s = await client.startSession({ clientVersion: '1.0.0', unref: true, maxHeartbeatIntervalSeconds: 20 });
  assert.equal(s.intervalSeconds, 20);
  const next = [];
  s.on('heartbeat', (b) => next.push(b.nextHeartbeatSeconds));
  await s.beatNow();
  assert.deepEqual(next, [20]);
  await s.beatNow();
  assert.equal(s.running, false);
  assert.deepEqual([s.end.status, s.end.code], ['expired', 'SESSION_ENDED']);
});

test('a 401 ends the session as expired with its code; close() signs out once', async () => {
  const p = scripted([{ status: 401, body: { status: 401, code: 'INVALID_SESSION_TOKEN', detail: 'expired' } }]);
  const client = new LicensingClient({ baseUrl: 'http://gw', licenseKey: 'K', deviceId: 'pc-1', fetch: p.fetch });
  const s = await client.startSession({ clientVersion: '1.0.0', unref: true });
  let end;
  s.on('ended', (e) => { end = e; });
  await s.beatNow();
  assert.equal(end.status, 'expired');
  assert.equal(end.code, 'INVALID_SESSION_TOKEN');

  const q = scripted([]);
  const other = await new LicensingClient({ baseUrl: 'http://gw', licenseKey: 'K', deviceId: 'pc-1', fetch: q.fetch }).startSession({ clientVersion: '1.0.0', unref: true });
  const closed = [];
  other.on('ended', (e) => closed.push(e));
  assert.equal((await other.close()).end_reason, 'signed_out');
  assert.equal(await other.close(), undefined);
  assert.deepEqual(closed.map((e) => [e.status, e.endReason]), [['closed', 'signed_out']]);
  assert.equal(q.seen.filter(([m, path]) => m === 'DELETE' && path === '/api/v1/sessions/current').length, 1);
});
