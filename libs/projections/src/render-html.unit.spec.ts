import { Parser } from 'htmlparser2';
import type { AnnotatedView } from './annotated-view';
import { renderViewHtml } from './render-html';

const view: AnnotatedView = {
  articleId: 'a-1',
  title: '<script>alert("标题")</script>',
  revision: 2,
  text: '𠀾先生说：<b>煤炭</b>产量 & 更多',
  position: 12,
  annotations: [
    {
      id: 'claim-1',
      type: 'claim',
      status: 'published',
      anchor: {
        revision: 2,
        start: 0,
        end: 3,
        exact: '𠀾先生',
        prefix: '',
        suffix: '说',
        state: 'anchored',
        utf16Start: 0,
        utf16End: 4,
      },
      statement: '"𠀾先生" said <it>',
      rating: 'mostly_true',
    },
    {
      id: 'correction-1',
      type: 'correction',
      status: 'published',
      anchor: {
        revision: 2,
        start: 1,
        end: 5,
        exact: '先生说：',
        prefix: '𠀾',
        suffix: '<',
        state: 'anchored',
        utf16Start: 2,
        utf16End: 6,
      },
      kind: 'correction',
      replacement: '先生说：',
    },
  ],
  segments: [
    { start: 0, end: 1, annotationIds: ['claim-1'] },
    { start: 1, end: 3, annotationIds: ['claim-1', 'correction-1'] },
    { start: 3, end: 5, annotationIds: ['correction-1'] },
    { start: 5, end: Array.from('𠀾先生说：<b>煤炭</b>产量 & 更多').length, annotationIds: [] },
  ],
  notices: [
    {
      correctionId: 'correction-1',
      kind: 'correction',
      notice: '更正 <em>x</em>',
      revision: 2,
      publishedAt: '2024-03-08T03:00:00.000Z',
    },
  ],
};

function parse(html: string) {
  const open: string[] = [];
  const marks: Array<{ ids: string; text: string }> = [];
  let text = '';
  let inMark: { ids: string; text: string } | undefined;
  const voids = new Set(['meta', 'br']);
  new Parser(
    {
      onopentag(name, attributes) {
        if (!voids.has(name)) open.push(name);
        if (name === 'mark') inMark = { ids: attributes['data-annotation-ids'] ?? '', text: '' };
      },
      ontext(data) {
        text += data;
        if (inMark) inMark.text += data;
      },
      onclosetag(name) {
        if (voids.has(name)) return;
        expect(open.pop()).toBe(name);
        if (name === 'mark' && inMark) {
          marks.push(inMark);
          inMark = undefined;
        }
      },
    },
    { decodeEntities: true },
  ).end(html);
  return { open, marks, text };
}

describe('the HTML view', () => {
  it('is well-formed, with every tag closed in order', () => {
    expect(parse(renderViewHtml(view)).open).toEqual([]);
  });

  it('escapes every piece of text: nothing of the article or the annotations becomes markup', () => {
    const html = renderViewHtml(view);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>煤炭');
    expect(html).not.toContain('<em>x');
    expect(html).not.toContain('<it>');
    expect(parse(html).text).toContain('𠀾先生说：<b>煤炭</b>产量 & 更多');
  });

  it('marks each segment with the annotations over it, splitting overlaps', () => {
    expect(parse(renderViewHtml(view)).marks).toEqual([
      { ids: 'claim-1', text: '𠀾' },
      { ids: 'claim-1 correction-1', text: '先生' },
      { ids: 'correction-1', text: '说：' },
    ]);
  });

  it('shows the published rating and the correction notices', () => {
    const html = renderViewHtml(view, {
      rating: (id) => (id === 'mostly_true' ? 'Mostly true' : id),
    });
    expect(html).toContain('Mostly true');
    expect(parse(html).text).toContain('更正 <em>x</em>');
  });
});
