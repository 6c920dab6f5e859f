import type { SecretDecl } from './types';

export const secrets = [
  {
    name: 'agency-secret-key',
    description: 'Key material that seals agency-system HMAC secrets at rest (functions/identity/adapters/secret-sealer.ts)',
    envVar: 'AGENCY_SECRET_KEY',
  },
  {
    name: 'payment-provider-secrets',
    description: 'HMAC secrets shared with the payment providers, JSON { "<provider>": "<secret>" } (docs/payments.md)',
    envVar: 'PAYMENT_PROVIDER_SECRETS',
  },
  {
    name: 'vneid-client-secret',
    description: 'The portal\'s client secret at VNeID (OpenID Connect, client `dvc-portal`), set by the operator from the client registration (docs/identity.md "Deploying with a real VNeID")',
    envVar: 'VNEID_CLIENT_SECRET',
  },
  {
    name: 'population-api-key',
    description: 'The portal\'s API key (`x-api-key`) for the national data-sharing platform\'s population API, set by the operator (docs/identity.md "Population data")',
    envVar: 'POPULATION_API_KEY',
  },
  {
    name: 'sign-in-proof-key',
    description: 'HMAC key of the short-lived proofs the identity function answers the user pool\'s custom sign-in challenge with (docs/identity.md)',
    envVar: 'SIGN_IN_PROOF_KEY',
  },
] as const satisfies readonly SecretDecl[];

export type SecretName = (typeof secrets)[number]['name'];
/** The variable a declared secret's value is read from (its `_SECRET_ARN` in AWS). */
export type SecretEnvVar = (typeof secrets)[number]['envVar'];

export const secretEnvVar = (name: SecretName): SecretEnvVar => {
  const secret = secrets.find((s) => s.name === name);
  if (!secret) throw new Error(`Unknown secret ${name}`);
  return secret.envVar;
};
