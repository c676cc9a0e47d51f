import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { readHtml } from './html-tree';

/** What the text rules see of a document: opened and closed elements and text, in order. */
function eventsOf(html: string): string[] {
  const events: string[] = [];
  readHtml(html, {
    open: (name) => events.push(`<${name}>`),
    text: (text) => events.push(text),
    close: (name) => events.push(`</${name}>`),
  });
  return events;
}

/** The same through htmlparser2's own Parser, which html-to-text used before (quadratic). */
function parserEventsOf(html: string): string[] {
  const events: string[] = [];
  const parser = new Parser(
    {
      onopentag: (name) => events.push(`<${name}>`),
      ontext: (text) => events.push(text),
      onclosetag: (name) => events.push(`</${name}>`),
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  return events;
}

/** Tag soup: implied ends, stray and misnested ends, void, foreign and raw-text elements. */
const PIECES = [
  ...['div', 'p', 'b', 'li', 'table', 'tr', 'td', 'th', 'tbody', 'tfoot', 'thead', 'pre'],
  ...['h1', 'dd', 'dt', 'rt', 'rp', 'select', 'option', 'optgroup', 'button', 'ul', 'head'],
  ...['svg', 'math', 'mi', 'title', 'a', 'span', 'textarea', 'script', 'body', 'x-y'],
].flatMap((name) => [`<${name}>`, `</${name}>`, `<${name}/>`, `<${name.toUpperCase()} a="&amp;">`]);
const OTHERS = [
  '<br>',
  '</br>',
  '<br/>',
  '<hr>',
  '<input/>',
  '<img src=a>',
  '</img>',
  '<!-- c -->',
];
const TEXT = ['x', '甲', ' ', '\n', '&amp;', '&#x1F600;', '&nbsp', '<', '&', '</', '<!--', '<!x>'];

describe('reading HTML', () => {
  it('gives the events of htmlparser2’s Parser on any tag soup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES, ...OTHERS, ...TEXT), { maxLength: 60 }),
        (pieces) => {
          const html = pieces.join('');
          expect(eventsOf(html)).toEqual(parserEventsOf(html));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('closes what an end tag closes, and everything left at the end', () => {
    expect(eventsOf('<div><b>x</div>y</p><svg><path/></svg>')).toEqual([
      '<div>',
      '<b>',
      'x',
      '</b>',
      '</div>',
      'y',
      '<p>',
      '</p>',
      '<svg>',
      '<path>',
      '</path>',
      '</svg>',
    ]);
  });
});
