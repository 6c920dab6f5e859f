// The part of Redoc's standalone bundle the reference page uses (web/vite-redoc.ts says where it is).
declare module 'redoc-standalone' {
  /** Renders the OpenAPI document at `specUrl` (or given as an object) into `element`. */
  export function init(specOrSpecUrl: string | object, options?: Record<string, unknown>, element?: HTMLElement | null): unknown;
}
