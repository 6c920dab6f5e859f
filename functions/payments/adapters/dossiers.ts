// The dossiers capability as payments sees it: read a dossier, and move it from payment_required
// to processing through the dossier transition function (never around it).
import { isErrorKind } from '../../../shared/errors/domain-error';
import { dossierService, dossierStore, type DossierRecord } from '../../dossiers/public';

export type ConfirmResult = 'confirmed' | 'conflict';

export interface DossierGateway {
  get(id: string): Promise<DossierRecord | undefined>;
  /** `confirm_payment` by the system actor `payments`, at the version read. */
  confirmPayment(d: DossierRecord, note: string): Promise<ConfirmResult>;
}

export const dossierGateway = (): DossierGateway => {
  const store = dossierStore();
  let service: ReturnType<typeof dossierService> | undefined;
  return {
    get: (id) => store.get(id),
    async confirmPayment(d, note) {
      service ??= dossierService().catch((error: unknown) => {
        service = undefined;
        throw error;
      });
      try {
        await (await service).transition(d, { kind: 'system', id: 'payments' }, 'confirm_payment', { note }, d.version);
        return 'confirmed';
      } catch (error) {
        if (isErrorKind(error, 'conflict')) return 'conflict';
        throw error;
      }
    },
  };
};
