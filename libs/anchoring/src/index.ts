export * from './errors';
export {
  type Anchor,
  CONTEXT_LENGTH,
  anchorAt,
  prefixBefore,
  suffixAfter,
  utf16Range,
} from './anchor';
export { RevisionText } from './revision-text';
export { checkArticleUnicode } from './unicode';
export { type Selector, resolveSelector, checkSelectorUnicode, checkSpan } from './selector';
export * from './reanchor-result';
export { type AnchoredSpan, Reanchoring, prepareReanchoring, reanchor } from './reanchoring';
export { reanchorByQuote } from './reanchor-by-quote';
export { SHORT_QUOTE, samePassage } from './passage-evidence';
export { THINNED_WORD, THINNING_RUN, thinnedPassage } from './thinned-passage';
