import type { InvalidFrontMatterError, InvalidUnicodeError } from '@marginalia/text';
import { type Decider, fold } from '../shared/decider';
import { DomainError, type DomainErrorCode } from '../shared/domain-error';

/** A decision refuses with a domain code, or with the text rules' own while reading a capture. */
type RefusalCode = DomainErrorCode | InvalidUnicodeError['code'] | InvalidFrontMatterError['code'];

/**
 * Given/when/then specifications of a decider, in the style of Emmett's DeciderSpecification:
 * `spec.given([events]).when(command).then([events])`, `.thenNothing()` for a no-op, or
 * `.thenThrows(code)` for a refusal, which by construction records no event.
 */
export function deciderSpecification<Command, Event, State>(
  decider: Decider<Command, Event, State>,
) {
  return {
    given(history: readonly Event[]) {
      return {
        when(command: Command) {
          const decide = () => decider.decide(command, fold(decider, history));
          return {
            then(expected: readonly Event[]): Event[] {
              const events = decide();
              expect(events).toEqual(expected);
              return events;
            },
            thenNothing(): void {
              expect(decide()).toEqual([]);
            },
            thenThrows(code: RefusalCode, message?: string | RegExp): DomainError {
              let refusal: unknown;
              let events: Event[] | undefined;
              try {
                events = decide();
              } catch (error) {
                refusal = error;
              }
              expect(events).toBeUndefined();
              expect(refusal).toBeInstanceOf(Error);
              expect(refusal).toMatchObject({ code });
              if (message !== undefined) expect((refusal as Error).message).toMatch(message);
              return refusal as DomainError;
            },
          };
        },
      };
    },
  };
}

export { DomainError };
