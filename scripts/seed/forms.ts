// E-form definitions of the seed procedures (docs/requirements.md R-CATALOGUE-FORM). The national
// export carries no form fields, so each procedure gets a realistic form chosen by the kind of
// procedure (sector and name keywords, see `formKind`), with a generic fallback. Field names are
// camelCase English identifiers, labels Vietnamese; patterns are JavaScript regex sources validated
// server-side.

import type { FormFieldSource } from '../../shared/contracts/catalogue';

export type FieldType = 'text' | 'number' | 'date' | 'select' | 'idNumber' | 'phone' | 'email' | 'address';
export interface FormField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  pattern?: string;
  options?: Array<{ value: string; label: string }>;
  /** The State register the portal fills the field from (docs/dossiers.md "Prefilled and locked fields"). */
  source?: FormFieldSource;
}

/** Số định danh cá nhân (CCCD): 12 digits. */
export const ID_NUMBER_PATTERN = '^[0-9]{12}$';
/** Mã số doanh nghiệp: 10 digits, or 13 with a branch suffix -NNN. */
export const ENTERPRISE_CODE_PATTERN = '^[0-9]{10}(-[0-9]{3})?$';
/** Vietnamese mobile/landline: 0 or +84 then 9–10 digits. */
export const PHONE_PATTERN = '^(0|\\+84)[0-9]{9,10}$';
/** Mã số thuế cá nhân: 10 digits (or 13 for dependent units). */
export const TAX_CODE_PATTERN = '^[0-9]{10}(-?[0-9]{3})?$';
/** Mã số bảo hiểm xã hội: 10 digits. */
const SOCIAL_INSURANCE_PATTERN = '^[0-9]{10}$';
/** Số giấy phép lái xe (PET): 12 digits. */
const DRIVING_LICENCE_PATTERN = '^[0-9]{12}$';
/** Biển số xe, e.g. 30A-123.45, 29B1-234.56. */
const PLATE_PATTERN = '^[0-9]{2}[A-Z]{1,2}[0-9]?-[0-9]{3}\\.?[0-9]{2}$';
/** Số hộ chiếu phổ thông: 1 letter + 7 digits. */
const PASSPORT_PATTERN = '^[A-Z][0-9]{7}$';

type Opt = Array<[string, string]>;
const opts = (o: Opt) => o.map(([value, label]) => ({ value, label }));

const text = (name: string, label: string, required = true, pattern?: string): FormField =>
  pattern ? { name, label, type: 'text', required, pattern } : { name, label, type: 'text', required };
const num = (name: string, label: string, required = true): FormField => ({ name, label, type: 'number', required });
const date = (name: string, label: string, required = true): FormField => ({ name, label, type: 'date', required });
const addr = (name: string, label: string, required = true): FormField => ({ name, label, type: 'address', required });
const idNo = (name: string, label: string, required = true): FormField =>
  ({ name, label, type: 'idNumber', required, pattern: ID_NUMBER_PATTERN });
const select = (name: string, label: string, o: Opt, required = true): FormField =>
  ({ name, label, type: 'select', required, options: opts(o) });

const SEX: Opt = [['nam', 'Nam'], ['nu', 'Nữ']];
/** The field, filled from the applicant's own record in a State register (the applicant is its subject). */
const from = (source: FormFieldSource, field: FormField): FormField => ({ ...field, source });
const contact = (): FormField[] => [
  { name: 'phone', label: 'Số điện thoại liên hệ', type: 'phone', required: true, pattern: PHONE_PATTERN },
  { name: 'email', label: 'Thư điện tử', type: 'email', required: false },
];
/** The person filing the dossier (người yêu cầu / người nộp hồ sơ): the signed-in citizen, from the population database. */
const requester = (relationship?: Opt): FormField[] => [
  from('population.fullName', text('requesterFullName', 'Họ, chữ đệm và tên người yêu cầu')),
  from('population.idNumber', idNo('requesterIdNumber', 'Số định danh cá nhân của người yêu cầu')),
  from('population.currentAddress', addr('requesterAddress', 'Nơi cư trú của người yêu cầu')),
  ...(relationship ? [select('requesterRelationship', 'Quan hệ với người được đăng ký', relationship)] : []),
];
const person = (prefix: string, who: string, withSex = true): FormField[] => [
  text(`${prefix}FullName`, `Họ, chữ đệm và tên ${who}`),
  date(`${prefix}DateOfBirth`, `Ngày, tháng, năm sinh ${who}`),
  ...(withSex ? [select(`${prefix}Sex`, `Giới tính ${who}`, SEX)] : []),
  idNo(`${prefix}IdNumber`, `Số định danh cá nhân ${who}`),
];
/** An existing enterprise (the signed-in business), from the national business register. */
/** The population database's field for each part of `person(prefix)`. */
const PERSON_SOURCES: Record<string, FormFieldSource> = {
  FullName: 'population.fullName', DateOfBirth: 'population.dateOfBirth', Sex: 'population.sex', IdNumber: 'population.idNumber',
};
const enterprise = (): FormField[] => [
  from('enterprise.enterpriseCode', text('enterpriseCode', 'Mã số doanh nghiệp', true, ENTERPRISE_CODE_PATTERN)),
  from('enterprise.name', text('enterpriseName', 'Tên doanh nghiệp')),
  from('enterprise.address', addr('headOfficeAddress', 'Địa chỉ trụ sở chính')),
  from('enterprise.legalRepresentativeName', text('legalRepFullName', 'Họ và tên người đại diện theo pháp luật')),
  from('enterprise.legalRepresentativeIdNumber', idNo('legalRepIdNumber', 'Số định danh cá nhân của người đại diện theo pháp luật')),
];
const parcel = (): FormField[] => [
  text('parcelNumber', 'Số thửa đất', true, '^[0-9]{1,6}$'),
  text('mapSheetNumber', 'Số tờ bản đồ địa chính', true, '^[0-9]{1,4}$'),
  addr('parcelAddress', 'Địa chỉ thửa đất'),
  num('landArea', 'Diện tích thửa đất (m²)'),
];
const purpose = (label = 'Nội dung yêu cầu', required = true): FormField => text('requestContent', label, required);

