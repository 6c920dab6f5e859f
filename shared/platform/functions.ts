import type { FunctionDecl } from './types';

// One Lambda function per capability (docs/requirements.md R-CAP-FUNCTIONS). Grants are the least each one needs.
export const functions = [
  {
    name: 'meta',
    description: 'Public configuration and the OpenAPI document',
    entry: 'functions/meta/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 5,
  },
  {
    name: 'catalogue',
    description: 'Procedure catalogue and shared catalogues: public search and read, admin write',
    entry: 'functions/catalogue/handler.ts',
    memoryMb: 1024,
    timeoutSeconds: 15,
    reservedConcurrency: 100,
    tables: { catalogue: 'readwrite' },
    buckets: { 'catalogue-index': 'readwrite' },
  },
  {
    name: 'identity',
    description: 'Sign-in through VNeID (the OpenID Connect relying party), the registry of agency systems (admin: register, rotate, revoke, list) and the signed whoami route',
    entry: 'functions/identity/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    // readwrite: registry writes, nonces when completing body signatures (signed-body.ts) and the
    // sign-in states of VNeID (consumed once); catalogue read: a system's agency codes must be
    // agencies of the catalogue.
    tables: { identity: 'readwrite', catalogue: 'read' },
    secrets: ['agency-secret-key', 'vneid-client-secret', 'sign-in-proof-key'],
    // On the portal's pool only: a VNeID sign-in creates or updates the account and its group, then
    // signs it in through the custom authentication flow (docs/identity.md); each registered system
    // gets its OAuth app client (client credentials).
    cognitoActions: [
      'AdminCreateUser', 'AdminGetUser', 'AdminUpdateUserAttributes', 'AdminAddUserToGroup',
      'AdminInitiateAuth', 'AdminRespondToAuthChallenge',
      'CreateUserPoolClient', 'DeleteUserPoolClient',
    ],
  },
  {
    // The user pool's Define, Create and Verify auth challenge triggers (shared/platform/identity.ts
    // authChallengeFunction): the custom sign-in succeeds only with a proof the identity function signed.
    name: 'auth-challenge',
    description: "The user pool's custom authentication triggers: accept only a short-lived sign-in proof of the identity function, bound to the user",
    entry: 'functions/identity/auth-challenge.ts',
    memoryMb: 256,
    timeoutSeconds: 5,
    secrets: ['sign-in-proof-key'],
    userPoolTrigger: true,
  },
  {
    // The HTTP API Lambda REQUEST authorizer of agency-system routes (payload 2.0, simple
    // responses, no identity sources: a bearer token or the signature headers; result caching
    // OFF: every signature is single-use). Tokens are verified against the pool's JWKS.
    name: 'agency-authorizer',
    description: 'Verifies agency systems: signed requests (key, window, signature, replay) or client-credentials tokens',
    entry: 'functions/identity/authorizer.ts',
    memoryMb: 256,
    timeoutSeconds: 5,
    reservedConcurrency: 50,
    tables: { identity: 'readwrite' },
    secrets: ['agency-secret-key'],
  },
  {
    name: 'dossiers',
    description: 'Online dossiers: drafts, attachments, submission, the status machine, work queues, tracking',
    entry: 'functions/dossiers/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 15,
    reservedConcurrency: 2520,
    tables: { dossiers: 'readwrite', catalogue: 'read' },
    buckets: { attachments: 'readwrite' },
    // The population API's key: sourced form fields are filled from the State's registers.
    secrets: ['population-api-key'],
  },
  {
    // Fed by the dossiers table's stream (history items only): fans each event out to the queues
    // of the capabilities that act on it.
    name: 'dossier-events',
    description: 'Fans dossier events (history items from the table stream) out to notifications, sync-outbound and index-counters',
    entry: 'functions/dossiers/events.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    reservedConcurrency: 700,
    // identity and catalogue read: whether the dossier's agency (or its province) has an agency
    // system to tell (identity/subscriptions.ts); nothing is queued for sync-outbound otherwise.
    tables: { identity: 'read', catalogue: 'read' },
    sendsTo: ['notifications', 'sync-outbound', 'index-counters'],
  },
  {
    name: 'notifications',
    description: 'Renders the slips (receipt, supplement request, refusal, apology, result) and sends them to applicants',
    entry: 'functions/notifications/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 30,
    // Batches of 10 sent concurrently: ~440 at 2,000 submissions a second (docs/capacity.md).
    reservedConcurrency: 900,
    tables: { notifications: 'readwrite', dossiers: 'read' },
    sendsMessages: true,
  },
  {
    name: 'dossier-jobs',
    description: 'Scheduled dossier jobs: the daily deadline sweep (due soon, late, apology owed)',
    entry: 'functions/dossiers/jobs.ts',
    memoryMb: 512,
    timeoutSeconds: 300,
    // readwrite: late flags and the job report.
    tables: { dossiers: 'readwrite', catalogue: 'read' },
  },
  {
    name: 'payments',
    description: 'Payments: fee orders for dossiers, signed provider callbacks, receipts',
    entry: 'functions/payments/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 15,
    reservedConcurrency: 100,
    // dossiers readwrite: a paid order moves the dossier on through the dossier transition function.
    tables: { payments: 'readwrite', dossiers: 'readwrite', catalogue: 'read' },
    secrets: ['payment-provider-secrets'],
    usesPaymentProviders: true,
  },
  {
    name: 'payment-jobs',
    description: 'Scheduled payment jobs: the nightly reconciliation with the providers\' settlement reports',
    entry: 'functions/payments/jobs.ts',
    memoryMb: 512,
    timeoutSeconds: 300,
    tables: { payments: 'readwrite', dossiers: 'readwrite', catalogue: 'read' },
    secrets: ['payment-provider-secrets'],
    usesPaymentProviders: true,
  },
  {
    name: 'ratings',
    description: 'Satisfaction ratings of handled dossiers and their per-agency monthly aggregates (index 5.4)',
    entry: 'functions/ratings/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    // dossiers read: who may rate, and whether the dossier is done or returned.
    tables: { ratings: 'readwrite', dossiers: 'read' },
  },
  {
    name: 'feedback',
    description: 'Feedback (phản ánh, kiến nghị): sending, the workflow with deadlines, publication, reactions',
    entry: 'functions/feedback/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 15,
    tables: { feedback: 'readwrite', catalogue: 'read' },
    buckets: { attachments: 'readwrite' },
  },
  {
    name: 'feedback-jobs',
    description: 'Scheduled feedback jobs: the daily sweep of overdue steps',
    entry: 'functions/feedback/jobs.ts',
    memoryMb: 512,
    timeoutSeconds: 300,
    tables: { feedback: 'read', catalogue: 'read' },
  },
  {
    name: 'sync',
    description: 'Agency-system sync API: validates reported events item by item and queues them per dossier',
    entry: 'functions/sync/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 15,
    reservedConcurrency: 50,
    // identity readwrite + the sealing key: completing body signatures spends nonces (signed-body.ts).
    // sync read: the calling system's outbox (GET /v1/sync/outbox). dossiers read: the QCVN 120
    // dossier lookup (TraCuuHoSo), by code, of the system's agencies.
    tables: { catalogue: 'read', identity: 'readwrite', sync: 'read', dossiers: 'read' },
    secrets: ['agency-secret-key'],
    sendsTo: ['sync-inbound'],
  },
  {
    name: 'sync-inbound',
    description: 'Applies queued agency-system status events to dossiers, in order per dossier, idempotently',
    entry: 'functions/sync/inbound.ts',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: { sync: 'readwrite', dossiers: 'readwrite', catalogue: 'read' },
  },
  {
    name: 'sync-admin',
    description: "Admins' view of sync: each agency system's health and error report, the dead letters and their replay",
    entry: 'functions/sync/admin.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    // identity read: the registered systems, for the health list.
    tables: { sync: 'read', identity: 'read' },
    redrives: ['sync-inbound', 'sync-outbound'],
  },
  {
    name: 'sync-jobs',
    description: 'Operator commands of sync (`npm run job -- sync:dlq --list|--replay`)',
    entry: 'functions/sync/jobs.ts',
    memoryMb: 256,
    timeoutSeconds: 300,
    tables: { sync: 'read' },
    redrives: ['sync-inbound', 'sync-outbound'],
  },
  {
    // identity read + the sealing key: which systems cover the agency, and their secrets to sign
    // with; dossiers read: the new dossier's details.
    name: 'sync-outbound',
    description: 'Delivers dossier events to the agency systems of the dossier\'s agency (signed HTTPS POST, outbox, backoff)',
    entry: 'functions/sync/outbound.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    // Twice its need at 2,000/s (533 concurrent: bench/capacity), as the other consumers are sized.
    reservedConcurrency: 1080,
    tables: { sync: 'readwrite', identity: 'read', dossiers: 'read' },
    secrets: ['agency-secret-key'],
  },
  {
    name: 'evaluation',
    description: 'Service index (Decision 766) rankings and breakdowns as stored, public statistics, and the admin recompute (queued)',
    entry: 'functions/evaluation/handler.ts',
    memoryMb: 1024,
    timeoutSeconds: 30,
    // Reads serve stored results only; computing is the jobs function's (through index-runs).
    // readwrite: an admin's recompute run record; catalogue read: the statistics' agencies and names.
    tables: { evaluation: 'readwrite', catalogue: 'read' },
    sendsTo: ['index-runs'],
  },
  {
    name: 'index-counters',
    description: 'Keeps the per-agency monthly index counters in step with each dossier (once per dossier version)',
    entry: 'functions/evaluation/counters.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    reservedConcurrency: 840,
    tables: { evaluation: 'readwrite', dossiers: 'read', catalogue: 'read' },
  },
  {
    name: 'evaluation-jobs',
    description: 'The service index jobs: the monthly scores, the refresh of the running periods, admin recomputes (index-runs queue), `npm run job -- index --period`',
    entry: 'functions/evaluation/jobs.ts',
    // The January run (month + quarter + year) measured 3–4 minutes at 1 GB: twice the memory is
    // twice the CPU, and the Lambda maximum of 15 minutes leaves it room to grow (docs/capacity.md).
    memoryMb: 2048,
    timeoutSeconds: 900,
    tables: { evaluation: 'readwrite', catalogue: 'read', ratings: 'read', feedback: 'read' },
  },
  {
    name: 'support',
    description: 'The FAQ: public search and read of questions and answers per procedure and sector, admin write',
    entry: 'functions/support/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    // catalogue read: an admin's entry may name only a procedure the catalogue has.
    tables: { support: 'readwrite', catalogue: 'read' },
  },
] as const satisfies readonly FunctionDecl[];
