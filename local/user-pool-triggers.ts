// The user pool's Lambda triggers, invoked for cognito-local as Cognito invokes them in AWS: the
// cognito runner (emulators/runners/cognito-custom-auth.mjs) POSTs a Cognito-shaped trigger event
// to `/local/user-pool-triggers/<function>` and gets the declared function's answer. Only functions
// declared as user-pool triggers answer (docs/identity.md "What cognito-local lacks").
import type { PlatformDecl } from '../shared/platform';
import type { LocalRoute } from './gateway/server';
import { loadHandler } from './handlers';
import { lambdaContext } from './lambda-context';

export const USER_POOL_TRIGGERS_PATH = '/local/user-pool-triggers';

export const userPoolTriggersRoute = (platform: PlatformDecl, root: string): LocalRoute => async (req, res, body, url) => {
  if (!url.pathname.startsWith(`${USER_POOL_TRIGGERS_PATH}/`) || req.method !== 'POST') return false;
  const reply = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const name = url.pathname.slice(USER_POOL_TRIGGERS_PATH.length + 1);
  const fn = platform.functions.find((f) => f.name === name && f.userPoolTrigger);
  if (!fn) {
    reply(404, { message: `no user-pool trigger function ${name}` });
    return true;
  }
  try {
    const handler = await loadHandler(root, fn);
    reply(200, await handler(JSON.parse(body.toString('utf8')), lambdaContext(fn)));
  } catch (e) {
    // Cognito answers a failed trigger with UnexpectedLambdaException; the runner does the same.
    reply(500, { message: (e as Error).message });
  }
  return true;
};
