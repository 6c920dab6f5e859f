// An agency's scope in the index and the statistics (docs/index.md): itself and, below it, its
// communes (or a ministry's own units). Pure.

export interface ScopedAgency { code: string; parentCode: string | null }

/** Each agency's scope, its own code first. */
export const agencyScopes = (agencies: readonly ScopedAgency[]): Map<string, string[]> => {
  const children = new Map<string, string[]>();
  for (const a of agencies) if (a.parentCode) children.set(a.parentCode, [...(children.get(a.parentCode) ?? []), a.code]);
  const scopes = new Map<string, string[]>();
  for (const a of agencies) {
    const out: string[] = [];
    const stack = [a.code];
    const seen = new Set<string>();
    while (stack.length) {
      const code = stack.pop()!;
      if (seen.has(code)) continue;
      seen.add(code);
      out.push(code);
      stack.push(...(children.get(code) ?? []));
    }
    scopes.set(a.code, out);
  }
  return scopes;
};
