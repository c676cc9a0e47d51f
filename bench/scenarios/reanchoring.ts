/*
 * Re-anchoring 1,000 annotations after a revision: for each corpus article, 1,000 annotations
 * as editors make them and one correction made inside one of them (the anchoring benchmark's
 * generators, bench/anchoring), then the diff of the two revisions and every annotation moved,
 * timed together, as the process managers do it after ArticleRevised.
 */
import { Reanchoring, RevisionText } from '@marginalia/anchoring';
import { makeAnnotations } from '../anchoring/annotations';
import { readCorpus } from '../anchoring/corpus';
import { Random } from '../anchoring/random';
import { type BenchRevision, makeRevision } from '../anchoring/revisions';
import { pick, type Scenario } from '../scenario';
import { median, stopwatch, summarize } from '../stats';

const ANNOTATIONS = 1000;
const SEED = 20240308;

export const reanchoringScenario: Scenario = {
  name: 'reanchoring',
  run(context) {
    const runs = pick(context, 15, 5);
    context.log(`reanchoring: ${ANNOTATIONS} annotations × ${runs} runs on each corpus article`);
    const articles = readCorpus();
    const all: number[] = [];
    const perArticle: Record<string, { medianMs: number; p99Ms: number; orphaned: number }> = {};
    articles.forEach((article, index) => {
      const random = new Random(SEED * 7 + index);
      const annotations = makeAnnotations(article.text, ANNOTATIONS, random);
      const others = articles.filter((other) => other !== article).map(({ text }) => text);
      let revision: BenchRevision | undefined;
      while (!revision) {
        const target = random.pick(annotations);
        const sources = { own: article.text, others };
        revision = makeRevision(article.text, target, 'replace_inside', sources, random);
      }
      const older = RevisionText.of(article.text);
      const times: number[] = [];
      let orphaned = 0;
      for (let run = 0; run <= runs; run += 1) {
        const elapsed = stopwatch();
        const reanchoring = new Reanchoring(older, revision.text);
        orphaned = 0;
        for (const annotation of annotations) {
          if (reanchoring.reanchor(annotation).method === 'orphaned') orphaned += 1;
        }
        if (run > 0) times.push(elapsed());
      }
      all.push(...times);
      const summary = summarize(times);
      perArticle[article.id] = { medianMs: summary.median, p99Ms: summary.p99, orphaned };
    });
    const overall = summarize(all);
    return Promise.resolve({
      rows: [
        {
          scenario: 're-anchoring 1,000 annotations after a revision',
          measure: 'ms',
          target: '< 50 ms',
          median: overall.median,
          p99: overall.p99,
          pass: overall.median < 50,
          note: `worst article median ${Math.max(...Object.values(perArticle).map((a) => a.medianMs))} ms`,
        },
      ],
      details: {
        annotations: ANNOTATIONS,
        runsPerArticle: runs,
        ms: overall,
        medianOfArticleMedians: median(Object.values(perArticle).map((a) => a.medianMs)),
        perArticle,
      },
    });
  },
};
