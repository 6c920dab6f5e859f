// Copies the runtime's environment into each worker, in case the pool did not inherit it.
import { inject } from 'vitest';

Object.assign(process.env, inject('runtimeEnv'));
