// A synthetic procedure catalogue for the search benchmark and the property tests: names built
// from fragments of real procedure names (CSDL quốc gia về TTHC), real-looking codes, sectors,
// levels, fees and agencies. Deterministic for a given seed.
import type { Level } from '../shared/contracts/catalogue';
import type { AgencyRef, SearchDoc, SearchParams } from '../functions/catalogue/domain/search-model';
import { normalizeText } from '../shared/text/normalize';

/** mulberry32: small, fast, seedable. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
};
export type Rng = ReturnType<typeof prng>;

export const VERBS = [
  'Cấp', 'Cấp lại', 'Cấp đổi', 'Cấp mới', 'Đăng ký', 'Đăng ký lại', 'Đăng ký thay đổi nội dung', 'Gia hạn',
  'Điều chỉnh', 'Thay đổi, cải chính, bổ sung thông tin', 'Xác nhận', 'Công nhận', 'Thu hồi', 'Chứng thực',
  'Thông báo', 'Giải quyết', 'Hỗ trợ chi phí', 'Xóa đăng ký', 'Cấp bản sao', 'Đính chính', 'Tạm ngừng',
  'Chấm dứt', 'Hưởng', 'Khai báo', 'Trình báo mất', 'Tuyển sinh', 'Xét tuyển', 'Hòa giải', 'Tách', 'Giao',
] as const;

export const OBJECTS = [
  'khai sinh', 'kết hôn', 'khai tử', 'thường trú', 'tạm trú', 'tạm vắng', 'thẻ căn cước', 'hộ chiếu phổ thông',
  'giấy phép lái xe', 'giấy phép lái xe quốc tế', 'giấy phép xây dựng', 'Giấy chứng nhận quyền sử dụng đất',
  'quyền sở hữu tài sản gắn liền với đất', 'hộ kinh doanh', 'doanh nghiệp tư nhân', 'công ty TNHH một thành viên',
  'công ty TNHH hai thành viên trở lên', 'công ty cổ phần', 'hợp tác xã', 'liên hiệp hợp tác xã',
  'giấy phép lao động', 'trợ cấp thất nghiệp', 'thẻ bảo hiểm y tế', 'bảo hiểm xã hội một lần',
  'Phiếu lý lịch tư pháp', 'văn bằng, chứng chỉ', 'giấy phép hoạt động khám bệnh, chữa bệnh',
  'giấy phép hành nghề', 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'nhãn hiệu',
  'chứng nhận đăng ký xe, biển số xe', 'giám hộ', 'nhận cha, mẹ, con', 'Giấy xác nhận tình trạng hôn nhân',
  'mức độ khuyết tật', 'hộ nghèo, hộ cận nghèo', 'thân nhân của người có công', 'mai táng phí',
  'tranh chấp đất đai', 'thửa đất', 'mã số thuế', 'đăng ký thuế lần đầu', 'bản sao Trích lục hộ tịch',
  'chữ ký trong các giấy tờ, văn bản', 'di chúc', 'hợp đồng, giao dịch', 'trung học cơ sở',
  'trung học phổ thông', 'trường phổ thông dân tộc nội trú', 'thông tin về cư trú', 'lưu trú',
] as const;

export const QUALIFIERS = [
  '', '', '', 'có yếu tố nước ngoài', 'lưu động', '(thực hiện tại cấp tỉnh)', '(thực hiện tại cấp xã)',
  '(thực hiện tại cấp trung ương)', 'cho người từ đủ 14 tuổi trở lên', 'cho người dưới 14 tuổi',
  'đối với công trình cấp III, cấp IV', 'trong trường hợp bị mất', 'bằng dịch vụ công trực tuyến toàn trình',
  'cho người nước ngoài', 'đối với cá nhân', 'đối với tổ chức', 'thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp xã',
  'cho trẻ em dưới 6 tuổi', 'của người Việt Nam định cư ở nước ngoài',
] as const;

export const SECTORS = [
  'G15-TP07', 'G15-TP01', 'G01-CA05', 'G01-CA06', 'G01-CA02', 'G15-TP09', 'G12-KH01', 'G12-KH03', 'G12-TC07',
  'G14-TN01', 'G17-XD01', 'G17-GT05', 'G09-GD03', 'G09-GD07', 'G10-YT01', 'G10-YT05', 'G10-BH01', 'G13-LD04',
  'G13-LD06', 'G13-NC01', 'G16-KC02', 'G16-NN03', 'G05-CT04', 'G08-VH02',
] as const;

export const MINISTRIES = [
  '000.00.00.G01', '000.00.00.G02', '000.00.00.G05', '000.00.00.G08', '000.00.00.G09', '000.00.00.G10',
  '000.00.00.G12', '000.00.00.G13', '000.00.00.G14', '000.00.00.G15', '000.00.00.G16', '000.00.00.G17',
  '000.00.00.G18', '000.00.00.G19', '000.00.00.G20', '000.00.00.G22', '000.00.00.G23',
] as const;

const LEVELS: readonly Level[] = ['central', 'province', 'commune'];
const UNITS = ['working_day', 'working_hour', 'day'] as const;

export const syntheticAgencies = (): AgencyRef[] => {
  const out: AgencyRef[] = MINISTRIES.map((code) => ({ code, level: 'central', parentCode: null }));
  // Departments under ministries (Cục, Tổng cục): central, parent = the ministry.
  for (const [i, m] of MINISTRIES.entries()) {
    out.push({ code: `${m.slice(0, 4)}${String(10 + i).padStart(2, '0')}.00.${m.slice(-3)}`, level: 'central', parentCode: m });
  }
  for (let p = 1; p <= 34; p++) {
    const province = `000.00.00.H${String(p).padStart(2, '0')}`;
    out.push({ code: province, level: 'province', parentCode: null });
    for (let c = 1; c <= 5; c++) out.push({ code: `${String(c).padStart(3, '0')}.${String(p).padStart(2, '0')}.00.X${String(p).padStart(2, '0')}`, level: 'commune', parentCode: province });
  }
  return out;
};

export const syntheticName = (rng: Rng): string => {
  const parts: string[] = [rng.pick(VERBS), rng.pick(OBJECTS)];
  const q = rng.pick(QUALIFIERS);
  if (q) parts.push(q);
  if (rng.chance(0.1)) parts.push(rng.pick(QUALIFIERS.filter(Boolean)));
  const name = parts.join(' ');
  const full = rng.chance(0.25) ? `Thủ tục ${name.charAt(0).toLowerCase()}${name.slice(1)}` : name;
  return full;
};

export const syntheticProcedures = (count: number, seed = 1): SearchDoc[] => {
  const rng = prng(seed);
  const codes = new Set<string>();
  const docs: SearchDoc[] = [];
  while (docs.length < count) {
    const code = `${1 + rng.int(3)}.${String(rng.int(1_000_000)).padStart(6, '0')}`;
    if (codes.has(code)) continue;
    codes.add(code);
    const level = rng.pick(LEVELS);
    const agencyKinds = LEVELS.filter((l) => l === level || rng.chance(0.15));
    const central = agencyKinds.includes('central');
    docs.push({
      code,
      name: syntheticName(rng),
      level,
      sectorCode: rng.pick(SECTORS),
      onlineService: rng.pick(['full', 'partial', 'none', 'none'] as const),
      processingTime: { value: 1 + rng.int(30), unit: rng.pick(UNITS) },
      fees: Array.from({ length: rng.int(3) }, (_, i) => ({
        code: `${code}-F${i + 1}`,
        name: rng.pick(['Lệ phí', 'Phí thẩm định', 'Lệ phí cấp giấy', 'Phí khai thác']),
        amount: rng.pick([0, 5_000, 8_000, 20_000, 50_000, 100_000, 200_000, 1_500_000]),
        kind: rng.pick(['fee', 'charge'] as const),
        revenueItemCode: rng.pick(['2651', '2662', '2663', '1751', '2016']),
      })),
      agencyKinds,
      ...(central ? { ministryCodes: [rng.pick(MINISTRIES), ...(rng.chance(0.1) ? [rng.pick(MINISTRIES)] : [])] } : {}),
    });
  }
  return docs;
};

const stripMarks = (s: string) => normalizeText(s);

/** A random search request in the mix real users send: names, fragments, prefixes, codes, filters. */
export const randomQuery = (rng: Rng, docs: readonly SearchDoc[], agencies: readonly AgencyRef[]): SearchParams => {
  const p: SearchParams = { limit: rng.pick([1, 5, 10, 20, 20, 20, 50, 100]) };
  const r = rng.next();
  let q: string | undefined;
  if (r < 0.2) q = rng.pick(docs).name;
  else if (r < 0.45) q = `${rng.pick(VERBS)} ${rng.pick(OBJECTS)}`;
  else if (r < 0.6) q = rng.pick(OBJECTS);
  else if (r < 0.7) {
    const words = rng.pick(docs).name.split(' ');
    const start = rng.int(words.length);
    q = words.slice(start, start + 1 + rng.int(3)).join(' ');
  } else if (r < 0.78) {
    const code = rng.pick(docs).code;
    q = rng.chance(0.5) ? code : code.slice(0, 3 + rng.int(code.length - 2));
  } else if (r < 0.83) q = rng.pick(['xyz khong co', 'qqq', 'đăng ký zzz']);
  // else: no q, filters only
  if (q !== undefined) {
    if (rng.chance(0.4)) q = stripMarks(q);
    if (rng.chance(0.15)) q = q.toUpperCase();
    if (rng.chance(0.3) && q.length > 3) q = q.slice(0, q.length - 1 - rng.int(Math.min(4, q.length - 2)));
    if (rng.chance(0.1)) q = `  ${q.replace(/ /g, '   ')} `;
    p.q = q;
  }
  if (rng.chance(0.2)) p.sector = rng.pick(SECTORS);
  if (rng.chance(0.2)) p.level = rng.pick(LEVELS);
  if (rng.chance(0.15)) p.online = rng.pick(['full', 'partial'] as const);
  if (rng.chance(0.15)) p.agency = rng.chance(0.9) ? rng.pick(agencies).code : '000.00.00.Z99';
  return p;
};
