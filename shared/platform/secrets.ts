import type { SecretDecl } from './types';

export const secrets = [
  {
    name: 'agency-secret-key',
    description: 'Key material that seals agency-system HMAC secrets at rest (functions/identity/adapters/secret-sealer.ts)',
    envVar: 'AGENCY_SECRET_KEY',
  },
] as const satisfies readonly SecretDecl[];
