// The one HTTP client of the app: JSON in and out, the signed-in user's token, and the API's error
// envelope turned into an ApiError the pages can show (message, field details).
import { currentToken, signOut } from './auth';

export interface ErrorDetail { path?: string; message?: string; [key: string]: unknown }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export interface Page<T> { items: T[]; nextCursor: string | null }

type Query = Record<string, string | number | boolean | undefined | null>;

export const withQuery = (path: string, query?: Query) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

export interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the user's token (default: whenever signed in). */
  auth?: boolean;
  signal?: AbortSignal;
}

export const request = async <T>(path: string, opts: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.auth !== false) {
    const token = await currentToken();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  const text = await res.text();
  let data: unknown;
  try { data = text ? JSON.parse(text) : undefined; } catch { data = undefined; }
  if (!res.ok) {
    const envelope = (data as { error?: { code?: string; message?: string; details?: ErrorDetail[] }; message?: string } | undefined);
    if (res.status === 401 && opts.auth !== false) signOut({ expired: true });
    throw new ApiError(
      res.status,
      envelope?.error?.code ?? (res.status === 401 ? 'UNAUTHENTICATED' : `HTTP_${res.status}`),
      envelope?.error?.message ?? envelope?.message ?? res.statusText,
      envelope?.error?.details ?? [],
    );
  }
  return data as T;
};

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'method'> = {}) => request<T>(path, { ...opts, query }),
  post: <T>(path: string, body: unknown = {}, opts: Omit<RequestOptions, 'body' | 'method'> = {}) => request<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'body' | 'method'> = {}) => request<T>(path, { ...opts, method: 'PUT', body }),
};

/** Downloads a protected file (a slip, a receipt, an attachment) with the user's token. */
export const download = async (path: string, fallbackName: string) => {
  const token = await currentToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
  }
  const type = res.headers.get('content-type') ?? '';
  // A route may answer with a short-lived link to the object rather than the bytes.
  if (type.includes('application/json')) {
    const body = (await res.json()) as { url?: string; downloadUrl?: string };
    const link = body.url ?? body.downloadUrl;
    if (link) { window.open(link, '_blank', 'noopener'); return; }
  }
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
};

/** A fresh idempotency key for one user intent (kept by the caller across retries of that intent). */
export const idempotencyKey = () => crypto.randomUUID();
