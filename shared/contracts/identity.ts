// Agency systems (docs/requirements.md R-SIGN-REGISTRY): admin registry routes and the signed whoami route.
import * as z from 'zod';
import { Cursor, IsoDateTime, Limit, page } from './common';

/** Same rule as KEY_ID_PATTERN in shared/auth/agency-signature.ts (a test keeps them equal). */
export const AGENCY_KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
export const AgencyKeyId = z
  .string()
  .regex(AGENCY_KEY_ID_PATTERN, '3-64 letters, digits, dot, dash or underscore, starting with a letter or digit')
  .describe('Key id the agency system sends in x-dvc-key-id');

export const SecretId = z.string().regex(/^sec-[0-9a-f]{12}$/, 'a secret id such as sec-0123456789ab');

export const AgencyCodeRef = z.string().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'an agency code such as 000.00.00.H26');

/**
 * How the portal speaks to a system's endpoint (docs/sync.md "Outbound"): `json` its own signed
 * events, `qcvn120` the packets of the national standard QCVN 120 (docs/requirements.md R-QCVN120).
 */
export const AGENCY_PROTOCOLS = ['json', 'qcvn120'] as const;
export const AgencyProtocol = z.enum(AGENCY_PROTOCOLS);
export type AgencyProtocol = z.infer<typeof AgencyProtocol>;

export const RegisterAgencySystem = z
  .object({
    keyId: AgencyKeyId,
    name: z.string().trim().min(1).max(300),
    agencyCodes: z
      .array(AgencyCodeRef)
      .min(1)
      .max(200)
      .refine((codes) => new Set(codes).size === codes.length, 'agency codes must be distinct')
      .describe('Agencies the system may speak for; a province code covers its communes'),
    endpointUrl: z
      .url({ protocol: /^https$/ })
      .max(2048)
      .describe('HTTPS endpoint that receives the portal\'s signed outbound events'),
    protocol: AgencyProtocol.default('json')
      .describe('What the pushes are: `json` the portal\'s own events (default), `qcvn120` the packets of QCVN 120:2019/BTTTT'),
  })
  .strict()
  .meta({ id: 'RegisterAgencySystem' });
export type RegisterAgencySystem = z.infer<typeof RegisterAgencySystem>;

export const AgencySecretInfo = z.object({
  id: SecretId,
  createdAt: IsoDateTime,
  status: z.enum(['active', 'revoked']),
  revokedAt: IsoDateTime.optional(),
});

export const AgencySystem = z
  .object({
    keyId: AgencyKeyId,
    name: z.string(),
    agencyCodes: z.array(z.string()),
    endpointUrl: z.string(),
    protocol: AgencyProtocol,
    secrets: z.array(AgencySecretInfo).describe('Secret ids and states; secret values are never returned again'),
    oauthClientId: z.string().optional().describe('The system\'s OAuth 2.0 app client (client credentials), when the portal has a token endpoint'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'AgencySystem' });

export const IssuedAgencySecret = z
  .object({
    id: SecretId,
    secret: z.string().describe('Shown once: only a sealed copy is stored'),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'IssuedAgencySecret' });

export const IssuedOAuthClient = z
  .object({
    clientId: z.string(),
    clientSecret: z.string().describe('Shown in this answer only'),
    tokenUrl: z.string().describe('POST grant_type=client_credentials here (HTTP Basic with the client id and secret) for an access token'),
    scopes: z.array(z.string()).describe('Scopes the client may ask for: dvc/sync.write, dvc/sync.read, dvc/catalogue.read'),
  })
  .meta({ id: 'IssuedOAuthClient' });

export const RegisteredAgencySystem = z
  .object({
    system: AgencySystem,
    secret: IssuedAgencySecret,
    oauthClient: IssuedOAuthClient.optional().describe('Client credentials for OAuth 2.0 tokens, the alternative to HMAC signatures (docs/identity.md)'),
  })
  .meta({ id: 'RegisteredAgencySystem' });

export const RotatedAgencySecret = z
  .object({
    system: AgencySystem,
    secret: IssuedAgencySecret,
    revokedSecretIds: z.array(SecretId).describe('Oldest active secrets revoked to keep at most two active'),
  })
  .meta({ id: 'RotatedAgencySecret' });

export const AgencySystemParams = z.object({ keyId: AgencyKeyId });
export const AgencySecretParams = z.object({ keyId: AgencyKeyId, secretId: SecretId });
export const AgencySystemListQuery = z.object({ limit: Limit, cursor: Cursor });
export const AgencySystemPage = page(AgencySystem).meta({ id: 'AgencySystemPage' });

export const AgencyWhoAmI = z
  .object({ keyId: AgencyKeyId, agencyCodes: z.array(z.string()) })
  .meta({ id: 'AgencyWhoAmI' });

