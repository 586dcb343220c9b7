import { test } from 'node:test';
import assert from 'node:assert/strict';

import { graceFor, LicensingClient, LicensingError, MemoryStorage } from '../../dist/index.js';
import { fakeClock } from './helpers.mjs';

const H = 3_600_000;
const T0 = Date.parse('2026-06-01T12:00:00Z');

test('graceFor: the last good validation stands for the grace period only', () => {
  assert.deepEqual(graceFor(undefined, T0, undefined, 72 * H), { allowed: false, reason: 'NO_GOOD_VALIDATION' });
  assert.deepEqual(graceFor(T0, T0 + 71 * H, T0, 72 * H), { allowed: true, endsAtMs: T0 + 72 * H });
  assert.deepEqual(graceFor(T0, T0 + 72 * H, T0, 72 * H), { allowed: false, reason: 'GRACE_OVER' });
  assert.deepEqual(graceFor(T0, T0 + 10 * H, T0 + 20 * H, 72 * H), { allowed: false, reason: 'CLOCK_SET_BACK' });
  assert.deepEqual(graceFor(T0, T0 - 1 * H, undefined, 72 * H), { allowed: false, reason: 'CLOCK_SET_BACK' });
  // never past the license's expiry as the validation saw it
  assert.deepEqual(graceFor(T0, T0 + 1 * H, T0, 72 * H, T0 + 10 * H), { allowed: true, endsAtMs: T0 + 10 * H });
  assert.deepEqual(graceFor(T0, T0 + 11 * H, T0, 72 * H, T0 + 10 * H), { allowed: false, reason: 'GRACE_OVER' });
});

/** A fetch that answers like the platform while `up`, and fails like a stopped gateway otherwise. */
function platform() {
  const state = { up: true, answer: { valid: true, code: 'VALID', detail: 'The license is valid', license_id: 42 }, calls: 0 };
  state.fetch = async (url, init) => {
    state.calls += 1;
    if (!state.up) throw new TypeError('fetch failed');
    assert.equal(init.method, 'POST');
    assert.ok(url.endsWith('/api/v1/licenses/validate'));
    return new Response(JSON.stringify(state.answer), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return state;
}

test('validate runs on grace while the platform is unreachable, then refuses after 72 h', async () => {
  const p = platform();
  const clock = fakeClock(T0);
  const graced = [];
  const client = new LicensingClient({ baseUrl: 'http://gw', licenseKey: 'K', deviceId: 'pc-1', clock, fetch: p.fetch,
    storage: new MemoryStorage(), onGrace: (v, cause) => graced.push([v, cause]) });
  const online = await client.validate({ product: 'API' });
  assert.equal(online.valid, true);
  assert.equal(online.grace, false);

  p.up = false;
  clock.advance(48 * H);
  const onGrace = await client.validate({ product: 'API' });
  assert.equal(onGrace.valid, true);
  assert.equal(onGrace.grace, true);
  assert.equal(onGrace.graceEndsAt.getTime(), T0 + 72 * H);
  assert.equal(onGrace.licenseId, 42);
  assert.equal(graced.length, 1);
  assert.equal(graced[0][1].code, 'NETWORK_ERROR');

  // Grace is per product/domain/device: another product was never validated.
  await assert.rejects(client.validate({ product: 'OTHER' }), (e) => e instanceof LicensingError && e.kind === 'network' && e.code === 'NETWORK_ERROR');

  clock.advance(24 * H);  // 72 h after the last good answer
  await assert.rejects(client.validate({ product: 'API' }), (e) => e instanceof LicensingError && e.cannotReach);
});

test('a refusal is never covered by grace, and erases the last good answer', async () => {
  const p = platform();
  const clock = fakeClock(T0);
  const client = new LicensingClient({ baseUrl: 'http://gw', licenseKey: 'K', deviceId: 'pc-1', clock, fetch: p.fetch });
  await client.validate();
  p.answer = { valid: false, code: 'SUSPENDED', detail: 'The license is suspended' };
  const refused = await client.validate();
  assert.equal(refused.valid, false);
  assert.equal(refused.code, 'SUSPENDED');
  p.up = false;
  clock.advance(H);
  await assert.rejects(client.validate(), (e) => e.cannotReach === true);
});

test('grace is refused once the clock was set back', async () => {
  const p = platform();
  const clock = fakeClock(T0);
  const client = new LicensingClient({ baseUrl: 'http://gw', licenseKey: 'K', deviceId: 'pc-1', clock, fetch: p.fetch });
  await client.validate();
  clock.set(T0 + 24 * H);
  await client.validate();          // last-seen now T0 + 24 h
  p.up = false;
  clock.set(T0 + 2 * H);            // set back by 22 h
  await assert.rejects(client.validate(), (e) => e.cannotReach === true);
});
