// Measured sizes of the records a dossier's life reads or writes outside the dossier itself:
// procedures (catalogue), the agency-system registry and replay nonces (identity), payment orders
// (payments) and the largest agency's monthly counters item (evaluation). Each is built by its
// adapter over the recording client (recording-db.ts), so keys and attributes are the adapters'.
import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoCatalogueStore, catPk } from '../../functions/catalogue/adapters/catalogue-store';
import type { DossierRecord } from '../../functions/dossiers/domain/dossier';
import { aggKey } from '../../functions/evaluation/adapters/evaluation-store';
import { contributionOf, factsOf, sumCounters } from '../../functions/evaluation/domain/dossier-facts';
import { AgencySystemRegistry } from '../../functions/identity/adapters/registry';
import { AesGcmSecretSealer } from '../../functions/identity/adapters/secret-sealer';
import { DynamoPaymentStore } from '../../functions/payments/adapters/payment-store';
import { assessFees } from '../../functions/payments/domain/fees';
import { orderRequestFingerprint, type OrderRecord } from '../../functions/payments/domain/order';
import { formatReceiptNumber, receiptCounterKey } from '../../functions/payments/domain/receipt';
import type { GeneratedDossier } from '../../local/seed/dossier-activity';
import { itemBytes } from '../../shared/aws/item-size';
import type { Procedure } from '../../shared/contracts/catalogue';
import { applyUpdate, putItems, recordingDb, updates } from './recording-db';
import { writeOps, type KeyContext, type Op } from './units';

type Item = Record<string, unknown>;

/** Bytes of each procedure record as the catalogue store writes it. */
export const procedureBytes = async (procedures: readonly Procedure[]): Promise<Map<string, number>> => {
  const rec = recordingDb();
  const store = new DynamoCatalogueStore(rec.client, 'catalogue');
  const out = new Map<string, number>();
  for (const p of procedures) {
    rec.clear();
    await store.putProcedure(p);
    out.set(p.code, itemBytes(putItems(rec.sent)[0]!));
  }
  return out;
};

/** Bytes of a shared catalogue entry as stored (pk CAT#<name>), e.g. an agency or a treasury account. */
export const entryBytes = async (name: 'agencies' | 'treasury-accounts', entry: { id: string } & Item): Promise<number> => {
  const rec = recordingDb();
  await new DynamoCatalogueStore(rec.client, 'catalogue').putEntry(name, entry);
  const item = putItems(rec.sent).find((i) => i.pk === catPk(name))!;
  return itemBytes(item);
};

/** The registry records of these systems (one active secret each), the index key listing them, and a replay nonce's write. */
export const registryBytes = async (systems: readonly { keyId: string; name: string; agencyCodes: string[] }[]) => {
  const rec = recordingDb();
  const registry = new AgencySystemRegistry(rec.client, 'identity', new AesGcmSecretSealer(randomBytes(32)));
  const now = new Date('2026-03-02T02:00:00Z');
  const records: number[] = [];
  for (const s of systems) {
    rec.clear();
    await registry.register({ ...s, endpointUrl: `https://motcua.${s.keyId.replace(/[^a-z0-9]/gi, '').toLowerCase()}.gov.vn/api/dvc/events` }, { now });
    records.push(itemBytes(putItems(rec.sent)[0]!));
  }
  const listKey = String(putItems(rec.sent)[0]!.gsi1pk);
  rec.clear();
  const signature = randomBytes(32).toString('hex');
  await registry.recordNonce(systems[0]!.keyId, signature, { now: now.getTime() / 1000 });
  return { records, listKey, nonce: writeOps('identity', undefined, putItems(rec.sent)[0]!, { keyId: systems[0]!.keyId, signature }) };
};

/**
 * The writes of one online payment, by the payment store: the order with its Idempotency-Key and
 * round lock, the provider's callback (order paid, lock moved), the receipt number and the
 * dossier-confirmed mark. `dossier` is at payment_required.
 */
