// The catalogue service over in-memory adapters: index freshness, snapshots, admin writes,
// catalogue paging and the loader's validation. No emulator, no SDK.
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryCatalogueStore } from '../../functions/catalogue/adapters/memory-store';
import { InMemorySnapshotStore } from '../../functions/catalogue/adapters/search-snapshot';
import { CatalogueDataError, loadCatalogue } from '../../functions/catalogue/load';
import { CatalogueService } from '../../functions/catalogue/service';
import { DomainError } from '../../shared/errors/domain-error';
import { httpStatusOf } from '../../shared/http/error-status';
import { encodeCursor } from '../../shared/http/pagination';
import { CATALOGUES, FIXTURE, PROCEDURES, procedure } from './fixtures';

let store: InMemoryCatalogueStore;
let snapshots: InMemorySnapshotStore;
let clock: number;
const service = () => new CatalogueService({ store, snapshots, now: () => clock });

const rejectsWith = async (promise: Promise<unknown>, status: number, code: string) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect({ status: httpStatusOf(error as DomainError), code: (error as DomainError).code }).toEqual({ status, code });
  return error as DomainError;
};

beforeEach(async () => {
  store = new InMemoryCatalogueStore();
  snapshots = new InMemorySnapshotStore();
  clock = 1_000_000;
  await loadCatalogue(store, FIXTURE, { snapshots });
});

