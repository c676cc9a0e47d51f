/**
 * Base of every refusal the anchoring rules raise; `code` is the SPEC's stable machine-readable
 * name, for the API to answer with.
 */
export abstract class AnchoringError extends Error {
  abstract readonly code: string;
}

/** A selector whose shape the API's body validation should have refused (400). */
export class InvalidSelectorError extends AnchoringError {
  readonly code = 'validation_failed';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field} ${detail}`);
    this.name = 'InvalidSelectorError';
  }
}

/** A quote, prefix or suffix with a lone surrogate, or not in NFC as every text is. */
export class InvalidUnicodeError extends AnchoringError {
  readonly code = 'invalid_unicode';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field} ${detail}`);
    this.name = 'InvalidUnicodeError';
  }
}

export class EmptySpanError extends AnchoringError {
  readonly code = 'empty_span';
  constructor(detail: string) {
    super(`The span is empty: ${detail}`);
    this.name = 'EmptySpanError';
  }
}

export class SpanOutOfRangeError extends AnchoringError {
  readonly code = 'span_out_of_range';
  constructor(
    readonly end: number,
    readonly length: number,
  ) {
    super(`The span ends at ${end}, beyond the text's ${length} code points`);
    this.name = 'SpanOutOfRangeError';
  }
}

export class SpanSplitsGraphemeError extends AnchoringError {
  readonly code = 'span_splits_grapheme';
  constructor(readonly offset: number) {
    super(`Offset ${offset} falls inside a grapheme cluster`);
    this.name = 'SpanSplitsGraphemeError';
  }
}

export class QuoteNotFoundError extends AnchoringError {
  readonly code = 'quote_not_found';
  constructor() {
    super('The quote does not occur in the text on grapheme cluster boundaries');
    this.name = 'QuoteNotFoundError';
  }
}

export class QuoteAmbiguousError extends AnchoringError {
  readonly code = 'quote_ambiguous';
  constructor(readonly starts: number[]) {
    super(
      `The quote occurs at ${starts.join(', ')} with equally good context; ` +
        'a longer prefix or suffix, or a position, tells them apart',
    );
    this.name = 'QuoteAmbiguousError';
  }
}

export class QuoteMismatchError extends AnchoringError {
  readonly code = 'quote_mismatch';
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super(`The quote is not the text at [${start}, ${end})`);
    this.name = 'QuoteMismatchError';
  }
}
