// `npm start` as a newcomer runs it: a fresh state dir, the portal answers, SIGTERM leaves no
// process behind, and a restart keeps the seeded state instead of seeding again.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/emulators/ports';
import { scratchStateDir } from '../support/state-dir';

const stateDir = scratchStateDir('dvc-start-');
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const start = async (port: number, args: string[] = []) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
    env: { ...process.env, PORT: String(port), DVC_STATE_DIR: stateDir, LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 150_000;
  while (!output.includes('dvc-portal is running')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
};

/** The VNeID sandbox the banner names: its discovery answers, and the kid of its signing key. */
const vneidKid = async (banner: string) => {
  const discoveryUrl = /VNeID +(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration)/.exec(banner)?.[1];
  expect(discoveryUrl, 'the banner names the VNeID sandbox').toBeDefined();
  const discovery = (await (await fetch(discoveryUrl!)).json()) as { issuer: string; jwks_uri: string };
  expect(discoveryUrl).toBe(`${discovery.issuer}/.well-known/openid-configuration`);
  const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] };
  return jwks.keys[0]!.kid;
};

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

/** Processes whose command line names our state dir: the emulators started for it. */
const processesUsingStateDir = () => {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(stateDir) && !line.includes('ps -eo'));
};

describe('npm start', () => {
  it('serves the catalogue, stops cleanly on SIGTERM, and keeps state across a restart', async () => {
    const port = await freePort();
    const first = await start(port, ['--fresh']);
    expect(first.output()).toMatch(/citizen\.demo/);
    const res = await fetch(`http://127.0.0.1:${port}/v1/procedures?q=dang%20ky%20khai%20sinh`);
    const body = (await res.json()) as { items: { code: string; name: string }[] };
    expect(res.status).toBe(200);
    expect(body.items[0]!.name.toLowerCase()).toContain('đăng ký khai sinh');
    // The web front end is served at `/` (its pages too), and the banner says so.
    expect(first.output()).toContain(`Portal      http://127.0.0.1:${port}/`);
    for (const path of ['/', '/thu-tuc/1.001193', '/can-bo']) {
      const page = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<div id="app">');
    }
    // The banner names the local-only pages a newcomer looks at, and they answer.
    for (const path of ['/local/outbox', '/local/payments/sandbox/transactions', '/local/agency-receiver']) {
      expect(first.output()).toContain(`http://127.0.0.1:${port}${path}`);
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(200);
    }
    // The VNeID sandbox, its signing key kept in the state dir across the restart below.
    const kid = await vneidKid(first.output());
    // Months of generated activity: last month's ranking of the 34 provinces, with differing scores.
    expect(first.output()).toMatch(/seeded \d+ dossiers of activity in \d{4}-\d{2}…\d{4}-\d{2}/);
    const local = new Date(Date.now() + 7 * 3_600_000);
    const m = local.getUTCFullYear() * 12 + local.getUTCMonth() - 1;
    const lastMonth = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    const ranking = (await (await fetch(`http://127.0.0.1:${port}/v1/indices?period=${lastMonth}&level=province`)).json()) as { items: { total: number; band: string }[] };
    const totals = ranking.items.map((i) => i.total);
    expect(totals).toHaveLength(34);
    expect(new Set(totals).size).toBeGreaterThan(30);
    expect(Math.max(...totals) - Math.min(...totals)).toBeGreaterThan(10);
    expect(totals.every((t) => t > 40 && t < 100)).toBe(true);
    expect(processesUsingStateDir().length).toBeGreaterThan(0);
    expect(await stop(first.child)).toBe(0);
    expect(processesUsingStateDir()).toEqual([]);

    const second = await start(port);
    expect(second.output()).toContain('catalogue present: not seeded again');
    expect(second.output()).toMatch(/activity of \d{4}-\d{2}…\d{4}-\d{2} present: not seeded again/);
    expect(await vneidKid(second.output())).toBe(kid);
    const again = await fetch(`http://127.0.0.1:${port}/v1/procedures/1.001193`);
    expect(again.status).toBe(200);
    expect(await stop(second.child)).toBe(0);
    expect(processesUsingStateDir()).toEqual([]);
  }, 400_000);
});
