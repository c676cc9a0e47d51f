/** A write that named the version it expected (If-Match) and found another: HTTP 412. */
export class VersionMismatchError extends Error {
  readonly code = 'version_mismatch';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(
      `${streamId} is at version ${actual ?? 'none'}, not ${expected}; read it again before changing it`,
    );
    this.name = 'VersionMismatchError';
  }
}

/** A write that lost the race twice, deciding again on fresh state in between: HTTP 409. */
export class VersionConflictError extends Error {
  readonly code = 'version_conflict';
  constructor(readonly streamId: string) {
    super(`${streamId} kept changing while this change was decided; try again`);
    this.name = 'VersionConflictError';
  }
}
