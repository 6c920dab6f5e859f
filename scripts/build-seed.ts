// Builds the catalogue seed (seed/catalogue/*.json) from the reference data set described in
// seed/README.md ("Where the facts come from"): a folder of JSON files of public facts, kept
// outside the repository. Run: npx tsx scripts/build-seed.ts --from <that folder>
// Output is deterministic (sorted, no timestamps). Every rule that resolves a caveat of the source
// data is commented here and listed in seed/README.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holidaysFor } from '../functions/catalogue/domain/holidays';
import { buildRequirements, buildSteps, type Channel } from './seed/content';
import { FORMS, formKind, type FormField } from './seed/forms';
import {
  ASSUMED_MINISTRY_CODES, BANKS, DECISION_SUFFIX_MINISTRY, DERIVED_SECTORS, LEGAL_EFFECTIVE, MAKEUP_DAYS,
  RESULT_RULES, RESULT_TYPES, REVENUE_ITEMS, SECTOR_CLOSE_MATCHES, TREASURY_BANKS,
} from './seed/reference';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fromArg = process.argv.indexOf('--from');
if (fromArg < 0 || !process.argv[fromArg + 1]) {
  console.error('Usage: npx tsx scripts/build-seed.ts --from <folder of the reference data set (seed/README.md)>');
  process.exit(2);
}
const DATA = resolve(process.cwd(), process.argv[fromArg + 1]!);
const OUT = resolve(ROOT, 'seed/catalogue');

// ---------------------------------------------------------------- source shapes (loosely typed)
interface SrcFee { amountVnd: number | null; note: string | null; amountSuspect?: boolean }
interface SrcChannel {
  channel: Channel; processingTime: SrcTime | null; processingTimeRaw: string | null; note: string | null; fees: SrcFee[] | null;
}
interface SrcTime { value: number; unit: string }
interface SrcProcedure {
  code: string; name: string; level: 'central' | 'province' | 'commune'; sector: string; sectorCode2023: string | null;
  announcementDecision: string; implementingAgency: string | null; applicantTypes: string[]; channels: Channel[];
  onlineService: 'full' | 'partial' | null; processingTime: SrcTime | null;
  processingTimeFromSteps?: SrcTime & { quote: string };
  byChannel: SrcChannel[] | null;
  components: Array<{ name: string; kind: string | null; originals: number; copies: number }> | null;
  result: string | null; legalBasis: Array<{ number: string | null; title: string }> | null;
  source: { portalUrl: string };
}
interface SrcProvince {
  gsoCode: string; name: string; shortName: string; kind: string; dvcAgencySuffix: string; dvcAgencyCode: string;
}
interface SrcCommune { code: string; name: string; kind: string; provinceCode: string }
interface SrcMinistry { name: string; kind: string; dvcAgencyLevel1Code: string | null; dvcAgencyCode: string | null; codeStatus: string }
interface SrcSector { code: string; name: string; ministryCodePrefix: string | null }

const load = <T>(file: string): T => JSON.parse(readFileSync(resolve(DATA, file), 'utf8')) as T;
const procedures = load<{ items: SrcProcedure[] }>('procedures.json').items;
const provinces = load<{ items: SrcProvince[] }>('provinces.json').items;
const communes = load<{ items: SrcCommune[] }>('communes.json').items;
const ministries = load<{ items: SrcMinistry[] }>('ministries.json').items;
const sectorData = load<{ catalogue2023: SrcSector[]; currentSectorNames: Array<{ name: string }> }>('sectors.json');

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const fail = (msg: string): never => { throw new Error(msg); };

