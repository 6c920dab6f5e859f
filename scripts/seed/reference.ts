// Hand-kept reference tables for the catalogue seed (scripts/build-seed.ts). Everything here was
// written by us from public facts; where a value is uncertain the comment says so and
// seed/README.md repeats it.

/**
 * Level-1 codes for the two ministries formed on 01/03/2025 whose portal code no public source
 * confirmed (the reference data set's ministries.json gives null). We do NOT reuse a predecessor's code
 * (G10, G13, G21 stay attached to historical dossiers of the abolished bodies); we take the next
 * codes after the highest known one (G22 Văn phòng Chính phủ), in the order of ministries.json.
 */
export const ASSUMED_MINISTRY_CODES: Record<string, string> = {
  'Bộ Nông nghiệp và Môi trường': 'G23',
  'Bộ Dân tộc và Tôn giáo': 'G24',
};

/** Announcing-decision suffix (…/QĐ-<suffix>) → level-1 code of the implementing ministry (2025 structure). */
export const DECISION_SUFFIX_MINISTRY: Record<string, string> = {
  BCA: 'G01', 'BCA-C06': 'G01', BCT: 'G02', BGDĐT: 'G03', BKHCN: 'G06', BNV: 'G09', BTC: 'G12',
  BTP: 'G15', BVHTTDL: 'G16', BXD: 'G17', BYT: 'G18', BNNMT: 'G23', BDTTG: 'G24',
};

/**
 * Sector resolution: source sector name (+ announcing ministry) → seed sector code.
 * Rule order (see seed/README.md):
 *  1. the record's own sectorCode2023 (exact name match whose prefix fits the announcing ministry);
 *  2. an exact (case-insensitive) name match in the 2023 catalogue — kept even when the function
 *     moved to another ministry in 2025 (Lý lịch tư pháp: G15-TP10, now run by Bộ Công an);
 *  3. a close match under the announcing ministry, listed below by hand (renamed sectors);
 *  4. otherwise a derived code `<Gxx>-<ministry abbreviation>X<nn>` ("X" = derived, not official).
 * All codes are ASCII: the 2023 catalogue spells the labour sectors "G07-LĐnn", which the shared
 * catalogue id format (letters, digits, dot, dash, underscore) rejects, so Đ is written D.
 */
export const SECTOR_CLOSE_MATCHES: Record<string, { code: string; catalogueName: string; why: string }> = {
  'Cấp, quản lý căn cước': {
    code: 'G01-CA01', catalogueName: 'Cấp, quản lý căn cước công dân',
    why: 'renamed when the Law on Identity 26/2023/QH15 replaced "căn cước công dân" with "căn cước" (1/7/2024)',
  },
  'Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng': {
    code: 'G01-CA06', catalogueName: 'Đăng ký, quản lý phương tiện giao thông đường bộ',
    why: 'same Bộ Công an vehicle-registration sector, renamed under the 2024 Road Traffic Order and Safety Law',
  },
  'An toàn thực phẩm|BYT': {
    code: 'G18-YT01', catalogueName: 'An toàn thực phẩm và Dinh dưỡng',
    why: 'the Ministry of Health food-safety sector (the exact-name code G02-CT01 belongs to Bộ Công Thương)',
  },
  'Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã': {
    code: 'G05-KD09', catalogueName: 'Thành lập và hoạt động của hợp tác xã (liên hiệp hợp tác xã)',
    why: 'cooperative registration, renamed by the Cooperative Law 17/2023/QH15',
  },
};

export const DERIVED_SECTORS: Record<string, { code: string; why: string }> = {
  'Quản lý xuất nhập cảnh': { code: 'G01-CAX01', why: 'no 2023 catalogue sector; Bộ Công an (G01)' },
  'Sát hạch, cấp giấy phép lái xe': {
    code: 'G01-CAX02', why: 'moved from Bộ Giao thông vận tải to Bộ Công an on 01/03/2025; no catalogue sector of that name',
  },
  'Bảo hiểm y tế': { code: 'G18-YTX01', why: 'announced by Bộ Y tế (2306/QĐ-BYT); no G18 catalogue sector of that name' },
  'Giảm nghèo': {
    code: 'G23-NMX01', why: 'announced by Bộ Nông nghiệp và Môi trường (967/QĐ-BNNMT); uses the assumed ministry code G23',
  },
};

