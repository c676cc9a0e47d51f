import { parseDocument } from 'yaml';
import { InvalidFrontMatterError, TextError } from './errors';
import { assertComposedBounds, assertFrontMatterBounds } from './front-matter-bounds';
import { type Metadata, toJsonSafe } from './metadata';
import { isoTimestampTag } from './yaml-timestamp';

export interface SplitCapture {
  metadata: Metadata;
  body: string;
}

/** A `---` line at the very start, YAML, then a `---` (or `...`) line, as Jekyll reads it. */
const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Separates YAML front matter from the body; `content` has LF line endings already. */
export function splitFrontMatter(content: string): SplitCapture {
  const match = FRONT_MATTER.exec(content);
  if (!match) return { metadata: {}, body: content };
  return { metadata: parseFrontMatter(match[1] ?? ''), body: content.slice(match[0].length) };
}

function parseFrontMatter(yaml: string): Metadata {
  assertFrontMatterBounds(yaml);
  const value = toJsonSafe(composeFrontMatter(yaml));
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidFrontMatterError('it must be a mapping of names to values');
  }
  return value;
}

/** Anything `yaml` throws (an alias bomb is a ReferenceError) is the front matter's fault. */
function composeFrontMatter(yaml: string): unknown {
  try {
    const document = parseDocument(yaml, {
      schema: 'core',
      customTags: [isoTimestampTag],
      uniqueKeys: false,
      prettyErrors: false,
    });
    const [error] = document.errors;
    if (error) throw new InvalidFrontMatterError(error.message);
    assertComposedBounds(document);
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof TextError) throw error;
    throw new InvalidFrontMatterError(error instanceof Error ? error.message : String(error));
  }
}