// ---------------------------------------------------------------- sectors
/** The 2023 catalogue spells labour sectors "G07-LĐnn"; shared catalogue ids are ASCII, so Đ → D. */
const asciiCode = (code: string) => code.replace(/Đ/g, 'D').replace(/đ/g, 'd');
const catalogueByName = new Map<string, SrcSector[]>();
for (const s of sectorData.catalogue2023) {
  const k = s.name.toLowerCase();
  catalogueByName.set(k, [...(catalogueByName.get(k) ?? []), s]);
}
/** "163/QĐ-BTP" → "BTP", "1523/QĐ-BCA-C06" → "BCA-C06", "QĐ/0001-BTP" → "BTP". */
const decisionSuffix = (decision: string) => decision.replace(/^.*\//, '').replace(/^(QĐ-|\d+-)/, '');
const ministryOf = (p: SrcProcedure) => DECISION_SUFFIX_MINISTRY[decisionSuffix(p.announcementDecision)] ?? fail(`no ministry for ${p.announcementDecision}`);

/** Sector code of a procedure — rule order documented in scripts/seed/reference.ts and seed/README.md. */
function sectorCodeOf(p: SrcProcedure): string {
  // Rule 1: the source's own 2023 code (exact name, prefix fits the announcing ministry).
  if (p.sectorCode2023) return asciiCode(p.sectorCode2023);
  // Rule 3 first when a close match is keyed by ministry (same name exists under another ministry).
  const keyed = SECTOR_CLOSE_MATCHES[`${p.sector}|${decisionSuffix(p.announcementDecision)}`];
  if (keyed) return keyed.code;
  // Rule 2: exact (case-insensitive) name match in the 2023 catalogue, preferring the announcing ministry.
  const exact = catalogueByName.get(p.sector.toLowerCase());
  if (exact?.length) {
    const own = exact.find((s) => s.ministryCodePrefix === ministryOf(p));
    return asciiCode((own ?? exact[0]!).code);
  }
  // Rule 3: a hand-listed close match (renamed sector under the same ministry).
  const close = SECTOR_CLOSE_MATCHES[p.sector];
  if (close) return close.code;
  // Rule 4: a documented derived code.
  return DERIVED_SECTORS[p.sector]?.code ?? fail(`unresolved sector "${p.sector}" (${p.code})`);
}

function buildSectors(used: Map<string, string>): Array<{ id: string; code: string; name: string }> {
  const out = new Map<string, string>();
  // Every 2023 catalogue sector whose name is still used in the 2025–26 national database.
  const current = new Set(sectorData.currentSectorNames.map((s) => s.name));
  for (const s of sectorData.catalogue2023) {
    const code = asciiCode(s.code);
    if (current.has(s.name) && !out.has(code)) out.set(code, s.name);
  }
  // Every sector referenced by a seed procedure, named with its current (2025–26) name.
  for (const [code, name] of used) out.set(code, name);
  return [...out].map(([code, name]) => ({ id: code, code, name })).sort(byCode);
}

// ---------------------------------------------------------------- processing time
type Unit = 'working_day' | 'working_hour' | 'day';
/**
 * Processing times the source leaves as "OTHER" or empty and whose steps state no time.
 * Each value is a realistic figure for that kind of procedure, with the reason.
 */
const TIME_DEFAULTS: Record<string, { value: number; unit: Unit; why: string }> = {
  '2.000635': { value: 1, unit: 'working_day', why: 'copies of civil-status extracts are issued the same day (next working day after 15:00)' },
  '2.000815': { value: 1, unit: 'working_day', why: 'Nghị định 23/2015/NĐ-CP: certified copies within the day of the request (next working day after 15:00)' },
  '2.000884': { value: 1, unit: 'working_day', why: 'Nghị định 23/2015/NĐ-CP: signature certification within the day of the request' },
  '2.000942': { value: 1, unit: 'working_day', why: 'certified copy of an already certified transaction: same day as a certified copy' },
  '2.001035': { value: 2, unit: 'working_day', why: 'Nghị định 23/2015/NĐ-CP: contracts and transactions within 2 working days' },
  '2.001019': { value: 2, unit: 'working_day', why: 'Nghị định 23/2015/NĐ-CP: wills, like contracts, within 2 working days' },
  '2.002023': { value: 5, unit: 'working_day', why: 'dissolution: the registry updates the legal status 5 working days after receiving the dossier (Luật Doanh nghiệp 2020)' },
  '1.001266': { value: 3, unit: 'working_day', why: 'household-business registration acts take 3 working days (the figure the sibling procedures state in their steps)' },
  '2.000575': { value: 3, unit: 'working_day', why: 'household-business certificate re-issue: 3 working days like the other household-business procedures' },
  '3.000182': { value: 15, unit: 'working_day', why: 'admission follows the yearly enrolment plan; 15 working days is a nominal handling time' },
  '3.000181': { value: 15, unit: 'working_day', why: 'admission follows the yearly enrolment plan; 15 working days is a nominal handling time' },
  '1.005090': { value: 15, unit: 'working_day', why: 'boarding-school admission follows the yearly enrolment plan; nominal 15 working days' },
};

function processingTimeOf(p: SrcProcedure): { value: number; unit: Unit } {
  const t = p.processingTime;
  // Rule T1: a structured working-day time is kept as is.
  if (t?.unit === 'working_day') return { value: t.value, unit: 'working_day' };
  // Rule T2: calendar days stay calendar days — unless a channel note states the same number as
  // "ngày làm việc" (the liên thông procedures 2.000986, 2.001023), then working days.
  if (t?.unit === 'day') {
    const saysWorking = (p.byChannel ?? []).some((c) => c.note && new RegExp(`\\b0?${t.value} ngày làm việc`).test(c.note));
    return { value: t.value, unit: saysWorking ? 'working_day' : 'day' };
  }
  // Rule T3: hours are office hours.
  if (t?.unit === 'hour') return { value: t.value, unit: 'working_hour' };
  // Rule T4: months become 30 calendar days each (trademark registration: 7 months → 210 days).
  if (t?.unit === 'month') return { value: t.value * 30, unit: 'day' };
  // Rule T5: unit "other" or no time → the time stated in the steps where the source gives one.
  if (p.processingTimeFromSteps) {
    const s = p.processingTimeFromSteps;
    return { value: s.value, unit: s.unit === 'hour' ? 'working_hour' : (s.unit as Unit) };
  }
  // Rule T6: civil status "N OTHER" = N working days (same-day registration, or the statutory
  // 3/5 working days when verification is needed — Luật Hộ tịch, Nghị định 123/2015/NĐ-CP).
  if (t?.unit === 'other' && p.sector === 'Hộ tịch') return { value: t.value, unit: 'working_day' };
  // Rule T7: a documented default for the kind of procedure.
  const d = TIME_DEFAULTS[p.code];
  if (d) return { value: d.value, unit: d.unit };
  return fail(`unresolved processing time for ${p.code} (${JSON.stringify(t)})`);
}

// ---------------------------------------------------------------- online service and channels
function onlineOf(p: SrcProcedure): { onlineService: 'full' | 'partial' | 'none'; channels: Channel[] } {
  const channels = [...new Set(p.channels)];
  // Rule O1: the 20 levels stated by the police portal are kept. Where the national export lists
  // no online channel for such a procedure (1.001247), online is added to agree with the portal.
  if (p.onlineService) {
    if (!channels.includes('online')) channels.push('online');
    return { onlineService: p.onlineService, channels: sortChannels(channels) };
  }
  // Rule O2: a name that says "trực tuyến toàn trình" is full.
  if (/toàn trình/i.test(p.name) && channels.includes('online')) return { onlineService: 'full', channels: sortChannels(channels) };
  // Rule O3: unknown level → "partial" when the procedure can be submitted online, else "none".
  return { onlineService: channels.includes('online') ? 'partial' : 'none', channels: sortChannels(channels) };
}
const CHANNEL_ORDER: Channel[] = ['desk', 'online', 'post'];
const sortChannels = (c: Channel[]) => CHANNEL_ORDER.filter((x) => c.includes(x));

// ---------------------------------------------------------------- fees
interface Fee { code: string; name: string; amount: number; kind: 'fee' | 'charge'; revenueItemCode: string }
const revenueKind = new Map(REVENUE_ITEMS.map((r) => [r.code, r.kind]));
const mkFee = (code: string, name: string, amount: number, revenueItemCode: string): Fee => ({
  code, name, amount, kind: revenueKind.get(revenueItemCode) ?? fail(`unknown revenue item ${revenueItemCode}`), revenueItemCode,
});

/** Fee name and revenue item by sector, for amounts taken from the source as they are. */
const SECTOR_FEE: Record<string, { code: string; name: string; revenueItemCode: string }> = {
  'Hộ tịch': { code: 'LE_PHI_HO_TICH', name: 'Lệ phí hộ tịch', revenueItemCode: '2771' },
  'Chứng thực': { code: 'PHI_CHUNG_THUC', name: 'Phí chứng thực', revenueItemCode: '2716' },
  'Đăng ký, quản lý cư trú': { code: 'LE_PHI_CU_TRU', name: 'Lệ phí đăng ký cư trú', revenueItemCode: '2767' },
  'Cấp, quản lý căn cước': { code: 'LE_PHI_CAN_CUOC', name: 'Lệ phí cấp thẻ căn cước', revenueItemCode: '2768' },
  'Quản lý xuất nhập cảnh': { code: 'LE_PHI_HO_CHIEU', name: 'Lệ phí cấp hộ chiếu phổ thông', revenueItemCode: '2752' },
  'Văn bằng, chứng chỉ': { code: 'PHI_XAC_MINH', name: 'Phí xác minh văn bằng để công nhận', revenueItemCode: '2412' },
  'Khám bệnh, chữa bệnh': { code: 'PHI_THAM_DINH', name: 'Phí thẩm định cấp giấy phép hành nghề', revenueItemCode: '2561' },
};

/**
 * Procedures whose fees are resolved by hand; every entry says why. Everything else goes through
 * the generic rules in `feesOf`.
 */
const FEE_OVERRIDES: Record<string, { fees: Fee[]; why: string }> = {
  '2.000635': {
    fees: [mkFee('PHI_BAN_SAO', 'Phí cấp bản sao trích lục hộ tịch (8.000 đ/bản)', 8000, '2721')],
    why: 'a phí (Thông tư 281/2016/TT-BTC), not the lệ phí hộ tịch of the sector default',
  },
  '1.004194': {
    fees: [mkFee('LE_PHI_CU_TRU', 'Lệ phí đăng ký tạm trú (cá nhân, hộ gia đình, nộp trực tuyến)', 7000, '2767')],
    why: 'three online tiers (7.000 individual/household, 5.000 per person on a list, 0 exempt): the individual tier',
  },
  '1.002755': {
    fees: [mkFee('LE_PHI_CU_TRU', 'Lệ phí gia hạn tạm trú (cá nhân, hộ gia đình, nộp trực tuyến)', 7000, '2767')],
    why: 'online tiers stored as 5.000 with a note saying 7.000 for individuals: the note wins',
  },
  '1.001456': {
    fees: [mkFee('LE_PHI_HO_CHIEU', 'Lệ phí cấp hộ chiếu phổ thông', 200000, '2752')],
    why: 'the stored online 160.000 is a reduction its own note says applied until 31/12/2023; the standing rate is 200.000 (Thông tư 25/2021/TT-BTC)',
  },
  '3.000333': {
    fees: [mkFee('PHI_LLTP', 'Phí cung cấp thông tin lý lịch tư pháp', 200000, '2764')],
    why: 'stored 0 with a note pointing to Thông tư 244/2016/TT-BTC: 200.000 đ/lần/người (100.000 for students and people with merit; exemptions apply)',
  },
  '3.000330': {
    fees: [mkFee('PHI_LLTP', 'Phí cung cấp thông tin lý lịch tư pháp', 200000, '2764')],
    why: 'stored null with a note pointing to Thông tư 244/2016/TT-BTC: 200.000 đ/lần/người',
  },
  '3.000346': {
    fees: [
      mkFee('PHI_SAT_HACH_LY_THUYET', 'Phí sát hạch lý thuyết (hạng A1, A, B1)', 60000, '2301'),
      mkFee('PHI_SAT_HACH_THUC_HANH', 'Phí sát hạch thực hành (hạng A1, A, B1)', 60000, '2301'),
      mkFee('LE_PHI_GPLX', 'Lệ phí cấp giấy phép lái xe', 135000, '2853'),
    ],
    why: 'stored 0 with the schedule in the note: motorcycle classes A1/A/B1 test charges (60.000 + 60.000) plus the licence fee 135.000; car classes cost more (see note)',
  },
  '3.000347': {
    fees: [mkFee('LE_PHI_GPLX', 'Lệ phí cấp giấy phép lái xe', 135000, '2853')],
    why: 'stored 0; note: 135.000 đ/lần (the 115.000 online rate ran until 31/12/2025)',
  },
  '3.000348': {
    fees: [mkFee('LE_PHI_GPLX', 'Lệ phí cấp giấy phép lái xe', 135000, '2853')],
    why: 'stored 0; note: 135.000 đ/lần (the 115.000 online rate ran until 31/12/2025)',
  },
  '3.000353': {
    fees: [mkFee('LE_PHI_GPLX_QUOC_TE', 'Lệ phí cấp giấy phép lái xe quốc tế', 135000, '2853')],
    why: 'stored 0; note: 135.000 đ/lần (the 115.000 online rate ran until 31/12/2025)',
  },
  '2.001610': {
    fees: [mkFee('PHI_CONG_BO', 'Phí công bố nội dung đăng ký doanh nghiệp', 100000, '2266')],
    why: 'online amount stored as 100 (suspect) with the note "100.000 đồng/lần": the publication charge; online registration carries no lệ phí đăng ký doanh nghiệp in the source',
  },
  '2.001583': {
    fees: [mkFee('PHI_CONG_BO', 'Phí công bố nội dung đăng ký doanh nghiệp', 100000, '2266')],
    why: 'the online amount is the publication charge (note: Thông tư 47/2019/TT-BTC); the 50.000 desk lệ phí is not charged online',
  },
  '2.001199': {
    fees: [mkFee('PHI_CONG_BO', 'Phí công bố nội dung đăng ký doanh nghiệp', 100000, '2266')],
    why: 'the online amount is the publication charge (note: Thông tư 47/2019/TT-BTC); the desk lệ phí is not charged online',
  },
  '2.002043': {
    fees: [mkFee('PHI_CONG_BO', 'Phí công bố nội dung đăng ký doanh nghiệp', 100000, '2266')],
    why: 'the online amount is the publication charge (note: Thông tư 47/2019/TT-BTC); the desk lệ phí is not charged online',
  },
  '1.001612': {
    fees: [mkFee('LE_PHI_HKD', 'Lệ phí đăng ký hộ kinh doanh', 50000, '2851')],
    why: 'online/post stored as 150.000 against 50.000 at the desk, while the note says the rate is set by the provincial council and paid at filing: seeded with the desk amount',
  },
  '1.012278': {
    fees: [mkFee('PHI_THAM_DINH', 'Phí thẩm định cấp giấy phép hoạt động (phòng khám chuyên khoa và hình thức khác)', 2150000, '2561')],
    why: 'tiers by facility type (5.250.000 hospital … 1.550.000 traditional-medicine clinic): the specialist-clinic / "other forms" tier',
  },
  '1.013855': {
    fees: [mkFee('PHI_THAM_DINH_ATTP', 'Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống dưới 200 suất ăn', 350000, '2558')],
    why: 'tiers by facility (250.000 … 1.250.000): this procedure covers food-service outlets; the under-200-meals tier',
  },
  '1.015002': {
    fees: [
      mkFee('LE_PHI_NOP_DON', 'Lệ phí nộp đơn', 75000, '2808'),
      mkFee('PHI_TRA_CUU', 'Phí tra cứu thông tin nhằm phục vụ việc thẩm định', 180000, '2504'),
      mkFee('PHI_THAM_DINH_DON', 'Phí thẩm định đơn (mỗi nhóm có đến 6 sản phẩm/dịch vụ)', 550000, '2504'),
      mkFee('PHI_CONG_BO_DON', 'Phí công bố đơn', 120000, '2504'),
    ],
    why: '19 itemised amounts; the four paid with a one-class application are seeded (grant, per-extra-item and optional fees are not)',
  },
};

/** A VND amount written in a note, e.g. "100.000 đồng" or "Phí: 250000 Đồng". */
function amountInNote(note: string | null): number | null {
  const m = note?.match(/(\d{1,3}(?:\.\d{3})+|\d{4,})\s*(?:đ\b|đồng|Đồng|VNĐ)/);
  return m ? Number(m[1]!.replace(/\./g, '')) : null;
}

function feesOf(p: SrcProcedure, channels: Channel[]): Fee[] {
  const override = FEE_OVERRIDES[p.code];
  if (override) return override.fees;
  // Rule F1: the portal collects fees for online dossiers, so the online channel's amounts are used
  // where the procedure is offered online; otherwise the desk's, then the post's.
  const of = (ch: Channel) => (p.byChannel ?? []).filter((c) => c.channel === ch);
  const chosen = [channels.includes('online') ? of('online') : [], of('desk'), of('post')].find((l) => l.length) ?? [];
  const amounts: number[] = [];
  // A channel may be listed several times (e.g. at the commune and at missions abroad).
  for (const [f, channelNote] of chosen.flatMap((c) => (c.fees ?? []).map((f) => [f, c.note] as const))) {
    let amount = f.amountVnd;
    // Rule F2: no amount → skipped (the overrides above cover the known ones).
    if (amount === null) continue;
    // Rule F3: suspect amounts (0 < x < 1000). A VND amount in the note wins; an amount the channel
    // note gives in USD is charged only at missions abroad and is dropped; otherwise the database
    // stored thousands of đồng (e.g. 25 → 25.000, 250 → 250.000).
    if (amount > 0 && amount < 1000) {
      const inNote = amountInNote(f.note);
      if (inNote) amount = inNote;
      else if (/USD/.test(channelNote ?? '') || /USD/.test(f.note ?? '')) continue;
      else amount *= 1000;
    }
    // Rule F4: 0 = no fee in the national record: free, or a rate the provincial People's Council
    // sets (notes "do Hội đồng nhân dân tỉnh quyết định"); province rates are not seeded.
    if (amount === 0) continue;
    if (!amounts.includes(amount)) amounts.push(amount);
  }
  if (amounts.length === 0) return [];
  // Rule F5: several distinct amounts are tiers or per-unit variants; the overrides pick one. A new
  // multi-tier record must be added there.
  if (amounts.length > 1) fail(`${p.code}: several amounts ${amounts.join(', ')} — add a FEE_OVERRIDES entry`);
  const s = SECTOR_FEE[p.sector] ?? fail(`${p.code}: no fee mapping for sector ${p.sector}`);
  let name = s.name;
  if (p.code === '2.000815' || p.code === '2.000942') name = `${s.name} bản sao (2.000 đ/trang; từ trang thứ 3: 1.000 đ/trang, tối đa 200.000 đ/bản)`;
  if (p.code === '2.000884') name = `${s.name} chữ ký (10.000 đ/trường hợp)`;
  if (p.code === '2.001035' || p.code === '2.001019') name = `${s.name} hợp đồng, giao dịch, di chúc (50.000 đ/trường hợp)`;
  return [mkFee(s.code, name, amounts[0]!, s.revenueItemCode)];
}

// ---------------------------------------------------------------- components
/** Conditional by wording: a case heading at the start, or an "if any / if authorised" clause. */
const CONDITIONAL = /^(trường hợp|đối với|nếu|các giấy tờ khác|một số giấy tờ khác|giấy tờ khác)|\(nếu có\)|trong trường hợp|trường hợp ủy quyền|đại diện hợp pháp|hoặc xác nhận của cơ quan đã cấp/i;
/** Declaration/application forms, most specific first: the first kind present wins. */
const DECLARATION_ORDER = [/^tờ khai/i, /^(mẫu hộ tịch điện tử|giấy khai)/i, /^đơn /i, /^(giấy|phiếu) đề nghị/i, /^đề nghị /i, /^thông báo về việc/i, /^văn bản đề nghị/i];
const firstDeclaration = <T extends { name: string }>(list: T[]): T | undefined => {
  for (const re of DECLARATION_ORDER) {
    const hit = list.find((c) => re.test(c.name));
    if (hit) return hit;
  }
  return undefined;
};
const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];
/** Enumerators the export keeps in names ("(i) ", "a) ", "1. ", "- "). */
const cleanName = (n: string) => n.replace(/^([\s\-+*•]+|\((?:[ivx]+|\d+|[a-zđ])\)\s*|(?:[a-zđ]|\d+)[).]\s+)+/i, '').replace(/[\s;,:]+$/, '').trim();

