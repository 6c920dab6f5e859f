// The dossier slips through the local gateway: which slips a dossier lists after submission,
// receipt and refusal, the PDF of each (with the dossier code), and who may read them.
import { beforeAll, describe, expect, it } from 'vitest';
import { SlipList } from '../../shared/contracts/dossiers';
import { api, baseUrl, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { act, submitted } from '../support/dossiers';
import { extractText } from '../../functions/notifications/pdf/pdf-reader.test-support';

const tokens = { citizen: '', business: '', official: '', officialHue: '', admin: '' };

beforeAll(async () => {
  const users = { citizen: 'citizen.demo', business: 'business.demo', official: 'official.hanoi', officialHue: 'official.hue', admin: 'admin.demo' };
  await Promise.all(Object.entries(users).map(async ([role, username]) => {
    tokens[role as keyof typeof tokens] = await signIn(username);
  }));
});

const list = async (id: string, token: string) => api('GET', `/v1/dossiers/${id}/slips`, { token });
const slips = async (id: string, token: string) => expectBody(await list(id, token), 200, SlipList, 'slips').items;
/** The raw bytes: the PDF is binary (api() reads text). */
const pdf = async (path: string, token: string) => {
  const res = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
};
/** The PDF's /Title (UTF-16BE hex string). */
const titleOf = (bytes: Uint8Array) => {
  const hex = /\/Title <FEFF([0-9A-F]*)>/.exec(Buffer.from(bytes).toString('latin1'))?.[1] ?? '';
  return String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
};

describe('dossier slips', () => {
  it('submitted: the acknowledgement only; received: the receipt slip (form 01) as a PDF with the code', async () => {
    const d = await submitted(tokens.citizen);
    const before = await slips(d.id, tokens.citizen);
    expect(before.map((s) => [s.kind, s.form])).toEqual([['submission_ack', null]]);
    const ack = await pdf(before[0]!.href, tokens.citizen);
    expect(ack.status).toBe(200);
    expect(extractText(ack.bytes).replace(/\s+/g, ' ')).toContain('không phải Giấy tiếp nhận hồ sơ và hẹn trả kết quả');

    await act(tokens.official, d, { action: 'receive', note: 'Hồ sơ đầy đủ' });
    const after = await slips(d.id, tokens.citizen);
    expect(after.map((s) => s.kind)).toEqual(['submission_ack', 'receipt']);
    const receipt = after[1]!;
    expect(receipt).toMatchObject({ form: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' });
    expect(receipt.href).toBe(`/v1/dossiers/${d.id}/slips/receipt?at=${encodeURIComponent(receipt.issuedAt)}`);

    const file = await pdf(receipt.href, tokens.citizen);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="giay-tiep-nhan-ho-so-${d.code}.pdf"`);
    expect(Buffer.from(file.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(titleOf(file.bytes)).toContain(d.code);
    expect(extractText(file.bytes)).toContain(d.code);
    // Without `at`: the latest of the kind, re-rendered identically (deterministic).
    const again = await pdf(`/v1/dossiers/${d.id}/slips/receipt`, tokens.official);
    expect(Buffer.from(again.bytes).equals(Buffer.from(file.bytes))).toBe(true);
  });

  it('a refused dossier has the refusal slip, and no receipt', async () => {
    const d = await submitted(tokens.citizen);
    await act(tokens.official, d, { action: 'refuse', reason: 'Thủ tục không thuộc thẩm quyền' });
    const items = await slips(d.id, tokens.citizen);
    expect(items.map((s) => s.kind)).toEqual(['submission_ack', 'refusal']);
    const file = await pdf(`/v1/dossiers/${d.id}/slips/refusal`, tokens.citizen);
    expect(file.status).toBe(200);
    expect(extractText(file.bytes)).toContain('Thủ tục không thuộc thẩm quyền');
    expect((await pdf(`/v1/dossiers/${d.id}/slips/receipt`, tokens.citizen)).status).toBe(404);
  });

  it('is read like the dossier: owner, official in scope and admin; others get 404; bad input is a 400', async () => {
    const d = await submitted(tokens.citizen);
    for (const token of [tokens.official, tokens.admin]) expect(await slips(d.id, token)).toEqual(await slips(d.id, tokens.citizen));
    for (const token of [tokens.business, tokens.officialHue]) {
      expectError(await list(d.id, token), 404, 'NOT_FOUND');
      expect((await pdf(`/v1/dossiers/${d.id}/slips/submission_ack`, token)).status).toBe(404);
    }
    expect((await api('GET', `/v1/dossiers/${d.id}/slips`)).status).toBe(401);
    const badKind = expectError(await api('GET', `/v1/dossiers/${d.id}/slips/result`, { token: tokens.citizen }), 400);
    expect(badKind.details?.[0]?.path).toBe('params.kind');
    const badAt = expectError(await api('GET', `/v1/dossiers/${d.id}/slips/receipt?at=yesterday`, { token: tokens.citizen }), 400);
    expect(badAt.details?.[0]?.path).toBe('query.at');
    const wrongAt = await api('GET', `/v1/dossiers/${d.id}/slips/submission_ack?at=2020-01-01T00:00:00Z`, { token: tokens.citizen });
    expect(wrongAt.status).toBe(404);
  });
});
