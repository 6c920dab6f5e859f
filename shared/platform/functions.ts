import type { FunctionDecl } from './types';

// One Lambda function per capability (SPEC §1). Grants are the least each one needs.
export const functions = [
  {
    name: 'meta',
    description: 'Public configuration and the OpenAPI document',
    entry: 'functions/meta/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 5,
  },
  {
    name: 'catalogue',
    description: 'Procedure catalogue and shared catalogues: public search and read, admin write',
    entry: 'functions/catalogue/handler.ts',
    memoryMb: 1024,
    timeoutSeconds: 15,
    tables: { catalogue: 'readwrite' },
    buckets: { 'catalogue-index': 'readwrite' },
  },
] as const satisfies readonly FunctionDecl[];
