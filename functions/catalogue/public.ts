// What other capabilities may ask of the catalogue: a procedure, an agency, the holiday table.
// Read-only, over the same store (adapters/catalogue-reader.ts); warm functions keep agencies and
// holidays for a few minutes (they change rarely and admins' edits may take that long to reach a
// running function).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Procedure } from '../../shared/contracts/catalogue';
import { dynamoClient, type Deferred } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { StoreCatalogueReader } from './adapters/catalogue-reader';
import { DynamoCatalogueStore } from './adapters/catalogue-store';

export { StoreCatalogueReader };

export interface AgencyInfo {
  code: string;
  name: string;
  level: 'central' | 'province' | 'commune';
  parentCode: string | null;
}

export interface HolidayInfo {
  date: string;
  kind: 'holiday' | 'compensatory' | 'extra_day_off' | 'makeup_workday';
}

export interface CatalogueReader {
  getProcedure(code: string): Promise<Procedure | undefined>;
  getAgency(code: string): Promise<AgencyInfo | undefined>;
  /** Every holiday entry (all years). Like agencies() and procedures(), corrupt records are reported and skipped. */
  holidays(): Promise<HolidayInfo[]>;
  /** Every agency (jobs and aggregate reads, not request paths). */
  agencies(): Promise<AgencyInfo[]>;
  /** Every procedure record (jobs and aggregate reads, not request paths). */
  procedures(): Promise<Procedure[]>;
  /** The treasury account fees of this agency go to: its own, else its parent's (a commune pays into the province's). */
  treasuryAccount(agencyCode: string): Promise<TreasuryAccountInfo | undefined>;
}

export interface TreasuryAccountInfo {
  code: string;
  accountNumber: string;
  treasuryName: string;
  bankCode: string | null;
}

/** One procedure of the catalogue's list: what a list shows (R-CATALOGUE-LIST). */
export interface ProcedureListed {
  code: string;
  name: string;
  level: 'central' | 'province' | 'commune';
  sectorCode: string;
}

/** The catalogue as other systems read it in pages (sync's QCVN 120 sharing services, docs/sync.md). */
export interface ProcedureListing {
  /** A page of procedures in code order; `last` is where the next page starts, null on the last page. */
  page(options: { after?: string; limit: number }): Promise<{ items: ProcedureListed[]; last: string | null }>;
  /** The name of a shared-catalogue entry by its code, undefined when there is none. */
  entryName(catalogue: 'sectors' | 'result-types', code: string): Promise<string | undefined>;
}

/** The listing over the platform's catalogue table (one query a page: the list's fields only). */
export const procedureListing = (client: Deferred<DynamoDBDocumentClient> = dynamoClient): ProcedureListing => {
  const store = new DynamoCatalogueStore(client, () => tableName('catalogue'));
  return {
    async page({ after, limit }) {
      const out = await store.listProcedures({ after, limit });
      return { items: out.items.map(({ code, name, level, sectorCode }) => ({ code, name, level, sectorCode })), last: out.last };
    },
    async entryName(catalogue, code) {
      const entry = await store.getEntry(catalogue, code);
      return typeof entry?.name === 'string' ? entry.name : undefined;
    },
  };
};

/** The reader over the platform's catalogue table (name and client resolved on first use). */
export const catalogueReader = (client: Deferred<DynamoDBDocumentClient> = dynamoClient): CatalogueReader =>
  new StoreCatalogueReader(new DynamoCatalogueStore(client, () => tableName('catalogue')));
