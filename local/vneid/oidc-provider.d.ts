// The part of oidc-provider (panva, 9.x; it ships no type declarations) the VNeID sandbox uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContextWithOIDC {
    oidc: {
      params?: Record<string, unknown>;
      result?: { login?: { accountId: string } };
      [key: string]: unknown;
    };
    type: string;
    body: unknown;
    status: number;
  }

  export interface Interaction {
    uid: string;
    exp: number;
    returnTo: string;
    prompt: { name: string; reasons: string[]; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
    params: Record<string, unknown> & { client_id: string; scope?: string; login_hint?: string };
    session?: { accountId: string; uid: string; cookie?: string };
    grantId?: string;
    persist(): Promise<string>;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface Session {
    destroy(): Promise<void>;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  export class Check {
    constructor(reason: string, description: string, check: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>);
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
  }

  export const interactionPolicy: {
    Check: typeof Check;
    base(): Array<{ name: string; checks: Check[] }> & { get(name: string): { name: string; checks: Check[] } | undefined };
  };

  export const errors: {
    InvalidRequest: new (description: string) => Error;
  };

  export class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    Grant: { new (properties: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
    Session: { findByUid(uid: string): Promise<Session | undefined> };
    Client: { find(id: string): Promise<{ clientName?: string; clientId: string } | undefined> };
    on(event: string, listener: (...args: never[]) => void): this;
  }

  export default Provider;
}
