// The dossiers capability (docs/requirements.md R-CAP-DOSSIERS): thin routes over DossierService.
// The stack has parsed, validated and checked the route's group; the service checks ownership and
// agency scope.
import { bucketName, portalBaseUrl, tableName } from '../../shared/config';
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { createApiHandler, created, fileResult, implement, ok } from '../../shared/http/api';
import { notFound } from '../../shared/errors/domain-error';
import { dossierRoutes as routes } from '../../shared/platform/api-routes/dossiers';
import { catalogueReader } from '../catalogue/public';
import { S3AttachmentStore } from '../../shared/uploads/upload-store';
import { DynamoDossierStore } from './adapters/dossier-store';
import { DossierService, type DossierDeps } from './service';

export const defaultDeps = (): DossierDeps => ({
  store: new DynamoDossierStore(dynamoClient, () => tableName('dossiers')),
  files: new S3AttachmentStore(s3Client, () => bucketName('attachments')),
  catalogue: catalogueReader(),
});

// Slips are built and rendered by the notifications capability (the same documents as its
// e-mails). Its module, and the PDF writer behind it, load on the first slip request, so the
// other routes' cold start does not pay for them (R-PERF-COLD-START).
const slipModule = () => import('../notifications/public');

export const makeHandler = (deps: DossierDeps | DossierService) => {
  const service = deps instanceof DossierService ? deps : new DossierService(deps);
  return createApiHandler([
    implement(routes.createDossier, async ({ principal, body, headers }) =>
      created(await service.create(principal, body, headers['idempotency-key']))),
    implement(routes.getDossier, async ({ principal, params }) => ok(await service.get(principal, params.id))),
    implement(routes.requestAttachmentUpload, async ({ principal, params, body }) =>
      created(await service.requestUpload(principal, params.id, body))),
    implement(routes.completeAttachmentUpload, async ({ principal, params }) =>
      ok(await service.completeUpload(principal, params.id, params.attachmentId))),
    implement(routes.downloadAttachment, async ({ principal, params }) =>
      ok(await service.download(principal, params.id, params.attachmentId))),
    implement(routes.listDossierSlips, async ({ principal, params }) => {
      const { record, history } = await service.readWithHistory(principal, params.id);
      const { issuedSlips, slipFileOf } = await slipModule();
      const items = issuedSlips(record, history).map((s) => ({
        kind: s.kind,
        form: s.form,
        issuedAt: s.issuedAt,
        title: slipFileOf(s, record, portalBaseUrl()).slip.title,
        href: `/v1/dossiers/${record.id}/slips/${s.kind}?at=${encodeURIComponent(s.issuedAt)}`,
      }));
      return ok({ items });
    }),
    implement(routes.getDossierSlip, async ({ principal, params, query }) => {
      const { record, history } = await service.readWithHistory(principal, params.id);
      const { issuedSlips, findSlip, slipFileOf, renderDocumentPdf } = await slipModule();
      const issued = findSlip(issuedSlips(record, history), params.kind, query.at);
      if (!issued) throw notFound('Slip');
      const file = slipFileOf(issued, record, portalBaseUrl());
      return fileResult('application/pdf', await renderDocumentPdf(file, file.slip), file.fileName);
    }),
    implement(routes.submitDossier, async ({ principal, params }) => ok(await service.submit(principal, params.id))),
    implement(routes.supplementDossier, async ({ principal, params, body }) =>
      ok(await service.supplement(principal, params.id, body))),
    implement(routes.withdrawDossier, async ({ principal, params, body }) =>
      ok(await service.withdraw(principal, params.id, body))),
    implement(routes.listMyDossiers, async ({ principal, query }) => ok(await service.listMine(principal, query))),
    implement(routes.agencyWorkQueue, async ({ principal, query }) => ok(await service.workQueue(principal, query))),
    implement(routes.actOnDossier, async ({ principal, params, body }) => ok(await service.act(principal, params.id, body))),
    implement(routes.requestResultUpload, async ({ principal, params, body }) =>
      created(await service.requestResultUpload(principal, params.id, body))),
    implement(routes.trackDossier, async ({ query }) => ok(await service.track(query))),
  ]);
};

export const handler = makeHandler(defaultDeps());
