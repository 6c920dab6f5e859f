// Loads the catalogue seed (seed/catalogue/*.json, built from public facts by scripts/build-seed.ts)
// through the catalogue capability's own loader, once: a kept state with a catalogue is left alone.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE_NAMES, type CatalogueName } from '../../shared/contracts/catalogue';
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { bucketName, tableName } from '../../shared/config';
import { DynamoCatalogueStore } from '../../functions/catalogue/adapters/catalogue-store';
import { S3SnapshotStore } from '../../functions/catalogue/adapters/search-snapshot';
import { holidaysFor, type MakeupDay } from '../../functions/catalogue/domain/holidays';
import { loadCatalogue } from '../../functions/catalogue/load';

const SEED_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../seed/catalogue');
/** Holidays are computed for these years (docs/requirements.md R-CALENDAR: seeded by computation, editable by admins). */
export const HOLIDAY_YEARS = [2025, 2026, 2027];

const readSeed = <T>(file: string): T => JSON.parse(readFileSync(resolve(SEED_DIR, file), 'utf8')) as T;

export const catalogueSeed = () => {
  const catalogues: Partial<Record<CatalogueName, unknown[]>> = {};
  for (const name of CATALOGUE_NAMES) {
    if (name !== 'holidays') catalogues[name] = readSeed<unknown[]>(`${name}.json`);
  }
  catalogues.holidays = holidaysFor(HOLIDAY_YEARS, readSeed<MakeupDay[]>('makeup-days.json'));
  return { procedures: readSeed<unknown[]>('procedures.json'), catalogues };
};

export const seedCatalogue = async (): Promise<{ seeded: boolean; procedures: number }> => {
  const store = new DynamoCatalogueStore(dynamoClient, () => tableName('catalogue'));
  if ((await store.getCatalogueVersion()) > 0) return { seeded: false, procedures: 0 };
  const report = await loadCatalogue(store, catalogueSeed(), {
    snapshots: new S3SnapshotStore(s3Client, () => bucketName('catalogue-index')),
  });
  return { seeded: true, procedures: report.procedures };
};
