// An in-memory dossier store for the use cases' unit tests: the conditional writes of the real one
// (version, code claims, the daily counter), and hooks to make a write lose a race. Test code only.
import type { AttachmentStore } from '../../../shared/uploads/upload-store';
import type { DossierStore, TransitionWrite } from '../adapters/dossier-store';
import type { DossierEvent, DossierRecord } from '../domain/dossier';
import { dossierContext, type DossierContext } from './context';

export const fakeStore = () => {
  const records = new Map<string, DossierRecord>();
  const history = new Map<string, DossierEvent[]>();
  const claimedCodes = new Set<string>();
  const sequences = new Map<string, number>();
  const released: [string, number][] = [];
  const hooks: { beforeTransition?: (d: DossierRecord) => TransitionWrite | undefined } = {};
  const store = {
    async get(id: string) { return records.get(id); },
    async history(id: string) { return history.get(id) ?? []; },
    async save(d: DossierRecord, expectedVersion: number) {
      if (records.get(d.id)?.version !== expectedVersion) return false;
      records.set(d.id, d);
      return true;
    },
    async saveTransition(d: DossierRecord, expectedVersion: number, event: DossierEvent, options: { claimCode?: boolean } = {}): Promise<TransitionWrite> {
      const forced = hooks.beforeTransition?.(d);
      if (forced) return forced;
      if (records.get(d.id)?.version !== expectedVersion) return 'version_conflict';
      if (options.claimCode && claimedCodes.has(d.code!)) return 'code_taken';
      if (options.claimCode) claimedCodes.add(d.code!);
      records.set(d.id, d);
      history.set(d.id, [...(history.get(d.id) ?? []), event]);
      return 'saved';
    },
    async nextSequence(counter: string) {
      const n = (sequences.get(counter) ?? 0) + 1;
      sequences.set(counter, n);
      return n;
    },
    async releaseSequence(counter: string, n: number) {
      released.push([counter, n]);
      return 'released' as const;
    },
  };
  return { store: store as unknown as DossierStore, records, history, claimedCodes, sequences, released, hooks };
};

/** A context over the fake store, a fixed clock, a calendar without holidays, and no file store unless given. */
export const fakeContext = (store: DossierStore, now = new Date('2026-11-20T03:00:00.000Z'), files: AttachmentStore = {} as never): DossierContext => {
  let ids = 0;
  return dossierContext({
    store,
    files,
    catalogue: { holidays: async () => [] } as never,
    now: () => now,
    newId: () => `new-id-${++ids}`,
  });
};

export { aDraft as draft } from '../domain/dossier.fixture';

export const verifiedResult = {
  id: 'r-1', kind: 'result' as const, componentCode: null, fileName: 'kq.pdf', contentType: 'application/pdf', size: 10,
  status: 'verified' as const, rejectedReason: null, createdAt: '2026-11-20T02:00:00.000Z', verifiedAt: '2026-11-20T02:00:00.000Z', round: 0,
};
