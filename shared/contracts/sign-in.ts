// Sign-in of citizens and businesses through VNeID (docs/identity.md "Sign-in through VNeID").
import * as z from 'zod';
import { IsoDateTime } from './common';

export const StartVneidSignIn = z
  .object({
    loginHint: z
      .string()
      .regex(/^(\d{12}|\d{10}(-?\d{3})?)$/, 'a 12-digit ID number, or a 10-digit enterprise code with an optional branch suffix (-NNN)')
      .optional()
      .describe('Passed to VNeID as login_hint: whom the sign-in is for (the sandbox signs such a person in without asking)'),
  })
  .strict()
  .meta({ id: 'StartVneidSignIn' });

export const VneidAuthorization = z
  .object({
    authorizationUrl: z.url().describe('Where to send the browser: the VNeID sign-in page, with this sign-in\'s state, nonce and PKCE challenge'),
    expiresAt: IsoDateTime.describe('The sign-in must come back before then'),
  })
  .meta({ id: 'VneidAuthorization' });

export const CompleteVneidSignIn = z
  .object({
    code: z.string().min(1).max(2048).describe('The authorization code VNeID sent the browser back with'),
    state: z.string().min(16).max(512).describe('The state VNeID sent back, unchanged'),
  })
  .strict()
  .meta({ id: 'CompleteVneidSignIn' });

export const PortalTokens = z
  .object({
    idToken: z.string().describe('The portal\'s ID token (Cognito): the bearer token of the API'),
    accessToken: z.string(),
    refreshToken: z.string().describe('For Cognito REFRESH_TOKEN_AUTH with the web client'),
    expiresIn: z.number().int().positive().describe('Seconds the ID and access tokens live'),
  })
  .meta({ id: 'PortalTokens' });
