/**
 * Base of every error the signed-note and checkpoint rules raise on purpose; `code` is stable and
 * machine-readable, the message says which rule the input broke.
 */
export abstract class SignedNoteError extends Error {
  abstract readonly code: string;
}

/** A verifier or signer key text that is not `[PRIVATE+KEY+]<name>+<hex key id>+<base64 key>`. */
export class MalformedNoteKeyError extends SignedNoteError {
  readonly code = 'malformed_note_key';
  constructor(detail: string) {
    super(`Malformed note key: ${detail}`);
    this.name = 'MalformedNoteKeyError';
  }
}

/** A note that breaks C2SP signed-note syntax, or a text that cannot be signed as one. */
export class MalformedNoteError extends SignedNoteError {
  readonly code = 'malformed_note';
  constructor(detail: string) {
    super(`Malformed note: ${detail}`);
    this.name = 'MalformedNoteError';
  }
}

/** A well-formed note none of whose signatures comes from a known key: its text must be ignored. */
export class UnverifiedNoteError extends SignedNoteError {
  readonly code = 'unverified_note';
  constructor(readonly unknownSignatures: readonly { name: string; keyId: number }[]) {
    super('The note has no signature from a known key');
    this.name = 'UnverifiedNoteError';
  }
}

/** A signature from a known key that does not verify: the whole note is refused (C2SP SHOULD). */
export class InvalidNoteSignatureError extends SignedNoteError {
  readonly code = 'invalid_note_signature';
  constructor(
    readonly keyName: string,
    readonly keyId: number,
  ) {
    super(`The signature of key ${keyName}+${formatKeyId(keyId)} does not verify`);
    this.name = 'InvalidNoteSignatureError';
  }
}

/** Two known keys share a name and key ID: no signature by that pair can be attributed. */
export class AmbiguousNoteKeyError extends SignedNoteError {
  readonly code = 'ambiguous_note_key';
  constructor(
    readonly keyName: string,
    readonly keyId: number,
  ) {
    super(`More than one known key is ${keyName}+${formatKeyId(keyId)}`);
    this.name = 'AmbiguousNoteKeyError';
  }
}

/** A checkpoint body that breaks C2SP tlog-checkpoint syntax. */
export class MalformedCheckpointError extends SignedNoteError {
  readonly code = 'malformed_checkpoint';
  constructor(detail: string) {
    super(`Malformed checkpoint: ${detail}`);
    this.name = 'MalformedCheckpointError';
  }
}

/** The key ID as the 8 lowercase hex digits of key texts and messages. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}
