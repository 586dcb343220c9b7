import { test } from 'node:test';
import assert from 'node:assert/strict';

import { verifyCertificate, keyIdOf, LicensingClient, MemoryStorage } from '../../dist/index.js';
import { keyPair, payload, sign, fakeClock } from './helpers.mjs';

const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T12:00:00Z');
const HWID = 'SERIAL-123';

test('a certificate signed by the key verifies, with raw, SPKI and PEM keys', async () => {
  const { pair, spki, raw, keyId } = await keyPair();
  assert.equal(await keyIdOf(spki), keyId);
  assert.equal(await keyIdOf(raw), keyId);
  const cert = await sign(pair, payload(HWID, { issuedAt: T0, notAfter: T0 + 30 * DAY, keyId }));
  const pem = `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`;
  for (const publicKey of [spki, raw, pem]) {
    const r = await verifyCertificate({ certificate: cert, key: { publicKey }, hwid: HWID, nowMs: T0 + DAY });
    assert.equal(r.code, 'VALID', r.detail);
    assert.equal(r.valid, true);
    assert.equal(r.payload.license_id, 7);
    assert.equal(r.notAfter.getTime(), T0 + 30 * DAY);
  }
});

test('a tampered payload or signature is refused', async () => {
  const { pair, spki, keyId } = await keyPair();
  const p = payload(HWID, { issuedAt: T0, notAfter: T0 + 30 * DAY, keyId });
  const cert = await sign(pair, p);
  const [body, sig] = cert.split('.');
  const forged = Buffer.from(JSON.stringify({ ...p, entitlements: { ...p.entitlements, max_devices: 999 } })).toString('base64url');
  const key = { publicKey: spki };
  assert.equal((await verifyCertificate({ certificate: `${forged}.${sig}`, key, hwid: HWID, nowMs: T0 })).code, 'BAD_SIGNATURE');
  const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
  assert.equal((await verifyCertificate({ certificate: `${body}.${flipped}`, key, hwid: HWID, nowMs: T0 })).code, 'BAD_SIGNATURE');
  // Signed by another key that claims this key's id.
  const other = await keyPair();
  const impostor = await sign(other.pair, p);
  assert.equal((await verifyCertificate({ certificate: impostor, key, hwid: HWID, nowMs: T0 })).code, 'BAD_SIGNATURE');
  assert.equal((await verifyCertificate({ certificate: 'not-a-certificate', key, hwid: HWID, nowMs: T0 })).code, 'MALFORMED');
  assert.equal((await verifyCertificate({ certificate: null, key, hwid: HWID, nowMs: T0 })).code, 'NO_CERTIFICATE');
});

test('another device, another key, expiry and a clock before the issue time are refused', async () => {
  const { pair, spki, keyId } = await keyPair();
  const cert = await sign(pair, payload(HWID, { issuedAt: T0, notAfter: T0 + 30 * DAY, keyId }));
  const key = { publicKey: spki };
  assert.equal((await verifyCertificate({ certificate: cert, key, hwid: 'OTHER', nowMs: T0 })).code, 'FINGERPRINT_MISMATCH');
  assert.equal((await verifyCertificate({ certificate: cert, key: { publicKey: (await keyPair()).spki }, hwid: HWID, nowMs: T0 })).code, 'UNKNOWN_KEY');
  assert.equal((await verifyCertificate({ certificate: cert, key, hwid: HWID, nowMs: T0 + 30 * DAY })).code, 'EXPIRED');
  assert.equal((await verifyCertificate({ certificate: cert, key, hwid: HWID, nowMs: T0 - DAY })).code, 'CLOCK_TAMPERED');
  assert.equal((await verifyCertificate({ certificate: cert, key, hwid: HWID, nowMs: T0 - 60_000 })).code, 'VALID');
  assert.equal((await verifyCertificate({ certificate: cert, key: undefined, hwid: HWID, nowMs: T0 })).code, 'UNKNOWN_KEY');
});

test('a clock set back below the last-seen time is detected by the client, offline', async () => {
  const { pair, spki, keyId } = await keyPair();
  const clock = fakeClock(T0 + DAY);
  const client = new LicensingClient({
    baseUrl: 'http://127.0.0.1:9', licenseKey: 'K', deviceId: 'pc-1', hwid: HWID,
    publicKey: spki, storage: new MemoryStorage(), clock,
    fetch: () => { throw new Error('no network in this test'); },
  });
  await client.storeCertificate(await sign(pair, payload(HWID, { issuedAt: T0, notAfter: T0 + 30 * DAY, keyId })));
  clock.set(T0 + 10 * DAY);
  assert.equal((await client.verifyOffline()).code, 'VALID');
  clock.set(T0 + 2 * DAY);   // back by 8 days: still inside the certificate's window, but set back
  const r = await client.verifyOffline();
  assert.equal(r.code, 'CLOCK_TAMPERED');
  assert.equal(r.valid, false);
  clock.set(T0 + 10 * DAY - 60_000);   // within the 5 min tolerance
  assert.equal((await client.verifyOffline()).code, 'VALID');
  assert.equal((await client.verifyOffline('OTHER-MACHINE')).code, 'FINGERPRINT_MISMATCH');
});
