import { test } from 'node:test';
import assert from 'node:assert/strict';

import { verifyCertificate, LicensingClient, MemoryStorage } from '../../dist/index.js';
import { keyPair, payload, sign, fakeClock } from './helpers.mjs';

const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T12:00:00Z');
const HWID = 'SERIAL-123';

test('a certificate signed by the key verifies, with raw and SPKI keys', async () => {
  const { pair, spki, raw } = await keyPair();
  const cert = await sign(pair, payload(HWID, { issuedAt: T0, notAfter: T0 + 30 * DAY }));
  for (const publicKey of [spki, raw]) {
    const r = await verifyCertificate({ certificate: cert, key: { publicKey, keyId: 'k1' }, hwid: HWID, nowMs: T0 + DAY });
    assert.equal(r.code, 'VALID', r.detail);
    assert.equal(r.valid, true);
    assert.equal(r.payload.license_id, 7);
    assert.equal(r.notAfter.getTime(), T0 + 30 * DAY);
  }
});

test('a tampered payload or signature is refused', async () => {
  const { pair, spki } = await keyPair();
  const p = payload(HWID, { issuedAt: T0, notAfter: T0 + 30 * DAY });
  const cert = await sign(pair, p);
  const [body, sig] = cert.split('.');
  const forged = Buffer.from(JSON.stringify({ ...p, entitlements: { ...p.entitlements, max_devices: 999 } })).toString('base64url');
  const key = { publicKey: spki };
  assert.equal((await verifyCertificate({ certificate: `${forged}.${sig}`, key, hwid: HWID, nowMs: T0 })).code, 'BAD_SIGNATURE');
  const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
  assert.equal((await verifyCertificate({ certificate: `${body}.${flipped}`, key, hwid: HWID, nowMs: T0 })).code, 'BAD_SIGNATURE');
  const other = await keyPair();
  assert.equal((await verifyCertificate({ certificate: cert, key: { publicKey: other.spki }, hwid: HWID, nowMs: T0 })).code, 'BAD_SIGNATURE');
  assert.equal((await verifyCertificate({ certificate: 'not-a-certificate', key, hwid: HWID, nowMs: T0 })).code, 'MALFORMED');
  assert.equal((await verifyCertificate({ certificate: null, key, hwid: HWID, nowMs: T0 })).code, 'NO_CERTIFICATE');
});

test('another device, another key id, expiry and a future issue date are refused', async () => {
  const { pair, spki } = await keyPair();
  const cert = await sign(pair, payload(HWID, { issuedAt: T0, notAfter: T0 + 30 * DAY }));
  const key = { publicKey: spki, keyId: 'k1' };
  assert.equal((await verifyCertificate({ certificate: cert, key, hwid: 'OTHER', nowMs: T0 })).code, 'FINGERPRINT_MISMATCH');
  assert.equal((await verifyCertificate({ certificate: cert, key: { publicKey: spki, keyId: 'k2' }, hwid: HWID, nowMs: T0 })).code, 'KEY_MISMATCH');
  assert.equal((await verifyCertificate({ certificate: cert, key, hwid: HWID, nowMs: T0 + 30 * DAY })).code, 'EXPIRED');
  assert.equal((await verifyCertificate({ certificate: cert, key, hwid: HWID, nowMs: T0 - DAY })).code, 'NOT_YET_VALID');
  assert.equal((await verifyCertificate({ certificate: cert, key: undefined, hwid: HWID, nowMs: T0 })).code, 'UNKNOWN_KEY');
});

test('a clock set back below the last-seen time is detected by the client, offline', async () => {
  const { pair, spki } = await keyPair();
  const clock = fakeClock(T0 + DAY);
  const client = new LicensingClient({
    baseUrl: 'http://127.0.0.1:9', licenseKey: 'K', deviceId: 'pc-1', hwid: HWID,
    publicKey: { publicKey: spki, keyId: 'k1' }, storage: new MemoryStorage(), clock,
    fetch: () => { throw new Error('no network in this test'); },
  });
  await client.storeCertificate(await sign(pair, payload(HWID, { issuedAt: T0, notAfter: T0 + 30 * DAY })));
  clock.set(T0 + 10 * DAY);
  assert.equal((await client.verifyCertificate()).code, 'VALID');
  clock.set(T0 + 2 * DAY);   // back by 8 days: still inside the certificate's window, but set back
  const r = await client.verifyCertificate();
  assert.equal(r.code, 'CLOCK_SET_BACK');
  assert.equal(r.valid, false);
  clock.set(T0 + 10 * DAY - 60_000);   // within the 5 min tolerance
  assert.equal((await client.verifyCertificate()).code, 'VALID');
});
