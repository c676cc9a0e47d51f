import { type StoredEvent } from '@marginalia/event-store';

/* ---------------------------------------------------------------------------------------------
 * SPEC §5 and §8 as state machines, written from the SPEC for this test. `step` refuses an
 * event the workflow does not allow from the state; `ARROWS` are the status changes SPEC §5
 * draws (staying in a status is always allowed).
 * ------------------------------------------------------------------------------------------- */

export type Step<Model> = (model: Model | null, event: StoredEvent) => Model;

class Skipped extends Error {}
export const refuse = (reason: string): never => {
  throw new Skipped(reason);
};

/** Folds a stream through `step` and checks every status change against `arrows`. */
export function walk<Model, Status extends string>(
  events: readonly StoredEvent[],
  step: Step<Model>,
  status: (model: Model) => Status,
  arrows: Record<Status, readonly Status[]>,
): { violation?: string } {
  let model: Model | null = null;
  for (const event of events) {
    const before = model && status(model);
    try {
      model = step(model, event);
    } catch (error) {
      if (!(error instanceof Skipped)) throw error;
      return { violation: `revision ${event.revision} ${event.type}: ${error.message}` };
    }
    const after = status(model);
    if (before !== null && before !== after && !arrows[before].includes(after)) {
      return {
        violation: `revision ${event.revision} ${event.type}: ${before} → ${after} skips a step`,
      };
    }
  }
  return {};
}

export function foldTo<Model>(
  events: readonly StoredEvent[],
  revision: number,
  step: Step<Model>,
): Model | null {
  try {
    return events
      .slice(0, revision + 1)
      .reduce<Model | null>((model, event) => step(model, event), null);
  } catch (error) {
    if (error instanceof Skipped) return null;
    throw error;
  }
}

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function show(value: unknown): string {
  return JSON.stringify(value);
}
