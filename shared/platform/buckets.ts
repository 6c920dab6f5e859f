import type { BucketDecl } from './types';

export const buckets = [
  {
    name: 'catalogue-index',
    description: 'Compact procedure search index snapshots, rebuilt on catalogue change',
  },
  {
    name: 'attachments',
    description: 'Dossier attachments and results, uploaded by browsers with presigned POST',
    browserUploads: true,
    expirations: [{ prefix: 'incoming/', days: 2 }],
  },
] as const satisfies readonly BucketDecl[];
