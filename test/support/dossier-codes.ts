// Dossier codes for records a test writes itself (as an agency system's dossier of record). A code
// is claimed once across the whole table (its CODE# item), so two tests, or two runs against the same
// local state, must never draw the same one. The daily sequence part may be longer than the four
// digits the portal pads to (shared/contracts/sync.ts accepts \d{4,}): 15 digits from a random UUID
// (48 bits) are far past anything the portal draws and make a collision practically impossible,
// where a random four-digit number collided in about one full run of twenty.
import { randomUUID } from 'node:crypto';

/** A sequence no other test or run draws: 15 decimal digits. */
export const uniqueCodeSequence = (): string =>
  BigInt(`0x${randomUUID().replace(/-/g, '').slice(0, 12)}`).toString().padStart(15, '0');

/** A code of `agencyCode` received on `day` (yymmdd), unique across tests and runs. */
export const uniqueDossierCode = (agencyCode: string, day: string): string => `${agencyCode}-${day}-${uniqueCodeSequence()}`;
