// Prefilled and locked form fields end to end (docs/dossiers.md "Prefilled and locked fields"):
// the local gateway, the real dossiers handler, the VNeID sandbox's population API as the State's
// register, DynamoDB Local. The seeded birth registration (1.001193) names its requester's fields'
// sources; citizen.demo (001099012345) is a seeded person of the sandbox.
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dossierPk, META_SK } from '../../functions/dossiers/domain/dossier';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { Dossier, Prefill, RegisterReadPage } from '../../shared/contracts/dossiers';
import { api, craftToken, decodePayload, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { CITIZEN_ID, HANOI_COMMUNE, procedure, sampleForm } from '../support/dossiers';

const BIRTH = '1.001193';
const LOCKED = ['requesterFullName', 'requesterIdNumber', 'requesterAddress'];

let citizen: string;
let admin: string;
/** citizen.demo's record as the sandbox's population API gives it. */
let person: { fullName: string; idNumber: string; currentAddress: { text: string } };

beforeAll(async () => {
  [citizen, admin] = await Promise.all([signIn('citizen.demo'), signIn('admin.demo')]);
  const res = await fetch(`${process.env.POPULATION_API_URL}/v1/citizens/${CITIZEN_ID}`, { headers: { 'x-api-key': process.env.POPULATION_API_KEY ?? '' } });
  expect(res.status, 'the sandbox population API knows citizen.demo').toBe(200);
  person = await res.json() as typeof person;
});

/** A valid birth-registration form with the requester's locked fields left out (the State fills them). */
const birthForm = async () => {
  const form = sampleForm((await procedure(BIRTH)).form.fields);
  for (const name of LOCKED) delete form[name];
  return form;
};

const createDraft = async (token: string, form: Record<string, unknown>) =>
  api('POST', '/v1/dossiers', { token, headers: { 'idempotency-key': randomUUID() }, json: { procedureCode: BIRTH, agencyCode: HANOI_COMMUNE, form, delivery: 'online' } });

describe('prefill from the population database', () => {
  it("the wizard's preview gives the requester's fields from the signed-in citizen's record", async () => {
    const prefill = expectBody(await api('GET', `/v1/me/prefill?procedureCode=${BIRTH}`, { token: citizen }), 200, Prefill, 'prefill');
    expect(prefill).toMatchObject({ register: 'population', found: true, readAt: expect.any(String) });
    expect(prefill.fields).toEqual([
      { name: 'requesterFullName', source: 'population.fullName', value: person.fullName },
      { name: 'requesterIdNumber', source: 'population.idNumber', value: CITIZEN_ID },
      { name: 'requesterAddress', source: 'population.currentAddress', value: person.currentAddress.text },
    ]);
  });

  it("a draft gets the State's values in its locked fields and records where they came from", async () => {
    const draft = expectBody(await createDraft(citizen, { ...await birthForm(), requesterIdNumber: CITIZEN_ID }), 201, Dossier, 'draft');
    expect(draft.form).toMatchObject({ requesterFullName: person.fullName, requesterIdNumber: CITIZEN_ID, requesterAddress: person.currentAddress.text });
    expect(draft.prefilled.map((p) => [p.name, p.source])).toEqual([
      ['requesterFullName', 'population.fullName'], ['requesterIdNumber', 'population.idNumber'], ['requesterAddress', 'population.currentAddress'],
    ]);
  });

  it('a draft that alters a locked field is refused with 422 LOCKED_FIELD_CHANGED naming the fields', async () => {
    const tampered = { ...await birthForm(), requesterFullName: 'Trần Văn Giả', requesterAddress: 'Số 1 phố Giả Mạo, Hà Nội' };
    const error = expectError(await createDraft(citizen, tampered), 422, 'LOCKED_FIELD_CHANGED');
    expect(error.details?.map((d) => d.path)).toEqual(['body.form.requesterFullName', 'body.form.requesterAddress']);
  });

  it('submission refuses a draft whose locked field no longer holds the value read', async () => {
    const draft = expectBody(await createDraft(citizen, await birthForm()), 201, Dossier, 'draft');
    // Changed behind the API's back (the stored form), as a bug or an operator could.
    const db = await dynamoClient();
    await db.send(new UpdateCommand({
      TableName: tableName('dossiers'), Key: { pk: dossierPk(draft.id), sk: META_SK },
      UpdateExpression: 'SET form.requesterFullName = :v', ExpressionAttributeValues: { ':v': 'Trần Văn Giả' },
    }));
    const error = expectError(await api('POST', `/v1/dossiers/${draft.id}/submit`, { token: citizen }), 422, 'LOCKED_FIELD_CHANGED');
    expect(error.details).toEqual([{ path: 'form.requesterFullName', message: expect.any(String) }]);
  });

  it("each read is audited for administrators: who, when, which fields, under which dossier; never the values", async () => {
    const sub = String(decodePayload(citizen).sub);
    expectBody(await api('GET', `/v1/me/prefill?procedureCode=${BIRTH}`, { token: citizen }), 200, Prefill, 'prefill');
    const draft = expectBody(await createDraft(citizen, await birthForm()), 201, Dossier, 'draft');
    const reads = expectBody(await api('GET', `/v1/admin/register-reads?account=${encodeURIComponent(sub)}&limit=100`, { token: admin }), 200, RegisterReadPage, 'reads');
    const forDraft = reads.items.find((r) => r.dossierId === draft.id);
    expect(forDraft).toMatchObject({ sub, register: 'population', purpose: 'draft', procedureCode: BIRTH, fields: LOCKED, found: true });
    expect(reads.items.some((r) => r.purpose === 'preview' && r.dossierId === null && r.procedureCode === BIRTH)).toBe(true);
    // Newest first.
    const times = reads.items.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(reads)).not.toContain(person.fullName);
    expectError(await api('GET', `/v1/admin/register-reads?account=${encodeURIComponent(sub)}`, { token: citizen }), 403);
  });

  it('a citizen the register does not hold types every field: nothing is locked', async () => {
    const stranger = await craftToken({ 'cognito:groups': ['citizen'], 'custom:id_number': '079099000001', 'custom:vneid_verified': 'true' });
    const prefill = expectBody(await api('GET', `/v1/me/prefill?procedureCode=${BIRTH}`, { token: stranger }), 200, Prefill, 'prefill');
    expect(prefill).toMatchObject({ register: 'population', found: false, fields: [] });
    const form = { ...await birthForm(), requesterFullName: 'Võ Thị Lan', requesterIdNumber: '079099000001', requesterAddress: 'Số 3 đường Lê Lợi, Thành phố Hồ Chí Minh' };
    const draft = expectBody(await createDraft(stranger, form), 201, Dossier, 'draft');
    expect(draft.prefilled).toEqual([]);
    expect(draft.form.requesterFullName).toBe('Võ Thị Lan');
  });
});

describe('e-ID level', () => {
  const level = (eidLevel: string) => craftToken({ 'cognito:groups': ['citizen'], 'custom:id_number': CITIZEN_ID, 'custom:vneid_verified': 'true', 'custom:eid_level': eidLevel });

  it('a level-1 account may prepare a draft but not submit it: 403 EID_LEVEL_TOO_LOW', async () => {
    const token = await level('1');
    const draft = expectBody(await createDraft(token, await birthForm()), 201, Dossier, 'draft');
    expectError(await api('POST', `/v1/dossiers/${draft.id}/submit`, { token }), 403, 'EID_LEVEL_TOO_LOW');
  });

  it('a level-2 account gets past the rule (to the missing documents)', async () => {
    const token = await level('2');
    const draft = expectBody(await createDraft(token, await birthForm()), 201, Dossier, 'draft');
    expectError(await api('POST', `/v1/dossiers/${draft.id}/submit`, { token }), 422, 'MISSING_COMPONENTS');
  });
});
