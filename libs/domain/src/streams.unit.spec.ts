import { parseStreamId, streams } from './streams';
import { ids } from './testing/fixtures';

describe('stream names', () => {
  it('name one stream per aggregate, category first', () => {
    expect(streams.article(ids.coalArticle)).toBe(`article-${ids.coalArticle}`);
    expect(streams.claim(ids.claim)).toBe(`claim-${ids.claim}`);
    expect(streams.correction(ids.correction)).toBe(`correction-${ids.correction}`);
  });

  it.each([
    ['article', ids.coalArticle],
    ['claim', ids.claim],
    ['correction', ids.correction],
  ] as const)('a %s stream is read back as its category and the whole UUID', (category, id) => {
    expect(parseStreamId(streams[category](id))).toEqual({ category, id });
  });

  it.each([
    ['a stream without a category', ids.claim.replace(/-/g, '')],
    ['an unknown category', `verdict-${ids.claim}`],
    ['a category in the wrong case', `Claim-${ids.claim}`],
    ['a plural name without an id', 'articles'],
    ['a system stream', '$ce-claim'],
    ['a category projection of EventStoreDB', `$et-ClaimCaptured`],
    ['a category with an empty id', 'article-'],
  ])('%s is not an aggregate’s stream', (_what, streamId) => {
    expect(parseStreamId(streamId)).toBeUndefined();
  });
});
