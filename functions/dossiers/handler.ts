// The dossiers capability's routes (docs/requirements.md R-CAP-DOSSIERS): each calls one use case
// (service.ts). The stack has parsed, validated and checked the route's group; the use cases check
// ownership and agency scope.
import { createApiHandler, created, implement, ok, pdfResult } from '../../shared/http/api';
import { dossierRoutes as routes } from '../../shared/platform/api-routes/dossiers';
import { platformDeps } from './deps';
import { dossierUseCases, type DossierDeps } from './service';

export const makeHandler = (deps: DossierDeps) => {
  const dossiers = dossierUseCases(deps);
  return createApiHandler([
    implement(routes.createDossier, async ({ principal, body, headers }) =>
      created(await dossiers.createDraft(principal, body, headers['idempotency-key']))),
    implement(routes.getDossier, async ({ principal, params }) => ok(await dossiers.get(principal, params.id))),
    implement(routes.requestAttachmentUpload, async ({ principal, params, body }) =>
      created(await dossiers.requestUpload(principal, params.id, body))),
    implement(routes.completeAttachmentUpload, async ({ principal, params }) =>
      ok(await dossiers.completeUpload(principal, params.id, params.attachmentId))),
    implement(routes.downloadAttachment, async ({ principal, params }) =>
      ok(await dossiers.download(principal, params.id, params.attachmentId))),
    implement(routes.listDossierSlips, async ({ principal, params }) => ok(await dossiers.listSlips(principal, params.id))),
    implement(routes.getDossierSlip, async ({ principal, params, query }) => {
      const slip = await dossiers.slipPdf(principal, params.id, { kind: params.kind, at: query.at });
      return pdfResult(slip);
    }),
    implement(routes.submitDossier, async ({ principal, params }) => ok(await dossiers.submit(principal, params.id))),
    implement(routes.supplementDossier, async ({ principal, params, body }) =>
      ok(await dossiers.supplement(principal, params.id, body))),
    implement(routes.withdrawDossier, async ({ principal, params, body }) =>
      ok(await dossiers.withdraw(principal, params.id, body))),
    implement(routes.listMyDossiers, async ({ principal, query }) => ok(await dossiers.listMine(principal, query))),
    implement(routes.agencyWorkQueue, async ({ principal, query }) => ok(await dossiers.workQueue(principal, query))),
    implement(routes.actOnDossier, async ({ principal, params, body }) => ok(await dossiers.act(principal, params.id, body))),
    implement(routes.requestResultUpload, async ({ principal, params, body }) =>
      created(await dossiers.requestResultUpload(principal, params.id, body))),
    implement(routes.trackDossier, async ({ query }) => ok(await dossiers.track(query))),
    implement(routes.getPrefill, async ({ principal, query }) => ok(await dossiers.prefill(principal, query))),
    implement(routes.listRegisterReads, async ({ principal, query }) => ok(await dossiers.listRegisterReads(principal, query))),
  ]);
};

export const handler = makeHandler(platformDeps());
