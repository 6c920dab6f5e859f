// The index counters consumer (SQS queue `index-counters`, fed by the dossier event fan-out with
// every dossier event). Each message names a dossier; projection.ts brings its counters up to
// date. A malformed message is dropped with a warning; a failure is a partial batch failure,
// retried by SQS and dead-lettered after the queue's maxReceiveCount.
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { logger } from '../../shared/http/logger';
import { catalogueReader } from '../catalogue/public';
import { dossierStore } from '../dossiers/public';
import { DynamoEvaluationStore } from './adapters/evaluation-store';
import { projectDossier, type ProjectionDeps } from './projection';

const dossierIdOf = (body: string): string | null => {
  try {
    const parsed = JSON.parse(body) as { dossierId?: unknown };
    return typeof parsed.dossierId === 'string' && /^[A-Za-z0-9-]{1,80}$/.test(parsed.dossierId) ? parsed.dossierId : null;
  } catch {
    return null;
  }
};

export const makeHandler = (deps: ProjectionDeps) =>
  (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    // A batch often holds several events of one dossier. Every event in it was written before the
    // batch arrived, so the first projection — which reads the dossier afterwards — already covers
    // the later ones: each dossier is projected once per batch (if that fails, its other messages
    // fail with it and come back).
    const projected = new Map<string, Promise<unknown>>();
    const handleRecord = async (record: SQSRecord) => {
      const dossierId = dossierIdOf(record.body);
      if (!dossierId) {
        logger.warn('malformed index-counters message dropped', { messageId: record.messageId });
        return;
      }
      let run = projected.get(dossierId);
      if (!run) {
        run = projectDossier(deps, dossierId).then((outcome) => logger.debug('index counters', { dossierId, outcome }));
        projected.set(dossierId, run);
      }
      await run;
    };
    // A processor per invocation: the local runtime may run several pollers on one module instance.
    return processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
      processInParallel: false,
      throwOnFullBatchFailure: false,
      ...(context ? { context } : {}),
    }) as Promise<SQSBatchResponse>;
  };

const FEE_CACHE_MS = 5 * 60_000;

/** Whether a procedure has a non-zero fee, remembered for a few minutes per warm function. */
export const feeLookup = (getProcedure: (code: string) => Promise<{ fees: { amount: number }[] } | undefined>, clock: () => number = Date.now) => {
  const cache = new Map<string, { at: number; value: boolean | undefined }>();
  return async (code: string): Promise<boolean | undefined> => {
    const hit = cache.get(code);
    if (hit && clock() - hit.at < FEE_CACHE_MS) return hit.value;
    const procedure = await getProcedure(code);
    const value = procedure ? procedure.fees.some((f) => f.amount > 0) : undefined;
    cache.set(code, { at: clock(), value });
    return value;
  };
};

export const platformDeps = (): ProjectionDeps => {
  const catalogue = catalogueReader();
  return {
    dossiers: dossierStore(),
    procedureHasFee: feeLookup((code) => catalogue.getProcedure(code)),
    store: new DynamoEvaluationStore(dynamoClient, () => tableName('evaluation')),
  };
};

export const handler = makeHandler(platformDeps());
