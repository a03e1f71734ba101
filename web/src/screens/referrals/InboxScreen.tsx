// The referral inbox: a COORDINATOR's incoming and outgoing referrals, or
// every referral for the roles that see them all, each with the actions
// the loop (SENT → ACCEPTED | DECLINED | CANCELLED; ACCEPTED → COMPLETED |
// CANCELLED) and the role allow: the receiver accepts, declines (with a
// reason) and completes (with an outcome), the sender cancels, an EDITOR
// or ADMIN may do all. A CONFLICT (someone acted first) says so and
// reloads; what was chosen stays. The flows view (/inbox?view=flows) is
// referralFlows as bars with their numbers.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql } from '../../api/graphql';
import { Link, navigate } from '../../app/router';
import { recordPath, type ScreenProps } from '../../app/screens';
import { atLeast, useSession, type Me } from '../../app/session';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtDateTime, fmtNumber, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';
import { byName, lists, statusColours, useLoaded, type Named, type TerritoryOpt } from './common';

const ref = 'id name nameLocal';
const fields = `id caseCode status from { ${ref} } to { ${ref} } service { ${ref} capacity available } category { ${ref} }
  targetGroup { ${ref} } territory { ${ref} } declineReason outcome history { status at by } createdAt updatedAt`;
const ownQuery = `query Inbox($s: ID!) {
  incoming: referrals(filter: { stakeholderId: $s, direction: IN }, first: 100) { ${fields} }
  outgoing: referrals(filter: { stakeholderId: $s, direction: OUT }, first: 100) { ${fields} } }`;
const allQuery = `query Referrals { all: referrals(first: 100) { ${fields} } }`;
const moveMutation = `mutation Move($id: ID!, $in: ReferralStatusInput!) { updateReferralStatus(id: $id, input: $in) { id status } }`;

interface Referral {
  id: string;
  caseCode: string;
  status: string;
  from: Named;
  to: Named;
  service: Named & { capacity: number | null; available: number | null };
  category: Named;
  targetGroup: Named | null;
  territory: Named;
  declineReason: string | null;
  outcome: string | null;
  history: { status: string; at: string; by: string }[];
  createdAt: string;
  updatedAt: string;
}

const declineReasons = ['NO_CAPACITY', 'OUT_OF_SERVICE_AREA', 'NOT_ELIGIBLE', 'MISSING_DOCUMENTS', 'OTHER'];
const outcomes = ['SERVED', 'PARTIALLY_SERVED', 'NOT_SERVED'];
const statuses = ['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CANCELLED'];

type Action = 'ACCEPTED' | 'DECLINED' | 'COMPLETED' | 'CANCELLED';

/** actions are the moves the loop and the role allow on r. */
function actions(me: Me, r: Referral): Action[] {
  const all = me.role === 'EDITOR' || me.role === 'ADMIN';
  const own = me.role === 'COORDINATOR' ? me.stakeholder?.id : undefined;
  const receiver = all || (!!own && r.to.id === own);
  const sender = all || (!!own && r.from.id === own);
  const out: Action[] = [];
  if (r.status === 'SENT' && receiver) out.push('ACCEPTED', 'DECLINED');
  if (r.status === 'ACCEPTED' && receiver) out.push('COMPLETED');
  if ((r.status === 'SENT' || r.status === 'ACCEPTED') && sender) out.push('CANCELLED');
  return out;
}

export default function InboxScreen({ location }: ScreenProps) {
  useLang();
  const s = useSession();
  if (s.state !== 'signedIn') return <Loading />;
  const me = s.me;
  const view = location.query.get('view') === 'flows' ? 'flows' : 'referrals';
  return (
    <div class="inbox">
      <h1>{t('inbox.title')}</h1>
      <nav class="tabs" aria-label={t('inbox.views')}>
        <Link href="/inbox" aria-current={view === 'referrals' ? 'page' : undefined} data-view="referrals">
          {t('inbox.viewReferrals')}
        </Link>
        <Link href="/inbox?view=flows" aria-current={view === 'flows' ? 'page' : undefined} data-view="flows">
          {t('inbox.viewFlows')}
        </Link>
      </nav>
      {view === 'flows' ? <Flows query={location.query} /> : <Referrals me={me} />}
    </div>
  );
}

