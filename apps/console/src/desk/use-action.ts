/** One button's request: busy while it runs, its refusal kept for the words beside it. */
import { useState } from 'preact/hooks';

export interface Action {
  busy: boolean;
  error: unknown;
  /** What the last success said, for a polite status message. */
  done: string | undefined;
  run: (request: () => Promise<unknown>, done?: string) => Promise<boolean>;
  /** Shows a refusal decided in the browser (a field the server would refuse anyway). */
  refuse: (error: unknown) => void;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  return {
    busy,
    error,
    done,
    async run(request, message) {
      setBusy(true);
      setError(undefined);
      setDone(undefined);
      try {
        await request();
        setDone(message);
        return true;
      } catch (failure) {
        setError(failure);
        return false;
      } finally {
        setBusy(false);
      }
    },
    refuse(failure) {
      setDone(undefined);
      setError(failure);
    },
    clear() {
      setError(undefined);
      setDone(undefined);
    },
  };
}
