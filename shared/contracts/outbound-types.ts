// Outbound sync's subscription, without zod: the dossier fan-out reads it on every stream record,
// and its bundle should not pay for the sync contracts' schemas at cold start.

/**
 * The dossier actions an agency system is told about, and the event type each becomes: THE list
 * (the fan-out's subscription and the payload both read it). Officials' and agency systems'
 * own actions are not echoed: the system did them, or sees them in its own desk.
 */
export const OUTBOUND_TYPES = {
  submit: 'dossier.submitted',
  supplement: 'dossier.supplemented',
  withdraw: 'dossier.withdrawn',
  confirm_payment: 'dossier.payment_confirmed',
} as const;
export type OutboundAction = keyof typeof OUTBOUND_TYPES;
