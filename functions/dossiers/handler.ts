// The dossiers capability (SPEC §2, §3): thin routes over DossierService. The stack has parsed,
// validated and checked the route's group; the service checks ownership and agency scope.
import { bucketName, tableName } from '../../shared/config';
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { createApiHandler, created, implement, ok } from '../../shared/http/api';
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
