// POST /v1/sync/statuses (docs/sync.md): status events, each checked for its shape, its dossier's
// agency among the system's and a time the portal can believe on arrival (domain/event-time.ts).
import type { AgencySystemPrincipal } from '../../../shared/auth/principal';
import { agencyInScope } from '../../../shared/auth/scope';
import { agencyOfCode, StatusEventIn } from '../../../shared/contracts/sync';
import { refusalOnArrival } from '../domain/event-time';
import { NOT_ITS_AGENCY, problemsOf, queued, receiveBatch, rejected, type IntakeDeps } from './intake';

export const receiveStatuses = async (deps: IntakeDeps, system: AgencySystemPrincipal, items: readonly unknown[]) => {
  const now = (deps.now ?? (() => new Date()))();
  return receiveBatch(deps.queue, items, async (item) => {
    const parsed = StatusEventIn.safeParse(item);
    if (!parsed.success) return rejected(problemsOf(parsed.error));
    const event = parsed.data;
    const agency = await deps.catalogue.getAgency(agencyOfCode(event.code));
    if (!agency || !agencyInScope(system, agency)) return rejected([NOT_ITS_AGENCY]);
    const refused = refusalOnArrival(event.at, event.code, now);
    if (refused) return rejected([{ path: 'at', code: refused.code, message: refused.why }]);
    return queued({ kind: 'status', keyId: system.keyId, event });
  });
};
