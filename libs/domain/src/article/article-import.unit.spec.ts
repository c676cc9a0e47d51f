import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RevisionText } from '@marginalia/anchoring';
import { type CaptureFormat, textSha256 } from '@marginalia/text';
import type { Actor } from '../shared/actor';
import { deciderSpecification } from '../testing/decider-specification';
import {
  articleImported,
  articleReimported,
  COAL_CLAIM,
  COAL_TEXT,
  editor,
  ids,
  standardsEditor,
  system,
  withRoles,
} from '../testing/fixtures';
import type { ImportArticle, ReviseArticle } from './article.commands';
import { articleDecider } from './article.decide';
import type { ArticleEvent, ArticleImported } from './article.events';

const spec = deciderSpecification(articleDecider);
const articleId = ids.coalArticle;
const corpus000 = readFileSync(
  join(__dirname, '../../../../corpus/000_d9281aa7de545bf9.txt'),
  'utf8',
);

const REVISED_TEXT = COAL_TEXT.replace('13.78亿吨', '13.78亿吨(原煤)');

const source = {
  url: 'https://www.sxrbw.com/static/content/SZXW/2024-03-08/1215593765296414720.html',
  publisher: '山西日报客户端',
  publishedAt: '2024-03-08T10:29:15+08:00',
};

function importArticle(actor: Actor, overrides: Partial<ImportArticle> = {}): ImportArticle {
  return {
    type: 'ImportArticle',
    articleId,
    title: '7个关键词,来看山西代表团媒体开放日',
    language: 'zh-Hans',
    format: 'text',
    content: corpus000,
    source,
    externalId: 'sxrb-1215593765296414720',
    actor,
    ...overrides,
  };
}

function reviseArticle(actor: Actor, overrides: Partial<ReviseArticle> = {}): ReviseArticle {
  return {
    type: 'ReviseArticle',
    articleId,
    content: REVISED_TEXT,
    format: null,
    reason: '来源页面补充了统计口径',
    actor,
    ...overrides,
  };
}

function importedAs(data: Partial<ArticleImported>): ArticleEvent {
  return {
    type: 'ArticleImported',
    data: {
      articleId,
      title: '7个关键词,来看山西代表团媒体开放日',
      language: 'zh-Hans',
      format: 'text',
      source,
      externalId: 'sxrb-1215593765296414720',
      raw: corpus000,
      text: corpus000,
      textSha256: textSha256(corpus000),
      revision: 1,
      metadata: {},
      ...data,
    },
  };
}

function revisedAs(revision: number, raw: string, text: string, format = 'text'): ArticleEvent {
  return {
    type: 'ArticleRevised',
    data: {
      articleId,
      revision,
      text,
      textSha256: textSha256(text),
      cause: { kind: 're_import' },
      reason: '来源页面补充了统计口径',
      raw,
      format: format as CaptureFormat,
      correction: null,
    },
  };
}

const imported = articleImported(articleId, COAL_TEXT);

describe('importing an article', () => {
  it('an editor imports corpus article 000 as revision 1, where its coal claim sits at code points 1774–1789', () => {
    const [event] = spec
      .given([])
      .when(importArticle(editor))
      .then([importedAs({})]);
    const text = event?.type === 'ArticleImported' ? event.data.text : '';
    expect(RevisionText.of(text).slice(1774, 1789)).toBe(COAL_CLAIM);
  });

  it('a capture with Windows line endings is read with LF, its raw capture kept as received', () => {
    const content = '去年煤炭产量达到13.78亿吨,\r\n发电量4376亿千瓦时。\r';
    const text = '去年煤炭产量达到13.78亿吨,\n发电量4376亿千瓦时。\n';
    spec
      .given([])
      .when(importArticle(standardsEditor, { content }))
      .then([importedAs({ raw: content, text, textSha256: textSha256(text) })]);
  });

  it('a Markdown capture keeps its front matter as metadata and reads as a reader sees it', () => {
    const content =
      '---\ntitle: 在高质量转型发展上迈出更大步伐\ndate: 2022-05-26 07:32:30 +08:00\n---\n' +
      '**去年**煤炭产量达到[13.78亿吨](https://example.cn)。\n';
    spec
      .given([])
      .when(importArticle(editor, { format: 'markdown', content }))
      .then([
        importedAs({
          format: 'markdown',
          raw: content,
          text: '去年煤炭产量达到13.78亿吨。',
          textSha256: textSha256('去年煤炭产量达到13.78亿吨。'),
          metadata: { title: '在高质量转型发展上迈出更大步伐', date: '2022-05-26T07:32:30+08:00' },
        }),
      ]);
  });

  it('importing into an article that already exists is refused as article_exists', () => {
    const refusal = spec.given([imported]).when(importArticle(editor)).thenThrows('article_exists');
    expect(refusal.details).toEqual({ articleId });
  });

  it('a capture without any text is refused', () => {
    spec
      .given([])
      .when(importArticle(editor, { format: 'html', content: '<p> </p>' }))
      .thenThrows('validation_failed');
  });

  it('a capture with a lone surrogate is refused as invalid_unicode', () => {
    spec
      .given([])
      .when(importArticle(editor, { content: '去年煤炭产量\uD800达到13.78亿吨' }))
      .thenThrows('invalid_unicode');
  });

  it.each(withRoles(['fact_checker', 'auditor', 'admin']))(
    '%s cannot import an article',
    (_role, actor) => {
      spec.given([]).when(importArticle(actor)).thenThrows('forbidden');
    },
  );

  it('the system cannot import an article', () => {
    spec.given([]).when(importArticle(system)).thenThrows('forbidden');
  });
});

