#!/usr/bin/env node
// Activates this machine, validates the key, keeps a session open until Ctrl-C (or until the
// platform blocks, expires or revokes it) and keeps an offline certificate for the days without
// network. Usage:
//   LICENSING_URL=http://127.0.0.1:8080 LICENSING_KEY=ACME-... node cli.mjs [--product API] [--once]
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { LicensingClient, LicensingError } from '@licensing/sdk';
import { FileStorage, thisMachine } from '@licensing/sdk/node';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.LICENSING_URL ?? 'http://127.0.0.1:8080' },
    key: { type: 'string', default: process.env.LICENSING_KEY },
    product: { type: 'string' },
    device: { type: 'string', default: process.env.LICENSING_DEVICE_ID },
    state: { type: 'string', default: path.join(homedir(), '.licensing-example.json') },
    once: { type: 'boolean', default: false },
  },
});
if (!opt.key) {
  console.error('usage: LICENSING_KEY=<license key> node cli.mjs [--url URL] [--product CODE] [--once]');
  process.exit(2);
}

const machine = await thisMachine('node-cli example');   // hashed machine id; LICENSING_FINGERPRINT overrides it
const client = new LicensingClient({
  baseUrl: opt.url, licenseKey: opt.key,
  deviceId: opt.device ?? machine.id, hwid: machine.hwid,
  storage: new FileStorage(opt.state),
});

try {
  const a = await client.activate({ name: machine.name });
  console.log(a.created ? `activated (device ${a.deviceRowId})` : `already active (device ${a.deviceRowId})`);
  const v = await client.validate({ ...(opt.product ? { product: opt.product } : {}) });
  if (!v.valid) {
    console.error(`license refused: ${v.code}: ${v.detail}`);
    process.exit(1);
  }
  console.log(v.grace ? `valid ON GRACE until ${v.graceEndsAt.toISOString()}` : `valid (${v.code}), license ${v.licenseId}`);
  const cert = await client.fetchCertificate({ validityDays: 7 });
  console.log(`offline certificate until ${cert.notAfter?.toISOString()}; offline check: ${(await client.verifyOffline()).code}`);
} catch (e) {
  if (!(e instanceof LicensingError)) throw e;
  if (e.cannotReach) {
    // No platform: the certificate decides (verified without any network call).
    const offline = await client.verifyOffline();
    console.error(`platform unreachable (${e.code}); offline certificate: ${offline.code}`);
    process.exit(offline.valid ? 0 : 1);
  }
  console.error(`refused: ${e.code} (${e.status}): ${e.detail}`);
  process.exit(1);
}
if (opt.once) process.exit(0);

const session = await client.startSession({ clientVersion: '0.1.0' });
console.log(`session ${session.id}: heartbeat every ${session.intervalSeconds} s (Ctrl-C ends it)`);
session.on('heartbeat', (b) => console.log(`heartbeat ok, ${b.usageSeconds ?? '?'} s used, next in ${b.nextHeartbeatSeconds} s`));
session.on('retry', (e) => console.warn(`heartbeat failed (${e.error.code}); retrying in ${Math.round(e.delayMs / 1000)} s`));
session.on('ended', (e) => {
  // blocked / expired / revoked by the platform, or closed by us (Ctrl-C)
  console.log(e.status === 'closed' ? 'signed out' : `session ended by the platform: ${e.status}${e.reason ? ` (${e.reason})` : ''}`);
  process.exit(e.status === 'closed' ? 0 : 1);
});
process.on('SIGINT', () => { void session.close(); });
process.on('SIGTERM', () => { void session.close(); });
