/**
 * Node-only helpers (`@licensing/sdk/node`): a file storage and the machine fingerprint. Kept out
 * of the main entry so that browser bundles never see `node:` modules.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname, networkInterfaces, platform } from 'node:os';
import { dirname } from 'node:path';

import { hashFingerprint } from './fingerprint.js';
import type { Storage } from './storage.js';

/** One JSON file (written atomically: temporary file, then rename; mode 0600). */
export class FileStorage implements Storage {
  private cache: Record<string, string> | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async get(key: string): Promise<string | null> {
    return (await this.load())[key] ?? null;
  }

  set(key: string, value: string): Promise<void> {
    return this.update((m) => { m[key] = value; });
  }

  delete(key: string): Promise<void> {
    return this.update((m) => { delete m[key]; });
  }

  private async load(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as unknown;
      this.cache = parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      this.cache = {};
    }
    return this.cache;
  }

  private update(change: (m: Record<string, string>) => void): Promise<void> {
    this.chain = this.chain.then(async () => {
      const m = await this.load();
      change(m);
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(m), { mode: 0o600 });
      await rename(tmp, this.path);
    });
    return this.chain;
  }
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5000, windowsHide: true }, (err, stdout) => resolve(err ? '' : String(stdout)));
  });
}

/** The raw machine id of this OS, or undefined (documented in README.md, "Machine fingerprint"). */
export async function machineId(): Promise<string | undefined> {
  const os = platform();
  if (os === 'linux' || os === 'freebsd' || os === 'openbsd') {
    for (const f of ['/etc/machine-id', '/var/lib/dbus/machine-id', '/etc/hostid']) {
      try {
        const v = (await readFile(f, 'utf8')).trim();
        if (v) return v;
      } catch { /* next */ }
    }
  } else if (os === 'darwin') {
    const m = (await run('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice'])).match(/"IOPlatformUUID"\s*=\s*"([^"]+)"/);
    if (m) return m[1];
  } else if (os === 'win32') {
    const m = (await run('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid']))
      .match(/MachineGuid\s+REG_SZ\s+(\S+)/);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * A stable, hashed id of this machine: SHA-256 hex of `licensing-fingerprint:v1:` + the input,
 * the input being `LICENSING_FINGERPRINT` when set (containers), else the OS machine id, else
 * the hostname and the sorted MAC addresses of the non-internal interfaces.
 */
export async function machineFingerprint(env: Record<string, string | undefined> = process.env): Promise<string> {
  const override = env.LICENSING_FINGERPRINT?.trim();
  if (override) return hashFingerprint(override);
  const id = await machineId();
  if (id) return hashFingerprint(id);
  const macs = Object.values(networkInterfaces()).flat()
    .filter((i) => i && !i.internal && i.mac && i.mac !== '00:00:00:00:00:00')
    .map((i) => i!.mac).sort();
  return hashFingerprint(`${hostname()}|${[...new Set(macs)].join(',')}`);
}
