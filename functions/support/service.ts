// The FAQ use cases, between the thin HTTP handler and the adapters. No HTTP and no SDK here.
// Reads are served from an in-memory index of the whole set, rebuilt when it is older than
// `refreshMs` (default 60 s): an admin's edit shows at once on the function instance that wrote it,
// and on other warm instances within a minute — the same trade the catalogue's agency cache makes.
import { FaqEntry, type FaqPage, type PutFaqEntry } from '../../shared/contracts/support';
import { validRecords } from '../../shared/aws/stored-records';
import { notFound, unprocessable } from '../../shared/errors/domain-error';
import type { FaqStore } from './adapters/faq-store';
import { buildFaqIndex, faqCursorOffset, type FaqIndex, type FaqSearch } from './domain/faq';

/** What the FAQ needs of the catalogue: whether a procedure exists, and its sector. */
export interface ProcedureLookup {
  getProcedure(code: string): Promise<{ sectorCode: string } | undefined>;
}

export interface SupportDeps {
  store: FaqStore;
  procedures: ProcedureLookup;
  refreshMs?: number;
  now?: () => number;
}

export class SupportService {
  private cached?: { at: number; index: Promise<FaqIndex> };
  private readonly now: () => number;
  private readonly refreshMs: number;

  constructor(private readonly deps: SupportDeps) {
    this.now = deps.now ?? Date.now;
    this.refreshMs = deps.refreshMs ?? 60_000;
  }

  private index(): Promise<FaqIndex> {
    if (this.cached && this.now() - this.cached.at < this.refreshMs) return this.cached.index;
    // A corrupt stored entry is reported and left out of the index, never a 500 for every search.
    const index = this.deps.store.all().then((entries) => buildFaqIndex(validRecords(entries, FaqEntry, { reader: 'support.faq', kind: 'faq', keyField: 'id' })));
    const cached = { at: this.now(), index };
    this.cached = cached;
    // A failed load is not kept: the next request tries again.
    index.catch(() => { if (this.cached === cached) this.cached = undefined; });
    return index;
  }

  async search(query: FaqSearch): Promise<FaqPage> {
    // A bad cursor is refused before any I/O.
    faqCursorOffset(query);
    return (await this.index()).search(query);
  }

  async get(id: string): Promise<FaqEntry> {
    const entry = await this.deps.store.get(id);
    if (!entry) throw notFound(`FAQ entry ${id}`);
    return entry;
  }

  async put(id: string, body: PutFaqEntry): Promise<FaqEntry> {
    let sectorCode = body.sectorCode;
    if (body.procedureCode !== undefined) {
      const procedure = await this.deps.procedures.getProcedure(body.procedureCode);
      if (!procedure) {
        throw unprocessable('UNKNOWN_REFERENCE', 'The entry refers to a procedure the catalogue does not have', [
          { path: 'body.procedureCode', message: `no procedure ${body.procedureCode}` },
        ]);
      }
      // The procedure's sector unless the admin chose one: a sector filter then finds it too.
      sectorCode ??= procedure.sectorCode;
    }
    const entry: FaqEntry = {
      id,
      question: body.question,
      answer: body.answer,
      ...(body.procedureCode !== undefined ? { procedureCode: body.procedureCode } : {}),
      ...(sectorCode !== undefined ? { sectorCode } : {}),
      updatedAt: new Date(this.now()).toISOString(),
    };
    await this.deps.store.put(entry);
    // This instance sees its own write at once.
    this.cached = undefined;
    return entry;
  }
}
