import type { TableDecl } from './types';

export const tables = [
  {
    name: 'catalogue',
    description:
      'Procedures (pk PROCEDURE, sk code), shared catalogues (pk CAT#<name>, sk id) and the ' +
      'catalogue version record (pk META, sk version) that tells search snapshots they are stale.',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      // Children of a parent within a catalogue, e.g. communes of a province: gsi1pk CAT#<name>#<parent>.
      { name: 'byParent', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
    ],
  },
] as const satisfies readonly TableDecl[];
