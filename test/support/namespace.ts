// Each integration file's own corner of the shared runtime (test/README.md "Namespaces").
//
// Every file of the `portal` project runs against ONE local runtime (test/global-setup.ts), two
// files at a time: what one file writes, the others read. A file whose assertions count something
// — an agency's dossiers in a month (the statistics and the index), its work queue, its day's code
// sequence, its ratings — therefore works in agencies nobody else uses, whatever months it picks:
//
//   const ns = fileNamespace(import.meta.url);
//   const COMMUNE = ns.agency();          // a Hà Nội commune of this file's own
//   const QUEUE = ns.agency('queue');     // another one, for a second count
//   const YEAR = ns.year();               // a past year whose index periods are this file's
//   headers: { 'idempotency-key': ns.key('draft') }
//
// The agencies come from a pool of test communes the global setup loads into the catalogue (the
// catalogue's own bulk loader) before any test runs, so every capability's caches already hold them
// (the index keeps the agency list for minutes). Whole-portal computations (the index of a period
// for every agency) cannot be split by agency: a file that needs a period nobody else computes
// claims a past year (`ns.year()`). A file claims per label, atomically (an exclusive file create
// in a directory the global setup hands out), so two files never get the same agency or year.
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as z from 'zod';
import type { Agency } from '../../shared/contracts/catalogue';

/** The environment variable naming the directory of the run's agency claims (set by runtime-env.ts). */
export const NAMESPACE_DIR_ENV = 'DVC_TEST_NAMESPACE_DIR';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Hà Nội: official.hanoi's scope and the demo Hà Nội agency system's, so both act on the pool's communes. */
export const POOL_PARENT = '000.00.00.H26';
/** Communes in the pool; a file takes one per label it asks for. Raise it when a run reports it exhausted. */
export const POOL_SIZE = 24;

/** The pool: communes of Hà Nội with codes no real commune has (the seed's run up to 000.00.10489.H26). */
export const poolAgencies = (): z.infer<typeof Agency>[] => Array.from({ length: POOL_SIZE }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  const code = `000.00.990${n}.H26`;
  return {
    id: code, code, name: `UBND Phường Thử Nghiệm ${n}, Thành phố Hà Nội`, level: 'commune',
    parentCode: POOL_PARENT, provinceCode: '01', administrativeUnitCode: null,
    note: 'A test commune (test/support/namespace.ts): one test file has it to itself.',
  };
});

const claimsDir = () => {
  const dir = process.env[NAMESPACE_DIR_ENV];
  if (!dir) throw new Error(`${NAMESPACE_DIR_ENV} is not set: run the file through vitest's portal project (test/global-setup.ts)`);
  return dir;
};

/** The item of `pool` that `owner` holds, claiming a free one the first time; the same one on every later call. */
const claim = (kind: string, pool: readonly string[], owner: string): string => {
  const dir = claimsDir();
  const path = (item: string) => join(dir, `${kind}-${item}`);
  for (const item of pool) {
    try {
      if (readFileSync(path(item), 'utf8') === owner) return item;
    } catch { /* not claimed yet */ }
  }
  for (const item of pool) {
    let fd: number;
    try {
      fd = openSync(path(item), 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    writeSync(fd, owner);
    closeSync(fd);
    return item;
  }
  const holders = readdirSync(dir).filter((name) => name.startsWith(`${kind}-`)).map((name) => `${name}: ${readFileSync(join(dir, name), 'utf8')}`);
  throw new Error(`Every test ${kind} of the pool is claimed; make the pool larger in test/support/namespace.ts.\n${holders.join('\n')}`);
};

/**
 * Past years a file may have to itself: the index of each of their months, quarters and of the year
 * is computed, stored and read by that file only. 2022 is left out: the index starts in July 2022
 * (a 2022 year or first half is PERIOD_BEFORE_INDEX).
 */
export const POOL_YEARS = [2023, 2024, 2025] as const;

/**
 * A past year whose index no test computes: a file that only dates its own agency's data in the past
 * (dossiers of record it compares field by field) and computes no whole-portal figure dates it in
 * the second half of 2022 (the index starts in July 2022), leaving the pool's years to the files
 * that compute theirs.
 */
export const UNSCORED_YEAR = 2022;

export interface TestNamespace {
  /** The file, relative to the repository root. */
  readonly file: string;
  /** A short tag unique to the file (its path, shortened, and a hash of it): readable in ids and logs. */
  readonly tag: string;
  /** A Hà Nội commune no other file uses (one per label), in official.hanoi's scope. */
  agency(label?: string): string;
  /** A past year no other file computes or reads the index of (one per label): for "an ended period nobody stored" and the like. */
  year(label?: string): number;
  /** A fresh id under the file's tag: idempotency keys, event ids, key ids, names of scratch resources. */
  key(label?: string): string;
}

/** The namespace of the test file at `fileUrl` (pass `import.meta.url`). */
export const fileNamespace = (fileUrl: string): TestNamespace => {
  const file = relative(ROOT, fileURLToPath(fileUrl)).replaceAll('\\', '/');
  const slug = file.replace(/^test\//, '').replace(/\.test\.ts$/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(-24);
  const tag = `t-${slug}-${createHash('sha256').update(file).digest('hex').slice(0, 6)}`;
  return {
    file,
    tag,
    agency: (label = 'main') => claim('agency', poolAgencies().map((a) => a.code), `${file}#${label}`),
    year: (label = 'main') => Number(claim('year', POOL_YEARS.map(String), `${file}#${label}`)),
    key: (label = 'id') => `${tag}-${label}-${randomUUID().slice(0, 8)}`,
  };
};
