import { buckets } from './buckets';
import { commands } from './commands';
import { functions } from './functions';
import { queues } from './queues';
import { routes } from './routes';
import { schedules } from './schedules';
import { secrets } from './secrets';
import { tables } from './tables';
import type { PlatformDecl } from './types';

export * from './types';
export * from './naming';
export { routes } from './routes';
export { fullScope, machineClients, MACHINE_SCOPES, userPool, type MachineScope } from './identity';

/** The whole platform, as the CDK stacks, the local runtime and the OpenAPI generator see it. */
export const platform: PlatformDecl = {
  functions,
  defaultRouteFn: 'meta',
  routes: Object.values(routes),
  tables,
  buckets,
  queues,
  schedules,
  commands,
  secrets,
};

export const findFunction = (name: string) => {
  const fn = platform.functions.find((f) => f.name === name);
  if (!fn) throw new Error(`Unknown function ${name}`);
  return fn;
};
