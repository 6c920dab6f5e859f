// A province's one-stop system speaking QCVN 120:2019/BTTTT to the portal with an OAuth 2.0
// client-credentials token (docs/one-stop-systems.md), played against a running `npm start`:
//
//   0. (an administrator registers the system: HMAC secret and OAuth client, shown once)
//                                                     POST /v1/admin/agency-systems
//   1. obtain an access token                         POST <tokenUrl>  grant_type=client_credentials
//   2. check who the token speaks for                 GET  /v1/sync/whoami           (Bearer)
//   3. sync a desk dossier                            POST /v1/qcvn120/sync  DongBoHoSoMC
//   4. update its progress                            POST /v1/qcvn120/sync  CapNhatTienDoHoSoMC
//      and wait until public tracking shows it returned
//   5. read the catalogue and look our dossier up   POST /v1/qcvn120/share  LayDanhSachTTHC, LayThuTuc, TraCuuHoSo
//   6. (a citizen submits a dossier online at a commune of the province: the portal owes us an event)
//   7. receive it: pulled from the outbox with the token; and, when the system's endpoint is the
//      local receiver, the signed QCVN 120 push (DongBoHoSoMC) as the receiver recorded it
//
//   npm run example:province-system [-- --base-url http://127.0.0.1:3000]
import { randomBytes, randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { bearerToken, createPortalClient, unwrap, type PortalClient, type Schema } from '../client';
import { HANOI_COMMUNE, PROCEDURE, portalAt, submitted } from '../scripts/walkthrough';
import { argument, waitFor } from './support';

export interface ClientCredentials {
  keyId: string;
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
}

export interface ProvinceOptions {
  baseUrl: string;
  /** A registered system's OAuth client; by default the example registers one as admin.demo. */
  credentials?: ClientCredentials;
  log?: (line: string) => void;
  patienceMs?: number;
}

const PROVINCE = '000.00.00.H26';
/** The applicant who came to the counter. */
const APPLICANT = { name: 'Phạm Văn Quầy', id: '001199000222' };

/** QCVN 120 times: yyyyMMddHHmmss in Vietnam's time. */
const qcvnTime = (date: Date) => new Date(date.getTime() + 7 * 3600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** RFC 6749 §4.4: the client authenticates with HTTP Basic and asks for the scopes it needs. */
export const clientCredentialsToken = async (credentials: ClientCredentials, scopes: string[]) => {
  const res = await fetch(credentials.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') }),
  });
  const body = (await res.json()) as { access_token?: string; expires_in?: number; error?: string };
  if (!res.ok || !body.access_token) throw new Error(`token endpoint: ${res.status} ${body.error ?? ''}`);
  return { accessToken: body.access_token, expiresIn: body.expires_in ?? 0 };
};

/** What an administrator does once: register the system; both secrets are shown in this answer only. */
const registerAsAdmin = async (admin: PortalClient): Promise<ClientCredentials> => {
  const keyId = `province-hn-${randomBytes(3).toString('hex')}`;
  const registered = unwrap(await admin.POST('/v1/admin/agency-systems', {
    body: { keyId, name: 'Hệ thống một cửa điện tử tỉnh (ví dụ)', agencyCodes: [PROVINCE], endpointUrl: 'https://motcua.example.vn/dvc/events', protocol: 'qcvn120' },
  }), 'register', 201);
  if (!registered.oauthClient) throw new Error('this portal issues no OAuth clients (no token endpoint configured)');
  const { clientId, clientSecret, tokenUrl } = registered.oauthClient;
  return { keyId, clientId, clientSecret, tokenUrl };
};

export const run = async (options: ProvinceOptions) => {
  const log = options.log ?? ((line: string) => console.log(line));
  const patienceMs = options.patienceMs ?? 60_000;
  const step = (n: number, text: string) => log(`\n${n}. ${text}`);
  const portal = await portalAt(options.baseUrl);

  let credentials = options.credentials;
  if (!credentials) {
    step(0, 'admin.demo registers the province system (POST /v1/admin/agency-systems)');
    credentials = await registerAsAdmin(await portal.as('admin.demo'));
    log(`   → ${credentials.keyId}: OAuth client ${credentials.clientId}, token URL ${credentials.tokenUrl} (the secret is shown once)`);
  }

  step(1, `obtain an access token (POST ${credentials.tokenUrl}, grant_type=client_credentials)`);
  const scopes = ['dvc/sync.write', 'dvc/sync.read', 'dvc/catalogue.read'];
  const { accessToken, expiresIn } = await clientCredentialsToken(credentials, scopes);
  log(`   → a Bearer token for ${expiresIn} s with ${scopes.join(' ')}`);
  const system = createPortalClient({ baseUrl: options.baseUrl, auth: bearerToken(accessToken) });

  step(2, 'who the token speaks for (GET /v1/sync/whoami)');
  const whoami = unwrap(await system.GET('/v1/sync/whoami'), 'whoami');
  log(`   → ${whoami.keyId}, for ${whoami.agencyCodes.join(', ')}`);

  step(3, `a dossier received at the desk of ${HANOI_COMMUNE} (POST /v1/qcvn120/sync, DongBoHoSoMC)`);
  const receivedAt = minutesAgo(120);
  const code = `${HANOI_COMMUNE}-${qcvnTime(receivedAt).slice(2, 8)}-${randomInt(100_000, 999_999)}`;
  const sync = async (packet: Schema<'Qcvn120Packet'>) => unwrap(await system.POST('/v1/qcvn120/sync', { body: packet }), 'QCVN 120 sync', 202);
  const dossier = await sync({
    service: 'DongBoHoSoMC', isUpdating: 'False', madonvi: HANOI_COMMUNE,
    data: [{
      MaHoSo: code, MaTTHC: PROCEDURE, KenhThucHien: '1', ChuHoSo: APPLICANT.name, LoaiDoiTuong: '1', MaDoiTuong: APPLICANT.id,
      TrichYeuHoSo: 'Đăng ký khai sinh tại bộ phận một cửa', NgayTiepNhan: qcvnTime(receivedAt), TrangThaiHoSo: '4',
    }],
  });
  log(`   → error_code ${dossier.error_code}: ${dossier.accepted} queued, ${dossier.rejected} refused; MaHoSo ${code}`);

  step(4, 'its progress: resolved, then returned at the counter (POST /v1/qcvn120/sync, CapNhatTienDoHoSoMC)');
  const progress = await sync({
    service: 'CapNhatTienDoHoSoMC',
    data: [
      { MaHoSo: code, NguoiXuLy: 'Lê Thị Một Cửa', ThoiDiemXuLy: qcvnTime(minutesAgo(30)), NoiDungXuLy: 'Đã giải quyết', TrangThai: '9' },
      { MaHoSo: code, NguoiXuLy: 'Lê Thị Một Cửa', ThoiDiemXuLy: qcvnTime(minutesAgo(10)), NoiDungXuLy: 'Đã trả kết quả tại quầy', TrangThai: '10' },
    ],
  });
  log(`   → error_code ${progress.error_code}: ${progress.accepted} queued`);
  const tracked = await waitFor('the dossier returned', patienceMs, async () => {
    const res = await portal.anonymous.GET('/v1/dossiers/track', { params: { query: { code, applicantId: APPLICANT.id } } });
    return res.data?.status === 'returned' ? res.data : undefined;
  });
  log(`   → public tracking: ${tracked.history.map((h) => h.status).join(' → ')}`);

  step(5, 'read the catalogue and look our dossier up (POST /v1/qcvn120/share)');
  const share = async (request: Schema<'Qcvn120ShareRequest'>) => unwrap(await system.POST('/v1/qcvn120/share', { body: request }), request.service);
  const list = await share({ service: 'LayDanhSachTTHC', limit: 5 });
  const listed = Array.isArray(list.result) ? list.result : [];
  log(`   → LayDanhSachTTHC: ${listed.map((p) => 'MATTHC' in p ? p.MATTHC : '').join(', ')}${list && 'nextCursor' in list && list.nextCursor ? ', …' : ''}`);
  const procedure = await share({ service: 'LayThuTuc', maTTHC: PROCEDURE });
  const procedureName = !Array.isArray(procedure.result) && 'TENTTHC' in procedure.result ? procedure.result.TENTTHC : '';
  log(`   → LayThuTuc ${PROCEDURE}: ${procedureName}`);
  const lookup = await share({ service: 'TraCuuHoSo', MaHoSo: code });
  const lookedUp = !Array.isArray(lookup.result) && 'MaHoSo' in lookup.result ? lookup.result : undefined;
  log(`   → TraCuuHoSo ${code}: TrangThaiHoSo ${lookedUp?.TrangThaiHoSo}`);

  step(6, `meanwhile citizen.demo submits a dossier online at ${HANOI_COMMUNE}`);
  const online = await submitted(await portal.as('citizen.demo'));
  const eventId = `${online.id}:${online.version}`;
  log(`   → ${online.code} submitted; the portal owes us event ${eventId}`);

  step(7, 'receive it: pulled from the outbox with the token (GET /v1/sync/outbox), and pushed if our endpoint is the local receiver');
  const pulled = await waitFor('the event in the outbox', patienceMs, async () => {
    for (let cursor: string | undefined; ;) {
      const page = unwrap(await system.GET('/v1/sync/outbox', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }), 'outbox');
      const ours = page.items.find((i) => i.event.eventId === eventId);
      if (ours) return ours;
      if (!page.nextCursor) return undefined;
      cursor = page.nextCursor;
    }
  });
  log(`   → pulled: ${pulled.event.type} ${pulled.event.code}`);
  type Delivery = { keyId: string | null; eventId: string | null; signatureValid: boolean; type: string | null; code: string | null };
  const receiverUrl = `${options.baseUrl}/local/agency-receiver`;
  const deliveries = async () => ((await (await fetch(receiverUrl)).json()) as { items: Delivery[] }).items;
  const pushedToReceiver = options.credentials !== undefined && (await fetch(receiverUrl)).ok;
  const pushed = pushedToReceiver
    ? await waitFor('the push', patienceMs, async () => (await deliveries()).find((d) => d.keyId === credentials.keyId && d.eventId === eventId))
    : null;
  log(pushed
    ? `   → pushed to the local receiver: ${pushed.type} for MaHoSo ${pushed.code}, signature ${pushed.signatureValid ? 'valid' : 'INVALID'}`
    : '   → no push to watch here: our registered endpoint is a placeholder (a real system receives pushes at its HTTPS endpoint)');

  log(`\nDone: ${code} is ${tracked.status}; event ${eventId} received.`);
  return {
    keyId: credentials.keyId, whoami, code, answers: { dossier, progress }, tracked: tracked.history.map((h) => h.status),
    catalogue: { listed: listed.length, procedureName, lookedUp }, online: { code: online.code }, pulled: pulled.event, pushed,
  };
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run({ baseUrl: argument('--base-url') ?? 'http://127.0.0.1:3000' }).catch((e: Error) => {
    console.error(`\n${e.message}`);
    process.exit(1);
  });
}
