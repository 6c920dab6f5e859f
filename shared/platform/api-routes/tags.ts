// The tags routes are grouped by in the OpenAPI document, each with what it covers. A route can
// only use a tag declared here (RouteDecl's `tags` type), and the document declares every one.
export const API_TAGS = {
  meta: 'Public client configuration and this OpenAPI document.',
  catalogue: 'Administrative procedures (components, form, fees, legal basis) and the shared catalogues: agencies, administrative units, sectors, result types, treasury accounts, revenue items, banks, holidays.',
  dossiers: "Applicants' dossiers from draft to result: uploads, submission, supplements, withdrawal, officials' work queue and state transitions, slips, public tracking.",
  payments: 'Fees of a dossier paid online through a payment provider: orders, the signed provider callback, electronic receipts (docs/payments.md).',
  ratings: "Applicants' ratings of a finished dossier (docs/ratings.md).",
  feedback: 'Feedback and recommendations (phản ánh, kiến nghị): sending, the agencies\' workflow, published answers (docs/feedback.md).',
  support: 'The frequently asked questions (docs/support.md).',
  index: 'The Decision 766 service index: rankings and one agency\'s breakdown (docs/index.md).',
  statistics: 'Public figures of a period: dossiers by status, channel and procedure, on-time rate, handling time.',
  identity: 'Sign-in of citizens and businesses through VNeID, the national electronic identification; agency systems: registration and secrets (administrators), and a signed credentials check (docs/identity.md).',
  sync: 'Exchange with agency one-stop systems: signed status and dossier batches, the outbox, and the operators\' view of the sync queues (docs/sync.md).',
  admin: 'Routes only the portal\'s administrators may call.',
} as const;

export type ApiTag = keyof typeof API_TAGS;
