// What each form edits: the record's query, its fields (input field names,
// as the problems' paths name them: input.<name>), how a record becomes the
// form's values and the values the mutation's whole-record input (updates
// replace: fields the form does not show, such as illustrativeFields, are
// sent back as read), and the mutations.
import type { Me } from '../../app/session';
import type { EditKind } from './perm';

type R = Record<string, any>;
export type Val = string | string[] | boolean;
export type Values = Record<string, Val>;

export type LookupName = 'territories' | 'serviceCategories' | 'targetGroups' | 'stakeholders' | 'cooperationAreas';

export type FieldKind = 'text' | 'textarea' | 'int' | 'date' | 'enum' | 'ref' | 'checks' | 'picks' | 'check';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** label key: edit.field.<name> unless given. */
  label?: string;
  required?: boolean;
  /** max length (characters), as the schema's description says. */
  max?: number;
  /** enum: the GraphQL enum's name. */
  enumName?: string;
  enumValues?: string[];
  /** ref, checks, picks: where the choices come from. */
  lookup?: LookupName;
  /** a hint key shown under the field. */
  hint?: string;
}

export interface Spec {
  kind: EditKind;
  /** versioned: updates send expectedVersion; referral links have no version (the API's ReferralLink has none). */
  versioned: boolean;
  lookups: LookupName[];
  fields: FieldSpec[];
  /** load: the query of one record; its root field is aliased "record". */
  load: string;
  /** loadVars, pick: variables and how to find the record in the answer. */
  loadVars(id: string, query: URLSearchParams): Record<string, unknown>;
  pick(data: R, id: string): R | null;
  fromRecord(r: R): Values;
  blank(me: Me, query: URLSearchParams): Values;
  toInput(v: Values, base: R | null): R;
  create: string;
  update: string;
  /** owner: the stakeholder that owns the record for a COORDINATOR's rights (provider, from). */
  owner?(v: Values): string;
  /** fixedOwner: the field a COORDINATOR may not change (it is its own stakeholder). */
  fixedOwner?: string;
  /** after: where to go once saved. */
  after(saved: R, v: Values): string;
  /** cancel: where Cancel leads. */
  cancel(v: Values, id: string | null): string;
}

const L = 300;
const D = 10000;
const ref = 'id name nameLocal';
const audit = 'version updatedAt updatedBy illustrative illustrativeFields source';

