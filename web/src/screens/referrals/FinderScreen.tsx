// The referral finder, the coordinator's main screen: from an organisation
// (a COORDINATOR's own, fixed), for a person living in a territory, a
// category and target groups, within a distance and a number of hops: the
// API's referralPaths, each chain drawn step by step with the protocol
// used, and the providers no chain reaches (the protocols worth signing).
// From a chain a referral is sent (createReferral, a case code only). The
// question is in the address (/finder?category=…), so it can be linked to.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql, type Problem } from '../../api/graphql';
import { Link, navigate } from '../../app/router';
import { recordPath, type ScreenProps } from '../../app/screens';
import { atLeast, useSession, type Me } from '../../app/session';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtDate, fmtDateTime, fmtNumber, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';
import {
  byName,
  caseCodePattern,
  categoryTree,
  firstPages,
  selections,
  useLoaded,
  type CategoryOpt,
  type Named,
  type StakeholderOpt,
  type TerritoryOpt,
} from './common';

const ref = 'id name nameLocal';
const pathsQuery = `query Finder($in: ReferralPathInput!) { referralPaths(input: $in) {
  from { ${ref} } territory { ${ref} level } category { ${ref} }
  paths {
    steps { stakeholder { ${ref} territory { ${ref} } } viaHidden via { id status since categories { ${ref} } } }
    provider { ${ref} } service { ${ref} capacity available availableUpdatedAt }
    hops distanceKm local crossesMunicipalityBorder crossesDistrictBorder capacity score
  }
  unreachableProviders { provider { ${ref} territory { ${ref} } } service { ${ref} capacity available } distanceKm local }
} }`;

interface Step {
  stakeholder: Named & { territory: Named | null };
  viaHidden: boolean;
  via: { id: string; status: string; since: string | null; categories: Named[] } | null;
}
interface Service extends Named {
  capacity: number | null;
  available: number | null;
  availableUpdatedAt?: string | null;
}
interface Path {
  steps: Step[];
  provider: Named;
  service: Service;
  hops: number;
  distanceKm: number;
  local: boolean;
  crossesMunicipalityBorder: boolean;
  crossesDistrictBorder: boolean;
  capacity: number | null;
  score: number;
}
interface Result {
  from: Named;
  territory: Named & { level: string };
  category: Named;
  paths: Path[];
  unreachableProviders: { provider: Named & { territory: Named | null }; service: Service; distanceKm: number; local: boolean }[];
}

interface Options {
  territories: TerritoryOpt[];
  stakeholders: StakeholderOpt[];
  categories: CategoryOpt[];
  targetGroups: Named[];
}

/** The question as the address has it. */
interface Question {
  from: string;
  territory: string;
  category: string;
  groups: string[];
  km: string;
  hops: string;
}

function questionOf(q: URLSearchParams, me: Me): Question {
  return {
    from: me.role === 'COORDINATOR' ? me.stakeholder?.id ?? '' : q.get('from') ?? '',
    territory: q.get('territory') ?? '',
    category: q.get('category') ?? '',
    groups: (q.get('groups') ?? '').split(',').filter(Boolean),
    km: q.get('km') ?? '50',
    hops: q.get('hops') ?? '3',
  };
}

/** check validates a question as the API does; problems carry the API's field names. */
function check(q: Question): Problem[] {
  const ps: Problem[] = [];
  if (!q.from) ps.push({ field: 'input.fromStakeholderId', message: t('finder.problem.from') });
  if (!q.category) ps.push({ field: 'input.categoryId', message: t('finder.problem.category') });
  const km = Number(q.km);
  if (q.km.trim() === '' || !Number.isFinite(km) || km < 0 || km > 500) ps.push({ field: 'input.maxDistanceKm', message: t('finder.problem.km') });
  const hops = Number(q.hops);
  if (q.hops.trim() === '' || !Number.isInteger(hops) || hops < 0 || hops > 6) ps.push({ field: 'input.maxHops', message: t('finder.problem.hops') });
  return ps;
}

