// The VNeID sandbox's pages, in Vietnamese, server-rendered: choose a seeded account, consent to
// share its information with the portal, and the error page. No script and nothing external; the
// one style sheet is allowed by its hash in the Content-Security-Policy.
import { createHash } from 'node:crypto';
import { escapeHtml as e } from '../../functions/notifications/domain/text';
import { accountKey, type Identities, type SeedAccount } from './identities';

export const SANDBOX_TITLE = 'VNeID thử nghiệm (sandbox)';

const STYLE = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f6f8}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.3;margin:.5rem 0 1rem;color:#8a0018}
h2{font-size:1.1rem;margin:0 0 .5rem}
.note{background:#fff4d6;border-left:4px solid #a86f00;padding:.5rem .75rem;margin:0 0 1rem}
.error{background:#fde8e8;border-left:4px solid #b00020;padding:.75rem;margin:0 0 1rem}
fieldset{background:#fff;border:1px solid #c8cdd2;border-radius:8px;margin:0 0 1rem;padding:.5rem .75rem}
legend{font-weight:600;padding:0 .25rem}
label{display:flex;gap:.75rem;align-items:flex-start;padding:.5rem 0;border-top:1px solid #e3e6e9;cursor:pointer}
label:first-of-type{border-top:0}
input[type=radio]{width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none}
.who{display:block;font-weight:600}.meta{display:block;font-size:.95rem;color:#3d3d3d}
dl{background:#fff;border:1px solid #c8cdd2;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
dt{font-weight:600;color:#3d3d3d}dd{margin:0 0 .5rem;overflow-wrap:anywhere}
button{display:block;width:100%;min-height:3.25rem;margin:0 0 .75rem;padding:.5rem;font-size:1.15rem;font-weight:600;border-radius:8px;border:2px solid #8a0018;cursor:pointer}
.primary{background:#8a0018;color:#fff}.secondary{background:#fff;color:#8a0018}
button:focus-visible,input:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}`;

/** The sandbox pages' headers: no script, nothing external, never framed; forms post here, then redirect to the portal. */
export const pageHeaders = (formTargets: readonly string[]) => ({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
    // Browsers hold the redirects after a form post (back to the portal) to form-action too.
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
});

const page = (title: string, content: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · ${e(SANDBOX_TITLE)}</title><style>${STYLE}</style></head>
<body><main>
${content}
</main></body></html>`;

const SANDBOX_NOTE = '<p class="note">Môi trường thử nghiệm trên máy cục bộ: các tài khoản dưới đây là dữ liệu mẫu, không phải công dân hay tổ chức thật.</p>';

const EID_LEVEL_LABEL = { 1: 'Mức độ 1', 2: 'Mức độ 2' } as const;

const accountLine = (account: SeedAccount) => account.kind === 'citizen'
  ? { who: account.person.fullName, meta: `Số định danh cá nhân ${account.person.idNumber} · ${EID_LEVEL_LABEL[account.person.eidLevel]}` }
  : { who: account.organization.name, meta: `Mã số doanh nghiệp ${account.organization.enterpriseCode} · ${EID_LEVEL_LABEL[account.organization.eidLevel]}` };

const option = (account: SeedAccount) => {
  const key = accountKey(account);
  const { who, meta } = accountLine(account);
  return `<label for="tk-${key}"><input type="radio" id="tk-${key}" name="account" value="${key}" required>
<span><span class="who">${e(who)}</span><span class="meta">${e(meta)}</span></span></label>`;
};

/** The first page: choose who signs in. */
export const choosePage = (uid: string, ids: Identities, problem?: string) => page('Chọn tài khoản định danh điện tử', `<h1>Đăng nhập bằng tài khoản định danh điện tử</h1>
${SANDBOX_NOTE}
${problem ? `<p class="error" role="alert">${e(problem)}</p>` : ''}
<form method="post" action="/interaction/${e(uid)}/login">
<fieldset><legend>Công dân</legend>
${ids.seed.people.map((person) => option({ kind: 'citizen', person })).join('\n')}
</fieldset>
<fieldset><legend>Tổ chức, doanh nghiệp</legend>
${ids.seed.organizations.map((organization) => option({ kind: 'organization', organization })).join('\n')}
</fieldset>
<button type="submit" class="primary">Tiếp tục</button>
</form>
<p class="meta">Dành cho kịch bản tự động: thêm <code>login_hint</code> (số định danh cá nhân hoặc mã số doanh nghiệp) vào yêu cầu đăng nhập để bỏ qua trang này và trang đồng ý. Chỉ môi trường thử nghiệm có lối tắt này.</p>`);

const CLAIM_LABELS: Record<string, string> = {
  account_type: 'Loại tài khoản', eid_level: 'Mức độ định danh điện tử', name: 'Họ và tên / tên tổ chức',
  id_number: 'Số định danh cá nhân', birthdate: 'Ngày sinh', gender: 'Giới tính',
  enterprise_code: 'Mã số doanh nghiệp', legal_representative_id_number: 'Số định danh của người đại diện theo pháp luật',
};

const claimValue = (name: string, value: string) => {
  if (name === 'account_type') return value === 'citizen' ? 'Công dân' : 'Tổ chức, doanh nghiệp';
  if (name === 'eid_level') return `Mức độ ${value}`;
  if (name === 'gender') return value === 'male' ? 'Nam' : 'Nữ';
  return value;
};

/** The second page: what the portal will receive, and the choice to share it. */
export const consentPage = (uid: string, clientName: string, claims: Record<string, string>) => page('Đồng ý chia sẻ thông tin', `<h1>Đồng ý chia sẻ thông tin</h1>
${SANDBOX_NOTE}
<p><strong>${e(clientName)}</strong> đề nghị được nhận các thông tin sau từ tài khoản định danh điện tử của bạn:</p>
<dl>
${Object.entries(claims).filter(([name]) => CLAIM_LABELS[name]).map(([name, value]) => `<dt>${e(CLAIM_LABELS[name]!)}</dt><dd>${e(claimValue(name, value))}</dd>`).join('\n')}
</dl>
<form method="post" action="/interaction/${e(uid)}/consent">
<button type="submit" name="decision" value="allow" class="primary">Đồng ý chia sẻ thông tin</button>
<button type="submit" name="decision" value="deny" class="secondary">Từ chối</button>
</form>`);

export const errorPage = (heading: string, message: string) => page(heading, `<h1>${e(heading)}</h1>
${SANDBOX_NOTE}
<p class="error" role="alert">${e(message)}</p>`);
