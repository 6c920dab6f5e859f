// The shared catalogues over in-memory adapters: paging in id order, filters by parent and year,
// cursors bound to their list, entry validation on write, a missing entry.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../shared/http/pagination';
import { CATALOGUES } from '../../test/catalogue/fixtures';
import { memoryCatalogue, rejectsWith } from '../../test/catalogue/memory-catalogue';
import type { CatalogueContext } from './deps';
import { getEntry, listEntries, putEntry } from './entries';

let c: Awaited<ReturnType<typeof memoryCatalogue>>;
beforeEach(async () => { c = await memoryCatalogue(); });

describe('entry writes', () => {
  it.each([
    ['a missing field', 'banks', 'VCB', { id: 'VCB', code: 'VCB', name: 'x', bin: '970436' }, 'VALIDATION_FAILED', ['body.shortName']],
    ['a bad field', 'banks', 'VCB', { ...CATALOGUES.banks[0], bin: '12' }, 'VALIDATION_FAILED', ['body.bin']],
    ['an id differing from the path', 'banks', 'VCB', { ...CATALOGUES.banks[0], id: 'ACB' }, 'ID_MISMATCH', ['body.id']],
    ['a code differing from the id', 'sectors', 'S1', { id: 'S1', code: 'S2', name: 'x' }, 'VALIDATION_FAILED', ['body.code']],
    ['a holiday year that is not its date\'s', 'holidays', '2026-05-01', { id: '2026-05-01', date: '2026-05-01', name: 'x', kind: 'holiday', year: 2027 }, 'VALIDATION_FAILED', ['body.year']],
  ] as const)('refuses an entry with %s', async (_label, name, id, body, code, paths) => {
    const e = await rejectsWith(putEntry(c.instance(), name, id, body), 'invalid', code);
    expect(e.details!.map((d) => d.path)).toEqual(paths);
  });
});

describe('shared catalogue lists', () => {
  const walk = async (s: CatalogueContext, name: Parameters<typeof listEntries>[1], q: { limit: number; parent?: string; year?: number }) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEntries(s, name, { ...q, cursor });
      ids.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  };

  it('pages through a catalogue in id order, no duplicates, no empty last page', async () => {
    const s = c.instance();
    const all = CATALOGUES['administrative-units'].map((u) => u.id).sort();
    for (const limit of [1, 2, 3, 6, 100]) expect(await walk(s, 'administrative-units', { limit })).toEqual(all);
    const page = await listEntries(s, 'administrative-units', { limit: 6 });
    expect(page.nextCursor).toBeNull();
  });

  it('filters children by parent and holidays by year', async () => {
    const s = c.instance();
    expect(await walk(s, 'administrative-units', { limit: 2, parent: '01' })).toEqual(['00004', '00070', '00082']);
    expect(await walk(s, 'agencies', { limit: 1, parent: '000.00.00.H40' })).toEqual(['000.01.40.H40']);
    expect(await walk(s, 'holidays', { limit: 2, year: 2026 })).toEqual(['2026-01-01', '2026-02-16', '2026-02-17', '2026-04-30']);
  });

  it('refuses filters that do not apply and cursors of another list', async () => {
    const s = c.instance();
    await rejectsWith(listEntries(s, 'sectors', { limit: 5, parent: '01' }), 'invalid', 'VALIDATION_FAILED');
    await rejectsWith(listEntries(s, 'agencies', { limit: 5, year: 2026 }), 'invalid', 'VALIDATION_FAILED');
    const cursor = (await listEntries(s, 'holidays', { limit: 1, year: 2026 })).nextCursor!;
    await rejectsWith(listEntries(s, 'holidays', { limit: 1, year: 2027, cursor }), 'invalid', 'INVALID_CURSOR');
    await rejectsWith(listEntries(s, 'banks', { limit: 1, cursor }), 'invalid', 'INVALID_CURSOR');
    await rejectsWith(listEntries(s, 'banks', { limit: 1, cursor: encodeCursor({ s: 'x'.repeat(500), h: 'y' }) }), 'invalid', 'INVALID_CURSOR');
  });

  it('answers not found for a missing entry', async () => {
    await rejectsWith(getEntry(c.instance(), 'banks', 'NOPE'), 'not_found', 'NOT_FOUND');
  });
});
