import { errorFromNetwork, errorFromResponse, LicensingError } from './errors.js';
import { parseRetryAfter } from './retry.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpOptions {
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  userAgent?: string;
  now?: () => number;
}

export interface HttpAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** JSON over fetch, every failure mapped to a LicensingError (refusal or network). */
export class Http {
  private readonly base: string;
  private readonly doFetch: FetchLike;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: HttpOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    const f = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
    if (!f) throw new Error('fetch is not available; pass options.fetch');
    this.doFetch = f;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async request<T>(method: string, path: string, init: { body?: unknown; token?: string } = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;
    let response: Response;
    try {
      response = await this.doFetch(this.base + path, {
        method, headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw errorFromNetwork(e);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      throw errorFromNetwork(e);
    }
    let body: unknown = text;
    if (text.length > 0) {
      try { body = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    } else {
      body = null;
    }
    if (response.status >= 400) {
      throw errorFromResponse(response.status, body, parseRetryAfter(response.headers.get('Retry-After'), this.now()));
    }
    if (body === null || typeof body !== 'object') {
      throw new LicensingError({ code: 'UNEXPECTED_ANSWER', status: response.status, detail: `Not a JSON answer from ${path}` });
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }
}
