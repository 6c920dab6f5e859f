// POST /v1/sync/dossiers (docs/sync.md "Dossiers of record"): dossier upserts, each checked for its
// shape and size, its agency among the system's, and what domain/dossier-sync.ts refuses on
// arrival (times, the procedure at that agency, a history the transition table can follow).
import type { AgencySystemPrincipal } from '../../../shared/auth/principal';
import { agencyInScope } from '../../../shared/auth/scope';
import { onceAsync } from '../../../shared/aws/clients';
import { agencyOfCode } from '../../../shared/contracts/sync';
import { NOT_ITS_AGENCY, problemsOf, queued, receiveBatch, rejected, type IntakeDeps } from './intake';

/** One upsert's serialized size limit: ten fit one SendMessageBatch (≤ 256 KiB) and the record stays far below 400 KB. */
export const MAX_UPSERT_BYTES = 24 * 1024;

// The upsert schema and rules reach into the catalogue and dossier shapes and the transition
// table: loaded with the first dossier batch, not at every cold start of the sync API.
const upserts = onceAsync(async () => {
  const [{ DossierUpsertIn: schema }, { upsertProblems }] = await Promise.all([import('../../../shared/contracts/sync-dossiers'), import('../domain/dossier-sync')]);
  return { schema, upsertProblems };
});

export const receiveDossiers = async (deps: IntakeDeps, system: AgencySystemPrincipal, items: readonly unknown[]) => {
  const { schema, upsertProblems } = await upserts();
  const now = (deps.now ?? (() => new Date()))();
  return receiveBatch(deps.queue, items, async (raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return rejected(problemsOf(parsed.error));
    const item = parsed.data;
    if (Buffer.byteLength(JSON.stringify(item)) > MAX_UPSERT_BYTES) return rejected([{ path: '', message: `at most ${MAX_UPSERT_BYTES / 1024} KiB per dossier` }]);
    const [agency, procedure] = await Promise.all([deps.catalogue.getAgency(agencyOfCode(item.code)), deps.catalogue.getProcedure(item.procedureCode)]);
    if (!agency || !agencyInScope(system, agency)) return rejected([NOT_ITS_AGENCY]);
    const problems = upsertProblems(item, agency.level, procedure, now);
    return problems.length ? rejected(problems) : queued({ kind: 'dossier', keyId: system.keyId, item });
  });
};
