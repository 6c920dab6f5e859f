// Procedure search over in-memory adapters: the warm index's freshness (snapshot, recheck, rebuild)
// and admin writes searchable at once.
import { beforeEach, describe, expect, it } from 'vitest';
import { CATALOGUES, procedure } from '../../test/catalogue/fixtures';
import { memoryCatalogue } from '../../test/catalogue/memory-catalogue';
import { putEntry } from './entries';
import { putProcedure } from './procedures';
import { searchProcedures } from './search';

let c: Awaited<ReturnType<typeof memoryCatalogue>>;
beforeEach(async () => { c = await memoryCatalogue(); });

describe('search index freshness', () => {
  it('a cold instance loads the snapshot instead of reading every procedure', async () => {
    const s = c.instance();
    const page = await searchProcedures(s, { q: 'dang ky khai sinh', limit: 20 });
    expect(page.items[0]!.name).toBe('Đăng ký khai sinh');
    expect(s.index.stats).toMatchObject({ snapshotLoads: 1, rebuilds: 0 });
    expect(c.store.calls.listProcedures).toBe(1); // only the loader's own build
  });

  it('serves from memory for 30 s, then checks the version with one read', async () => {
    const s = c.instance();
    await searchProcedures(s, { limit: 5 });
    const reads = c.store.calls.getCatalogueVersion!;
    c.advance(29_999);
    await searchProcedures(s, { q: 'ket hon', limit: 5 });
    expect(c.store.calls.getCatalogueVersion).toBe(reads);
    c.advance(2);
    await searchProcedures(s, { q: 'ket hon', limit: 5 });
    expect(c.store.calls.getCatalogueVersion).toBe(reads + 1);
    expect(s.index.stats.rebuilds).toBe(0);
  });

  it('sees another writer within 30 s: rebuilds from the table and writes a fresh snapshot', async () => {
    const s = c.instance();
    await searchProcedures(s, { limit: 5 });
    await c.store.putProcedure(procedure('1.999999', 'Đăng ký khai sinh cho trẻ em bị bỏ rơi'));
    expect((await searchProcedures(s, { q: 'bo roi', limit: 5 })).items).toEqual([]);
    c.advance(30_000);
    expect((await searchProcedures(s, { q: 'bo roi', limit: 5 })).items.map((i) => i.code)).toEqual(['1.999999']);
    expect(s.index.stats.rebuilds).toBe(1);
    expect((await c.snapshots.load())!.version).toBe(2);
    // The next cold instance takes that snapshot.
    const cold = c.instance();
    expect((await searchProcedures(cold, { q: 'bo roi', limit: 5 })).items).toHaveLength(1);
    expect(cold.index.stats).toMatchObject({ snapshotLoads: 1, rebuilds: 0 });
  });

  it('rebuilds when the snapshot is missing or corrupt, and serves anyway when it cannot be written', async () => {
    c.snapshots.stored = Buffer.from('not gzip');
    const s = c.instance();
    expect((await searchProcedures(s, { q: 'khai tu', limit: 5 })).items[0]!.code).toBe('1.000656');
    expect(s.index.stats.rebuilds).toBe(1);
    c.snapshots.save = async () => { throw new Error('bucket gone'); };
    c.snapshots.stored = undefined;
    const t = c.instance();
    expect((await searchProcedures(t, { q: 'khai tu', limit: 5 })).items[0]!.code).toBe('1.000656');
  });

  it('shares one refresh among concurrent requests', async () => {
    const s = c.instance();
    await Promise.all(Array.from({ length: 10 }, () => searchProcedures(s, { q: 'dang ky', limit: 3 })));
    expect(s.index.stats.checks).toBe(1);
  });
});

describe('admin writes are searchable at once', () => {
  it('a new procedure is searchable at once, applied in memory, with a new snapshot', async () => {
    const s = c.instance();
    await searchProcedures(s, { limit: 1 });
    await putProcedure(s, '1.888888', procedure('1.888888', 'Đăng ký giám hộ'));
    const page = await searchProcedures(s, { q: 'dang ky giam ho', limit: 5 });
    expect(page.items.map((i) => i.code)).toEqual(['1.888888']);
    expect(s.index.stats).toMatchObject({ incremental: 1, rebuilds: 0 });
    expect((await c.snapshots.load())!.version).toBe(2);
  });

  it('rebuilds after a write when another writer got in between', async () => {
    const s = c.instance();
    await searchProcedures(s, { limit: 1 });
    await c.store.putEntry('banks', CATALOGUES.banks[0]!); // someone else: version 2
    await putProcedure(s, '1.888888', procedure('1.888888', 'Đăng ký giám hộ')); // ours: version 3
    expect(s.index.stats).toMatchObject({ incremental: 0, rebuilds: 1 });
    expect((await searchProcedures(s, { q: 'giam ho', limit: 5 })).items).toHaveLength(1);
  });

  it('an agency write updates the agency filter at once', async () => {
    const s = c.instance();
    await searchProcedures(s, { limit: 1 });
    expect((await searchProcedures(s, { agency: '000.00.00.H01', limit: 5 })).items).toEqual([]);
    await putEntry(s, 'agencies', '000.00.00.H01', {
      id: '000.00.00.H01', code: '000.00.00.H01', name: 'UBND tỉnh', level: 'province', parentCode: null, provinceCode: '02',
    });
    expect((await searchProcedures(s, { agency: '000.00.00.H01', limit: 5 })).items.length).toBeGreaterThan(0);
  });
});
