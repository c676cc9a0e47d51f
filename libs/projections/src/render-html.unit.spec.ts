import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { DEFAULT_RATING_SCALE } from '@marginalia/domain';
import { type AnnotatedView, partition, type ViewAnnotation } from './annotated-view';
import { renderViewHtml } from './render-html';

const TEXT = '𠀾先生说：<b>煤炭</b>产量 & 更多';
const RTL_OVERRIDE = '\u202E';

const anchor = (start: number, end: number) => ({
  revision: 2,
  start,
  end,
  exact: Array.from(TEXT).slice(start, end).join(''),
  prefix: '',
  suffix: '',
  state: 'anchored' as const,
  utf16Start: start,
  utf16End: end,
});

const claim: ViewAnnotation = {
  id: 'claim-1',
  type: 'claim',
  status: 'published',
  anchor: { ...anchor(0, 3), utf16End: 4 },
  statement: `"𠀾先生" said <it> & ${RTL_OVERRIDE}txet`,
  rating: 'mostly_true',
};
const correction: ViewAnnotation = {
  id: 'correction-1',
  type: 'correction',
  status: 'published',
  anchor: anchor(1, 5),
  kind: 'correction',
  replacement: '先生说：',
};

const view: AnnotatedView = {
  articleId: 'a-1',
  title: '<script>alert("标题")</script>',
  revision: 2,
  text: TEXT,
  position: 12,
  annotations: [claim, correction],
  segments: [
    { start: 0, end: 1, annotationIds: ['claim-1'] },
    { start: 1, end: 3, annotationIds: ['claim-1', 'correction-1'] },
    { start: 3, end: 5, annotationIds: ['correction-1'] },
    { start: 5, end: Array.from(TEXT).length, annotationIds: [] },
  ],
  notices: [
    {
      correctionId: 'correction-1',
      kind: 'correction',
      notice: '更正 <em>x</em> "quoted" & more',
      revision: 2,
      publishedAt: '2024-03-09T14:05:00.000Z',
    },
  ],
};

function render(options: Parameters<typeof renderViewHtml>[1] = {}, of = view) {
  const html = renderViewHtml(of, options);
  const document = parseDocument(html);
  const all = (test: (e: Element) => boolean) => DomUtils.findAll(test, document.children);
  const one = (test: (e: Element) => boolean) => all(test)[0]!;
  const byClass = (name: string) => all((e) => (e.attribs.class ?? '').split(' ').includes(name));
  const text = (e: Element | undefined) => (e ? DomUtils.textContent(e) : '');
  return { html, document, all, one, byClass, text };
}

