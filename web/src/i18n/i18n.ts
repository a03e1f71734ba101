// Every UI string comes from the catalogues en.json and bg.json (one file per
// language, the same keys in both: TestCatalogues checks it). Keys are
// dotted: "<screen>.<what>", and enum labels are "enum.<Enum>.<VALUE>" with
// the enum's name as in schema/*.graphqls.
import { createStore, useStore } from '../lib/store';
import en from './en.json';
import bg from './bg.json';

export type Lang = 'en' | 'bg';
export const languages: Lang[] = ['bg', 'en'];
const catalogues: Record<Lang, Record<string, string>> = { en, bg };
const locales: Record<Lang, string> = { en: 'en-GB', bg: 'bg-BG' };
const storageKey = 'coopgraph.lang';

function initialLang(): Lang {
  const saved = sessionStorage.getItem(storageKey);
  if (saved === 'en' || saved === 'bg') return saved;
  for (const l of navigator.languages ?? [navigator.language]) {
    if (l.toLowerCase().startsWith('bg')) return 'bg';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

export const lang = createStore<Lang>(initialLang());
document.documentElement.lang = lang.get();

export function setLang(l: Lang) {
  sessionStorage.setItem(storageKey, l);
  document.documentElement.lang = l;
  lang.set(l);
}

/** useLang re-renders the caller when the language changes. */
export function useLang(): Lang {
  return useStore(lang);
}

/** t translates key, filling {name} placeholders from params. */
export function t(key: string, params?: Record<string, string | number>): string {
  const msg = catalogues[lang.get()][key] ?? catalogues.en[key];
  if (msg === undefined) {
    console.warn('missing message', key);
    return key;
  }
  if (!params) return msg;
  return msg.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** enumLabel is the label of a GraphQL enum value, e.g. ('Sector', 'PUBLIC'). */
export function enumLabel(enumName: string, value: string | null | undefined): string {
  if (!value) return '';
  return t(`enum.${enumName}.${value}`);
}

/** localName: in Bulgarian a record's nameLocal where it has one. */
export function localName(r: { name: string; nameLocal?: string | null }): string {
  return lang.get() === 'bg' && r.nameLocal ? r.nameLocal : r.name;
}

export function fmtNumber(n: number | null | undefined, opts?: Intl.NumberFormatOptions): string {
  if (n === null || n === undefined) return '';
  return new Intl.NumberFormat(locales[lang.get()], opts).format(n);
}

/** fmtDate formats a GraphQL Date (YYYY-MM-DD) or DateTime for the language. */
export function fmtDate(s: string | null | undefined): string {
  if (!s) return '';
  // A Date has no zone: read it as UTC midnight and format it in UTC.
  const d = new Date(s.length === 10 ? s + 'T00:00:00Z' : s);
  return new Intl.DateTimeFormat(locales[lang.get()], { dateStyle: 'medium', timeZone: s.length === 10 ? 'UTC' : undefined }).format(d);
}

export function fmtDateTime(s: string | null | undefined): string {
  if (!s) return '';
  return new Intl.DateTimeFormat(locales[lang.get()], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(s));
}
