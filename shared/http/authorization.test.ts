import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal';
import type { AuthRule } from '../platform/types';
import { callerPrincipal, principalIn, routeAuthorization } from './authorization';
import type { ApiContext } from './context';

const eventWith = (authorizer?: object) => ({ requestContext: { authorizer } }) as unknown as APIGatewayProxyEventV2;
const callerOf = (event: APIGatewayProxyEventV2) =>
  middy(async (_event: APIGatewayProxyEventV2, context: ApiContext) => context.principal).use(callerPrincipal())(event, {} as ApiContext);

const citizen: Principal = { kind: 'user', sub: 'u1', username: 'u1', groups: ['citizen'], vneidVerified: false, agencyScope: [] };
const system: Principal = { kind: 'agency-system', keyId: 'demo-system', agencyCodes: ['000.00.00.H26'], scopes: ['sync.write', 'sync.read', 'catalogue.read'] };
const verdict = async (rule: AuthRule, principal: Principal | undefined) => {
  const guarded = middy(async () => 'allowed').use(routeAuthorization(rule));
  return guarded({} as APIGatewayProxyEventV2, { principal } as ApiContext).catch((e: { kind: string; code: string }) => `${e.kind} ${e.code}`);
};

describe('caller and route authorization', () => {
  it('reads the caller the authorizer established into the context', async () => {
    expect(await callerOf(eventWith())).toEqual({ kind: 'anonymous' });
    expect(await callerOf(eventWith({ jwt: { claims: { sub: 'u1', 'cognito:groups': '[citizen admin]' } } })))
      .toMatchObject({ kind: 'user', sub: 'u1', groups: ['citizen', 'admin'] });
    expect(await callerOf(eventWith({ lambda: { keyId: 'demo-system', agencyCodes: '000.00.00.H26,000.00.00.H01' } })))
      .toEqual({ kind: 'agency-system', keyId: 'demo-system', agencyCodes: ['000.00.00.H26', '000.00.00.H01'], scopes: ['sync.write', 'sync.read', 'catalogue.read'] });
    // A token's context names its scopes: only those (unknown names dropped).
    expect(await callerOf(eventWith({ lambda: { keyId: 'demo-system', agencyCodes: '000.00.00.H26', scopes: 'sync.read,admin', signature: 'token' } })))
      .toEqual({ kind: 'agency-system', keyId: 'demo-system', agencyCodes: ['000.00.00.H26'], scopes: ['sync.read'] });
    // A body-pending request is nobody until its body is verified (functions/identity/signed-body.ts).
    expect(await callerOf(eventWith({ lambda: { pendingKeyId: 'demo-system', signature: 'body-pending' } }))).toEqual({ kind: 'anonymous' });
  });

  it('lets through who the route allows, 401 (unauthenticated) the wrong kind of caller, 403 (forbidden) the wrong group', async () => {
    expect(await verdict({ kind: 'public' }, { kind: 'anonymous' })).toBe('allowed');
    expect(await verdict({ kind: 'user', groups: ['citizen', 'business'] }, citizen)).toBe('allowed');
    expect(await verdict({ kind: 'user', groups: ['admin'] }, citizen)).toBe('forbidden FORBIDDEN');
    expect(await verdict({ kind: 'user', groups: ['citizen'] }, { kind: 'anonymous' })).toBe('unauthenticated UNAUTHENTICATED');
    expect(await verdict({ kind: 'user', groups: ['citizen'] }, system)).toBe('unauthenticated UNAUTHENTICATED');
    expect(await verdict({ kind: 'agency-system', scope: 'sync.write' }, system)).toBe('allowed');
    expect(await verdict({ kind: 'agency-system', scope: 'sync.write' }, citizen)).toBe('unauthenticated UNAUTHENTICATED');
    // A token without the route's scope: the same system, 403.
    expect(await verdict({ kind: 'agency-system', scope: 'sync.write' }, { ...system, scopes: ['sync.read'] } as Principal)).toBe('forbidden INSUFFICIENT_SCOPE');
  });

  it('fails closed: no caller on the context is an anonymous one', async () => {
    expect(principalIn({})).toEqual({ kind: 'anonymous' });
    expect(await verdict({ kind: 'agency-system', scope: 'sync.write' }, undefined)).toBe('unauthenticated UNAUTHENTICATED');
    expect(await verdict({ kind: 'public' }, undefined)).toBe('allowed');
  });
});
