// A procedure read and an admin's procedure write over in-memory adapters: the code must be the
// path's, and every catalogue entry the procedure refers to must exist.
import { beforeEach, describe, expect, it } from 'vitest';
import { procedure } from '../../test/catalogue/fixtures';
import { memoryCatalogue, rejectsWith } from '../../test/catalogue/memory-catalogue';
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
