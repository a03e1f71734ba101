// Record pages: /<type>/<id> for every kind of record search finds. Each
// kind has its query (below) and a renderer: its fields as facts, its
// relationships as lists of links to the related records' pages.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useQuery } from '../../api/useQuery';
import { recordTypeOf, type RecordType, type ScreenProps } from '../../app/screens';
import { EgoNetwork } from '../../components/EgoNetwork';
import { Facts, RecordLink, Relation, type Named } from '../../components/Record';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtDate, fmtDateTime, fmtNumber, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';
import { EditActions } from '../edit/EditActions';

const ref = 'id name nameLocal';
const meta = 'illustrative source updatedAt';

const queries: Record<RecordType, string> = {
  STAKEHOLDER: `query Stakeholder($id: ID!) { record: stakeholder(id: $id) { ${ref} ${meta} acronym kind sector description email phone website
    territory { ${ref} }
    services { ${ref} status categories { ${ref} } }
    cooperationAreas { ${ref} }
    partnerships { role partnership { ${ref} status } }
    referralsOut { id status to { ${ref} } categories { ${ref} } }
    referralsIn { id status from { ${ref} } categories { ${ref} } }
    projects { role project { ${ref} } }
    events { role event { ${ref} startDate } }
    practices { ${ref} } } }`,
  SERVICE: `query Service($id: ID!) { record: service(id: $id) { ${ref} ${meta} description status deliveryMode eligibility minAge maxAge
    capacity available availableUpdatedAt email url
    provider { ${ref} } categories { ${ref} } targetGroups { ${ref} } coverage { ${ref} level } } }`,
  TERRITORY: `query Territory($id: ID!) { record: territory(id: $id) { ${ref} ${meta} level code population
    parent { ${ref} } ancestors { ${ref} level } children { ${ref} level } zones { ${ref} }
    neighbours { distanceKm territory { ${ref} } }
    stakeholders { ${ref} kind } services { ${ref} status } partnerships { ${ref} } events { ${ref} startDate } } }`,
  PARTNERSHIP: `query Partnership($id: ID!) { record: partnership(id: $id) { ${ref} ${meta} kind status validFrom validTo description
    parties { role stakeholder { ${ref} } } territory { ${ref} } areas { ${ref} } project { ${ref} } } }`,
  PRACTICE: `query Practice($id: ID!) { record: practice(id: $id) { ${ref} ${meta} description
    origin { ${ref} } transfers { year territory { ${ref} } } implementers { ${ref} } project { ${ref} } } }`,
  EVENT: `query Event($id: ID!) { record: event(id: $id) { ${ref} ${meta} kind startDate endDate place online participantCount feedbackScore description
    territory { ${ref} } project { ${ref} } stakeholders { role stakeholder { ${ref} } } } }`,
  PROJECT: `query Project($id: ID!) { record: project(id: $id) { ${ref} ${meta} acronym programme startDate endDate description
    participants { role stakeholder { ${ref} } } partnerships { ${ref} } practices { ${ref} } events { ${ref} startDate } } }`,
  COOPERATION_AREA: `query Area($id: ID!) { record: cooperationArea(id: $id) { ${ref} ${meta} description
    categories { ${ref} } stakeholders { ${ref} kind } partnerships { ${ref} } } }`,
  SERVICE_CATEGORY: `query Category($id: ID!) { record: serviceCategory(id: $id) { ${ref} ${meta} code domain description
    parent { ${ref} } children { ${ref} } services { ${ref} status } cooperationAreas { ${ref} } } }`,
  TARGET_GROUP: `query TargetGroup($id: ID!) { record: targetGroup(id: $id) { ${ref} ${meta} description services { ${ref} status } } }`,
};

// The records as the queries above return them; fields are read loosely
// (R) because each renderer knows its own query.
type R = Record<string, any>;

