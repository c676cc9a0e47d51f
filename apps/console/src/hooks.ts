/** Loading what a page shows, with its error in words and a way to load it again. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from './api';
import { onLogChange } from './live';

/** How long a live reload waits for the rest of a burst of changes. */
const LIVE_RELOAD_MS = 150;

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (nothing while it is undefined) and again whenever it changes, when `reload` is
 * called, and, with `live`, when the log changes in a way `live` says matters.
 */
export function useApi<T>(
  path: string | undefined,
  live?: (change: { streamId: string; type: string }) => boolean,
): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: path !== undefined,
  });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const liveRef = useRef(live);
  liveRef.current = live;

  useEffect(() => {
    if (path === undefined) return;
    const abort = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    getJson<T>(path, { signal: abort.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState((previous) => ({ ...previous, error, loading: false }));
      },
    );
    return () => abort.abort();
  }, [path, generation]);

  useEffect(() => {
    if (!live) return;
    // A burst of changes (a re-import re-anchors every annotation of an article, one event
    // each) is one reload, not hundreds of requests against the token's rate limit: the first
    // matching change schedules a reload, and those that follow before it share it.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const stop = onLogChange((change) => {
      if (pending !== undefined || !liveRef.current?.(change)) return;
      pending = setTimeout(() => {
        pending = undefined;
        reload();
      }, LIVE_RELOAD_MS);
    });
    return () => {
      clearTimeout(pending);
      stop();
    };
  }, [Boolean(live)]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
