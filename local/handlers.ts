// How the local runtime reaches a declared function: its entry module's `handler`, imported once
// (the module cache keeps it warm, like a Lambda execution environment between invocations).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionDecl } from '../shared/platform';

export const loadHandler = async <H = (event: unknown, context: unknown) => Promise<unknown>>(
  root: string,
  fn: FunctionDecl,
): Promise<H> => ((await import(pathToFileURL(resolve(root, fn.entry)).href)) as { handler: H }).handler;