const str = (x: unknown): string => (x === null || x === undefined ? '' : String(x));
const ids = (xs: R[] | null | undefined): string[] => (xs ?? []).map((x) => x.id);
const opt = (v: Val | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const text = (v: Val | undefined): string => (typeof v === 'string' ? v.trim() : '');
const list = (v: Val | undefined): string[] => (Array.isArray(v) ? v : []);

/** int: the value as a number, null when empty; the form checks it is a whole number first. */
export function int(v: Val | undefined): number | null {
  const s = typeof v === 'string' ? v.trim() : '';
  return s === '' ? null : Number(s);
}

const meta = (v: Values, base: R | null) => ({
  illustrative: v.illustrative === true,
  illustrativeFields: base?.illustrativeFields ?? [],
  source: opt(v.source),
});

const metaFields: FieldSpec[] = [
  { name: 'source', kind: 'text', max: L, hint: 'edit.hint.source' },
  { name: 'illustrative', kind: 'check' },
];

const recordPath = (type: string, id: string) => `/${type}/${encodeURIComponent(id)}`;

export const stakeholderKinds = ['MUNICIPALITY', 'REGIONAL_AUTHORITY', 'STATE_AGENCY', 'SOCIAL_SERVICE_PROVIDER', 'HEALTH_PROVIDER', 'NGO', 'VOLUNTEER_GROUP', 'BUSINESS', 'CHAMBER', 'EDUCATION', 'RESEARCH', 'MEDIA', 'INTERNATIONAL_BODY', 'OTHER'];

export const specs: Record<EditKind, Spec> = {
  stakeholder: {
    kind: 'stakeholder',
    versioned: true,
    lookups: ['territories', 'cooperationAreas'],
    fields: [
      { name: 'name', kind: 'text', required: true, max: L },
      { name: 'nameLocal', kind: 'text', max: L },
      { name: 'acronym', kind: 'text', max: L },
      { name: 'kind', kind: 'enum', required: true, enumName: 'StakeholderKind', enumValues: stakeholderKinds },
      { name: 'sector', kind: 'enum', required: true, enumName: 'Sector', enumValues: ['PUBLIC', 'PRIVATE', 'NON_PROFIT'] },
      { name: 'territoryId', kind: 'ref', required: true, lookup: 'territories' },
      { name: 'description', kind: 'textarea', max: D },
      { name: 'email', kind: 'text', max: L },
      { name: 'phone', kind: 'text', max: L },
      { name: 'website', kind: 'text', max: L, hint: 'edit.hint.url' },
      { name: 'areaIds', kind: 'checks', lookup: 'cooperationAreas' },
      ...metaFields,
    ],
    load: `query EditStakeholder($id: ID!) { record: stakeholder(id: $id) { ${ref} acronym kind sector description email phone website
      territory { ${ref} level } cooperationAreas { ${ref} } ${audit} } }`,
    loadVars: (id) => ({ id }),
    pick: (d) => d.record,
    fromRecord: (r) => ({
      name: str(r.name), nameLocal: str(r.nameLocal), acronym: str(r.acronym), kind: r.kind, sector: r.sector,
      territoryId: str(r.territory?.id), description: str(r.description), email: str(r.email), phone: str(r.phone),
      website: str(r.website), areaIds: ids(r.cooperationAreas), source: str(r.source), illustrative: !!r.illustrative,
    }),
    blank: (_me, q) => ({
      name: '', nameLocal: '', acronym: '', kind: 'NGO', sector: 'NON_PROFIT', territoryId: q.get('territory') ?? '',
      description: '', email: '', phone: '', website: '', areaIds: [], source: '', illustrative: false,
    }),
    toInput: (v, base) => ({
      name: text(v.name), nameLocal: opt(v.nameLocal), acronym: opt(v.acronym), kind: v.kind, sector: v.sector,
      description: opt(v.description), email: opt(v.email), phone: opt(v.phone), website: opt(v.website),
      territoryId: text(v.territoryId), areaIds: list(v.areaIds), ...meta(v, base),
    }),
    create: `mutation CreateStakeholder($input: StakeholderInput!) { saved: createStakeholder(input: $input) { id version } }`,
    update: `mutation UpdateStakeholder($id: ID!, $input: StakeholderInput!, $expectedVersion: Int!) { saved: updateStakeholder(id: $id, input: $input, expectedVersion: $expectedVersion) { id version } }`,
    after: (s) => recordPath('stakeholder', s.id),
    cancel: (_v, id) => (id ? recordPath('stakeholder', id) : '/search'),
  },

  service: {
    kind: 'service',
    versioned: true,
    lookups: ['stakeholders', 'serviceCategories', 'targetGroups', 'territories'],
    fields: [
      { name: 'name', kind: 'text', required: true, max: L },
      { name: 'nameLocal', kind: 'text', max: L },
      { name: 'providerId', kind: 'ref', required: true, lookup: 'stakeholders' },
      { name: 'categoryIds', kind: 'picks', required: true, lookup: 'serviceCategories' },
      { name: 'status', kind: 'enum', required: true, enumName: 'ServiceStatus', enumValues: ['ACTIVE', 'PLANNED', 'SUSPENDED'] },
      { name: 'deliveryMode', kind: 'enum', required: true, enumName: 'DeliveryMode', enumValues: ['IN_PERSON', 'RESIDENTIAL', 'DAY_CARE', 'OUTREACH', 'REMOTE', 'MIXED'] },
      { name: 'capacity', kind: 'int', hint: 'edit.hint.capacity' },
      { name: 'available', kind: 'int', hint: 'edit.hint.available' },
      { name: 'coverageIds', kind: 'picks', required: true, lookup: 'territories', hint: 'edit.hint.coverage' },
      { name: 'targetGroupIds', kind: 'checks', lookup: 'targetGroups' },
      { name: 'minAge', kind: 'int', hint: 'edit.hint.age' },
      { name: 'maxAge', kind: 'int', hint: 'edit.hint.age' },
      { name: 'eligibility', kind: 'textarea', max: D },
      { name: 'description', kind: 'textarea', max: D },
      { name: 'email', kind: 'text', max: L },
      { name: 'url', kind: 'text', max: L, hint: 'edit.hint.url' },
      ...metaFields,
    ],
    load: `query EditService($id: ID!) { record: service(id: $id) { ${ref} description status deliveryMode eligibility minAge maxAge
      capacity available availableUpdatedAt email url provider { ${ref} } categories { ${ref} } targetGroups { ${ref} } coverage { ${ref} level } ${audit} } }`,
    loadVars: (id) => ({ id }),
    pick: (d) => d.record,
    fromRecord: (r) => ({
      name: str(r.name), nameLocal: str(r.nameLocal), providerId: str(r.provider?.id), categoryIds: ids(r.categories),
      status: r.status, deliveryMode: r.deliveryMode, capacity: str(r.capacity), available: str(r.available),
      coverageIds: ids(r.coverage), targetGroupIds: ids(r.targetGroups), minAge: str(r.minAge), maxAge: str(r.maxAge),
      eligibility: str(r.eligibility), description: str(r.description), email: str(r.email), url: str(r.url),
      source: str(r.source), illustrative: !!r.illustrative,
    }),
    blank: (me, q) => ({
      name: '', nameLocal: '', providerId: me.role === 'COORDINATOR' ? (me.stakeholder?.id ?? '') : (q.get('provider') ?? ''),
      categoryIds: q.get('category') ? [q.get('category') as string] : [], status: 'ACTIVE', deliveryMode: 'IN_PERSON', capacity: '', available: '',
      coverageIds: [], targetGroupIds: [], minAge: '', maxAge: '', eligibility: '', description: '', email: '', url: '',
      source: '', illustrative: false,
    }),
    toInput: (v, base) => {
      const available = int(v.available);
      // availableUpdatedAt goes with available: now when the count changed, else as stored.
      const changed = !base || available !== (base.available ?? null);
      return {
        name: text(v.name), nameLocal: opt(v.nameLocal), description: opt(v.description), status: v.status, deliveryMode: v.deliveryMode,
        eligibility: opt(v.eligibility), minAge: int(v.minAge), maxAge: int(v.maxAge), capacity: int(v.capacity), available,
        availableUpdatedAt: available === null ? null : changed ? new Date().toISOString() : (base?.availableUpdatedAt ?? null),
        email: opt(v.email), url: opt(v.url), providerId: text(v.providerId), categoryIds: list(v.categoryIds),
        targetGroupIds: list(v.targetGroupIds), coverageIds: list(v.coverageIds), ...meta(v, base),
      };
    },
    create: `mutation CreateService($input: ServiceInput!) { saved: createService(input: $input) { id version } }`,
    update: `mutation UpdateService($id: ID!, $input: ServiceInput!, $expectedVersion: Int!) { saved: updateService(id: $id, input: $input, expectedVersion: $expectedVersion) { id version } }`,
    owner: (v) => text(v.providerId),
    fixedOwner: 'providerId',
    after: (s) => recordPath('service', s.id),
    cancel: (v, id) => (id ? recordPath('service', id) : v.providerId ? recordPath('stakeholder', text(v.providerId)) : '/search'),
  },

  need: {
    kind: 'need',
    versioned: true,
    lookups: ['territories', 'serviceCategories', 'targetGroups'],
    fields: [
      { name: 'territoryId', kind: 'ref', required: true, lookup: 'territories' },
      { name: 'categoryId', kind: 'ref', required: true, lookup: 'serviceCategories' },
      { name: 'targetGroupId', kind: 'ref', required: true, lookup: 'targetGroups' },
      { name: 'volume', kind: 'int', required: true, hint: 'edit.hint.volume' },
      { name: 'year', kind: 'int', required: true, hint: 'edit.hint.year' },
      { name: 'priority', kind: 'enum', required: true, enumName: 'Priority', enumValues: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] },
      { name: 'needSource', kind: 'text', max: L },
      { name: 'description', kind: 'textarea', max: D },
      ...metaFields,
    ],
    load: `query EditNeed($id: ID!) { record: need(id: $id) { id description volume priority needSource year
      territory { ${ref} level } category { ${ref} } targetGroup { ${ref} } ${audit} } }`,
    loadVars: (id) => ({ id }),
    pick: (d) => d.record,
    fromRecord: (r) => ({
      territoryId: str(r.territory?.id), categoryId: str(r.category?.id), targetGroupId: str(r.targetGroup?.id),
      volume: str(r.volume), year: str(r.year), priority: r.priority, needSource: str(r.needSource), description: str(r.description),
      source: str(r.source), illustrative: !!r.illustrative,
    }),
    blank: (_me, q) => ({
      territoryId: q.get('territory') ?? '', categoryId: q.get('category') ?? '', targetGroupId: '', volume: '',
      year: String(new Date().getFullYear()), priority: 'MEDIUM', needSource: '', description: '', source: '', illustrative: false,
    }),
    toInput: (v, base) => ({
      description: opt(v.description), volume: int(v.volume), priority: v.priority, needSource: opt(v.needSource), year: int(v.year),
      territoryId: text(v.territoryId), categoryId: text(v.categoryId), targetGroupId: text(v.targetGroupId), ...meta(v, base),
    }),
    create: `mutation CreateNeed($input: NeedInput!) { saved: createNeed(input: $input) { id version } }`,
    update: `mutation UpdateNeed($id: ID!, $input: NeedInput!, $expectedVersion: Int!) { saved: updateNeed(id: $id, input: $input, expectedVersion: $expectedVersion) { id version } }`,
    after: (_s, v) => `/needs/${encodeURIComponent(text(v.territoryId))}`,
    cancel: (v) => (v.territoryId ? `/needs/${encodeURIComponent(text(v.territoryId))}` : '/search'),
  },

  'referral-link': {
    kind: 'referral-link',
    versioned: false,
    lookups: ['stakeholders', 'serviceCategories'],
    fields: [
      { name: 'fromId', kind: 'ref', required: true, lookup: 'stakeholders' },
      { name: 'toId', kind: 'ref', required: true, lookup: 'stakeholders' },
      { name: 'status', kind: 'enum', required: true, enumName: 'ReferralLinkStatus', enumValues: ['ACTIVE', 'INACTIVE', 'PROPOSED'] },
      { name: 'since', kind: 'date' },
      { name: 'categoryIds', kind: 'checks', lookup: 'serviceCategories', hint: 'edit.hint.linkCategories' },
      { name: 'source', kind: 'text', max: L, hint: 'edit.hint.linkSource' },
      { name: 'illustrative', kind: 'check' },
    ],
    // A link is read from its referring stakeholder (the API has no referralLink(id)).
    load: `query EditLink($from: ID!) { from: stakeholder(id: $from) { id referralsOut { id status since illustrative
      from { ${ref} } to { ${ref} } categories { ${ref} } } } }`,
    loadVars: (_id, q) => ({ from: q.get('from') ?? '' }),
    pick: (d, id) => (d.from?.referralsOut ?? []).find((l: R) => l.id === id) ?? null,
    fromRecord: (r) => ({
      fromId: str(r.from?.id), toId: str(r.to?.id), status: r.status, since: str(r.since), categoryIds: ids(r.categories),
      source: '', illustrative: !!r.illustrative,
    }),
    blank: (me, q) => ({
      fromId: me.role === 'COORDINATOR' ? (me.stakeholder?.id ?? '') : (q.get('from') ?? ''), toId: '', status: 'PROPOSED',
      since: '', categoryIds: [], source: '', illustrative: false,
    }),
    toInput: (v) => ({
      fromId: text(v.fromId), toId: text(v.toId), categoryIds: list(v.categoryIds), status: v.status, since: opt(v.since),
      illustrative: v.illustrative === true, source: opt(v.source),
    }),
    create: `mutation AddReferralLink($input: ReferralLinkInput!) { saved: addReferralLink(input: $input) { id } }`,
    update: `mutation UpdateReferralLink($id: ID!, $input: ReferralLinkInput!) { saved: updateReferralLink(id: $id, input: $input) { id } }`,
    owner: (v) => text(v.fromId),
    fixedOwner: 'fromId',
    after: (_s, v) => `/referral-links/${encodeURIComponent(text(v.fromId))}`,
    cancel: (v) => (v.fromId ? `/referral-links/${encodeURIComponent(text(v.fromId))}` : '/search'),
  },
};
