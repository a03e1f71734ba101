// The choices of the forms' pickers: territories, categories, target groups,
// stakeholders and cooperation areas, one query for the lists a form needs
// (each at most 100, the API's page limit), sorted by their name in the
// language, categories and territories as trees.
import { enumLabel, localName } from '../../i18n/i18n';
import type { LookupName } from './specs';

type R = Record<string, any>;

export interface Option {
  value: string;
  label: string;
  /** group: the label of the <optgroup> (territories by level). */
  group?: string;
}

const fields: Record<LookupName, string> = {
  territories: 'territories(first: 100) { nodes { id name nameLocal level } }',
  serviceCategories: 'serviceCategories(first: 100) { nodes { id name nameLocal parent { id } } }',
  targetGroups: 'targetGroups(first: 100) { nodes { id name nameLocal } }',
  stakeholders: 'stakeholders(first: 100) { nodes { id name nameLocal } }',
  cooperationAreas: 'cooperationAreas(first: 100) { nodes { id name nameLocal } }',
};

export function lookupQuery(names: LookupName[]): string {
  return `query EditLookups { ${names.map((n) => fields[n]).join(' ')} }`;
}

const levels = ['COUNTRY', 'REGION', 'DISTRICT', 'ZONE', 'MUNICIPALITY', 'SETTLEMENT'];
const byName = (a: R, b: R) => localName(a as any).localeCompare(localName(b as any));

/** options turns the lookups' answer into choices; extra are records the form refers to (kept even beyond the first 100). */
export function options(data: R, name: LookupName, extra: R[] = []): Option[] {
  const nodes: R[] = [...(data[name]?.nodes ?? [])];
  for (const x of extra) if (x && x.id && !nodes.some((n) => n.id === x.id)) nodes.push(x);
  if (name === 'territories') {
    return [...nodes]
      .sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level) || byName(a, b))
      .map((n) => ({ value: n.id, label: localName(n as any), group: enumLabel('TerritoryLevel', n.level) }));
  }
  if (name === 'serviceCategories') {
    // Depth-first under each parent, indented by depth.
    const kids = new Map<string, R[]>();
    for (const n of nodes) {
      const p = n.parent?.id && nodes.some((m) => m.id === n.parent.id) ? n.parent.id : '';
      kids.set(p, [...(kids.get(p) ?? []), n]);
    }
    const out: Option[] = [];
    const walk = (p: string, depth: number) => {
      for (const n of [...(kids.get(p) ?? [])].sort(byName)) {
        out.push({ value: n.id, label: '\u2002'.repeat(depth * 2) + (depth ? '– ' : '') + localName(n as any) });
        if (depth < 10) walk(n.id, depth + 1);
      }
    };
    walk('', 0);
    return out;
  }
  return [...nodes].sort(byName).map((n) => ({ value: n.id, label: localName(n as any) }));
}
