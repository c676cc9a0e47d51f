import { type SeededRandom } from '../../support/seeded-random';

/**
 * A long article of numbered sentences, and a re-import of it with a share of its sentences
 * rewritten: what a desk does when a source page is edited wholesale. Every sentence carries a
 * number of its own ("第123项"), so a quote that includes it occurs once.
 */
const WORDS = [
  '全省',
  '煤炭',
  '产量',
  '达到',
  '亿吨',
  '同比',
  '增长',
  '代表',
  '委员',
  '会议',
  '指出',
  '推动',
  '高质量',
  '发展',
  '能源',
  '革命',
  '综合',
  '改革',
  '试点',
  '新能源',
  '装机',
  '容量',
  '突破',
  '万千瓦',
  '财政',
  '收入',
  '民生',
  '支出',
  '占比',
  '教育',
  '医疗',
  '养老',
  '就业',
  '乡村',
  '振兴',
  '生态',
  '保护',
  '黄河',
  '流域',
  '治理',
  'GDP',
  'CPI',
  '5G',
  '2023年',
  '13.78',
  '百分之六',
  '𠀾',
  '👍🏽',
  '🇨🇳',
  'café',
];

export interface Sentence {
  /** Offsets in code points in the older text. */
  oldStart: number;
  oldEnd: number;
  /** Offsets in code points in the newer text. */
  newStart: number;
  newEnd: number;
  rewritten: boolean;
  /** The tokens of the older sentence: a claim covers a run of them from the first. */
  tokens: string[];
}

export interface RewrittenArticle {
  older: string;
  newer: string;
  sentences: Sentence[];
}

const length = (text: string) => Array.from(text).length;

function sentence(random: SeededRandom, number: number): string[] {
  const tokens = [`第${number}项`];
  const count = random.int(6, 14);
  for (let index = 0; index < count; index += 1) tokens.push(random.pick(WORDS));
  return tokens;
}

/** An article of about `codePoints` code points, with `rewrittenShare` of its sentences rewritten. */
export function rewrittenArticle(
  random: SeededRandom,
  codePoints: number,
  rewrittenShare: number,
): RewrittenArticle {
  const sentences: Sentence[] = [];
  let older = '';
  let newer = '';
  let olderLength = 0;
  let newerLength = 0;
  for (let number = 1; olderLength < codePoints; number += 1) {
    const separator = number === 1 ? '' : number % 5 === 1 ? '\n\n' : '';
    older += separator;
    newer += separator;
    olderLength += length(separator);
    newerLength += length(separator);
    const tokens = sentence(random, number);
    const rewritten = random.chance(rewrittenShare);
    const text = `${tokens.join('')}。`;
    // A rewrite keeps the sentence's number half of the time, as an edited sentence would.
    const rewrite = rewritten
      ? `${(random.chance(0.5) ? [tokens[0]!] : []).concat(sentence(random, number).slice(1)).join('')}。`
      : text;
    sentences.push({
      oldStart: olderLength,
      oldEnd: olderLength + length(text),
      newStart: newerLength,
      newEnd: newerLength + length(rewrite),
      rewritten,
      tokens,
    });
    older += text;
    newer += rewrite;
    olderLength += length(text);
    newerLength += length(rewrite);
  }
  return { older, newer, sentences };
}

export interface PlannedClaim {
  sentence: Sentence;
  /** Code point offsets in the older text. */
  start: number;
  end: number;
  exact: string;
}

/** `count` claims on as many sentences spread over the article, each from a sentence's number on. */
export function plannedClaims(
  random: SeededRandom,
  article: RewrittenArticle,
  count: number,
): PlannedClaim[] {
  const step = article.sentences.length / count;
  const claims: PlannedClaim[] = [];
  for (let index = 0; index < count; index += 1) {
    const sentence = article.sentences[Math.floor(index * step)]!;
    const taken = sentence.tokens.slice(0, random.int(2, sentence.tokens.length));
    const exact = taken.join('');
    claims.push({
      sentence,
      start: sentence.oldStart,
      end: sentence.oldStart + length(exact),
      exact,
    });
  }
  return claims;
}