describe('the HTML view', () => {
  it('is well-formed, with every tag closed in order', () => {
    const open: string[] = [];
    const voids = new Set(['meta', 'br']);
    const { html } = render({ language: 'zh-Hans' });
    const stack = html.matchAll(/<(\/?)([a-z][a-z0-9]*)[^>]*>/g);
    for (const [, closing, name] of stack) {
      if (voids.has(name!)) continue;
      if (closing) expect(open.pop()).toBe(name);
      else open.push(name!);
    }
    expect(open).toEqual([]);
  });

  it('escapes every piece of text and attribute: nothing of the input becomes markup', () => {
    const { html, one, all, byClass, text } = render({
      language: 'en',
      publisher: '<i>Daily</i> & "Co"',
    });
    for (const markup of ['<script>', '<b>煤炭', '<em>x', '<it>', '<i>Daily']) {
      expect(html).not.toContain(markup);
    }
    expect(text(byClass('text')[0])).toBe('𠀾先生Mostly true说：<b>煤炭</b>产量 & 更多');
    expect(text(one((e) => e.name === 'title'))).toContain('<script>alert("标题")</script>');
    expect(text(byClass('notice')[0])).toBe('更正 <em>x</em> "quoted" & more');
    expect(text(byClass('meta')[0])).toContain('<i>Daily</i> & "Co"');
    const [first] = all((e) => e.name === 'mark');
    expect(first!.attribs.title).toContain(`“"𠀾先生" said <it> & ${RTL_OVERRIDE}txet”`);
  });

  it('isolates user text so a right-to-left override cannot turn the page’s words around', () => {
    const { byClass, all, one } = render({ language: 'en' });
    expect(byClass('statement').map((e) => e.name)).toEqual(['bdi']);
    expect(byClass('notice').map((e) => e.name)).toEqual(['bdi']);
    expect(all((e) => e.name === 'bdi').every((e) => e.children.length === 1)).toBe(true);
    expect(DomUtils.textContent(one((e) => e.name === 'title'))).toMatch(/^\u2068.*\u2069 · /);
  });

  it('marks each segment with the annotations over it, splitting overlaps', () => {
    const { all, text } = render();
    const marks = all((e) => e.name === 'mark');
    expect(
      marks.map((m) => ({
        ids: m.attribs['data-annotation-ids'],
        class: m.attribs.class,
        text: text(m),
      })),
    ).toEqual([
      { ids: 'claim-1', class: 'claim', text: '𠀾' },
      { ids: 'claim-1 correction-1', class: 'claim correction overlap', text: '先生' },
      { ids: 'correction-1', class: 'correction', text: '说：' },
    ]);
    expect(marks[1]!.attribs.title!.split('\n')).toEqual([
      `Claim: “"𠀾先生" said <it> & ${RTL_OVERRIDE}txet” (Rating: Mostly true)`,
      'Correction: becomes “先生说：” (published)',
    ]);
  });

  it('shows a published rating right after its claim’s text, linked to the claim in the list', () => {
    const { all, html, one } = render({ language: 'en' });
    const [badge] = all((e) => e.attribs.class === 'badge');
    expect(badge!.name).toBe('a');
    expect(DomUtils.textContent(badge!)).toBe('Mostly true');
    expect(badge!.attribs['aria-label']).toBe('Rating: Mostly true');
    expect(badge!.attribs.href).toBe('#annotation-claim-1');
    expect(one((e) => e.attribs.id === 'annotation-claim-1')).toBeDefined();
    // Right where the claim's span ends: after 𠀾先生, inside the correction that goes on.
    expect(html).toMatch(/>先生<\/mark><a class="badge"[^>]*>Mostly true<\/a><mark[^>]*>说：/);
  });

  it('shows no rating for a claim without a published verdict, nor for an orphan', () => {
    const open: ViewAnnotation = { ...claim, id: 'claim-2', status: 'assigned', rating: null };
    const orphan: ViewAnnotation = {
      ...claim,
      id: 'claim-3',
      anchor: { ...claim.anchor!, state: 'orphaned' },
    };
    const { byClass, text, one } = render(
      { language: 'en' },
      {
        ...view,
        annotations: [open, orphan],
        segments: [{ start: 0, end: 4, annotationIds: ['claim-2'] }],
      },
    );
    expect(byClass('badge')).toEqual([]);
    expect(text(one((e) => e.attribs.id === 'annotation-claim-2'))).toContain('not yet rated');
    expect(text(one((e) => e.attribs.id === 'annotation-claim-3'))).toContain(
      'not found in this revision',
    );
  });

  it('has no notices heading when there is no notice', () => {
    const { all, html } = render({ language: 'en' }, { ...view, notices: [] });
    expect(all((e) => e.name === 'h2').map((e) => DomUtils.textContent(e))).toEqual([
      'Claims and corrections',
    ]);
    expect(html).not.toContain('class="notices"');
  });

  it('speaks the article’s language: Simplified Chinese', () => {
    const { one, all, byClass, text } = render({
      language: 'zh-Hans',
      publishedAt: '2024-03-08T10:29:15+08:00',
      publisher: '山西日报客户端',
    });
    expect(one((e) => e.name === 'html').attribs.lang).toBe('zh-Hans');
    expect(all((e) => e.name === 'h2').map((e) => text(e))).toEqual([
      '更正与说明',
      '核查的说法与更正',
    ]);
    expect(text(byClass('meta')[0])).toBe(
      '第 2 版 · 发布于 2024年3月8日 10:29 UTC+8 · 山西日报客户端',
    );
    expect(text(byClass('badge')[0])).toBe('基本正确');
    expect(byClass('badge')[0]!.attribs['aria-label']).toBe('评级：基本正确');
    expect(text(byClass('notices')[0])).toContain('第 2 版 · 2024年3月9日 14:05 UTC');
    expect(text(one((e) => e.attribs.id === 'annotation-correction-1'))).toBe(
      '更正 改为 “先生说：” （已发布）',
    );
  });

  it('speaks the article’s language: Traditional Chinese, for zh-Hant and for Taiwan', () => {
    for (const language of ['zh-Hant', 'zh-TW', 'zh-Hant-HK']) {
      const { one, byClass, all, text } = render({ language });
      expect(one((e) => e.name === 'html').attribs.lang).toBe(language);
      expect(text(byClass('badge')[0])).toBe('基本正確');
      expect(all((e) => e.name === 'h2').map((e) => text(e))).toEqual([
        '更正與說明',
        '核查的說法與更正',
      ]);
    }
  });

  it('speaks English on any other article, and says so on its own words', () => {
    const { one, byClass, all } = render({ language: 'fr' });
    expect(one((e) => e.name === 'html').attribs.lang).toBe('fr');
    expect(byClass('meta')[0]!.attribs.lang).toBe('en');
    expect(all((e) => e.name === 'h2').map((e) => e.attribs.lang)).toEqual(['en', 'en']);
    // Quotes of the article and its annotations' texts keep the article's language.
    expect(byClass('statement').map((e) => e.attribs.lang)).toEqual(['fr']);
    expect(byClass('notice').map((e) => e.attribs.lang)).toEqual(['fr']);
    expect(render({ language: 'en-GB' }).byClass('meta')[0]!.attribs.lang).toBeUndefined();
    expect(render({ language: 'en-GB' }).byClass('statement')[0]!.attribs.lang).toBeUndefined();
    expect(render({ language: 'x" onload="y' }).one((e) => e.name === 'html').attribs.lang).toBe(
      'en',
    );
  });

  it('says when it shows the article as it stood at an earlier point of the log', () => {
    const meta = (options: Parameters<typeof renderViewHtml>[1]) =>
      render(options).byClass('meta').map(DomUtils.textContent);
    expect(meta({ language: 'zh-Hans', replayed: { at: 12 } })).toEqual([
      '第 2 版 · 回放：日志位置 12 时的状态',
    ]);
    expect(meta({ language: 'en', replayed: { asOf: '2024-03-09T09:00:00+08:00' } })).toEqual([
      'Revision 2 · Replayed as of 9 March 2024, 09:00 UTC+8',
    ]);
    expect(meta({ language: 'en' })).toEqual(['Revision 2']);
  });

  it('gives each date in words with its ISO value in <time datetime>', () => {
    const { all, text } = render({ language: 'en', publishedAt: '2024-03-08T10:29:15+08:00' });
    expect(all((e) => e.name === 'time').map((e) => [e.attribs.datetime, text(e)])).toEqual([
      ['2024-03-08T10:29:15+08:00', '8 March 2024, 10:29 UTC+8'],
      ['2024-03-09T14:05:00.000Z', '9 March 2024, 14:05 UTC'],
    ]);
  });

  it('keeps a configured scale’s own labels, in every language', () => {
    const scale = {
      ...DEFAULT_RATING_SCALE,
      ratings: DEFAULT_RATING_SCALE.ratings.map((r) =>
        r.id === 'mostly_true' ? { ...r, label: 'Largely accurate' } : r,
      ),
    };
    const { byClass, text } = render({ language: 'zh-Hans', ratingScale: scale });
    expect(text(byClass('badge')[0])).toBe('Largely accurate');
    const custom = { ...scale, ratings: [{ id: 'pants_on_fire', label: '荒谬', value: 1 }] };
    const onFire = { ...view, annotations: [{ ...claim, rating: 'pants_on_fire' }, correction] };
    expect(text(render({ language: 'en', ratingScale: custom }, onFire).byClass('badge')[0])).toBe(
      '荒谬',
    );
  });

  it('names a few annotations in a mark’s tooltip and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i): ViewAnnotation => ({
      ...claim,
      id: `c${i}`,
      rating: null,
      status: 'open',
    }));
    const { all } = render(
      { language: 'en' },
      {
        ...view,
        annotations: many,
        segments: [{ start: 0, end: 3, annotationIds: many.map((a) => a.id) }],
      },
    );
    const title = all((e) => e.name === 'mark')[0]!.attribs.title!.split('\n');
    expect(title).toHaveLength(4);
    expect(title[3]).toBe('and 2 more');
  });
});

