// The network explorer: the stakeholder network of a scope over the chosen
// relations, drawn with a force layout (graph.ts): colour and shape by
// community, size by a chosen centrality, edge width by weight. An asOf
// slider over the timeline replays how the network grew (positions stay
// put, ties come and go). Selecting a stakeholder, on the canvas or from
// the list (the keyboard's way in), shows its ego network, centralities,
// partner suggestions with their reasons and a "connection to…" search.
// Beside it: the communities, the network's figures, a timeline chart and
// the GraphML and GEXF files. Every choice is in the address
// (/network?scope=…&rel=…&asOf=…&size=…&max=…&focus=…).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/graphql';
import { useQuery } from '../../api/useQuery';
import { Link, navigate } from '../../app/router';
import { recordPath, type ScreenProps } from '../../app/screens';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtDate, fmtNumber, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';
import {
  ask,
  centralityQuery,
  connectionQuery,
  networkQuery,
  statsQuery,
  suggestionsQuery,
  timelineQuery,
  useAsk,
  type Centralities,
  type CommunityInfo,
  type NetworkData,
  type Ref,
  type Stats,
  type Suggestion,
} from './api';
import { createGraph, type GraphView } from './graph';
import { communityColour, communityShape, swatchPath } from './palette';

const relations = ['PARTNERSHIP', 'REFERRAL', 'EVENT', 'AREA'] as const;
const defaultRelations = ['PARTNERSHIP', 'REFERRAL', 'EVENT'];
const measures = ['DEGREE', 'BETWEENNESS', 'PAGERANK', 'CLOSENESS'] as const;
type Measure = (typeof measures)[number];
const maxNodeChoices = [100, 500, 1000, 2000, 5000];
const timelineFrom = '2010-01-01';

const territoriesQuery = `query Scopes { territories(filter: { levels: [COUNTRY, REGION, DISTRICT, MUNICIPALITY] }, first: 100) { nodes { id name nameLocal level } } }`;

interface Params {
  scope: string;
  rel: string[];
  asOf: string;
  size: Measure;
  max: number;
  focus: string;
}

function readParams(q: URLSearchParams): Params {
  const rel = (q.get('rel') ?? defaultRelations.join(',')).split(',').filter((r) => (relations as readonly string[]).includes(r));
  const size = q.get('size') as Measure;
  const max = Number(q.get('max'));
  return {
    scope: q.get('scope') ?? '',
    rel: rel.length > 0 ? rel : defaultRelations,
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(q.get('asOf') ?? '') ? q.get('asOf')! : '',
    size: measures.includes(size) ? size : 'DEGREE',
    max: max >= 1 && max <= 5000 ? max : 500,
    focus: q.get('focus') ?? '',
  };
}

function href(p: Params): string {
  const q = new URLSearchParams();
  if (p.scope) q.set('scope', p.scope);
  if (p.rel.join(',') !== defaultRelations.join(',')) q.set('rel', p.rel.join(','));
  if (p.asOf) q.set('asOf', p.asOf);
  if (p.size !== 'DEGREE') q.set('size', p.size);
  if (p.max !== 500) q.set('max', String(p.max));
  if (p.focus) q.set('focus', p.focus);
  const s = q.toString();
  return s ? `/network?${s}` : '/network';
}

const today = () => new Date().toISOString().slice(0, 10);
const pct = (x: number) => fmtNumber(x, { style: 'percent', maximumFractionDigits: 1 });
const dec = (x: number, d = 2) => fmtNumber(x, { maximumFractionDigits: d });

