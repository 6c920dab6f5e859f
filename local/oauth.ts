// The agency systems' OAuth 2.0 token endpoint on this machine (local runtime only). In AWS the
// user pool's domain answers /oauth2/token; cognito-local has no client-credentials grant and no
// resource servers, so the local gateway issues the tokens instead, with the claims Cognito puts in
// a client-credentials access token (docs/identity.md "Client-credentials tokens"):
//   POST /oauth2/token                    grant_type=client_credentials, the client by HTTP Basic
//                                         (or client_id/client_secret in the form), optional scope
//   GET  /oauth2/.well-known/jwks.json    the public key the agency authorizer verifies with
// The clients themselves are the ones the identity function made in cognito-local (one per
// registered agency system); their secret, flows and scopes are read from there. The issuer is
// `<gateway>/oauth2`, set as AGENCY_TOKEN_ISSUER for the authorizer. The signing key is kept in the
// state directory (tokens survive a restart), or in memory for tests.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand, ResourceNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { machineClients } from '../shared/platform/identity';
import type { LocalRoute } from './gateway/server';

export const OAUTH_PATH = '/oauth2';

interface SigningKey { privateJwk: JWK; publicJwk: JWK }

const signingKey = async (stateDir: string | undefined): Promise<SigningKey> => {
  const file = stateDir && join(stateDir, 'oauth-signing-key.json');
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SigningKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const key: SigningKey = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
  if (file) {
    mkdirSync(stateDir!, { recursive: true });
    writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
};

/** Client id and secret from HTTP Basic (RFC 6749 §2.3.1, form-encoded parts) or the form. */
const clientCredentials = (authorization: string | undefined, form: URLSearchParams) => {
  const basic = /^Basic (.+)$/i.exec(authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : undefined;
};

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const localTokenEndpoint = async (opts: { issuer: () => string; userPoolId: string; stateDir?: string }) => {
  const key = await signingKey(opts.stateDir);
  const privateKey = await importJWK(key.privateJwk, 'RS256');
  const idp = new CognitoIdentityProviderClient({});

  const route: LocalRoute = async (req, res, body, url) => {
    if (!url.pathname.startsWith(`${OAUTH_PATH}/`)) return false;
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(value));
      return true;
    };
    if (url.pathname === `${OAUTH_PATH}/.well-known/jwks.json` && req.method === 'GET') return reply(200, { keys: [key.publicJwk] });
    if (url.pathname !== `${OAUTH_PATH}/token`) return reply(404, { error: 'not_found' });
    if (req.method !== 'POST') return reply(405, { error: 'invalid_request' });

    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials') return reply(400, { error: 'unsupported_grant_type' });
    const credentials = clientCredentials(req.headers.authorization, form);
    if (!credentials) return reply(401, { error: 'invalid_client' });
    const client = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: opts.userPoolId, ClientId: credentials.id }))
      .then((out) => out.UserPoolClient, (e: unknown) => {
        if (e instanceof ResourceNotFoundException || (e as Error).name === 'ResourceNotFoundException') return undefined;
        throw e;
      });
    if (!client?.ClientSecret || !same(client.ClientSecret, credentials.secret)) return reply(401, { error: 'invalid_client' });
    if (!client.AllowedOAuthFlowsUserPoolClient || !client.AllowedOAuthFlows?.includes('client_credentials')) {
      return reply(400, { error: 'unauthorized_client' });
    }
    const allowed = client.AllowedOAuthScopes ?? [];
    const requested = form.get('scope')?.split(' ').filter(Boolean);
    if (requested?.some((s) => !allowed.includes(s))) return reply(400, { error: 'invalid_scope' });
    const scopes = requested?.length ? requested : allowed;

    const minutes = client.AccessTokenValidity ?? machineClients.accessTokenValidityMinutes;
    const now = Math.floor(Date.now() / 1000);
    // The claims of a Cognito client-credentials access token (no `aud`: the client id is the audience).
    const accessToken = await new SignJWT({ client_id: credentials.id, token_use: 'access', scope: scopes.join(' '), auth_time: now, version: 2 })
      .setProtectedHeader({ alg: 'RS256', kid: key.publicJwk.kid })
      .setIssuer(opts.issuer())
      .setSubject(credentials.id)
      .setIssuedAt(now)
      .setExpirationTime(now + minutes * 60)
      .setJti(randomUUID())
      .sign(privateKey);
    return reply(200, { access_token: accessToken, expires_in: minutes * 60, token_type: 'Bearer' });
  };
  return { route, privateJwk: key.privateJwk };
};
