// Dossier benchmarks (docs/requirements.md R-PERF-SUBMIT, R-PERF-LISTS), against the local runtime
// started in memory (DynamoDB Local, the S3 emulator, cognito-local, the gateway with JWT
// verification and the real handlers):
//
//  1. Submit round trips: one submission through the handler over an instrumented DynamoDB client
//     (bar: ≤ 3 round trips).
//  2. Submit throughput through the gateway vs raw TransactWriteItems of the same two items
//     (state + history) on the same DynamoDB Local, same concurrency, measured in one run
//     (bar: gateway ≥ 50% of raw).
//  3. Work queue and "my dossiers" page time at 10,000 and at 100,000 dossiers (bar: 100k ≤ 1.5 ×
//     10k). Dossiers are generated through the domain layer (decide + applyDecision) and written in
//     batches; the pages are read through the gateway as official.hanoi and citizen.demo.
//
//   npm run bench:dossiers [-- --submits 400 --concurrency 16 --small 10000 --large 100000]
import { randomUUID } from 'node:crypto';

process.env.LOG_LEVEL ??= 'ERROR';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SUBMITS = arg('submits', 400);
const CONCURRENCY = arg('concurrency', 16);
const SMALL = arg('small', 10_000);
const LARGE = arg('large', 100_000);
const PAGE_READS = arg('reads', 200);
const PROCEDURE = '1.001266';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const fmt = (v: number, digits = 2) => v.toFixed(digits);

/** Runs `n` tasks with at most `limit` in flight. */
const pool = async (n: number, limit: number, task: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) await task(next++);
  }));
};

const main = async () => {
  const { startRuntime } = await import('../local/runtime');
  const started = performance.now();
  const runtime = await startRuntime({ port: 0 });
  console.log(`local runtime ready in ${fmt((performance.now() - started) / 1000, 1)} s`);
  try {
    await run();
  } finally {
    await runtime.stop();
  }
};