export default function RecordScreen({ params }: ScreenProps) {
  useLang();
  const type = recordTypeOf(params.type)!;
  const [state, retry] = useQuery<{ record: R | null }>(queries[type], { id: params.id });
  useEffect(() => {
    if (state.status === 'done') markReady('record');
  }, [state.status]);

  if (state.status === 'loading' || state.status === 'idle') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} retry={retry} />;
  const r = state.data.record;
  if (!r) {
    return (
      <>
        <h1>{enumLabel('RecordType', type)}</h1>
        <p role="status">{t('record.notFound', { id: params.id })}</p>
      </>
    );
  }
  return (
    <article class="record" data-type={type}>
      <p class="kind">{enumLabel('RecordType', type)}</p>
      <h1>{localName(r as Named)}</h1>
      <EditActions type={type} record={r} />
      {renderers[type](r)}
      <footer class="muted">
        {r.illustrative && <p>{t('record.illustrative')}</p>}
        <Facts rows={[['record.source', r.source], ['record.updatedAt', fmtDateTime(r.updatedAt)], ['record.id', r.id]]} />
      </footer>
    </article>
  );
}

const link = (type: RecordType, x: Named | null | undefined) => (x ? <RecordLink type={type} r={x} /> : null);
// links is a comma-separated list of record links (a service's categories).
const links = (type: RecordType, xs: Named[] | null | undefined) =>
  xs && xs.length > 0 ? xs.map((x, i) => <>{i > 0 && ', '}<RecordLink type={type} r={x} /></>) : null;
const items = (type: RecordType, xs: R[], note?: (x: R) => ComponentChildren, pick: (x: R) => Named = (x) => x as Named) =>
  xs.map((x, i) => ({ key: `${pick(x).id}-${i}`, link: <RecordLink type={type} r={pick(x)} />, note: note?.(x) }));
const otherName = (r: R) => (r.nameLocal && localName(r as Named) !== r.nameLocal ? r.nameLocal : localName(r as Named) !== r.name ? r.name : null);
const anchor = (href: string | null | undefined) => (href ? <a href={href} rel="noopener noreferrer">{href}</a> : null);

function ages(min: number | null, max: number | null): string | null {
  if (min != null && max != null) return t('record.agesRange', { min, max });
  if (min != null) return t('record.agesFrom', { min });
  if (max != null) return t('record.agesTo', { max });
  return null;
}

function dates(from: string | null, to: string | null): string | null {
  if (from && to) return t('record.validFromTo', { from: fmtDate(from), to: fmtDate(to) });
  if (from) return t('record.validFrom', { from: fmtDate(from) });
  return null;
}

