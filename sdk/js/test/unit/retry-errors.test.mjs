import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseRetryAfter, backoffMs, retryDelayMs, errorFromResponse, errorFromNetwork, LicensingClient, LicensingError } from '../../dist/index.js';

const NOW = Date.parse('2026-10-21T07:28:00Z');

test('Retry-After: delay-seconds, HTTP date, absent and garbage', () => {
  assert.equal(parseRetryAfter('120', NOW), 120_000);
  assert.equal(parseRetryAfter(' 0 ', NOW), 0);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', NOW), 30_000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', NOW), 0);   // in the past: now
  assert.equal(parseRetryAfter(null, NOW), undefined);
  assert.equal(parseRetryAfter('', NOW), undefined);
  assert.equal(parseRetryAfter('soon', NOW), undefined);
  assert.equal(parseRetryAfter('1.5', NOW), undefined);
});

test('back-off doubles up to the cap with equal jitter [0.5, 1); Retry-After is honoured plus 0-10 %', () => {
  const low = () => 0, high = () => 0.999999;
  assert.equal(backoffMs(1, { random: low }), 500);
  assert.equal(backoffMs(1, { random: high }), 1000);
  assert.equal(backoffMs(3, { random: high }), 4000);
  assert.equal(backoffMs(10, { random: high, maxMs: 60_000 }), 60_000);
  assert.equal(backoffMs(10, { random: low, maxMs: 60_000 }), 30_000);
  assert.equal(retryDelayMs(5000, 7, { random: low }), 5000);
  assert.equal(retryDelayMs(5000, 7, { random: high }), 5500);
  assert.equal(retryDelayMs(undefined, 2, { random: low }), 1000);
});

test('problem answers map to code, status, detail; 502/503/504 and fetch failures are network errors', () => {
  const e = errorFromResponse(409, { type: 'x', title: 'Conflict', status: 409, code: 'DEVICE_LIMIT_REACHED', detail: 'All 2 slots are taken', max_devices: 2 });
  assert.equal(e.code, 'DEVICE_LIMIT_REACHED');
  assert.equal(e.status, 409);
  assert.equal(e.detail, 'All 2 slots are taken');
  assert.equal(e.kind, 'refused');
  assert.equal(e.cannotReach, false);
  assert.equal(e.problem.max_devices, 2);
  assert.ok(e instanceof LicensingError && e instanceof Error);
  const u = errorFromResponse(503, { code: 'SERVICE_UNAVAILABLE', detail: 'Redis' }, 2000);
  assert.equal(u.kind, 'unavailable');
  assert.equal(u.cannotReach, true);
  assert.equal(u.retryAfterMs, 2000);
  const html = errorFromResponse(502, '<html>Bad Gateway</html>');
  assert.equal(html.code, 'SERVICE_UNAVAILABLE');
  assert.equal(html.kind, 'unavailable');
  assert.equal(errorFromResponse(500, 'oops').code, 'HTTP_500');
  const n = errorFromNetwork(new TypeError('fetch failed'));
  assert.equal(n.code, 'NETWORK_ERROR');
  assert.equal(n.status, 0);
  assert.equal(n.kind, 'network');
  const t = errorFromNetwork(new DOMException('timed out', 'TimeoutError'));
  assert.equal(t.code, 'NETWORK_ERROR');
  assert.equal(t.kind, 'network');
  assert.match(t.detail, /in time/);
});

test('the client throws refusals with the problem and Retry-After of the answer', async () => {
  const client = new LicensingClient({
    baseUrl: 'http://gw/', licenseKey: 'K', deviceId: 'pc-1',
    fetch: async () => new Response(JSON.stringify({ status: 429, code: 'RATE_LIMITED', detail: 'Too many requests; retry after 7 s' }),
      { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' } }),
  });
  await assert.rejects(client.activate(), (e) => e instanceof LicensingError && e.code === 'RATE_LIMITED'
    && e.status === 429 && e.retryAfterMs === 7000 && e.kind === 'refused');
});
