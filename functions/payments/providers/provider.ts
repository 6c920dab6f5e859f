// The provider interface: what the payments capability needs from a payment gateway. One adapter
// (hmac-gateway.ts) implements it for any gateway that speaks the signed redirect / callback /
// settlement protocol of docs/payments.md; which gateways exist is configuration
// (PAYMENT_PROVIDERS and the provider secrets), so adding a real one changes no code.
import type { SettlementLine } from '../../../shared/contracts/payments';
import type { BodyVerdict } from './signing';

export interface CheckoutRequest {
  orderId: string;
  amount: number;
  description: string;
  expiresAt: Date;
  /** Where the provider sends the payer back when they are done. */
  returnUrl: string;
}

export interface PaymentProvider {
  readonly name: string;
  /** The page where the payer pays this order (signed, so the amount cannot be altered). */
  checkoutUrl(request: CheckoutRequest): Promise<string>;
  /** Whether a callback body really comes from this provider, now. */
  verifyCallback(headers: Record<string, string | undefined>, rawBody: string, now: Date): Promise<BodyVerdict>;
  /** The provider's settlement report of one day (Asia/Ho_Chi_Minh), verified. */
  settlementReport(date: string, now: Date): Promise<SettlementLine[]>;
}

export interface ProviderConfig {
  name: string;
  checkoutUrl: string;
  settlementUrl: string;
}
