import type { Article, ArticleRevision } from '../article/article.state';
import { fold } from '../shared/decider';
import {
  anchorOf,
  annotationWas,
  correctionWas,
  ids,
  PINYIN_ARTEFACT,
  YANGQUAN_TEXT,
} from '../testing/fixtures';
import { correctionDecider } from './correction.decide';
import type { CorrectionEvent } from './correction.events';
import type { Correction } from './correction.state';
import { publicationWaitsFor, publishedAnchor } from './publication';

const correctionId = ids.correction;
const CORRECTED = YANGQUAN_TEXT.replace(PINYIN_ARTEFACT, '推動');
const LATER = `${YANGQUAN_TEXT}\n(郭 赟)`;

const revision = (number: number, text: string, by: string | null = null): ArticleRevision => ({
  revision: number,
  text,
  textSha256: 'not read here',
  correctionId: by,
});
const articleWith = (...revisions: ArticleRevision[]): Article => ({
  articleId: ids.yangquanArticle,
  status: 'active',
  title: '阳泉专场新闻发布会',
  language: 'zh-Hant',
  format: 'text',
  source: { url: null, publisher: null, publishedAt: null },
  externalId: null,
  revisions,
});
const correctionAfter = (...events: CorrectionEvent[]) =>
  fold(correctionDecider, [correctionWas.proposed(), correctionWas.approved(), ...events])!;

describe('when an approved correction can be published', () => {
  const approved: Correction = correctionAfter();

  it('given its passage in the current revision, then nothing holds it back', () => {
    expect(publicationWaitsFor(approved, articleWith(revision(1, YANGQUAN_TEXT)))).toBeNull();
  });

  it('given a revision after its passage’s, then it waits to be followed there', () => {
    const article = articleWith(revision(1, YANGQUAN_TEXT), revision(2, LATER));
    expect(publicationWaitsFor(approved, article)).toBe('behind');
  });

  it('given its passage lost in the current revision, then it waits to be amended', () => {
    const lost = correctionAfter(
      annotationWas.orphaned(correctionId, approved.anchor!, 2, 'passage_deleted'),
    );
    const article = articleWith(revision(1, YANGQUAN_TEXT), revision(2, LATER));
    expect(publicationWaitsFor(lost, article)).toBe('orphaned');
  });

  it('given its passage lost in an earlier revision than the current, then it is looked for again', () => {
    const lost = correctionAfter(
      annotationWas.orphaned(correctionId, approved.anchor!, 2, 'passage_deleted'),
    );
    const article = articleWith(
      revision(1, YANGQUAN_TEXT),
      revision(2, LATER),
      revision(3, `${LATER}\n`),
    );
    expect(publicationWaitsFor(lost, article)).toBe('behind');
  });

  it('given the revision it produced, then it is published whatever followed', () => {
    const article = articleWith(
      revision(1, YANGQUAN_TEXT),
      revision(2, CORRECTED, correctionId),
      revision(3, `${CORRECTED}\n(郭 赟)`),
    );
    expect(publicationWaitsFor(approved, article)).toBeNull();
  });

  it('given an editor’s note with no passage, then nothing holds it back', () => {
    const note = fold(correctionDecider, [
      correctionWas.proposed({ kind: 'editors_note', anchor: null, replacement: null }),
      correctionWas.approved(),
    ])!;
    const article = articleWith(revision(1, YANGQUAN_TEXT), revision(2, LATER));
    expect(publicationWaitsFor(note, article)).toBeNull();
  });
});

describe('where a published correction points', () => {
  const replaced = anchorOf(YANGQUAN_TEXT, PINYIN_ARTEFACT, 1);

  it('is the replacement’s text in the revision it produced, context recomputed there', () => {
    const produced = revision(2, CORRECTED, correctionId);
    expect(publishedAnchor(replaced, '推動', produced)).toEqual(anchorOf(CORRECTED, '推動', 2));
  });

  it('counts the replacement in code points, not UTF-16 units', () => {
    const produced = revision(2, YANGQUAN_TEXT.replace(PINYIN_ARTEFACT, '𠀾推動'), correctionId);
    expect(publishedAnchor(replaced, '𠀾推動', produced)).toMatchObject({
      start: replaced.start,
      end: replaced.start + 3,
      exact: '𠀾推動',
      revision: 2,
      state: 'anchored',
    });
  });

  it('is nowhere when the correction deleted its span', () => {
    const produced = revision(2, YANGQUAN_TEXT.replace(PINYIN_ARTEFACT, ''), correctionId);
    expect(publishedAnchor(replaced, '', produced)).toBeNull();
  });
});
