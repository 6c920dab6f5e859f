// Masking the sender's personal data (and anything shaped like it) in public views.
import { describe, expect, it } from 'vitest';
import { MASK, scrubPersonalData } from './privacy';

describe('scrubPersonalData', () => {
  const sender = { name: 'Nguyễn Văn An', idNumber: '001099012345', email: 'an.nguyen@example.vn', phone: '0912345678' };

  it.each([
    ['Tôi là Nguyễn Văn An, CCCD 001099012345', `Tôi là ${MASK}, CCCD ${MASK}`],
    ['liên hệ 0912 345 678 hoặc 0912.345.678', `liên hệ ${MASK} hoặc ${MASK}`],
    ['gọi +84 912 345 678', `gọi ${MASK}`],
    ['email an.nguyen@example.vn hoặc khac@mail.com', `email ${MASK} hoặc ${MASK}`],
    ['NGUYỄN VĂN AN phản ánh', `${MASK} phản ánh`],
    ['CMND cũ 012345678 của người khác', `CMND cũ ${MASK} của người khác`],
  ])('%s', (text, expected) => {
    expect(scrubPersonalData(text, sender)).toBe(expected);
  });

  it('keeps ordinary numbers: dates, amounts, procedure codes, counts', () => {
    const text = 'Ngày 12/03/2026 tôi nộp 50.000 đồng cho thủ tục 1.004194, chờ 15 ngày, mã hồ sơ 261202-0001';
    expect(scrubPersonalData(text, sender)).toBe(text);
  });
});
