// Loads a set of FAQ entries (the seed, or an export) through the same validation as the admin
// route: each entry must be a valid PutFaqEntry with a valid id, ids unique, and every procedure
// code one the catalogue has. Used by the local runtime's seed (local/seed/support.ts).
import { FaqId, PutFaqEntry, type FaqEntry } from '../../shared/contracts/support';
import type { FaqStore } from './adapters/faq-store';
import type { ProcedureLookup } from './service';

/** Validates raw entries into FAQ entries stamped `updatedAt`; throws listing every problem. */
export const parseFaqEntries = async (raw: readonly unknown[], procedures: ProcedureLookup, updatedAt: string): Promise<FaqEntry[]> => {
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: FaqEntry[] = [];
  for (const [i, item] of raw.entries()) {
    const { id, ...rest } = (item ?? {}) as { id?: unknown };
    const idOk = FaqId.safeParse(id);
    const body = PutFaqEntry.safeParse(rest);
    if (!idOk.success) { problems.push(`#${i}: bad id ${JSON.stringify(id)}`); continue; }
    if (!body.success) { problems.push(`${idOk.data}: ${body.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`); continue; }
    if (seen.has(idOk.data)) { problems.push(`${idOk.data}: duplicate id`); continue; }
    seen.add(idOk.data);
    let sectorCode = body.data.sectorCode;
    if (body.data.procedureCode) {
      const procedure = await procedures.getProcedure(body.data.procedureCode);
      if (!procedure) { problems.push(`${idOk.data}: no procedure ${body.data.procedureCode}`); continue; }
      sectorCode ??= procedure.sectorCode;
      if (sectorCode !== procedure.sectorCode) problems.push(`${idOk.data}: sector ${sectorCode} is not the procedure's (${procedure.sectorCode})`);
    }
    out.push({ id: idOk.data, ...body.data, ...(sectorCode ? { sectorCode } : {}), updatedAt });
  }
  if (problems.length) throw new Error(`Invalid FAQ entries:\n${problems.join('\n')}`);
  return out;
};

/** Writes the entries unless the store already holds a FAQ (a kept local state is left alone). */
export const loadFaq = async (store: FaqStore, entries: readonly FaqEntry[]): Promise<{ seeded: boolean; entries: number }> => {
  if ((await store.all()).length > 0) return { seeded: false, entries: 0 };
  await store.batchPut(entries);
  return { seeded: true, entries: entries.length };
};