describe('re-importing an article as a new revision', () => {
  it('an editor re-imports the source as revision 2, with the reason', () => {
    spec
      .given([imported])
      .when(reviseArticle(editor))
      .then([
        {
          type: 'ArticleRevised',
          data: {
            articleId,
            revision: 2,
            text: REVISED_TEXT,
            textSha256: textSha256(REVISED_TEXT),
            cause: { kind: 're_import' },
            reason: '来源页面补充了统计口径',
            raw: REVISED_TEXT,
            format: 'text',
            correction: null,
          },
        },
      ]);
  });

  it('revisions are numbered on from the newest one', () => {
    spec
      .given([imported, articleReimported(articleId, 2, `${COAL_TEXT}\n`)])
      .when(reviseArticle(editor))
      .then([revisedAs(3, REVISED_TEXT, REVISED_TEXT)]);
  });

  it('a re-import in another format is read in that format, and later ones default to it', () => {
    const html = '<p>去年煤炭产量达到13.78亿吨,</p><p>发电量4376亿千瓦时。</p>';
    const text = '去年煤炭产量达到13.78亿吨,\n\n发电量4376亿千瓦时。';
    const asHtml = spec
      .given([imported])
      .when(reviseArticle(editor, { content: html, format: 'html' }))
      .then([revisedAs(2, html, text, 'html')]);
    spec
      .given([imported, ...asHtml])
      .when(reviseArticle(editor, { content: `<h1>更新</h1>${html}` }))
      .then([revisedAs(3, `<h1>更新</h1>${html}`, `更新\n\n${text}`, 'html')]);
  });

  it('a re-import that gives the current text is refused as revision_unchanged', () => {
    spec
      .given([imported])
      .when(reviseArticle(editor, { content: COAL_TEXT }))
      .thenThrows('revision_unchanged');
  });

  it('a re-import that differs only in line endings is unchanged too', () => {
    const text = '去年煤炭产量达到13.78亿吨,\n发电量4376亿千瓦时。';
    spec
      .given([articleImported(articleId, text)])
      .when(reviseArticle(editor, { content: text.replace('\n', '\r\n') }))
      .thenThrows('revision_unchanged');
  });

  it('a re-import may restore the text of an older revision', () => {
    spec
      .given([imported, articleReimported(articleId, 2, `${COAL_TEXT}\n`)])
      .when(reviseArticle(editor, { content: COAL_TEXT }))
      .then([revisedAs(3, COAL_TEXT, COAL_TEXT)]);
  });

  it('a re-import without any text is refused rather than orphaning every annotation', () => {
    spec
      .given([imported])
      .when(reviseArticle(editor, { content: '<p> </p>', format: 'html' }))
      .thenThrows('validation_failed');
  });

  it('a withdrawn article cannot be revised', () => {
    const withdrawn: ArticleEvent = {
      type: 'ArticleWithdrawn',
      data: { articleId, reason: '版权方撤稿' },
    };
    spec.given([imported, withdrawn]).when(reviseArticle(editor)).thenThrows('invalid_transition');
  });

  it('revising an article that was never imported is not_found', () => {
    spec.given([]).when(reviseArticle(editor)).thenThrows('not_found');
  });

  it.each(withRoles(['fact_checker', 'auditor', 'admin']))(
    '%s cannot revise an article',
    (_role, actor) => {
      spec.given([imported]).when(reviseArticle(actor)).thenThrows('forbidden');
    },
  );
});
