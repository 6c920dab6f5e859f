// A payment gateway speaking the signed protocol of docs/payments.md (signing.ts): the sandbox of
// the local runtime is one, configured like any real gateway would be.
import { SettlementReport } from '../../../shared/contracts/payments';
import type { CheckoutRequest, PaymentProvider, ProviderConfig } from './provider';
import { signBody, signParams, verifyBody } from './signing';

export class ProviderUnavailableError extends Error {}

export class HmacGatewayProvider implements PaymentProvider {
  readonly name: string;

  constructor(
    private readonly config: ProviderConfig,
    private readonly secret: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.name = config.name;
  }

  async checkoutUrl(request: CheckoutRequest): Promise<string> {
    const params: Record<string, string> = {
      orderId: request.orderId,
      amount: String(request.amount),
      currency: 'VND',
      description: request.description,
      expiresAt: String(Math.floor(request.expiresAt.getTime() / 1000)),
      returnUrl: request.returnUrl,
    };
    const url = new URL(this.config.checkoutUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('signature', signParams(await this.secret(), params));
    return url.toString();
  }

  async verifyCallback(headers: Record<string, string | undefined>, rawBody: string, now: Date) {
    return verifyBody(await this.secret(), headers, rawBody, now);
  }

  async settlementReport(date: string, now: Date) {
    const secret = await this.secret();
    const url = new URL(this.config.settlementUrl);
    url.searchParams.set('date', date);
    const request = `date=${date}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { headers: signBody(secret, request, now), signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      throw new ProviderUnavailableError(`${this.name}: settlement report unreachable (${(error as Error).message})`);
    }
    const body = await res.text();
    if (!res.ok) throw new ProviderUnavailableError(`${this.name}: settlement report answered ${res.status}`);
    const verdict = verifyBody(secret, Object.fromEntries(res.headers), body, now);
    if (!verdict.ok) throw new ProviderUnavailableError(`${this.name}: settlement report not trusted (${verdict.reason})`);
    const report = SettlementReport.safeParse(JSON.parse(body));
    if (!report.success || report.data.date !== date) throw new ProviderUnavailableError(`${this.name}: settlement report malformed`);
    return report.data.lines;
  }
}
