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
