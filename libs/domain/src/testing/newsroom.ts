import { anchorAt, RevisionText } from '@marginalia/anchoring';
import { type Actor, type Role, SYSTEM_ACTOR } from '../shared/actor';
import type { Anchor } from '../shared/anchor';

export const editor: Actor = { sub: 'li.na', name: '李娜', roles: ['editor'] };
export const otherEditor: Actor = { sub: 'zhou.yang', name: '周阳', roles: ['editor'] };
export const factChecker: Actor = { sub: 'zhao.lei', name: '赵磊', roles: ['fact_checker'] };
export const otherFactChecker: Actor = { sub: 'chen.jing', name: '陈静', roles: ['fact_checker'] };
export const standardsEditor: Actor = {
  sub: 'wang.fang',
  name: '王芳',
  roles: ['standards_editor'],
};
export const otherStandardsEditor: Actor = { sub: 'sun.hao', roles: ['standards_editor'] };
export const auditor: Actor = { sub: 'audit.desk', roles: ['auditor'] };
export const admin: Actor = { sub: 'ops.admin', roles: ['admin'] };
export const system = SYSTEM_ACTOR;

const actorFor: Record<Role, Actor> = {
  editor,
  fact_checker: factChecker,
  standards_editor: standardsEditor,
  auditor,
  admin,
};

const ROLE_NAMES: Record<Role, string> = {
  editor: 'an editor',
  fact_checker: 'a fact-checker',
  standards_editor: 'a standards editor',
  auditor: 'an auditor',
  admin: 'an admin',
};

/** `[name, actor]` rows for `it.each`, one per role: "an auditor cannot …". */
export function withRoles(roles: readonly Role[]): [string, Actor][] {
  return roles.map((role) => [ROLE_NAMES[role], actorFor[role]]);
}

/** Every user a system-only step must refuse, a user who calls themselves `system` included. */
export const everyUser: [string, Actor][] = [
  ...withRoles(['editor', 'fact_checker', 'standards_editor', 'auditor', 'admin']),
  ['a user named system', { sub: 'system', roles: ['standards_editor'] }],
];

/** Corpus 000 (山西日报客户端, 2024-03-08): the paragraph on energy security. */
export const COAL_TEXT =
  '  一是践行“国之大者”,保障国家能源安全。统筹发展和安全,大力推进煤炭、电力和非常规天然气安全稳定供应。' +
  '去年煤炭产量达到13.78亿吨,发电量4376亿千瓦时,非常规天然气产量145.9亿立方米,' +
  '助力中国式现代化建设,为端稳端牢中国能源饭碗彰显山西担当。';
export const COAL_CLAIM = '去年煤炭产量达到13.78亿吨';

/** Corpus 002's opening sentence, with a converter's pinyin artefact in 推動(dòng). */
export const YANGQUAN_TEXT =
  '12月3日上午,省委宣傳部、省政府新聞辦公室在太原組織召開“推動(dòng)高質(zhì)量發(fā)展 深化全方位轉(zhuǎn)型”' +
  '系列主題第二十五場(chǎng)、陽泉專場(chǎng)新聞發(fā)布會(huì)。';
export const PINYIN_ARTEFACT = '推動(dòng)';

/** Where UTF-16 and code points disagree: a CJK Extension B character and an emoji ZWJ family. */
export const FAMILY = '👩‍👩‍👧';
export const VILLAGE_TEXT = `阳泉市𠀾村的一家三口${FAMILY}去年人均收入达到2.3万元,推動(dòng)乡村振兴。`;

export const ids = {
  coalArticle: '018e1b6a-7c00-7000-8000-000000000000',
  yangquanArticle: '018e1b6a-7c00-7000-8000-000000000002',
  claim: '018e1b6b-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
  correction: '018e1b6c-2b3c-7d4e-9f50-6b7c8d9e0f1a',
};

/** The anchor of the first `exact` in `text`, as the API resolves a quote selector. */
export function anchorOf(text: string, exact: string, revision = 1): Anchor {
  const unit = text.indexOf(exact);
  if (unit < 0) throw new Error(`${exact} is not in the text`);
  const indexed = RevisionText.of(text);
  const start = indexed.codePointOffset(unit);
  return { revision, ...anchorAt(indexed, start, start + [...exact].length), state: 'anchored' };
}

export const coalAnchor = anchorOf(COAL_TEXT, COAL_CLAIM);
export const pinyinAnchor = anchorOf(YANGQUAN_TEXT, PINYIN_ARTEFACT);
