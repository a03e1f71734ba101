// Supply and demand: the API's supplyDemandMatrix for a scope as a heat map
// (rows = territories of a level, columns = categories, coloured by
// coverage or by gap), the totals as the API counts them (each need and
// service once, never summed here), a panel for the chosen cell (its
// providers and the nearest supply), the ranked serviceGaps beside it, and
// the same matrix as CSV from /export/matrix.csv. Every selection is in the
// address (/matrix?scope=…&level=…&cat=…&tg=…&domain=…&year=…&colour=…&cell=…).
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { recordPath, type ScreenProps } from '../../app/screens';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtNumber, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';
import {
  CheckList,
  categoryTree,
  byName,
  cividis,
  Controls,
  defaultScope,
  domains,
  download,
  inkOn,
  levels,
  listParam,
  rgb,
  setParams,
  TerritoryPicker,
  useOptions,
  yearParam,
  YearInput,
  type Level,
  type Named,
} from './common';

interface Figures {
  demand: number;
  supply: number;
  gap: number;
  coverage: number | null;
}

interface Territory extends Named {
  level: Level;
}

interface Nearby {
  territory: Territory;
  distanceKm: number;
  hops: number;
  supply: number;
}

interface Cell extends Figures {
  nearestSupply: Nearby | null;
}

interface Matrix {
  scope: Territory;
  rowLevel: Level;
  columns: { category: Named & { domain: string }; total: Figures }[];
  rows: { territory: Territory; total: Figures; cells: Cell[] }[];
  total: Figures;
}

interface Gap {
  cell: Figures & { territory: Named; category: Named };
  nearby: Nearby[];
}

const ref = 'id name nameLocal';
const figures = 'demand supply gap coverage';
const nearby = `territory { ${ref} level } distanceKm hops supply`;

const matrixQuery = `query Matrix($scopeId: ID!, $rowLevel: TerritoryLevel, $categoryIds: [ID!], $targetGroupIds: [ID!], $domain: ServiceDomain, $year: Int) {
  supplyDemandMatrix(scopeId: $scopeId, rowLevel: $rowLevel, categoryIds: $categoryIds, targetGroupIds: $targetGroupIds, domain: $domain, year: $year) {
    scope { ${ref} level }
    rowLevel
    columns { category { ${ref} domain } total { ${figures} } }
    rows { territory { ${ref} level } total { ${figures} } cells { ${figures} nearestSupply { ${nearby} } } }
    total { ${figures} }
  }
}`;

const gapsQuery = `query Gaps($scopeId: ID!, $rowLevel: TerritoryLevel, $categoryIds: [ID!], $targetGroupIds: [ID!], $year: Int) {
  serviceGaps(scopeId: $scopeId, rowLevel: $rowLevel, categoryIds: $categoryIds, targetGroupIds: $targetGroupIds, year: $year, first: 10) {
    cell { territory { ${ref} } category { ${ref} } ${figures} }
    nearby { ${nearby} }
  }
}`;

// The chosen cell's providers: the matrix of the row's territory alone and
// the cell's category alone (the same figures, by the matrix's rules), and
// the providers that serve the nearest territory with supply.
const cellQuery = `query MatrixCell($scopeId: ID!, $rowLevel: TerritoryLevel, $categoryIds: [ID!], $targetGroupIds: [ID!], $year: Int,
    $nearId: ID!, $nearLevel: TerritoryLevel, $withNear: Boolean!) {
  cell: supplyDemandMatrix(scopeId: $scopeId, rowLevel: $rowLevel, categoryIds: $categoryIds, targetGroupIds: $targetGroupIds, year: $year) {
    rows { cells { localProviders { ${ref} } servingProviders { ${ref} } } }
  }
  near: supplyDemandMatrix(scopeId: $nearId, rowLevel: $nearLevel, categoryIds: $categoryIds, targetGroupIds: $targetGroupIds, year: $year) @include(if: $withNear) {
    rows { cells { servingProviders { ${ref} } } }
  }
}`;

