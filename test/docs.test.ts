import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platform } from '../shared/platform';

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