const FAMILY_RELATION: Opt = [
  ['cha', 'Cha'], ['me', 'Mẹ'], ['ong_ba', 'Ông, bà'], ['anh_chi_em', 'Anh, chị, em ruột'],
  ['nguoi_than_khac', 'Người thân thích khác'], ['nguoi_duoc_uy_quyen', 'Người được ủy quyền'],
  ['to_chuc_nuoi_duong', 'Cá nhân, tổ chức đang nuôi dưỡng'],
];
const ETHNICITY_NATIONALITY: FormField[] = [
  text('ethnicity', 'Dân tộc'), text('nationality', 'Quốc tịch'),
];

/** Kinds of form, chosen per procedure by `formKind`. */
export const FORMS: Record<string, () => FormField[]> = {
  birth: () => [
    text('childFullName', 'Họ, chữ đệm và tên người được khai sinh'),
    date('childDateOfBirth', 'Ngày, tháng, năm sinh'),
    select('childSex', 'Giới tính', SEX),
    text('childPlaceOfBirth', 'Nơi sinh (cơ sở y tế hoặc địa danh hành chính)'),
    text('childHometown', 'Quê quán'),
    ...ETHNICITY_NATIONALITY,
    text('fatherFullName', 'Họ, chữ đệm và tên người cha', false),
    idNo('fatherIdNumber', 'Số định danh cá nhân của người cha', false),
    text('motherFullName', 'Họ, chữ đệm và tên người mẹ'),
    idNo('motherIdNumber', 'Số định danh cá nhân của người mẹ'),
    text('birthCertificateNumber', 'Số Giấy chứng sinh', false),
    ...requester(FAMILY_RELATION),
    select('copiesRequested', 'Số bản sao Giấy khai sinh đề nghị cấp', [['0', 'Không'], ['1', '1 bản'], ['2', '2 bản'], ['3', '3 bản']], false),
    ...contact(),
  ],
  parentage: () => [
    select('recognitionType', 'Loại việc', [['nhan_cha', 'Nhận cha cho con'], ['nhan_me', 'Nhận mẹ cho con'], ['nhan_con', 'Nhận con']]),
    ...person('parent', 'người nhận'),
    ...person('child', 'người được nhận', true).map((f) => (f.type === 'idNumber' ? { ...f, required: false } : f)),
    ...requester(),
    ...contact(),
  ],
  marriage: () => [
    ...person('husband', 'bên nam', false),
    addr('husbandAddress', 'Nơi cư trú của bên nam'),
    ...person('wife', 'bên nữ', false),
    addr('wifeAddress', 'Nơi cư trú của bên nữ'),
    select('previousMaritalStatus', 'Tình trạng hôn nhân trước khi đăng ký', [['chua_ket_hon', 'Chưa đăng ký kết hôn lần nào'], ['da_ly_hon', 'Đã ly hôn'], ['vo_chong_da_chet', 'Vợ/chồng đã chết']]),
    select('copiesRequested', 'Số bản sao Trích lục kết hôn đề nghị cấp', [['0', 'Không'], ['1', '1 bản'], ['2', '2 bản']], false),
    ...contact(),
  ],
  death: () => [
    text('deceasedFullName', 'Họ, chữ đệm và tên người đã chết'),
    date('deceasedDateOfBirth', 'Ngày, tháng, năm sinh người đã chết'),
    select('deceasedSex', 'Giới tính', SEX),
    idNo('deceasedIdNumber', 'Số định danh cá nhân của người đã chết', false),
    date('dateOfDeath', 'Ngày chết'),
    text('timeOfDeath', 'Giờ, phút chết', false, '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    text('placeOfDeath', 'Nơi chết'),
    text('causeOfDeath', 'Nguyên nhân chết'),
    text('deathNoticeNumber', 'Số Giấy báo tử hoặc giấy tờ thay thế', false),
    ...requester(FAMILY_RELATION),
    ...contact(),
  ],
  maritalStatus: () => [
    ...person('subject', 'người được xác nhận'),
    addr('subjectAddress', 'Nơi cư trú'),
    select('maritalStatus', 'Tình trạng hôn nhân hiện tại', [['chua_ket_hon', 'Chưa đăng ký kết hôn với ai'], ['dang_co_vo_chong', 'Đang có vợ/chồng'], ['da_ly_hon', 'Đã ly hôn, chưa kết hôn mới'], ['vo_chong_da_chet', 'Vợ/chồng đã chết, chưa kết hôn mới']]),
    text('intendedUse', 'Mục đích sử dụng Giấy xác nhận'),
    ...requester(),
    ...contact(),
  ],
  guardianship: () => [
    ...person('ward', 'người được giám hộ'),
    ...person('guardian', 'người giám hộ'),
    select('guardianshipType', 'Loại giám hộ', [['duong_nhien', 'Giám hộ đương nhiên'], ['cu', 'Giám hộ cử']]),
    text('reason', 'Lý do đăng ký', false),
    ...contact(),
  ],
  civilStatusChange: () => [
    ...person('subject', 'người có thông tin hộ tịch cần thay đổi'),
    text('registeredDocument', 'Giấy tờ hộ tịch đã đăng ký (số, ngày cấp, cơ quan cấp)'),
    select('changeType', 'Loại việc', [['thay_doi', 'Thay đổi'], ['cai_chinh', 'Cải chính'], ['bo_sung', 'Bổ sung thông tin hộ tịch'], ['xac_dinh_lai_dan_toc', 'Xác định lại dân tộc']]),
    text('currentContent', 'Nội dung đang ghi'),
    text('requestedContent', 'Nội dung đề nghị ghi'),
    text('reason', 'Lý do'),
    ...requester(FAMILY_RELATION),
    ...contact(),
  ],
  civilStatusRegisterAgain: () => [
    ...person('subject', 'người được đăng ký'),
    text('eventDescription', 'Sự kiện hộ tịch đã đăng ký trước đây (khai sinh, kết hôn, khai tử)'),
    text('previousRegistrationPlace', 'Cơ quan đã đăng ký trước đây'),
    date('previousRegistrationDate', 'Ngày đăng ký trước đây (nếu biết)', false),
    ...requester(FAMILY_RELATION),
    ...contact(),
  ],
  civilStatusCopy: () => [
    ...person('subject', 'người có sự kiện hộ tịch', false),
    select('documentType', 'Loại giấy tờ đề nghị cấp bản sao', [['giay_khai_sinh', 'Giấy khai sinh'], ['trich_luc_ket_hon', 'Trích lục kết hôn'], ['trich_luc_khai_tu', 'Trích lục khai tử'], ['trich_luc_khac', 'Trích lục hộ tịch khác']]),
    text('registrationNumber', 'Số đăng ký, quyển số (nếu biết)', false),
    num('numberOfCopies', 'Số bản sao đề nghị cấp'),
    ...requester(FAMILY_RELATION),
    ...contact(),
  ],
  certification: () => [
    ...requester(),
    select('certificationType', 'Loại việc chứng thực', [['ban_sao', 'Bản sao từ bản chính'], ['chu_ky', 'Chữ ký, điểm chỉ'], ['hop_dong', 'Hợp đồng, giao dịch'], ['di_chuc', 'Di chúc']]),
    text('documentName', 'Tên giấy tờ, văn bản cần chứng thực'),
    num('numberOfPages', 'Số trang của bản chính'),
    num('numberOfCopies', 'Số bản đề nghị chứng thực'),
    ...contact(),
  ],
  residence: () => [
    ...person('resident', 'người đăng ký'),
    addr('currentAddress', 'Nơi cư trú hiện tại'),
    addr('newAddress', 'Địa chỉ đề nghị đăng ký'),
    text('householdHeadName', 'Họ và tên chủ hộ', false),
    idNo('householdHeadIdNumber', 'Số định danh cá nhân của chủ hộ', false),
    select('relationshipToHead', 'Quan hệ với chủ hộ', [['chu_ho', 'Chủ hộ'], ['vo_chong', 'Vợ/chồng'], ['con', 'Con'], ['cha_me', 'Cha/mẹ'], ['khac', 'Khác']], false),
    text('legalResidenceProof', 'Giấy tờ chứng minh chỗ ở hợp pháp', false),
    purpose('Nội dung đề nghị'),
    ...contact(),
  ],
  stayNotice: () => [
    text('accommodationName', 'Tên cơ sở lưu trú hoặc hộ gia đình'),
    addr('accommodationAddress', 'Địa chỉ nơi lưu trú'),
    ...person('guest', 'người lưu trú'),
    date('arrivalDate', 'Ngày đến lưu trú'),
    date('departureDate', 'Ngày dự kiến rời đi', false),
    ...contact(),
  ],
  absence: () => [
    ...person('absentee', 'người khai báo tạm vắng'),
    addr('residenceAddress', 'Nơi cư trú'),
    addr('destinationAddress', 'Nơi đến'),
    date('fromDate', 'Từ ngày'),
    date('toDate', 'Đến ngày'),
    text('reason', 'Lý do tạm vắng'),
    ...contact(),
  ],
  identityCard: () => [
    ...person('citizen', 'người được cấp thẻ'),
    select('requestType', 'Loại đề nghị', [['cap_moi', 'Cấp mới'], ['cap_doi', 'Cấp đổi'], ['cap_lai', 'Cấp lại']]),
    text('reason', 'Lý do cấp đổi, cấp lại', false),
    select('delivery', 'Hình thức nhận thẻ', [['truc_tiep', 'Nhận trực tiếp'], ['buu_chinh', 'Qua dịch vụ bưu chính']]),
    addr('deliveryAddress', 'Địa chỉ nhận thẻ qua bưu chính', false),
    ...contact(),
  ],
  // A passport is applied for by its holder: the signed-in citizen's own record.
  passport: () => [
    ...person('applicant', 'người đề nghị cấp hộ chiếu').map((f) => from(PERSON_SOURCES[f.name.slice('applicant'.length)]!, f)),
    text('placeOfBirth', 'Nơi sinh'),
    from('population.permanentAddress', addr('permanentAddress', 'Nơi thường trú')),
    select('passportType', 'Loại hộ chiếu', [['co_chip', 'Hộ chiếu có gắn chíp điện tử'], ['khong_chip', 'Hộ chiếu không gắn chíp điện tử']]),
    text('previousPassportNumber', 'Số hộ chiếu đã được cấp gần nhất (nếu có)', false, PASSPORT_PATTERN),
    select('delivery', 'Hình thức nhận hộ chiếu', [['truc_tiep', 'Nhận trực tiếp'], ['buu_chinh', 'Qua dịch vụ bưu chính']]),
    ...contact(),
  ],
  lostPassport: () => [
    ...person('holder', 'người bị mất hộ chiếu'),
    text('passportNumber', 'Số hộ chiếu bị mất', true, PASSPORT_PATTERN),
    date('lossDate', 'Ngày phát hiện mất'),
    text('lossCircumstances', 'Hoàn cảnh bị mất'),
    ...contact(),
  ],
  judicialRecord: () => [
    ...person('subject', 'người được cấp Phiếu'),
    text('placeOfBirth', 'Nơi sinh'),
    addr('residenceAddress', 'Nơi cư trú'),
    text('fatherFullName', 'Họ và tên cha', false),
    text('motherFullName', 'Họ và tên mẹ', false),
    text('spouseFullName', 'Họ và tên vợ/chồng', false),
    select('recordType', 'Loại Phiếu lý lịch tư pháp', [['so_1', 'Phiếu số 1'], ['so_2', 'Phiếu số 2']]),
    select('includeProhibitions', 'Yêu cầu xác nhận về việc cấm đảm nhiệm chức vụ (Phiếu số 1)', [['co', 'Có'], ['khong', 'Không']], false),
    num('numberOfCopies', 'Số lượng Phiếu đề nghị cấp'),
    text('intendedUse', 'Mục đích sử dụng Phiếu'),
    ...contact(),
  ],
  drivingLicence: () => [
    ...person('driver', 'người đề nghị'),
    addr('residenceAddress', 'Nơi cư trú'),
    select('licenceClass', 'Hạng giấy phép lái xe', [['A1', 'A1'], ['A', 'A'], ['B1', 'B1'], ['B', 'B'], ['C1', 'C1'], ['C', 'C'], ['D1', 'D1'], ['D2', 'D2'], ['D', 'D'], ['BE', 'BE'], ['C1E', 'C1E'], ['CE', 'CE'], ['D1E', 'D1E'], ['D2E', 'D2E'], ['DE', 'DE']]),
    text('currentLicenceNumber', 'Số giấy phép lái xe đang có (nếu có)', false, DRIVING_LICENCE_PATTERN),
    text('healthCertificateNumber', 'Số giấy khám sức khỏe của người lái xe', false),
    ...contact(),
  ],
  vehicle: () => [
    text('ownerFullName', 'Tên chủ xe (cá nhân hoặc tổ chức)'),
    idNo('ownerIdNumber', 'Số định danh cá nhân của chủ xe (cá nhân)', false),
    text('ownerEnterpriseCode', 'Mã số doanh nghiệp của chủ xe (tổ chức)', false, ENTERPRISE_CODE_PATTERN),
    addr('ownerAddress', 'Địa chỉ chủ xe'),
    select('vehicleType', 'Loại xe', [['xe_may', 'Xe mô tô, xe gắn máy'], ['o_to', 'Xe ô tô'], ['xe_may_dien', 'Xe máy điện'], ['khac', 'Loại khác']]),
    text('brand', 'Nhãn hiệu, số loại'),
    text('chassisNumber', 'Số khung'),
    text('engineNumber', 'Số máy'),
    text('plateNumber', 'Biển số xe (nếu đã có)', false, PLATE_PATTERN),
    ...contact(),
  ],
  enterpriseNew: () => [
    text('enterpriseName', 'Tên doanh nghiệp viết bằng tiếng Việt'),
    text('enterpriseForeignName', 'Tên doanh nghiệp viết bằng tiếng nước ngoài', false),
    text('enterpriseAbbreviation', 'Tên doanh nghiệp viết tắt', false),
    addr('headOfficeAddress', 'Địa chỉ trụ sở chính'),
    num('charterCapital', 'Vốn điều lệ / vốn đầu tư (đồng)'),
    text('businessLines', 'Ngành, nghề kinh doanh (mã ngành cấp 4 theo Hệ thống ngành kinh tế Việt Nam)'),
    text('legalRepFullName', 'Họ và tên người đại diện theo pháp luật / chủ doanh nghiệp'),
    idNo('legalRepIdNumber', 'Số định danh cá nhân của người đại diện theo pháp luật'),
    num('numberOfEmployees', 'Số lao động dự kiến', false),
    ...contact(),
  ],
  enterpriseChange: () => [
    ...enterprise(),
    purpose('Nội dung đề nghị (tạm ngừng, tiếp tục kinh doanh, giải thể, cấp lại)'),
    date('effectiveDate', 'Ngày bắt đầu có hiệu lực', false),
    date('endDate', 'Ngày kết thúc (đối với tạm ngừng kinh doanh)', false),
    ...contact(),
  ],
  householdBusinessNew: () => [
    text('businessName', 'Tên hộ kinh doanh'),
    addr('businessAddress', 'Địa điểm kinh doanh'),
    text('businessLines', 'Ngành, nghề kinh doanh'),
    num('capital', 'Số vốn kinh doanh (đồng)'),
    num('numberOfEmployees', 'Số lao động', false),
    text('ownerFullName', 'Họ và tên chủ hộ kinh doanh'),
    idNo('ownerIdNumber', 'Số định danh cá nhân của chủ hộ kinh doanh'),
    addr('ownerAddress', 'Nơi cư trú của chủ hộ kinh doanh'),
    ...contact(),
  ],
  householdBusinessChange: () => [
    text('businessRegistrationNumber', 'Mã số hộ kinh doanh / mã số thuế', true, TAX_CODE_PATTERN),
    text('businessName', 'Tên hộ kinh doanh'),
    addr('businessAddress', 'Địa điểm kinh doanh'),
    text('ownerFullName', 'Họ và tên chủ hộ kinh doanh'),
    idNo('ownerIdNumber', 'Số định danh cá nhân của chủ hộ kinh doanh'),
    purpose('Nội dung đề nghị (thay đổi, tạm ngừng, chấm dứt, cấp lại)'),
    date('effectiveDate', 'Ngày có hiệu lực', false),
    ...contact(),
  ],
  cooperative: () => [
    text('cooperativeName', 'Tên hợp tác xã'),
    addr('headOfficeAddress', 'Địa chỉ trụ sở chính'),
    num('charterCapital', 'Vốn điều lệ (đồng)'),
    num('numberOfMembers', 'Số thành viên'),
    text('businessLines', 'Ngành, nghề kinh doanh'),
    text('legalRepFullName', 'Họ và tên người đại diện theo pháp luật'),
    idNo('legalRepIdNumber', 'Số định danh cá nhân của người đại diện theo pháp luật'),
    ...contact(),
  ],
  tax: () => [
    ...person('taxpayer', 'người nộp thuế'),
    addr('residenceAddress', 'Nơi cư trú'),
    text('taxCode', 'Mã số thuế (đối với cấp lại)', false, TAX_CODE_PATTERN),
    select('registrationType', 'Đối tượng đăng ký', [['ca_nhan', 'Cá nhân có thu nhập'], ['nguoi_phu_thuoc', 'Người phụ thuộc']], false),
    purpose('Nội dung đề nghị', false),
    ...contact(),
  ],
  land: () => [
    text('landUserName', 'Tên người sử dụng đất, chủ sở hữu tài sản gắn liền với đất'),
    idNo('landUserIdNumber', 'Số định danh cá nhân (cá nhân)', false),
    text('landUserEnterpriseCode', 'Mã số doanh nghiệp (tổ chức)', false, ENTERPRISE_CODE_PATTERN),
    addr('landUserAddress', 'Địa chỉ người sử dụng đất'),
    ...parcel(),
    select('landUsePurpose', 'Mục đích sử dụng đất', [['ODT', 'Đất ở tại đô thị (ODT)'], ['ONT', 'Đất ở tại nông thôn (ONT)'], ['LUC', 'Đất chuyên trồng lúa (LUC)'], ['CLN', 'Đất trồng cây lâu năm (CLN)'], ['HNK', 'Đất trồng cây hằng năm khác (HNK)'], ['TMD', 'Đất thương mại, dịch vụ (TMD)'], ['SKC', 'Đất cơ sở sản xuất phi nông nghiệp (SKC)'], ['KHAC', 'Loại đất khác']]),
    text('certificateNumber', 'Số phát hành Giấy chứng nhận đã cấp (nếu có)', false),
    purpose('Nội dung đề nghị'),
    ...contact(),
  ],
  landDispute: () => [
    ...requester(),
    text('opposingParty', 'Họ tên, địa chỉ của bên tranh chấp'),
    ...parcel(),
    text('disputeContent', 'Nội dung tranh chấp'),
    text('supportingDocuments', 'Giấy tờ, chứng cứ kèm theo', false),
    ...contact(),
  ],
  construction: () => [
    text('investorName', 'Tên chủ đầu tư'),
    idNo('investorIdNumber', 'Số định danh cá nhân (chủ đầu tư là cá nhân)', false),
    text('investorEnterpriseCode', 'Mã số doanh nghiệp (chủ đầu tư là tổ chức)', false, ENTERPRISE_CODE_PATTERN),
    addr('investorAddress', 'Địa chỉ liên hệ của chủ đầu tư'),
    addr('constructionAddress', 'Địa điểm xây dựng'),
    text('parcelNumber', 'Số thửa đất', true, '^[0-9]{1,6}$'),
    text('mapSheetNumber', 'Số tờ bản đồ', true, '^[0-9]{1,4}$'),
    select('constructionLevel', 'Cấp công trình', [['dac_biet', 'Cấp đặc biệt'], ['I', 'Cấp I'], ['II', 'Cấp II'], ['III', 'Cấp III'], ['IV', 'Cấp IV']]),
    num('buildingArea', 'Diện tích xây dựng tầng 1 (m²)'),
    num('totalFloorArea', 'Tổng diện tích sàn (m²)'),
    num('numberOfFloors', 'Số tầng'),
    num('height', 'Chiều cao công trình (m)', false),
    text('permitNumber', 'Số giấy phép xây dựng đã cấp (điều chỉnh, gia hạn, cấp lại)', false),
    text('designUnit', 'Đơn vị thiết kế', false),
    ...contact(),
  ],
  admission: () => [
    ...person('student', 'học sinh'),
    text('placeOfBirth', 'Nơi sinh'),
    addr('residenceAddress', 'Nơi cư trú'),
    text('currentSchool', 'Trường đang học / đã tốt nghiệp'),
    text('preferredSchool', 'Trường đăng ký dự tuyển (nguyện vọng 1)'),
    text('secondChoiceSchool', 'Nguyện vọng 2', false),
    select('priorityGroup', 'Đối tượng ưu tiên, khuyến khích', [['khong', 'Không'], ['dan_toc_thieu_so', 'Người dân tộc thiểu số'], ['con_liet_si', 'Con liệt sĩ, thương binh'], ['khac', 'Đối tượng khác']], false),
    text('parentFullName', 'Họ và tên cha, mẹ hoặc người giám hộ'),
    idNo('parentIdNumber', 'Số định danh cá nhân của cha, mẹ hoặc người giám hộ'),
    ...contact(),
  ],
  scholarship: () => [
    ...person('candidate', 'ứng viên'),
    addr('residenceAddress', 'Nơi cư trú'),
    text('scholarshipProgram', 'Chương trình học bổng dự tuyển'),
    select('studyLevel', 'Trình độ đào tạo', [['dai_hoc', 'Đại học'], ['thac_si', 'Thạc sĩ'], ['tien_si', 'Tiến sĩ'], ['thuc_tap', 'Thực tập sinh']]),
    text('majorField', 'Ngành học'),
    text('destinationCountry', 'Nước đến học'),
    text('languageCertificate', 'Chứng chỉ ngoại ngữ', false),
    ...contact(),
  ],
  diplomaCopy: () => [
    ...person('holder', 'người được cấp văn bằng'),
    text('diplomaName', 'Tên văn bằng, chứng chỉ'),
    text('issuingInstitution', 'Cơ quan, cơ sở giáo dục đã cấp'),
    num('graduationYear', 'Năm tốt nghiệp'),
    text('diplomaNumber', 'Số hiệu văn bằng, số vào sổ gốc', false),
    num('numberOfCopies', 'Số bản sao đề nghị cấp'),
    ...contact(),
  ],
  diplomaRecognition: () => [
    ...person('holder', 'người được cấp văn bằng'),
    text('diplomaName', 'Tên văn bằng'),
    text('issuingInstitution', 'Cơ sở giáo dục nước ngoài cấp văn bằng'),
    text('issuingCountry', 'Nước cấp'),
    date('issueDate', 'Ngày cấp văn bằng'),
    select('studyMode', 'Hình thức học', [['tap_trung', 'Học tập trung tại nước ngoài'], ['lien_ket', 'Liên kết đào tạo tại Việt Nam'], ['truc_tuyen', 'Học trực tuyến'], ['ket_hop', 'Kết hợp']]),
    ...contact(),
  ],
  healthFacility: () => [
    text('organizationName', 'Tên tổ chức đề nghị cấp phép'),
    text('enterpriseCode', 'Mã số doanh nghiệp / mã số thuế', false, ENTERPRISE_CODE_PATTERN),
    text('facilityName', 'Tên cơ sở khám bệnh, chữa bệnh'),
    addr('facilityAddress', 'Địa chỉ cơ sở'),
    select('facilityType', 'Hình thức tổ chức', [['benh_vien', 'Bệnh viện'], ['phong_kham_da_khoa', 'Phòng khám đa khoa'], ['phong_kham_chuyen_khoa', 'Phòng khám chuyên khoa'], ['phong_kham_yhct', 'Phòng khám y học cổ truyền'], ['can_lam_sang', 'Cơ sở dịch vụ cận lâm sàng'], ['khac', 'Hình thức khác']]),
    text('technicalDirectorName', 'Người chịu trách nhiệm chuyên môn kỹ thuật'),
    text('technicalDirectorLicence', 'Số giấy phép hành nghề của người chịu trách nhiệm chuyên môn'),
    num('numberOfBeds', 'Số giường bệnh (nếu có)', false),
    ...contact(),
  ],
  practitioner: () => [
    ...person('practitioner', 'người đề nghị cấp giấy phép'),
    addr('residenceAddress', 'Nơi cư trú'),
    select('professionalTitle', 'Chức danh chuyên môn', [['luong_y', 'Lương y'], ['bai_thuoc_gia_truyen', 'Người có bài thuốc gia truyền'], ['phuong_phap_gia_truyen', 'Người có phương pháp chữa bệnh gia truyền']]),
    text('qualification', 'Văn bằng, giấy chứng nhận chuyên môn'),
    text('workplace', 'Cơ sở khám bệnh, chữa bệnh dự kiến làm việc'),
    ...contact(),
  ],
  healthInsurance: () => [
    ...person('insured', 'người tham gia'),
    addr('residenceAddress', 'Nơi cư trú'),
    select('beneficiaryGroup', 'Nhóm đối tượng tham gia', [['ho_gia_dinh', 'Hộ gia đình'], ['hoc_sinh_sinh_vien', 'Học sinh, sinh viên'], ['tre_em_duoi_6_tuoi', 'Trẻ em dưới 6 tuổi'], ['nguoi_lao_dong', 'Người lao động'], ['khac', 'Đối tượng khác']]),
    text('primaryCareFacility', 'Nơi đăng ký khám bệnh, chữa bệnh ban đầu'),
    text('socialInsuranceNumber', 'Mã số bảo hiểm xã hội (nếu có)', false, SOCIAL_INSURANCE_PATTERN),
    ...contact(),
  ],
  foodSafety: () => [
    text('ownerName', 'Tên tổ chức, cá nhân đề nghị cấp'),
    text('enterpriseCode', 'Mã số doanh nghiệp / hộ kinh doanh', false, TAX_CODE_PATTERN),
    text('facilityName', 'Tên cơ sở'),
    addr('facilityAddress', 'Địa chỉ cơ sở'),
    select('businessType', 'Loại hình', [['an_uong_duoi_200', 'Dịch vụ ăn uống dưới 200 suất ăn'], ['an_uong_tu_200', 'Dịch vụ ăn uống từ 200 suất ăn'], ['kinh_doanh_thuc_pham', 'Kinh doanh thực phẩm'], ['san_xuat', 'Sản xuất thực phẩm']]),
    num('servingCapacity', 'Quy mô (số suất ăn / sản lượng)', false),
    num('numberOfStaff', 'Số người trực tiếp chế biến, kinh doanh', false),
    ...contact(),
  ],
  disability: () => [
    ...person('subject', 'người được xác định mức độ khuyết tật'),
    addr('residenceAddress', 'Nơi cư trú'),
    select('disabilityType', 'Dạng khuyết tật', [['van_dong', 'Khuyết tật vận động'], ['nghe_noi', 'Khuyết tật nghe, nói'], ['nhin', 'Khuyết tật nhìn'], ['than_kinh_tam_than', 'Khuyết tật thần kinh, tâm thần'], ['tri_tue', 'Khuyết tật trí tuệ'], ['khac', 'Khuyết tật khác']]),
    select('requestType', 'Loại đề nghị', [['xac_dinh', 'Xác định lần đầu'], ['xac_dinh_lai', 'Xác định lại'], ['cap_doi', 'Cấp đổi'], ['cap_lai', 'Cấp lại']]),
    ...requester(FAMILY_RELATION),
    ...contact(),
  ],
  socialSupport: () => [
    ...person('beneficiary', 'đối tượng'),
    addr('residenceAddress', 'Nơi cư trú'),
    text('beneficiaryCategory', 'Diện đối tượng'),
    purpose('Nội dung đề nghị hỗ trợ'),
    text('bankAccountNumber', 'Số tài khoản nhận tiền', false, '^[0-9]{6,19}$'),
    text('bankName', 'Ngân hàng', false),
    ...requester(FAMILY_RELATION),
    ...contact(),
  ],
  insuranceBenefit: () => [
    ...person('insured', 'người lao động'),
    text('socialInsuranceNumber', 'Mã số bảo hiểm xã hội', true, SOCIAL_INSURANCE_PATTERN),
    addr('residenceAddress', 'Nơi cư trú'),
    date('contractEndDate', 'Ngày chấm dứt hợp đồng lao động / nghỉ việc'),
    text('lastEmployer', 'Đơn vị công tác cuối cùng'),
    select('paymentMethod', 'Hình thức nhận', [['tai_khoan', 'Qua tài khoản ngân hàng'], ['truc_tiep', 'Nhận trực tiếp']]),
    text('bankAccountNumber', 'Số tài khoản', false, '^[0-9]{6,19}$'),
    text('bankName', 'Ngân hàng', false),
    ...contact(),
  ],
  workPermit: () => [
    ...enterprise(),
    text('workerFullName', 'Họ và tên người lao động nước ngoài'),
    date('workerDateOfBirth', 'Ngày sinh'),
    select('workerSex', 'Giới tính', SEX),
    text('workerNationality', 'Quốc tịch'),
    text('workerPassportNumber', 'Số hộ chiếu'),
    select('jobPosition', 'Vị trí công việc', [['nha_quan_ly', 'Nhà quản lý'], ['giam_doc_dieu_hanh', 'Giám đốc điều hành'], ['chuyen_gia', 'Chuyên gia'], ['lao_dong_ky_thuat', 'Lao động kỹ thuật']]),
    addr('workLocation', 'Địa điểm làm việc'),
    date('workStartDate', 'Thời hạn làm việc từ ngày'),
    date('workEndDate', 'Đến ngày'),
    text('currentPermitNumber', 'Số giấy phép lao động đã cấp (gia hạn)', false),
    ...contact(),
  ],
  trademark: () => [
    text('applicantName', 'Tên người nộp đơn'),
    addr('applicantAddress', 'Địa chỉ người nộp đơn'),
    text('applicantEnterpriseCode', 'Mã số doanh nghiệp (tổ chức)', false, ENTERPRISE_CODE_PATTERN),
    idNo('applicantIdNumber', 'Số định danh cá nhân (cá nhân)', false),
    text('markDescription', 'Mô tả nhãn hiệu (chữ, màu sắc, ý nghĩa)'),
    select('markType', 'Loại nhãn hiệu', [['thong_thuong', 'Nhãn hiệu thông thường'], ['tap_the', 'Nhãn hiệu tập thể'], ['chung_nhan', 'Nhãn hiệu chứng nhận'], ['lien_ket', 'Nhãn hiệu liên kết']]),
    text('niceClasses', 'Nhóm sản phẩm, dịch vụ theo Bảng phân loại Nice', true, '^[0-9]{1,2}(,\\s?[0-9]{1,2})*$'),
    text('goodsAndServices', 'Danh mục sản phẩm, dịch vụ mang nhãn hiệu'),
    text('priorityClaim', 'Yêu cầu hưởng quyền ưu tiên (số đơn, ngày nộp, nước)', false),
    text('representative', 'Tổ chức đại diện sở hữu công nghiệp (nếu có)', false),
    ...contact(),
  ],
  generic: () => [
    text('applicantFullName', 'Họ, chữ đệm và tên người nộp hồ sơ'),
    idNo('applicantIdNumber', 'Số định danh cá nhân'),
    date('applicantDateOfBirth', 'Ngày, tháng, năm sinh', false),
    addr('applicantAddress', 'Nơi cư trú'),
    purpose('Nội dung yêu cầu giải quyết'),
    ...contact(),
  ],
};

/** Chooses the form kind from the sector and name of a procedure. */
export function formKind(sector: string, name: string): string {
  const n = name.toLowerCase();
  const s = sector.toLowerCase();
  if (s === 'hộ tịch') {
    if (/bản sao trích lục|bản sao giấy khai sinh/.test(n)) return 'civilStatusCopy';
    if (/đăng ký lại/.test(n)) return 'civilStatusRegisterAgain';
    if (/khai sinh/.test(n)) return 'birth';
    if (/nhận cha, mẹ, con/.test(n)) return 'parentage';
    if (/kết hôn/.test(n)) return 'marriage';
    if (/khai tử/.test(n)) return 'death';
    if (/tình trạng hôn nhân/.test(n)) return 'maritalStatus';
    if (/giám hộ/.test(n)) return 'guardianship';
    if (/thay đổi, cải chính/.test(n)) return 'civilStatusChange';
  }
  if (s === 'chứng thực') return 'certification';
  if (s.includes('cư trú')) {
    if (/lưu trú/.test(n)) return 'stayNotice';
    if (/tạm vắng/.test(n)) return 'absence';
    return 'residence';
  }
  if (s.includes('căn cước')) return 'identityCard';
  if (/trình báo mất hộ chiếu/.test(n)) return 'lostPassport';
  if (/hộ chiếu/.test(n)) return 'passport';
  if (s === 'lý lịch tư pháp') return 'judicialRecord';
  if (/giấy phép lái xe/.test(n)) return 'drivingLicence';
  if (/đăng ký xe/.test(n)) return 'vehicle';
  if (s.includes('hộ kinh doanh')) return /thành lập/.test(n) ? 'householdBusinessNew' : 'householdBusinessChange';
  if (s.includes('hợp tác xã')) return 'cooperative';
  if (s.includes('doanh nghiệp')) return /thành lập/.test(n) ? 'enterpriseNew' : 'enterpriseChange';
  if (s === 'thuế') return 'tax';
  if (s === 'đất đai') return /tranh chấp/.test(n) ? 'landDispute' : 'land';
  if (s.includes('xây dựng')) return 'construction';
  if (/ra nước ngoài học tập/.test(n)) return 'scholarship';
  if (/tuyển sinh/.test(n)) return 'admission';
  if (s.includes('văn bằng')) return /bản sao/.test(n) ? 'diplomaCopy' : 'diplomaRecognition';
  if (/giấy phép hoạt động khám bệnh/.test(n)) return 'healthFacility';
  if (/giấy phép hành nghề/.test(n)) return 'practitioner';
  if (s === 'bảo hiểm y tế') return 'healthInsurance';
  if (s === 'an toàn thực phẩm') return 'foodSafety';
  if (/khuyết tật/.test(n)) return 'disability';
  if (/trợ cấp thất nghiệp|bảo hiểm xã hội một lần/.test(n)) return 'insuranceBenefit';
  if (/giấy phép lao động/.test(n)) return 'workPermit';
  if (/mai táng|hộ nghèo|người có công/.test(n)) return 'socialSupport';
  if (/nhãn hiệu/.test(n)) return 'trademark';
  return 'generic';
}