export default function NetworkScreen({ location }: ScreenProps) {
  useLang();
  const p = readParams(location.query);
  const set = (ch: Partial<Params>) => navigate(href({ ...p, ...ch }), { replace: true });

  const vars = { scopeId: p.scope || null, relations: p.rel, asOf: p.asOf || null };
  const [net, retryNet] = useAsk<NetworkData>(networkQuery, { ...vars, maxNodes: p.max });
  const [stats, retryStats] = useAsk<{ networkStats: Stats & { isolated: Ref[] } }>(statsQuery, vars);
  const [timeline, retryTimeline] = useAsk<{ networkTimeline: { at: string; stats: Stats }[] }>(timelineQuery, {
    scopeId: vars.scopeId,
    relations: p.rel,
    from: timelineFrom,
    to: today(),
  });
  const [scopes] = useQuery<{ territories: { nodes: (Ref & { level: string })[] } }>(territoriesQuery, {});

  // The last network drawn stays on screen while the next one loads.
  const last = useRef<NetworkData | null>(null);
  if (net.status === 'done') last.current = net.data;
  const data = last.current;

  // Centralities other than degree, loaded when sizing by one or once a
  // stakeholder is selected (three analyses: about 66 points).
  const centralKey = JSON.stringify(vars);
  const wantCentral = p.size !== 'DEGREE' || !!p.focus;
  const [central, retryCentral] = useAsk<Centralities>(centralityQuery, wantCentral ? vars : null);
  const centralities = central.status === 'done' ? central.data : null;

  // community of each stakeholder: the communities analysis (the legend's
  // numbering), else the network's own.
  const communityOf = useMemo(() => {
    const m = new Map<string, number>();
    if (!data) return m;
    for (const n of data.network.nodes) m.set(n.stakeholder.id, n.community);
    for (const c of data.communities.communities) for (const x of c.members) m.set(x.id, c.id);
    return m;
  }, [data]);

  const sizeOf = useMemo(() => {
    if (!data) return () => 0;
    if (p.size === 'DEGREE' || !centralities) {
      const maxDeg = Math.max(1, ...data.network.nodes.map((n) => n.degree));
      const deg = new Map(data.network.nodes.map((n) => [n.stakeholder.id, n.degree / maxDeg]));
      return (id: string) => deg.get(id) ?? 0;
    }
    const scores = centralities[p.size].scores;
    const maxScore = Math.max(1e-12, ...scores.map((s) => s.score));
    const m = new Map(scores.map((s) => [s.stakeholder.id, s.score / maxScore]));
    return (id: string) => m.get(id) ?? 0;
  }, [data, p.size, centralities]);

  // The drawing.
  const canvas = useRef<HTMLDivElement>(null);
  const view = useRef<GraphView | null>(null);
  const drawnKey = useRef('');
  const [drawn, setDrawn] = useState(0);
  const focusRef = useRef(p.focus);
  focusRef.current = p.focus;
  useEffect(() => {
    view.current = createGraph(canvas.current!, {
      onSelect: (id) => navigate(href({ ...readParams(new URLSearchParams(window.location.search)), focus: id ?? '' }), { replace: true }),
    });
    return () => view.current?.destroy();
  }, []);
  useEffect(() => {
    if (!data || !view.current) return;
    const layoutKey = `${p.scope}|${p.rel.join(',')}|${p.max}`;
    const relayout = layoutKey !== drawnKey.current;
    drawnKey.current = layoutKey;
    const nodes = data.network.nodes.map((n) => ({
      id: n.stakeholder.id,
      label: localName(n.stakeholder),
      community: communityOf.get(n.stakeholder.id) ?? n.community,
      size: sizeOf(n.stakeholder.id),
    }));
    const started = performance.now();
    view.current.setData(nodes, data.network.edges, relayout).then(() => {
      (canvas.current as HTMLElement & { layoutMs?: number }).layoutMs = performance.now() - started;
      view.current?.select(focusRef.current || null);
      setDrawn((d) => d + 1);
    });
  }, [data]);
  useEffect(() => view.current?.setSizes(sizeOf), [sizeOf]);
  useEffect(() => {
    if (drawn) view.current?.select(p.focus || null, { centre: true });
  }, [p.focus, drawn > 0]);
  useEffect(() => {
    if (drawn > 0) markReady('network');
  }, [drawn]);

  // The asOf slider: the timeline's quarters, then today.
  const steps = useMemo(() => {
    if (timeline.status !== 'done') return [] as { at: string; stats: Stats }[];
    const all = timeline.data.networkTimeline;
    const first = Math.max(0, all.findIndex((s) => s.stats.edges > 0) - 1);
    return all.slice(first);
  }, [timeline]);
  const stepIndex = p.asOf ? Math.max(0, steps.findIndex((s) => s.at >= p.asOf)) : steps.length;
  const [slider, setSlider] = useState<number | null>(null);
  const shown = slider ?? stepIndex;
  const dateAt = (i: number) => (i >= steps.length ? '' : steps[i].at);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      const cur = readParams(new URLSearchParams(window.location.search));
      const i = cur.asOf ? steps.findIndex((s) => s.at >= cur.asOf) : -1;
      const next = i < 0 ? 0 : i + 1;
      if (next >= steps.length) {
        setPlaying(false);
        navigate(href({ ...cur, asOf: '' }), { replace: true });
      } else navigate(href({ ...cur, asOf: steps[next].at }), { replace: true });
    }, 2000);
    return () => clearInterval(id);
  }, [playing, steps]);

  const selected = data?.network.nodes.find((n) => n.stakeholder.id === p.focus);

  return (
    <div class="network">
      <h1>{t('network.title')}</h1>
      <form class="net-controls" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="net-scope">{t('network.scope')}</label>
          <select id="net-scope" value={p.scope} onChange={(e) => set({ scope: (e.target as HTMLSelectElement).value, focus: '', asOf: '' })}>
            <option value="">{t('network.scopeAll')}</option>
            {scopes.status === 'done' &&
              scopes.data.territories.nodes.map((s) => (
                <option key={s.id} value={s.id}>
                  {localName(s)} ({enumLabel('TerritoryLevel', s.level)})
                </option>
              ))}
            {p.scope && scopes.status === 'done' && !scopes.data.territories.nodes.some((s) => s.id === p.scope) && <option value={p.scope}>{p.scope}</option>}
          </select>
        </div>
        <fieldset class="field">
          <legend>{t('network.relations')}</legend>
          {relations.map((r) => (
            <label key={r} class="check">
              <input
                type="checkbox"
                name="rel"
                value={r}
                checked={p.rel.includes(r)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  const rel = relations.filter((x) => (x === r ? on : p.rel.includes(x)));
                  if (rel.length > 0) set({ rel, asOf: '' });
                }}
              />
              {enumLabel('NetworkRelation', r)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="net-size">{t('network.sizeBy')}</label>
          <select id="net-size" value={p.size} onChange={(e) => set({ size: (e.target as HTMLSelectElement).value as Measure })}>
            {measures.map((m) => (
              <option key={m} value={m}>
                {enumLabel('CentralityMeasure', m)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="net-max">{t('network.maxNodes')}</label>
          <select id="net-max" value={String(p.max)} onChange={(e) => set({ max: Number((e.target as HTMLSelectElement).value), focus: '' })}>
            {[...new Set([...maxNodeChoices, p.max])].sort((a, b) => a - b).map((m) => (
              <option key={m} value={String(m)}>
                {fmtNumber(m)}
              </option>
            ))}
          </select>
        </div>
        <Downloads p={p} />
      </form>

      <div class="net-asof">
        <label for="net-asof">{t('network.asOf')}</label>
        <input
          id="net-asof"
          type="range"
          min={0}
          max={steps.length}
          step={1}
          value={shown}
          disabled={steps.length === 0}
          aria-valuetext={dateAt(shown) ? fmtDate(dateAt(shown)) : t('network.today')}
          onInput={(e) => setSlider(Number((e.target as HTMLInputElement).value))}
          onChange={(e) => {
            const i = Number((e.target as HTMLInputElement).value);
            setSlider(null);
            set({ asOf: dateAt(i) });
          }}
        />
        <output for="net-asof" class="net-asof-value">
          {dateAt(shown) ? fmtDate(dateAt(shown)) : t('network.today')}
        </output>
        <button type="button" disabled={steps.length === 0} aria-pressed={playing} onClick={() => setPlaying(!playing)}>
          {playing ? t('network.stop') : t('network.play')}
        </button>
        {net.status === 'loading' && data && (
          <span class="muted" role="status">
            {t('app.loading')}
          </span>
        )}
      </div>

      {net.status === 'error' && <ErrorMessage error={net.error} retry={retryNet} />}
      {!data && net.status === 'loading' && <Loading />}

      <div class="net-main">
        <div class="net-canvas-wrap">
          <div
            class="net-canvas"
            ref={canvas}
            role="img"
            aria-label={data ? t('network.canvasLabel', { nodes: fmtNumber(data.network.nodes.length), edges: fmtNumber(data.network.edges.length) }) : t('network.title')}
          />
          {data?.network.truncated && <p class="muted">{t('network.truncated', { count: fmtNumber(p.max) })}</p>}
          <p class="muted">{t('network.canvasHint')}</p>
        </div>
        <aside class="net-side" aria-labelledby="net-side-title">
          {selected && data ? (
            <Selected
              key={selected.stakeholder.id}
              node={selected}
              data={data}
              community={communityOf.get(selected.stakeholder.id) ?? selected.community}
              centralities={centralities}
              centralState={central}
              retryCentral={retryCentral}
              rel={p.rel}
              select={(id) => set({ focus: id })}
              showPath={(ids) => view.current?.highlightPath(ids)}
              centralKey={centralKey}
            />
          ) : (
            <>
              <h2 id="net-side-title">{t('network.selected')}</h2>
              <p class="muted">{t('network.selectHint')}</p>
            </>
          )}
        </aside>
      </div>

      <div class="net-panels">
        {data && <CommunityLegend data={data} select={(id) => set({ focus: id })} />}
        {data && <StakeholderList data={data} focus={p.focus} select={(id) => set({ focus: id })} />}
        <section class="net-stats" aria-labelledby="net-stats-title">
          <h2 id="net-stats-title">{t('network.stats')}</h2>
          {stats.status === 'loading' && <Loading />}
          {stats.status === 'error' && <ErrorMessage error={stats.error} retry={retryStats} />}
          {stats.status === 'done' && <StatsPanel s={stats.data.networkStats} />}
        </section>
        <section class="net-timeline" aria-labelledby="net-timeline-title">
          <h2 id="net-timeline-title">{t('network.timeline')}</h2>
          {timeline.status === 'loading' && <Loading />}
          {timeline.status === 'error' && <ErrorMessage error={timeline.error} retry={retryTimeline} />}
          {timeline.status === 'done' && <Timeline steps={steps} asOf={dateAt(stepIndex) || today()} />}
        </section>
      </div>
    </div>
  );
}

/** Downloads fetches the network file with the session's token and saves it. */
function Downloads({ p }: { p: Params }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState('');
  const get = async (format: 'graphml' | 'gexf') => {
    setError(null);
    setBusy(format);
    try {
      const q = new URLSearchParams();
      if (p.scope) q.set('scopeId', p.scope);
      q.set('relations', p.rel.join(','));
      if (p.asOf) q.set('asOf', p.asOf);
      q.set('maxNodes', String(p.max));
      const headers: Record<string, string> = {};
      // The session keeps the token here (app/session.ts).
      const tok = sessionStorage.getItem('coopgraph.token');
      if (tok) headers.Authorization = 'Bearer ' + tok;
      const resp = await fetch(`/export/network.${format}?${q}`, { headers, credentials: 'same-origin' });
      if (!resp.ok) {
        let code = 'INTERNAL';
        let requestId: string | undefined;
        try {
          const body = await resp.json();
          code = body.errors?.[0]?.extensions?.code ?? code;
          requestId = body.errors?.[0]?.extensions?.requestId;
        } catch {
          /* not JSON: INTERNAL */
        }
        throw new ApiError(resp.statusText, code, [], requestId);
      }
      const blob = await resp.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `network${p.scope ? '-' + p.scope : ''}.${format}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 'NETWORK'));
    } finally {
      setBusy('');
    }
  };
  return (
    <div class="field net-downloads">
      <span class="label">{t('network.download')}</span>
      <div class="row">
        <button type="button" data-format="graphml" disabled={busy !== ''} onClick={() => get('graphml')}>
          {t('network.graphml')}
        </button>
        <button type="button" data-format="gexf" disabled={busy !== ''} onClick={() => get('gexf')}>
          {t('network.gexf')}
        </button>
      </div>
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}

function Swatch({ community }: { community: number }) {
  return (
    <svg class="swatch" viewBox="0 0 12 12" width="14" height="14" aria-hidden="true">
      <path d={swatchPath(communityShape(community))} fill={communityColour(community)} stroke="#1b1b1b" stroke-width="0.8" />
    </svg>
  );
}

function CommunityLegend({ data, select }: { data: NetworkData; select: (id: string) => void }) {
  const all = data.communities.communities;
  const groups = all.filter((c) => c.size > 1);
  const alone = all.length - groups.length;
  return (
    <section class="net-communities" aria-labelledby="net-communities-title">
      <h2 id="net-communities-title">{t('network.communities')}</h2>
      <p class="muted">
        {t('network.modularity', { count: fmtNumber(groups.length), modularity: dec(data.communities.modularity) })}
        {alone > 0 && ' ' + t('network.alone', { count: fmtNumber(alone) })}
      </p>
      <ul class="net-community-list">
        {groups.map((c) => (
          <li key={c.id} class="community" data-community={c.id}>
            <Swatch community={c.id} />
            <details>
              <summary>
                <strong>{t('network.community', { n: c.id + 1 })}</strong> {t('network.members', { count: fmtNumber(c.size) })}
                <span class="note"> — {describe(c)}</span>
              </summary>
              <ul class="members">
                {c.members.map((m) => (
                  <li key={m.id} data-stakeholder={m.id}>
                    <button type="button" class="link" onClick={() => select(m.id)}>
                      {localName(m)}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

function describe(c: CommunityInfo): string {
  const parts: string[] = [];
  if (c.sectors[0]) parts.push(enumLabel('Sector', c.sectors[0].label));
  if (c.kinds[0]) parts.push(enumLabel('StakeholderKind', c.kinds[0].label));
  if (c.territories[0]) parts.push(c.territories[0].label);
  if (c.areas[0]) parts.push(c.areas[0].label);
  return parts.join(' · ');
}

/** StakeholderList: the keyboard's way to the canvas's nodes. */
function StakeholderList({ data, focus, select }: { data: NetworkData; focus: string; select: (id: string) => void }) {
  const [filter, setFilter] = useState('');
  const limit = 100;
  const f = filter.trim().toLocaleLowerCase();
  const all = [...data.network.nodes].sort((a, b) => b.degree - a.degree || localName(a.stakeholder).localeCompare(localName(b.stakeholder)));
  const matching = f ? all.filter((n) => localName(n.stakeholder).toLocaleLowerCase().includes(f) || n.stakeholder.name.toLocaleLowerCase().includes(f)) : all;
  return (
    <section class="net-list" aria-labelledby="net-list-title">
      <h2 id="net-list-title">{t('network.list')}</h2>
      <label for="net-filter">{t('network.filter')}</label>
      <input id="net-filter" type="search" value={filter} autoComplete="off" onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
      <p class="muted" role="status">
        {matching.length > limit ? t('network.listSome', { shown: fmtNumber(limit), count: fmtNumber(matching.length) }) : t('network.listAll', { count: fmtNumber(matching.length) })}
      </p>
      <ul class="net-stakeholders">
        {matching.slice(0, limit).map((n) => (
          <li key={n.stakeholder.id}>
            <button type="button" data-stakeholder={n.stakeholder.id} aria-pressed={n.stakeholder.id === focus} onClick={() => select(n.stakeholder.id)}>
              {localName(n.stakeholder)} <span class="note">{t('network.degreeShort', { count: fmtNumber(n.degree) })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StatsPanel({ s }: { s: Stats & { isolated: Ref[] } }) {
  const rows: [string, string][] = [
    ['network.stat.nodes', fmtNumber(s.nodes)],
    ['network.stat.edges', fmtNumber(s.edges)],
    ['network.stat.density', dec(s.density, 4)],
    ['network.stat.components', fmtNumber(s.components)],
    ['network.stat.largest', pct(s.largestComponentShare)],
    ['network.stat.averageDegree', dec(s.averageDegree)],
    ['network.stat.clustering', dec(s.averageClustering)],
    ['network.stat.crossSector', pct(s.crossSectorShare)],
    ['network.stat.isolated', fmtNumber(s.isolated.length)],
  ];
  return (
    <>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <div key={k} data-stat={k.slice('network.stat.'.length)}>
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {s.isolated.length > 0 && (
        <details class="net-isolated">
          <summary>{t('network.isolatedList', { count: fmtNumber(s.isolated.length) })}</summary>
          <ul>
            {s.isolated.slice(0, 200).map((x) => (
              <li key={x.id}>
                <Link href={recordPath('STAKEHOLDER', x.id)}>{localName(x)}</Link>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** Timeline: ties and stakeholders in the largest component, per quarter (Observable Plot, loaded with this screen). */
function Timeline({ steps, asOf }: { steps: { at: string; stats: Stats }[]; asOf: string }) {
  const box = useRef<HTMLDivElement>(null);
  const lang = useLang();
  useEffect(() => {
    let gone = false;
    import('@observablehq/plot').then((Plot) => {
      if (gone || !box.current) return;
      const rows = steps.map((s) => ({ at: new Date(s.at + 'T00:00:00Z'), edges: s.stats.edges }));
      const svg = Plot.plot({
        width: 520,
        height: 220,
        marginLeft: 50,
        ariaLabel: t('network.timelineLabel'),
        x: { type: 'utc', label: null },
        y: { label: t('network.stat.edges'), grid: true, zero: true },
        marks: [
          Plot.lineY(rows, { x: 'at', y: 'edges', stroke: '#0072b2', strokeWidth: 2 }),
          Plot.dot(rows, { x: 'at', y: 'edges', fill: '#0072b2', r: 2 }),
          Plot.ruleX([new Date(asOf + 'T00:00:00Z')], { stroke: '#d55e00', strokeWidth: 2, strokeDasharray: '4,3' }),
        ],
      });
      // Plot adds a <style> element, which the CSP refuses: its rules are
      // in network.css instead.
      svg.querySelectorAll('style').forEach((s) => s.remove());
      // Plot labels its groups with aria-label, which a <g> without a role
      // may not carry: the chart is one image, the table below its text.
      svg.querySelectorAll('[aria-label]').forEach((g) => g.removeAttribute('aria-label'));
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', t('network.timelineLabel'));
      box.current.replaceChildren(svg);
    });
    return () => {
      gone = true;
    };
  }, [steps, asOf, lang]);
  return (
    <>
      <div class="net-chart" ref={box} />
      <details>
        <summary>{t('network.timelineTable')}</summary>
        <table class="net-table">
          <thead>
            <tr>
              <th scope="col">{t('network.at')}</th>
              <th scope="col">{t('network.stat.edges')}</th>
              <th scope="col">{t('network.stat.components')}</th>
              <th scope="col">{t('network.stat.crossSector')}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr key={s.at}>
                <td>{fmtDate(s.at)}</td>
                <td>{fmtNumber(s.stats.edges)}</td>
                <td>{fmtNumber(s.stats.components)}</td>
                <td>{pct(s.stats.crossSectorShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

interface SelectedProps {
  node: NetworkData['network']['nodes'][number];
  data: NetworkData;
  community: number;
  centralities: Centralities | null;
  centralState: { status: string; error?: unknown };
  retryCentral: () => void;
  rel: string[];
  select: (id: string) => void;
  showPath: (ids: string[]) => void;
  centralKey: string;
}

/** Selected: a stakeholder's ego network, centralities, suggestions and connections. */
function Selected({ node, data, community, centralities, centralState, retryCentral, rel, select, showPath }: SelectedProps) {
  const id = node.stakeholder.id;
  const byId = useMemo(() => new Map(data.network.nodes.map((n) => [n.stakeholder.id, n.stakeholder])), [data]);
  const ties = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const e of data.network.edges) {
      const other = e.source === id ? e.target : e.target === id ? e.source : null;
      if (other) m.set(other, [...(m.get(other) ?? []), e.relation]);
    }
    return [...m.entries()].map(([o, rs]) => ({ other: byId.get(o), rs })).filter((x) => x.other);
  }, [data, id]);
  const [sugg, retrySugg] = useAsk<{ partnerSuggestions: Suggestion[] }>(suggestionsQuery, { id });

  return (
    <div class="net-selected" data-stakeholder={id}>
      <h2 id="net-side-title">
        <Link href={recordPath('STAKEHOLDER', id)}>{localName(node.stakeholder)}</Link>
      </h2>
      <p class="note">
        {enumLabel('StakeholderKind', node.stakeholder.kind)} · {enumLabel('Sector', node.stakeholder.sector)}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('network.communityOf')}</dt>
          <dd>
            <Swatch community={community} /> {t('network.community', { n: community + 1 })}
          </dd>
        </div>
        <div data-measure="DEGREE">
          <dt>{enumLabel('CentralityMeasure', 'DEGREE')}</dt>
          <dd>{fmtNumber(node.degree)}</dd>
        </div>
        {(['BETWEENNESS', 'PAGERANK', 'CLOSENESS'] as const).map((m) => {
          const r = centralities?.[m];
          const s = r?.scores.find((x) => x.stakeholder.id === id);
          return (
            <div key={m} data-measure={m}>
              <dt>{enumLabel('CentralityMeasure', m)}</dt>
              <dd>
                {!r
                  ? centralState.status === 'error'
                    ? '—'
                    : t('app.loading')
                  : s
                    ? t('network.rank', { score: dec(s.score, 4), rank: fmtNumber(s.rank), count: fmtNumber(r.nodes) })
                    : t('network.notRanked', { count: fmtNumber(r.scores.length) })}
              </dd>
            </div>
          );
        })}
      </dl>
      {centralState.status === 'error' && <ErrorMessage error={centralState.error} retry={retryCentral} />}

      <h3>{t('network.ego', { count: fmtNumber(ties.length) })}</h3>
      {ties.length === 0 ? (
        <p class="muted">{t('network.noTies')}</p>
      ) : (
        <ul class="net-ego">
          {ties.map(({ other, rs }) => (
            <li key={other!.id}>
              <button type="button" class="link" onClick={() => select(other!.id)}>
                {localName(other!)}
              </button>{' '}
              <span class="note">{rs.map((r) => enumLabel('NetworkRelation', r)).join(', ')}</span>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('network.suggestions')}</h3>
      {sugg.status === 'loading' && <Loading />}
      {sugg.status === 'error' && <ErrorMessage error={sugg.error} retry={retrySugg} />}
      {sugg.status === 'done' &&
        (sugg.data.partnerSuggestions.length === 0 ? (
          <p class="muted">{t('network.noSuggestions')}</p>
        ) : (
          <ol class="net-suggestions">
            {sugg.data.partnerSuggestions.map((s) => (
              <li key={s.stakeholder.id} data-stakeholder={s.stakeholder.id}>
                <Link href={recordPath('STAKEHOLDER', s.stakeholder.id)}>{localName(s.stakeholder)}</Link>{' '}
                <span class="note">{t('network.score', { score: dec(s.score) })}</span>
                <ul class="reasons">
                  {s.commonNeighbours.length > 0 && <li>{t('network.common', { names: s.commonNeighbours.map(localName).join(', ') })}</li>}
                  {s.complementary && <li>{t('network.complementary')}</li>}
                </ul>
              </li>
            ))}
          </ol>
        ))}

      <Connection from={id} data={data} rel={rel} showPath={showPath} />
    </div>
  );
}

function Connection({ from, data, rel, showPath }: { from: string; data: NetworkData; rel: string[]; showPath: (ids: string[]) => void }) {
  const [to, setTo] = useState('');
  const [state, setState] = useState<{ status: 'idle' | 'loading' } | { status: 'done'; paths: { hops: number; stakeholders: Ref[] }[] } | { status: 'error'; error: unknown }>({ status: 'idle' });
  const options = useMemo(
    () => data.network.nodes.filter((n) => n.stakeholder.id !== from).map((n) => n.stakeholder).sort((a, b) => localName(a).localeCompare(localName(b))),
    [data, from],
  );
  useEffect(() => () => showPath([]), []);
  const find = async (e: Event) => {
    e.preventDefault();
    if (!to) return;
    setState({ status: 'loading' });
    try {
      const r = await ask<{ connection: { hops: number; stakeholders: Ref[] }[] }>(connectionQuery, { fromId: from, toId: to, relations: rel });
      setState({ status: 'done', paths: r.connection });
      showPath(r.connection[0]?.stakeholders.map((s) => s.id) ?? []);
    } catch (error) {
      setState({ status: 'error', error });
    }
  };
  return (
    <form class="net-connection" onSubmit={find}>
      <h3>{t('network.connection')}</h3>
      <label for="net-to">{t('network.connectionTo')}</label>
      <div class="row">
        <select id="net-to" value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
          <option value="">{t('network.choose')}</option>
          {options.map((s) => (
            <option key={s.id} value={s.id}>
              {localName(s)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!to}>
          {t('network.find')}
        </button>
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} />}
      {state.status === 'done' &&
        (state.paths.length === 0 ? (
          <p role="status">{t('network.noConnection')}</p>
        ) : (
          <div role="status">
            <ol class="net-paths">
              {state.paths.map((path, i) => (
                <li key={i} data-hops={path.hops}>
                  <span class="note">{t('network.hops', { count: fmtNumber(path.hops) })}</span> {path.stakeholders.map(localName).join(' → ')}
                </li>
              ))}
            </ol>
          </div>
        ))}
    </form>
  );
}
