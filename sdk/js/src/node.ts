/**
 * Node-only helpers (`@licensing/sdk/node`): a file storage and the machine fingerprint. Kept out
 * of the main entry so that browser bundles never see `node:` modules.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { arch, hostname, platform } from 'node:os';
import { dirname } from 'node:path';

import { sha256Hex } from './encoding.js';
import { hashFingerprint } from './fingerprint.js';
import type { Device } from './types.js';
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
    for (const f of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
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

/** `linux`, `darwin`, `windows` or the OS name; `x64`, `arm64` or the architecture (as the Java SDK). */
function platformName(): string {
  const p = platform();
  return p === 'win32' ? 'windows' : p;
}

function archName(): string {
  const a = arch();
  return a === 'x64' || a === 'arm64' ? a : a.toLowerCase();
}

/**
 * A stable, hashed id of this machine. `LICENSING_FINGERPRINT` set and not blank: SHA-256 hex of
 * its trimmed value (containers). Else SHA-256 hex of `licensing-fingerprint:v1\n` + platform +
 * `\n` + arch + `\n` + the OS machine id (`/etc/machine-id`, `/var/lib/dbus/machine-id`,
 * `IOPlatformUUID`, `MachineGuid`), or the host name when there is none.
 */
export async function machineFingerprint(env: Record<string, string | undefined> = process.env): Promise<string> {
  const override = env.LICENSING_FINGERPRINT?.trim();
  if (override) return sha256Hex(override);
  return hashFingerprint(platformName(), archName(), (await machineId()) ?? hostname());
}

/** This machine as a device: hwid = machineFingerprint(), id = `fp-` + its first 16 hex digits. */
export async function thisMachine(name?: string): Promise<Device> {
  const hwid = await machineFingerprint();
  return { id: `fp-${hwid.slice(0, 16)}`, hwid, ...(name ? { name } : {}) };
}
