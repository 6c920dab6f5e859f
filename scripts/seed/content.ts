// Steps and requirements of the seed procedures. The national export's "Trình tự thực hiện" is long
// free text (and not in the reference data set, seed/README.md); we write a short, ordered version per kind of procedure.

export type Channel = 'desk' | 'online' | 'post';

/** Who receives and who handles the dossier, by sector (and level where it differs). */
export function handlers(sector: string, level: string, implementingAgency: string | null): {
  receiver: string;
  handler: string;
} {
  const s = sector.toLowerCase();
  const agency = implementingAgency?.replace(/\s+/g, ' ').trim();
  const desk = level === 'commune'
    ? 'Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) cấp xã'
    : level === 'province'
      ? 'Trung tâm Phục vụ hành chính công cấp tỉnh'
      : 'Bộ phận Một cửa của cơ quan cấp bộ';
  if (s === 'hộ tịch') return { receiver: desk, handler: 'Công chức tư pháp - hộ tịch Ủy ban nhân dân cấp xã' };
  if (s === 'chứng thực') return { receiver: desk, handler: 'Người thực hiện chứng thực của Ủy ban nhân dân cấp xã' };
  if (s.includes('cư trú')) return { receiver: 'Công an cấp xã (cơ quan đăng ký cư trú)', handler: 'Công an cấp xã' };
  if (s.includes('căn cước')) {
    const who = level === 'central'
      ? 'Cục Cảnh sát quản lý hành chính về trật tự xã hội, Bộ Công an'
      : level === 'province' ? 'Cơ quan quản lý căn cước Công an cấp tỉnh' : 'Công an cấp xã';
    return { receiver: who, handler: who };
  }
  if (s.includes('xuất nhập cảnh')) {
    const who = level === 'central' ? 'Cục Quản lý xuất nhập cảnh, Bộ Công an'
      : level === 'province' ? 'Phòng Quản lý xuất nhập cảnh Công an cấp tỉnh' : 'Công an cấp xã';
    return { receiver: who, handler: who };
  }
  if (s === 'lý lịch tư pháp') {
    const who = level === 'central' ? 'Cục Hồ sơ nghiệp vụ, Bộ Công an' : 'Công an cấp tỉnh';
    return { receiver: who, handler: who };
  }
  if (s.includes('lái xe')) return { receiver: 'Công an cấp tỉnh hoặc Cục Cảnh sát giao thông', handler: 'Cơ quan cấp giấy phép lái xe thuộc Bộ Công an' };
  if (s.includes('phương tiện giao thông')) return { receiver: 'Cơ quan đăng ký xe (Công an cấp xã / Công an cấp tỉnh)', handler: 'Cơ quan đăng ký xe' };
  if (s.includes('hộ kinh doanh') || s.includes('hợp tác xã')) return { receiver: desk, handler: 'Cơ quan đăng ký kinh doanh cấp xã' };
  if (s.includes('doanh nghiệp')) return { receiver: 'Phòng Đăng ký kinh doanh thuộc Sở Tài chính', handler: 'Phòng Đăng ký kinh doanh thuộc Sở Tài chính' };
  if (s === 'thuế') return { receiver: desk, handler: 'Cơ quan thuế quản lý trực tiếp' };
  if (s === 'đất đai') {
    return level === 'commune'
      ? { receiver: desk, handler: agency ?? 'Ủy ban nhân dân cấp xã' }
      : { receiver: desk, handler: 'Văn phòng đăng ký đất đai hoặc Chi nhánh Văn phòng đăng ký đất đai' };
  }
  if (s.includes('xây dựng')) {
    return { receiver: desk, handler: level === 'commune' ? 'Ủy ban nhân dân cấp xã' : 'Sở Xây dựng' };
  }
  if (s.includes('giáo dục') || s.includes('tuyển sinh') || s.includes('văn bằng')) {
    const who = level === 'central' ? 'Bộ Giáo dục và Đào tạo'
      : level === 'province' ? 'Sở Giáo dục và Đào tạo' : 'Cơ sở giáo dục / Ủy ban nhân dân cấp xã';
    return { receiver: level === 'central' ? who : desk, handler: who };
  }
  if (s.includes('khám bệnh') || s === 'an toàn thực phẩm') {
    return { receiver: desk, handler: level === 'commune' ? 'Ủy ban nhân dân cấp xã' : 'Sở Y tế' };
  }
  if (s === 'bảo hiểm y tế' || s === 'bảo hiểm xã hội') return { receiver: desk, handler: 'Bảo hiểm xã hội tỉnh, thành phố' };
  if (s === 'việc làm') return { receiver: desk, handler: level === 'province' ? 'Sở Nội vụ' : 'Ủy ban nhân dân cấp xã' };
  if (s === 'sở hữu trí tuệ') return { receiver: 'Cục Sở hữu trí tuệ, Bộ Khoa học và Công nghệ', handler: 'Cục Sở hữu trí tuệ' };
  return { receiver: desk, handler: agency ?? (level === 'commune' ? 'Ủy ban nhân dân cấp xã' : 'Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh') };
}

function submission(channels: Channel[], receiver: string): string {
  const ways: string[] = [];
  if (channels.includes('online')) ways.push('trực tuyến trên Cổng Dịch vụ công quốc gia');
  if (channels.includes('desk')) ways.push(`trực tiếp tại ${receiver}`);
  if (channels.includes('post')) ways.push('qua dịch vụ bưu chính công ích');
  return ways.length > 1 ? `${ways.slice(0, -1).join(', ')} hoặc ${ways[ways.length - 1]}` : ways.join('');
}

