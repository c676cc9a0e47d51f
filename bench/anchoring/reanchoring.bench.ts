/*
 * Re-anchoring accuracy: for each corpus article, annotations of every length (repeated
 * phrases included) live through revisions made around them (insertions and deletions before,
 * inside, around and across them, corrections, deleted and rewritten passages, paragraph
 * moves, decoy copies of their quote) and, where the article carries converter artefacts, a
 * re-import that cleans them (everywhere, or in one sentence or paragraph). Each outcome is
 * judged against where the passage truly went (judge.ts, truth.ts). Marginalia and the
 * approach of Hypothesis run on the same cases.
 *
 * node -r ./scripts/register-ts.js bench/anchoring/reanchoring.bench.ts [--seed=20240308]
 * node -r ./scripts/register-ts.js bench/anchoring/reanchoring.bench.ts --seeds=1..25
 */
import { readCorpus } from './corpus';
import { byKindSummary, machine, machineLine, methodsTable, summary } from './report';
import {
  ANNOTATIONS_PER_ARTICLE,
  PARTLY_CLEANED_PER_ARTICLE,
  REVISIONS_PER_ARTICLE,
  addResult,
  cleaningTallies,
  emptyResult,
  runSeed,
} from './run-seed';
import { perThousand } from './tally';
import { timeThousandAfterCleaning, timeThousandAnnotations } from './timing';

const MAIN_SEED = 20240308;

function seedsFromArguments(): number[] {
  const argument = process.argv[2] ?? '';
  const range = /^--seeds=(\d+)\.\.(\d+)$/.exec(argument);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
  }
  return [Number(/^--seed=(\d+)$/.exec(argument)?.[1] ?? MAIN_SEED)];
}

function main(): void {
  const seeds = seedsFromArguments();
  const articles = readCorpus();
  const total = emptyResult();
  const perSeed: Record<number, ReturnType<typeof seedSummary>> = {};
  for (const seed of seeds) {
    const result = runSeed(articles, seed);
    perSeed[seed] = seedSummary(result);
    addResult(total, result);
  }

  const timing = timeThousandAnnotations(articles, seeds[0] ?? MAIN_SEED);
  const cleaningTiming = timeThousandAfterCleaning(articles, seeds[0] ?? MAIN_SEED);
  const onMachine = machine();
  const { marginalia, hypothesis, methods, byKind, artefactArticles } = total;
  const label = seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]}..${seeds.at(-1)}`;
  const report = {
    machine: onMachine,
    seeds: label,
    articles: articles.length,
    annotationsPerArticle: ANNOTATIONS_PER_ARTICLE,
    revisionsPerArticle: REVISIONS_PER_ARTICLE,
    cleaningRevisions: {
      perArticleWithArtefacts: `1 clean_artefacts + ${PARTLY_CLEANED_PER_ARTICLE} clean_artefacts_partly`,
      ranOn: artefactArticles,
      skipped: 'articles without pinyin artefacts: nothing to clean, no other edit in their place',
    },
    marginalia: { ...marginalia, msPer1000Annotations: perThousand(marginalia), methods },
    hypothesisBaseline: { ...hypothesis, msPer1000Annotations: perThousand(hypothesis) },
    oneRevisionThousandAnnotations: timing,
    cleaningRevisionThousandAnnotations: cleaningTiming,
    byKind: byKindSummary(byKind),
    ...(seeds.length > 1 ? { perSeed } : {}),
  };
  console.log(JSON.stringify(report, null, 2));
  console.log();
  console.log(`All revisions (${label}):`);
  console.log(methodsTable(marginalia, hypothesis));
  const cleaning = cleaningTallies(total);
  const cleanedArticles = [...new Set(Object.values(artefactArticles).flat())];
  console.log();
  console.log(
    `Of which converter artefacts cleaned (clean_artefacts, clean_artefacts_partly; articles ` +
      `${cleanedArticles.join(', ') || 'none'}, the others carry none):`,
  );
  console.log(methodsTable(cleaning.marginalia, cleaning.hypothesis));
  if (seeds.length > 1) {
    const entries = Object.entries(perSeed);
    const wrong = entries.filter(([, one]) => one.marginaliaWrong > 0).map(([seed]) => seed);
    const fewer = entries.filter(([, one]) => one.marginaliaOrphaned < one.baselineOrphaned);
    const more = entries.filter(([, one]) => one.marginaliaOrphaned > one.baselineOrphaned);
    console.log(`Seeds with a wrong Marginalia anchor: ${wrong.join(', ') || 'none'}`);
    console.log(
      `Orphaned while still there, Marginalia vs baseline: fewer on ${fewer.length} seeds, ` +
        `more on ${more.length}, as many on ${entries.length - fewer.length - more.length}`,
    );
  }
  console.log(
    `1,000 annotations after one revision (a correction), median per article: ` +
      timing.map(({ id, medianMs }) => `${id} ${medianMs} ms`).join(', '),
  );
  console.log(
    `1,000 annotations after the re-import cleaning every artefact, median: ` +
      cleaningTiming.map(({ id, medianMs }) => `${id} ${medianMs} ms`).join(', '),
  );
  console.log(machineLine(onMachine));
}

function seedSummary(result: ReturnType<typeof runSeed>) {
  return {
    marginalia: summary(result.marginalia),
    hypothesis: summary(result.hypothesis),
    marginaliaWrong: result.marginalia.wrong,
    marginaliaOrphaned: result.marginalia.orphaned,
    baselineOrphaned: result.hypothesis.orphaned,
  };
}

main();