function hrefOf(q: Question, me: Me): string {
  const p = new URLSearchParams();
  if (me.role !== 'COORDINATOR' && q.from) p.set('from', q.from);
  if (q.territory) p.set('territory', q.territory);
  if (q.category) p.set('category', q.category);
  if (q.groups.length) p.set('groups', q.groups.join(','));
  p.set('km', q.km.trim());
  p.set('hops', q.hops.trim());
  return '/finder?' + p.toString();
}

export default function FinderScreen({ location }: ScreenProps) {
  useLang();
  const s = useSession();
  const me = s.state === 'signedIn' ? s.me : null;
  if (!me) return <Loading />;
  if (me.role === 'COORDINATOR' && !me.stakeholder) {
    return (
      <>
        <h1>{t('finder.title')}</h1>
        <p class="error" role="alert">
          {t('finder.noStakeholder')}
        </p>
      </>
    );
  }
  return <Finder me={me} query={location.query} />;
}

function Finder({ me, query }: { me: Me; query: URLSearchParams }) {
  const asked = questionOf(query, me);
  const askedKey = JSON.stringify(asked);
  const [form, setForm] = useState<Question>(asked);
  useEffect(() => setForm(asked), [askedKey]);
  const [problems, setProblems] = useState<Problem[]>([]);

  const opts = useLoaded<Options>(
    async () => {
      const { stakeholders: _, ...rest } = selections;
      const got = await firstPages(me.role === 'COORDINATOR' ? rest : selections);
      return {
        territories: got.territories as TerritoryOpt[],
        stakeholders: (got.stakeholders ?? []) as StakeholderOpt[],
        categories: got.categories as CategoryOpt[],
        targetGroups: got.targetGroups as Named[],
      };
    },
    'options',
  );

  const valid = asked.category !== '' && check(asked).length === 0;
  const result = useLoaded<{ referralPaths: Result }>(
    valid
      ? () =>
          gql<{ referralPaths: Result }>(pathsQuery, {
            in: {
              fromStakeholderId: asked.from,
              territoryId: asked.territory || null,
              categoryId: asked.category,
              targetGroupIds: asked.groups.length ? asked.groups : null,
              maxDistanceKm: Number(asked.km),
              maxHops: Number(asked.hops),
              first: 20,
            },
          })
      : null,
    valid ? askedKey : '',
  );
  // The API's problems with the question, next to its fields.
  useEffect(() => {
    if (result.error instanceof ApiError && result.error.problems.length) setProblems(result.error.problems);
  }, [result.error]);

  useEffect(() => {
    if (opts.data && (!valid || result.data || result.error)) markReady('finder');
  }, [opts.data, valid, result.data, result.error]);

  const submit = (e: Event) => {
    e.preventDefault();
    const ps = check(form);
    setProblems(ps);
    if (ps.length) {
      const first = document.querySelector<HTMLElement>(`[data-field="${ps[0].field}"] input, [data-field="${ps[0].field}"] select`);
      first?.focus();
      return;
    }
    navigate(hrefOf(form, me));
  };

  const problemFor = (field: string) => problems.filter((p) => p.field === field || p.field.startsWith(field + '[')).map((p) => p.message);

  return (
    <div class="finder">
      <h1>{t('finder.title')}</h1>
      <p class="muted">{t('finder.intro')}</p>
      <div class="finder-layout">
        <div class="finder-side">
          {opts.error ? (
            <ErrorMessage error={opts.error} retry={opts.reload} />
          ) : !opts.data ? (
            <Loading />
          ) : (
            <FinderForm me={me} opts={opts.data} form={form} setForm={setForm} submit={submit} problemFor={problemFor} busy={result.loading} />
          )}
        </div>
        <div class="finder-results">
            {result.loading && <Loading />}
            {result.error ? <ErrorMessage error={result.error} retry={result.reload} /> : null}
            {result.data && !result.loading && (
              <Results me={me} r={result.data.referralPaths} groups={opts.data?.targetGroups.filter((g) => asked.groups.includes(g.id)) ?? []} allGroups={opts.data?.targetGroups ?? []} />
            )}
        </div>
      </div>
    </div>
  );
}

function FieldProblems({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <p id={id} class="field-error">
      {messages.join(' ')}
    </p>
  );
}

