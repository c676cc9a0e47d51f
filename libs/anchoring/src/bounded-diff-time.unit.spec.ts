import { performance } from 'node:perf_hooks';
import { type AnchoredSpan, Reanchoring } from './reanchoring';
import { RevisionText } from './revision-text';
import { resolveSelector } from './selector';
import {
  SeededRandom,
  randomArticle,
  randomSentence,
  randomSentences,
  rewriteSentences,
} from './testing/rewritten-articles';

/**
 * Re-anchoring costs O(n log n) whatever the two texts (issue 14): for each hostile pair,
 * doubling the texts may at most about double the time of the diff and a few re-anchorings.
 * A character diff over whole texts quadruples it, or worse. Sizes are found per pair (doubled
 * until a run takes MIN_MS), the ratio is of the fastest of RUNS runs of each size, run in turns
 * after a warm-up (other work on the machine only ever adds time, so the fastest run is the
 * least disturbed, and turns spread a burst of it over both sizes; a median still moved by 3.4×
 * under a load of 6 on 2 cores), and a pair over the limit is measured again before it fails.
 */
const MAX_RATIO = 2.5;
const MIN_MS = 30;
const RUNS = 7;
const ATTEMPTS = 3;
const LARGEST = 1_000_000;

interface Pair {
  older: RevisionText;
  newer: string;
  spans: AnchoredSpan[];
}

/** Five spans of about ten code points spread over the older text. */
function pairOf(older: string, newer: string): Pair {
  const text = RevisionText.of(older);
  const spans = [1, 2, 3, 4, 5].map((sixth) => {
    const start = text.boundaryAtOrAfter(Math.floor((sixth * text.length) / 6));
    const end = text.boundaryAtOrAfter(start + 10);
    return resolveSelector(text, { start, end: Math.max(end, start + 1) });
  });
  return { older: text, newer, spans };
}

function time({ older, newer, spans }: Pair): number {
  const started = performance.now();
  const reanchoring = new Reanchoring(older, newer);
  for (const span of spans) reanchoring.reanchor(span);
  return performance.now() - started;
}

function fastest(pair: Pair): number {
  time(pair);
  const times = Array.from({ length: RUNS }, () => time(pair));
  return Math.min(...times);
}

/**
 * How much longer the large pair takes than the small one: the fastest of RUNS runs of each,
 * run in turns, so that a burst of other work slows both sizes alike rather than one of them.
 */
function ratioOf(small: Pair, large: Pair): number {
  time(small);
  time(large);
  let smallest = Infinity;
  let largest = Infinity;
  for (let run = 0; run < RUNS; run += 1) {
    smallest = Math.min(smallest, time(small));
    largest = Math.min(largest, time(large));
  }
  return largest / smallest;
}

/** The smallest size from 4,000 code points, doubling, at which one run takes MIN_MS. */
function calibrate(make: (n: number) => Pair): number {
  let n = 4_000;
  while (n * 2 <= LARGEST && fastest(make(n)) < MIN_MS) n *= 2;
  return n;
}

const random = (seed: number) => new SeededRandom(seed);
/** Code points of CJK text without any sentence end or line break. */
const oneLine = (n: number) => {
  const generator = random(7);
  return Array.from({ length: n }, () =>
    String.fromCodePoint(0x4e00 + generator.int(0, 19_999)),
  ).join('');
};

const HOSTILE: { name: string; make: (n: number) => Pair }[] = [
  {
    name: 'two unrelated CJK articles',
    make: (n) => pairOf(randomArticle(random(1), n), randomArticle(random(2), n)),
  },
  {
    name: 'an article against its reverse',
    make: (n) => {
      const text = randomArticle(random(3), n);
      return pairOf(text, Array.from(text).reverse().join(''));
    },
  },
  {
    name: 'a flood of one sentence with one changed',
    make: (n) => {
      const [sentence, other] = [randomSentence(random(4)), randomSentence(random(5))];
      const line = sentence.pieces.join('') + sentence.end;
      const count = Math.ceil(n / Array.from(line).length);
      const half = line.repeat(Math.floor(count / 2));
      return pairOf(line.repeat(count), half + other.pieces.join('') + other.end + half);
    },
  },
  {
    name: 'one huge line changed every 100 code points',
    make: (n) => {
      const text = oneLine(n);
      const changed = Array.from(text, (character, i) => (i % 100 === 50 ? '改' : character));
      return pairOf(text, changed.join(''));
    },
  },
  {
    name: 'a flood of one character with a change every 1,000',
    make: (n) => {
      const flood = Array.from({ length: n }, (_, i) => (i % 1000 === 500 ? 'b' : 'a'));
      return pairOf('a'.repeat(n), flood.join(''));
    },
  },
  {
    name: 'emoji sequences against CJK',
    make: (n) => pairOf('👩‍💻👍🏽🇨🇳'.repeat(Math.ceil(n / 7)), oneLine(n)),
  },
  {
    name: 'an article with 40 % of its sentences rewritten',
    make: (n) => {
      const generator = random(6);
      const article = rewriteSentences(generator, randomSentences(generator, n), 0.4);
      return pairOf(article.older, article.newer);
    },
  },
];

describe('the re-anchoring diff, on hostile pairs of texts', () => {
  it.each(HOSTILE)('takes at most about twice as long for twice the text: $name', ({ make }) => {
    const n = calibrate(make);
    let ratio = Infinity;
    for (let attempt = 0; attempt < ATTEMPTS && ratio > MAX_RATIO; attempt += 1) {
      ratio = ratioOf(make(n), make(2 * n));
    }
    expect(ratio).toBeLessThanOrEqual(MAX_RATIO);
  });
});
