// The FAQ's pure rules: diacritics-insensitive search with filters and paging, the validation of
// an admin's entry, and the service's procedure check and warm index (on an in-memory store).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryFaqStore } from './adapters/faq-store';
import { buildFaqIndex } from './domain/faq';
import { parseFaqEntries } from './load';
import { SupportService } from './service';
import { FaqSearchQuery, PutFaqEntry, type FaqEntry } from '../../shared/contracts/support';
import { isDomainError } from '../../shared/errors/domain-error';

const AT = '2026-11-02T03:00:00.000Z';
const entry = (id: string, question: string, answer: string, procedureCode?: string, sectorCode?: string): FaqEntry =>
  ({ id, question, answer, ...(procedureCode ? { procedureCode } : {}), ...(sectorCode ? { sectorCode } : {}), updatedAt: AT });

const ENTRIES = [
  entry('khai-sinh', 'Đăng ký khai sinh cần giấy tờ gì?', 'Cần Giấy chứng sinh.', '1.001193', 'G15-TP07'),
  entry('khai-sinh-phi', 'Có mất lệ phí không?', 'Đăng ký khai sinh đúng hạn được miễn lệ phí.', '1.001193', 'G15-TP07'),
  entry('ket-hon', 'Đăng ký kết hôn mất bao lâu?', 'Một ngày làm việc.', '1.000894', 'G15-TP07'),
  entry('tam-tru', 'ĐĂNG KÝ TẠM TRÚ mất bao lâu?', 'Ba ngày làm việc; lệ phí 7.000 đồng.', '1.004194', 'G01-CA05'),
  entry('tra-cuu', 'Tra cứu hồ sơ thế nào?', 'Nhập mã hồ sơ và số định danh.'),
];
const index = buildFaqIndex(ENTRIES);
const search = (q: Partial<Parameters<typeof index.search>[0]>) => index.search({ limit: 20, ...q });
const ids = (q: Partial<Parameters<typeof index.search>[0]>) => search(q).items.map((i) => i.id);

describe('FAQ search', () => {
  it('matches without diacritics, in any case, in the question or the answer; the question holding the phrase first', () => {
    expect(ids({ q: 'dang ky khai sinh' })).toEqual(['khai-sinh', 'khai-sinh-phi']);
    expect(ids({ q: 'ĐĂNG KÝ KHAI SINH' })).toEqual(['khai-sinh', 'khai-sinh-phi']);
    expect(ids({ q: 'dang ky tam tru' })).toEqual(['tam-tru']);
    expect(ids({ q: 'mien le phi' })).toEqual(['khai-sinh-phi']);
    // A lone prefix: questions starting with it first (id order), then answers holding a word with it.
    expect(ids({ q: 'đ' })).toEqual(['ket-hon', 'khai-sinh', 'tam-tru', 'khai-sinh-phi', 'tra-cuu']);
  });

  it('needs every word; the last may be a prefix, the others are whole words', () => {
    expect(ids({ q: 'dang ky khai s' })).toEqual(['khai-sinh', 'khai-sinh-phi']);
    expect(ids({ q: 'dan ky khai sinh' })).toEqual([]);
    expect(ids({ q: 'khai sinh ket hon' })).toEqual([]);
  });

  it('filters by procedure and by sector, with or without words', () => {
    expect(ids({ procedure: '1.001193' })).toEqual(['khai-sinh', 'khai-sinh-phi']);
    expect(ids({ sector: 'G15-TP07' })).toEqual(['ket-hon', 'khai-sinh', 'khai-sinh-phi']);
    expect(ids({ sector: 'G15-TP07', q: 'bao lau' })).toEqual(['ket-hon']);
    expect(ids({ procedure: '1.001193', sector: 'G01-CA05' })).toEqual([]);
    expect(ids({ procedure: '9.999999' })).toEqual([]);
  });

  it('without words lists everything in id order', () => {
    expect(ids({})).toEqual(['ket-hon', 'khai-sinh', 'khai-sinh-phi', 'tam-tru', 'tra-cuu']);
  });

  it('pages with cursors: every entry once, the last page without a cursor', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = search({ limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids({}));
  });

  it('refuses a cursor of another query, or an altered one, as 400 INVALID_CURSOR', () => {
    const cursor = search({ limit: 1 }).nextCursor!;
    for (const bad of [() => search({ limit: 1, q: 'khai sinh', cursor }), () => search({ limit: 1, cursor: `${cursor}x` }), () => search({ cursor: 'not-a-cursor' })]) {
      try { bad(); expect.unreachable(); } catch (e) { expect(isDomainError(e) && e.kind === 'invalid' && e.code === 'INVALID_CURSOR').toBe(true); }
    }
  });
});

