// The PopulationData port and its one adapter: the national data-sharing platform's HTTP JSON API
// (docs/identity.md "Population data"). `GET <base>/v1/citizens/{idNumber}` reads a person of the
// national population database, `GET <base>/v1/enterprises/{code}` a business of the national
// business register, both with the portal's key in `x-api-key`. Locally the base URL is the VNeID
// sandbox's seeded records; in AWS the platform the deployment is registered with.
//
// A 404 is "no such record" (null). Anything else that is not a well-formed 200 — a refused
// connection, a timeout, a 5xx, a body of another shape, a missing key — is 503
// POPULATION_UNAVAILABLE: the applicant can try again later. Logs carry the status or the network
// error, never the ID number, the enterprise code or a body (personal data).
import * as z from 'zod';
import { unavailable } from '../../../shared/errors/domain-error';
import { logger } from '../../../shared/http/logger';
import type { CitizenRecord, EnterpriseRecord } from '../domain/prefill';

export interface PopulationData {
  /** A person by their 12-digit personal ID number; null when the register has none. */
  citizen(idNumber: string): Promise<CitizenRecord | null>;
  /** A business by its enterprise code; null when the register has none. */
  enterprise(enterpriseCode: string): Promise<EnterpriseRecord | null>;
}

/** The platform answers within this or the read is given up (the request path waits for it). */
export const POPULATION_TIMEOUT_MS = 3_000;

const Address = z.object({
  provinceCode: z.string().optional(),
  communeCode: z.string().optional(),
  detail: z.string().optional(),
  text: z.string().min(1),
});

const Citizen = z.object({
  idNumber: z.string().regex(/^\d{12}$/),
  fullName: z.string().min(1),
  dateOfBirth: z.string(),
  sex: z.enum(['male', 'female']),
  permanentAddress: Address,
  currentAddress: Address,
  guardianIdNumber: z.string().optional(),
});

const Enterprise = z.object({
  enterpriseCode: z.string().min(1),
  name: z.string().min(1),
  address: z.union([Address, z.string().min(1)]),
  legalRepresentativeIdNumber: z.string(),
  legalRepresentativeName: z.string(),
});

const down = () => unavailable('POPULATION_UNAVAILABLE', "The national population data platform cannot be reached now; try again in a few minutes");

export interface PopulationHttpOptions {
  baseUrl: string;
  /** The portal's key for the platform (a declared secret: population-api-key). */
  apiKey: () => Promise<string>;
  timeoutMs?: number;
}

export const httpPopulationData = (options: PopulationHttpOptions): PopulationData => {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? POPULATION_TIMEOUT_MS;

  const read = async <T>(what: 'citizens' | 'enterprises', id: string, schema: z.ZodType<T>): Promise<T | null> => {
    let key: string;
    try {
      key = await options.apiKey();
    } catch (error) {
      logger.error('population data: no API key', { error: (error as Error).message });
      throw down();
    }
    let res: Response;
    try {
      res = await fetch(`${base}/v1/${what}/${encodeURIComponent(id)}`, {
        headers: { 'x-api-key': key, accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      const reason = e.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : e.cause?.code ?? e.name;
      logger.warn('population data: platform unreachable', { register: what, reason });
      throw down();
    }
    if (res.status === 404) {
      await res.arrayBuffer().catch(() => undefined);
      return null;
    }
    const body: unknown = res.ok ? await res.json().catch(() => undefined) : await res.arrayBuffer().catch(() => undefined);
    const parsed = res.ok ? schema.safeParse(body) : undefined;
    if (!parsed?.success) {
      logger.warn('population data: unexpected answer', { register: what, status: res.status, shape: parsed ? 'invalid body' : 'error status' });
      throw down();
    }
    return parsed.data;
  };

  return {
    citizen: (idNumber) => read('citizens', idNumber, Citizen),
    enterprise: (enterpriseCode) => read('enterprises', enterpriseCode, Enterprise),
  };
};