describe('the HTML view of a long article', () => {
  /** `count` claims over a text of 12 code points each, every one overlapping the next two. */
  function crowded(count: number): AnnotatedView {
    const text = '山西煤炭产量𠀾&<b>"\u202E'.repeat(count);
    const annotations = Array.from({ length: count }, (_, i): ViewAnnotation => ({
      ...claim,
      id: `claim-${i}`,
      anchor: { ...anchor(12 * i, Math.min(12 * i + 30, 12 * count)), revision: 2 },
      rating: i % 2 === 0 ? 'false' : null,
    }));
    return {
      ...view,
      text,
      annotations,
      segments: partition(Array.from(text).length, annotations),
    };
  }

  function cpuTime(of: AnnotatedView): number {
    const start = process.cpuUsage();
    renderViewHtml(of, { language: 'zh-Hans' });
    const { user, system } = process.cpuUsage(start);
    return user + system;
  }

  it('takes time linear in the text and its annotations', () => {
    const small = crowded(2_000);
    const large = crowded(8_000);
    for (let warmUp = 0; warmUp < 2; warmUp += 1) {
      cpuTime(small);
      cpuTime(large);
    }
    const times = { small: [] as number[], large: [] as number[] };
    // In turns, so that a burst of other work on the machine slows both sizes alike.
    for (let run = 0; run < 4; run += 1) {
      times.small.push(cpuTime(small));
      times.large.push(cpuTime(large));
    }
    // Four times the input: a linear renderer takes about four times as long, a quadratic one 16.
    const ratio = Math.min(...times.large) / Math.min(...times.small);
    expect(ratio).toBeLessThan(8);
  });
});
