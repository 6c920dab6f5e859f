// An official's action on a dossier of an agency in scope (R-DOSSIER-ACTIONS), at the version the
// official read. What an action implies beyond the transition comes from its row of the table:
// the components an input may name, and whether the portal then returns the result online.
import type { Principal } from '../../../shared/auth/principal';
import type { DossierView } from '../../../shared/contracts/dossiers';
import { badRequest } from '../../../shared/errors/domain-error';
import { unknownComponents } from '../domain/components';
import { transitionFor } from '../domain/transitions';
import { inScope, principalId, type DossierContext } from './context';
import { autoReturn, transition } from './transition';
import { currentView } from './views';

export const act = async (
  ctx: DossierContext, principal: Principal, id: string, body: { action: string; version: number } & Record<string, unknown>,
): Promise<DossierView> => {
  const d = await inScope(ctx, principal, id);
  const { action, version, ...input } = body;
  const field = transitionFor(action)?.effects.namesComponents;
  if (field) {
    const unknown = unknownComponents(d.components, input[field]);
    if (unknown.length) {
      throw badRequest('VALIDATION_FAILED', 'Unknown components', [{ path: `body.${field}`, message: `not components of this procedure: ${unknown.join(', ')}` }]);
    }
  }
  const after = await transition(ctx, d, { kind: 'official', id: principalId(principal) }, action, input, version);
  const final = after.effects.thenReturnsOnline ? await autoReturn(ctx, after.record) : after.record;
  return currentView(ctx, final, principal);
};
