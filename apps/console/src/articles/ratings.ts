/**
 * The rating scale for people: the server's configured scale (ids and English labels, from
 * `/console/config.json`), with Simplified Chinese labels for the default scale's ids (SPEC §5).
 * A rating the console has no Chinese word for keeps the server's label.
 */
import { useEffect, useState } from 'preact/hooks';
import { type ConsoleConfig, consoleConfig } from '../config';
import { locale, useLocale } from '../i18n';

export type Rating = ConsoleConfig['ratings'][number];

const CHINESE_LABELS: Record<string, string> = {
  true: '正确',
  mostly_true: '基本正确',
  half_true: '半真半假',
  mostly_false: '基本错误',
  false: '错误',
  misleading: '误导',
  missing_context: '缺少背景',
  unproven: '未经证实',
};

let scale: Rating[] | undefined;
let loading: Promise<Rating[]> | undefined;

function loadScale(): Promise<Rating[]> {
  loading ??= consoleConfig().then(
    (config) => (scale = config.ratings),
    () => (scale = []),
  );
  return loading;
}

/** A rating id as people read it, in the console's language; the id itself until the scale has loaded. */
export function ratingLabel(id: string): string {
  if (locale() === 'zh-Hans' && CHINESE_LABELS[id]) return CHINESE_LABELS[id];
  return scale?.find((rating) => rating.id === id)?.label ?? id;
}

/** The configured scale and the label function; re-renders when the scale arrives or the language changes. */
export function useRatings(): { ratings: Rating[]; ratingLabel: (id: string) => string } {
  useLocale();
  const [ratings, setRatings] = useState<Rating[]>(scale ?? []);
  useEffect(() => {
    if (!scale) void loadScale().then(setRatings);
  }, []);
  return { ratings, ratingLabel };
}
