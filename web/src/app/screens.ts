// The screens of the app: one entry each, in the order of the navigation.
// To add a screen, write src/screens/<name>/<Name>Screen.tsx with a default
// export taking ScreenProps, add an entry here with `load` (a dynamic
// import: esbuild puts it in its own chunk, loaded when first opened), and
// add nav.<id> to both catalogues. minRole hides the screen from roles
// below it (the README's roles table).
import type { ComponentType } from 'preact';
import type { Role } from './session';
import type { Location } from './router';
import SearchScreen from '../screens/search/SearchScreen';
import RecordScreen from '../screens/records/RecordScreen';

export interface ScreenProps {
  /** id of the screen (its entry below). */
  id: string;
  params: Record<string, string>;
  location: Location;
}

type Loader = () => Promise<{ default: ComponentType<ScreenProps> }>;

export interface Screen {
  /** id names the screen in nav.<id> and in data-screen of <main>. */
  id: string;
  /** path pattern; ":x" is a parameter. */
  path: string;
  minRole: Role;
  /** nav: shown in the top navigation. */
  nav: boolean;
  /** component (in the first bundle) or load (a chunk of its own). */
  component?: ComponentType<ScreenProps>;
  load?: Loader;
}


export const screens: Screen[] = [
  { id: 'search', path: '/search', minRole: 'VIEWER', nav: true, component: SearchScreen },
  { id: 'matrix', path: '/matrix', minRole: 'ANALYST', nav: true, load: () => import('../screens/matrix/MatrixScreen') },
  { id: 'finder', path: '/finder', minRole: 'ANALYST', nav: true, load: () => import('../screens/referrals/FinderScreen') },
  { id: 'inbox', path: '/inbox', minRole: 'ANALYST', nav: true, load: () => import('../screens/referrals/InboxScreen') },
  { id: 'network', path: '/network', minRole: 'ANALYST', nav: true, load: () => import('../screens/network/NetworkScreen') },
  { id: 'areas', path: '/areas', minRole: 'ANALYST', nav: true, load: () => import('../screens/areas/AreasScreen') },
  // Editing (screens/edit): before the record pages, whose '/:type/:id' would take '/new/<kind>'.
  // COORDINATOR is the least role: a coordinator edits its own services and links (the forms check the rest).
  { id: 'edit', path: '/edit/:type/:id', minRole: 'COORDINATOR', nav: false, load: () => import('../screens/edit/EditScreen') },
  { id: 'new', path: '/new/:type', minRole: 'COORDINATOR', nav: false, load: () => import('../screens/edit/EditScreen') },
  { id: 'links', path: '/referral-links/:id', minRole: 'COORDINATOR', nav: false, load: () => import('../screens/edit/ListsScreen') },
  { id: 'needs', path: '/needs/:id', minRole: 'EDITOR', nav: false, load: () => import('../screens/edit/ListsScreen') },
  // Record pages: /<type>/<id>, the type as recordPath writes it.
  { id: 'record', path: '/:type/:id', minRole: 'VIEWER', nav: false, component: RecordScreen },
];

/** The kinds of record (the API's SearchType) and their paths. */
export const recordTypes = {
  TERRITORY: 'territory',
  STAKEHOLDER: 'stakeholder',
  SERVICE_CATEGORY: 'category',
  TARGET_GROUP: 'target-group',
  SERVICE: 'service',
  COOPERATION_AREA: 'area',
  PARTNERSHIP: 'partnership',
  PRACTICE: 'practice',
  PROJECT: 'project',
  EVENT: 'event',
} as const;

export type RecordType = keyof typeof recordTypes;

export function recordPath(type: RecordType, id: string): string {
  return `/${recordTypes[type]}/${encodeURIComponent(id)}`;
}

export function recordTypeOf(segment: string): RecordType | undefined {
  return (Object.keys(recordTypes) as RecordType[]).find((k) => recordTypes[k] === segment);
}

/** route finds the screen for a path. */
export function route(path: string): { screen: Screen; params: Record<string, string> } | null {
  for (const screen of screens) {
    const params = matchPath(screen.path, path);
    if (params && (screen.id !== 'record' || recordTypeOf(params.type))) return { screen, params };
  }
  return null;
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/').filter(Boolean);
  const xs = path.split('/').filter(Boolean);
  if (ps.length !== xs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].startsWith(':')) params[ps[i].slice(1)] = decodeURIComponent(xs[i]);
    else if (ps[i] !== xs[i]) return null;
  }
  return params;
}
