/**
 * Where the SDK keeps what must survive a restart: the certificate, the platform's public key,
 * the last good validation and the last-seen time. Any object with these three methods works
 * (sync or async); values are strings (JSON).
 */
export interface Storage {
  get(key: string): Promise<string | null> | string | null;
  set(key: string, value: string): Promise<void> | void;
  delete(key: string): Promise<void> | void;
}

/** Kept in memory only (the default): lost when the process ends. */
export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get(key: string): string | null { return this.map.get(key) ?? null; }
  set(key: string, value: string): void { this.map.set(key, value); }
  delete(key: string): void { this.map.delete(key); }
}

/** Browsers: `localStorage` (or any Web Storage), keys prefixed. */
export class LocalStorageStorage implements Storage {
  private readonly store: globalThis.Storage;
  constructor(private readonly prefix = 'licensing:', store?: globalThis.Storage) {
    const s = store ?? (globalThis as { localStorage?: globalThis.Storage }).localStorage;
    if (!s) throw new Error('localStorage is not available here; pass a Storage');
    this.store = s;
  }
  get(key: string): string | null { return this.store.getItem(this.prefix + key); }
  set(key: string, value: string): void { this.store.setItem(this.prefix + key, value); }
  delete(key: string): void { this.store.removeItem(this.prefix + key); }
}
