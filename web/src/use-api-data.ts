import { useCallback, useEffect, useRef, useState } from 'react';
import type { Outcome } from './api.js';

export interface ApiData<T> {
  data: T | null;
  /** The refused call's status, or undefined for a network failure; null when it went well. */
  failure: { status?: number; body?: unknown } | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Data a page reads from the service: loaded when the page opens, again on `reload()` (after an
 * action changed it). An answer that arrives after a newer call started is dropped.
 */
export function useApiData<T>(load: () => Promise<Outcome<T>>, enabled = true): ApiData<T> {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<ApiData<T>['failure']>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    const outcome = await loader.current();
    if (call !== latest.current) return;
    setLoading(false);
    if (outcome.ok) {
      setData(outcome.data);
      setFailure(null);
    } else {
      setFailure({ status: outcome.status, body: outcome.body });
    }
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  return { data, failure, loading, reload };
}
