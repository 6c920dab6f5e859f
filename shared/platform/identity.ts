// The user pool, declared once: the CDK identity stack and the local runtime (cognito-local)
// both build it from here (docs/requirements.md R-CAP-IDENTITY).
import { GROUPS } from './types';

export const userPool = {
  name: 'dvc-portal-users',
  groups: GROUPS,
  /** Custom attributes; tokens carry them as `custom:<name>` (see shared/auth/principal.ts). */
  customAttributes: [
    { name: 'id_number', type: 'String', minLength: 12, maxLength: 12, userWritable: false },
    { name: 'enterprise_code', type: 'String', minLength: 10, maxLength: 14, userWritable: false },
    { name: 'vneid_verified', type: 'String', minLength: 4, maxLength: 5, userWritable: false },
    { name: 'agency_scope', type: 'String', minLength: 1, maxLength: 2048, userWritable: false },
  ],
  passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
  webClient: {
    name: 'dvc-portal-web',
    authFlows: ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'] as const,
    idTokenValidityMinutes: 60,
    refreshTokenValidityDays: 30,
  },
} as const;