function FinderForm(props: {
  me: Me;
  opts: Options;
  form: Question;
  setForm: (q: Question) => void;
  submit: (e: Event) => void;
  problemFor: (field: string) => string[];
  busy: boolean;
}) {
  const { me, opts, form, setForm, submit, problemFor, busy } = props;
  const set = (patch: Partial<Question>) => setForm({ ...form, ...patch });
  const fromP = problemFor('input.fromStakeholderId');
  const terrP = problemFor('input.territoryId');
  const catP = problemFor('input.categoryId');
  const groupP = problemFor('input.targetGroupIds');
  const kmP = problemFor('input.maxDistanceKm');
  const hopsP = problemFor('input.maxHops');
  const territories = byName(opts.territories);
  const fromSh = opts.stakeholders.find((x) => x.id === form.from);
  return (
    <form class="finder-form" onSubmit={submit} noValidate aria-label={t('finder.formLabel')}>
      <div class="field" data-field="input.fromStakeholderId">
        {me.role === 'COORDINATOR' && me.stakeholder ? (
          <>
            <span class="label" id="finder-from-label">
              {t('finder.from')}
            </span>
            <p class="fixed" aria-labelledby="finder-from-label" data-from={me.stakeholder.id}>
              <Link href={recordPath('STAKEHOLDER', me.stakeholder.id)}>{localName(me.stakeholder)}</Link>{' '}
              <span class="muted">{t('finder.fromFixed')}</span>
            </p>
          </>
        ) : (
          <>
            <label for="finder-from">{t('finder.from')}</label>
            <select
              id="finder-from"
              value={form.from}
              aria-invalid={fromP.length > 0}
              aria-describedby={fromP.length ? 'finder-from-error' : undefined}
              onChange={(e) => set({ from: (e.target as HTMLSelectElement).value })}
            >
              <option value="">{t('finder.choose')}</option>
              {byName(opts.stakeholders).map((x) => (
                <option key={x.id} value={x.id}>
                  {localName(x)}
                  {x.territory ? ` — ${localName(x.territory)}` : ''}
                </option>
              ))}
            </select>
            <FieldProblems id="finder-from-error" messages={fromP} />
          </>
        )}
      </div>
      <div class="field" data-field="input.territoryId">
        <label for="finder-territory">{t('finder.territory')}</label>
        <select
          id="finder-territory"
          value={form.territory}
          aria-invalid={terrP.length > 0}
          aria-describedby={terrP.length ? 'finder-territory-error' : 'finder-territory-hint'}
          onChange={(e) => set({ territory: (e.target as HTMLSelectElement).value })}
        >
          <option value="">
            {fromSh?.territory ? t('finder.territoryDefaultNamed', { name: localName(fromSh.territory) }) : t('finder.territoryDefault')}
          </option>
          {territories.map((x) => (
            <option key={x.id} value={x.id}>
              {localName(x)} ({enumLabel('TerritoryLevel', x.level)}
              {x.parent ? `, ${localName(x.parent)}` : ''})
            </option>
          ))}
        </select>
        <p id="finder-territory-hint" class="muted hint">
          {t('finder.territoryHint')}
        </p>
        <FieldProblems id="finder-territory-error" messages={terrP} />
      </div>
      <div class="field" data-field="input.categoryId">
        <label for="finder-category">{t('finder.category')}</label>
        <select
          id="finder-category"
          value={form.category}
          required
          aria-invalid={catP.length > 0}
          aria-describedby={catP.length ? 'finder-category-error' : undefined}
          onChange={(e) => set({ category: (e.target as HTMLSelectElement).value })}
        >
          <option value="">{t('finder.choose')}</option>
          {categoryTree(opts.categories).map(({ c, depth }) => (
            <option key={c.id} value={c.id}>
              {'\u2003'.repeat(depth)}
              {localName(c)}
            </option>
          ))}
        </select>
        <FieldProblems id="finder-category-error" messages={catP} />
      </div>
      <fieldset class="field groups" data-field="input.targetGroupIds" aria-describedby={groupP.length ? 'finder-groups-error' : 'finder-groups-hint'}>
        <legend>{t('finder.groups')}</legend>
        <p id="finder-groups-hint" class="muted hint">
          {t('finder.groupsHint')}
        </p>
        <div class="checks">
          {byName(opts.targetGroups).map((g) => (
            <label key={g.id} class="check">
              <input
                type="checkbox"
                value={g.id}
                checked={form.groups.includes(g.id)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  set({ groups: on ? [...form.groups, g.id] : form.groups.filter((x) => x !== g.id) });
                }}
              />{' '}
              {localName(g)}
            </label>
          ))}
        </div>
        <FieldProblems id="finder-groups-error" messages={groupP} />
      </fieldset>
      <div class="row-fields">
        <div class="field" data-field="input.maxDistanceKm">
          <label for="finder-km">{t('finder.km')}</label>
          <input
            id="finder-km"
            type="number"
            inputMode="decimal"
            min={0}
            max={500}
            step="any"
            value={form.km}
            aria-invalid={kmP.length > 0}
            aria-describedby={kmP.length ? 'finder-km-error' : undefined}
            onInput={(e) => set({ km: (e.target as HTMLInputElement).value })}
          />
          <FieldProblems id="finder-km-error" messages={kmP} />
        </div>
        <div class="field" data-field="input.maxHops">
          <label for="finder-hops">{t('finder.hops')}</label>
          <input
            id="finder-hops"
            type="number"
            inputMode="numeric"
            min={0}
            max={6}
            step={1}
            value={form.hops}
            aria-invalid={hopsP.length > 0}
            aria-describedby={hopsP.length ? 'finder-hops-error' : undefined}
            onInput={(e) => set({ hops: (e.target as HTMLInputElement).value })}
          />
          <FieldProblems id="finder-hops-error" messages={hopsP} />
        </div>
      </div>
      <p>
        <button type="submit" disabled={busy}>
          {t('finder.submit')}
        </button>
      </p>
    </form>
  );
}

