// A small, valid catalogue for the catalogue tests (not the seed data).
import type { Procedure } from '../../shared/contracts/catalogue';
import type { CatalogueData } from '../../functions/catalogue/load';

export const procedure = (code: string, name: string, overrides: Partial<Procedure> = {}): Procedure => ({
  code,
  name,
  level: 'commune',
  sectorCode: 'G15-TP07',
  agencyKinds: ['commune'],
  applicantTypes: ['citizen'],
  steps: ['Nộp hồ sơ', 'Tiếp nhận và giải quyết', 'Trả kết quả'],
  channels: ['desk', 'online', 'post'],
  onlineService: 'partial',
  processingTime: { value: 3, unit: 'working_day' },
  fees: [{ code: `${code}-LP`, name: 'Lệ phí', amount: 8000, kind: 'fee', revenueItemCode: '2651' }],
  components: [{ code: 'TK', name: 'Tờ khai', required: true, maxFiles: 1, accept: ['application/pdf'] }],
  form: { fields: [{ name: 'fullName', label: 'Họ và tên', type: 'text', required: true }] },
  requirements: [],
  resultTypes: ['KQ01'],
  legalBasis: [{ number: '123/2015/NĐ-CP', title: 'Nghị định hướng dẫn Luật Hộ tịch', effectiveAt: '2016-01-01' }],
  status: 'published',
  announcedAt: '2025-07-01',
  publishedAt: '2025-07-01',
  ...overrides,
});

export const PROCEDURES: Procedure[] = [
  procedure('1.001193', 'Thủ tục đăng ký khai sinh', { onlineService: 'full', fees: [] }),
  procedure('1.000002', 'Đăng ký khai sinh'),
  procedure('1.000003', 'Đăng ký khai sinh lưu động'),
  procedure('2.000528', 'Đăng ký khai sinh có yếu tố nước ngoài', { level: 'province', agencyKinds: ['province'] }),
  procedure('1.004884', 'Thủ tục đăng ký lại khai sinh'),
  procedure('1.000894', 'Thủ tục đăng ký kết hôn'),
  procedure('1.000656', 'Thủ tục đăng ký khai tử', { onlineService: 'none' }),
  procedure('1.004222', 'Đăng ký thường trú', { sectorCode: 'G01-CA05' }),
  procedure('1.001471', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)', {
    level: 'central', sectorCode: 'G01-CA02', agencyKinds: ['central'], ministryCodes: ['000.00.00.G01'],
    fees: [{ code: 'HC', name: 'Lệ phí hộ chiếu', amount: 200000, kind: 'fee', revenueItemCode: '2662' }],
  }),
  procedure('1.001456', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)', {
    level: 'province', sectorCode: 'G01-CA02', agencyKinds: ['province'],
  }),
];

export const CATALOGUES = {
  sectors: [
    { id: 'G15-TP07', code: 'G15-TP07', name: 'Hộ tịch' },
    { id: 'G01-CA05', code: 'G01-CA05', name: 'Đăng ký, quản lý cư trú' },
    { id: 'G01-CA02', code: 'G01-CA02', name: 'Quản lý xuất nhập cảnh' },
  ],
  'result-types': [{ id: 'KQ01', code: 'KQ01', name: 'Giấy khai sinh' }],
  'revenue-items': [
    { id: '2651', code: '2651', name: 'Lệ phí hộ tịch', kind: 'fee' },
    { id: '2662', code: '2662', name: 'Lệ phí cấp hộ chiếu', kind: 'fee' },
  ],
  agencies: [
    { id: '000.00.00.G01', code: '000.00.00.G01', name: 'Bộ Công an', level: 'central', parentCode: null, provinceCode: null },
    { id: '000.00.00.H26', code: '000.00.00.H26', name: 'UBND Thành phố Hà Nội', level: 'province', parentCode: null, provinceCode: '01' },
    { id: '000.00.00.H40', code: '000.00.00.H40', name: 'UBND Thành phố Huế', level: 'province', parentCode: null, provinceCode: '46' },
    { id: '000.01.26.H26', code: '000.01.26.H26', name: 'UBND Phường Ba Đình', level: 'commune', parentCode: '000.00.00.H26', provinceCode: '01' },
    { id: '000.02.26.H26', code: '000.02.26.H26', name: 'UBND Phường Hoàn Kiếm', level: 'commune', parentCode: '000.00.00.H26', provinceCode: '01' },
    { id: '000.03.26.H26', code: '000.03.26.H26', name: 'UBND Phường Cửa Nam', level: 'commune', parentCode: '000.00.00.H26', provinceCode: '01' },
    { id: '000.01.40.H40', code: '000.01.40.H40', name: 'UBND Phường Thuận Hóa', level: 'commune', parentCode: '000.00.00.H40', provinceCode: '46' },
  ],
  'administrative-units': [
    { id: '01', code: '01', name: 'Thành phố Hà Nội', level: 'province', parentCode: null },
    { id: '46', code: '46', name: 'Thành phố Huế', level: 'province', parentCode: null },
    { id: '00004', code: '00004', name: 'Phường Ba Đình', level: 'commune', parentCode: '01' },
    { id: '00070', code: '00070', name: 'Phường Hoàn Kiếm', level: 'commune', parentCode: '01' },
    { id: '00082', code: '00082', name: 'Phường Cửa Nam', level: 'commune', parentCode: '01' },
    { id: '19753', code: '19753', name: 'Phường Thuận Hóa', level: 'commune', parentCode: '46' },
  ],
  banks: [{ id: 'VCB', code: 'VCB', shortName: 'Vietcombank', name: 'Ngân hàng TMCP Ngoại thương Việt Nam', bin: '970436' }],
  holidays: [
    { id: '2025-09-02', date: '2025-09-02', name: 'Quốc khánh', kind: 'holiday', year: 2025 },
    { id: '2026-01-01', date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday', year: 2026 },
    { id: '2026-02-16', date: '2026-02-16', name: 'Tết Nguyên đán', kind: 'holiday', year: 2026 },
    { id: '2026-02-17', date: '2026-02-17', name: 'Tết Nguyên đán', kind: 'holiday', year: 2026 },
    { id: '2026-04-30', date: '2026-04-30', name: 'Ngày Chiến thắng', kind: 'holiday', year: 2026 },
    { id: '2027-01-01', date: '2027-01-01', name: 'Tết Dương lịch', kind: 'holiday', year: 2027 },
  ],
};

export const FIXTURE: CatalogueData = { procedures: PROCEDURES, catalogues: CATALOGUES };

export const ADMIN = { sub: 'admin-1', 'cognito:groups': '[admin]' };
export const CITIZEN = { sub: 'citizen-1', 'cognito:groups': '[citizen]' };
