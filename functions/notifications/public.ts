// What other capabilities may use of notifications: the official-document PDF (agency header,
// national motto, title, code, fields, QR code of a URL) that the slips use — payments renders
// its receipts with it, so every document the portal issues looks the same.
export type { SlipBlock, SlipDocument } from './domain/slip';
export { formatDateline, formatDateTime } from './domain/text';
export { renderSlipPdf as renderDocumentPdf } from './pdf/slip-pdf';
// The slip use cases of the dossiers capability's slip routes: a dossier's slips as listed, and one
// slip's PDF (the same decision and documents as the notifications). The caller authorizes and
// reads the dossier and its history; it loads this module on the first slip request.
export { listSlips, slipPdf, type SlipSummary } from './slips';
export type { IssuedSlipKind } from './domain/dossier-slips';
