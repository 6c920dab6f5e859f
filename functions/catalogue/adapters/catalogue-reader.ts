// The catalogue reader other capabilities use (public.ts), over a CatalogueStore: agencies and
// holidays kept a few minutes per warm function, procedures WARM_CACHE_SECONDS (docs/operations.md
// "Warm caches"), corrupt records reported and skipped.
import { WarmCache, warmCacheTtlMs } from '../../../shared/cache/warm-cache';
import { Agency, Holiday, Procedure } from '../../../shared/contracts/catalogue';
import { validRecords } from '../../../shared/aws/stored-records';
import type { AgencyInfo, CatalogueReader, HolidayInfo, TreasuryAccountInfo } from '../public';
import type { CatalogueStore } from './catalogue-store';

const CACHE_MS = 5 * 60_000;
/** Procedures a warm function keeps: the national catalogue has about 2,000 online ones. */
export const WARM_PROCEDURES = 2000;

const agencyOf = (entry: Record<string, unknown>): AgencyInfo => ({
  code: String(entry.code),
  name: String(entry.name),
  level: entry.level as AgencyInfo['level'],
  parentCode: (entry.parentCode as string | null) ?? null,
});

export class StoreCatalogueReader implements CatalogueReader {
  private readonly agencyCache = new Map<string, { at: number; value: AgencyInfo | undefined }>();
  private holidayCache?: { at: number; value: Promise<HolidayInfo[]> };

  private readonly procedureCache: WarmCache<Procedure | undefined>;

  constructor(private readonly store: CatalogueStore, private readonly clock: () => number = Date.now, ttlMs: number | (() => number) = warmCacheTtlMs) {
    this.procedureCache = new WarmCache({ ttlMs, maxEntries: WARM_PROCEDURES, now: clock });
  }

  /** A procedure as read at most WARM_CACHE_SECONDS ago (an absent one too): an admin's edit reaches this function within that. */
  getProcedure(code: string): Promise<Procedure | undefined> {
    return this.procedureCache.get(code, () => this.store.getProcedure(code));
  }

  async getAgency(code: string): Promise<AgencyInfo | undefined> {
    const hit = this.agencyCache.get(code);
    if (hit && this.clock() - hit.at < CACHE_MS) return hit.value;
    const entry = await this.store.getEntry('agencies', code);
    const value = entry ? agencyOf(entry) : undefined;
    this.agencyCache.set(code, { at: this.clock(), value });
    return value;
  }

  holidays(): Promise<HolidayInfo[]> {
    if (this.holidayCache && this.clock() - this.holidayCache.at < CACHE_MS) return this.holidayCache.value;
    const value = this.loadHolidays();
    this.holidayCache = { at: this.clock(), value };
    value.catch(() => { this.holidayCache = undefined; });
    return value;
  }

  private async loadHolidays(): Promise<HolidayInfo[]> {
    return validRecords(await this.all('holidays'), Holiday, { reader: 'catalogue.holidays', kind: 'holiday', keyField: 'id' })
      .map((e) => ({ date: e.date, kind: e.kind }));
  }

  async treasuryAccount(agencyCode: string): Promise<TreasuryAccountInfo | undefined> {
    let code: string | null = agencyCode;
    for (let depth = 0; code && depth < 3; depth++) {
      const entry = await this.store.getEntry('treasury-accounts', `TK-${code}`);
      if (entry) {
        return {
          code: String(entry.code), accountNumber: String(entry.accountNumber), treasuryName: String(entry.treasuryName),
          bankCode: (entry.bankCode as string | undefined) ?? null,
        };
      }
      code = (await this.getAgency(code))?.parentCode ?? null;
    }
    return undefined;
  }

  async agencies(): Promise<AgencyInfo[]> {
    return validRecords(await this.all('agencies'), Agency, { reader: 'catalogue.agencies', kind: 'agency', keyField: 'id' }).map(agencyOf);
  }

  async procedures(): Promise<Procedure[]> {
    const out: Procedure[] = [];
    let after: string | undefined;
    do {
      const page = await this.store.listProcedureRecords({ limit: 100, after });
      out.push(...validRecords(page.items, Procedure, { reader: 'catalogue.procedures', kind: 'procedure', keyField: 'code' }));
      after = page.last ?? undefined;
    } while (after);
    return out;
  }

  private async all(name: 'holidays' | 'agencies') {
    const out: Record<string, unknown>[] = [];
    let after: string | undefined;
    do {
      const page = await this.store.listEntries(name, { limit: 100, after });
      out.push(...page.items);
      after = page.last ?? undefined;
    } while (after);
    return out;
  }
}
