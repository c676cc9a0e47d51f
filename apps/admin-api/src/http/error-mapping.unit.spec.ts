import {
  InvalidSelectorError,
  QuoteAmbiguousError,
  SpanOutOfRangeError,
  InvalidUnicodeError as AnchoringUnicodeError,
} from '@marginalia/anchoring';
import { DomainError, type DomainErrorCode } from '@marginalia/domain';
import { VersionConflictError, VersionMismatchError } from '@marginalia/editorial';
import { EventStoreUnavailableError } from '@marginalia/event-store';
import { InvalidFrontMatterError, InvalidUnicodeError } from '@marginalia/text';
import { errorToProblem } from './error-mapping';

describe('one mapping from errors to problems', () => {
  it.each<[DomainErrorCode, number]>([
    ['validation_failed', 400],
    ['forbidden', 403],
    ['not_found', 404],
    ['invalid_transition', 409],
    ['self_approval_forbidden', 409],
    ['correction_orphaned', 409],
    ['article_exists', 409],
    ['verdict_needs_source', 422],
    ['revision_not_found', 422],
    ['revision_unchanged', 422],
  ])('the domain’s %s is %i with its code and message', (code, status) => {
    expect(errorToProblem(new DomainError(code, 'Why it was refused'))).toEqual({
      type: `urn:marginalia:problem:${code}`,
      title: expect.any(String),
      status,
      detail: 'Why it was refused',
      code,
    });
  });

  it('keeps a refusal’s facts: the existing articleId, the field as errors', () => {
    const exists = new DomainError('article_exists', 'Already imported', { articleId: 'a-1' });
    expect(errorToProblem(exists)).toMatchObject({ status: 409, articleId: 'a-1' });
    const invalid = new DomainError('validation_failed', 'The capture has no text', {
      field: 'content',
    });
    expect(errorToProblem(invalid).errors).toEqual([
      { field: 'content', message: 'The capture has no text' },
    ]);
  });

  it('anchoring refusals are 422 with their code; a malformed selector is 400', () => {
    expect(errorToProblem(new SpanOutOfRangeError(99, 10))).toMatchObject({
      status: 422,
      code: 'span_out_of_range',
    });
    expect(errorToProblem(new QuoteAmbiguousError([1, 9]))).toMatchObject({
      status: 422,
      code: 'quote_ambiguous',
    });
    expect(errorToProblem(new AnchoringUnicodeError('selector.exact', 'is not NFC'))).toMatchObject(
      { status: 422, code: 'invalid_unicode', errors: [{ field: 'selector.exact' }] },
    );
    expect(errorToProblem(new InvalidSelectorError('selector.start', 'is negative'))).toMatchObject(
      { status: 400, code: 'validation_failed', errors: [{ field: 'selector.start' }] },
    );
  });

  it('text refusals are 422 with their code', () => {
    expect(errorToProblem(new InvalidUnicodeError('content'))).toMatchObject({
      status: 422,
      code: 'invalid_unicode',
      errors: [{ field: 'content' }],
    });
    expect(errorToProblem(new InvalidFrontMatterError('a list'))).toMatchObject({
      status: 422,
      code: 'invalid_front_matter',
    });
  });

  it('a stale If-Match is 412, a race lost twice 409, an unavailable log 503', () => {
    expect(errorToProblem(new VersionMismatchError('article-1', 0, 2))).toMatchObject({
      status: 412,
      code: 'version_mismatch',
      expectedVersion: 0,
      currentVersion: 2,
    });
    expect(errorToProblem(new VersionConflictError('article-1'))).toMatchObject({
      status: 409,
      code: 'version_conflict',
    });
    expect(errorToProblem(new EventStoreUnavailableError('disk gone'))).toMatchObject({
      status: 503,
      code: 'event_store_unavailable',
    });
  });

  it('anything else is a 500 that says nothing of the internals', () => {
    const problem = errorToProblem(
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    );
    expect(problem).toEqual({
      type: 'urn:marginalia:problem:internal_error',
      title: 'Internal error',
      status: 500,
      detail: 'Internal error',
      code: 'internal_error',
    });
  });
});
