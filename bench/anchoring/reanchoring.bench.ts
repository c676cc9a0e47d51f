/*
 * Re-anchoring accuracy: for each corpus article, annotations of every length (repeated
 * phrases included) live through revisions made around them (insertions and deletions before,
 * inside, around and across them, corrections, deleted and rewritten passages, paragraph
 * moves, decoy copies of their quote). Each outcome is judged against where the passage truly
 * went (judge.ts). Marginalia and the approach of Hypothesis run on the same cases.
 *
 * node -r ./scripts/register-ts.js bench/anchoring/reanchoring.bench.ts [--seed=20240308]
 */
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Reanchoring, RevisionText } from '@marginalia/anchoring';
import { makeAnnotations } from './annotations';
import { readCorpus } from './corpus';
import { browserSelector, hypothesisAnchor } from './hypothesis-baseline';
import { type Expectation, judge } from './judge';
import { expectationFor } from './truth';
import { Random } from './random';
import { REVISION_KINDS, type RevisionKind, makeRevision } from './revisions';
import { type Tally, count, emptyTally, perThousand } from './tally';
import { timeThousandAnnotations } from './timing';

const SEED = Number(/^--seed=(\d+)$/.exec(process.argv[2] ?? '')?.[1] ?? 20240308);
const ANNOTATIONS_PER_ARTICLE = 100;
const REVISIONS_PER_ARTICLE = 140;

function main(): void {
  const articles = readCorpus();
  const marginalia = emptyTally();
  const hypothesis = emptyTally();
  const methods: Record<string, number> = {};
  const byKind: Record<string, { marginalia: Tally; hypothesis: Tally }> = {};

  articles.forEach((article, index) => {
    const random = new Random(SEED + index);
    const annotations = makeAnnotations(article.text, ANNOTATIONS_PER_ARTICLE, random);
    const older = RevisionText.of(article.text);
    const selectors = annotations.map((annotation) =>
      browserSelector(
        article.text,
        older.utf16Offset(annotation.start),
        older.utf16Offset(annotation.end),
      ),
    );
    const others = articles.filter((other) => other !== article).map(({ text }) => text);
    const codePoints = Array.from(article.text);
    for (let number = 0; number < REVISIONS_PER_ARTICLE; number += 1) {
      const kind: RevisionKind = REVISION_KINDS[number % REVISION_KINDS.length] ?? 'elsewhere';
      const candidates =
        kind === 'decoy' ? annotations.filter(({ start, end }) => end - start <= 12) : annotations;
      const revision = makeRevision(
        article.text,
        random.pick(candidates),
        kind,
        { own: article.text, others },
        random,
      );
      if (!revision) continue;
      const expectations: Expectation[] = annotations.map((annotation) =>
        expectationFor(codePoints, revision.edits, annotation),
      );
      const kindTally = (byKind[kind] ??= { marginalia: emptyTally(), hypothesis: emptyTally() });

      const started = performance.now();
      const reanchoring = new Reanchoring(older, revision.text);
      const results = annotations.map((annotation) => reanchoring.reanchor(annotation));
      const elapsed = performance.now() - started;
      marginalia.milliseconds += elapsed;
      kindTally.marginalia.milliseconds += elapsed;

      const baselineStarted = performance.now();
      const baseline = selectors.map((selector) => hypothesisAnchor(revision.text, selector));
      const baselineElapsed = performance.now() - baselineStarted;
      hypothesis.milliseconds += baselineElapsed;
      kindTally.hypothesis.milliseconds += baselineElapsed;

      const newer = RevisionText.of(revision.text);
      expectations.forEach((expected, at) => {
        const result = results[at];
        if (!result) return;
        methods[result.method] = (methods[result.method] ?? 0) + 1;
        const verdict = judge(expected, result.method === 'orphaned' ? null : result.anchor);
        count(marginalia, expected, verdict);
        count(kindTally.marginalia, expected, verdict);
        const found = baseline[at];
        const inCodePoints = found && {
          start: newer.codePointOffset(found.start),
          end: newer.codePointOffset(found.end),
        };
        const baselineVerdict = judge(expected, inCodePoints ?? null);
        count(hypothesis, expected, baselineVerdict);
        count(kindTally.hypothesis, expected, baselineVerdict);
      });
    }
  });

  const timing = timeThousandAnnotations(articles, SEED);
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  const report = {
    machine,
    seed: SEED,
    articles: articles.length,
    annotationsPerArticle: ANNOTATIONS_PER_ARTICLE,
    revisionsPerArticle: REVISIONS_PER_ARTICLE,
    marginalia: { ...marginalia, msPer1000Annotations: perThousand(marginalia), methods },
    hypothesisBaseline: { ...hypothesis, msPer1000Annotations: perThousand(hypothesis) },
    oneRevisionThousandAnnotations: timing,
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, { marginalia: m, hypothesis: h }]) => [
        kind,
        { marginalia: summary(m), hypothesis: summary(h) },
      ]),
    ),
  };
  console.log(JSON.stringify(report, null, 2));
  console.log();
  console.log(
    table([
      ['Marginalia', marginalia],
      ['Hypothesis approach (approx-string-match)', hypothesis],
    ]),
  );
  console.log(
    `1,000 annotations after one revision (a correction), median per article: ` +
      timing.map(({ id, medianMs }) => `${id} ${medianMs} ms`).join(', '),
  );
  console.log(
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`,
  );
}

function summary(tally: Tally) {
  const { cases, correct, wrong, orphaned } = tally;
  return {
    cases,
    correct,
    wrong,
    orphaned,
    untouchedKept: `${tally.untouched.kept}/${tally.untouched.cases}`,
  };
}

function table(rows: [string, Tally][]): string {
  const header = [
    'method',
    'cases',
    'correct',
    'wrong',
    'orphaned, text still there',
    'orphaned, text gone',
    'untouched kept',
    'ms / 1,000',
  ];
  const lines = rows.map(([name, tally]) => [
    name,
    String(tally.cases),
    String(tally.correct),
    String(tally.wrong),
    String(tally.orphaned),
    `${tally.gone.orphaned}/${tally.gone.cases}`,
    `${tally.untouched.kept}/${tally.untouched.cases}`,
    String(perThousand(tally)),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

main();
