// Shared by the referral finder and the inbox: the lists the forms offer
// (every page of a connection), the referral fields both screens show, and
// a query hook that keeps the last answer on screen while it reloads (so a
// reload after a CONFLICT loses nothing typed).
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../../api/graphql';
import { localName } from '../../i18n/i18n';

export interface Named {
  id: string;
  name: string;
  nameLocal: string | null;
}

export interface TerritoryOpt extends Named {
  level: string;
  population: number | null;
  parent: Named | null;
}
export interface StakeholderOpt extends Named {
  territory: Named | null;
}
export interface CategoryOpt extends Named {
  parent: { id: string } | null;
}

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** allNodes reads every page of a root connection (100 a page). */
export async function allNodes<T>(field: string, selection: string, signal?: AbortSignal, from: string | null = null): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = from;
  for (let i = 0; i < 50; i++) {
    const q = `query List($after: String) { list: ${field}(first: 100, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`;
    const data: { list: Page<T> } = await gql<{ list: Page<T> }>(q, { after }, { signal });
    out.push(...data.list.nodes);
    if (!data.list.pageInfo.hasNextPage || !data.list.pageInfo.endCursor) break;
    after = data.list.pageInfo.endCursor;
  }
  return out;
}

/** firstPages reads several root connections in one request, then any further pages one by one. */
export async function firstPages(fields: Record<string, [string, string]>, signal?: AbortSignal): Promise<Record<string, unknown[]>> {
  const q = `query Lists { ${Object.entries(fields)
    .map(([alias, [field, sel]]) => `${alias}: ${field}(first: 100) { nodes { ${sel} } pageInfo { hasNextPage endCursor } }`)
    .join(' ')} }`;
  const data = await gql<Record<string, Page<unknown>>>(q, undefined, { signal });
  const out: Record<string, unknown[]> = {};
  await Promise.all(
    Object.entries(fields).map(async ([alias, [field, sel]]) => {
      const page = data[alias];
      out[alias] = [...page.nodes];
      if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) out[alias].push(...(await allNodes(field, sel, signal, page.pageInfo.endCursor)));
    }),
  );
  return out;
}

const ref = 'id name nameLocal';
export const selections = {
  territories: ['territories', `${ref} level population parent { ${ref} }`] as [string, string],
  stakeholders: ['stakeholders', `${ref} territory { ${ref} }`] as [string, string],
  categories: ['serviceCategories', `${ref} parent { id }`] as [string, string],
  targetGroups: ['targetGroups', ref] as [string, string],
};
export const lists = {
  territories: () => allNodes<TerritoryOpt>('territories', `${ref} level population parent { ${ref} }`),
  stakeholders: () => allNodes<StakeholderOpt>('stakeholders', `${ref} territory { ${ref} }`),
  categories: () => allNodes<CategoryOpt>('serviceCategories', `${ref} parent { id }`),
  targetGroups: () => allNodes<Named>('targetGroups', ref),
};

/** byName sorts records by the name shown in the current language. */
export function byName<T extends Named>(xs: T[]): T[] {
  return [...xs].sort((a, b) => localName(a).localeCompare(localName(b)));
}

/** categoryTree orders categories as a tree: each parent, then its children, with their depth. */
export function categoryTree(cats: CategoryOpt[]): { c: CategoryOpt; depth: number }[] {
  const ids = new Set(cats.map((c) => c.id));
  const kids = new Map<string, CategoryOpt[]>();
  for (const c of cats) {
    const p = c.parent && ids.has(c.parent.id) ? c.parent.id : '';
    kids.set(p, [...(kids.get(p) ?? []), c]);
  }
  const out: { c: CategoryOpt; depth: number }[] = [];
  const walk = (p: string, depth: number) => {
    for (const c of byName(kids.get(p) ?? [])) {
      out.push({ c, depth });
      if (depth < 10) walk(c.id, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

export type Loaded<T> = { data: T | null; error: unknown; loading: boolean; reload: () => void };

/** useLoaded runs load when key changes (or reload is called), keeping the last data while it runs. */
export function useLoaded<T>(load: (() => Promise<T>) | null, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!!load);
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!load) {
      setData(null);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e) => {
        if (!live || (e as Error).name === 'AbortError') return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, n]);
  return { data, error, loading, reload: () => setN((x) => x + 1) };
}

/** The status colours (Okabe–Ito; every bar also carries its label and number). */
export const statusColours: Record<string, string> = {
  SENT: '#56b4e9',
  ACCEPTED: '#0072b2',
  DECLINED: '#d55e00',
  COMPLETED: '#009e73',
  CANCELLED: '#7f7f7f',
};

/** The case code rule of the API (internal/referral.CheckCaseCode). */
export const caseCodePattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