describe('loadCatalogue', () => {
  it('writes everything, bumps the version once and writes the snapshot', async () => {
    expect(store.procedures.size).toBe(PROCEDURES.length);
    expect(store.entries.get('agencies')!.size).toBe(CATALOGUES.agencies.length);
    expect(store.version).toBe(1);
    expect(snapshots.saves).toBe(1);
    expect((await snapshots.load())!.version).toBe(1);
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

describe('search index freshness', () => {
  it('a cold instance loads the snapshot instead of reading every procedure', async () => {
    const s = service();
    const page = await s.search({ q: 'dang ky khai sinh', limit: 20 });
    expect(page.items[0]!.name).toBe('Đăng ký khai sinh');
    expect(s.index.stats).toMatchObject({ snapshotLoads: 1, rebuilds: 0 });
    expect(store.calls.listProcedures).toBe(1); // only the loader's own build
  });

  it('serves from memory for 30 s, then checks the version with one read', async () => {
    const s = service();
    await s.search({ limit: 5 });
    const reads = store.calls.getCatalogueVersion!;
    clock += 29_999;
    await s.search({ q: 'ket hon', limit: 5 });
    expect(store.calls.getCatalogueVersion).toBe(reads);
    clock += 2;
    await s.search({ q: 'ket hon', limit: 5 });
    expect(store.calls.getCatalogueVersion).toBe(reads + 1);
    expect(s.index.stats.rebuilds).toBe(0);
  });

  it('sees another writer within 30 s: rebuilds from the table and writes a fresh snapshot', async () => {
    const s = service();
    await s.search({ limit: 5 });
    await store.putProcedure(procedure('1.999999', 'Đăng ký khai sinh cho trẻ em bị bỏ rơi'));
    expect((await s.search({ q: 'bo roi', limit: 5 })).items).toEqual([]);
    clock += 30_000;
    expect((await s.search({ q: 'bo roi', limit: 5 })).items.map((i) => i.code)).toEqual(['1.999999']);
    expect(s.index.stats.rebuilds).toBe(1);
    expect((await snapshots.load())!.version).toBe(2);
    // The next cold instance takes that snapshot.
    const cold = service();
    expect((await cold.search({ q: 'bo roi', limit: 5 })).items).toHaveLength(1);
    expect(cold.index.stats).toMatchObject({ snapshotLoads: 1, rebuilds: 0 });
  });

  it('rebuilds when the snapshot is missing or corrupt, and serves anyway when it cannot be written', async () => {
    snapshots.stored = Buffer.from('not gzip');
    const s = service();
    expect((await s.search({ q: 'khai tu', limit: 5 })).items[0]!.code).toBe('1.000656');
    expect(s.index.stats.rebuilds).toBe(1);
    snapshots.save = async () => { throw new Error('bucket gone'); };
    snapshots.stored = undefined;
    const t = service();
    expect((await t.search({ q: 'khai tu', limit: 5 })).items[0]!.code).toBe('1.000656');
  });

  it('shares one refresh among concurrent requests', async () => {
    const s = service();
    await Promise.all(Array.from({ length: 10 }, () => s.search({ q: 'dang ky', limit: 3 })));
    expect(s.index.stats.checks).toBe(1);
  });
});

describe('admin writes', () => {
  it('a new procedure is searchable at once, applied in memory, with a new snapshot', async () => {
    const s = service();
    await s.search({ limit: 1 });
    await s.putProcedure('1.888888', procedure('1.888888', 'Đăng ký giám hộ'));
    const page = await s.search({ q: 'dang ky giam ho', limit: 5 });
    expect(page.items.map((i) => i.code)).toEqual(['1.888888']);
    expect(s.index.stats).toMatchObject({ incremental: 1, rebuilds: 0 });
    expect((await snapshots.load())!.version).toBe(2);
  });

  it('rebuilds after a write when another writer got in between', async () => {
    const s = service();
    await s.search({ limit: 1 });
    await store.putEntry('banks', CATALOGUES.banks[0]!); // someone else: version 2
    await s.putProcedure('1.888888', procedure('1.888888', 'Đăng ký giám hộ')); // ours: version 3
    expect(s.index.stats).toMatchObject({ incremental: 0, rebuilds: 1 });
    expect((await s.search({ q: 'giam ho', limit: 5 })).items).toHaveLength(1);
  });

  it('refuses a body whose code differs from the path', async () => {
    const e = await rejectsWith(service().putProcedure('1.000002', procedure('1.000003', 'X')), 400, 'CODE_MISMATCH');
    expect(e.details).toEqual([{ path: 'body.code', message: expect.any(String) }]);
  });

  it('refuses unknown sector and revenue items with 422 and their paths', async () => {
    const p = procedure('1.777777', 'X', {
      sectorCode: 'NOPE',
      fees: [
        { code: 'A', name: 'A', amount: 1, kind: 'fee', revenueItemCode: '2651' },
        { code: 'B', name: 'B', amount: 1, kind: 'fee', revenueItemCode: '0000' },
      ],
    });
    const e = await rejectsWith(service().putProcedure('1.777777', p), 422, 'UNKNOWN_REFERENCE');
    expect(e.details!.map((d) => d.path)).toEqual(['body.sectorCode', 'body.fees.1.revenueItemCode']);
    expect(store.procedures.has('1.777777')).toBe(false);
  });

  it('an agency write updates the agency filter at once', async () => {
    const s = service();
    await s.search({ limit: 1 });
    expect((await s.search({ agency: '000.00.00.H01', limit: 5 })).items).toEqual([]);
    await s.putEntry('agencies', '000.00.00.H01', {
      id: '000.00.00.H01', code: '000.00.00.H01', name: 'UBND tỉnh', level: 'province', parentCode: null, provinceCode: '02',
    });
    expect((await s.search({ agency: '000.00.00.H01', limit: 5 })).items.length).toBeGreaterThan(0);
  });

  it.each([
    ['a missing field', 'banks', 'VCB', { id: 'VCB', code: 'VCB', name: 'x', bin: '970436' }, 'VALIDATION_FAILED', ['body.shortName']],
    ['a bad field', 'banks', 'VCB', { ...CATALOGUES.banks[0], bin: '12' }, 'VALIDATION_FAILED', ['body.bin']],
    ['an id differing from the path', 'banks', 'VCB', { ...CATALOGUES.banks[0], id: 'ACB' }, 'ID_MISMATCH', ['body.id']],
    ['a code differing from the id', 'sectors', 'S1', { id: 'S1', code: 'S2', name: 'x' }, 'VALIDATION_FAILED', ['body.code']],
    ['a holiday year that is not its date\'s', 'holidays', '2026-05-01', { id: '2026-05-01', date: '2026-05-01', name: 'x', kind: 'holiday', year: 2027 }, 'VALIDATION_FAILED', ['body.year']],
  ] as const)('refuses an entry with %s', async (_label, name, id, body, code, paths) => {
    const e = await rejectsWith(service().putEntry(name, id, body), 400, code);
    expect(e.details!.map((d) => d.path)).toEqual(paths);
  });
});

describe('shared catalogue lists', () => {
  const walk = async (s: CatalogueService, name: Parameters<CatalogueService['listEntries']>[0], q: { limit: number; parent?: string; year?: number }) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.listEntries(name, { ...q, cursor });
      ids.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  };

  it('pages through a catalogue in id order, no duplicates, no empty last page', async () => {
    const s = service();
    const all = CATALOGUES['administrative-units'].map((u) => u.id).sort();
    for (const limit of [1, 2, 3, 6, 100]) expect(await walk(s, 'administrative-units', { limit })).toEqual(all);
    const page = await s.listEntries('administrative-units', { limit: 6 });
    expect(page.nextCursor).toBeNull();
  });

  it('filters children by parent and holidays by year', async () => {
    const s = service();
    expect(await walk(s, 'administrative-units', { limit: 2, parent: '01' })).toEqual(['00004', '00070', '00082']);
    expect(await walk(s, 'agencies', { limit: 1, parent: '000.00.00.H40' })).toEqual(['000.01.40.H40']);
    expect(await walk(s, 'holidays', { limit: 2, year: 2026 })).toEqual(['2026-01-01', '2026-02-16', '2026-02-17', '2026-04-30']);
  });

  it('refuses filters that do not apply and cursors of another list', async () => {
    const s = service();
    await rejectsWith(s.listEntries('sectors', { limit: 5, parent: '01' }), 400, 'VALIDATION_FAILED');
    await rejectsWith(s.listEntries('agencies', { limit: 5, year: 2026 }), 400, 'VALIDATION_FAILED');
    const cursor = (await s.listEntries('holidays', { limit: 1, year: 2026 })).nextCursor!;
    await rejectsWith(s.listEntries('holidays', { limit: 1, year: 2027, cursor }), 400, 'INVALID_CURSOR');
    await rejectsWith(s.listEntries('banks', { limit: 1, cursor }), 400, 'INVALID_CURSOR');
    await rejectsWith(s.listEntries('banks', { limit: 1, cursor: encodeCursor({ s: 'x'.repeat(500), h: 'y' }) }), 400, 'INVALID_CURSOR');
  });

  it('answers 404 for a missing entry or procedure', async () => {
    await rejectsWith(service().getEntry('banks', 'NOPE'), 404, 'NOT_FOUND');
    await rejectsWith(service().getProcedure('9.999999'), 404, 'NOT_FOUND');
  });
});
