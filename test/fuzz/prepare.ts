// What a campaign needs from a running portal before it starts: the served OpenAPI document, a
// token per role, and real values for the parameters that name things (procedure and agency codes,
// dossiers in several states, a feedback item, a payment order), so that valid requests reach the
// handlers' deeper paths instead of stopping at 404. Goes through process.env.DVC_BASE_URL.
import { api, baseUrl, signIn } from '../support/auth';
import { HANOI_COMMUNE, completeDraft, createDraft, submitted } from '../support/dossiers';
import type { CampaignOptions, Credentials, OpenApiDocument } from './campaign';

export const DEMO_AGENCY_SYSTEM = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };

const idsOf = (items: unknown, field: string): string[] =>
  Array.isArray(items) ? items.map((item) => (item as Record<string, unknown>)[field]).filter((v): v is string => typeof v === 'string') : [];

export const prepareCampaign = async (): Promise<Pick<CampaignOptions, 'baseUrl' | 'document' | 'credentials' | 'known'>> => {
  const doc = await api('GET', '/v1/openapi.json');
  if (doc.status !== 200) throw new Error(`GET /v1/openapi.json answered ${doc.status}`);
  const [citizen, business, official, admin] = await Promise.all(
    ['citizen.demo', 'business.demo', 'official.hanoi', 'admin.demo'].map((user) => signIn(user)),
  );
  const credentials: Credentials = { tokens: { citizen, business, official, admin }, agencySystem: DEMO_AGENCY_SYSTEM };

  const [procedures, agencies, sectors] = await Promise.all([
    api('GET', '/v1/procedures?limit=100'),
    api('GET', '/v1/catalogues/agencies?limit=100'),
    api('GET', '/v1/catalogues/sectors?limit=50'),
  ]);
  // Dossiers in a few states, the citizen's: reads, uploads, submits and actions then meet real ones.
  const draft = await createDraft(citizen!);
  const complete = await completeDraft(citizen!);
  const filed = await submitted(citizen!);
  const feedback = await api('POST', '/v1/feedback', {
    token: citizen,
    json: { category: 'procedures', subject: 'Thủ tục chậm', content: 'Hồ sơ của tôi bị chậm so với hẹn trả.', agencyCode: HANOI_COMMUNE },
  });
  const known: Record<string, string[]> = {
    code: [...idsOf(procedures.body?.items, 'code').slice(0, 20), ...(filed.code ? [filed.code as string] : [])],
    procedureCode: idsOf(procedures.body?.items, 'code').slice(0, 20),
    agencyCode: [HANOI_COMMUNE, '000.00.00.H26', ...idsOf(agencies.body?.items, 'code').slice(0, 10)],
    agency: [HANOI_COMMUNE, '000.00.00.H26'],
    sectorCode: idsOf(sectors.body?.items, 'code').slice(0, 10),
    id: [draft.id, complete.id, filed.id, ...(typeof feedback.body?.id === 'string' ? [feedback.body.id] : [])],
    keyId: [DEMO_AGENCY_SYSTEM.keyId],
    applicantId: ['001099012345'],
    period: [new Date().toISOString().slice(0, 7), new Date().toISOString().slice(0, 4), '2025-Q4'],
    provider: ['sandbox'],
  };
  return { baseUrl: baseUrl(), document: doc.body as OpenApiDocument, credentials, known };
};
