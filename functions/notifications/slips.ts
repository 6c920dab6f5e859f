// The slips a dossier was issued, as the dossiers capability's slip routes answer them (docs/dossiers.md
// "Slips"): the list, oldest first, and one slip's PDF — the same decision and documents as the
// notifications (domain/dossier-slips.ts). The caller authorizes and reads the dossier and its
// history, and says which portal the QR codes point to. The PDF writer loads on the first PDF.
import type { DossierEvent, DossierRecord } from '../dossiers/public-shapes';
import { findSlip, issuedSlips, slipFileOf, type IssuedSlip, type IssuedSlipKind } from './domain/dossier-slips';
import { renderSlipPdf } from './pdf/slip-pdf';

/** A listed slip: which, of which form, when, and its title as the PDF carries it. */
export interface SlipSummary {
  kind: IssuedSlipKind;
  form: IssuedSlip['form'];
  /** The slip's instant, which also picks it among slips of its kind. */
  issuedAt: string;
  title: string;
}

/** The slips of a dossier, oldest first. */
export const listSlips = (d: DossierRecord, history: readonly DossierEvent[], baseUrl: string): SlipSummary[] =>
  issuedSlips(d, history).map((s) => ({ kind: s.kind, form: s.form, issuedAt: s.issuedAt, title: slipFileOf(s, d, baseUrl).slip.title }));

/** The PDF of the slip of `kind` issued at `at` (the latest of the kind without `at`); null when there is none. */
export const slipPdf = async (
  d: DossierRecord,
  history: readonly DossierEvent[],
  slip: { kind: IssuedSlipKind; at?: string },
  baseUrl: string,
): Promise<{ bytes: Uint8Array; fileName: string } | null> => {
  const issued = findSlip(issuedSlips(d, history), slip.kind, slip.at);
  if (!issued) return null;
  const file = slipFileOf(issued, d, baseUrl);
  return { bytes: await renderSlipPdf(file, file.slip), fileName: file.fileName };
};
