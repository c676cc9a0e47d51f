/**
 * The console's two languages. Each feature keeps its own words beside its code
 * (`defineMessages`), in English and Simplified Chinese; the locale is the browser's language
 * by default and can be switched (kept in localStorage, which holds no secret).
 */
import { useEffect, useState } from 'preact/hooks';

export type Locale = 'en' | 'zh-Hans';
export const LOCALES: Locale[] = ['en', 'zh-Hans'];
const STORAGE_KEY = 'marginalia.locale';

type Params = Record<string, string | number>;
type Message = string | ((params: Params) => string);

function initialLocale(): Locale {
  const kept = safeLocalStorage()?.getItem(STORAGE_KEY);
  if (kept === 'en' || kept === 'zh-Hans') return kept;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const language of preferred) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-Hans';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

let current: Locale = initialLocale();
const listeners = new Set<(locale: Locale) => void>();

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  safeLocalStorage()?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

/** Re-renders the calling component when the language changes; answers the current one. */
export function useLocale(): Locale {
  const [value, setValue] = useState(current);
  useEffect(() => {
    listeners.add(setValue);
    return () => void listeners.delete(setValue);
  }, []);
  return value;
}

/**
 * One feature's words: `en` names every key, `zh-Hans` must name the same keys. A message is a
 * string with `{name}` placeholders or a function of the parameters.
 */
export function defineMessages<K extends string>(messages: {
  en: Record<K, Message>;
  'zh-Hans': Record<K, Message>;
}): (key: K, params?: Params) => string {
  return (key, params = {}) => {
    const message = messages[current][key] ?? messages.en[key];
    if (message === undefined) return key;
    if (typeof message === 'function') return message(params);
    return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** A date and time for people, in the console's language and the browser's time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'zh-Hans' ? 'zh-Hans-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'zh-Hans' ? 'zh-Hans-CN' : 'en-GB', {
    dateStyle: 'long',
  }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current === 'zh-Hans' ? 'zh-Hans-CN' : 'en-GB').format(value);
}

document.documentElement.lang = current;
