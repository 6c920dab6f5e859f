// Every declared route, asked by every kind of caller about things that do not exist, with a body
// of the wrong shape: whatever each answers must be a 4xx (or a 2xx for a read with nothing to
// find), never a 5xx, and in the contract's terms (the fetch check, test/support/conformance.ts).
// Unknown ids and an array where an object belongs change nothing, so this runs beside any test.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { platform, type RouteDecl } from '../../shared/platform';
import { api, signIn, signedApi } from '../support/auth';
import { pool } from '../support/pool';
import { ContractMismatch } from '../support/conformance';

const HANOI_SYSTEM = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const USERS = ['citizen.demo', 'official.hanoi', 'admin.demo'] as const;
const CONCURRENCY = 6;

/** A value of the right look for no such thing: a fresh UUID, or junk a parameter schema refuses. */
const fill = (route: RouteDecl, value: () => string) =>
  route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(value()));

describe('every route answers requests about nothing in the contract, never with a 5xx', () => {
  const tokens: (string | undefined)[] = [undefined];
  beforeAll(async () => {
    tokens.push(...(await Promise.all(USERS.map((u) => signIn(u)))));
  });

  it(`${platform.routes.length} routes × (anonymous, ${USERS.length} users, a signed agency system) × (unknown id, junk id)`, async () => {
    const tasks = platform.routes.flatMap((route) => {
      const paths = [...new Set([fill(route, randomUUID), fill(route, () => '%%junk%%')])];
      const json = route.request.body ? [] : undefined;
      return paths.flatMap((path) => [
        ...tokens.map((token) => () => api(route.method, path, { token, json })),
        () => signedApi(route.method, path, { ...HANOI_SYSTEM, json }),
      ].map((call) => async () => {
        try {
          return { route: route.id, path, res: await call() };
        } catch (e) {
          // A contract mismatch: collected, so one run lists every route's.
          if (e instanceof ContractMismatch) return { route: route.id, path, mismatch: e.message };
          throw e;
        }
      }));
    });
    const answers = await pool(tasks, CONCURRENCY);
    expect(answers.flatMap((a) => a.mismatch ?? [])).toEqual([]);
    const statuses = answers.flatMap((a) => (a.res ? [a.res.status] : []));
    expect(answers.filter((a) => a.res && a.res.status >= 500).map((a) => `${a.route} ${a.path}: ${a.res!.status} ${JSON.stringify(a.res!.body)}`)).toEqual([]);
    console.log(`contract sweep: ${answers.length} requests, statuses ${[...new Set(statuses)].sort().join(', ')}`);
  });
});
