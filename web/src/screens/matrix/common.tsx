// What the supply-and-demand screen and the cooperation-areas screen share:
// the territory picker (a select of the territories above settlements,
// grouped by level), check lists for categories and target groups, the
// address helpers that keep the selections in the query string, the colour
// scale and the CSV download.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql } from '../../api/graphql';
import { navigate, type Location } from '../../app/router';
import { enumLabel, localName, t, useLang } from '../../i18n/i18n';

export interface Named {
  id: string;
  name: string;
  nameLocal: string | null;
}

export interface TerritoryOption extends Named {
  level: Level;
}

export interface CategoryOption extends Named {
  domain: string;
  parent: { id: string } | null;
}

export const levels = ['COUNTRY', 'REGION', 'DISTRICT', 'ZONE', 'MUNICIPALITY', 'SETTLEMENT'] as const;
export type Level = (typeof levels)[number];
export const domains = ['SOCIAL', 'HEALTH', 'INTEGRATED'] as const;

/** The demo's Pazardzhik district: the scope both screens open with. */
export const defaultScope = 'tr-pazardzhik-district';

// ---- the address ----

/** list reads a comma-separated query parameter. */
export function listParam(q: URLSearchParams, name: string): string[] {
  return (q.get(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** yearParam reads a year, or undefined when absent or not a number. */
export function yearParam(q: URLSearchParams): number | undefined {
  const y = Number.parseInt(q.get('year') ?? '', 10);
  return Number.isFinite(y) ? y : undefined;
}

/** setParams changes some query parameters of the address (empty removes one), replacing the history entry. */
export function setParams(loc: Location, changes: Record<string, string | string[] | number | undefined | null>) {
  const q = new URLSearchParams(loc.query);
  for (const [k, v] of Object.entries(changes)) {
    const s = Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v);
    if (s === '') q.delete(k);
    else q.set(k, s);
  }
  const qs = q.toString();
  navigate(loc.path + (qs ? '?' + qs : ''), { replace: true });
}

// ---- the pick lists, loaded once per page ----

const territoriesQuery = `query PickTerritories($after: String) {
  territories(filter: { levels: [COUNTRY, REGION, DISTRICT, ZONE, MUNICIPALITY] }, first: 100, after: $after) {
    nodes { id name nameLocal level }
    pageInfo { hasNextPage endCursor }
  }
}`;

const optionsQuery = `query PickOptions {
  serviceCategories(first: 100) { nodes { id name nameLocal domain parent { id } } }
  targetGroups(first: 100) { nodes { id name nameLocal } }
}`;

export interface Options {
  territories: TerritoryOption[];
  categories: CategoryOption[];
  targetGroups: Named[];
}

let optionsPromise: Promise<Options> | null = null;

async function loadOptions(): Promise<Options> {
  const territories: TerritoryOption[] = [];
  let after: string | null = null;
  // At most 20 pages: every municipality of a country.
  for (let i = 0; i < 20; i++) {
    const r: { territories: { nodes: TerritoryOption[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      territoriesQuery,
      after ? { after } : {},
    );
    territories.push(...r.territories.nodes);
    if (!r.territories.pageInfo.hasNextPage) break;
    after = r.territories.pageInfo.endCursor;
  }
  const o = await gql<{ serviceCategories: { nodes: CategoryOption[] }; targetGroups: { nodes: Named[] } }>(optionsQuery);
  return { territories, categories: o.serviceCategories.nodes, targetGroups: o.targetGroups.nodes };
}

export type OptionsState = { status: 'loading' } | { status: 'done'; data: Options } | { status: 'error'; error: unknown; retry: () => void };

/** useOptions loads the territories, categories and target groups to pick from (once per page load). */
export function useOptions(): OptionsState {
  const [state, setState] = useState<OptionsState>({ status: 'loading' });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    if (!optionsPromise) optionsPromise = loadOptions();
    optionsPromise.then(
      (data) => live && setState({ status: 'done', data }),
      (error) => {
        optionsPromise = null;
        if (live) setState({ status: 'error', error, retry: () => setN((x) => x + 1) });
      },
    );
    return () => {
      live = false;
    };
  }, [n]);
  return state;
}

/** byName sorts records by their name in the current language. */
export function byName<T extends Named>(xs: T[]): T[] {
  return [...xs].sort((a, b) => localName(a).localeCompare(localName(b)));
}

/** categoryTree orders categories depth first, each with its depth. */
export function categoryTree(cats: CategoryOption[]): { cat: CategoryOption; depth: number }[] {
  const out: { cat: CategoryOption; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of byName(cats.filter((c) => (c.parent?.id ?? null) === parent))) {
      out.push({ cat: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

// ---- controls ----

/** TerritoryPicker: a select of the territories grouped by level (type a name's first letters to jump). */
export function TerritoryPicker({ id, territories, value, onChange }: { id: string; territories: TerritoryOption[]; value: string; onChange: (id: string) => void }) {
  useLang();
  const known = territories.some((x) => x.id === value);
  return (
    <div class="field">
      <label for={id}>{t('matrix.pick.scope')}</label>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {!known && <option value={value}>{value}</option>}
        {levels.map((l) => {
          const xs = byName(territories.filter((x) => x.level === l));
          if (xs.length === 0) return null;
          return (
            <optgroup key={l} label={enumLabel('TerritoryLevel', l)}>
              {xs.map((x) => (
                <option key={x.id} value={x.id}>
                  {localName(x)}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </div>
  );
}

/** CheckList: a disclosure with a checkbox per item; none checked means "all" (the API's default). */
export function CheckList({
  id,
  legend,
  summary,
  items,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  summary: string;
  items: { id: string; label: string; depth?: number }[];
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const toggle = (x: string, on: boolean) => {
    const set = new Set(value);
    if (on) set.add(x);
    else set.delete(x);
    // Keep the list's order (the columns come in the order asked).
    onChange(items.map((i) => i.id).filter((i) => set.has(i)));
  };
  return (
    <details class="checklist" id={id}>
      <summary>
        <span class="checklist-legend">{legend}</span>: <span class="checklist-summary">{summary}</span>
      </summary>
      <fieldset>
        <legend class="mx-vh">{legend}</legend>
        {value.length > 0 && (
          <button type="button" class="link-button" onClick={() => onChange([])}>
            {t('matrix.pick.clear')}
          </button>
        )}
        <ul>
          {items.map((i) => (
            <li key={i.id} class={`depth-${Math.min(i.depth ?? 0, 3)}`}>
              <input type="checkbox" id={`${id}-${i.id}`} value={i.id} checked={value.includes(i.id)} onChange={(e) => toggle(i.id, (e.target as HTMLInputElement).checked)} />
              <label for={`${id}-${i.id}`}>{i.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}

/** YearInput: a year, or empty for every year; applied on change (Enter or leaving the field). */
export function YearInput({ id, value, onChange }: { id: string; value: number | undefined; onChange: (y: number | undefined) => void }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  return (
    <div class="field">
      <label for={id}>{t('matrix.pick.year')}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1990}
        max={2100}
        step={1}
        value={text}
        placeholder={t('matrix.pick.allYears')}
        aria-describedby={`${id}-hint`}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onChange={(e) => {
          const y = Number.parseInt((e.target as HTMLInputElement).value, 10);
          onChange(Number.isFinite(y) ? y : undefined);
        }}
      />
      <span id={`${id}-hint`} class="muted hint">
        {t('matrix.pick.yearHint')}
      </span>
    </div>
  );
}

export function Controls({ children }: { children: ComponentChildren }) {
  return <div class="controls">{children}</div>;
}

// ---- colour ----

/**
 * cividis maps 0..1 to the cividis colour map (Nuñez, Anderton & Renslow
 * 2018), readable with every common colour-vision deficiency and in grey.
 * The polynomial is d3-scale-chromatic's (ISC licence, © Mike Bostock).
 * Observable Plot's own scales weigh 80 KB gzipped and its legends insert
 * <style> elements, which the app's CSP (style-src 'self') refuses, so the
 * heat map colours its cells and draws its legend itself.
 */
export function cividis(t: number): [number, number, number] {
  t = Math.max(0, Math.min(1, t));
  const c = (x: number) => Math.max(0, Math.min(255, Math.round(x)));
  return [
    c(-4.54 - t * (35.34 - t * (2381.73 - t * (6402.7 - t * (7024.72 - t * 2710.57))))),
    c(32.49 + t * (170.73 + t * (52.82 - t * (131.46 - t * (176.58 - t * 67.37))))),
    c(81.24 + t * (442.36 - t * (2482.43 - t * (6167.24 - t * (6614.94 - t * 2475.67))))),
  ];
}

export function rgb([r, g, b]: [number, number, number]): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** inkOn is the text colour readable on a background (WCAG relative luminance). */
export function inkOn([r, g, b]: [number, number, number]): string {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  // Contrast with black (l+0.05)/0.05 against white 1.05/(l+0.05).
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

// ---- downloads ----

/**
 * download fetches an /export/* address with the session's token (the
 * app's own, kept by session.ts under this key) and saves the answer as a
 * file: a plain link could not send the Authorization header.
 */
export async function download(href: string, filename: string): Promise<void> {
  const headers: Record<string, string> = {};
  const tok = sessionStorage.getItem('coopgraph.token');
  if (tok) headers.Authorization = 'Bearer ' + tok;
  let resp: Response;
  try {
    resp = await fetch(href, { headers, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(String(e), 'NETWORK');
  }
  if (!resp.ok) {
    let code = 'INTERNAL';
    let requestId: string | undefined;
    let message = resp.statusText;
    try {
      const body = await resp.json();
      const first = body?.errors?.[0];
      code = first?.extensions?.code ?? code;
      requestId = first?.extensions?.requestId;
      message = first?.message ?? message;
    } catch {
      // not JSON: the status says enough
    }
    throw new ApiError(message, code, [], requestId);
  }
  const blob = await resp.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
