/** What can be done with the passage selected in the text: capture a claim, propose a correction. */
import { defineMessages, formatNumber } from '../i18n';
import type { QuoteSelector } from './selection';

const t = defineMessages({
  en: {
    heading: 'Selected passage',
    span: 'Characters {start}–{end}',
    capture: 'Capture claim',
    propose: 'Propose correction',
    clear: 'Clear selection',
    nothingAllowed: 'Your role may read the article but not annotate it.',
  },
  'zh-Hans': {
    heading: '所选段落',
    span: '第 {start}–{end} 个字符',
    capture: '记录说法',
    propose: '提出更正',
    clear: '取消选择',
    nothingAllowed: '你的角色可以阅读文章，但不能添加标注。',
  },
});

export interface SelectionToolbarProps {
  selection: QuoteSelector;
  lang?: string;
  canCapture: boolean;
  canPropose: boolean;
  onCapture: () => void;
  onPropose: () => void;
  onClear: () => void;
}

export function SelectionToolbar(props: SelectionToolbarProps) {
  const { selection } = props;
  return (
    <section class="panel selection-toolbar" aria-labelledby="selection-heading">
      <h2 id="selection-heading">{t('heading')}</h2>
      <blockquote lang={props.lang}>{selection.exact}</blockquote>
      <p class="field-hint">
        {t('span', { start: formatNumber(selection.start + 1), end: formatNumber(selection.end) })}
      </p>
      {!props.canCapture && !props.canPropose && <p>{t('nothingAllowed')}</p>}
      <div class="actions">
        {props.canCapture && (
          <button type="button" class="primary" onClick={props.onCapture}>
            {t('capture')}
          </button>
        )}
        {props.canPropose && (
          <button type="button" onClick={props.onPropose}>
            {t('propose')}
          </button>
        )}
        <button type="button" onClick={props.onClear}>
          {t('clear')}
        </button>
      </div>
    </section>
  );
}
