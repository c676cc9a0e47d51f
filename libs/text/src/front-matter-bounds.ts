import { isAlias, isMap, isNode, isScalar, isSeq, Lexer, type Document } from 'yaml';
import { InvalidFrontMatterError } from './errors';

/** Far above any real front matter (Jekyll's are a few hundred bytes); bounds YAML's cost. */
export const MAX_FRONT_MATTER_LENGTH = 64 * 1024;
/**
 * Nesting levels, estimated from above. The `yaml` package composes nodes recursively: 1,000
 * nested `[` overflow the stack and 10,000 crash the process in V8's regex compiler.
 */
export const MAX_FRONT_MATTER_NESTING = 64;
/** What the aliases may expand the front matter to, in characters of its values. */
export const MAX_FRONT_MATTER_EXPANSION = 4 * MAX_FRONT_MATTER_LENGTH;
/** Each alias costs `yaml` a walk over the document's anchors and copies its anchor's value. */
export const MAX_FRONT_MATTER_ALIASES = 100;

const INDICATORS = new Set(['-', '?', ':']);

/**
 * Refuses front matter whose size, nesting or aliases would cost `yaml` more than linear time,
 * or its stack, before `yaml` composes it. Reads the tokens of yaml's own lexer (linear, no
 * recursion), so brackets inside quoted or block scalars and comments do not count. The
 * nesting estimate is the open flow collections, the open indentation levels and the block
 * indicators (`-`, `?`, `:`) on the line: each level of nesting needs one of these.
 */
export function assertFrontMatterBounds(yaml: string): void {
  if (yaml.length > MAX_FRONT_MATTER_LENGTH) {
    throw new InvalidFrontMatterError(`it is longer than ${MAX_FRONT_MATTER_LENGTH} characters`);
  }
  const indents: number[] = [];
  let flow = 0;
  let indicators = 0;
  let aliases = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(yaml)) {
    const first = token[0];
    // Tokens below U+0020 other than a line break are the lexer's markers (document, scalar).
    if (lineStart && first !== undefined && first >= ' ') {
      const indent = first === ' ' ? token.length : 0;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      lineStart = false;
    }
    if (token === '\n' || token === '\r\n') {
      lineStart = true;
      indicators = 0;
    } else if (token === '[' || token === '{') flow += 1;
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1);
    else if (INDICATORS.has(token)) indicators += 1;
    else if (first === '*') aliases += 1;
    if (flow + indents.length + indicators > MAX_FRONT_MATTER_NESTING) {
      throw new InvalidFrontMatterError(`it nests deeper than ${MAX_FRONT_MATTER_NESTING} levels`);
    }
  }
  if (aliases > MAX_FRONT_MATTER_ALIASES) {
    throw new InvalidFrontMatterError(`it has more than ${MAX_FRONT_MATTER_ALIASES} aliases`);
  }
}

/**
 * Refuses a composed document with a duplicate key, or whose aliases would expand it past
 * MAX_FRONT_MATTER_EXPANSION characters: `toJS` copies an anchor's value for each alias, so 100
 * aliases of a 60 KiB list made 6.5 MB of metadata. Duplicates are found with one set per
 * mapping: yaml's `uniqueKeys` compares each key with every earlier one (16,000 keys, 6.8 s).
 * The equality is yaml's: scalar keys by value, other keys (collections, aliases) never equal.
 * Recursive, but only after assertFrontMatterBounds has bounded the nesting.
 */
export function assertComposedBounds(document: Document): void {
  const anchors = new Map<string, number>();
  const walk = (node: unknown): number => {
    if (isAlias(node)) return anchors.get(node.source) ?? 0;
    let length = 1;
    if (isScalar(node)) length += String(node.value).length;
    else if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const { key, value } of node.items) {
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (keys.has(key.value)) {
            throw new InvalidFrontMatterError(`Map keys must be unique: ${String(key.value)}`);
          }
          keys.add(key.value);
        }
        length += walk(key) + walk(value);
      }
    } else if (isSeq(node)) for (const item of node.items) length += walk(item);
    if (isNode(node) && node.anchor !== undefined) anchors.set(node.anchor, length);
    return length;
  };
  if (walk(document.contents) > MAX_FRONT_MATTER_EXPANSION) {
    throw new InvalidFrontMatterError(
      `its aliases expand to more than ${MAX_FRONT_MATTER_EXPANSION} characters`,
    );
  }
}
