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
  {
    name: 'identity',
    description:
      'Agency systems (pk SYSTEM#<keyId>, sk META: name, agency codes, endpoint, sealed secrets; ' +
      'gsi1pk SYSTEM, gsi1sk keyId for the admin list) and replay nonces of signed requests ' +
      '(pk NONCE#<keyId>#<signature>, sk NONCE, expiresAt ~10 minutes ahead).',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      // Sparse: only system records carry gsi1pk, so nonces never reach the index.
      { name: 'byKind', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
    ],
    ttlAttribute: 'expiresAt',
  },
] as const satisfies readonly TableDecl[];
