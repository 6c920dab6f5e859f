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

/** The reader over the platform's catalogue table (name and client resolved on first use). */
export const catalogueReader = (client: Deferred<DynamoDBDocumentClient> = dynamoClient): CatalogueReader =>
  new StoreCatalogueReader(new DynamoCatalogueStore(client, () => tableName('catalogue')));
