// Stand-ins for the intake use cases' unit tests: a queue that records what it was sent, a
// catalogue of two communes and one procedure, a fixed clock.
import type { AgencySystemPrincipal } from '../../../shared/auth/principal';
import type { Procedure } from '../../../shared/contracts/catalogue';
import type { AgencyInfo, CatalogueReader } from '../../catalogue/public';
import type { QueuedMessage } from '../domain/inbound-message';
import type { IntakeDeps } from './intake';

export const COMMUNE = '000.00.00004.H26';
export const OTHER = '000.00.00009.H29';
export const NOW = new Date('2026-12-02T03:00:00Z');
export const system: AgencySystemPrincipal = { kind: 'agency-system', keyId: 'sys-a', agencyCodes: [COMMUNE], scopes: ['sync.write', 'sync.read', 'catalogue.read'] };
const agencies: Record<string, AgencyInfo> = {
  [COMMUNE]: { code: COMMUNE, name: 'UBND Phường Ba Đình', level: 'commune', parentCode: '000.00.00.H26' },
  [OTHER]: { code: OTHER, name: 'UBND Phường khác', level: 'commune', parentCode: '000.00.00.H29' },
};
export const procedure = { code: '1.001266', agencyKinds: ['commune'], applicantTypes: ['citizen'], channels: ['online', 'desk'] } as unknown as Procedure;

export const setup = () => {
  const sent: QueuedMessage[][] = [];
  const deps: IntakeDeps = {
    queue: { send: async (messages) => { sent.push([...messages]); } },
    catalogue: {
      getAgency: async (code: string) => agencies[code],
      getProcedure: async (code: string) => (code === procedure.code ? procedure : undefined),
    } as unknown as CatalogueReader,
    now: () => NOW,
  };
  return { deps, sent };
};
