// Vietnamese first, English on request. Every text a page shows is a key here; each area keeps its
// own dictionary file (common, citizen, account, official, dashboard) with the same keys in both languages
// (test/web/i18n.test.ts checks it). `{name}` in a text is replaced by params.name.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { common } from './common';
import { citizen } from './citizen';
import { account } from './account';
import { official } from './official';
import { dashboard } from './dashboard';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

export type Dictionary = Record<string, string>;
export interface AreaDictionary { vi: Dictionary; en: Dictionary }

export const AREAS: Record<string, AreaDictionary> = { common, citizen, account, official, dashboard };

const merged: Record<Lang, Dictionary> = {
  vi: Object.assign({}, ...Object.values(AREAS).map((a) => a.vi)) as Dictionary,
  en: Object.assign({}, ...Object.values(AREAS).map((a) => a.en)) as Dictionary,
};

export type Params = Record<string, string | number>;

export const translate = (lang: Lang, key: string, params?: Params): string => {
  const text = merged[lang][key] ?? merged.vi[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
};

export const hasKey = (key: string) => key in merged.vi;

const STORAGE_KEY = 'dvc.lang';
export const initialLang = (): Lang => {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch { /* storage disabled */ }
  return 'vi';
};
export const storeLang = (lang: Lang) => {
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* storage disabled */ }
  document.documentElement.lang = lang;
};

export interface I18n { lang: Lang; setLang(lang: Lang): void; t(key: string, params?: Params): string }

export const I18nContext = createContext<I18n>({ lang: 'vi', setLang: () => undefined, t: (k, p) => translate('vi', k, p) });

export const useI18n = () => useContext(I18nContext);
