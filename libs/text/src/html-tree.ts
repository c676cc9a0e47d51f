import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** What reading an HTML document reports, in document order. */
export interface HtmlHandler {
  open(name: string): void;
  text(text: string): void;
  close(name: string): void;
}

const P = new Set(['p']);
const FORM_CONTROLS = new Set([
  'input',
  'option',
  'optgroup',
  'select',
  'button',
  'datalist',
  'textarea',
]);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DEFINITIONS = new Set(['dd', 'dt']);
const RUBY = new Set(['rt', 'rp']);

/** The open elements a start tag closes when they are on top of the stack (htmlparser2's rule). */
const CLOSED_BY_OPENING = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DEFINITIONS],
  ['dt', DEFINITIONS],
  ['rt', RUBY],
  ['rp', RUBY],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map(
    (name) => [name, FORM_CONTROLS] as const,
  ),
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((name) => [name, P] as const),
]);

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION_POINTS = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);

/**
 * Reads HTML with htmlparser2's Tokenizer and the tree rules of its Parser (implied end tags,
 * stray end tags ignored, `</p>` and `</br>` alone, self-closing tags only in SVG and MathML),
 * so the events are the ones the Parser gives, in linear time whatever the nesting. The Parser
 * keeps its open elements with `unshift`/`shift`/`indexOf`, each proportional to the depth: 400,000
 * nested `<div>`s took 71 s. Here the top of the stack is its end, and a count of open elements
 * by name answers whether an end tag matches without a scan; a scan for one that does match
 * stops at it and pops everything it passed, so each element costs one push and one pop.
 */
export function readHtml(html: string, handler: HtmlHandler): void {
  const stack: string[] = [];
  const openByName = new Map<string, number>();
  const foreign: boolean[] = [false];
  let tagName = '';

  const push = (name: string) => {
    stack.push(name);
    openByName.set(name, (openByName.get(name) ?? 0) + 1);
  };
  const pop = () => {
    const name = stack.pop() as string;
    openByName.set(name, (openByName.get(name) ?? 1) - 1);
    handler.close(name);
  };
  const top = () => stack[stack.length - 1];

  const openTag = (name: string) => {
    const closed = CLOSED_BY_OPENING.get(name);
    if (closed) while (stack.length > 0 && closed.has(top() as string)) pop();
    if (!VOID.has(name)) {
      push(name);
      if (FOREIGN.has(name)) foreign.push(true);
      else if (INTEGRATION_POINTS.has(name)) foreign.push(false);
    }
    tagName = name;
  };
  const endOpenTag = () => {
    handler.open(tagName);
    if (VOID.has(tagName)) handler.close(tagName);
    tagName = '';
  };
  const closeCurrentTag = () => {
    const name = tagName;
    endOpenTag();
    if (top() === name) pop();
  };

  const tokenizer = new Tokenizer({ decodeEntities: true }, {
    ontext: (start, end) => handler.text(html.slice(start, end)),
    ontextentity: (codePoint) => handler.text(String.fromCodePoint(codePoint)),
    onopentagname: (start, end) => openTag(html.slice(start, end).toLowerCase()),
    onopentagend: endOpenTag,
    onselfclosingtag: () => (foreign[foreign.length - 1] ? closeCurrentTag() : endOpenTag()),
    onclosetag(start, end) {
      const name = html.slice(start, end).toLowerCase();
      if (FOREIGN.has(name) || INTEGRATION_POINTS.has(name)) foreign.pop();
      if (VOID.has(name)) {
        if (name === 'br') {
          handler.open('br');
          handler.close('br');
        }
      } else if ((openByName.get(name) ?? 0) > 0) {
        while (top() !== name) pop();
        pop();
      } else if (name === 'p') {
        openTag('p');
        closeCurrentTag();
      }
    },
    onend: () => {
      while (stack.length > 0) pop();
    },
    ...IGNORED,
  } satisfies TokenizerCallbacks);
  tokenizer.write(html);
  tokenizer.end();
}

/** Attributes, comments, CDATA, doctypes and processing instructions show no text. */
const IGNORED = {
  onattribdata: () => undefined,
  onattribentity: () => undefined,
  onattribend: () => undefined,
  onattribname: () => undefined,
  oncdata: () => undefined,
  oncomment: () => undefined,
  ondeclaration: () => undefined,
  onprocessinginstruction: () => undefined,
};
