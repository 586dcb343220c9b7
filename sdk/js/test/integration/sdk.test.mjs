// The SDK against the running stack, through $GATEWAY_URL (deploy/local/suites.d/31-sdk-js.sh).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { LicensingClient, LicensingError, MemoryStorage } from '../../dist/index.js';
import { FileStorage, machineFingerprint } from '../../dist/node.js';
import { GW, api, world, stopGateway, startGateway } from './setup.mjs';

let w;
let dir;
const HWID = `HW-${process.pid}-${Date.now()}`;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sdkjs-'));
  w = await world();
});
after(async () => {
  await startGateway();   // even when a test failed while it was stopped
  rmSync(dir, { recursive: true, force: true });
});

function client(extra = {}) {
  return new LicensingClient({ baseUrl: GW, licenseKey: w.key, deviceId: 'pc-1', hwid: HWID, ...extra });
}

test('activate binds the device once (idempotent), then validate answers VALID', async () => {
  const c = client();
  const first = await c.activate({ name: 'SDK test PC' });
  assert.equal(first.created, true);
  assert.ok(first.deviceRowId > 0, JSON.stringify(first.raw));
  const again = await c.activate({ name: 'SDK test PC' });
  assert.equal(again.created, false);
  assert.equal(again.deviceRowId, first.deviceRowId);

  const v = await c.validate({ product: w.productCode });
  assert.equal(v.valid, true, v.detail);
  assert.equal(v.code, 'VALID');
  assert.equal(v.grace, false);
  assert.equal(v.licenseId, w.licenseId);
  const wrong = await c.validate({ product: 'NOPE' });
  assert.equal(wrong.valid, false);
  assert.equal(wrong.code, 'PRODUCT_MISMATCH');
  const stranger = await c.validate({ device: 'never-activated' });
  assert.equal(stranger.code, 'DEVICE_NOT_ACTIVATED');
});

test('refusals are LicensingErrors with the problem code; an unreachable platform is a network error', async () => {
  await assert.rejects(client({ hwid: 'OTHER-HARDWARE' }).activate(),
    (e) => e instanceof LicensingError && e.code === 'HWID_MISMATCH' && e.status === 409 && e.kind === 'refused');
  await assert.rejects(new LicensingClient({ baseUrl: 'http://127.0.0.1:9', licenseKey: w.key, deviceId: 'pc-1' }).validate(),
    (e) => e instanceof LicensingError && e.kind === 'network' && e.status === 0 && e.code === 'NETWORK_ERROR');
});

test('a session heartbeats, is rate limited with Retry-After, and closes', async () => {
  const c = client();
  const s = await c.startSession({ clientVersion: '1.0.0-test' });
  assert.ok(s.token && s.id);
  assert.ok(s.intervalSeconds >= 1);
  const beats = [];
  const errors = [];
  s.on('heartbeat', (b) => beats.push(b));
  s.on('retry', (e) => errors.push(e));
  for (let i = 0; i < 3; i++) await s.beatNow();
  assert.equal(beats.length, 3, JSON.stringify(errors.map((e) => e.error.message)));
  assert.equal(beats[2].nextHeartbeatSeconds, s.intervalSeconds);
  assert.ok(typeof beats[2].usageSeconds === 'number');
  // The platform allows a few beats per device and window: beyond, 429 and Retry-After.
  for (let i = 0; i < 12 && errors.length === 0; i++) await s.beatNow();
  assert.ok(errors.length >= 1, 'no 429 after 15 beats');
  assert.equal(errors[0].error.status, 429);
  assert.equal(errors[0].error.code, 'RATE_LIMITED');
  assert.ok(errors[0].error.retryAfterMs > 0);
  assert.ok(errors[0].delayMs >= errors[0].error.retryAfterMs, 'waits at least Retry-After');
  assert.ok(errors[0].delayMs <= errors[0].error.retryAfterMs * 1.1 + 1);
  assert.equal(s.running, true, 'a 429 does not end the session');
  let ended;
  s.on('ended', (e) => { ended = e; });
  const signedOut = await s.close();
  assert.equal(signedOut.end_reason, 'signed_out');
  assert.equal(s.running, false);
  assert.equal(ended.status, 'closed');
});

