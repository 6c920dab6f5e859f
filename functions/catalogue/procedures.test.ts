// A procedure read and an admin's procedure write over in-memory adapters: the code must be the
// path's, and every catalogue entry the procedure refers to must exist.
import { beforeEach, describe, expect, it } from 'vitest';
import { procedure } from '../../test/catalogue/fixtures';
import { memoryCatalogue, rejectsWith } from '../../test/catalogue/memory-catalogue';
import { StoreCatalogueReader } from './adapters/catalogue-reader';
import { getProcedure, putProcedure } from './procedures';

let c: Awaited<ReturnType<typeof memoryCatalogue>>;
beforeEach(async () => { c = await memoryCatalogue(); });

describe('procedures', () => {
  it('refuses a body whose code differs from the path', async () => {
    const e = await rejectsWith(putProcedure(c.instance(), '1.000002', procedure('1.000003', 'X')), 'invalid', 'CODE_MISMATCH');
    expect(e.details).toEqual([{ path: 'body.code', message: expect.any(String) }]);
  });

  it('refuses unknown sector and revenue items (unprocessable) with their paths', async () => {
    const p = procedure('1.777777', 'X', {
      sectorCode: 'NOPE',
      fees: [
        { code: 'A', name: 'A', amount: 1, kind: 'fee', revenueItemCode: '2651' },
        { code: 'B', name: 'B', amount: 1, kind: 'fee', revenueItemCode: '0000' },
      ],
    });
    const e = await rejectsWith(putProcedure(c.instance(), '1.777777', p), 'unprocessable', 'UNKNOWN_REFERENCE');
    expect(e.details!.map((d) => d.path)).toEqual(['body.sectorCode', 'body.fees.1.revenueItemCode']);
    expect(c.store.procedures.has('1.777777')).toBe(false);
  });

  it('reads a procedure; a missing one is not found', async () => {
    expect((await getProcedure(c.instance(), '1.000002')).name).toBe('Đăng ký khai sinh');
    await rejectsWith(getProcedure(c.instance(), '9.999999'), 'not_found', 'NOT_FOUND');
  });
});

describe('procedures in warm functions (docs/operations.md "Warm caches")', () => {
  it('GET reads a procedure once per TTL; this function\'s own PUT is read back at once', async () => {
    const warm = c.instance({ procedureTtlMs: 60_000 });
    const reads = () => c.store.calls.getProcedure ?? 0;
    const before = reads();
    await Promise.all([getProcedure(warm, '1.000002'), getProcedure(warm, '1.000002'), getProcedure(warm, '1.000002')]);
    c.advance(59_000);
    await getProcedure(warm, '1.000002');
    expect(reads() - before).toBe(1);
    const edited = { ...(await getProcedure(warm, '1.000002')), name: 'Đăng ký khai sinh (sửa)' };
    await putProcedure(warm, '1.000002', edited);
    expect((await getProcedure(warm, '1.000002')).name).toBe('Đăng ký khai sinh (sửa)');
    c.advance(60_000);
    await getProcedure(warm, '1.000002');
    expect(reads() - before).toBe(3);
  });

  it('other functions\' readers see an edit within the TTL, a new procedure too (an absent one is kept as absent)', async () => {
    let now = 0;
    const reader = new StoreCatalogueReader(c.store, () => now, 60_000);
    const fee = async () => (await reader.getProcedure('1.000002'))!.fees.map((f) => f.amount);
    const original = await fee();
    expect(await reader.getProcedure('1.666666')).toBeUndefined();
    const p = (await c.store.getProcedure('1.000002'))!;
    await c.store.putProcedure({ ...p, fees: p.fees.map((f) => ({ ...f, amount: f.amount + 1000 })) });
    await c.store.putProcedure({ ...p, code: '1.666666' });
    now += 59_999;
    expect(await fee()).toEqual(original);
    expect(await reader.getProcedure('1.666666')).toBeUndefined();
    now += 1;
    expect(await fee()).toEqual(original.map((a) => a + 1000));
    expect((await reader.getProcedure('1.666666'))?.code).toBe('1.666666');
  });

  it('reads every time with a TTL of 0 (the local runtime)', async () => {
    const reader = new StoreCatalogueReader(c.store, Date.now, 0);
    const before = c.store.calls.getProcedure ?? 0;
    await reader.getProcedure('1.000002');
    await reader.getProcedure('1.000002');
    expect(c.store.calls.getProcedure! - before).toBe(2);
  });
});
