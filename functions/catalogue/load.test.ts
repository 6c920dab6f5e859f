// Bulk loading of the catalogue over in-memory adapters: everything written, the version bumped
// once and the snapshot written; invalid data refused with every problem and its path.
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryCatalogueStore } from './adapters/memory-store';
import { CatalogueDataError, loadCatalogue } from './load';
import { CATALOGUES, PROCEDURES, procedure } from '../../test/catalogue/fixtures';
import { memoryCatalogue } from '../../test/catalogue/memory-catalogue';

let c: Awaited<ReturnType<typeof memoryCatalogue>>;
beforeEach(async () => { c = await memoryCatalogue(); });

describe('loadCatalogue', () => {
  it('writes everything, bumps the version once and writes the snapshot', async () => {
    expect(c.store.procedures.size).toBe(PROCEDURES.length);
    expect(c.store.entries.get('agencies')!.size).toBe(CATALOGUES.agencies.length);
    expect(c.store.version).toBe(1);
    expect(c.snapshots.saves).toBe(1);
    expect((await c.snapshots.load())!.version).toBe(1);
  });

  it('refuses invalid data with every problem and its path, writing nothing', async () => {
    const empty = new InMemoryCatalogueStore();
    const bad = {
      procedures: [
        { ...PROCEDURES[0]!, code: 'bad' },
        procedure('1.100000', 'X', { sectorCode: 'NOPE', fees: [{ code: 'F', name: 'F', amount: 1, kind: 'fee', revenueItemCode: '9999' }] }),
        PROCEDURES[1]!, PROCEDURES[1]!,
      ],
      catalogues: { ...CATALOGUES, sectors: [...CATALOGUES.sectors, { id: 'A', code: 'B', name: 'mismatch' }] },
    };
    const error = await loadCatalogue(empty, bad).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogueDataError);
    const paths = (error as CatalogueDataError).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([
      'procedures.0.code', 'procedures.1.sectorCode', 'procedures.1.fees.0.revenueItemCode', 'procedures.3.code', 'sectors.3.code',
    ]));
    expect(empty.procedures.size).toBe(0);
    expect(empty.version).toBe(0);
  });
});
