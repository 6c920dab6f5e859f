import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize } from '../../../shared/text/normalize';
import { SearchIndex } from './search-index';
import type { AgencyRef, SearchDoc, SearchPage, SearchParams } from './search-model';
import { bruteForceSearch, prepareBruteForce } from '../../../test/catalogue/search-reference';
import { DomainError } from '../../../shared/errors/domain-error';
import { httpStatusOf } from '../../../shared/http/error-status';
import { encodeCursor } from '../../../shared/http/pagination';
import { prng, randomQuery, syntheticAgencies, syntheticProcedures } from '../../../bench/synthetic-catalogue';

const doc = (code: string, name: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({
  code, name, level: 'commune', sectorCode: 'G15-TP07', onlineService: 'partial',
  processingTime: { value: 3, unit: 'working_day' }, fees: [], agencyKinds: ['commune'], ...extra,
});

const DOCS: SearchDoc[] = [
  doc('1.001193', 'Thủ tục đăng ký khai sinh', { onlineService: 'full' }),
  doc('2.000528', 'Đăng ký khai sinh có yếu tố nước ngoài'),
  doc('1.004884', 'Đăng ký lại khai sinh'),
  doc('1.000001', 'Đăng ký khai sinh lưu động'),
  doc('1.000002', 'Đăng ký khai sinh'),
  doc('1.004772', 'Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân'),
  doc('1.000894', 'Thủ tục đăng ký kết hôn'),
  doc('1.000656', 'Thủ tục đăng ký khai tử', { onlineService: 'none' }),
  doc('1.004222', 'Đăng ký thường trú', { sectorCode: 'G01-CA05', level: 'commune' }),
  doc('2.001610', 'Đăng ký thành lập doanh nghiệp tư nhân', { sectorCode: 'G12-KH01', level: 'province', agencyKinds: ['province'] }),
  doc('1.001471', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)', {
    sectorCode: 'G01-CA02', level: 'central', agencyKinds: ['central'], ministryCodes: ['000.00.00.G01'],
  }),
  doc('1.001456', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)', {
    sectorCode: 'G01-CA02', level: 'province', agencyKinds: ['province', 'central'], ministryCodes: ['000.00.00.G01'],
  }),
  doc('1.015002', 'Thủ tục đăng ký nhãn hiệu', {
    sectorCode: 'G16-KC02', level: 'central', agencyKinds: ['central'], ministryCodes: ['000.00.00.G16'],
  }),
];
const AGENCIES: AgencyRef[] = [
  { code: '000.00.00.G01', level: 'central', parentCode: null },
  { code: '000.00.00.G16', level: 'central', parentCode: null },
  { code: 'G01.C06', level: 'central', parentCode: '000.00.00.G01' },
  { code: '000.00.00.H26', level: 'province', parentCode: null },
  { code: '001.26.00.X26', level: 'commune', parentCode: '000.00.00.H26' },
];
const index = SearchIndex.build(DOCS, AGENCIES, 1);
const search = (p: Partial<SearchParams>) => index.search({ limit: 20, ...p });
const codes = (page: SearchPage) => page.items.map((i) => i.code);
const names = (page: SearchPage) => page.items.map((i) => i.name);

const expectError = (fn: () => unknown, status: number, code: string) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect(httpStatusOf(e as DomainError)).toBe(status);
    expect((e as DomainError).code).toBe(code);
    return;
  }
  throw new Error('expected an error');
};

/** Follows cursors to the end; returns every item and the number of pages. */
const allPages = (run: (p: SearchParams) => SearchPage, p: SearchParams) => {
  const items: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = run({ ...p, cursor });
    items.push(...codes(page));
    cursor = page.nextCursor ?? undefined;
    pages++;
    if (pages > 10_000) throw new Error('cursor loop');
  } while (cursor);
  return { items, pages };
};

