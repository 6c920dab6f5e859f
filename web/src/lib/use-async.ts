// Loading data for a page: state, error and a reload, cancelled when the inputs change.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface AsyncState<T> { data?: T; error?: unknown; loading: boolean; reload(): void }

export const useAsync = <T,>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> => {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    loadRef.current(controller.signal).then(
      (data) => { if (!controller.signal.aborted) setState({ data, loading: false }); },
      (error: unknown) => { if (!controller.signal.aborted) setState({ error, loading: false }); },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
};
