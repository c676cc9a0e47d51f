import { performance } from 'node:perf_hooks';
import { Reanchoring, RevisionText } from '@marginalia/anchoring';
import { type BenchAnnotation, makeAnnotations } from './annotations';
import { makeCleaningRevision } from './artefacts';
import { type CorpusArticle } from './corpus';
import { Random } from './random';
import { type BenchRevision, makeRevision } from './revisions';

const RUNS = 15;

/**
 * The SPEC's budget: after a revision, re-anchoring 1,000 annotations of a corpus article,
 * diff included. Median of several runs after a warm-up, per article.
 */
export function timeThousandAnnotations(
  articles: CorpusArticle[],
  seed: number,
): { id: string; medianMs: number }[] {
  return articles.map((article, index) => {
    const random = new Random(seed * 7 + index);
    const annotations = makeAnnotations(article.text, 1000, random);
    const others = articles.filter((other) => other !== article).map(({ text }) => text);
    let revision: BenchRevision | undefined;
    while (!revision) {
      const target = random.pick(annotations);
      revision = makeRevision(
        article.text,
        target,
        'replace_inside',
        { own: article.text, others },
        random,
      );
    }
    return { id: article.id, medianMs: medianOfRuns(article.text, revision.text, annotations) };
  });
}

/**
 * The same after the re-import that cleans every converter artefact (clean_artefacts), for
 * the articles carrying them: one revision with hundreds of deletions.
 */
export function timeThousandAfterCleaning(
  articles: CorpusArticle[],
  seed: number,
): { id: string; medianMs: number }[] {
  return articles.flatMap((article, index) => {
    const random = new Random(seed * 11 + index);
    const annotations = makeAnnotations(article.text, 1000, random);
    const target = random.pick(annotations);
    const revision = makeCleaningRevision(article.text, 'clean_artefacts', target, random);
    if (!revision) return [];
    return [{ id: article.id, medianMs: medianOfRuns(article.text, revision.text, annotations) }];
  });
}

/** Median of several runs, after a warm-up: diff and every annotation re-anchored. */
function medianOfRuns(olderText: string, newerText: string, annotations: BenchAnnotation[]) {
  const older = RevisionText.of(olderText);
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const started = performance.now();
    const reanchoring = new Reanchoring(older, newerText);
    for (const annotation of annotations) reanchoring.reanchor(annotation);
    if (run > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  return Math.round(median * 100) / 100;
}
