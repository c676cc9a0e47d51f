export * from './capture-to-text';
export * from './errors';
export { type Metadata, type MetadataValue } from './metadata';
export { normalizeText, normalizeLineEndings, textSha256, hasLoneSurrogate } from './normalize';
export { htmlToText } from './html-to-text';
export { markdownToText } from './markdown-to-text';
export { isoTimestamp } from './yaml-timestamp';
