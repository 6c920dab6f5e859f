// The dossiers capability's use cases (docs/requirements.md R-CAP-DOSSIERS), one line each, over
// one context (the adapters, the clock, the calendar): what the routes call. The rules are in
// domain/, the steps of each use case in use-cases/; every status change goes through
// use-cases/transition.ts, the one path payments and sync use too (public.ts).
import { act } from './use-cases/act';
import { submit, supplement, withdraw } from './use-cases/applicant-actions';
import { completeUpload, download, requestResultUpload, requestUpload } from './use-cases/attachments';
import { bind, dossierContext, type DossierDeps } from './use-cases/context';
import { createDraft } from './use-cases/create-draft';
import { listRegisterReads, prefill } from './use-cases/prefill';
import { getDossier, listMine, workQueue } from './use-cases/queries';
import { listSlips, slipPdf } from './use-cases/slips';
import { track } from './use-cases/track';

export type { DossierDeps } from './use-cases/context';

export const dossierUseCases = (deps: DossierDeps) => {
  const ctx = dossierContext(deps);
  return {
    // Drafts and files
    prefill: bind(ctx, prefill),
    createDraft: bind(ctx, createDraft),
    requestUpload: bind(ctx, requestUpload),
    requestResultUpload: bind(ctx, requestResultUpload),
    completeUpload: bind(ctx, completeUpload),
    download: bind(ctx, download),
    // The applicant's and the officials' steps
    submit: bind(ctx, submit),
    supplement: bind(ctx, supplement),
    withdraw: bind(ctx, withdraw),
    act: bind(ctx, act),
    // Reads
    get: bind(ctx, getDossier),
    listMine: bind(ctx, listMine),
    workQueue: bind(ctx, workQueue),
    track: bind(ctx, track),
    listSlips: bind(ctx, listSlips),
    slipPdf: bind(ctx, slipPdf),
    // Administration
    listRegisterReads: bind(ctx, listRegisterReads),
  };
};

export type DossierUseCases = ReturnType<typeof dossierUseCases>;
