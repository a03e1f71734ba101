// Cooperation areas: the API's cooperationAreasOverview for a scope (each
// area's active stakeholders by kind and sector, its partnerships and the
// cross-sector share, the demand, supply and gap of its categories), each
// area linking to its record page; and, for the chosen area, the ranked
// cooperationOpportunities with their reasons. The selections are in the
// address (/areas?scope=…&year=…&tg=…&area=…).
import { useEffect } from 'preact/hooks';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { recordPath, type ScreenProps } from '../../app/screens';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtNumber, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';
import { byName, CheckList, Controls, defaultScope, listParam, setParams, TerritoryPicker, useOptions, yearParam, YearInput, type Named } from '../matrix/common';

interface Overview {
  area: Named;
  scope: Named;
  activeStakeholders: number;
  stakeholderCounts: { kind: string; sector: string; count: number }[];
  partnerships: number;
  crossSectorPartnerships: number;
  crossSectorShare: number | null;
  figures: { demand: number; supply: number; gap: number; coverage: number | null };
}

interface Reason {
  kind: 'SERVES_DEMAND' | 'SHARED_TARGET_GROUP' | 'SAME_TERRITORY' | 'NEIGHBOUR_TERRITORIES';
  provider: Named | null;
  inNeed: Named | null;
  category: Named | null;
  demand: number | null;
  targetGroup: Named | null;
  distanceKm: number | null;
}

interface Opportunity {
  a: Named & { territory: Named | null };
  b: Named & { territory: Named | null };
  score: number;
  reasons: Reason[];
}

const ref = 'id name nameLocal';

const overviewQuery = `query AreasOverview($scopeId: ID!, $year: Int, $targetGroupIds: [ID!]) {
  cooperationAreasOverview(scopeId: $scopeId, year: $year, targetGroupIds: $targetGroupIds) {
    area { ${ref} }
    scope { ${ref} }
    activeStakeholders
    stakeholderCounts { kind sector count }
    partnerships crossSectorPartnerships crossSectorShare
    figures { demand supply gap coverage }
  }
}`;

const opportunitiesQuery = `query AreaOpportunities($areaId: ID!, $scopeId: ID!) {
  cooperationOpportunities(areaId: $areaId, scopeId: $scopeId, first: 20) {
    a { ${ref} territory { ${ref} } }
    b { ${ref} territory { ${ref} } }
    score
    reasons { kind provider { ${ref} } inNeed { ${ref} } category { ${ref} } demand targetGroup { ${ref} } distanceKm }
  }
}`;

/** The points each kind of reason adds (the schema's rule), shown beside it. */
const points: Record<Reason['kind'], number> = { SERVES_DEMAND: 3, SHARED_TARGET_GROUP: 1, SAME_TERRITORY: 2, NEIGHBOUR_TERRITORIES: 1 };

function pct(x: number | null): string {
  return x === null ? '—' : fmtNumber(x, { style: 'percent', maximumFractionDigits: 0 });
}

