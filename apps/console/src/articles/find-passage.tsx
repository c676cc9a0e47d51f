/**
 * The keyboard's way to a selection: type a passage, and the console finds it in the text and
 * selects it as a mouse would (Enter again finds the next occurrence). Browsers give no caret
 * in text that is not editable, so Shift+Arrow cannot start a selection there.
 */
import { useState } from 'preact/hooks';
import { defineMessages } from '../i18n';
import { rangeOfCodePoints } from './selection';
import { countCodePoints } from './text-offsets';

const t = defineMessages({
  en: {
    find: 'Find passage',
    hint: 'Type words from the text and press Enter to select them; Enter again selects the next occurrence.',
    select: 'Select',
    notFound: 'Not found in this revision.',
    found: 'Occurrence {n} of {count} selected.',
  },
  'zh-Hans': {
    find: '查找段落',
    hint: '输入正文中的文字并按回车即可选中；再按回车选中下一处。',
    select: '选中',
    notFound: '此修订版中没有找到。',
    found: '已选中第 {n} 处，共 {count} 处。',
  },
});

export function FindPassage(props: { text: string; root: () => Element | null | undefined }) {
  const [wanted, setWanted] = useState('');
  const [status, setStatus] = useState('');
  const [lastIndex, setLastIndex] = useState(-1);

  const find = (event: Event) => {
    event.preventDefault();
    const root = props.root();
    if (!wanted || !root) return;
    const occurrences: number[] = [];
    for (let at = props.text.indexOf(wanted); at >= 0; at = props.text.indexOf(wanted, at + 1)) {
      occurrences.push(at);
    }
    if (occurrences.length === 0) {
      setStatus(t('notFound'));
      return;
    }
    const next = occurrences.findIndex((at) => at > lastIndex);
    const chosen = next < 0 ? 0 : next;
    const utf16 = occurrences[chosen]!;
    setLastIndex(utf16);
    const start = countCodePoints(props.text.slice(0, utf16));
    const range = rangeOfCodePoints(root, start, start + countCodePoints(wanted));
    if (!range) return;
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    setStatus(t('found', { n: chosen + 1, count: occurrences.length }));
  };

  return (
    <form class="find-passage" onSubmit={find}>
      <label for="find-passage">{t('find')}</label>
      <input
        id="find-passage"
        type="search"
        value={wanted}
        aria-describedby="find-passage-hint find-passage-status"
        onInput={(event) => {
          setWanted((event.target as HTMLInputElement).value);
          setLastIndex(-1);
        }}
      />
      <button type="submit">{t('select')}</button>
      <span class="field-hint" id="find-passage-hint">
        {t('hint')}
      </span>
      <span id="find-passage-status" role="status">
        {status}
      </span>
    </form>
  );
}
