// A procedure read, and an admin's write (PUT /v1/procedures/{code}): checked against the shared
// catalogues it refers to, stored, and searchable at once (index-cache.ts); read again at once here
// (the warm procedure cache cleared), elsewhere within WARM_CACHE_SECONDS (docs/operations.md "Warm caches").
import type { Procedure } from '../../shared/contracts/catalogue';
import { badRequest, notFound, unprocessable } from '../../shared/errors/domain-error';
import type { CatalogueEntry } from './adapters/catalogue-store';
import type { CatalogueContext } from './deps';
import { procedureReferences, REFERENCED_CATALOGUES, referenceProblems } from './domain/validation';

export const getProcedure = async (ctx: CatalogueContext, code: string): Promise<Procedure> => {
  const procedure = await ctx.procedures.get(code, () => ctx.store().getProcedure(code));
  if (!procedure) throw notFound(`Procedure ${code}`);
  return procedure;
};

export const putProcedure = async (ctx: CatalogueContext, code: string, procedure: Procedure): Promise<Procedure> => {
  if (procedure.code !== code) {
    throw badRequest('CODE_MISMATCH', 'The code in the body must equal the code in the path', [
      { path: 'body.code', message: `expected ${code}` },
    ]);
  }
  const refs = procedureReferences(procedure);
  const store = ctx.store();
  const found = new Map<string, CatalogueEntry>();
  await Promise.all(REFERENCED_CATALOGUES.flatMap((name) => refs[name].map(async (c) => {
    const entry = await store.getEntry(name, c);
    if (entry) found.set(`${name}:${c}`, entry);
  })));
  const problems = referenceProblems(procedure, (name, c) => found.get(`${name}:${c}`));
  if (problems.length) {
    const fields = [...new Set(problems.map((p) => p.path.replace(/^body\./, '').replace(/\.\d+(\.|$)/g, '$1')))];
    throw unprocessable('UNKNOWN_REFERENCE', `The procedure refers to catalogue entries that do not exist (${fields.join(', ')})`, problems);
  }
  await store.putProcedure(procedure);
  ctx.procedures.invalidate(code);
  await ctx.index.afterWrite({ procedure });
  return procedure;
};
