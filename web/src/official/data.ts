// What the console reads from the API: types (from the contracts, types only) and small loaders
// shared by its pages — the agencies an official serves, procedure definitions, feedback items.
import type * as z from 'zod';
import type { DossierSummary, DossierView } from '../../../shared/contracts/dossiers';
import type { FeedbackView } from '../../../shared/contracts/feedback';
import type { Procedure } from '../../../shared/contracts/catalogue';
import { api, ApiError, type Page } from '../lib/api';
import type { User } from '../lib/auth';

export type { DossierView, FeedbackView };
export type DossierRow = z.infer<typeof DossierSummary>;
export type ProcedureView = Procedure;

export interface AgencyOption { code: string; name: string; level: string; parentCode: string | null }

const agencyLists = new Map<string, Promise<AgencyOption[]>>();

/** An agency and the communes under it (a province's code covers them: shared/auth/scope.ts). */
const agencyWithChildren = (code: string): Promise<AgencyOption[]> => {
  let hit = agencyLists.get(code);
  if (!hit) {
    hit = (async () => {
      const self = await api.get<AgencyOption>(`/v1/catalogues/agencies/${encodeURIComponent(code)}`).catch(() => null);
      const children: AgencyOption[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await api.get<Page<AgencyOption>>('/v1/catalogues/agencies', { parent: code, limit: 100, cursor: cursor ?? undefined });
        children.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      children.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      return [self ?? { code, name: code, level: 'province', parentCode: null }, ...children];
    })();
    hit.catch(() => agencyLists.delete(code));
    agencyLists.set(code, hit);
  }
  return hit;
};

/** Every agency whose queue the official may read, the scope's own agencies first. */
export const agenciesInScope = async (user: User): Promise<AgencyOption[]> => {
  const lists = await Promise.all(user.agencyScope.map(agencyWithChildren));
  const seen = new Set<string>();
  return lists.flat().filter((a) => {
    if (seen.has(a.code)) return false;
    seen.add(a.code);
    return true;
  });
};

const procedures = new Map<string, Promise<ProcedureView>>();
export const loadProcedure = (code: string): Promise<ProcedureView> => {
  let hit = procedures.get(code);
  if (!hit) {
    hit = api.get<ProcedureView>(`/v1/procedures/${encodeURIComponent(code)}`);
    hit.catch(() => procedures.delete(code));
    procedures.set(code, hit);
  }
  return hit;
};

/** One feedback item as the agency sees it (GET /v1/agency/feedback/{id}); null when it is not the caller's to see. */
export const findFeedback = async (id: string, signal?: AbortSignal): Promise<FeedbackView | null> => {
  try {
    return await api.get<FeedbackView>(`/v1/agency/feedback/${encodeURIComponent(id)}`, undefined, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
};