function Referrals({ me }: { me: Me }) {
  const own = me.role === 'COORDINATOR' ? me.stakeholder : null;
  const data = useLoaded<{ incoming?: Referral[]; outgoing?: Referral[]; all?: Referral[] }>(
    () => (own ? gql(ownQuery, { s: own.id }) : gql(allQuery)),
    own?.id ?? 'all',
  );
  useEffect(() => {
    if (data.data || data.error) markReady('inbox');
  }, [data.data, data.error]);
  if (me.role === 'COORDINATOR' && !own) {
    return (
      <p class="error" role="alert">
        {t('finder.noStakeholder')}
      </p>
    );
  }
  if (!data.data) return data.error ? <ErrorMessage error={data.error} retry={data.reload} /> : <Loading />;
  const d = data.data;
  return (
    <>
      {own ? (
        <p class="muted">{t('inbox.introOwn', { name: localName(own) })}</p>
      ) : (
        <p class="muted">{t(atLeast(me.role, 'EDITOR') ? 'inbox.introEditor' : 'inbox.introAll')}</p>
      )}
      {data.error ? <ErrorMessage error={data.error} retry={data.reload} /> : null}
      {data.loading && <Loading />}
      {own ? (
        <>
          <List id="incoming" title={t('inbox.incoming', { count: d.incoming!.length })} me={me} items={d.incoming!} reload={data.reload} />
          <List id="outgoing" title={t('inbox.outgoing', { count: d.outgoing!.length })} me={me} items={d.outgoing!} reload={data.reload} />
        </>
      ) : (
        <List id="all" title={t('inbox.all', { count: d.all!.length })} me={me} items={d.all!} reload={data.reload} />
      )}
    </>
  );
}

