import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { RevisionText } from '@marginalia/anchoring';
import { type Correction, findRevision, streams } from '@marginalia/domain';
import { Articles, type CommandResult } from '@marginalia/editorial';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { type CorrectionRow, ReadModelFold } from '@marginalia/projections';
import {
  type CorrectionFilter,
  type Page,
  type PageRequest,
  ReadModelQueries,
} from '@marginalia/read-models';
import { ProblemException } from '@marginalia/http';
import { ReadYourWrites } from '../shared/read-your-writes';
import { correctionResponse, type CorrectionResponse } from './correction.response.dto';

/**
 * What the correction routes answer, always from a `CorrectionRow` with its anchor's UTF-16
 * offsets: the read models' row or, after a command whose events the read models do not show
 * within the read-your-writes wait, the same row folded from the log by the projections' code.
 */
@Injectable()
export class CorrectionAnswers {
  private readonly logger = new Logger('Corrections');

  constructor(
    private readonly queries: ReadModelQueries,
    private readonly articles: Articles,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async get(id: string): Promise<CorrectionResponse> {
    const row = this.queries.correction(id);
    if (!row) throw new ProblemException(HttpStatus.NOT_FOUND, 'not_found', `No correction ${id}`);
    return this.answer(row, new Texts(this.queries, this.articles));
  }

  async list(filter: CorrectionFilter, page: PageRequest): Promise<Page<CorrectionResponse>> {
    const { items, nextCursor } = this.queries.corrections(filter, page);
    const texts = new Texts(this.queries, this.articles);
    const answers: CorrectionResponse[] = [];
    for (const row of items) answers.push(await this.answer(row, texts));
    return { items: answers, nextCursor };
  }

  /**
   * The correction after a command, once the read models show it (with `followOn`, also its
   * publication by the process managers of this server, within the same bounded wait).
   */
  async after(
    result: CommandResult<Correction | null>,
    options: { followOn?: boolean } = {},
  ): Promise<CorrectionResponse> {
    const { state, version } = result;
    if (!state || version === undefined) throw new Error('The command left no correction');
    await this.readYourWrites.settle(result, options);
    let row = this.queries.correction(state.correctionId);
    if (!row || row.version < version) {
      this.logger.warn(
        `The read models do not show correction ${state.correctionId} at version ${version} yet; answering from the log`,
      );
      row = await this.rowFromLog(state.correctionId);
    }
    return this.answer(row, new Texts(this.queries, this.articles));
  }

  private async rowFromLog(correctionId: string): Promise<CorrectionRow> {
    const fold = new ReadModelFold();
    for (const event of await this.store.readStream(streams.correction(correctionId))) {
      fold.apply(event);
    }
    const row = fold.correction(correctionId);
    if (!row) throw new Error(`The log has no correction ${correctionId}`);
    return row;
  }

  private async answer(row: CorrectionRow, texts: Texts): Promise<CorrectionResponse> {
    const { anchor, articleId } = row.correction;
    const text = anchor ? await texts.of(articleId, anchor.revision) : undefined;
    return correctionResponse(row, text);
  }
}

/** Revision texts, indexed once per answer: from the read models, else from the article's log. */
class Texts {
  private readonly known = new Map<string, RevisionText>();

  constructor(
    private readonly queries: ReadModelQueries,
    private readonly articles: Articles,
  ) {}

  async of(articleId: string, revision: number): Promise<RevisionText> {
    const key = `${articleId}/${revision}`;
    let text = this.known.get(key);
    if (!text) {
      const body =
        this.queries.revision(articleId, revision)?.text ??
        findRevision((await this.articles.get(articleId)).article, revision)?.text;
      if (body === undefined) throw new Error(`Article ${articleId} has no revision ${revision}`);
      this.known.set(key, (text = RevisionText.of(body)));
    }
    return text;
  }
}