/** Domain of each seed sector (used by tests and README counts; not part of the record). */
export const SECTOR_DOMAIN: Record<string, string> = {
  'G15-TP07': 'civil_status', 'G15-TP03': 'justice', 'G15-TP10': 'justice',
  'G01-CA05': 'residence', 'G01-CA01': 'residence', 'G01-CAX01': 'residence',
  'G01-CAX02': 'transport', 'G01-CA06': 'transport',
  'G05-KD07': 'business_registration', 'G05-KD10': 'business_registration', 'G05-KD09': 'business_registration',
  'G12-TC18': 'business_registration',
  'G13-TN02': 'land', 'G17-XD11': 'construction',
  'G03-GD10': 'education', 'G03-GD12': 'education', 'G03-GD14': 'education',
  'G18-YT07': 'health', 'G18-YTX01': 'health', 'G18-YT01': 'health', 'G02-CT01': 'health',
  'G07-LD02': 'social', 'G07-LD03': 'social', 'G07-LD09': 'social', 'G07-LD11': 'social', 'G23-NMX01': 'social',
  'G06-KC03': 'science',
};

/**
 * State-budget revenue sub-items (tiểu mục, Mục lục NSNN per Thông tư 324/2016/TT-BTC) used for fees
 * and charges. Codes and names as listed by a public tax-declaration form's sub-item table (mục 4
 * digits + tiểu mục 4 digits); we keep the 4-digit tiểu mục. kind: "fee" = lệ phí, "charge" = phí.
 * Two mappings are our best reading, not confirmed: 2721 for the civil-status extract copy charge
 * (Thông tư 281/2016: "phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch") and 2764 for
 * the judicial-record charge (a lệ phí sub-item before the 2015 Law on Fees and Charges made it a phí).
 */
export const REVENUE_ITEMS: Array<{ code: string; name: string; kind: 'fee' | 'charge' }> = [
  { code: '2752', name: 'Lệ phí cấp hộ chiếu', kind: 'fee' },
  { code: '2763', name: 'Lệ phí cấp giấy phép lao động cho người nước ngoài làm việc tại Việt Nam', kind: 'fee' },
  { code: '2764', name: 'Phí cung cấp thông tin lý lịch tư pháp (tiểu mục "Lệ phí cấp phiếu lý lịch tư pháp")', kind: 'charge' },
  { code: '2767', name: 'Lệ phí đăng ký cư trú', kind: 'fee' },
  { code: '2768', name: 'Lệ phí cấp chứng minh nhân dân, căn cước công dân', kind: 'fee' },
  { code: '2771', name: 'Lệ phí hộ tịch', kind: 'fee' },
  { code: '2805', name: 'Lệ phí cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà, tài sản gắn liền với đất', kind: 'fee' },
  { code: '2808', name: 'Lệ phí nộp đơn và cấp văn bằng bảo hộ, đăng ký hợp đồng chuyển giao quyền sở hữu công nghiệp', kind: 'fee' },
  { code: '2815', name: 'Lệ phí cấp giấy phép xây dựng', kind: 'fee' },
  { code: '2816', name: 'Lệ phí đăng ký, cấp biển phương tiện giao thông (không kể phương tiện giao thông đường thuỷ)', kind: 'fee' },
  { code: '2851', name: 'Lệ phí cấp giấy chứng nhận đăng ký kinh doanh, cung cấp thông tin về đăng ký kinh doanh, đối với các loại hình tổ chức kinh tế, các hộ kinh doanh', kind: 'fee' },
  { code: '2853', name: 'Lệ phí về cấp chứng nhận, cấp bằng, cấp chứng chỉ, cấp phép, cấp giấy phép theo quy định của pháp luật', kind: 'fee' },
  { code: '2861', name: 'Lệ phí đăng ký doanh nghiệp', kind: 'fee' },
  { code: '3056', name: 'Lệ phí cấp văn bằng, chứng chỉ', kind: 'fee' },
  { code: '2266', name: 'Phí cung cấp thông tin doanh nghiệp', kind: 'charge' },
  { code: '2301', name: 'Phí thuộc lĩnh vực đường bộ (sử dụng đường bộ, sử dụng tạm thời lòng đường, hè phố, sát hạch lái xe)', kind: 'charge' },
  { code: '2412', name: 'Phí xác minh giấy tờ, tài liệu theo yêu cầu của tổ chức, cá nhân trong nước', kind: 'charge' },
  { code: '2504', name: 'Phí sở hữu trí tuệ', kind: 'charge' },
  { code: '2558', name: 'Phí kiểm tra, kiểm nghiệm vệ sinh an toàn thực phẩm', kind: 'charge' },
  { code: '2561', name: 'Phí thẩm định hoạt động, tiêu chuẩn, điều kiện hành nghề thuộc lĩnh vực y tế', kind: 'charge' },
  { code: '2564', name: 'Phí cấp, đổi thẻ bảo hiểm y tế', kind: 'charge' },
  { code: '2627', name: 'Phí thẩm định hồ sơ cấp giấy chứng nhận quyền sử dụng đất', kind: 'charge' },
  { code: '2716', name: 'Phí chứng thực', kind: 'charge' },
  { code: '2721', name: 'Phí sử dụng thông tin', kind: 'charge' },
];

