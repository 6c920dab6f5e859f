// The slip as a PDF. The renderer (the embedded font, the QR encoder, the layout) is loaded on the
// first slip, not at module initialisation: most messages are SMS or notices without a form, and
// cold start stays small (docs/requirements.md R-PERF-COLD-START: ≤ 150 ms).
import { onceAsync } from '../../../shared/aws/clients';
import type { SlipDocument } from '../domain/slip';

const renderer = onceAsync(async () => (await import('./slip-layout')).layoutSlipPdf);

/** A4 PDF of a slip (Vietnamese text in embedded DejaVu Sans, QR code of the tracking URL). */
export const renderSlipPdf = async (message: { subject: string; trackingUrl: string }, slip: SlipDocument): Promise<Uint8Array> =>
  (await renderer())(message, slip);
