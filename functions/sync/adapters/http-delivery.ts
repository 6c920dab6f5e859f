// Pushing one signed event to an agency system's endpoint. 2xx = delivered; anything else (a
// status, a refused connection, a timeout) is a failed attempt the caller retries. Redirects are
// not followed: the signature covers the registered path, and a redirect could lead anywhere.
export interface DeliveryResult {
  ok: boolean;
  /** `HTTP 503`, `ECONNREFUSED`, `timeout after 10000 ms`: for the outbox and the logs (never a body). */
  detail: string;
}

export interface EventDelivery {
  post(url: string, body: string, headers: Record<string, string>): Promise<DeliveryResult>;
}

export const DELIVERY_TIMEOUT_MS = 10_000;

export const httpDelivery = (timeoutMs = DELIVERY_TIMEOUT_MS): EventDelivery => ({
  async post(url, body, headers) {
    try {
      const res = await fetch(url, {
        method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
        headers: { 'content-type': 'application/json', ...headers },
      });
      await res.arrayBuffer().catch(() => undefined); // free the connection
      return { ok: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}` };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, detail: `timeout after ${timeoutMs} ms` };
      return { ok: false, detail: e.cause?.code ?? e.name ?? 'network error' };
    }
  },
});