describe('FAQ validation', () => {
  it('reads the query: empty values are "not given", limit 1–100, codes checked', () => {
    expect(FaqSearchQuery.parse({ q: '', procedure: '', limit: '5' })).toEqual({ limit: 5 });
    for (const bad of [{ limit: '0' }, { limit: '101' }, { limit: 'abc' }, { procedure: '1001193' }, { sector: 'g15 tp07' }, { q: 'x'.repeat(201) }]) {
      expect(FaqSearchQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('an entry is plain text: trimmed, line endings made \\n, no HTML, no unknown field, a one-line question', () => {
    expect(PutFaqEntry.parse({ question: '  Hỏi gì đây?  ', answer: 'Đoạn một.  \r\n\r\nĐoạn hai.  ' })).toEqual({ question: 'Hỏi gì đây?', answer: 'Đoạn một.\n\nĐoạn hai.' });
    const bad = [
      { question: 'Hỏi gì đây?', answer: '<script>alert(1)</script> trả lời' },
      { question: 'Hỏi?', answer: 'Câu trả lời đủ dài.' },
      { question: 'Dòng một\ndòng hai?', answer: 'Câu trả lời đủ dài.' },
      { question: 'Hỏi gì đây?', answer: 'Câu trả lời đủ dài.', extra: true },
      { question: 'Hỏi gì đây?', answer: 'Câu trả lời đủ dài.', procedureCode: 'khai-sinh' },
      { question: 'Hỏi gì đây?' },
    ];
    for (const b of bad) expect(PutFaqEntry.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});

describe('FAQ service', () => {
  const procedures = { getProcedure: async (code: string) => (code === '1.001193' ? { sectorCode: 'G15-TP07' } : undefined) };

  it('refuses a procedure the catalogue does not have (422) and takes the procedure\'s sector by default', async () => {
    const store = new MemoryFaqStore();
    const service = new SupportService({ store, procedures, now: () => Date.parse(AT) });
    const err = await service.put('x-1', { question: 'Hỏi gì đây?', answer: 'Câu trả lời đủ dài.', procedureCode: '1.999999' }).catch((e: unknown) => e);
    expect(isDomainError(err) && err.kind === 'unprocessable' && err.code === 'UNKNOWN_REFERENCE').toBe(true);
    expect(await service.put('x-1', { question: 'Hỏi gì đây?', answer: 'Câu trả lời đủ dài.', procedureCode: '1.001193' }))
      .toEqual({ id: 'x-1', question: 'Hỏi gì đây?', answer: 'Câu trả lời đủ dài.', procedureCode: '1.001193', sectorCode: 'G15-TP07', updatedAt: AT });
    const missing = await service.get('x-2').catch((e: unknown) => e);
    expect(isDomainError(missing) && missing.kind === 'not_found').toBe(true);
  });

  it('keeps a warm index, rebuilt after refreshMs and at once after its own write', async () => {
    let now = 0;
    const store = new MemoryFaqStore();
    await store.batchPut(ENTRIES);
    const service = new SupportService({ store, procedures, refreshMs: 1000, now: () => now });
    await service.search({ limit: 5 });
    await service.search({ limit: 5, q: 'khai sinh' });
    expect(store.loads).toBe(1);
    await store.put(entry('moi', 'Câu hỏi mới về khai sinh?', 'Trả lời mới.'));
    expect((await service.search({ limit: 5, q: 'cau hoi moi' })).items).toEqual([]);
    now = 1000;
    expect((await service.search({ limit: 5, q: 'cau hoi moi' })).items.map((i) => i.id)).toEqual(['moi']);
    await service.put('moi-2', { question: 'Một câu hỏi khác hẳn?', answer: 'Trả lời khác hẳn.' });
    expect((await service.search({ limit: 5, q: 'khac han' })).items.map((i) => i.id)).toEqual(['moi-2']);
    expect(store.loads).toBe(3);
  });
});

describe('the FAQ seed', () => {
  const procedures = JSON.parse(readFileSync('seed/catalogue/procedures.json', 'utf8')) as { code: string; sectorCode: string }[];
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  const raw = JSON.parse(readFileSync('seed/support/faq.json', 'utf8')) as unknown[];

  it('is at least 30 valid entries naming only seeded procedures, with their sectors, in Vietnamese with diacritics', async () => {
    const entries = await parseFaqEntries(raw, { getProcedure: async (c) => byCode.get(c) }, AT);
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(entries.filter((e) => e.procedureCode).length).toBeGreaterThanOrEqual(15);
    expect(entries.filter((e) => !e.procedureCode).length).toBeGreaterThanOrEqual(10);
    for (const e of entries) expect(`${e.question} ${e.answer}`, e.id).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i);
    // The search finds the birth-registration questions as the example query of docs/requirements.md R-CATALOGUE-SEARCH.
    expect(buildFaqIndex(entries).search({ q: 'dang ky khai sinh', limit: 5 }).items.some((i) => i.procedureCode === '1.001193')).toBe(true);
  });
});
