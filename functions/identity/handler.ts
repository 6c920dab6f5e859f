// The identity API function: sign-in through VNeID (use-cases/vneid-sign-in.ts), the admin
// registry of agency systems and the signed whoami route (use-cases/agency-systems.ts). Users, groups and scopes live in Cognito and in shared/auth;
// agency scoping in shared/auth/scope.ts.
import { createApiHandler, created, implement, ok } from '../../shared/http/api';
import { identityRoutes as routes } from '../../shared/platform/api-routes/identity';
import { platformDeps, registryOf, signInDeps } from './deps';
import { signedBodies } from './signed-body';
import {
  agencySystemLocation, listAgencySystems, registerAgencySystem, revokeAgencySecret, rotateAgencySecret, whoAmI,
} from './use-cases/agency-systems';
import { completeVneidSignIn, startVneidSignIn } from './use-cases/vneid-sign-in';

const deps = platformDeps();

export const handler = createApiHandler([
  implement(routes.startVneidSignIn, async ({ body }) => ok(await startVneidSignIn(signInDeps(), body))),
  implement(routes.completeVneidSignIn, async ({ body }) => ok(await completeVneidSignIn(signInDeps(), body))),
  implement(routes.listAgencySystems, async ({ query }) => ok(await listAgencySystems(deps, query))),
  implement(routes.registerAgencySystem, async ({ body }) => {
    const registered = await registerAgencySystem(deps, body);
    return created(registered, { location: agencySystemLocation(registered.system.keyId) });
  }),
  implement(routes.rotateAgencySecret, async ({ params }) => created(await rotateAgencySecret(deps, params.keyId))),
  implement(routes.revokeAgencySecret, async ({ params }) => ok(await revokeAgencySecret(deps, params.keyId, params.secretId))),
  implement(routes.syncWhoAmI, async ({ principal }) => ok(whoAmI(principal))),
]).use(signedBodies({ registry: registryOf }));
