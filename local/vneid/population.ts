// The population data-sharing sandbox (docs/identity.md "VNeID sandbox (local)"): the seeded
// records as the national data-sharing platform would give them, under `/population`.
//   GET /population/v1/citizens/{idNumber}          200 a citizen's record, 404 unknown
//   GET /population/v1/enterprises/{enterpriseCode} 200 an enterprise's record, 404 unknown
// Every request needs the sandbox's API key in `x-api-key` (401 without it or with another).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Identities } from './identities';

export const POPULATION_PATH = '/population';

const send = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
};
const error = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message } });

const sameKey = (given: string | string[] | undefined, expected: string) => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Answers a request under `/population`. */
export const populationRoute = (ids: Identities, apiKey: string) => (req: IncomingMessage, res: ServerResponse, url: URL) => {
  if (!sameKey(req.headers['x-api-key'], apiKey)) return error(res, 401, 'UNAUTHORIZED', 'x-api-key is missing or is not the sandbox\'s API key');
  const match = /^\/population\/v1\/(citizens|enterprises)\/([^/]+)$/.exec(url.pathname);
  if (!match) return error(res, 404, 'NOT_FOUND', `No such resource: ${url.pathname}`);
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(res, 405, 'METHOD_NOT_ALLOWED', 'Only GET is allowed');
  const [, collection, key] = match as unknown as [string, 'citizens' | 'enterprises', string];
  const record = collection === 'citizens' ? ids.citizenRecord(key) : ids.enterpriseRecord(key);
  if (!record) {
    const what = collection === 'citizens' ? 'citizen with ID number' : 'enterprise with code';
    return error(res, 404, 'NOT_FOUND', `No ${what} ${key} in the population sandbox`);
  }
  send(res, 200, record);
};
