// Matches a request path against the declared path templates, as API Gateway does.
import type { RouteDecl } from './types';

const compiled = new Map<string, { regex: RegExp; names: string[] }>();

const compile = (template: string) => {
  let entry = compiled.get(template);
  if (!entry) {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        const m = /^\{([^}+]+)\}$/.exec(segment);
        if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]!);
        return '([^/]+)';
      })
      .join('/');
    entry = { regex: new RegExp(`^${source}$`), names };
    compiled.set(template, entry);
  }
  return entry;
};

/** Path parameters of `path` under `template`, or undefined when it does not match. */
export const matchPath = (template: string, path: string): Record<string, string> | undefined => {
  const { regex, names } = compile(template);
  const m = regex.exec(path);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    // API Gateway hands path parameters to Lambda URL-decoded.
    const raw = m[i + 1]!;
    try { params[name] = decodeURIComponent(raw); } catch { params[name] = raw; }
  });
  return params;
};

export type RouteMatch =
  | { kind: 'route'; route: RouteDecl; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'none' };

/** Literal segments win over parameters, like API Gateway's most-specific-route rule. */
export const matchRoute = (routes: readonly RouteDecl[], method: string, path: string): RouteMatch => {
  const candidates = routes
    .map((route) => ({ route, params: matchPath(route.path, path) }))
    .filter((c): c is { route: RouteDecl; params: Record<string, string> } => c.params !== undefined)
    .sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
  if (candidates.length === 0) return { kind: 'none' };
  const hit = candidates.find((c) => c.route.method === method);
  return hit ? { kind: 'route', ...hit } : { kind: 'method-not-allowed' };
};
