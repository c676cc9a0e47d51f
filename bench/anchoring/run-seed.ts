import { performance } from 'node:perf_hooks';
import { Reanchoring, RevisionText } from '@marginalia/anchoring';
import { type BenchAnnotation, makeAnnotations } from './annotations';
import { ARTEFACT_KINDS, type CleaningRevision, makeCleaningRevision } from './artefacts';
import { type CorpusArticle } from './corpus';
import { type BrowserSelector, browserSelector, hypothesisAnchor } from './hypothesis-baseline';
import { type Expectation, judge } from './judge';
import { Random } from './random';
import { REVISION_KINDS, type RevisionKind, makeRevision } from './revisions';
import { type Tally, addTally, count, emptyTally } from './tally';
import { expectationFor, expectationThroughCleaning } from './truth';

export const ANNOTATIONS_PER_ARTICLE = 100;
export const REVISIONS_PER_ARTICLE = 140;
/** Revisions cleaning one sentence or paragraph, per article carrying converter artefacts. */
export const PARTLY_CLEANED_PER_ARTICLE = 10;

export interface KindTallies {
  marginalia: Tally;
  hypothesis: Tally;
}

export interface SeedResult {
  marginalia: Tally;
  hypothesis: Tally;
  methods: Record<string, number>;
  byKind: Record<string, KindTallies>;
  /** Per artefact kind, the articles it ran on. */
  artefactArticles: Record<string, string[]>;
}

interface Article {
  text: string;
  older: RevisionText;
  annotations: BenchAnnotation[];
  selectors: BrowserSelector[];
}

export function emptyResult(): SeedResult {
  return {
    marginalia: emptyTally(),
    hypothesis: emptyTally(),
    methods: {},
    byKind: {},
    artefactArticles: Object.fromEntries(ARTEFACT_KINDS.map((kind) => [kind, []])),
  };
}

/** Adds one seed's result to a total over seeds. */
export function addResult(into: SeedResult, from: SeedResult): void {
  addTally(into.marginalia, from.marginalia);
  addTally(into.hypothesis, from.hypothesis);
  for (const [method, times] of Object.entries(from.methods)) {
    into.methods[method] = (into.methods[method] ?? 0) + times;
  }
  for (const [kind, tallies] of Object.entries(from.byKind)) {
    const total = (into.byKind[kind] ??= { marginalia: emptyTally(), hypothesis: emptyTally() });
    addTally(total.marginalia, tallies.marginalia);
    addTally(total.hypothesis, tallies.hypothesis);
  }
  for (const [kind, ids] of Object.entries(from.artefactArticles)) {
    const total = (into.artefactArticles[kind] ??= []);
    for (const id of ids) if (!total.includes(id)) total.push(id);
  }
}

/** The artefact kinds' cases together. */
export function cleaningTallies(result: SeedResult): KindTallies {
  const cleaning = { marginalia: emptyTally(), hypothesis: emptyTally() };
  for (const kind of ARTEFACT_KINDS) {
    const tallies = result.byKind[kind];
    if (!tallies) continue;
    addTally(cleaning.marginalia, tallies.marginalia);
    addTally(cleaning.hypothesis, tallies.hypothesis);
  }
  return cleaning;
}

/** One seed of the benchmark: every article, every revision, both methods judged. */
export function runSeed(articles: CorpusArticle[], seed: number): SeedResult {
  const result = emptyResult();
  articles.forEach((corpusArticle, index) => {
    const random = new Random(seed + index);
    const { text } = corpusArticle;
    const older = RevisionText.of(text);
    const annotations = makeAnnotations(text, ANNOTATIONS_PER_ARTICLE, random);
    const selectors = annotations.map(({ start, end }) =>
      browserSelector(text, older.utf16Offset(start), older.utf16Offset(end)),
    );
    const article: Article = { text, older, annotations, selectors };
    const others = articles.filter((other) => other !== corpusArticle).map((other) => other.text);
    const codePoints = Array.from(text);
    for (let number = 0; number < REVISIONS_PER_ARTICLE; number += 1) {
      const kind: RevisionKind = REVISION_KINDS[number % REVISION_KINDS.length] ?? 'elsewhere';
      const candidates =
        kind === 'decoy' ? annotations.filter(({ start, end }) => end - start <= 12) : annotations;
      const sources = { own: text, others };
      const revision = makeRevision(text, random.pick(candidates), kind, sources, random);
      if (!revision) continue;
      const expectations = annotations.map((annotation) =>
        expectationFor(codePoints, revision.edits, annotation),
      );
      evaluate(result, kind, article, revision.text, expectations);
    }
    // Drawn after the other revisions, so that adding them changed none of those.
    for (const revision of cleaningRevisions(article, random)) {
      const expectations = annotations.map((annotation) =>
        expectationThroughCleaning(revision.edits, annotation),
      );
      evaluate(result, revision.kind, article, revision.text, expectations);
      const ran = result.artefactArticles[revision.kind];
      if (ran && !ran.includes(corpusArticle.id)) ran.push(corpusArticle.id);
    }
  });
  return result;
}

/**
 * For an article carrying converter artefacts: one revision cleaning all of them and several
 * cleaning one sentence or paragraph each, every one a different stretch. None otherwise.
 */
function cleaningRevisions(article: Article, random: Random): CleaningRevision[] {
  const { text, annotations } = article;
  const whole = makeCleaningRevision(text, 'clean_artefacts', random.pick(annotations), random);
  if (!whole) return [];
  const revisions = [whole];
  const stretches = new Set<string>();
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (revisions.length > PARTLY_CLEANED_PER_ARTICLE) break;
    const target = random.pick(annotations);
    const partly = makeCleaningRevision(text, 'clean_artefacts_partly', target, random);
    const key = partly && `${partly.stretch.from}-${partly.stretch.to}`;
    if (!partly || !key || stretches.has(key)) continue;
    stretches.add(key);
    revisions.push(partly);
  }
  return revisions;
}

function evaluate(
  result: SeedResult,
  kind: string,
  article: Article,
  newText: string,
  expectations: Expectation[],
): void {
  const { older, annotations, selectors } = article;
  const kindTally = (result.byKind[kind] ??= {
    marginalia: emptyTally(),
    hypothesis: emptyTally(),
  });

  const started = performance.now();
  const reanchoring = new Reanchoring(older, newText);
  const results = annotations.map((annotation) => reanchoring.reanchor(annotation));
  const elapsed = performance.now() - started;
  result.marginalia.milliseconds += elapsed;
  kindTally.marginalia.milliseconds += elapsed;

  const baselineStarted = performance.now();
  const baseline = selectors.map((selector) => hypothesisAnchor(newText, selector));
  const baselineElapsed = performance.now() - baselineStarted;
  result.hypothesis.milliseconds += baselineElapsed;
  kindTally.hypothesis.milliseconds += baselineElapsed;

  const newer = RevisionText.of(newText);
  expectations.forEach((expected, at) => {
    const outcome = results[at];
    if (!outcome) return;
    result.methods[outcome.method] = (result.methods[outcome.method] ?? 0) + 1;
    const verdict = judge(expected, outcome.method === 'orphaned' ? null : outcome.anchor);
    count(result.marginalia, expected, verdict);
    count(kindTally.marginalia, expected, verdict);
    const found = baseline[at];
    const inCodePoints = found && {
      start: newer.codePointOffset(found.start),
      end: newer.codePointOffset(found.end),
    };
    const baselineVerdict = judge(expected, inCodePoints ?? null);
    count(result.hypothesis, expected, baselineVerdict);
    count(kindTally.hypothesis, expected, baselineVerdict);
  });
}