const renderers: Record<RecordType, (r: R) => ComponentChildren> = {
  STAKEHOLDER: (r) => (
    <>
      <Facts
        rows={[
          ['record.name', otherName(r)],
          ['record.acronym', r.acronym],
          ['record.kind', enumLabel('StakeholderKind', r.kind)],
          ['record.sector', enumLabel('Sector', r.sector)],
          ['record.territory', link('TERRITORY', r.territory)],
          ['record.description', r.description],
          ['record.email', r.email && <a href={`mailto:${r.email}`}>{r.email}</a>],
          ['record.phone', r.phone],
          ['record.website', anchor(r.website)],
        ]}
      />
      <EgoNetwork stakeholderId={r.id} />
      <Relation title="record.services" items={items('SERVICE', r.services, (s) => [(s.categories ?? []).map(localName).join(', '), enumLabel('ServiceStatus', s.status)].filter(Boolean).join(' · '))} />
      <Relation title="record.partnerships" items={items('PARTNERSHIP', r.partnerships, (p) => enumLabel('PartyRole', p.role), (p) => p.partnership)} />
      <Relation
        title="record.referralsOut"
        items={items('STAKEHOLDER', r.referralsOut, (l) => referralNote(l), (l) => l.to)}
      />
      <Relation title="record.referralsIn" items={items('STAKEHOLDER', r.referralsIn, (l) => referralNote(l), (l) => l.from)} />
      <Relation title="record.cooperationAreas" items={items('COOPERATION_AREA', r.cooperationAreas)} />
      <Relation title="record.projects" items={items('PROJECT', r.projects, (p) => p.role, (p) => p.project)} />
      <Relation title="record.events" items={items('EVENT', r.events, (e) => fmtDate(e.event.startDate), (e) => e.event)} />
      <Relation title="record.practices" items={items('PRACTICE', r.practices)} />
    </>
  ),
  SERVICE: (r) => (
    <>
      <Facts
        rows={[
          ['record.name', otherName(r)],
          ['record.status', enumLabel('ServiceStatus', r.status)],
          ['record.provider', link('STAKEHOLDER', r.provider)],
          ['record.category', links('SERVICE_CATEGORY', r.categories)],
          ['record.deliveryMode', enumLabel('DeliveryMode', r.deliveryMode)],
          ['record.capacity', fmtNumber(r.capacity)],
          ['record.available', r.available != null && (r.availableUpdatedAt ? t('record.availableAt', { count: fmtNumber(r.available), date: fmtDate(r.availableUpdatedAt) }) : fmtNumber(r.available))],
          ['record.ages', ages(r.minAge, r.maxAge)],
          ['record.eligibility', r.eligibility],
          ['record.description', r.description],
          ['record.email', r.email && <a href={`mailto:${r.email}`}>{r.email}</a>],
          ['record.url', anchor(r.url)],
        ]}
      />
      <Relation title="record.targetGroups" items={items('TARGET_GROUP', r.targetGroups)} />
      <Relation title="record.coverage" items={items('TERRITORY', r.coverage, (x) => enumLabel('TerritoryLevel', x.level))} />
    </>
  ),
  TERRITORY: (r) => (
    <>
      <Facts
        rows={[
          ['record.name', otherName(r)],
          ['record.level', enumLabel('TerritoryLevel', r.level)],
          ['record.code', r.code],
          ['record.population', fmtNumber(r.population)],
          ['record.parent', link('TERRITORY', r.parent)],
        ]}
      />
      <Relation title="record.ancestors" items={items('TERRITORY', r.ancestors, (x) => enumLabel('TerritoryLevel', x.level))} />
      <Relation title="record.children" items={items('TERRITORY', r.children, (x) => enumLabel('TerritoryLevel', x.level))} />
      {r.zones.length > 0 && <Relation title="record.zones" items={items('TERRITORY', r.zones)} />}
      <Relation title="record.neighbours" items={items('TERRITORY', r.neighbours, (n) => t('record.distanceKm', { km: fmtNumber(n.distanceKm, { maximumFractionDigits: 1 }) }), (n) => n.territory)} />
      <Relation title="record.stakeholders" items={items('STAKEHOLDER', r.stakeholders, (s) => enumLabel('StakeholderKind', s.kind))} />
      <Relation title="record.services" items={items('SERVICE', r.services, (s) => enumLabel('ServiceStatus', s.status))} />
      <Relation title="record.partnerships" items={items('PARTNERSHIP', r.partnerships)} />
      <Relation title="record.events" items={items('EVENT', r.events, (e) => fmtDate(e.startDate))} />
    </>
  ),
  PARTNERSHIP: (r) => (
    <>
      <Facts
        rows={[
          ['record.name', otherName(r)],
          ['record.kind', enumLabel('PartnershipKind', r.kind)],
          ['record.status', enumLabel('PartnershipStatus', r.status)],
          ['record.validity', dates(r.validFrom, r.validTo)],
          ['record.territory', link('TERRITORY', r.territory)],
          ['record.project', link('PROJECT', r.project)],
          ['record.description', r.description],
        ]}
      />
      <Relation title="record.parties" items={items('STAKEHOLDER', r.parties, (p) => enumLabel('PartyRole', p.role), (p) => p.stakeholder)} />
      <Relation title="record.cooperationAreas" items={items('COOPERATION_AREA', r.areas)} />
    </>
  ),
  PRACTICE: (r) => (
    <>
      <Facts
        rows={[
          ['record.name', otherName(r)],
          ['record.origin', link('TERRITORY', r.origin)],
          ['record.project', link('PROJECT', r.project)],
          ['record.description', r.description],
        ]}
      />
      <Relation title="record.transfers" items={items('TERRITORY', r.transfers, (x) => (x.year ? t('record.transferYear', { year: x.year }) : null), (x) => x.territory)} />
      <Relation title="record.implementers" items={items('STAKEHOLDER', r.implementers)} />
    </>
  ),
  EVENT: (r) => (
    <>
      <Facts
        rows={[
          ['record.name', otherName(r)],
          ['record.kind', enumLabel('EventKind', r.kind)],
          ['record.dates', r.endDate && r.endDate !== r.startDate ? t('record.validFromTo', { from: fmtDate(r.startDate), to: fmtDate(r.endDate) }) : fmtDate(r.startDate)],
          ['record.place', r.place],
          ['record.online', r.online ? t('record.yes') : null],
          ['record.territory', link('TERRITORY', r.territory)],
          ['record.project', link('PROJECT', r.project)],
          ['record.participantCount', fmtNumber(r.participantCount)],
          ['record.feedbackScore', fmtNumber(r.feedbackScore, { maximumFractionDigits: 1 })],
          ['record.description', r.description],
        ]}
      />
      <Relation title="record.participants" items={items('STAKEHOLDER', r.stakeholders, (p) => p.role, (p) => p.stakeholder)} />
    </>
  ),
  PROJECT: (r) => (
    <>
      <Facts
        rows={[
          ['record.name', otherName(r)],
          ['record.acronym', r.acronym],
          ['record.programme', r.programme],
          ['record.dates', dates(r.startDate, r.endDate)],
          ['record.description', r.description],
        ]}
      />
      <Relation title="record.participants" items={items('STAKEHOLDER', r.participants, (p) => p.role, (p) => p.stakeholder)} />
      <Relation title="record.partnerships" items={items('PARTNERSHIP', r.partnerships)} />
      <Relation title="record.practices" items={items('PRACTICE', r.practices)} />
      <Relation title="record.events" items={items('EVENT', r.events, (e) => fmtDate(e.startDate))} />
    </>
  ),
  COOPERATION_AREA: (r) => (
    <>
      <Facts rows={[['record.name', otherName(r)], ['record.description', r.description]]} />
      <Relation title="record.categories" items={items('SERVICE_CATEGORY', r.categories)} />
      <Relation title="record.stakeholders" items={items('STAKEHOLDER', r.stakeholders, (s) => enumLabel('StakeholderKind', s.kind))} />
      <Relation title="record.partnerships" items={items('PARTNERSHIP', r.partnerships)} />
    </>
  ),
  SERVICE_CATEGORY: (r) => (
    <>
      <Facts
        rows={[
          ['record.name', otherName(r)],
          ['record.code', r.code],
          ['record.domain', enumLabel('ServiceDomain', r.domain)],
          ['record.parent', link('SERVICE_CATEGORY', r.parent)],
          ['record.description', r.description],
        ]}
      />
      <Relation title="record.subcategories" items={items('SERVICE_CATEGORY', r.children)} />
      <Relation title="record.services" items={items('SERVICE', r.services, (s) => enumLabel('ServiceStatus', s.status))} />
      <Relation title="record.cooperationAreas" items={items('COOPERATION_AREA', r.cooperationAreas)} />
    </>
  ),
  TARGET_GROUP: (r) => (
    <>
      <Facts rows={[['record.name', otherName(r)], ['record.description', r.description]]} />
      <Relation title="record.services" items={items('SERVICE', r.services, (s) => enumLabel('ServiceStatus', s.status))} />
    </>
  ),
};

function referralNote(l: R): string {
  const cats = (l.categories as Named[]).map(localName).join(', ');
  return [cats, t('record.linkStatus', { status: enumLabel('ReferralLinkStatus', l.status) })].filter(Boolean).join(' · ');
}
