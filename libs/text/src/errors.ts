/** Base of every error the text rules raise on purpose; `code` is stable and machine-readable. */
export abstract class TextError extends Error {
  abstract readonly code: string;
}

/** A capture holding a lone surrogate: it has no UTF-8 form, so it cannot have a `textSha256`. */
export class InvalidUnicodeError extends TextError {
  readonly code = 'invalid_unicode';
  constructor(readonly field: string) {
    super(`${field} contains a lone surrogate`);
    this.name = 'InvalidUnicodeError';
  }
}

/** Front matter that is not a YAML mapping: importing it would silently lose or invent metadata. */
export class InvalidFrontMatterError extends TextError {
  readonly code = 'invalid_front_matter';
  constructor(detail: string) {
    super(`The front matter is not a valid YAML mapping: ${detail}`);
    this.name = 'InvalidFrontMatterError';
  }
}
