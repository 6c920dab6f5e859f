// What other capabilities may use of sync: the outbound subscription (the dossier fan-out asks it
// which events go to the `sync-outbound` queue, and with which FIFO ids). Pure, no AWS imports.
export { outboundMessageIds, outboundRelevant } from './domain/outbound';