test('a certificate fetched by the application verifies offline; a tampered one is refused; a clock set back is detected', async () => {
  const storage = new FileStorage(path.join(dir, 'license.json'));
  const c = client({ storage });
  const cert = await c.fetchCertificate({ validityDays: 7 });
  assert.match(cert.certificate, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  assert.ok(cert.notAfter.getTime() > Date.now());

  // Offline from here on: a client whose fetch always fails, reading the same file.
  const offline = (clock) => new LicensingClient({
    baseUrl: GW, licenseKey: w.key, deviceId: 'pc-1', hwid: HWID, clock,
    storage: new FileStorage(path.join(dir, 'license.json')),
    fetch: async () => { throw new TypeError('offline'); },
  });
  const ok = await offline(Date.now).verifyOffline();
  assert.equal(ok.code, 'VALID', ok.detail);
  assert.equal(ok.payload.license_id, w.licenseId);
  assert.equal(ok.payload.product_code, w.productCode);

  const other = await new LicensingClient({ baseUrl: GW, licenseKey: w.key, deviceId: 'pc-1', hwid: 'ANOTHER-MACHINE',
    storage: new FileStorage(path.join(dir, 'license.json')) }).verifyOffline();
  assert.equal(other.code, 'FINGERPRINT_MISMATCH');

  const [body, sig] = cert.certificate.split('.');
  const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  p.entitlements.max_devices = 1000;
  const tampered = new LicensingClient({ baseUrl: GW, licenseKey: w.key, deviceId: 'pc-1', hwid: HWID, storage: new MemoryStorage(),
    publicKey: (await api('GET', '/api/v1/keys/public')).public_key });
  await tampered.storeCertificate(`${Buffer.from(JSON.stringify(p)).toString('base64url')}.${sig}`);
  assert.equal((await tampered.verifyOffline()).code, 'BAD_SIGNATURE');

  const setBack = await offline(() => Date.now() - 2 * 3600_000).verifyOffline();
  assert.equal(setBack.code, 'CLOCK_TAMPERED');
  assert.equal(setBack.valid, false);

  // Online again, the certificate is one of this license's, for this device.
  const v = await c.validate({ certificateId: cert.certificateId });
  assert.equal(v.code, 'VALID', v.detail);
});

test('while the gateway is stopped, validate runs on grace and the session keeps retrying', async () => {
  const storage = new MemoryStorage();
  const c = client({ storage, timeoutMs: 3000, deviceId: 'pc-grace' });
  await c.activate();
  const online = await c.validate({ product: w.productCode });
  assert.equal(online.valid, true);
  const s = await c.startSession({ clientVersion: '1.0.0-test', unref: true });
  const errors = [];
  const beats = [];
  s.on('retry', (e) => errors.push(e));
  s.on('heartbeat', (b) => beats.push(b));
  await stopGateway();
  try {
    const v = await c.validate({ product: w.productCode });
    assert.equal(v.grace, true);
    assert.equal(v.valid, true);
    assert.ok(v.graceEndsAt.getTime() > Date.now() + 71 * 3600_000);
    await s.beatNow();
    assert.equal(errors.length, 1);
    assert.equal(errors[0].error.kind, 'network');
    assert.ok(errors[0].delayMs > 0);
    assert.equal(s.running, true);
    // Grace never covers a key that never validated.
    await assert.rejects(client({ deviceId: 'pc-1', storage: new MemoryStorage() }).validate(), (e) => e.kind === 'network');
  } finally {
    await startGateway();
  }
  await s.beatNow();
  assert.equal(beats.length, 1, 'the session beats again once the platform is back');
  const back = await c.validate({ product: w.productCode });
  assert.equal(back.grace, false);
  await s.close();
});

test('blocking the device reaches the session callback as blocked, and the session stops', async () => {
  const c = client({ deviceId: 'pc-2' });
  const a = await c.activate();
  const s = await c.startSession({ clientVersion: '1.0.0-test', unref: true });
  const ended = new Promise((resolve) => s.on('ended', resolve));
  await api('POST', `/api/v1/devices/${a.deviceRowId}/block`, { reason: 'sdk test' }, w.seller);
  await s.beatNow();
  const e = await ended;
  assert.equal(e.status, 'blocked');
  assert.match(e.reason ?? '', /block/i);
  assert.equal(s.running, false);
  const v = await c.validate();
  assert.equal(v.code, 'DEVICE_BLOCKED');
});

test('deactivate frees the slot (with the customer token)', async () => {
  const c = client({ deviceId: 'pc-3' });
  const a = await c.activate();
  const r = await c.deactivate({ deviceRowId: a.deviceRowId, accessToken: w.customer });
  assert.ok(r);
  assert.equal((await c.validate()).code, 'DEVICE_NOT_ACTIVATED');
});

test('machineFingerprint: LICENSING_FINGERPRINT overrides, and the machine id is stable and hashed', async () => {
  const a = await machineFingerprint({});
  const b = await machineFingerprint({});
  assert.equal(a, b);
  assert.match(a, /^[0-9a-f]{64}$/);
  const o = await machineFingerprint({ LICENSING_FINGERPRINT: 'container-7' });
  assert.notEqual(o, a);
  assert.equal(o, await machineFingerprint({ LICENSING_FINGERPRINT: ' container-7 ' }));
});
