import { DEFAULT_RATING_SCALE, findRating, type RatingScale } from '@marginalia/domain';
import type { DateWords } from './people-dates';

/** The languages the HTML view's own words are written in. */
export type PageLocale = 'en' | 'zh-Hans' | 'zh-Hant';

/**
 * The page speaks the article's language when it is Chinese (Traditional for `zh-Hant`, and
 * for Taiwan, Hong Kong and Macao without a script; Simplified otherwise), English for any
 * other: a shared link shows everyone the same page, whatever their browser asks for.
 */
export function pageLocaleOf(language: string | undefined): PageLocale {
  const subtags = (language ?? '').toLowerCase().split('-');
  if (subtags[0] !== 'zh') return 'en';
  if (subtags.includes('hant')) return 'zh-Hant';
  if (subtags.includes('hans')) return 'zh-Hans';
  return subtags.some((tag) => ['tw', 'hk', 'mo'].includes(tag)) ? 'zh-Hant' : 'zh-Hans';
}

export interface PageWords {
  dates: DateWords;
  revision: (revision: number) => string;
  published: string;
  replayedAt: (position: number) => string;
  replayedAsOf: string;
  notices: string;
  annotations: string;
  legend: string;
  claim: string;
  correction: string;
  /** "Rating: Mostly true", the badge's accessible name. */
  ratingIs: (label: string) => string;
  notRated: string;
  wholeArticle: string;
  orphaned: string;
  deleted: string;
  replacedBy: string;
  more: (count: number) => string;
  /** Separators: between a label and its value, and between items. */
  colon: string;
  comma: string;
  quote: (text: string) => string;
  parenthesis: (text: string) => string;
  statuses: Record<string, string>;
  kinds: Record<string, string>;
  /** The default scale's labels, by rating id. */
  ratings: Record<string, string>;
}

const EN: PageWords = {
  dates: 'en',
  revision: (revision) => `Revision ${revision}`,
  published: 'Published',
  replayedAt: (position) => `Replayed as the log stood at position ${position}`,
  replayedAsOf: 'Replayed as of',
  notices: 'Corrections and notices',
  annotations: 'Claims and corrections',
  legend:
    'Yellow marks a claim, blue a correction, a deeper shade where they overlap; a claim’s published rating follows its text.',
  claim: 'Claim',
  correction: 'Correction',
  ratingIs: (label) => `Rating: ${label}`,
  notRated: 'not yet rated',
  wholeArticle: 'the whole article',
  orphaned: 'not found in this revision',
  deleted: 'deletes the text',
  replacedBy: 'becomes',
  more: (count) => `and ${count} more`,
  colon: ': ',
  comma: '; ',
  quote: (text) => `“${text}”`,
  parenthesis: (text) => ` (${text})`,
  statuses: {
    open: 'open',
    assigned: 'being checked',
    in_review: 'in review',
    published: 'published',
    proposed: 'proposed',
    approved: 'approved',
  },
  kinds: {
    correction: 'Correction',
    clarification: 'Clarification',
    update: 'Update',
    editors_note: 'Editor’s note',
  },
  ratings: Object.fromEntries(DEFAULT_RATING_SCALE.ratings.map((r) => [r.id, r.label])),
};

const ZH_HANS: PageWords = {
  dates: 'zh',
  revision: (revision) => `第 ${revision} 版`,
  published: '发布于',
  replayedAt: (position) => `回放：日志位置 ${position} 时的状态`,
  replayedAsOf: '回放：截至',
  notices: '更正与说明',
  annotations: '核查的说法与更正',
  legend: '黄色标出待核查的说法，蓝色标出更正，重叠处颜色更深；说法之后是已发布的评级。',
  claim: '说法',
  correction: '更正',
  ratingIs: (label) => `评级：${label}`,
  notRated: '尚未评级',
  wholeArticle: '全文',
  orphaned: '在此版本中未找到',
  deleted: '删除此段文字',
  replacedBy: '改为',
  more: (count) => `另有 ${count} 条`,
  colon: '：',
  comma: '；',
  quote: (text) => `“${text}”`,
  parenthesis: (text) => `（${text}）`,
  statuses: {
    open: '待处理',
    assigned: '核查中',
    in_review: '审核中',
    published: '已发布',
    proposed: '已提出',
    approved: '已批准',
  },
  kinds: { correction: '更正', clarification: '澄清', update: '更新', editors_note: '编者按' },
  ratings: {
    true: '正确',
    mostly_true: '基本正确',
    half_true: '半真半假',
    mostly_false: '基本错误',
    false: '错误',
    misleading: '误导',
    missing_context: '缺少背景',
    unproven: '未经证实',
  },
};

const ZH_HANT: PageWords = {
  ...ZH_HANS,
  published: '發布於',
  replayedAt: (position) => `回放：日誌位置 ${position} 時的狀態`,
  replayedAsOf: '回放：截至',
  notices: '更正與說明',
  annotations: '核查的說法與更正',
  legend: '黃色標出待核查的說法，藍色標出更正，重疊處顏色更深；說法之後是已發布的評級。',
  claim: '說法',
  ratingIs: (label) => `評級：${label}`,
  notRated: '尚未評級',
  orphaned: '在此版本中未找到',
  deleted: '刪除此段文字',
  replacedBy: '改為',
  more: (count) => `另有 ${count} 條`,
  statuses: {
    open: '待處理',
    assigned: '核查中',
    in_review: '審核中',
    published: '已發布',
    proposed: '已提出',
    approved: '已批准',
  },
  kinds: { correction: '更正', clarification: '澄清', update: '更新', editors_note: '編者按' },
  ratings: {
    true: '正確',
    mostly_true: '基本正確',
    half_true: '半真半假',
    mostly_false: '基本錯誤',
    false: '錯誤',
    misleading: '誤導',
    missing_context: '缺少背景',
    unproven: '未經證實',
  },
};

export const PAGE_WORDS: Record<PageLocale, PageWords> = {
  en: EN,
  'zh-Hans': ZH_HANS,
  'zh-Hant': ZH_HANT,
};

/**
 * A rating's label on the page: the configured scale's, except that a label the newsroom left
 * as the default one is said in the page's language. An id the scale no longer has keeps the
 * default's words when it is a default id, else the id itself.
 */
export function ratingLabel(scale: RatingScale, id: string, words: PageWords): string {
  const configured = findRating(scale, id);
  const standard = findRating(DEFAULT_RATING_SCALE, id);
  if (configured && configured.label !== standard?.label) return configured.label;
  return words.ratings[id] ?? configured?.label ?? id;
}
