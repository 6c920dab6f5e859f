import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as catalogue from '../functions/catalogue/adapters/catalogue-store';
import * as dossierStore from '../functions/dossiers/adapters/dossier-store';
import * as dossier from '../functions/dossiers/domain/dossier';
import * as dossierCode from '../functions/dossiers/domain/dossier-code';
import { listShardPk } from '../functions/dossiers/domain/list-shards';
import * as evaluation from '../functions/evaluation/adapters/evaluation-store';
import * as identity from '../functions/identity/adapters/registry';
import * as notifications from '../functions/notifications/adapters/notification-log';
import * as payments from '../functions/payments/adapters/payment-store';
import * as ratings from '../functions/ratings/adapters/rating-store';
import * as syncStore from '../functions/sync/adapters/sync-store';
import * as systemStats from '../functions/sync/adapters/system-stats';
import * as outbound from '../functions/sync/domain/outbound';
import { keyRecordKey } from '../shared/idempotency/dynamo-key-record';
import { platform } from '../shared/platform';

const tsFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

describe('docs/api.md', () => {
  it('lists every declared route, and no route that is not declared', () => {
    const doc = readFileSync('docs/api.md', 'utf8');
    const listed = [...doc.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    const declared = platform.routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(listed)).toEqual(new Set(declared));
  });
});

// The repository stands on its own: the rules the code follows are in docs/requirements.md, cited
// by id (`R-DOSSIER-CODE`) or by anchor (`docs/requirements.md#r-dossier-code`).
describe('docs/requirements.md', () => {
  /** Every tracked text file (binary files — images, fonts — are skipped). */
  const trackedTexts = (): { path: string; text: string }[] =>
    execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\0')
      .filter(Boolean)
      .flatMap((path) => {
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch {
          return []; // deleted in the work tree, not yet in the index
        }
        return bytes.includes(0) ? [] : [{ path, text: bytes.toString('utf8') }];
      });
  const files = trackedTexts();

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
  const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
  const requirements = readFileSync('docs/requirements.md', 'utf8');
  const headings = [...requirements.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1] ?? '');
  const anchors = new Set(headings.map(slug));
  const ids = headings.filter((h) => /^R-[A-Z0-9-]+$/.test(h));

  // Written so that this file does not match itself.
  const section = '\u00a7';
  const forbidden = [`SPEC ${section}`, '../shared/' + 'SPEC', 'SPEC' + '.md'];

  it('is where requirements are defined: ids as headings, each once', () => {
    expect(ids.length).toBeGreaterThan(50);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^R-[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/);
  });

  it('no tracked file cites the product specification outside the repository', () => {
    const offending = files.flatMap(({ path, text }) =>
      text.split('\n').flatMap((line, i) => (forbidden.some((f) => line.includes(f)) ? [`${path}:${i + 1}: ${line.trim()}`] : [])));
    expect(offending).toEqual([]);
  });

  it('every requirement id cited anywhere is defined there', () => {
    const defined = new Set(ids);
    const unknown = files.flatMap(({ path, text }) =>
      [...text.matchAll(/\bR-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\b/g)].filter((m) => !defined.has(m[0])).map((m) => `${path}: ${m[0]}`));
    expect(unknown).toEqual([]);
  });

  it('every link to an anchor of requirements.md names a heading', () => {
    const cited = files.flatMap(({ path, text }) => [
      ...[...text.matchAll(/requirements\.md#([\p{L}\p{N}_-]+)/gu)].map((m) => ({ path, anchor: m[1] ?? '' })),
      ...(path === 'docs/requirements.md' ? [...text.matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => ({ path, anchor: m[1] ?? '' })) : []),
    ]);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter(({ anchor }) => !anchors.has(anchor))).toEqual([]);
  });

  it('is linked from the README, and the glossary from it', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('docs/requirements.md');
    expect(requirements).toContain('(glossary.md)');
  });
});

