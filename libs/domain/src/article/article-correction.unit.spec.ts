import { textSha256 } from '@marginalia/text';
import type { Actor } from '../shared/actor';
import type { Anchor } from '../shared/anchor';
import { deciderSpecification } from '../testing/decider-specification';
import {
  anchorOf,
  articleImported,
  articleReimported,
  editor,
  everyUser,
  FAMILY,
  ids,
  PINYIN_ARTEFACT,
  PINYIN_NOTICE,
  pinyinAnchor,
  standardsEditor,
  system,
  VILLAGE_TEXT,
  withRoles,
  YANGQUAN_TEXT,
} from '../testing/fixtures';
import type { ApplyCorrection, WithdrawArticle } from './article.commands';
import { articleDecider } from './article.decide';
import type { ArticleEvent } from './article.events';

const spec = deciderSpecification(articleDecider);
const articleId = ids.yangquanArticle;
const correctionId = ids.correction;
const imported = articleImported(articleId, YANGQUAN_TEXT);
const withdrawn: ArticleEvent = {
  type: 'ArticleWithdrawn',
  data: { articleId, reason: '版权方要求撤稿' },
};

function applyCorrection(
  anchor: Anchor,
  replacement: string,
  actor: Actor = system,
): ApplyCorrection {
  return {
    type: 'ApplyCorrection',
    articleId,
    correction: { correctionId, kind: 'correction', anchor, replacement, notice: PINYIN_NOTICE },
    actor,
  };
}

function revisedBy(command: ApplyCorrection, revision: number, text: string): ArticleEvent {
  return {
    type: 'ArticleRevised',
    data: {
      articleId,
      revision,
      text,
      textSha256: textSha256(text),
      cause: { kind: 'correction', correctionId },
      reason: PINYIN_NOTICE,
      raw: null,
      format: null,
      correction: command.correction,
    },
  };
}

const withdrawArticle = (actor: Actor): WithdrawArticle => ({
  type: 'WithdrawArticle',
  articleId,
  reason: '版权方要求撤稿',
  actor,
});

describe('applying an approved correction', () => {
  it('the system turns corpus 002’s “推動(dòng)” into “推動” as revision 2, naming the correction', () => {
    const command = applyCorrection(pinyinAnchor, '推動');
    spec
      .given([imported])
      .when(command)
      .then([revisedBy(command, 2, YANGQUAN_TEXT.replace(PINYIN_ARTEFACT, '推動'))]);
  });

  it('splices by code points after a CJK Extension B character and an emoji ZWJ family', () => {
    const anchor = anchorOf(VILLAGE_TEXT, PINYIN_ARTEFACT);
    expect(anchor.start).toBe(VILLAGE_TEXT.indexOf(PINYIN_ARTEFACT) - 4);
    const command = applyCorrection(anchor, '推動');
    spec
      .given([articleImported(articleId, VILLAGE_TEXT)])
      .when(command)
      .then([
        revisedBy(
          command,
          2,
          `阳泉市𠀾村的一家三口${FAMILY}去年人均收入达到2.3万元,推動乡村振兴。`,
        ),
      ]);
  });

  it('deletes a whole emoji ZWJ sequence when the replacement is empty', () => {
    const command = applyCorrection(anchorOf(VILLAGE_TEXT, FAMILY), '');
    spec
      .given([articleImported(articleId, VILLAGE_TEXT)])
      .when(command)
      .then([
        revisedBy(command, 2, '阳泉市𠀾村的一家三口去年人均收入达到2.3万元,推動(dòng)乡村振兴。'),
      ]);
  });

  it('corrects the current revision after a re-import', () => {
    const current = `${YANGQUAN_TEXT}\n(郭 赟)`;
    const command = applyCorrection(anchorOf(current, PINYIN_ARTEFACT, 2), '推動');
    spec
      .given([imported, articleReimported(articleId, 2, current)])
      .when(command)
      .then([revisedBy(command, 3, current.replace(PINYIN_ARTEFACT, '推動'))]);
  });

  it('applying the same correction twice records nothing the second time', () => {
    const command = applyCorrection(pinyinAnchor, '推動');
    const applied = revisedBy(command, 2, YANGQUAN_TEXT.replace(PINYIN_ARTEFACT, '推動'));
    spec.given([imported, applied]).when(command).thenNothing();
  });

  it('a correction anchored in an older revision is refused until it has followed the text', () => {
    spec
      .given([imported, articleReimported(articleId, 2, `${YANGQUAN_TEXT}\n`)])
      .when(applyCorrection(pinyinAnchor, '推動'))
      .thenThrows('invalid_transition', /not anchored in revision 2/);
  });

  it('a correction whose passage was orphaned is refused', () => {
    spec
      .given([imported])
      .when(applyCorrection({ ...pinyinAnchor, state: 'orphaned' }, '推動'))
      .thenThrows('invalid_transition', /not anchored/);
  });

  it('a correction whose quote no longer matches the text at its offsets is refused', () => {
    const shifted = { ...pinyinAnchor, start: pinyinAnchor.start + 1, end: pinyinAnchor.end + 1 };
    spec
      .given([imported])
      .when(applyCorrection(shifted, '推動'))
      .thenThrows('invalid_transition', /no longer matches/);
  });

  it('a replacement that would not be NFC in the new text is refused', () => {
    spec
      .given([imported])
      .when(applyCorrection(pinyinAnchor, '推動(do\u0300ng)'))
      .thenThrows('validation_failed');
  });

  it('a withdrawn article takes no correction', () => {
    spec
      .given([imported, withdrawn])
      .when(applyCorrection(pinyinAnchor, '推動'))
      .thenThrows('invalid_transition', /withdrawn/);
  });

  it('correcting an article that was never imported is not_found', () => {
    spec.given([]).when(applyCorrection(pinyinAnchor, '推動')).thenThrows('not_found');
  });

  it.each(everyUser)('%s cannot apply a correction by hand', (_role, actor) => {
    spec
      .given([imported])
      .when(applyCorrection(pinyinAnchor, '推動', actor))
      .thenThrows('forbidden');
  });
});

describe('withdrawing an article', () => {
  it('an editor withdraws the article with the reason', () => {
    spec.given([imported]).when(withdrawArticle(editor)).then([withdrawn]);
  });

  it('a standards editor may withdraw it too', () => {
    spec.given([imported]).when(withdrawArticle(standardsEditor)).then([withdrawn]);
  });

  it('an article already withdrawn cannot be withdrawn again', () => {
    spec
      .given([imported, withdrawn])
      .when(withdrawArticle(editor))
      .thenThrows('invalid_transition');
  });

  it('withdrawing an article that was never imported is not_found', () => {
    spec.given([]).when(withdrawArticle(editor)).thenThrows('not_found');
  });

  it.each(withRoles(['fact_checker', 'auditor', 'admin']))(
    '%s cannot withdraw an article',
    (_role, actor) => {
      spec.given([imported]).when(withdrawArticle(actor)).thenThrows('forbidden');
    },
  );
});
