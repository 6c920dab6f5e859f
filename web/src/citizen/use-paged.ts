// A list read page by page with the API's `nextCursor` ("Xem thêm"): the first page reloads when the
// inputs change, later pages are appended; a failed "more" keeps what is already shown.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../lib/api';

export interface PagedState<T> {
  items: T[];
  /** The first page is loading (nothing to show yet, or the inputs changed). */
  loading: boolean;
  loadingMore: boolean;
  error?: unknown;
  hasMore: boolean;
  more(): void;
  reload(): void;
}

export const usePaged = <T,>(load: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>, deps: unknown[]): PagedState<T> => {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  // A filtered list (a search among published feedback, say) may answer a page with no items but
  // a cursor: keep reading a few pages so "nothing found" is only said when it is true.
  const fill = async (start: string | undefined, signal: AbortSignal): Promise<Page<T>> => {
    let page = await loadRef.current(start, signal);
    for (let extra = 0; page.items.length === 0 && page.nextCursor && extra < 10; extra++) {
      page = await loadRef.current(page.nextCursor, signal);
    }
    return page;
  };

  useEffect(() => {
    const controller = new AbortController();
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    fill(undefined, controller.signal).then(
      (page) => { if (mine === generation.current) { setItems(page.items); setCursor(page.nextCursor); setLoading(false); } },
      (e: unknown) => { if (mine === generation.current && !controller.signal.aborted) { setItems([]); setCursor(null); setError(e); setLoading(false); } },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const more = useCallback(() => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    setError(undefined);
    fill(cursor, new AbortController().signal).then(
      (page) => { if (mine === generation.current) { setItems((old) => [...old, ...page.items]); setCursor(page.nextCursor); } },
      (e: unknown) => { if (mine === generation.current) setError(e); },
    ).finally(() => setLoadingMore(false));
  }, [cursor, loadingMore]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { items, loading, loadingMore, error, hasMore: Boolean(cursor), more, reload };
};
