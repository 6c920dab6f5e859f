// The demo agency system of the local runtime (docs/requirements.md R-LOCAL-SEED): key id
// `demo-hanoi-system`, secret `demo-hanoi-secret`, every agency of Hà Nội. Local only: no deployed
// stack registers it. Registered through the same registry adapter the identity function uses, so
// it is sealed with the configured AGENCY_SECRET_KEY exactly as an admin-registered system would
// be.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AgencySystemRegistry } from '../../functions/identity/adapters/registry';
import { SECRET_KEY_ENV } from '../../functions/identity/adapters/secret-sealer';
import { secretSource } from '../../shared/config';

export const DEMO_AGENCY_SYSTEM = {
  keyId: 'demo-hanoi-system',
  secret: 'demo-hanoi-secret',
  name: 'Hệ thống thông tin giải quyết TTHC thành phố Hà Nội (demo)',
  // Hà Nội People's Committee: covers the city and its communes.
  agencyCodes: ['000.00.00.H26'],
} as const;

/**
 * The local sealing key: read from `<stateDir>/agency-secret.key`, created (32 random bytes,
 * base64, mode 600) on first start, so secrets sealed before a restart still open. Without a
 * state dir (tests, in-memory runs) a fresh key is returned and nothing is written.
 * The caller puts the result in the environment as AGENCY_SECRET_KEY.
 */
export const localAgencySecretKey = (stateDir?: string): string => {
  if (!stateDir) return randomBytes(32).toString('base64');
  const file = resolve(stateDir, 'agency-secret.key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (Buffer.from(key, 'base64').length === 32) return key;
    throw new Error(`${file} does not hold a base64 32-byte key; delete it (and the DynamoDB state) to start over`);
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
};

/** Registers a system, or brings it up to date, with this secret active. Idempotent. */
export const ensureAgencySystem = async (
  system: { keyId: string; name: string; agencyCodes: readonly string[]; secret: string },
  opts: { endpointUrl: string; now?: Date; protocol?: 'json' | 'qcvn120' },
) => {
  if (!secretSource(SECRET_KEY_ENV).value) throw new Error(`${SECRET_KEY_ENV} must be set before seeding agency systems`);
  const outcome = await new AgencySystemRegistry().ensure(
    { keyId: system.keyId, name: system.name, agencyCodes: [...system.agencyCodes], endpointUrl: opts.endpointUrl, protocol: opts.protocol },
    { now: opts.now ?? new Date(), secret: system.secret },
  );
  return { keyId: system.keyId, outcome };
};

/**
 * Registers (or brings up to date) the demo agency system. Idempotent: a restart with kept state
 * writes nothing. Needs TABLE_IDENTITY and AGENCY_SECRET_KEY in the environment.
 * @param opts.endpointUrl the local receiver of outbound events, e.g. http://127.0.0.1:3000/local/agency-receiver
 */
export const seedAgencySystems = (opts: { endpointUrl: string; now?: Date }) => ensureAgencySystem(DEMO_AGENCY_SYSTEM, opts);