function List({ id, title, me, items, reload }: { id: string; title: string; me: Me; items: Referral[]; reload: () => void }) {
  return (
    <section class="referral-list" data-list={id} aria-labelledby={`inbox-${id}`}>
      <h2 id={`inbox-${id}`}>{title}</h2>
      {items.length === 0 ? (
        <p class="muted">{t('inbox.none')}</p>
      ) : (
        <ul>
          {items.map((r) => (
            <Item key={r.id} me={me} r={r} reload={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge status-${status.toLowerCase()}`} data-status={status}>
      {enumLabel('ReferralStatus', status)}
    </span>
  );
}

function Item({ me, r, reload }: { me: Me; r: Referral; reload: () => void }) {
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'conflict' | 'done' | 'problem'; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const acts = actions(me, r);
  const base = `rfl-${r.id}`;

  const move = async (status: Action) => {
    setError(null);
    if (status === 'DECLINED' && !reason) {
      setNotice({ kind: 'problem', text: t('inbox.needReason') });
      document.getElementById(`${base}-reason`)?.focus();
      return;
    }
    if (status === 'COMPLETED' && !outcome) {
      setNotice({ kind: 'problem', text: t('inbox.needOutcome') });
      document.getElementById(`${base}-outcome`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const input: Record<string, string> = { status };
      if (status === 'DECLINED') input.declineReason = reason;
      if (status === 'COMPLETED') input.outcome = outcome;
      await gql(moveMutation, { id: r.id, in: input });
      setNotice({ kind: 'done', text: t('inbox.moved', { code: r.caseCode, status: enumLabel('ReferralStatus', status) }) });
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        setNotice({ kind: 'conflict', text: t('inbox.conflict', { code: r.caseCode }) });
        reload();
      } else if (e instanceof ApiError && e.problems.length) {
        setNotice({ kind: 'problem', text: e.problems.map((p) => p.message).join(' ') });
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const last = r.history[r.history.length - 1];
  return (
    <li class="referral" data-referral={r.id} data-status={r.status} aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>
        <span class="code">{r.caseCode}</span> <StatusBadge status={r.status} />
      </h3>
      <p class="route">
        {t('inbox.route', { from: localName(r.from), to: localName(r.to) })}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('inbox.service')}</dt>
          <dd>
            <Link href={recordPath('SERVICE', r.service.id)}>{localName(r.service)}</Link>
            {r.service.available != null && <span class="note"> — {t('inbox.free', { available: fmtNumber(r.service.available) })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('inbox.category')}</dt>
          <dd>{localName(r.category)}</dd>
        </div>
        {r.targetGroup && (
          <div>
            <dt>{t('inbox.group')}</dt>
            <dd>{localName(r.targetGroup)}</dd>
          </div>
        )}
        <div>
          <dt>{t('inbox.territory')}</dt>
          <dd>
            <Link href={recordPath('TERRITORY', r.territory.id)}>{localName(r.territory)}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('inbox.sentAt')}</dt>
          <dd>{fmtDateTime(r.createdAt)}</dd>
        </div>
        {r.declineReason && (
          <div>
            <dt>{t('inbox.declineReason')}</dt>
            <dd>{enumLabel('DeclineReason', r.declineReason)}</dd>
          </div>
        )}
        {r.outcome && (
          <div>
            <dt>{t('inbox.outcome')}</dt>
            <dd>{enumLabel('ReferralOutcome', r.outcome)}</dd>
          </div>
        )}
        {last && last.status !== 'SENT' && (
          <div>
            <dt>{t('inbox.lastChange')}</dt>
            <dd>{t('inbox.changeBy', { status: enumLabel('ReferralStatus', last.status), at: fmtDateTime(last.at), by: last.by })}</dd>
          </div>
        )}
      </dl>
      {notice && (
        <p class={notice.kind === 'done' ? 'notice' : 'error'} role={notice.kind === 'done' ? 'status' : 'alert'} data-notice={notice.kind}>
          {notice.text}
        </p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      {acts.length > 0 && (
        <div class="actions" role="group" aria-label={t('inbox.actions', { code: r.caseCode })}>
          {acts.includes('ACCEPTED') && (
            <button type="button" data-action="ACCEPTED" disabled={busy} onClick={() => move('ACCEPTED')}>
              {t('inbox.accept')}
            </button>
          )}
          {acts.includes('DECLINED') && (
            <span class="with-choice">
              <label for={`${base}-reason`}>{t('inbox.reason')}</label>
              <select id={`${base}-reason`} value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
                <option value="">{t('inbox.choose')}</option>
                {declineReasons.map((x) => (
                  <option key={x} value={x}>
                    {enumLabel('DeclineReason', x)}
                  </option>
                ))}
              </select>
              <button type="button" data-action="DECLINED" class="secondary" disabled={busy} onClick={() => move('DECLINED')}>
                {t('inbox.decline')}
              </button>
            </span>
          )}
          {acts.includes('COMPLETED') && (
            <span class="with-choice">
              <label for={`${base}-outcome`}>{t('inbox.outcomeChoice')}</label>
              <select id={`${base}-outcome`} value={outcome} onChange={(e) => setOutcome((e.target as HTMLSelectElement).value)}>
                <option value="">{t('inbox.choose')}</option>
                {outcomes.map((x) => (
                  <option key={x} value={x}>
                    {enumLabel('ReferralOutcome', x)}
                  </option>
                ))}
              </select>
              <button type="button" data-action="COMPLETED" disabled={busy} onClick={() => move('COMPLETED')}>
                {t('inbox.complete')}
              </button>
            </span>
          )}
          {acts.includes('CANCELLED') && (
            <button type="button" data-action="CANCELLED" class="secondary" disabled={busy} onClick={() => move('CANCELLED')}>
              {t('inbox.cancel')}
            </button>
          )}
        </div>
      )}
      <details class="history">
        <summary>{t('inbox.history', { count: r.history.length })}</summary>
        <ol>
          {r.history.map((h, i) => (
            <li key={i}>
              {enumLabel('ReferralStatus', h.status)} — {fmtDateTime(h.at)} — {h.by}
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}

// ---- Flows ----

const flowsQuery = `query Flows($scope: ID!, $from: Date, $to: Date) { referralFlows(scopeId: $scope, from: $from, to: $to) {
  scope { ${ref} } total
  flows { sourceTerritory { ${ref} } targetTerritory { ${ref} } category { ${ref} } count byStatus { key count } crossesMunicipalityBorder }
  byStatus { key count } byDeclineReason { key count } byOutcome { key count }
  medianHoursToAccept medianHoursToComplete } }`;

interface Count {
  key: string;
  count: number;
}
interface Flows {
  scope: Named;
  total: number;
  flows: { sourceTerritory: Named; targetTerritory: Named; category: Named; count: number; byStatus: Count[]; crossesMunicipalityBorder: boolean }[];
  byStatus: Count[];
  byDeclineReason: Count[];
  byOutcome: Count[];
  medianHoursToAccept: number | null;
  medianHoursToComplete: number | null;
}

/** defaultScope: the most populous country, else the first territory without a parent. */
function defaultScope(ts: TerritoryOpt[]): string {
  const countries = ts.filter((x) => x.level === 'COUNTRY').sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  return (countries[0] ?? ts.find((x) => !x.parent) ?? ts[0])?.id ?? '';
}

function Flows({ query }: { query: URLSearchParams }) {
  const terr = useLoaded<TerritoryOpt[]>(() => lists.territories(), 'territories');
  const scope = query.get('scope') ?? (terr.data ? defaultScope(terr.data) : '');
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const [form, setForm] = useState({ scope, from, to });
  useEffect(() => setForm({ scope, from, to }), [scope, from, to]);
  const flows = useLoaded<{ referralFlows: Flows }>(
    scope ? () => gql(flowsQuery, { scope, from: from || null, to: to || null }) : null,
    JSON.stringify([scope, from, to]),
  );
  useEffect(() => {
    if (flows.data || flows.error || terr.error) markReady('inbox');
  }, [flows.data, flows.error, terr.error]);
  const submit = (e: Event) => {
    e.preventDefault();
    const p = new URLSearchParams({ view: 'flows', scope: form.scope });
    if (form.from) p.set('from', form.from);
    if (form.to) p.set('to', form.to);
    navigate('/inbox?' + p.toString());
  };
  if (terr.error) return <ErrorMessage error={terr.error} retry={terr.reload} />;
  if (!terr.data) return <Loading />;
  return (
    <section class="flows" aria-labelledby="flows-title">
      <h2 id="flows-title">{t('flows.title')}</h2>
      <p class="muted">{t('flows.intro')}</p>
      <form class="flows-form" onSubmit={submit}>
        <div class="field">
          <label for="flows-scope">{t('flows.scope')}</label>
          <select id="flows-scope" value={form.scope} onChange={(e) => setForm({ ...form, scope: (e.target as HTMLSelectElement).value })}>
            {byName(terr.data).map((x) => (
              <option key={x.id} value={x.id}>
                {localName(x)} ({enumLabel('TerritoryLevel', x.level)})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="flows-from">{t('flows.from')}</label>
          <input id="flows-from" type="date" value={form.from} onInput={(e) => setForm({ ...form, from: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="flows-to">{t('flows.to')}</label>
          <input id="flows-to" type="date" value={form.to} onInput={(e) => setForm({ ...form, to: (e.target as HTMLInputElement).value })} />
        </div>
        <p>
          <button type="submit">{t('flows.submit')}</button>
        </p>
      </form>
      {flows.error ? <ErrorMessage error={flows.error} retry={flows.reload} /> : null}
      {flows.loading && <Loading />}
      {flows.data && !flows.loading && <FlowsView f={flows.data.referralFlows} />}
    </section>
  );
}

function hours(h: number | null): string {
  if (h == null) return t('flows.noMedian');
  if (h < 1) return t('flows.minutes', { minutes: fmtNumber(h * 60, { maximumFractionDigits: h * 60 < 1 ? 2 : 0 }) });
  return t('flows.hours', { hours: fmtNumber(h, { maximumFractionDigits: 1 }) });
}

function FlowsView({ f }: { f: Flows }) {
  const statusRows = statuses.map((s) => ({ key: s, label: enumLabel('ReferralStatus', s), count: f.byStatus.find((c) => c.key === s)?.count ?? 0, colour: statusColours[s] }));
  return (
    <div class="flows-view" data-total={f.total}>
      <p class="summary" role="status">
        {t('flows.total', { count: f.total, scope: localName(f.scope) })}
      </p>
      <dl class="facts medians">
        <div>
          <dt>{t('flows.medianAccept')}</dt>
          <dd data-median="accept">{hours(f.medianHoursToAccept)}</dd>
        </div>
        <div>
          <dt>{t('flows.medianComplete')}</dt>
          <dd data-median="complete">{hours(f.medianHoursToComplete)}</dd>
        </div>
      </dl>
      <Bars id="by-status" title={t('flows.byStatus')} rows={statusRows} />
      <h3 id="flows-flows">{t('flows.flows', { count: f.flows.length })}</h3>
      {f.flows.length === 0 ? (
        <p class="muted">{t('flows.none')}</p>
      ) : (
        <table class="data bars flows-table" aria-labelledby="flows-flows">
          <thead>
            <tr>
              <th scope="col">{t('flows.home')}</th>
              <th scope="col">{t('flows.destination')}</th>
              <th scope="col">{t('flows.category')}</th>
              <th scope="col">{t('flows.count')}</th>
              <th scope="col">{t('flows.statuses')}</th>
            </tr>
          </thead>
          <tbody>
            {f.flows.map((x) => {
              const max = Math.max(...f.flows.map((y) => y.count), 1);
              return (
                <tr key={x.sourceTerritory.id + x.targetTerritory.id + x.category.id} data-flow={`${x.sourceTerritory.id}>${x.targetTerritory.id}`}>
                  <td>{localName(x.sourceTerritory)}</td>
                  <td>
                    {localName(x.targetTerritory)}
                    {x.crossesMunicipalityBorder && <span class="badge border"> {t('flows.crosses')}</span>}
                  </td>
                  <td>{localName(x.category)}</td>
                  <td class="num">{fmtNumber(x.count)}</td>
                  <td>
                    <StackedBar counts={x.byStatus} width={(160 * x.count) / max} />
                    <span class="note">{x.byStatus.map((c) => `${enumLabel('ReferralStatus', c.key)} ${fmtNumber(c.count)}`).join(', ')}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Bars
        id="by-reason"
        title={t('flows.byDeclineReason')}
        rows={declineReasons.map((k) => ({ key: k, label: enumLabel('DeclineReason', k), count: f.byDeclineReason.find((c) => c.key === k)?.count ?? 0, colour: '#d55e00' }))}
      />
      <Bars
        id="by-outcome"
        title={t('flows.byOutcome')}
        rows={outcomes.map((k) => ({ key: k, label: enumLabel('ReferralOutcome', k), count: f.byOutcome.find((c) => c.key === k)?.count ?? 0, colour: '#009e73' }))}
      />
    </div>
  );
}

/** Bars: a table of labelled numbers, each with its bar (the bar repeats the number, so it is hidden from screen readers). */
function Bars({ id, title, rows }: { id: string; title: string; rows: { key: string; label: string; count: number; colour: string }[] }) {
  const max = Math.max(...rows.map((r) => r.count), 1);
  return (
    <>
      <h3 id={`flows-${id}`}>{title}</h3>
      <table class="data bars" data-chart={id} aria-labelledby={`flows-${id}`}>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key} data-count={r.count}>
              <th scope="row">{r.label}</th>
              <td class="num">{fmtNumber(r.count)}</td>
              <td class="bar-cell">
                <svg width="240" height="16" aria-hidden="true" focusable="false">
                  <rect x="0" y="2" height="12" width={(240 * r.count) / max} fill={r.colour} />
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function StackedBar({ counts, width }: { counts: Count[]; width: number }) {
  const total = counts.reduce((a, c) => a + c.count, 0) || 1;
  let x = 0;
  return (
    <svg width="160" height="14" aria-hidden="true" focusable="false" class="stacked">
      {statuses.map((s) => {
        const c = counts.find((y) => y.key === s)?.count ?? 0;
        if (!c) return null;
        const w = (width * c) / total;
        const rect = <rect key={s} x={x} y="1" height="12" width={w} fill={statusColours[s]} />;
        x += w;
        return rect;
      })}
    </svg>
  );
}
