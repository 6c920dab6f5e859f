// Lints an OpenAPI document with Redocly's library and the checked-in redocly.yaml (`recommended`
// plus the rules it makes errors), the way `npx redocly lint` does for integrators.
import { resolve } from 'node:path';
import { lintFromString, loadConfig } from '@redocly/openapi-core';

/** Every error and warning, one line each: `<severity> <rule> <pointer>: <message>`. */
export const lintOpenApi = async (document: unknown): Promise<string[]> => {
  const config = await loadConfig({ configPath: resolve('redocly.yaml') });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: resolve('openapi.json'), config });
  return problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
};
