import { DOSSIER_LIST_ATTRIBUTES } from './dossier-lists';
import type { TableDecl } from './types';

export const tables = [
  {
    name: 'catalogue',
    description:
      'Procedures (pk PROCEDURE, sk code), shared catalogues (pk CAT#<name>, sk id) and the ' +
      'catalogue version record (pk META, sk version) that tells search snapshots they are stale.',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      // Children of a parent within a catalogue, e.g. communes of a province: gsi1pk CAT#<name>#<parent>.
      { name: 'byParent', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
    ],
  },
  {
    name: 'identity',
    description:
      'Agency systems (pk SYSTEM#<keyId>, sk META: name, agency codes, endpoint, sealed secrets; ' +
      'gsi1pk SYSTEM, gsi1sk keyId for the admin list) and replay nonces of signed requests ' +
      '(pk NONCE#<keyId>#<signature>, sk NONCE, expiresAt ~10 minutes ahead).',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      // Sparse: only system records carry gsi1pk, so nonces never reach the index.
      { name: 'byKind', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
    ],
    ttlAttribute: 'expiresAt',
  },
  {
    name: 'dossiers',
    description:
      'Dossiers (pk D#<id>, sk META: the current state, attachments, apologies; version for optimistic ' +
      'concurrency), their immutable history (pk D#<id>, sk H#<version>: one entry per transition, also ' +
      'the event record), per-agency daily code counters (pk SEQ#<agency>#<date>, sk SEQ), code claims ' +
      '(pk CODE#<code>, sk CODE: one holder per dossier code, portal or agency system), ' +
      'idempotency records of draft creation (pk IDEM#<sub>#<key>, sk IDEM, expiresAt 24 h ahead) and the audit of ' +
      'reads of the State\'s registers for prefilled forms (pk READ#<sub>, sk <at>#<id>: field names, never values; kept).',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      // "My dossiers", newest first: gsi1pk APPLICANT#<sub>, gsi1sk <createdAt>#<id>.
      { name: 'byApplicant', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
      // Work queue in due order: gsi2pk QUEUE#<agency>#open|closed[#s<shard>], gsi2sk D#<dueAt>#<id> or
      // S#<submittedAt>#<id>. The busiest agencies' keys are write-sharded (functions/dossiers/domain/
      // list-shards.ts); readers merge the shards. Only the list summary is projected (docs/capacity.md
      // "Design: the work-queue lists"): the index entry is rewritten only when the summary or the key changes.
      { name: 'byAgencyQueueList', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' }, projection: DOSSIER_LIST_ATTRIBUTES },
      // The same order within one status: gsi3pk STATUS#<agency>#<status>[#s<shard>].
      { name: 'byAgencyStatusList', partitionKey: { name: 'gsi3pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' }, projection: DOSSIER_LIST_ATTRIBUTES },
      // Public tracking and agency-system sync by dossier code: gsi4pk = code, on the dossier item
      // only (sparse: drafts and history entries have none).
      { name: 'byCode', partitionKey: { name: 'gsi4pk', type: 'S' } },
    ],
    ttlAttribute: 'expiresAt',
    // The history items are the outbox: the stream carries each one, once written, to the fan-out.
    stream: 'NEW_IMAGE',
    // Ten batches per shard at a time: one dossier's history shares its partition key, so its events
    // keep their order (docs/capacity.md). A record still unsent after 6 hours goes to the on-failure
    // queue for replay, well before the stream's 24-hour retention drops it (docs/operations.md).
    streamConsumer: {
      fn: 'dossier-events', batchSize: 50, skPrefix: 'H#', maxRetryAttempts: 8,
      parallelizationFactor: 10, maxRecordAgeSeconds: 6 * 3600, iteratorAgeAlarmSeconds: 300,
    },
  },
  {
    name: 'notifications',
    description:
      'Notifications sent to applicants (pk N#<dossierId>, sk <eventVersion>#<slip>#<channel>: written ' +
      'once, so a redelivered event never notifies twice), with the rendered message and delivery result; ' +
      'gsi1pk DAY#<local date>, gsi1sk <at>#<dossierId> lists a day\'s notifications for the local outbox.',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      // Local only: its one reader is the local outbox (local/outbox.ts). Deployed, every message of
      // the country would be written whole, twice, under one key (docs/capacity.md "byDay").
      { name: 'byDay', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' }, localOnly: true },
    ],
    ttlAttribute: 'expiresAt',
  },
  {
    name: 'payments',
    description:
      'Payment orders (pk O#<id>, sk ORDER), one live order per dossier payment round (pk D#<dossierId>, ' +
      'sk ROUND#<version>), Idempotency-Keys (IDEM#<sub>#<key>), applied provider callbacks ' +
      '(CB#<provider>#<eventId>), receipt counters (RSEQ#<agency>#<year>) and reconciliation reports ' +
      '(RECON#<provider>, sk <date>); gsi1 byDossier D#<dossierId> / <createdAt>#<id>, gsi2 byPaidDay ' +
      'PAID#<provider>#<local date>[#s<shard>] / <paidAt>#<id> (a summary of the order).',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      { name: 'byDossier', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
      // Write-sharded (PAID_DAY_SHARDS, functions/payments/adapters/payment-store.ts) and holding only
      // what reconciliation reads of a paid order (docs/capacity.md "Design: warm caches and sharded keys").
      {
        name: 'byPaidDay', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' },
        projection: ['id', 'dossierId', 'round', 'amount', 'status', 'expiresAt', 'providerRef', 'paidAt', 'createdAt'],
      },
    ],
    // `purgeAt` (epoch seconds): Idempotency-Keys and callback records expire; orders are kept.
    ttlAttribute: 'purgeAt',
  },
  {
    name: 'ratings',
    description:
      'Satisfaction ratings of dossiers (pk R#<dossierId>, sk RATING: one per dossier, revisions for ' +
      'conditional replacement) and per-agency monthly aggregates (pk AGG#<agencyCode>, sk <YYYY-MM> of ' +
      'the first rating in Asia/Ho_Chi_Minh: counters total, satisfied, neutral, dissatisfied, per-criterion ' +
      'sums and counts), written in the same transaction as each rating.',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
  },
  {
    name: 'feedback',
    description:
      'Feedback items (pk F#<id>, sk META), reactions (pk F#<id>, sk R#<sub>), the daily code counter ' +
      '(SEQ#<date>), repeated-subject markers (SUBJ#<sub>#<agency>#<hash>) and indicator counters ' +
      '(AGG#<agency>, sk <YYYY-MM>); gsi1 byAgency AGENCY#<agency|portal> / <status>#<submittedAt>#<id>, ' +
      'gsi2 bySender SENDER#<sub> / <submittedAt>#<id>, gsi3 byPublished PUBLISHED / <publishedAt>#<id>, ' +
      'gsi4 byOpen OPEN#<shard> / <submittedAt>#<id> (open items, for the daily job).',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      { name: 'byAgency', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
      { name: 'bySender', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' } },
      { name: 'byPublished', partitionKey: { name: 'gsi3pk', type: 'S' }, sortKey: { name: 'gsi3sk', type: 'S' } },
      { name: 'byOpen', partitionKey: { name: 'gsi4pk', type: 'S' }, sortKey: { name: 'gsi4sk', type: 'S' } },
    ],
  },
  {
    name: 'sync',
    description:
      'Agency-system sync: every received event (pk EVT#<keyId>#<eventId>, sk EVENT) with what became of it, ' +
      'each dossier\'s last applied event time (pk DSYNC#<code>, sk STATE) and each system\'s error report ' +
      '(pk ERR#<keyId>, sk <at>#<eventId>); outbound, each system\'s outbox (pk OUT#<keyId>, sk <at>#<dossierId>#<version>: ' +
      'the event pushed and its delivery state); each system\'s running statistics (pk SYS#<keyId>#s<shard>, sk STATS, write-sharded, outside transactions), the last ' +
      'failure of a message that could not be processed (pk FAIL#<messageId>, sk LAST, expires with the DLQ), and the ' +
      'sync-ratio counters: dossiers reported by their agency\'s system (pk REPORTED#<code>, sk DOSSIER, once each; ' +
      'pk AGG#<agency>#s<shard>, sk <YYYY-MM> reportedDossiers, write-sharded).',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    ttlAttribute: 'expiresAt',
  },
  {
    name: 'evaluation',
    description:
      'The service index (docs/index.md): each dossier\'s contribution last applied to the counters (pk DF#<dossierId>, ' +
      'sk FACTS, with its version), per-agency monthly counters (pk AGG#<agency>, sk <YYYY-MM>), the scores of a period ' +
      '(pk RESULT#<period>, sk <agencyCode>), its rankings (pk RANK#<period>, sk <level>#<province|->, a large one ' +
      'continued in chunks), its last computation (pk RUN#<period>, sk RUN) and admin recompute runs (pk RECOMPUTE#<runId>, ' +
      'sk RUN, expiring).',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    ttlAttribute: 'expiresAt',
  },
  {
    name: 'support',
    description:
      'The FAQ (docs/support.md): one item per question and answer (pk FAQ, sk <id>). The whole set is one ' +
      'partition read with Query (hundreds to a few thousand small items), searched in memory by a warm function.',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
  },
] as const satisfies readonly TableDecl[];
