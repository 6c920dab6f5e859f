// What the VNeID sandbox keeps across restarts: its ID-token signing key (a private JWK), the
// portal's client secret and the population API key. Generated once and kept in
// `<stateDir>/vneid-sandbox.json` (mode 600); without a state dir (tests) they live in memory only.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';

export const SIGNING_ALG = 'RS256';
export const STATE_FILE = 'vneid-sandbox.json';

const SandboxState = z.object({
  signingKey: z.looseObject({ kty: z.literal('RSA'), kid: z.string().min(1), d: z.string().min(1), alg: z.literal(SIGNING_ALG) }),
  clientSecret: z.string().regex(/^[0-9a-f]{64}$/),
  populationApiKey: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SandboxState = z.infer<typeof SandboxState>;

const newSigningKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALG, use: 'sig' };
};

const newState = async (): Promise<SandboxState> => SandboxState.parse({
  signingKey: await newSigningKey(),
  clientSecret: randomBytes(32).toString('hex'),
  populationApiKey: randomBytes(32).toString('hex'),
});

/** The sandbox's keys and secrets: read from the state dir, or generated (and written there once). */
export const sandboxState = async (stateDir?: string): Promise<SandboxState> => {
  if (!stateDir) return newState();
  const file = resolve(stateDir, STATE_FILE);
  if (existsSync(file)) {
    const kept = SandboxState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (kept.success) return kept.data;
    throw new Error(`${file} is not a VNeID sandbox state file; delete it to start over (the portal's VNeID settings follow)`);
  }
  const state = await newState();
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and renamed: a crash mid-write never leaves half a key.
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return state;
};
