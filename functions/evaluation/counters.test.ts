// The index-counters consumer: one projection per dossier per batch, malformed messages dropped,
// a failed projection failing exactly its dossier's messages (so SQS brings them back).
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { DossierRecord } from '../dossiers/public-shapes';
import { feeLookup, makeHandler } from './counters';
import type { ProjectionDeps } from './projection';

const message = (id: string, body: unknown): SQSEvent['Records'][number] => ({
  messageId: id, receiptHandle: `rh-${id}`, body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: {} as never, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:ap-southeast-1:1:index-counters', awsRegion: 'ap-southeast-1',
});

const deps = (failFor: string[] = []) => {
  const reads: string[] = [];
  const applied: string[] = [];
  const d: ProjectionDeps = {
    dossiers: {
      get: async (id) => {
        reads.push(id);
        if (failFor.includes(id)) throw new Error('DynamoDB unavailable');
        return { id, version: 3, status: 'draft', submittedAt: null } as unknown as DossierRecord;
      },
      history: async () => [],
    },
    procedureHasFee: async () => false,
    store: {
      contribution: async () => undefined,
      applyContribution: async (id) => { applied.push(id); return true; },
      counters: async () => new Map(),
    },
  };
  return { d, reads, applied };
};

describe('index-counters consumer', () => {
  it('projects each dossier once per batch, and drops malformed messages', async () => {
    const { d, reads, applied } = deps();
    const out = await makeHandler(d)({ Records: [
      message('1', { dossierId: 'a', version: 2 }), message('2', { dossierId: 'a', version: 3 }), message('3', { dossierId: 'b', version: 2 }),
      message('4', 'not json'), message('5', { dossierId: '../x' }), message('6', { dossierId: 'a', version: 4 }),
    ] });
    expect(out.batchItemFailures).toEqual([]);
    expect(reads).toEqual(['a', 'b']);
    expect(applied).toEqual(['a', 'b']);
  });

  it("a failed projection fails all of its dossier's messages, and only those", async () => {
    const { d } = deps(['a']);
    const out = await makeHandler(d)({ Records: [message('1', { dossierId: 'a' }), message('2', { dossierId: 'b' }), message('3', { dossierId: 'a' })] });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: '1' }, { itemIdentifier: '3' }]);
  });

  it('remembers whether a procedure charges a fee for five minutes', async () => {
    let now = 0;
    let calls = 0;
    const lookup = feeLookup(async (code) => { calls++; return code === 'x' ? { fees: [{ amount: 0 }, { amount: 5000 }] } : undefined; }, () => now);
    expect(await lookup('x')).toBe(true);
    expect(await lookup('x')).toBe(true);
    expect(await lookup('y')).toBeUndefined();
    expect(calls).toBe(2);
    now = 5 * 60_000;
    await lookup('x');
    expect(calls).toBe(3);
  });
});