/** NAPAS member banks: BIN (6-digit bank identification number used in VietQR/NAPAS 247) and short names. */
export const BANKS: Array<{ code: string; shortName: string; name: string; bin: string }> = [
  { code: 'VCB', shortName: 'Vietcombank', name: 'Ngân hàng TMCP Ngoại thương Việt Nam', bin: '970436' },
  { code: 'ICB', shortName: 'VietinBank', name: 'Ngân hàng TMCP Công thương Việt Nam', bin: '970415' },
  { code: 'BIDV', shortName: 'BIDV', name: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam', bin: '970418' },
  { code: 'VBA', shortName: 'Agribank', name: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam', bin: '970405' },
  { code: 'TCB', shortName: 'Techcombank', name: 'Ngân hàng TMCP Kỹ thương Việt Nam', bin: '970407' },
  { code: 'MB', shortName: 'MBBank', name: 'Ngân hàng TMCP Quân đội', bin: '970422' },
  { code: 'ACB', shortName: 'ACB', name: 'Ngân hàng TMCP Á Châu', bin: '970416' },
  { code: 'VPB', shortName: 'VPBank', name: 'Ngân hàng TMCP Việt Nam Thịnh Vượng', bin: '970432' },
  { code: 'STB', shortName: 'Sacombank', name: 'Ngân hàng TMCP Sài Gòn Thương Tín', bin: '970403' },
  { code: 'TPB', shortName: 'TPBank', name: 'Ngân hàng TMCP Tiên Phong', bin: '970423' },
  { code: 'HDB', shortName: 'HDBank', name: 'Ngân hàng TMCP Phát triển Thành phố Hồ Chí Minh', bin: '970437' },
  { code: 'SHB', shortName: 'SHB', name: 'Ngân hàng TMCP Sài Gòn - Hà Nội', bin: '970443' },
  { code: 'VIB', shortName: 'VIB', name: 'Ngân hàng TMCP Quốc tế Việt Nam', bin: '970441' },
];

/** The four state-owned commercial banks where treasury collection accounts are held, assigned round-robin. */
export const TREASURY_BANKS = ['VCB', 'ICB', 'BIDV', 'VBA'];

/** Kinds of results (kết quả thực hiện TTHC). Each procedure's result text is mapped by RESULT_RULES. */
export const RESULT_TYPES: Array<{ code: string; name: string }> = [
  { code: 'GIAY_KHAI_SINH', name: 'Giấy khai sinh' },
  { code: 'TRICH_LUC_HO_TICH', name: 'Trích lục hộ tịch (khai tử, nhận cha mẹ con, giám hộ, thay đổi, cải chính hộ tịch)' },
  { code: 'BAN_SAO_HO_TICH', name: 'Bản sao trích lục hộ tịch, bản sao Giấy khai sinh' },
  { code: 'GCN_KET_HON', name: 'Giấy chứng nhận kết hôn' },
  { code: 'GXN_TINH_TRANG_HON_NHAN', name: 'Giấy xác nhận tình trạng hôn nhân' },
  { code: 'VAN_BAN_CHUNG_THUC', name: 'Bản sao, chữ ký, hợp đồng, giao dịch, di chúc được chứng thực' },
  { code: 'THONG_BAO_CU_TRU', name: 'Thông báo kết quả giải quyết thủ tục về cư trú (cập nhật Cơ sở dữ liệu về cư trú)' },
  { code: 'XAC_NHAN_CU_TRU', name: 'Xác nhận thông tin về cư trú (mẫu CT07)' },
  { code: 'THE_CAN_CUOC', name: 'Thẻ căn cước' },
  { code: 'HO_CHIEU', name: 'Hộ chiếu phổ thông' },
  { code: 'PHIEU_LY_LICH_TU_PHAP', name: 'Phiếu lý lịch tư pháp' },
  { code: 'GIAY_PHEP_LAI_XE', name: 'Giấy phép lái xe' },
  { code: 'GIAY_PHEP_LAI_XE_QUOC_TE', name: 'Giấy phép lái xe quốc tế' },
  { code: 'CHUNG_NHAN_DANG_KY_XE', name: 'Chứng nhận đăng ký xe, biển số xe' },
  { code: 'GCN_DANG_KY_DOANH_NGHIEP', name: 'Giấy chứng nhận đăng ký doanh nghiệp' },
  { code: 'GIAY_XAC_NHAN_DANG_KY_KINH_DOANH', name: 'Giấy xác nhận về việc thay đổi nội dung đăng ký, tạm ngừng, tiếp tục kinh doanh' },
  { code: 'GCN_DANG_KY_HO_KINH_DOANH', name: 'Giấy chứng nhận đăng ký hộ kinh doanh' },
  { code: 'GCN_DANG_KY_HOP_TAC_XA', name: 'Giấy chứng nhận đăng ký hợp tác xã' },
  { code: 'THONG_BAO_MA_SO_THUE', name: 'Giấy chứng nhận đăng ký thuế, Thông báo mã số thuế' },
  { code: 'GCN_QUYEN_SU_DUNG_DAT', name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất' },
  { code: 'BIEN_BAN_HOA_GIAI', name: 'Biên bản hòa giải' },
  { code: 'QUYET_DINH_HANH_CHINH', name: 'Quyết định hành chính (giao đất, giải quyết tranh chấp, hưởng chế độ, công nhận)' },
  { code: 'GIAY_PHEP_XAY_DUNG', name: 'Giấy phép xây dựng' },
  { code: 'KET_QUA_TUYEN_SINH', name: 'Kết quả tuyển sinh (danh sách trúng tuyển)' },
  { code: 'BAN_SAO_VAN_BANG', name: 'Bản sao văn bằng, chứng chỉ từ sổ gốc' },
  { code: 'GIAY_CONG_NHAN_VAN_BANG', name: 'Giấy công nhận văn bằng do cơ sở giáo dục nước ngoài cấp' },
  { code: 'GIAY_PHEP_HOAT_DONG_KCB', name: 'Giấy phép hoạt động khám bệnh, chữa bệnh' },
  { code: 'GIAY_PHEP_HANH_NGHE', name: 'Giấy phép hành nghề khám bệnh, chữa bệnh' },
  { code: 'THE_BAO_HIEM_Y_TE', name: 'Thẻ bảo hiểm y tế' },
  { code: 'GCN_AN_TOAN_THUC_PHAM', name: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm' },
  { code: 'GIAY_XAC_NHAN', name: 'Giấy xác nhận (khuyết tật, thân nhân người có công)' },
  { code: 'GIAY_PHEP_LAO_DONG', name: 'Giấy phép lao động' },
  { code: 'GCN_DANG_KY_NHAN_HIEU', name: 'Giấy chứng nhận đăng ký nhãn hiệu' },
  { code: 'THONG_BAO_KET_QUA', name: 'Thông báo, văn bản trả lời kết quả giải quyết' },
  { code: 'VAN_BAN_TU_CHOI', name: 'Văn bản từ chối tiếp nhận, giải quyết hồ sơ (nêu rõ lý do)' },
];

/** Ordered rules over the lower-cased result text (and name): every match adds its code. */
export const RESULT_RULES: Array<[RegExp, string]> = [
  [/bản sao trích lục|bản sao giấy khai sinh/, 'BAN_SAO_HO_TICH'],
  [/^giấy khai sinh/, 'GIAY_KHAI_SINH'],
  [/^trích lục|, trích lục/, 'TRICH_LUC_HO_TICH'],
  [/giấy chứng nhận kết hôn/, 'GCN_KET_HON'],
  [/xác nhận tình trạng hôn nhân/, 'GXN_TINH_TRANG_HON_NHAN'],
  [/được chứng thực/, 'VAN_BAN_CHUNG_THUC'],
  [/thủ tục về cư trú|cơ sở dữ liệu về cư trú/, 'THONG_BAO_CU_TRU'],
  [/xác nhận thông tin về cư trú/, 'XAC_NHAN_CU_TRU'],
  [/thẻ căn cước/, 'THE_CAN_CUOC'],
  [/^hộ chiếu/, 'HO_CHIEU'],
  [/lý lịch tư pháp/, 'PHIEU_LY_LICH_TU_PHAP'],
  [/giấy phép lái xe quốc tế/, 'GIAY_PHEP_LAI_XE_QUOC_TE'],
  [/^giấy phép lái xe$/, 'GIAY_PHEP_LAI_XE'],
  [/chứng nhận đăng ký xe/, 'CHUNG_NHAN_DANG_KY_XE'],
  [/giấy chứng nhận đăng ký doanh nghiệp/, 'GCN_DANG_KY_DOANH_NGHIEP'],
  [/giấy xác nhận về việc/, 'GIAY_XAC_NHAN_DANG_KY_KINH_DOANH'],
  [/giấy chứng nhận đăng ký hộ kinh doanh/, 'GCN_DANG_KY_HO_KINH_DOANH'],
  [/giấy chứng nhận đăng ký hợp tác xã/, 'GCN_DANG_KY_HOP_TAC_XA'],
  [/mã số thuế|đăng ký thuế/, 'THONG_BAO_MA_SO_THUE'],
  [/giấy chứng nhận quyền sử dụng đất/, 'GCN_QUYEN_SU_DUNG_DAT'],
  [/biên bản hòa giải/, 'BIEN_BAN_HOA_GIAI'],
  [/quyết định/, 'QUYET_DINH_HANH_CHINH'],
  [/giấy phép xây dựng/, 'GIAY_PHEP_XAY_DUNG'],
  [/được tuyển|danh sách thí sinh/, 'KET_QUA_TUYEN_SINH'],
  [/bản sao văn bằng/, 'BAN_SAO_VAN_BANG'],
  [/giấy công nhận văn bằng/, 'GIAY_CONG_NHAN_VAN_BANG'],
  [/giấy phép hoạt động khám bệnh/, 'GIAY_PHEP_HOAT_DONG_KCB'],
  [/^giấy phép hành nghề/, 'GIAY_PHEP_HANH_NGHE'],
  [/thẻ bảo hiểm y tế/, 'THE_BAO_HIEM_Y_TE'],
  [/an toàn thực phẩm/, 'GCN_AN_TOAN_THUC_PHAM'],
  [/giấy xác nhận (khuyết tật|thân nhân)/, 'GIAY_XAC_NHAN'],
  [/giấy phép lao động/, 'GIAY_PHEP_LAO_DONG'],
  [/đăng ký nhãn hiệu/, 'GCN_DANG_KY_NHAN_HIEU'],
  [/^thông báo (của|bằng văn bản|về việc chuyển)|cơ quan đăng ký kinh doanh cấp xã (chuyển|cập nhật)|thông báo xác nhận/, 'THONG_BAO_KET_QUA'],
  [/từ chối|nêu rõ lý do/, 'VAN_BAN_TU_CHOI'],
];

/**
 * Make-up working days and extra days off announced by the government (công chức, viên chức;
 * employers are encouraged to follow). Only what we could verify is listed; see seed/README.md.
 */
export const MAKEUP_DAYS: Array<{
  date: string; kind: 'makeup_workday' | 'extra_day_off'; name: string; source: string;
}> = [
  {
    date: '2025-01-27', kind: 'extra_day_off',
    name: 'Nghỉ Tết Nguyên đán Ất Tỵ (28 tháng Chạp; Tết bố trí 27/01–31/01/2025, nghỉ liền 25/01–02/02/2025)',
    source: 'Lịch nghỉ Tết Âm lịch 2025 do Bộ Lao động - Thương binh và Xã hội thông báo theo ý kiến Thủ tướng (công chức nghỉ từ thứ Bảy 25/01 đến hết Chủ nhật 02/02/2025, tức 26 tháng Chạp đến mùng 5 tháng Giêng); tóm tắt: https://www.tet-amlich.com/2024/11/cac-ngay-nghi-le-2025.html',
  },
  {
    date: '2025-04-26', kind: 'makeup_workday',
    name: 'Làm bù thứ Bảy cho ngày nghỉ hoán đổi 02/05/2025',
    source: 'Phương án nghỉ 30/4–04/5/2025 được Thủ tướng đồng ý: hoán đổi ngày làm việc thứ Sáu 02/5/2025 sang thứ Bảy 26/4/2025; tóm tắt: https://www.tet-amlich.com/2024/11/cac-ngay-nghi-le-2025.html',
  },
  {
    date: '2025-05-02', kind: 'extra_day_off',
    name: 'Nghỉ hoán đổi dịp 30/4–1/5/2025 (làm bù thứ Bảy 26/04/2025)',
    source: 'Hoán đổi ngày làm việc thứ Sáu 02/5/2025 sang thứ Bảy 26/4/2025; tóm tắt: https://www.tet-amlich.com/2024/11/cac-ngay-nghi-le-2025.html',
  },
  {
    date: '2026-01-02', kind: 'extra_day_off',
    name: 'Nghỉ hoán đổi dịp Tết Dương lịch 2026 (làm bù thứ Bảy 10/01/2026)',
    source: 'Văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Phó Thủ tướng Phạm Thị Thanh Trà đồng ý phương án của Bộ Nội vụ: nghỉ 01/01–04/01/2026); https://vietnamnet.vn/ban-tin-vietnamnet-26-12-chinh-phu-dong-y-nghi-4-ngay-tet-duong-lich-2026-pre2476040.html',
  },
  {
    date: '2026-01-10', kind: 'makeup_workday',
    name: 'Làm bù thứ Bảy cho ngày nghỉ hoán đổi 02/01/2026',
    source: 'Văn bản 12729/VPCP-KGVX ngày 25/12/2025; https://vietnamnet.vn/ban-tin-vietnamnet-26-12-chinh-phu-dong-y-nghi-4-ngay-tet-duong-lich-2026-pre2476040.html',
  },
];

/** Effective dates of legal documents we are confident about; others stay null. */
export const LEGAL_EFFECTIVE: Record<string, string> = {
  '60/2014/QH13': '2016-01-01', // Luật Hộ tịch
  '52/2014/QH13': '2015-01-01', // Luật Hôn nhân và gia đình
  '50/2014/QH13': '2015-01-01', // Luật Xây dựng
  '62/2020/QH14': '2021-01-01', // Luật sửa đổi Luật Xây dựng
  '59/2020/QH14': '2021-01-01', // Luật Doanh nghiệp
  '68/2020/QH14': '2021-07-01', // Luật Cư trú
  '49/2019/QH14': '2020-07-01', // Luật Xuất cảnh, nhập cảnh của công dân Việt Nam
  '91/2015/QH13': '2017-01-01', // Bộ luật Dân sự
  '28/2009/QH12': '2010-07-01', // Luật Lý lịch tư pháp
  '25/2008/QH12': '2009-07-01', // Luật Bảo hiểm y tế
  '26/2023/QH15': '2024-07-01', // Luật Căn cước
  '31/2024/QH15': '2024-08-01', // Luật Đất đai (as brought forward by 43/2024/QH15)
  '43/2024/QH15': '2024-08-01', // Luật sửa đổi Luật Đất đai, Luật Nhà ở, Luật Kinh doanh BĐS, Luật TCTD
  '36/2024/QH15': '2025-01-01', // Luật Trật tự, an toàn giao thông đường bộ
  '41/2024/QH15': '2025-07-01', // Luật Bảo hiểm xã hội
  '123/2015/NĐ-CP': '2016-01-01', // Nghị định hướng dẫn Luật Hộ tịch
  '23/2015/NĐ-CP': '2015-04-10', // Nghị định về chứng thực
  '104/2022/NĐ-CP': '2023-01-01', // bỏ sổ hộ khẩu, sổ tạm trú giấy
  '120/2025/NĐ-CP': '2025-07-01', // phân định thẩm quyền chính quyền 2 cấp, lĩnh vực tư pháp
  '168/2025/NĐ-CP': '2025-07-01', // đăng ký doanh nghiệp
  '85/2019/TT-BTC': '2020-01-01', // phí, lệ phí thuộc thẩm quyền HĐND tỉnh
  '281/2016/TT-BTC': '2017-01-01', // phí khai thác thông tin CSDL hộ tịch, lệ phí quốc tịch
};