describe('normalisation', () => {
  it.each([
    ['Đăng ký khai sinh'],
    ['dang ky khai sinh'],
    ['ĐĂNG KÝ KHAI SINH'],
    ['đăng  ký   khai sinh'],
    ['  Đăng-ký, khai_sinh! '],
    ['Đăng ký khai sinh'.normalize('NFD')],
  ])('%j tokenises to dang ky khai sinh', (text) => {
    expect(tokenize(text)).toEqual(['dang', 'ky', 'khai', 'sinh']);
  });

  it('folds every Vietnamese vowel with tone and hook, and đ', () => {
    expect(normalizeText('Ưu tiên ơ ờ ở ỡ ợ ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ế ề ể ễ ệ ố ồ ổ ỗ ộ ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ Đđ'))
      .toBe('uu tien o o o o o a a a a a a a a a a e e e e e o o o o o u u u u u y y y y y dd');
  });

  it('splits codes on punctuation', () => {
    expect(tokenize('1.001193')).toEqual(['1', '001193']);
  });

  it.each(['Đăng ký khai sinh', 'dang ky khai sinh', 'ĐĂNG KÝ KHAI SINH', 'đăng  ký   khai sinh'])(
    'q=%j returns the same results',
    (q) => {
      expect(search({ q })).toEqual(search({ q: 'dang ky khai sinh' }));
      expect(search({ q }).items.length).toBeGreaterThan(0);
    },
  );
});

describe('matching and ranking', () => {
  it('ranks exact name, then starts-with, then contains, then all tokens in the name', () => {
    expect(names(search({ q: 'dang ky khai sinh' }))).toEqual([
      'Đăng ký khai sinh', // exact
      'Đăng ký khai sinh lưu động', // starts with (shorter first)
      'Đăng ký khai sinh có yếu tố nước ngoài',
      'Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân',
      'Thủ tục đăng ký khai sinh', // contains
      'Đăng ký lại khai sinh', // all tokens, not as a phrase
    ]);
  });

  it('puts a name-exact match before a contains match', () => {
    const hits = codes(search({ q: 'Đăng ký khai sinh' }));
    expect(hits.indexOf('1.000002')).toBeLessThan(hits.indexOf('1.001193'));
  });

  it('finds a procedure by its code', () => {
    expect(codes(search({ q: '1.001193' }))).toEqual(['1.001193']);
    expect(codes(search({ q: '1.0011' }))).toEqual(['1.001193']);
  });

  it('ranks code-only matches after name matches', () => {
    // "1" is a token of every code starting 1.; "ho chieu" is in names.
    const idx = SearchIndex.build([doc('1.000010', 'Ho chieu 2'), doc('2.000001', 'Cấp hộ chiếu 1')], [], 1);
    expect(codes(idx.search({ q: 'ho chieu 1', limit: 10 }))).toEqual(['2.000001', '1.000010']);
  });

  it('matches the last token as a prefix, the others exactly', () => {
    expect(names(search({ q: 'dang ky khai si' }))).toContain('Đăng ký khai sinh');
    expect(search({ q: 'dan ky khai sinh' }).items).toEqual([]);
    expect(codes(search({ q: 'nhan hi' }))).toEqual(['1.015002']);
    expect(codes(search({ q: 'nhan' })).sort()).toEqual(['1.004772', '1.015002', '2.001610']);
  });

  it('requires every token', () => {
    expect(search({ q: 'khai sinh ket hon' }).items).toEqual([]);
    expect(search({ q: 'khong ton tai' }).items).toEqual([]);
  });

  it('breaks ties by name length, then code', () => {
    const idx = SearchIndex.build([doc('1.000003', 'Cấp phép B'), doc('1.000002', 'Cấp phép A'), doc('1.000001', 'Cấp phép AB')], [], 1);
    expect(codes(idx.search({ q: 'cap phep', limit: 10 }))).toEqual(['1.000002', '1.000003', '1.000001']);
  });

  it('lists everything in code order without q (punctuation-only q counts as none)', () => {
    const all = [...DOCS].map((d) => d.code).sort();
    expect(codes(search({ limit: 100 }))).toEqual(all);
    expect(codes(search({ q: '!!!', limit: 100 }))).toEqual(all);
  });
});

