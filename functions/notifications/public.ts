// What other capabilities may use of notifications: the official-document PDF (agency header,
// national motto, title, code, fields, QR code of a URL) that the slips use — payments renders
// its receipts with it, so every document the portal issues looks the same.
export type { SlipBlock, SlipDocument } from './domain/slip';
export { formatDateline, formatDateTime } from './domain/text';
export { renderSlipPdf as renderDocumentPdf } from './pdf/slip-pdf';
// The slips a dossier was issued (the same decision and documents as the notifications), for the
// dossiers capability's slip routes; the caller authorizes and reads the dossier and its history.
export { findSlip, issuedSlips, slipFileOf, type IssuedSlip, type IssuedSlipKind, type SlipFile } from './domain/dossier-slips';
