// The main entry in headless Chromium (Debian's /usr/bin/chromium): WebCrypto Ed25519 verification,
// a tampered certificate refused, localStorage storage, a stable browser fingerprint.
// Usage: node test/browser/check.mjs   (exit 0 on success; CHROMIUM=path to use another binary)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = createServer(async (req, res) => {
  const p = new URL(req.url, 'http://x').pathname;
  const file = p === '/' ? path.join(root, 'test/browser/page.html') : path.join(root, path.normalize(p));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
  } catch { res.writeHead(404).end(); }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const profile = mkdtempSync(path.join(tmpdir(), 'sdkjs-chromium-'));
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
  '--virtual-time-budget=10000', '--dump-dom', `http://127.0.0.1:${server.address().port}/`];
const dom = await new Promise((resolve, reject) => execFile(process.env.CHROMIUM ?? '/usr/bin/chromium', args,
  { timeout: 90_000, maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(String(stdout)))));
server.close();
rmSync(profile, { recursive: true, force: true });
const title = dom.match(/<title>([^<]*)<\/title>/)?.[1];
const expected = 'VALID,BAD_SIGNATURE,STABLE';
if (title !== expected) {
  console.error(`browser check: expected ${expected}, got ${title}`);
  process.exit(1);
}
console.log(`browser check (Chromium): ${title}`);