function componentsOf(p: SrcProcedure) {
  const seen = new Set<string>();
  const list: Array<{ name: string; eligible: boolean; required: boolean; formTemplateUrl?: string; maxFiles: number; accept: string[] }> = [];
  for (const c of p.components ?? []) {
    const name = cleanName(c.name);
    // Rule C1: an entry with no original and no copy is a note ("Trường hợp … thì không phải nộp"), not a document.
    if (c.originals + c.copies === 0 || !name) continue;
    // Rule C2: duplicates (the same document listed under two cases) are merged.
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    // Rule C3: a document can be required only if it is to be submitted (kind "submit" or not
    // given), is not listed under a case heading, and is not conditional by its wording.
    // Documents to present ("xuất trình") are optional uploads: online, the registry looks them
    // up in the population database.
    const eligible = (c.kind === null || c.kind === 'submit') && !CONDITIONAL.test(name);
    const photo = /^ảnh\b/i.test(name);
    list.push({
      name,
      eligible,
      required: false,
      // Forms ("theo mẫu", "Mẫu …", "Tờ khai") are downloadable from the procedure's national portal page.
      ...(/mẫu|tờ khai/i.test(name) ? { formTemplateUrl: p.source.portalUrl } : {}),
      maxFiles: photo ? 2 : 5,
      accept: photo ? ['image/jpeg', 'image/png'] : DEFAULT_ACCEPT,
    });
  }
  // Rule C4: with up to 4 eligible documents all of them are required. With more, the export has
  // merged the alternative cases of the procedure (e.g. each company type or conversion path), so
  // only the first declaration/application form is required and the rest are optional — officials
  // ask for what the case needs through a supplement request.
  const eligible = list.filter((c) => c.eligible);
  if (eligible.length <= 4) for (const c of eligible) c.required = true;
  else (firstDeclaration(eligible) ?? eligible[0]!).required = true;
  // Rule C5: at least one required component — the first declaration if any, else a synthesized
  // signed declaration (the export omits e-forms such as the marriage tờ khai).
  if (!list.some((c) => c.required)) {
    const decl = firstDeclaration(list);
    if (decl) decl.required = true;
    else {
      list.unshift({
        name: 'Tờ khai / đơn đề nghị theo mẫu quy định, có chữ ký của người yêu cầu',
        eligible: true,
        required: true,
        formTemplateUrl: p.source.portalUrl,
        maxFiles: 2,
        accept: DEFAULT_ACCEPT,
      });
    }
  }
  return list.map(({ eligible: _eligible, ...c }, i) => ({ code: `TP${String(i + 1).padStart(2, '0')}`, ...c }));
}