interface CellProviders {
  cell: { rows: { cells: { localProviders: Named[]; servingProviders: Named[] }[] }[] };
  near?: { rows: { cells: { servingProviders: Named[] }[] }[] };
}

type Colour = 'coverage' | 'gap';

export default function MatrixScreen({ location }: ScreenProps) {
  useLang();
  const q = location.query;
  const scope = q.get('scope') || defaultScope;
  const level = (levels as readonly string[]).includes(q.get('level') ?? '') ? (q.get('level') as Level) : 'MUNICIPALITY';
  const domain = (domains as readonly string[]).includes(q.get('domain') ?? '') ? q.get('domain')! : undefined;
  const cats = listParam(q, 'cat');
  const groups = listParam(q, 'tg');
  const year = yearParam(q);
  const colour: Colour = q.get('colour') === 'gap' ? 'gap' : 'coverage';
  const [selRow, selCol] = (q.get('cell') ?? '').split('~');

  const options = useOptions();
  const set = (changes: Record<string, string | string[] | number | undefined>) => setParams(location, changes);

  const args = {
    scopeId: scope,
    rowLevel: level,
    categoryIds: cats.length ? cats : undefined,
    targetGroupIds: groups.length ? groups : undefined,
    year,
  };
  const [matrix, retryMatrix] = useQuery<{ supplyDemandMatrix: Matrix }>(matrixQuery, { ...args, domain });

  // The gap list compares the finest categories unless categories are
  // chosen; with a domain, the finest categories of that domain.
  let gapCats: string[] | undefined | null = args.categoryIds;
  if (!gapCats && domain) {
    if (options.status !== 'done') gapCats = null;
    else {
      const cs = options.data.categories;
      gapCats = cs.filter((c) => c.domain === domain && !cs.some((x) => x.parent?.id === c.id)).map((c) => c.id);
    }
  }
  const [gaps, retryGaps] = useQuery<{ serviceGaps: Gap[] }>(gapsQuery, gapCats === null ? null : { ...args, categoryIds: gapCats });

  useEffect(() => {
    if (matrix.status === 'done' || matrix.status === 'error') markReady('matrix');
  }, [matrix.status]);

  const m = matrix.status === 'done' ? matrix.data.supplyDemandMatrix : null;
  const scopeLevel = m?.scope.level ?? (options.status === 'done' ? options.data.territories.find((x) => x.id === scope)?.level : undefined);
  const rowLevels = scopeLevel ? levels.slice(levels.indexOf(scopeLevel)) : levels;

  const [dl, setDl] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  const exportParams = new URLSearchParams({ scopeId: scope, rowLevel: level });
  if (cats.length) exportParams.set('categoryIds', cats.join(','));
  if (groups.length) exportParams.set('targetGroupIds', groups.join(','));
  if (domain) exportParams.set('domain', domain);
  if (year !== undefined) exportParams.set('year', String(year));
  const exportHref = '/export/matrix.csv?' + exportParams.toString();
  const onDownload = () => {
    setDl({ busy: true });
    download(exportHref, `matrix-${scope}.csv`).then(
      () => setDl({ busy: false }),
      (error) => setDl({ busy: false, error }),
    );
  };

  return (
    <div class="matrix-screen">
      <h1>{t('matrix.title')}</h1>
      <p class="muted intro">{t('matrix.intro')}</p>
      {options.status === 'error' && <ErrorMessage error={options.error} retry={options.retry} />}
      <form class="matrix-form" onSubmit={(e) => e.preventDefault()} aria-label={t('matrix.choices')}>
        <Controls>
          {options.status === 'done' ? (
            <TerritoryPicker id="matrix-scope" territories={options.data.territories} value={scope} onChange={(v) => set({ scope: v === defaultScope ? undefined : v, cell: undefined })} />
          ) : (
            <div class="field">
              <label for="matrix-scope">{t('matrix.pick.scope')}</label>
              <select id="matrix-scope" disabled>
                <option>{t('app.loading')}</option>
              </select>
            </div>
          )}
          <div class="field">
            <label for="matrix-level">{t('matrix.rowLevel')}</label>
            <select id="matrix-level" value={level} onChange={(e) => set({ level: (e.target as HTMLSelectElement).value, cell: undefined })}>
              {rowLevels.map((l) => (
                <option key={l} value={l}>
                  {enumLabel('TerritoryLevel', l)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="matrix-domain">{t('matrix.domain')}</label>
            <select id="matrix-domain" value={domain ?? ''} onChange={(e) => set({ domain: (e.target as HTMLSelectElement).value, cell: undefined })}>
              <option value="">{t('matrix.allDomains')}</option>
              {domains.map((d) => (
                <option key={d} value={d}>
                  {enumLabel('ServiceDomain', d)}
                </option>
              ))}
            </select>
          </div>
          <YearInput id="matrix-year" value={year} onChange={(y) => set({ year: y })} />
          <fieldset class="field colour-by">
            <legend>{t('matrix.colourBy')}</legend>
            {(['coverage', 'gap'] as Colour[]).map((c) => (
              <span key={c} class="radio">
                <input type="radio" id={`matrix-colour-${c}`} name="matrix-colour" value={c} checked={colour === c} onChange={() => set({ colour: c === 'coverage' ? undefined : c })} />
                <label for={`matrix-colour-${c}`}>{t(`matrix.colour.${c}`)}</label>
              </span>
            ))}
          </fieldset>
        </Controls>
        {options.status === 'done' && (
          <div class="checklists">
            <CheckList
              id="matrix-cats"
              legend={t('matrix.categories')}
              summary={cats.length ? t('matrix.pick.chosen', { count: cats.length }) : t('matrix.allTopLevel')}
              items={categoryTree(options.data.categories).map(({ cat, depth }) => ({ id: cat.id, label: localName(cat), depth }))}
              value={cats}
              onChange={(ids) => set({ cat: ids, cell: undefined })}
            />
            <CheckList
              id="matrix-groups"
              legend={t('matrix.targetGroups')}
              summary={groups.length ? t('matrix.pick.chosen', { count: groups.length }) : t('matrix.pick.allGroups')}
              items={byName(options.data.targetGroups).map((g) => ({ id: g.id, label: localName(g) }))}
              value={groups}
              onChange={(ids) => set({ tg: ids, cell: undefined })}
            />
          </div>
        )}
      </form>

      <div class="matrix-layout">
        <div class="matrix-main">
          {matrix.status === 'loading' && <Loading />}
          {matrix.status === 'error' && <ErrorMessage error={matrix.error} retry={retryMatrix} />}
          {m && (
            <>
              <div class="matrix-toolbar">
                <p class="summary" role="status" data-total-demand={m.total.demand} data-total-supply={m.total.supply} data-total-gap={m.total.gap}>
                  {t('matrix.summary', {
                    scope: localName(m.scope),
                    demand: fmtNumber(m.total.demand),
                    supply: fmtNumber(m.total.supply),
                    gap: fmtNumber(m.total.gap),
                    coverage: m.total.coverage === null ? t('matrix.noDemand') : fmtNumber(m.total.coverage, { style: 'percent', maximumFractionDigits: 0 }),
                  })}
                </p>
                <button type="button" class="download" onClick={onDownload} disabled={dl.busy} data-href={exportHref}>
                  {dl.busy ? t('matrix.downloading') : t('matrix.download')}
                </button>
              </div>
              {dl.error !== undefined && <ErrorMessage error={dl.error} retry={onDownload} />}
              <Legend colour={colour} max={maxGap(m)} />
              <HeatMap m={m} colour={colour} selRow={selRow} selCol={selCol} onSelect={(r, c) => set({ cell: `${r}~${c}` })} />
            </>
          )}
        </div>
        <aside class="matrix-side">
          {m && <CellDetail m={m} selRow={selRow} selCol={selCol} groups={groups} year={year} onClose={() => set({ cell: undefined })} />}
          <section class="gaps" aria-labelledby="gaps-title">
          <h2 id="gaps-title">{t('matrix.gaps')}</h2>
          <p class="muted">{args.categoryIds ? t('matrix.gapsChosen') : t('matrix.gapsFinest')}</p>
          {gaps.status === 'loading' && <Loading />}
          {gaps.status === 'error' && <ErrorMessage error={gaps.error} retry={retryGaps} />}
          {gaps.status === 'done' && <GapList gaps={gaps.data.serviceGaps} />}
          </section>
        </aside>
      </div>
    </div>
  );
}

function maxGap(m: Matrix): number {
  let max = 0;
  for (const r of m.rows) for (const c of r.cells) max = Math.max(max, c.gap);
  return max;
}

function pct(x: number | null): string {
  return x === null ? '—' : fmtNumber(x, { style: 'percent', maximumFractionDigits: 0 });
}

/** shade is a cell's colour: brighter is better covered (coverage 100 %, or no gap). */
function shade(f: Figures, colour: Colour, max: number): [number, number, number] | null {
  if (f.demand === 0) return null;
  if (colour === 'coverage') return cividis(Math.min(f.coverage ?? 0, 1));
  return cividis(1 - (max > 0 ? f.gap / max : 0));
}

function Legend({ colour, max }: { colour: Colour; max: number }) {
  const ramp = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A gradient through the style object (CSSOM), which the CSP allows.
    const stops = Array.from({ length: 11 }, (_, i) => rgb(cividis(colour === 'coverage' ? i / 10 : 1 - i / 10)));
    if (ramp.current) ramp.current.style.backgroundImage = `linear-gradient(to right, ${stops.join(', ')})`;
  }, [colour]);
  const [lo, hi] = colour === 'coverage' ? [pct(0), t('matrix.legend.full', { pct: pct(1) })] : [fmtNumber(0), fmtNumber(max)];
  return (
    <figure class="legend" aria-labelledby="matrix-legend-title">
      <figcaption id="matrix-legend-title">{t(`matrix.legend.${colour}`)}</figcaption>
      <div class="legend-row">
        <span class="legend-end">{lo}</span>
        <div class="ramp" ref={ramp} role="img" aria-label={t(`matrix.legend.${colour}Ramp`, { lo, hi })} />
        <span class="legend-end">{hi}</span>
        <span class="swatch none" aria-hidden="true" />
        <span class="legend-end">{t('matrix.noDemand')}</span>
      </div>
      <p class="muted">{t('matrix.legend.cell')}</p>
    </figure>
  );
}

function HeatMap({ m, colour, selRow, selCol, onSelect }: { m: Matrix; colour: Colour; selRow?: string; selCol?: string; onSelect: (row: string, col: string) => void }) {
  const max = maxGap(m);
  const table = useRef<HTMLTableElement>(null);
  if (m.rows.length === 0 || m.columns.length === 0) return <p class="notice">{t('matrix.empty')}</p>;

  // Arrow keys move between the cells' buttons (Tab reaches each one too).
  const onKeyDown = (e: KeyboardEvent) => {
    const b = (e.target as HTMLElement).closest('button.cell') as HTMLElement | null;
    if (!b) return;
    const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
    if (!d) return;
    const r = Number(b.dataset.r) + d[0];
    const c = Number(b.dataset.c) + d[1];
    const next = table.current?.querySelector<HTMLElement>(`button.cell[data-r="${r}"][data-c="${c}"]`);
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  const totalCell = (f: Figures, kind: string) => (
    <td class="total" data-kind={kind} data-demand={f.demand} data-supply={f.supply} data-gap={f.gap}>
      <span class="main">{colour === 'coverage' ? pct(f.coverage) : fmtNumber(f.gap)}</span>
      <span class="sub">
        {fmtNumber(f.demand)} / {fmtNumber(f.supply)}
      </span>
    </td>
  );

  return (
    <div class="heatmap-wrap">
      <table class="heatmap" ref={table} onKeyDown={onKeyDown}>
        <caption>{t('matrix.caption', { scope: localName(m.scope), level: enumLabel('TerritoryLevel', m.rowLevel) })}</caption>
        <thead>
          <tr>
            <th scope="col">{enumLabel('TerritoryLevel', m.rowLevel)}</th>
            {m.columns.map((c) => (
              <th scope="col" key={c.category.id} data-category={c.category.id}>
                <Link href={recordPath('SERVICE_CATEGORY', c.category.id)}>{localName(c.category)}</Link>
              </th>
            ))}
            <th scope="col" class="total">
              {t('matrix.rowTotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {m.rows.map((r, ri) => (
            <tr key={r.territory.id} data-territory={r.territory.id}>
              <th scope="row">
                <Link href={recordPath('TERRITORY', r.territory.id)}>{localName(r.territory)}</Link>
              </th>
              {r.cells.map((c, ci) => {
                const col = m.columns[ci].category;
                const bg = shade(c, colour, max);
                const selected = selRow === r.territory.id && selCol === col.id;
                return (
                  <td key={col.id} class={bg ? 'filled' : 'none'}>
                    <button
                      type="button"
                      class="cell"
                      data-r={ri}
                      data-c={ci}
                      data-territory={r.territory.id}
                      data-category={col.id}
                      data-demand={c.demand}
                      data-supply={c.supply}
                      data-gap={c.gap}
                      aria-pressed={selected}
                      style={bg ? { backgroundColor: rgb(bg), color: inkOn(bg) } : undefined}
                      onClick={() => onSelect(r.territory.id, col.id)}
                    >
                      <span class="mx-vh">{t('matrix.cellPrefix', { territory: localName(r.territory), category: localName(col) })} </span>
                      <span class="main">{c.demand === 0 ? '—' : colour === 'coverage' ? pct(c.coverage) : fmtNumber(c.gap)}</span>
                      <span class="sub">
                        {fmtNumber(c.demand)} / {fmtNumber(c.supply)}
                      </span>
                      <span class="mx-vh">
                        {' '}
                        {t('matrix.cellSuffix', {
                          demand: fmtNumber(c.demand),
                          supply: fmtNumber(c.supply),
                          gap: fmtNumber(c.gap),
                          coverage: c.coverage === null ? t('matrix.noDemand') : pct(c.coverage),
                        })}
                      </span>
                    </button>
                  </td>
                );
              })}
              {totalCell(r.total, 'row')}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('matrix.columnTotal')}</th>
            {m.columns.map((c) => totalCell(c.total, 'column'))}
            {totalCell(m.total, 'scope')}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function CellDetail({ m, selRow, selCol, groups, year, onClose }: { m: Matrix; selRow?: string; selCol?: string; groups: string[]; year?: number; onClose: () => void }) {
  const ri = m.rows.findIndex((r) => r.territory.id === selRow);
  const ci = m.columns.findIndex((c) => c.category.id === selCol);
  const row = m.rows[ri];
  const col = m.columns[ci]?.category;
  const cell = row?.cells[ci];
  const near = cell?.nearestSupply ?? null;
  const [providers, retry] = useQuery<CellProviders>(
    cellQuery,
    row && col
      ? {
          scopeId: row.territory.id,
          rowLevel: row.territory.level,
          categoryIds: [col.id],
          targetGroupIds: groups.length ? groups : undefined,
          year,
          nearId: near?.territory.id ?? row.territory.id,
          nearLevel: near?.territory.level ?? row.territory.level,
          withNear: !!near,
        }
      : null,
  );
  if (!row || !col || !cell) {
    return (
      <section class="cell-detail empty" aria-live="polite">
        <p class="muted">{t('matrix.pickCell')}</p>
      </section>
    );
  }
  const p = providers.status === 'done' ? providers.data.cell.rows[0]?.cells[0] : undefined;
  const nearProviders = providers.status === 'done' ? (providers.data.near?.rows[0]?.cells[0]?.servingProviders ?? []) : [];
  const people = (xs: Named[] | undefined, what: string) => (
    <div class="providers" data-providers={what}>
      <h3>{t(`matrix.${what}`)}</h3>
      {providers.status === 'loading' && <Loading />}
      {xs && xs.length === 0 && <p class="muted">{t('record.none')}</p>}
      {xs && xs.length > 0 && (
        <ul>
          {xs.map((s) => (
            <li key={s.id}>
              <Link href={recordPath('STAKEHOLDER', s.id)}>{localName(s)}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section class="cell-detail" aria-live="polite" aria-labelledby="cell-detail-title" data-territory={row.territory.id} data-category={col.id}>
      <div class="detail-head">
        <h2 id="cell-detail-title">{t('matrix.cellTitle', { territory: localName(row.territory), category: localName(col) })}</h2>
        <button type="button" class="link-button" onClick={onClose}>
          {t('matrix.close')}
        </button>
      </div>
      <dl class="facts">
        <div>
          <dt>{t('matrix.demand')}</dt>
          <dd data-fact="demand">{fmtNumber(cell.demand)}</dd>
        </div>
        <div>
          <dt>{t('matrix.supply')}</dt>
          <dd data-fact="supply">{fmtNumber(cell.supply)}</dd>
        </div>
        <div>
          <dt>{t('matrix.gap')}</dt>
          <dd data-fact="gap">{fmtNumber(cell.gap)}</dd>
        </div>
        <div>
          <dt>{t('matrix.coverage')}</dt>
          <dd data-fact="coverage">{cell.coverage === null ? t('matrix.noDemand') : pct(cell.coverage)}</dd>
        </div>
      </dl>
      {providers.status === 'error' && <ErrorMessage error={providers.error} retry={retry} />}
      <div class="provider-lists">
        {people(p?.localProviders, 'localProviders')}
        {people(p?.servingProviders, 'servingProviders')}
      </div>
      <div class="nearest" data-nearest={near?.territory.id ?? ''}>
        <h3>{t('matrix.nearestSupply')}</h3>
        {!near && <p class="muted">{cell.demand > 0 && cell.supply === 0 ? t('matrix.noNearest') : t('matrix.nearestNotNeeded')}</p>}
        {near && (
          <>
            <p>
              <Link href={recordPath('TERRITORY', near.territory.id)}>{localName(near.territory)}</Link>
              {' — '}
              <span data-km={near.distanceKm}>{t('matrix.nearby', { km: fmtNumber(near.distanceKm), hops: near.hops, supply: fmtNumber(near.supply) })}</span>
            </p>
            {nearProviders.length > 0 && (
              <p class="served-by">
                {t('matrix.servedThereBy')}{' '}
                {nearProviders.map((s, i) => (
                  <Fragment key={s.id}>
                    {i > 0 && ', '}
                    <Link href={recordPath('STAKEHOLDER', s.id)}>{localName(s)}</Link>
                  </Fragment>
                ))}
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function GapList({ gaps }: { gaps: Gap[] }) {
  if (gaps.length === 0) return <p class="notice">{t('matrix.noGaps')}</p>;
  return (
    <ol class="gap-list">
      {gaps.map((g) => (
        <li key={g.cell.territory.id + g.cell.category.id} data-territory={g.cell.territory.id} data-category={g.cell.category.id} data-gap={g.cell.gap}>
          <p class="gap-head">
            <Link href={recordPath('TERRITORY', g.cell.territory.id)}>{localName(g.cell.territory)}</Link>
            {' · '}
            <span>{localName(g.cell.category)}</span>
          </p>
          <p class="gap-figures">{t('matrix.gapLine', { gap: fmtNumber(g.cell.gap), demand: fmtNumber(g.cell.demand), supply: fmtNumber(g.cell.supply) })}</p>
          {g.nearby.length === 0 ? (
            <p class="muted">{t('matrix.noNearby')}</p>
          ) : (
            <ul class="nearby">
              {g.nearby.map((n) => (
                <li key={n.territory.id} data-territory={n.territory.id} data-km={n.distanceKm}>
                  <Link href={recordPath('TERRITORY', n.territory.id)}>{localName(n.territory)}</Link>
                  {' — '}
                  {t('matrix.nearby', { km: fmtNumber(n.distanceKm), hops: n.hops, supply: fmtNumber(n.supply) })}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
