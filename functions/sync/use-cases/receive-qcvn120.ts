// POST /v1/qcvn120/sync (docs/sync.md "QCVN 120 packets"): a one-stop system's packet in the
// national standard — `DongBoHoSoMC` dossiers or `CapNhatTienDoHoSoMC` progress steps. Each item is
// translated (domain/qcvn120) into the JSON routes' contract and handed to the same intake
// (receive-dossiers.ts, receive-statuses.ts), so validation, the FIFO queue, deduplication, the
// consumer, the DLQ, replay and the error report are theirs, unchanged. The answer is the
// standard's: `error_code` "00" all taken, "01" some refused (each item's result says why), and a
// packet that is not one refused whole with "99" and its reason.
import type { AgencySystemPrincipal } from '../../../shared/auth/principal';
import {
  QCVN120_CODES, Qcvn120Envelope, type Qcvn120Answer, type Qcvn120Service,
} from '../../../shared/contracts/qcvn120';
import type { ItemProblem } from '../domain/dossier-sync';
import { dossierFromQcvn120, progressFromQcvn120, type Translation } from '../domain/qcvn120/inbound';
import type { IntakeDeps, ItemResult } from './intake';
import { receiveDossiers } from './receive-dossiers';
import { receiveStatuses } from './receive-statuses';

export interface Qcvn120Refused {
  error_code: typeof QCVN120_CODES.refused;
  message: string;
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

const translators: Record<Qcvn120Service, (raw: unknown) => Translation<Record<string, unknown>>> = {
  DongBoHoSoMC: dossierFromQcvn120,
  CapNhatTienDoHoSoMC: progressFromQcvn120,
};
const intakes: Record<Qcvn120Service, typeof receiveDossiers> = { DongBoHoSoMC: receiveDossiers, CapNhatTienDoHoSoMC: receiveStatuses };

const atItem = (index: number, path: string) => `data.${index}${path ? `.${path}` : ''}`;
const reasonOf = (problems: ItemProblem[]) => problems.map((p) => `${p.path || 'the body'}: ${p.message}`).join('; ');

export const receiveQcvn120 = async (
  deps: IntakeDeps, system: AgencySystemPrincipal, body: unknown,
): Promise<{ ok: true; answer: Qcvn120Answer } | { ok: false; refused: Qcvn120Refused }> => {
  const envelope = Qcvn120Envelope.safeParse(body);
  if (!envelope.success) {
    const details = envelope.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const message = `not a QCVN 120 packet: ${reasonOf(details)}`;
    return { ok: false, refused: { error_code: QCVN120_CODES.refused, message, error: { code: 'QCVN120_BAD_PACKET', message, details } } };
  }
  const { service, data } = envelope.data;
  const translations = data.map((raw) => translators[service](raw));
  const taken = translations.flatMap((t, index) => (t.ok ? [{ index, t }] : []));
  const intake = await intakes[service](deps, system, taken.map(({ t }) => t.item));
  const intakeResult = new Map<number, ItemResult>(intake.results.map((r) => [taken[r.index]!.index, r]));

  const results = translations.map((t, index): Qcvn120Answer['results'][number] => {
    if (!t.ok) {
      const errors = t.problems.map((p) => ({ ...p, path: atItem(index, p.path) }));
      return { index, MaHoSo: t.code, error_code: QCVN120_CODES.refused, message: reasonOf(errors), eventId: null, errors };
    }
    const r = intakeResult.get(index)!;
    const notKept = t.notKept.length ? { notKept: t.notKept } : {};
    if (r.status === 'queued') return { index, MaHoSo: t.code, error_code: QCVN120_CODES.ok, message: 'queued', eventId: r.eventId, ...notKept };
    // The JSON route's problems, at `items.<i>.<contract path>`: named by the standard's fields instead.
    const errors = (r.errors ?? []).map((e) => ({ ...e, path: atItem(index, t.packetPath(e.path.replace(/^items\.\d+\.?/, ''))) }));
    return { index, MaHoSo: t.code, error_code: QCVN120_CODES.refused, message: reasonOf(errors), eventId: r.eventId, errors, ...notKept };
  });
  const accepted = results.filter((r) => r.error_code === QCVN120_CODES.ok).length;
  const rejected = results.length - accepted;
  return {
    ok: true,
    answer: {
      error_code: rejected ? QCVN120_CODES.partial : QCVN120_CODES.ok,
      message: rejected ? `${accepted} of ${results.length} items queued; ${rejected} refused (see results)` : `${accepted} items queued`,
      accepted, rejected, results,
    },
  };
};
