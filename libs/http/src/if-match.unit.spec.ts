import { HttpException } from '@nestjs/common';
import { etagOf, parseIfMatch } from './if-match';

function refusal(header: string | undefined, required: boolean) {
  try {
    parseIfMatch(header, { required });
  } catch (error) {
    return (error as HttpException).getResponse();
  }
  throw new Error('expected a refusal');
}

describe('If-Match', () => {
  it('names the version of an ETag the API gave out', () => {
    expect(parseIfMatch(etagOf(3), { required: false })).toBe(3);
    expect(parseIfMatch(' "0" ', { required: true })).toBe(0);
  });

  it('is optional on a mutation that does not require it', () => {
    expect(parseIfMatch(undefined, { required: false })).toBeUndefined();
  });

  it('is 428 precondition_required where required (every PATCH) and missing', () => {
    expect(refusal(undefined, true)).toMatchObject({ status: 428, code: 'precondition_required' });
    expect(refusal('', true)).toMatchObject({ status: 428, code: 'precondition_required' });
  });

  it('* asks for no particular version', () => {
    expect(parseIfMatch('*', { required: true })).toBeUndefined();
  });

  it.each(['3', 'W/"3"', '"3", "4"', '"-1"', '"abc"', '"1e3"'])(
    'refuses %s as 400 validation_failed naming If-Match',
    (header) => {
      expect(refusal(header, false)).toMatchObject({
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'If-Match' }],
      });
    },
  );
});