// docs/data-model.md states each table's keys, GSIs and item key formats: they must be the
// declaration's (shared/platform/tables.ts) and what the adapters' key builders really write.
describe('docs/data-model.md', () => {
  const doc = readFileSync('docs/data-model.md', 'utf8');
  /** `## \`dossiers\` table (pk, sk; TTL \`expiresAt\`; stream NEW_IMAGE)` and the text up to the next `## `. */
  const sections = new Map([...doc.matchAll(/^## `([a-z-]+)` table \(([^)]*)\)\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)]
    .map((m) => [m[1]!, { header: m[2]!, body: m[3]! }] as const));
  const spans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  /** A documented key format as a pattern: `<…>` is any text, `a\|b` either word. */
  const patternOf = (format: string) => new RegExp(`^${format
    .replace(/<[^>]*>/g, '\u0000')
    .split('\u0000')
    .map((literal) => literal.replace(/[.*+?^${}()[\]\\]/g, '\\$&').replace(/([\w-]+)\\\\\|([\w-]+)/g, '(?:$1|$2)'))
    .join('.+')}$`);
  /** A key with a prefix (`DOSSIER_SEQ#…`) is held to the formats with that prefix, not to `<a>#<b>`. */
  const prefixOf = (text: string) => /^[A-Z][A-Z0-9_]*#/.exec(text)?.[0];
  const documents = (table: string, key: string) => spans(sections.get(table)!.body)
    .filter((format) => !prefixOf(key) || prefixOf(format) === prefixOf(key))
    .some((format) => patternOf(format).test(key));
  /** Key prefixes (`DOSSIER_SEQ#`) quoted in a capability's source. */
  const prefixesOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/[`'"]([A-Z][A-Z0-9_]*#)/g)].map((m) => m[1]!);
  /** The shared modules a file imports (shared/idempotency writes its key records into the capability's table). */
  const sharedImports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/\bfrom\s+['"](\.[^'"]*\/shared\/[^'"]+)['"]/g)]
    .map((m) => `${resolve(dirname(file), m[1]!)}.ts`).filter((target) => existsSync(target));
  /** Prefixes the code under `dir` writes, itself or through the shared modules it imports; its tests and fixtures write none. */
  const prefixesIn = (dir: string) => {
    const code = tsFiles(dir).filter((file) => !/\.(test|fixture)\.ts$/.test(file));
    return new Set([...code, ...code.flatMap(sharedImports)].flatMap(prefixesOf));
  };

  it('has a section for every declared table, with its keys, TTL and stream', () => {
    expect([...sections.keys()].sort()).toEqual(platform.tables.map((t) => t.name).sort());
    const headers = platform.tables.map((t) => [t.name, sections.get(t.name)?.header]);
    const declared = platform.tables.map((t) => [t.name, [
      [t.partitionKey.name, ...('sortKey' in t && t.sortKey ? [t.sortKey.name] : [])].join(', '),
      ...('ttlAttribute' in t && t.ttlAttribute ? [`TTL \`${t.ttlAttribute}\``] : []),
      ...('stream' in t && t.stream ? [`stream ${t.stream}`] : []),
    ].join('; ')]);
    expect(headers).toEqual(declared);
  });

  it('names each table\'s GSIs, with their key attributes, as declared (and the adapters query only those)', () => {
    const problems = platform.tables.flatMap((t) => {
      const body = sections.get(t.name)!.body;
      const declared = ('globalIndexes' in t ? t.globalIndexes : undefined) ?? [];
      const named = new Set(spans(body).filter((s) => /^by[A-Z]\w*$/.test(s)));
      const queried = tsFiles(`functions/${t.name}`).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/['"](by[A-Z]\w*)['"]/g)].map((m) => m[1]!));
      return [
        ...declared.filter((g) => !named.has(g.name)).map((g) => `${t.name}: ${g.name} not documented`),
        ...[...named].filter((n) => !declared.some((g) => g.name === n)).map((n) => `${t.name}: ${n} documented, not declared`),
        ...declared.flatMap((g) => [g.partitionKey, ...('sortKey' in g && g.sortKey ? [g.sortKey] : [])]
          .filter((key) => !spans(body).includes(key.name)).map((key) => `${t.name}: ${g.name}'s ${key.name} not documented`)),
        ...queried.filter((n) => !declared.some((g) => g.name === n)).map((n) => `${t.name}: the adapters query ${n}, not declared`),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('lists exactly the key prefixes each table\'s capability writes', () => {
    // What only the local seed writes (the evaluation table's seed marker) is documented too.
    const seeded = prefixesIn('local/seed');
    const problems = platform.tables.flatMap((t) => {
      const documented = new Set(spans(sections.get(t.name)!.body).flatMap((s) => [...s.matchAll(/(?<![\w#])([A-Z][A-Z0-9_]*#)/g)].map((m) => m[1]!)));
      const written = prefixesIn(`functions/${t.name}`);
      return [
        ...[...written].filter((p) => !documented.has(p)).map((p) => `${t.name}: ${p} written, not documented`),
        ...[...documented].filter((p) => !written.has(p) && !seeded.has(p)).map((p) => `${t.name}: ${p} documented, not written`),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('documents the keys the key builders make', () => {
    const at = new Date('2026-11-22T03:04:05Z');
    const record = { id: 'd1', dueAt: '2026-12-01T10:00:00.000Z', submittedAt: '2026-11-22T03:04:05.000Z', createdAt: '2026-11-20T01:00:00.000Z' };
    const keys: [table: string, key: string][] = [
      ['catalogue', catalogue.catPk('agencies')], ['catalogue', catalogue.parentPk('agencies', '01')],
      ['catalogue', catalogue.PROCEDURE_PK], ['catalogue', catalogue.VERSION_KEY.pk], ['catalogue', catalogue.VERSION_KEY.sk],
      ['identity', identity.systemPk('demo-hanoi-system')], ['identity', identity.noncePk('demo-hanoi-system', 'ab'.repeat(32))],
      ['dossiers', dossier.dossierPk('d1')], ['dossiers', dossier.META_SK], ['dossiers', dossier.historySk(7)],
      ['dossiers', dossierCode.counterKey('000.00.00.H26', at)], ['dossiers', dossierStore.codeClaimPk('000.00.00.H26-261122-0001')],
      ['dossiers', dossier.applicantIndexPk('sub-1')], ['dossiers', dossier.queueIndexPk('000.00.00.H26', true)],
      ['dossiers', dossier.queueIndexPk('000.00.00.H26', false)], ['dossiers', dossier.statusIndexPk('000.00.00.H26', 'received')],
      ['dossiers', listShardPk(dossier.queueIndexPk('000.00.00.H17', true), 3)], ['dossiers', listShardPk(dossier.statusIndexPk('000.00.00.H17', 'received'), 1)],
      ['dossiers', dossier.queueSortKey(record)], ['dossiers', dossier.queueSortKey({ ...record, dueAt: null })],
      ['notifications', notifications.notificationPk('d1')], ['notifications', notifications.dayPk('2026-11-22')],
      ['notifications', notifications.notificationSk({ eventVersion: 3, kind: 'receipt', channel: 'email' })],
      ['payments', payments.orderPk('o1')], ['payments', payments.ORDER_SK], ['payments', payments.roundKey('d1', 2).pk],
      ['payments', payments.roundKey('d1', 2).sk], ['payments', keyRecordKey('sub-1', 'k').pk], ['payments', keyRecordKey('sub-1', 'k').sk],
      ['payments', payments.callbackKey('vnpay', 'e1').pk], ['payments', payments.callbackKey('vnpay', 'e1').sk],
      ['payments', payments.paidDayKey('vnpay', '2026-11-22T03:04:05Z')],
      // Every shard (shard 0 is the unsuffixed key): eight ids reach them all.
      ...Array.from({ length: 8 }, (_, i): [string, string] => ['payments', payments.paidDayShardKey('vnpay', '2026-11-22T03:04:05Z', `o${i}`)]),
      ...Array.from({ length: 8 }, (_, i): [string, string] => ['sync', outbound.outboxShardPk('sync-000.00.00.H17', `d${i}`)]),
      ['ratings', ratings.ratingKey('d1').pk], ['ratings', ratings.ratingKey('d1').sk], ['ratings', ratings.aggregateKey('000.00.00.H26', '2026-11').pk],
      ['sync', outbound.outboxPk('demo-hanoi-system')], ['sync', outbound.outboxSk({ at: '2026-11-22T03:04:05Z', dossierId: 'd1', version: 3 })],
      ['sync', systemStats.systemStatsKey('demo-hanoi-system', 3).pk], ['sync', systemStats.systemStatsKey('demo-hanoi-system', 3).sk],
      ['sync', syncStore.reportedCounterKey('000.00.00.H26', '000.00.00.H26-261122-0001', '2026-11').pk],
      ['sync', syncStore.reportedCounterKey('000.00.00.H26', '000.00.00.H26-261122-0001', '2026-11').sk],
      ['evaluation', evaluation.dfKey('d1').pk], ['evaluation', evaluation.dfKey('d1').sk], ['evaluation', evaluation.aggKey('000.00.00.H26', '2026-11').pk],
      ['evaluation', evaluation.aggKey('000.00.00.H26', '2026-11', 3).pk],
      ['evaluation', evaluation.rankingSk('province', null)], ['evaluation', evaluation.rankingSk('commune', '01')],
      ['evaluation', evaluation.chunkSk(evaluation.rankingSk('commune', '01'), 'g1', 2)],
      ['evaluation', evaluation.recomputeKey('r1').pk], ['evaluation', evaluation.recomputeKey('r1').sk],
    ];
    expect(keys.filter(([table, key]) => !documents(table, key)).map(([table, key]) => `${table}: ${key}`)).toEqual([]);
  });
});