const run = async () => {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient, BatchWriteCommand, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { signIn, decodePayload, api } = await import('../test/support/auth');
  const { DynamoDossierStore } = await import('../functions/dossiers/adapters/dossier-store');
  const { S3AttachmentStore } = await import('../shared/uploads/upload-store');
  const { makeHandler } = await import('../functions/dossiers/handler');
  const { catalogueReader } = await import('../functions/catalogue/public');
  const { applyDecision, dossierPk, historySk, indexKeys, META_SK, stateOf } = await import('../functions/dossiers/domain/dossier');
  const { decide } = await import('../functions/dossiers/domain/transitions');
  const { createWorkingCalendar } = await import('../shared/calendar');
  const { tableName, bucketName } = await import('../shared/config');
  const { invoke } = await import('../test/support/invoke');
  // invoke() checks every response against the OpenAPI document, as in the tests.
  await (await import('../test/support/conformance')).prepareConformance();
  const { S3Client } = await import('@aws-sdk/client-s3');

  const raw = new DynamoDBClient({});
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const table = tableName('dossiers');
  const store = new DynamoDossierStore(doc, table);
  const catalogue = catalogueReader(doc);
  const procedure = (await catalogue.getProcedure(PROCEDURE))!;
  const calendar = createWorkingCalendar(await catalogue.holidays());
  const hanoi = (await catalogue.agencies()).filter((a) => a.parentCode === '000.00.00.H26');

  const [citizenToken, officialToken] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')]);
  const citizenSub = String(decodePayload(citizenToken).sub);

  /** A draft of the bench procedure with its required file already verified. */
  const draft = (owner: string, agency: { code: string; name: string; parentCode: string | null }, at: Date) => {
    const id = randomUUID();
    return {
      id, code: null, procedureCode: procedure.code, procedureName: procedure.name, processingTime: procedure.processingTime,
      components: procedure.components.map((c) => ({ code: c.code, name: c.name, required: c.required, accept: c.accept, maxFiles: c.maxFiles })),
      agencyCode: agency.code, agencyName: agency.name, agencyParentCode: agency.parentCode,
      status: 'draft' as const, version: 1, channel: 'online' as const, delivery: 'online' as const, postalAddress: null, contact: null,
      applicant: { sub: owner, type: 'citizen' as const, idNumber: '001099012345', enterpriseCode: null, vneidVerified: true },
      form: {}, createdAt: at.toISOString(), updatedAt: at.toISOString(),
      attachments: procedure.components.filter((c) => c.required).map((c) => ({
        id: randomUUID(), kind: 'application' as const, componentCode: c.code, fileName: `${c.code}.pdf`, contentType: 'application/pdf',
        size: 1000, status: 'verified' as const, rejectedReason: null, createdAt: at.toISOString(), verifiedAt: at.toISOString(), round: 0,
      })),
      submittedAt: null, receivedAt: null, dueAt: null, pausedAt: null, finishedAt: null, returnedAt: null,
      supplementRequest: null, supplementRounds: 0, apologies: [],
    };
  };

  // ---- 1. round trips of one submission
  const commands: string[] = [];
  const counted = new DynamoDBClient({});
  counted.middlewareStack.add((next, context) => async (args) => {
    commands.push(String(context.commandName));
    return next(args);
  }, { step: 'initialize', name: 'countCommands' });
  const countedDoc = DynamoDBDocumentClient.from(counted, { marshallOptions: { removeUndefinedValues: true } });
  const inProcess = makeHandler({
    store: new DynamoDossierStore(countedDoc, table),
    files: new S3AttachmentStore(new S3Client({ forcePathStyle: true }), bucketName('attachments')),
    catalogue: catalogueReader(countedDoc),
  });
  const one = draft(citizenSub, hanoi[0]!, new Date());
  await store.createDraft(one, { sub: citizenSub, key: randomUUID(), fingerprint: 'bench', ttlSeconds: 3600 });
  commands.length = 0;
  const res = await invoke(inProcess, {
    method: 'POST', path: `/v1/dossiers/${one.id}/submit`,
    claims: { sub: citizenSub, 'cognito:groups': ['citizen'], 'custom:id_number': '001099012345', 'custom:vneid_verified': 'true', 'custom:eid_level': '2' },
  });
  if (res.status !== 200) throw new Error(`in-process submit: ${res.status} ${JSON.stringify(res.body)}`);
  console.log(`\n1. submit round trips: ${commands.length} (${commands.join(', ')}); bar ≤ 3 → ${commands.length <= 3 ? 'OK' : 'BROKEN'}`);

  // ---- 2. throughput: gateway submits vs raw TransactWriteItems
  const agency = hanoi[1]!;
  const drafts = Array.from({ length: SUBMITS }, () => draft(citizenSub, agency, new Date()));
  await pool(drafts.length, 16, async (i) => {
    await store.createDraft(drafts[i]!, { sub: citizenSub, key: randomUUID(), fingerprint: 'bench', ttlSeconds: 3600 });
  });
  const rawItems = drafts.map((d) => {
    const item = { ...d, id: randomUUID(), status: 'submitted', version: 2, code: `RAW-${randomUUID()}` };
    return { item, history: { at: new Date().toISOString(), action: 'submit', from: 'draft', to: 'submitted', dossierId: item.id, version: 2 } };
  });
  const timeRaw = async () => {
    const t = performance.now();
    await pool(rawItems.length, CONCURRENCY, async (i) => {
      const { item, history } = rawItems[i]!;
      await doc.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { ...item, pk: dossierPk(item.id), sk: META_SK }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: table, Item: { ...history, pk: dossierPk(item.id), sk: historySk(2) }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }));
    });
    return rawItems.length / ((performance.now() - t) / 1000);
  };
  const timeGateway = async () => {
    const t = performance.now();
    let failures = 0;
    await pool(drafts.length, CONCURRENCY, async (i) => {
      const r = await api('POST', `/v1/dossiers/${drafts[i]!.id}/submit`, { token: citizenToken });
      if (r.status !== 200) failures++;
    });
    if (failures) throw new Error(`${failures} submissions failed`);
    return drafts.length / ((performance.now() - t) / 1000);
  };
  const rawRate = await timeRaw();
  const gatewayRate = await timeGateway();
  const ratio = gatewayRate / rawRate;
  console.log(`2. throughput at concurrency ${CONCURRENCY}, ${SUBMITS} each: raw TransactWriteItems ${fmt(rawRate, 0)}/s, ` +
    `submit through the gateway ${fmt(gatewayRate, 0)}/s → ${fmt(ratio * 100, 0)}% of raw; bar ≥ 50% → ${ratio >= 0.5 ? 'OK' : 'BROKEN'}`);

  // ---- 3. queue and "my dossiers" pages at SMALL and LARGE
  const official = { kind: 'official' as const, id: 'bench' };
  /** A received dossier generated through the domain layer. */
  const received = (i: number) => {
    const owner = i % 100 === 0 ? citizenSub : `bench-applicant-${i % 5000}`;
    const at = new Date(Date.now() - (i % 1000) * 60_000);
    let d: ReturnType<typeof draft> & Record<string, unknown> = draft(owner, hanoi[i % hanoi.length]!, at);
    for (const [action, actor] of [['submit', { kind: 'applicant' as const }], ['receive', official]] as const) {
      const decision = decide(stateOf(d as never), { action, actor, now: at });
      if (!decision.ok) throw new Error(JSON.stringify(decision));
      d = applyDecision(d as never, decision, { calendar, code: `${d.agencyCode}-BENCH-${i}` }) as never;
    }
    return { PutRequest: { Item: { ...d, ...indexKeys(d as never), pk: dossierPk(d.id), sk: META_SK } } };
  };
  let written = 0;
  const grow = async (total: number) => {
    const t = performance.now();
    const from = written;
    const batches = Math.ceil((total - from) / 25);
    await pool(batches, 8, async (b) => {
      const requests = [];
      for (let i = from + b * 25; i < Math.min(total, from + (b + 1) * 25); i++) requests.push(received(i));
      let pending: Record<string, unknown[]> | undefined = { [table]: requests };
      while (pending && Object.keys(pending).length) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: pending as never }));
        pending = out.UnprocessedItems as never;
      }
    });
    written = total;
    console.log(`   seeded to ${total.toLocaleString('en')} dossiers in ${fmt((performance.now() - t) / 1000, 1)} s`);
  };
  const measure = async (label: string) => {
    const queueTimes: number[] = [];
    const mineTimes: number[] = [];
    for (let i = 0; i < PAGE_READS; i++) {
      const a = hanoi[(i * 7) % hanoi.length]!;
      let t = performance.now();
      const q = await api('GET', `/v1/agency/dossiers?agency=${a.code}&limit=50`, { token: officialToken });
      queueTimes.push(performance.now() - t);
      if (q.status !== 200 || q.body.items.length === 0) throw new Error(`queue: ${q.status} ${JSON.stringify(q.body).slice(0, 200)}`);
      t = performance.now();
      const m = await api('GET', '/v1/me/dossiers?limit=50', { token: citizenToken });
      mineTimes.push(performance.now() - t);
      if (m.status !== 200) throw new Error(`mine: ${m.status}`);
    }
    // The first reads warm the handler and the calendar: drop a tenth.
    const trim = (v: number[]) => v.slice(Math.floor(v.length / 10));
    const result = { queueP50: percentile(trim(queueTimes), 50), queueP95: percentile(trim(queueTimes), 95), mineP50: percentile(trim(mineTimes), 50), mineP95: percentile(trim(mineTimes), 95) };
    console.log(`   at ${label}: work queue p50 ${fmt(result.queueP50)} ms, p95 ${fmt(result.queueP95)} ms; my dossiers p50 ${fmt(result.mineP50)} ms, p95 ${fmt(result.mineP95)} ms`);
    return result;
  };
  console.log(`3. pages of 50 through the gateway (${PAGE_READS} reads each):`);
  await grow(SMALL);
  const small = await measure(SMALL.toLocaleString('en'));
  await grow(LARGE);
  const large = await measure(LARGE.toLocaleString('en'));
  const queueRatio = large.queueP50 / small.queueP50;
  const mineRatio = large.mineP50 / small.mineP50;
  console.log(`   ratio ${LARGE.toLocaleString('en')} / ${SMALL.toLocaleString('en')} (p50): work queue ${fmt(queueRatio)}, my dossiers ${fmt(mineRatio)}; ` +
    `bar ≤ 1.5 → ${queueRatio <= 1.5 && mineRatio <= 1.5 ? 'OK' : 'BROKEN'}`);

  const broken = commands.length > 3 || ratio < 0.5 || queueRatio > 1.5 || mineRatio > 1.5;
  raw.destroy();
  counted.destroy();
  if (broken) process.exitCode = 1;
};

await main();