describe('filters', () => {
  it('filters by sector, level and online service', () => {
    expect(codes(search({ sector: 'G01-CA02' })).sort()).toEqual(['1.001456', '1.001471']);
    expect(codes(search({ level: 'province' })).sort()).toEqual(['1.001456', '2.001610']);
    expect(codes(search({ online: 'full' }))).toEqual(['1.001193']);
    expect(codes(search({ q: 'dang ky', online: 'full', level: 'commune' }))).toEqual(['1.001193']);
    expect(search({ sector: 'NOPE' }).items).toEqual([]);
  });

  it('filters by agency: level for local agencies, ministry for central ones', () => {
    expect(codes(search({ agency: '000.00.00.H26' })).sort()).toEqual(['1.001456', '2.001610']);
    expect(codes(search({ agency: '001.26.00.X26', limit: 100 }))).toHaveLength(9);
    expect(codes(search({ agency: '000.00.00.G01' })).sort()).toEqual(['1.001456', '1.001471']);
    expect(codes(search({ agency: '000.00.00.G16' }))).toEqual(['1.015002']);
    // A department reaches its ministry's procedures.
    expect(codes(search({ agency: 'G01.C06' })).sort()).toEqual(['1.001456', '1.001471']);
    expect(codes(search({ q: 'ho chieu', agency: '000.00.00.G16' }))).toEqual([]);
    expect(search({ agency: 'UNKNOWN' }).items).toEqual([]);
  });
});

describe('pagination', () => {
  it('walks every page once: the full result, no duplicates, no empty last page', () => {
    const full = codes(search({ q: 'dang ky', limit: 100 }));
    expect(full.length).toBeGreaterThan(5);
    for (const limit of [1, 2, 3, 5]) {
      const { items, pages } = allPages((p) => index.search(p), { q: 'dang ky', limit });
      expect(items).toEqual(full);
      expect(new Set(items).size).toBe(items.length);
      expect(pages).toBe(Math.ceil(full.length / limit));
    }
  });

  it('accepts a cursor from the same query written differently (same normalised form)', () => {
    const first = search({ q: 'Đăng ký', limit: 2 });
    const next = search({ q: 'DANG KY', limit: 2, cursor: first.nextCursor! });
    expect(next.items.length).toBeGreaterThan(0);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['base64 of garbage', Buffer.from('nope').toString('base64url')],
    ['a JSON array', encodeCursor([1, 2])],
    ['negative offset', encodeCursor({ o: -5, h: 'x' })],
    ['fractional offset', encodeCursor({ o: 1.5, h: 'x' })],
    ['huge offset', encodeCursor({ o: 1e12, h: 'x' })],
    ['missing hash', encodeCursor({ o: 2 })],
  ])('refuses a tampered cursor (%s) with 400 INVALID_CURSOR', (_label, cursor) => {
    expectError(() => search({ q: 'dang ky', cursor }), 400, 'INVALID_CURSOR');
  });

  it('refuses a cursor of another query or other filters', () => {
    const cursor = search({ q: 'dang ky', limit: 1 }).nextCursor!;
    expectError(() => search({ q: 'khai sinh', cursor }), 400, 'INVALID_CURSOR');
    expectError(() => search({ q: 'dang ky', level: 'commune', cursor }), 400, 'INVALID_CURSOR');
    expect(search({ q: 'dang ky', cursor, limit: 1 }).items).toHaveLength(1);
  });
});

