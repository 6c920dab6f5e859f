// The typed client: openapi-fetch over the types generated from the portal's OpenAPI document
// (api-types.ts), so every path, parameter, body and response is checked by the compiler against
// the contract the portal serves. Authentication is a middleware (auth.ts).
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-types';

export type { components, operations, paths } from './api-types';

/** The named schemas of the contract, e.g. `Schema<'SyncOutboundEvent'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type PortalClient = Client<paths>;

export interface PortalClientOptions {
  /** Where the portal answers, e.g. http://127.0.0.1:3000 (`npm start`) or the API's HTTPS URL. */
  baseUrl: string;
  /** Authentication: `bearerToken(…)` for users, `agencySigning(…)` for agency systems. */
  auth?: Middleware;
  /** Instead of the global fetch (tests, proxies). */
  fetch?: (input: Request) => Promise<Response>;
}

export const createPortalClient = (opts: PortalClientOptions): PortalClient => {
  const client = createClient<paths>({ baseUrl: opts.baseUrl, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  if (opts.auth) client.use(opts.auth);
  return client;
};

/** An answer other than the one expected: the status and the portal's error envelope (or the gateway's body). */
export class PortalError extends Error {
  constructor(readonly status: number, readonly body: unknown, what: string) {
    const envelope = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    super(`${what}: HTTP ${status}${envelope ? ` ${envelope.code}: ${envelope.message}` : body === undefined ? '' : ` ${JSON.stringify(body)}`}`);
    this.name = 'PortalError';
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of a successful answer, or a PortalError. With `status`, only that status counts as a
 * success (e.g. 202 for a sync batch, 201 for a creation).
 */
export const unwrap = <T>(result: Result<T>, what = `${result.response.url}`, status?: number): T => {
  const { response } = result;
  if (!response.ok || (status !== undefined && response.status !== status)) throw new PortalError(response.status, result.error ?? result.data, what);
  return result.data as T;
};
