/** One stream per aggregate, `category-{uuid}` (SPEC §4, as EventStoreDB's `$ce-` expects). */
export const streams = {
  article: (articleId: string) => `article-${articleId}`,
  claim: (claimId: string) => `claim-${claimId}`,
  correction: (correctionId: string) => `correction-${correctionId}`,
};

export type StreamCategory = keyof typeof streams;

/** The category and id of a stream name, or undefined for a stream that is not an aggregate's. */
export function parseStreamId(
  streamId: string,
): { category: StreamCategory; id: string } | undefined {
  const dash = streamId.indexOf('-');
  if (dash < 0 || dash === streamId.length - 1) return undefined;
  const category = streamId.slice(0, dash);
  if (category !== 'article' && category !== 'claim' && category !== 'correction') return undefined;
  return { category, id: streamId.slice(dash + 1) };
}