function Results({ me, r, groups, allGroups }: { me: Me; r: Result; groups: Named[]; allGroups: Named[] }) {
  const maySend = atLeast(me.role, 'COORDINATOR');
  return (
    <>
      <h2 id="finder-chains">{t('finder.chains', { count: r.paths.length })}</h2>
      <p class="summary" role="status">
        {t('finder.summary', { count: r.paths.length, from: localName(r.from), category: localName(r.category), territory: localName(r.territory) })}
      </p>
      {r.paths.length === 0 ? (
        <p class="muted">{t('finder.noChains')}</p>
      ) : (
        <ol class="chains" aria-labelledby="finder-chains">
          {r.paths.map((p, i) => (
            <Chain key={p.provider.id + p.service.id} n={i + 1} p={p} r={r} maySend={maySend} groups={groups.length ? groups : allGroups} />
          ))}
        </ol>
      )}
      <section class="unreachable" aria-labelledby="finder-unreachable">
        <h2 id="finder-unreachable">{t('finder.unreachable', { count: r.unreachableProviders.length })}</h2>
        <p class="muted">{t('finder.unreachableIntro')}</p>
        {r.unreachableProviders.length === 0 ? (
          <p class="muted">{t('finder.noUnreachable')}</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('finder.provider')}</th>
                <th scope="col">{t('finder.service')}</th>
                <th scope="col">{t('finder.distance')}</th>
                <th scope="col">{t('finder.places')}</th>
              </tr>
            </thead>
            <tbody>
              {r.unreachableProviders.map((u) => (
                <tr key={u.provider.id + u.service.id} data-provider={u.provider.id}>
                  <td>
                    <Link href={recordPath('STAKEHOLDER', u.provider.id)}>{localName(u.provider)}</Link>
                    {u.provider.territory && <span class="note"> — {localName(u.provider.territory)}</span>}
                  </td>
                  <td>
                    <Link href={recordPath('SERVICE', u.service.id)}>{localName(u.service)}</Link>
                  </td>
                  <td class="num">{u.local ? t('finder.local') : t('finder.kmValue', { km: fmtNumber(u.distanceKm) })}</td>
                  <td class="num">{places(u.service)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function places(s: Service): string {
  if (s.capacity == null && s.available == null) return t('finder.unknown');
  if (s.available == null) return t('finder.capacityOnly', { capacity: fmtNumber(s.capacity) });
  if (s.capacity == null) return t('finder.freeOnly', { available: fmtNumber(s.available) });
  return t('finder.freeOf', { available: fmtNumber(s.available), capacity: fmtNumber(s.capacity) });
}

function Chain({ n, p, r, maySend, groups }: { n: number; p: Path; r: Result; maySend: boolean; groups: Named[] }) {
  const [sending, setSending] = useState(false);
  const border = p.crossesDistrictBorder ? t('finder.crossesDistrict') : p.crossesMunicipalityBorder ? t('finder.crossesMunicipality') : t('finder.noBorder');
  const headingId = `chain-${n}`;
  return (
    <li class="chain" data-provider={p.provider.id} data-service={p.service.id} data-hops={p.hops} data-km={p.distanceKm} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('finder.chainTitle', { n, provider: localName(p.provider) })}
      </h3>
      <ol class="steps" aria-label={t('finder.stepsLabel')}>
        {p.steps.map((s, i) => (
          <li key={s.stakeholder.id + i} class="step" data-stakeholder={s.stakeholder.id}>
            {i > 0 && <Via step={s} prev={p.steps[i - 1]} />}
            <span class="org">
              <Link href={recordPath('STAKEHOLDER', s.stakeholder.id)}>{localName(s.stakeholder)}</Link>
              {s.stakeholder.territory && <span class="place">{localName(s.stakeholder.territory)}</span>}
            </span>
          </li>
        ))}
      </ol>
      <dl class="facts chain-facts">
        <div>
          <dt>{t('finder.service')}</dt>
          <dd>
            <Link href={recordPath('SERVICE', p.service.id)}>{localName(p.service)}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('finder.hopsLabel')}</dt>
          <dd data-fact="hops">{p.hops === 0 ? t('finder.ownService') : fmtNumber(p.hops)}</dd>
        </div>
        <div>
          <dt>{t('finder.distance')}</dt>
          <dd data-fact="distance">{p.local ? t('finder.local') : t('finder.kmValue', { km: fmtNumber(p.distanceKm) })}</dd>
        </div>
        <div>
          <dt>{t('finder.border')}</dt>
          <dd data-fact="border">{border}</dd>
        </div>
        <div>
          <dt>{t('finder.places')}</dt>
          <dd data-fact="places">
            {places({ ...p.service, capacity: p.capacity ?? p.service.capacity })}
            {p.service.availableUpdatedAt && <span class="note"> ({t('finder.countedAt', { at: fmtDateTime(p.service.availableUpdatedAt) })})</span>}
          </dd>
        </div>
      </dl>
      {maySend &&
        (sending ? (
          <SendForm p={p} r={r} groups={groups} close={() => setSending(false)} />
        ) : (
          <p>
            <button type="button" class="send" onClick={() => setSending(true)}>
              {t('finder.send')}
            </button>
          </p>
        ))}
    </li>
  );
}

function Via({ step, prev }: { step: Step; prev: Step }) {
  const from = localName(prev.stakeholder);
  const to = localName(step.stakeholder);
  if (step.viaHidden || !step.via) {
    return (
      <span class="via hidden" data-hidden="true">
        {t('finder.viaHidden', { from, to })}
      </span>
    );
  }
  const v = step.via;
  return (
    <span class="via" data-link={v.id}>
      {t('finder.via', { from, to })}
      <span class="note">
        {' '}
        ({enumLabel('ReferralLinkStatus', v.status)}
        {v.since ? `, ${t('finder.since', { date: fmtDate(v.since) })}` : ''};{' '}
        {v.categories.length ? t('finder.viaFor', { categories: v.categories.map(localName).join(', ') }) : t('finder.viaAll')})
      </span>
    </span>
  );
}

interface Sent {
  id: string;
  caseCode: string;
  status: string;
}

const createMutation = `mutation Send($in: ReferralInput!) { createReferral(input: $in) { id caseCode status } }`;

function SendForm({ p, r, groups, close }: { p: Path; r: Result; groups: Named[]; close: () => void }) {
  const [code, setCode] = useState('');
  const [group, setGroup] = useState(groups.length === 1 ? groups[0].id : '');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const base = `send-${p.provider.id}-${p.service.id}`;

  if (sent) {
    return (
      <div class="notice sent" role="status" data-referral={sent.id}>
        <p>{t('finder.sent', { code: sent.caseCode, provider: localName(p.provider), status: enumLabel('ReferralStatus', sent.status) })}</p>
        <p>
          <Link href="/inbox">{t('finder.toInbox')}</Link>
        </p>
      </div>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const v = code.trim();
    if (!caseCodePattern.test(v)) {
      setProblems([{ field: 'input.caseCode', message: t('finder.problem.caseCode') }]);
      document.getElementById(`${base}-code`)?.focus();
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const d = await gql<{ createReferral: Sent }>(createMutation, {
        in: {
          caseCode: v,
          fromStakeholderId: r.from.id,
          serviceId: p.service.id,
          categoryId: r.category.id,
          targetGroupId: group || null,
          territoryId: r.territory.id,
        },
      });
      setSent(d.createReferral);
    } catch (err) {
      if (err instanceof ApiError && err.problems.length) setProblems(err.problems);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const pf = (field: string) => problems.filter((x) => x.field === field).map((x) => (x.field === 'input.caseCode' ? t('finder.problem.caseCode') : x.message));
  const known = ['input.caseCode', 'input.targetGroupId', 'input.serviceId', 'input.categoryId', 'input.territoryId', 'input.fromStakeholderId'];
  const other = problems.filter((x) => !known.includes(x.field));
  const codeP = pf('input.caseCode');
  const groupP = pf('input.targetGroupId');
  return (
    <form class="send-form" onSubmit={submit} noValidate aria-label={t('finder.sendTitle', { provider: localName(p.provider) })}>
      <h4>{t('finder.sendTitle', { provider: localName(p.provider) })}</h4>
      <p class="muted">{t('finder.sendIntro')}</p>
      <dl class="facts">
        {(
          [
            ['finder.from', localName(r.from), 'input.fromStakeholderId'],
            ['finder.service', localName(p.service), 'input.serviceId'],
            ['finder.category', localName(r.category), 'input.categoryId'],
            ['finder.territory', localName(r.territory), 'input.territoryId'],
          ] as const
        ).map(([label, value, field]) => (
          <div key={field} data-field={field}>
            <dt>{t(label)}</dt>
            <dd>
              {value}
              {pf(field).length > 0 && <span class="field-error"> {pf(field).join(' ')}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <div class="field" data-field="input.caseCode">
        <label for={`${base}-code`}>{t('finder.caseCode')}</label>
        <input
          id={`${base}-code`}
          type="text"
          value={code}
          maxLength={64}
          autoComplete="off"
          spellcheck={false}
          aria-invalid={codeP.length > 0}
          aria-describedby={`${base}-code-hint${codeP.length ? ` ${base}-code-error` : ''}`}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
        />
        <p id={`${base}-code-hint`} class="muted hint">
          {t('finder.caseCodeHint')}
        </p>
        <FieldProblems id={`${base}-code-error`} messages={codeP} />
      </div>
      <div class="field" data-field="input.targetGroupId">
        <label for={`${base}-group`}>{t('finder.group')}</label>
        <select
          id={`${base}-group`}
          value={group}
          aria-invalid={groupP.length > 0}
          aria-describedby={groupP.length ? `${base}-group-error` : undefined}
          onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('finder.noGroup')}</option>
          {byName(groups).map((g) => (
            <option key={g.id} value={g.id}>
              {localName(g)}
            </option>
          ))}
        </select>
        <FieldProblems id={`${base}-group-error`} messages={groupP} />
      </div>
      {other.length > 0 && (
        <ul class="field-error" role="alert">
          {other.map((x) => (
            <li key={x.field + x.message}>
              {x.field}: {x.message}
            </li>
          ))}
        </ul>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      <p class="buttons">
        <button type="submit" disabled={busy}>
          {t('finder.sendSubmit')}
        </button>{' '}
        <button type="button" class="secondary" onClick={close}>
          {t('finder.sendCancel')}
        </button>
      </p>
    </form>
  );
}
