// A route of the app: a path (preact-iso syntax, `:param`) and its page, loaded when first visited.
// Each area (citizen, account, official, dashboard) declares its routes in its own routes.ts.
import type { ComponentType } from 'preact';

export interface RouteDef {
  path: string;
  component: ComponentType<Record<string, unknown>>;
}