export function buildSteps(input: {
  sector: string; level: string; implementingAgency: string | null; channels: Channel[];
  hasFees: boolean; resultText: string;
}): string[] {
  const { receiver, handler } = handlers(input.sector, input.level, input.implementingAgency);
  const steps = [
    `Người yêu cầu chuẩn bị hồ sơ theo quy định và nộp ${submission(input.channels, receiver)}.`,
    `${receiver} kiểm tra tính đầy đủ, hợp lệ của hồ sơ: hồ sơ đầy đủ thì tiếp nhận, cấp Giấy tiếp nhận hồ sơ và hẹn ngày trả kết quả; hồ sơ chưa đầy đủ thì hướng dẫn người nộp bổ sung, hoàn thiện một lần; hồ sơ không thuộc thẩm quyền thì từ chối tiếp nhận, nêu rõ lý do.`,
  ];
  if (input.hasFees) {
    steps.push('Người nộp hồ sơ nộp phí, lệ phí theo quy định (trực tiếp hoặc thanh toán trực tuyến); được cấp biên lai thu.');
  }
  steps.push(`${handler} thẩm định hồ sơ, xác minh khi cần thiết và trình người có thẩm quyền quyết định; trường hợp quá hạn giải quyết thì lập Phiếu xin lỗi và hẹn lại ngày trả kết quả.`);
  const result = input.resultText.replace(/^[-–\s]+/, '').replace(/[.…\s]+$/, '').slice(0, 160);
  steps.push(`Trả kết quả (${result}) trực tiếp, qua dịch vụ bưu chính công ích hoặc bản điện tử trên Cổng Dịch vụ công quốc gia; trường hợp không giải quyết thì trả lời bằng văn bản, nêu rõ lý do.`);
  return steps;
}

/** Conditions (yêu cầu, điều kiện) by kind of procedure, short and factual. */
export function buildRequirements(sector: string, name: string): string[] {
  const s = sector.toLowerCase();
  const n = name.toLowerCase();
  if (s === 'hộ tịch') {
    const r = ['Người yêu cầu xuất trình giấy tờ tùy thân còn giá trị sử dụng hoặc cung cấp số định danh cá nhân để cơ quan đăng ký hộ tịch khai thác Cơ sở dữ liệu quốc gia về dân cư.'];
    if (/khai sinh/.test(n)) r.push('Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh.');
    if (/kết hôn/.test(n)) r.push('Hai bên nam, nữ phải có mặt khi đăng ký kết hôn và đáp ứng điều kiện kết hôn theo Luật Hôn nhân và gia đình.');
    if (/khai tử/.test(n)) r.push('Người thân thích của người chết có trách nhiệm đăng ký khai tử trong thời hạn 15 ngày kể từ ngày có người chết.');
    return r;
  }
  if (s === 'chứng thực') return ['Người yêu cầu chứng thực xuất trình bản chính giấy tờ, văn bản và chịu trách nhiệm về tính hợp pháp của nội dung, giấy tờ yêu cầu chứng thực.'];
  if (s.includes('cư trú')) return ['Có chỗ ở hợp pháp tại địa chỉ đề nghị đăng ký (trừ khai báo tạm vắng, thông báo lưu trú).', 'Thông tin cư trú được cập nhật vào Cơ sở dữ liệu về cư trú; công dân tra cứu qua ứng dụng VNeID.'];
  if (s.includes('căn cước')) return ['Công dân có mặt tại nơi làm thủ tục để thu nhận ảnh khuôn mặt, vân tay, mống mắt (trừ trường hợp được miễn theo Luật Căn cước).'];
  if (s.includes('xuất nhập cảnh')) return ['Công dân Việt Nam không thuộc trường hợp chưa được cấp giấy tờ xuất nhập cảnh theo Luật Xuất cảnh, nhập cảnh của công dân Việt Nam.'];
  if (s === 'lý lịch tư pháp') return ['Người yêu cầu cấp Phiếu lý lịch tư pháp số 2 phải trực tiếp yêu cầu, không được ủy quyền.'];
  if (s.includes('lái xe')) return ['Người lái xe đủ tuổi, sức khỏe theo Luật Trật tự, an toàn giao thông đường bộ và có giấy khám sức khỏe còn giá trị.'];
  if (s.includes('phương tiện giao thông')) return ['Xe có nguồn gốc hợp pháp, đã nộp lệ phí trước bạ; chủ xe kê khai Giấy khai đăng ký xe.'];
  if (s.includes('doanh nghiệp') || s.includes('hộ kinh doanh') || s.includes('hợp tác xã')) {
    return /thành lập/.test(n)
      ? ['Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh.', 'Tên không trùng hoặc gây nhầm lẫn với tên đã đăng ký; hồ sơ hợp lệ và đã nộp đủ phí, lệ phí.']
      : ['Hồ sơ hợp lệ; người ký hồ sơ là người có thẩm quyền theo quy định.'];
  }
  if (s === 'đất đai') return ['Thửa đất đủ điều kiện theo Luật Đất đai 2024; không có tranh chấp (trừ thủ tục giải quyết tranh chấp).'];
  if (s.includes('xây dựng')) return ['Công trình phù hợp với quy hoạch, mục đích sử dụng đất; bảo đảm an toàn cho công trình và công trình lân cận.'];
  if (s.includes('khám bệnh')) return ['Đáp ứng điều kiện về cơ sở vật chất, thiết bị y tế và nhân sự theo Luật Khám bệnh, chữa bệnh 2023.'];
  if (s === 'an toàn thực phẩm') return ['Cơ sở bảo đảm điều kiện an toàn thực phẩm về cơ sở vật chất, trang thiết bị và người trực tiếp chế biến, kinh doanh.'];
  if (s.includes('tuyển sinh') || s.includes('giáo dục')) return ['Đáp ứng điều kiện dự tuyển theo quy chế tuyển sinh và kế hoạch tuyển sinh hằng năm.'];
  return [];
}
