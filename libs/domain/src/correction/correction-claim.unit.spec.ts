import { deciderSpecification } from '../testing/decider-specification';
import { correctionWas, editor, ids, proposeCorrection } from '../testing/fixtures';
import { correctionDecider } from './correction.decide';

const spec = deciderSpecification(correctionDecider);

describe('a correction that answers a claim', () => {
  it('names a claim on its own article', () => {
    spec
      .given([])
      .when(
        proposeCorrection(editor, {
          kind: 'update',
          claimId: ids.claim,
          claimArticleId: ids.yangquanArticle,
        }),
      )
      .then([correctionWas.proposed({ kind: 'update', claimId: ids.claim })]);
  });

  it('is refused when the claim is on another article, naming the claimId field', () => {
    const refusal = spec
      .given([])
      .when(
        proposeCorrection(editor, {
          kind: 'update',
          claimId: ids.claim,
          claimArticleId: ids.coalArticle,
        }),
      )
      .thenThrows('validation_failed', `No claim ${ids.claim} on this article`);
    expect(refusal.details).toEqual({ field: 'claimId' });
  });

  it('is refused when no such claim was found', () => {
    spec
      .given([])
      .when(proposeCorrection(editor, { kind: 'update', claimId: ids.claim, claimArticleId: null }))
      .thenThrows('validation_failed', `No claim ${ids.claim} on this article`);
  });

  it('is refused for its claim before its shape: a bad claim is named first', () => {
    spec
      .given([])
      .when(
        proposeCorrection(editor, {
          claimId: ids.claim,
          claimArticleId: null,
          notice: ' ',
        }),
      )
      .thenThrows('validation_failed', /No claim/);
  });
});
