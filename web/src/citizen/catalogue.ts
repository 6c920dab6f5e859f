// Shared catalogues the citizen pages show names from (sectors, agencies): read once per visit, every page of them.
import { api, type Page } from '../lib/api';

export interface NamedEntry { code: string; name: string; level?: string }

const cache = new Map<string, Promise<NamedEntry[]>>();

const readAll = async (name: string): Promise<NamedEntry[]> => {
  const all: NamedEntry[] = [];
  let cursor: string | undefined;
  // A catalogue is a few hundred entries: a handful of pages of 100.
  for (let pages = 0; pages < 20; pages++) {
    const page = await api.get<Page<NamedEntry>>(`/v1/catalogues/${name}`, { limit: 100, cursor }, { auth: false });
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
};

/** Every entry of a shared catalogue, by name; a failure is not cached (the next visit retries). */
export const catalogue = (name: 'sectors' | 'agencies' | 'result-types'): Promise<NamedEntry[]> => {
  let hit = cache.get(name);
  if (!hit) {
    hit = readAll(name);
    cache.set(name, hit);
    hit.catch(() => cache.delete(name));
  }
  return hit;
};
