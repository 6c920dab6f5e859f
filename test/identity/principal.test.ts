// The caller as handlers see it, read from the authorizer's claims.
import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { principalOf } from '../../shared/auth/principal';
import { accountContact } from '../../functions/dossiers/use-cases/create-draft';

const withClaims = (claims: Record<string, unknown>) =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2;

describe('principalOf: contact claims', () => {
  const base = { sub: 's-1', 'cognito:groups': '[citizen]' };

  it.each([
    [{ email: 'an@example.vn', email_verified: 'true' }, { email: 'an@example.vn' }],
    [{ email: 'an@example.vn', email_verified: true }, { email: 'an@example.vn' }],
    [{ email: 'an@example.vn', email_verified: 'false' }, {}],
    [{ email: 'an@example.vn' }, {}],
    [{ phone_number: '+84912345678', phone_number_verified: 'true' }, { phone: '+84912345678' }],
    [{ phone_number: '+84912345678', phone_number_verified: 'false' }, {}],
  ])('%j → %j (only verified addresses are used)', (claims, expected) => {
    const p = principalOf(withClaims({ ...base, ...claims }));
    if (p.kind !== 'user') throw new Error('expected a user');
    expect({ email: p.email, phone: p.phone }).toEqual({ email: undefined, phone: undefined, ...expected });
  });

  it('a dossier without a contact of its own is sent to the verified account addresses, or to nobody', () => {
    const user = (claims: Record<string, unknown>) => principalOf(withClaims({ ...base, ...claims })) as Extract<ReturnType<typeof principalOf>, { kind: 'user' }>;
    expect(accountContact(user({ email: 'an@example.vn', email_verified: 'true', phone_number: '+84912345678', phone_number_verified: 'true' })))
      .toEqual({ email: 'an@example.vn', phone: '+84912345678' });
    expect(accountContact(user({ email: 'an@example.vn', email_verified: 'false' }))).toBeNull();
  });
});
