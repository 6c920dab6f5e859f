// A dossier's slips (docs/dossiers.md "Slips"), for whoever may read the dossier: built and rendered
// by the notifications capability (the same documents as its e-mails). Its module, and the PDF
// writer behind it, load on the first slip request, so the other routes' cold start does not pay
// for them (R-PERF-COLD-START).
import type { Principal } from '../../../shared/auth/principal';
import { portalBaseUrl } from '../../../shared/config';
import type { SlipItem, SlipKind } from '../../../shared/contracts/dossiers';
import { notFound } from '../../../shared/errors/domain-error';
import type { DossierContext } from './context';
import { readWithHistory } from './queries';

const notifications = () => import('../../notifications/public');

/** The slips issued so far, oldest first, each with the link to its PDF. */
export const listSlips = async (ctx: DossierContext, principal: Principal, id: string): Promise<{ items: SlipItem[] }> => {
  const [{ record, history }, { listSlips: slipsOf }] = await Promise.all([readWithHistory(ctx, principal, id), notifications()]);
  return {
    items: slipsOf(record, history, portalBaseUrl()).map((s) => ({
      ...s, href: `/v1/dossiers/${record.id}/slips/${s.kind}?at=${encodeURIComponent(s.issuedAt)}`,
    })),
  };
};

/** One slip's PDF: the latest of its kind, or the one issued at `at`. */
export const slipPdf = async (ctx: DossierContext, principal: Principal, id: string, slip: { kind: SlipKind; at?: string }) => {
  const [{ record, history }, { slipPdf: pdfOf }] = await Promise.all([readWithHistory(ctx, principal, id), notifications()]);
  const file = await pdfOf(record, history, slip, portalBaseUrl());
  if (!file) throw notFound('Slip');
  return file;
};