export const paymentWrites = async (dossier: DossierRecord, procedure: Procedure, treasury: OrderRecord['treasuryAccount']) => {
  const order: OrderRecord = {
    id: randomUUID(), dossierId: dossier.id, dossierCode: dossier.code, procedureName: dossier.procedureName,
    agencyCode: dossier.agencyCode, agencyName: dossier.agencyName, agencyParentCode: dossier.agencyParentCode, applicantSub: dossier.applicant.sub,
    payer: { name: 'Nguyễn Văn An', idNumber: dossier.applicant.idNumber, enterpriseCode: dossier.applicant.enterpriseCode },
    round: dossier.version, currency: 'VND', status: 'pending', provider: 'vnpay', treasuryAccount: treasury,
    ...(({ total, items }) => ({ amount: total, items }))(assessFees(procedure.fees, { applicantType: dossier.applicant.type, channel: 'online' })),
    // A checkout link as gateways issue them (hundreds of characters of signed query).
    redirectUrl: `https://pay.vnpay.vn/vpcpay.html?vnp_Amount=5000000&vnp_TxnRef=${dossier.id}&vnp_SecureHash=${randomBytes(64).toString('hex')}`,
    createdAt: dossier.updatedAt, expiresAt: dossier.updatedAt, paidAt: null, providerRef: null, receiptNumber: null,
    dossierConfirmedAt: null, anomalies: [], version: 1,
  };
  const context: KeyContext = { id: dossier.id, orderId: order.id, agency: dossier.agencyCode, sub: dossier.applicant.sub, idemKey: randomUUID(), eventId: randomUUID() };
  const rec = recordingDb((key) => (String(key.sk).startsWith('ROUND#') ? { orderId: order.id } : undefined));
  const store = new DynamoPaymentStore(rec.client, 'payments');
  await store.create(order, { sub: dossier.applicant.sub, key: context.idemKey!, fingerprint: orderRequestFingerprint(dossier.id), ttlSeconds: 24 * 3600 });
  // The key's record goes first in the transaction (shared/idempotency/dynamo-key-record.ts).
  const [idem, orderItem, round] = putItems(rec.sent) as Item[];
  const create = [orderItem, idem, round].flatMap((i) => writeOps('payments', undefined, i, context, true));
  rec.clear();
  const paidAt = dossier.updatedAt;
  await store.applyCallback(order, { from: 'pending', to: 'paid', paidAt, providerRef: `VNP${Date.now()}`, eventId: context.eventId! });
  const [callback] = putItems(rec.sent);
  const [paid, lock] = updates(rec.sent);
  let current = applyUpdate(orderItem, paid!);
  const callbackOps: Op[] = [
    ...writeOps('payments', undefined, callback, context, true), ...writeOps('payments', orderItem, current, context, true),
    ...writeOps('payments', round, applyUpdate(round, lock!), context, true),
  ];
  rec.clear();
  await store.nextReceiptSequence(receiptCounterKey(order.agencyCode, paidAt));
  await store.setReceiptNumber(order.id, formatReceiptNumber(paidAt, 123_456));
  await store.markDossierConfirmed(order.id, paidAt);
  const [sequence, numbered, confirmed] = updates(rec.sent);
  const followUp: Op[] = [...writeOps('payments', undefined, applyUpdate(undefined, sequence!, () => 123_456), context)];
  for (const u of [numbered!, confirmed!]) {
    const next = applyUpdate(current, u);
    followUp.push(...writeOps('payments', current, next, context));
    current = next;
  }
  return { create, callback: callbackOps, followUp, orderBytes: itemBytes(current), context };
};

/**
 * Bytes of an agency's monthly counters item (pk AGG#<agency>, sk <YYYY-MM>) after a month of its
 * dossiers: the sum of their contributions, each count scaled to `monthlyDossiers` (a count's
 * digits cost bytes too). `dossiers` are one agency-month of generated activity.
 */
export const aggItemBytes = (dossiers: readonly GeneratedDossier[], monthlyDossiers: number, hasFee: (code: string) => boolean | undefined): number => {
  const first = dossiers[0]!.record;
  const contributions = dossiers.flatMap(({ record, history }) => {
    const facts = factsOf(record, history, hasFee(record.procedureCode));
    return facts ? [contributionOf(facts).counters] : [];
  });
  const scale = monthlyDossiers / Math.max(1, contributions.length);
  const counters = Object.fromEntries(Object.entries(sumCounters(contributions)).map(([k, v]) => [k, Math.round(v * scale)]));
  const month = dossiers.map((d) => d.record.submittedAt ?? '').sort()[0]!.slice(0, 7);
  return itemBytes({ ...aggKey(first.agencyCode, month), agencyCode: first.agencyCode, month, ...counters });
};
