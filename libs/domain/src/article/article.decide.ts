import { type ArticleText, type CaptureFormat, captureToText, textSha256 } from '@marginalia/text';
import { type Decider, unreachable } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { authorize, authorizeSystem } from '../shared/permissions';
import { RevisionText } from '@marginalia/anchoring';
import type {
  ApplyCorrection,
  ArticleCommand,
  ImportArticle,
  ReviseArticle,
  WithdrawArticle,
} from './article.commands';
import type { ArticleEvent } from './article.events';
import {
  type Article,
  type ArticleState,
  currentRevision,
  evolveArticle,
  initialArticleState,
} from './article.state';

export function decideArticle(command: ArticleCommand, state: ArticleState): ArticleEvent[] {
  switch (command.type) {
    case 'ImportArticle':
      return importArticle(command, state);
    case 'ReviseArticle':
      return reviseArticle(command, existing(state, command.articleId));
    case 'ApplyCorrection':
      return applyCorrection(command, existing(state, command.articleId));
    case 'WithdrawArticle':
      return withdrawArticle(command, existing(state, command.articleId));
    default:
      return unreachable(command);
  }
}

export const articleDecider: Decider<ArticleCommand, ArticleEvent, ArticleState> = {
  decide: decideArticle,
  evolve: evolveArticle,
  initialState: initialArticleState,
};

function importArticle(command: ImportArticle, state: ArticleState): ArticleEvent[] {
  authorize(command.actor, 'article.import');
  if (state) {
    refuse('article_exists', `This source was already imported as article ${state.articleId}`, {
      articleId: state.articleId,
    });
  }
  const { text, textSha256, metadata } = derivedText(command, command.format);
  if (text.length === 0)
    refuse('validation_failed', 'The capture has no text', { field: 'content' });
  return [
    {
      type: 'ArticleImported',
      data: {
        articleId: command.articleId,
        title: command.title,
        language: command.language,
        format: command.format,
        source: command.source,
        externalId: command.externalId,
        raw: command.content,
        text,
        textSha256,
        revision: 1,
        metadata,
      },
    },
  ];
}

function reviseArticle(command: ReviseArticle, article: Article): ArticleEvent[] {
  authorize(command.actor, 'article.revise');
  assertActive(article);
  const format = command.format ?? article.format;
  const revised = derivedText(command, format);
  if (revised.text.length === 0)
    refuse('validation_failed', 'The capture has no text', { field: 'content' });
  const current = currentRevision(article);
  if (revised.textSha256 === current.textSha256) {
    refuse('revision_unchanged', `The capture gives the text of revision ${current.revision}`);
  }
  return [
    {
      type: 'ArticleRevised',
      data: {
        articleId: article.articleId,
        revision: current.revision + 1,
        text: revised.text,
        textSha256: revised.textSha256,
        cause: { kind: 're_import' },
        reason: command.reason,
        raw: command.content,
        format,
        correction: null,
      },
    },
  ];
}

function derivedText(
  command: Pick<ImportArticle | ReviseArticle, 'content' | 'derived'>,
  format: CaptureFormat,
): ArticleText {
  if (command.derived instanceof Error) throw command.derived;
  return command.derived ?? captureToText({ format, content: command.content });
}

function applyCorrection(command: ApplyCorrection, article: Article): ArticleEvent[] {
  authorizeSystem(command.actor, 'apply a correction');
  const { correction } = command;
  if (article.revisions.some((r) => r.correctionId === correction.correctionId)) return [];
  assertActive(article);
  const current = currentRevision(article);
  const { anchor } = correction;
  if (anchor.state !== 'anchored' || anchor.revision !== current.revision) {
    refuse(
      'invalid_transition',
      `Correction ${correction.correctionId} is not anchored in revision ${current.revision}`,
    );
  }
  const indexed = RevisionText.of(current.text);
  if (indexed.slice(anchor.start, anchor.end) !== anchor.exact) {
    refuse(
      'invalid_transition',
      `Correction ${correction.correctionId} no longer matches its text`,
    );
  }
  const text =
    current.text.slice(0, indexed.utf16Offset(anchor.start)) +
    correction.replacement +
    current.text.slice(indexed.utf16Offset(anchor.end));
  if (text.normalize('NFC') !== text) {
    refuse('validation_failed', 'The replacement would change the text around it under NFC', {
      field: 'replacement',
    });
  }
  return [
    {
      type: 'ArticleRevised',
      data: {
        articleId: article.articleId,
        revision: current.revision + 1,
        text,
        textSha256: textSha256(text),
        cause: { kind: 'correction', correctionId: correction.correctionId },
        reason: correction.notice,
        raw: null,
        format: null,
        correction,
      },
    },
  ];
}

function withdrawArticle(command: WithdrawArticle, article: Article): ArticleEvent[] {
  authorize(command.actor, 'article.withdraw');
  assertActive(article);
  return [
    { type: 'ArticleWithdrawn', data: { articleId: article.articleId, reason: command.reason } },
  ];
}

function existing(state: ArticleState, articleId: string): Article {
  return state ?? refuse('not_found', `No article ${articleId}`);
}

function assertActive(article: Article): void {
  if (article.status === 'withdrawn') {
    refuse('invalid_transition', `Article ${article.articleId} was withdrawn`);
  }
}