describe('snapshot and changes', () => {
  it('round-trips through a JSON snapshot with identical results', () => {
    const loaded = SearchIndex.fromSnapshot(JSON.parse(JSON.stringify(index.toSnapshot())));
    expect(loaded.version).toBe(1);
    for (const q of ['dang ky khai sinh', '1.00', 'ho chieu', '', 'nhan']) {
      for (const agency of [undefined, '000.00.00.G01', '000.00.00.H26']) {
        expect(loaded.search({ q, agency, limit: 3 })).toEqual(index.search({ q, agency, limit: 3 }));
      }
    }
    expect(loaded.docs().sort((a, b) => a.code.localeCompare(b.code))).toEqual([...DOCS].sort((a, b) => a.code.localeCompare(b.code)));
  });

  it.each([
    ['null', null],
    ['wrong format', { format: 'other' }],
    ['unsorted dictionary', { ...index.toSnapshot(), tokens: ['b', 'a'] }],
    ['bad token id', { ...index.toSnapshot(), docs: [[...index.toSnapshot().docs[0]!.slice(0, 10), [99999], []]] }],
    ['bad level', { ...index.toSnapshot(), docs: [['1.000001', 'x', 'planet', 's', 'none', 1, 'day', [], [], null, [], []]] }],
  ])('refuses a malformed snapshot (%s)', (_label, snapshot) => {
    expect(() => SearchIndex.fromSnapshot(snapshot)).toThrow(/Invalid search index snapshot/);
  });

  it('applies a change in memory exactly like a rebuild', () => {
    const changed = doc('1.004884', 'Đăng ký lại khai sinh (đã sửa)', { onlineService: 'full' });
    const added = doc('9.999999', 'Khai sinh mới hoàn toàn');
    const agency: AgencyRef = { code: '000.00.00.H01', level: 'province', parentCode: null };
    const a = index.withChange({ procedure: changed }, 2).withChange({ procedure: added }, 3).withChange({ agency }, 4);
    const b = SearchIndex.build([...DOCS.filter((d) => d.code !== changed.code), changed, added], [...AGENCIES, agency], 4);
    expect(a.version).toBe(4);
    for (const q of ['khai sinh', 'da sua', 'moi', '']) {
      for (const agencyCode of [undefined, '000.00.00.H01']) {
        expect(a.search({ q, agency: agencyCode, limit: 50 })).toEqual(b.search({ q, agency: agencyCode, limit: 50 }));
      }
    }
    // The original is untouched.
    expect(index.search({ q: 'da sua', limit: 5 }).items).toEqual([]);
  });
});

describe('index equals the brute-force reference', () => {
  it('on the fixture, for every page of a set of queries', () => {
    const queries: Partial<SearchParams>[] = [
      { q: 'dang ky' }, { q: 'khai' }, { q: 'Cấp hộ chiếu' }, { q: '1.00' }, { q: 'thu tuc', online: 'partial' },
      { agency: '000.00.00.G01' }, { agency: 'G01.C06', q: 'cap' }, { level: 'central' }, {},
    ];
    for (const q of queries) {
      for (const limit of [1, 2, 7]) {
        const p = { limit, ...q };
        expect(allPages((x) => index.search(x), p)).toEqual(allPages((x) => bruteForceSearch(DOCS, AGENCIES, x), p));
      }
    }
  });

  it('on random catalogues and random queries (property)', () => {
    const rng = prng(20261122);
    let compared = 0;
    for (let round = 0; round < 12; round++) {
      const size = [0, 1, 5, 40, 300, 1500][round % 6]!;
      const docs = syntheticProcedures(size, 1000 + round);
      // Some duplicate names, to exercise the tie-breaks.
      if (docs.length > 4) docs[1] = { ...docs[1]!, name: docs[0]!.name };
      const agencies = syntheticAgencies();
      const idx = round % 2 ? SearchIndex.fromSnapshot(JSON.parse(JSON.stringify(SearchIndex.build(docs, agencies, round).toSnapshot())))
        : SearchIndex.build(docs, agencies, round);
      const sample = docs.length ? docs : syntheticProcedures(3, 1);
      // The same reference, each procedure tokenised once per catalogue instead of once per query.
      const reference = prepareBruteForce(docs, agencies);
      for (let i = 0; i < 150; i++) {
        let p = randomQuery(rng, sample, agencies);
        for (let page = 0; page < 4; page++) {
          const got = idx.search(p);
          const want = reference(p);
          expect(got, JSON.stringify(p)).toEqual(want);
          compared++;
          if (!got.nextCursor) break;
          p = { ...p, cursor: got.nextCursor };
        }
      }
    }
    expect(compared).toBeGreaterThan(1800);
  });
});
