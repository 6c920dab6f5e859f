// What the console reads from the API: types (from the contracts, types only) and small loaders
// shared by its pages — the agencies an official serves, procedure definitions, feedback items.
import type * as z from 'zod';
import type { DossierSummary, DossierView } from '../../../shared/contracts/dossiers';
import type { FeedbackView } from '../../../shared/contracts/feedback';
import type { Procedure } from '../../../shared/contracts/catalogue';
import { api, type Page } from '../lib/api';
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
  return lists.flat().filter((a) => (seen.has(a.code) ? false : (seen.add(a.code), true)));
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

// Feedback items: GET /v1/feedback/{id} answers only the public view of a published item, so the
// full view (sender, deadlines, allowed actions) comes from the agency's queue. Items the queue
// page showed are remembered; otherwise the item page pages through the queue to find it.
const seenFeedback = new Map<string, FeedbackView>();
export const rememberFeedback = (items: readonly FeedbackView[]) => { for (const f of items) seenFeedback.set(f.id, f); };

/** How many queue pages (100 items each) the item page reads before giving up. */
const MAX_QUEUE_PAGES = 20;

export const findFeedback = async (id: string, agency: string | undefined, signal?: AbortSignal, fresh = false): Promise<FeedbackView | null> => {
  if (!fresh) {
    const known = seenFeedback.get(id);
    if (known) return known;
  }
  let cursor: string | null | undefined;
  for (let i = 0; i < MAX_QUEUE_PAGES; i++) {
    const page = await api.get<Page<FeedbackView>>('/v1/agency/feedback', { agency, limit: 100, cursor: cursor ?? undefined }, { signal });
    rememberFeedback(page.items);
    const hit = page.items.find((f) => f.id === id);
    if (hit) return hit;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return null;
};