export default function AreasScreen({ location }: ScreenProps) {
  useLang();
  const q = location.query;
  const scope = q.get('scope') || defaultScope;
  const year = yearParam(q);
  const groups = listParam(q, 'tg');
  const areaId = q.get('area') ?? '';
  const options = useOptions();
  const set = (changes: Record<string, string | string[] | number | undefined>) => setParams(location, changes);

  const [overview, retryOverview] = useQuery<{ cooperationAreasOverview: Overview[] }>(overviewQuery, {
    scopeId: scope,
    year,
    targetGroupIds: groups.length ? groups : undefined,
  });
  const [opps, retryOpps] = useQuery<{ cooperationOpportunities: Opportunity[] }>(opportunitiesQuery, areaId ? { areaId, scopeId: scope } : null);

  useEffect(() => {
    if (overview.status === 'done' || overview.status === 'error') markReady('areas');
  }, [overview.status]);

  const areas = overview.status === 'done' ? overview.data.cooperationAreasOverview : [];
  const chosen = areas.find((a) => a.area.id === areaId);

  return (
    <div class="areas-screen">
      <h1>{t('areas.title')}</h1>
      <p class="muted intro">{t('areas.intro')}</p>
      {options.status === 'error' && <ErrorMessage error={options.error} retry={options.retry} />}
      <form class="matrix-form" onSubmit={(e) => e.preventDefault()} aria-label={t('areas.choices')}>
        <Controls>
          {options.status === 'done' ? (
            <TerritoryPicker id="areas-scope" territories={options.data.territories} value={scope} onChange={(v) => set({ scope: v === defaultScope ? undefined : v })} />
          ) : (
            <div class="field">
              <label for="areas-scope">{t('matrix.pick.scope')}</label>
              <select id="areas-scope" disabled>
                <option>{t('app.loading')}</option>
              </select>
            </div>
          )}
          <YearInput id="areas-year" value={year} onChange={(y) => set({ year: y })} />
        </Controls>
        {options.status === 'done' && (
          <div class="checklists">
            <CheckList
              id="areas-groups"
              legend={t('matrix.targetGroups')}
              summary={groups.length ? t('matrix.pick.chosen', { count: groups.length }) : t('matrix.pick.allGroups')}
              items={byName(options.data.targetGroups).map((g) => ({ id: g.id, label: localName(g) }))}
              value={groups}
              onChange={(ids) => set({ tg: ids })}
            />
          </div>
        )}
      </form>

      {overview.status === 'loading' && <Loading />}
      {overview.status === 'error' && <ErrorMessage error={overview.error} retry={retryOverview} />}
      {overview.status === 'done' && areas.length === 0 && <p class="notice">{t('areas.none')}</p>}
      {areas.length > 0 && (
        <div class="areas-wrap">
          <table class="areas-table">
            <caption>{t('areas.caption', { scope: localName(areas[0].scope) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('areas.area')}</th>
                <th scope="col">{t('areas.members')}</th>
                <th scope="col">{t('areas.partnerships')}</th>
                <th scope="col">{t('areas.crossSector')}</th>
                <th scope="col" class="num">
                  {t('matrix.demand')}
                </th>
                <th scope="col" class="num">
                  {t('matrix.supply')}
                </th>
                <th scope="col" class="num">
                  {t('matrix.gap')}
                </th>
                <th scope="col" class="num">
                  {t('matrix.coverage')}
                </th>
                <th scope="col">{t('areas.opportunities')}</th>
              </tr>
            </thead>
            <tbody>
              {areas.map((a) => (
                <tr key={a.area.id} data-area={a.area.id} class={a.area.id === areaId ? 'chosen' : undefined}>
                  <th scope="row">
                    <Link href={recordPath('COOPERATION_AREA', a.area.id)}>{localName(a.area)}</Link>
                  </th>
                  <td data-fact="members" data-count={a.activeStakeholders}>
                    <span class="main">{t('areas.activeCount', { count: fmtNumber(a.activeStakeholders) })}</span>
                    {a.stakeholderCounts.length > 0 && (
                      <ul class="counts">
                        {a.stakeholderCounts.map((c) => (
                          <li key={c.kind + c.sector} data-kind={c.kind} data-sector={c.sector}>
                            {t('areas.kindSector', { kind: enumLabel('StakeholderKind', c.kind), sector: enumLabel('Sector', c.sector), count: fmtNumber(c.count) })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-fact="partnerships" class="num">
                    {fmtNumber(a.partnerships)}
                  </td>
                  <td data-fact="crossSector" data-count={a.crossSectorPartnerships}>
                    {a.crossSectorShare === null ? '—' : t('areas.crossSectorValue', { count: fmtNumber(a.crossSectorPartnerships), share: pct(a.crossSectorShare) })}
                  </td>
                  <td data-fact="demand" class="num">
                    {fmtNumber(a.figures.demand)}
                  </td>
                  <td data-fact="supply" class="num">
                    {fmtNumber(a.figures.supply)}
                  </td>
                  <td data-fact="gap" class="num">
                    {fmtNumber(a.figures.gap)}
                  </td>
                  <td data-fact="coverage" class="num">
                    {pct(a.figures.coverage)}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="show-opps"
                      aria-pressed={a.area.id === areaId}
                      aria-label={t('areas.showOpportunitiesFor', { area: localName(a.area) })}
                      onClick={() => set({ area: a.area.id })}
                    >
                      {t('areas.showOpportunities')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section class="opportunities" aria-labelledby="opps-title">
        <h2 id="opps-title">{chosen ? t('areas.opportunitiesIn', { area: localName(chosen.area) }) : t('areas.opportunities')}</h2>
        {areas.length > 0 && (
          <div class="field">
            <label for="areas-area">{t('areas.chooseArea')}</label>
            <select id="areas-area" value={areaId} onChange={(e) => set({ area: (e.target as HTMLSelectElement).value })}>
              <option value="">{t('areas.noArea')}</option>
              {areas.map((a) => (
                <option key={a.area.id} value={a.area.id}>
                  {localName(a.area)}
                </option>
              ))}
            </select>
          </div>
        )}
        <p class="muted">{t('areas.opportunitiesIntro')}</p>
        {opps.status === 'loading' && <Loading />}
        {opps.status === 'error' && <ErrorMessage error={opps.error} retry={retryOpps} />}
        {opps.status === 'done' && opps.data.cooperationOpportunities.length === 0 && <p class="notice">{t('areas.noOpportunities')}</p>}
        {opps.status === 'done' && opps.data.cooperationOpportunities.length > 0 && (
          <ol class="opp-list">
            {opps.data.cooperationOpportunities.map((o) => (
              <li key={o.a.id + o.b.id} data-a={o.a.id} data-b={o.b.id} data-score={o.score}>
                <p class="opp-head">
                  <Link href={recordPath('STAKEHOLDER', o.a.id)}>{localName(o.a)}</Link>
                  {o.a.territory && <span class="muted"> ({localName(o.a.territory)})</span>}
                  {' ↔ '}
                  <Link href={recordPath('STAKEHOLDER', o.b.id)}>{localName(o.b)}</Link>
                  {o.b.territory && <span class="muted"> ({localName(o.b.territory)})</span>}
                  <span class="score">{t('areas.score', { score: fmtNumber(o.score) })}</span>
                </p>
                <ul class="reasons">
                  {o.reasons.map((r, i) => (
                    <li key={i} data-kind={r.kind}>
                      <span class="reason-kind">{enumLabel('OpportunityReasonKind', r.kind)}</span>
                      {': '}
                      {reasonText(r)} <span class="muted">{t('areas.points', { points: points[r.kind] })}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function reasonText(r: Reason): string {
  const name = (x: Named | null) => (x ? localName(x) : '');
  switch (r.kind) {
    case 'SERVES_DEMAND':
      return t('areas.reason.SERVES_DEMAND', { provider: name(r.provider), inNeed: name(r.inNeed), category: name(r.category), demand: fmtNumber(r.demand ?? 0) });
    case 'SHARED_TARGET_GROUP':
      return t('areas.reason.SHARED_TARGET_GROUP', { group: name(r.targetGroup) });
    case 'SAME_TERRITORY':
      return t('areas.reason.SAME_TERRITORY');
    case 'NEIGHBOUR_TERRITORIES':
      return t('areas.reason.NEIGHBOUR_TERRITORIES', { km: fmtNumber(r.distanceKm ?? 0) });
  }
}