// ---------------------------------------------------------------- other fields
function applicantTypesOf(p: SrcProcedure): Array<'citizen' | 'business'> {
  // Individuals (citizens, overseas Vietnamese, foreigners, officials) → citizen; enterprises,
  // cooperatives and other organisations (they sign in with an organisation account) → business.
  // The source splits "Tổ chức (không bao gồm doanh nghiệp, HTX)" at its comma; both halves map to business.
  let citizen = false;
  let business = false;
  for (const a of p.applicantTypes) {
    if (/^(doanh nghiệp|hợp tác xã|htx\)|tổ chức)/i.test(a)) business = true;
    else citizen = true;
  }
  const out: Array<'citizen' | 'business'> = [];
  if (citizen || !business) out.push('citizen');
  if (business) out.push('business');
  return out;
}

function agencyKindsOf(p: SrcProcedure): Array<'central' | 'province' | 'commune'> {
  // The level plus the levels named in "Cơ quan thực hiện" (e.g. driving licences: Cục CSGT,
  // Công an tỉnh, Công an cấp xã).
  const a = (p.implementingAgency ?? '').replace(/\s+/g, ' ');
  const kinds = new Set([p.level]);
  if (/(^|[\s,(])(cấp )?xã(?! hội)|thuế cơ sở/i.test(a)) kinds.add('commune');
  if (/tỉnh|(^|[\s,(])sở (?!hữu)|văn phòng đăng ký đất đai|thành phố/i.test(a)) kinds.add('province');
  if (/(^|[\s,])(cục|bộ) /i.test(a)) kinds.add('central');
  return (['central', 'province', 'commune'] as const).filter((k) => kinds.has(k));
}

function resultTypesOf(p: SrcProcedure): string[] {
  const text = (p.result ?? '').toLowerCase().split(/,\s*|;\s*|\.\s+-\s*|\s-\s/).map((s) => s.replace(/^[-–\s]+/, '').trim());
  const found: string[] = [];
  for (const [re, code] of RESULT_RULES) {
    if (text.some((t) => re.test(t)) && !found.includes(code)) found.push(code);
  }
  // A result text that names only a refusal (or nothing we know) gets the generic notice first.
  if (!found.some((c) => c !== 'VAN_BAN_TU_CHOI')) found.unshift('THONG_BAO_KET_QUA');
  return found;
}

const normaliseLegalNumber = (n: string) => n.replace(/^(Thông tư|Nghị định|Luật|Nghị quyết)( số)?\s+/i, '').trim();
function legalBasisOf(p: SrcProcedure) {
  const out: Array<{ number: string; title: string; effectiveAt: string | null }> = [];
  const seen = new Set<string>();
  for (const l of p.legalBasis ?? []) {
    // Entries without a document number cannot be cited and are dropped (4 records).
    if (!l.number) continue;
    const number = normaliseLegalNumber(l.number);
    if (seen.has(number)) continue;
    seen.add(number);
    out.push({ number, title: l.title.trim(), effectiveAt: LEGAL_EFFECTIVE[number] ?? null });
  }
  return out;
}

/**
 * The export carries the announcing decision's number but not its date. announcedAt is therefore an
 * estimate: the latest of 2025-07-01 (the two-level local government and the re-announced procedure
 * sets), any dd/mm/yyyy date in the legal-basis titles, and 1 January of the latest year in the
 * legal-basis numbers. publishedAt = announcedAt.
 */
function announcedAtOf(p: SrcProcedure): string {
  let best = '2025-07-01';
  for (const l of p.legalBasis ?? []) {
    for (const m of l.title.matchAll(/ngày (\d{1,2})\/(\d{1,2})\/(20\d{2})/g)) {
      const d = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
      if (d > best) best = d;
    }
    const y = l.number?.match(/\/(20\d{2})\//)?.[1];
    if (y && `${y}-01-01` > best) best = `${y}-01-01`;
  }
  return best;
}

function formOf(p: SrcProcedure): { fields: FormField[] } {
  const kind = formKind(p.sector, p.name);
  const fields = (FORMS[kind] ?? fail(`no form ${kind}`))();
  const names = new Set<string>();
  for (const f of fields) {
    if (names.has(f.name)) fail(`${p.code}: duplicate form field ${f.name} in ${kind}`);
    names.add(f.name);
  }
  return { fields };
}

function buildProcedure(p: SrcProcedure) {
  const { onlineService, channels } = onlineOf(p);
  const fees = feesOf(p, channels);
  const record = {
    code: p.code,
    name: p.name.trim(),
    level: p.level,
    sectorCode: sectorCodeOf(p),
    agencyKinds: agencyKindsOf(p),
    ...(p.level === 'central' ? { ministryCodes: [`000.00.00.${ministryOf(p)}`] } : {}),
    applicantTypes: applicantTypesOf(p),
    steps: buildSteps({
      sector: p.sector, level: p.level, implementingAgency: p.implementingAgency, channels, hasFees: fees.length > 0,
      resultText: p.result ?? 'Kết quả giải quyết thủ tục hành chính',
    }),
    channels,
    onlineService,
    processingTime: processingTimeOf(p),
    fees,
    components: componentsOf(p),
    form: formOf(p),
    requirements: buildRequirements(p.sector, p.name),
    resultTypes: resultTypesOf(p),
    legalBasis: legalBasisOf(p),
    status: 'published' as const,
    announcedAt: announcedAtOf(p),
    publishedAt: announcedAtOf(p),
  };
  return record;
}

// ---------------------------------------------------------------- agencies and units
const PROVINCE_KIND: Record<string, string> = { 'thành phố trực thuộc trung ương': 'thanh_pho', 'tỉnh': 'tinh' };
const COMMUNE_KIND: Record<string, string> = { 'xã': 'xa', 'phường': 'phuong', 'đặc khu': 'dac_khu' };

function ministryCode(m: SrcMinistry): { code: string; note?: string } {
  if (m.dvcAgencyCode) return { code: m.dvcAgencyCode };
  const g = ASSUMED_MINISTRY_CODES[m.name] ?? fail(`no assumed code for ${m.name}`);
  return {
    code: `000.00.00.${g}`,
    note: `Mã ${g} do seed gán (chưa có nguồn công khai xác nhận mã cấp 1 của bộ thành lập ngày 01/03/2025); không dùng lại mã của cơ quan tiền thân.`,
  };
}

function buildAgencies() {
  const out: Array<Record<string, unknown> & { code: string; level: string }> = [];
  for (const m of ministries) {
    const { code, note } = ministryCode(m);
    out.push({ id: code, code, name: m.name, level: 'central', parentCode: null, provinceCode: null, administrativeUnitCode: null, ...(note ? { note } : {}) });
  }
  const provinceByGso = new Map(provinces.map((p) => [p.gsoCode, p]));
  for (const p of provinces) {
    out.push({ id: p.dvcAgencyCode, code: p.dvcAgencyCode, name: `UBND ${p.name}`, level: 'province', parentCode: null, provinceCode: p.gsoCode, administrativeUnitCode: p.gsoCode });
  }
  // Commune People's Committees: every commune of Hà Nội (01) and Huế (46), and the 5 lowest GSO
  // codes of every other province. Code scheme 000.00.<gso5>.<province suffix> (seed/README.md).
  const byProvince = new Map<string, SrcCommune[]>();
  for (const c of [...communes].sort(byCode)) byProvince.set(c.provinceCode, [...(byProvince.get(c.provinceCode) ?? []), c]);
  for (const [gso, list] of byProvince) {
    const province = provinceByGso.get(gso) ?? fail(`commune of unknown province ${gso}`);
    const sample = gso === '01' || gso === '46' ? list : list.slice(0, 5);
    for (const c of sample) {
      const code = `000.00.${c.code}.${province.dvcAgencySuffix}`;
      out.push({ id: code, code, name: `UBND ${c.name}, ${province.name}`, level: 'commune', parentCode: province.dvcAgencyCode, provinceCode: gso, administrativeUnitCode: c.code });
    }
  }
  const rank: Record<string, number> = { central: 0, province: 1, commune: 2 };
  return out.sort((a, b) => rank[a.level]! - rank[b.level]! || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function buildAdministrativeUnits() {
  const ps = [...provinces].sort((a, b) => (a.gsoCode < b.gsoCode ? -1 : 1)).map((p) => ({
    id: p.gsoCode, code: p.gsoCode, name: p.name, level: 'province', parentCode: null,
    kind: PROVINCE_KIND[p.kind] ?? fail(`province kind ${p.kind}`),
  }));
  const cs = [...communes].sort(byCode).map((c) => ({
    id: c.code, code: c.code, name: c.name, level: 'commune', parentCode: c.provinceCode,
    kind: COMMUNE_KIND[c.kind] ?? fail(`commune kind ${c.kind}`),
  }));
  return [...ps, ...cs];
}

function buildTreasuryAccounts(agencies: ReturnType<typeof buildAgencies>) {
  // One fee-collection account (TK 3511 tạm thu phí, lệ phí) per province and per ministry, held
  // at one of the four state-owned banks (round-robin in code order). Account numbers follow
  // 3511.0.<7-digit budget-relation code>: 1<GSO><0000> for provinces, 2<Gxx digits><0000> for
  // ministries — deterministic illustrative numbers, not real accounts.
  const provinceByCode = new Map(provinces.map((p) => [p.dvcAgencyCode, p]));
  const owners = agencies.filter((a) => a.level !== 'commune');
  return owners.map((a, i) => {
    const p = provinceByCode.get(a.code);
    const g = a.code.slice(-2);
    const relation = p ? `1${p.gsoCode}0000` : `2${g}0000`;
    const treasuryName = p ? `Kho bạc Nhà nước ${p.shortName}` : 'Sở Giao dịch Kho bạc Nhà nước';
    return {
      id: `TK-${a.code}`, code: `TK-${a.code}`, agencyCode: a.code, treasuryName,
      accountNumber: `3511.0.${relation}`, bankCode: TREASURY_BANKS[i % TREASURY_BANKS.length]!,
    };
  });
}

// ---------------------------------------------------------------- write
/** JSON with one space of indentation, but any array/object that fits in 120 columns on one line. */
function format(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= 120) return flat;
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
}

function write(name: string, data: unknown): void {
  const file = resolve(OUT, name);
  writeFileSync(file, `${format(data)}\n`);
  console.log(`${name}: ${Array.isArray(data) ? data.length : 1} entries`);
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const built = procedures.map(buildProcedure).sort(byCode);
  // Sector names: the current (2025–26) name; a ministry-keyed close match keeps its catalogue name
  // so that two sectors of the same name under different ministries stay distinguishable.
  const usedSectors = new Map<string, string>();
  for (const p of procedures) {
    const keyed = SECTOR_CLOSE_MATCHES[`${p.sector}|${decisionSuffix(p.announcementDecision)}`];
    usedSectors.set(sectorCodeOf(p), keyed?.catalogueName ?? p.sector);
  }
  const agencies = buildAgencies();

  write('procedures.json', built);
  write('agencies.json', agencies);
  write('administrative-units.json', buildAdministrativeUnits());
  write('sectors.json', buildSectors(usedSectors));
  write('result-types.json', RESULT_TYPES.map((r) => ({ id: r.code, ...r })).sort(byCode));
  write('revenue-items.json', REVENUE_ITEMS.map((r) => ({ id: r.code, ...r })).sort(byCode));
  write('banks.json', BANKS.map((b) => ({ id: b.code, ...b })).sort(byCode));
  write('treasury-accounts.json', buildTreasuryAccounts(agencies));
  // Holidays themselves are not written: the loader computes them from these adjustments with
  // functions/catalogue/domain/holidays.ts (one source of truth). Check the adjustments compute.
  const adjustments = [...MAKEUP_DAYS].sort((a, b) => (a.date < b.date ? -1 : 1));
  holidaysFor([2025, 2026, 2027], adjustments);
  write('makeup-days.json', adjustments);
}

main();
