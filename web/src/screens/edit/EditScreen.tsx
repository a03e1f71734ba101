// The editing forms: /edit/<kind>/<id> and /new/<kind> for stakeholders,
// services, needs and referral links (specs.ts says what each edits).
// - Every problem of the API's extensions.problems is shown next to its field
//   (aria-describedby), in a summary above the form too, and the focus moves
//   to the first one.
// - Updates send the version read (expectedVersion). A CONFLICT says so,
//   shows what is stored now beside what was typed, and offers to reload the
//   stored record while keeping the typed values beside each field.
// - Nothing is lost silently: leaving a changed form (a link, reload, closing
//   the tab) asks first, and the typed values are kept as a draft in the
//   tab's sessionStorage until saved or discarded.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage, gql } from '../../api/graphql';
import { useQuery } from '../../api/useQuery';
import { Link, navigate } from '../../app/router';
import type { ScreenProps } from '../../app/screens';
import { useSession, type Me } from '../../app/session';
import { SignIn } from '../../app/SignIn';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtDateTime, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';
import { lookupQuery, options, type Option } from './lookups';
import { editKinds, mayEdit, type EditKind } from './perm';
import { specs, type FieldSpec, type LookupName, type Spec, type Val, type Values } from './specs';

type R = Record<string, any>;

interface FieldProblem {
  /** field: the form field (input.<name>…), or '' for the record as a whole. */
  field: string;
  path: string;
  message: string;
  /** server: the API's message (English), else the form's own. */
  server: boolean;
}

export default function EditScreen({ id: screenId, params, location }: ScreenProps) {
  useLang();
  const s = useSession();
  const kind = params.type as EditKind;
  if (!editKinds.includes(kind) || s.state !== 'signedIn') {
    return (
      <>
        <h1>{t('app.notFound')}</h1>
        <p>
          <Link href="/search">{t('app.backToSearch')}</Link>
        </p>
      </>
    );
  }
  return <Loader key={`${kind}/${params.id ?? ''}`} screenId={screenId} spec={specs[kind]} id={params.id ?? null} query={location.query} me={s.me} />;
}

function Loader({ screenId, spec, id, query, me }: { screenId: string; spec: Spec; id: string | null; query: URLSearchParams; me: Me }) {
  const [lk, retryLk] = useQuery<R>(lookupQuery(spec.lookups), {});
  const [rec, retryRec] = useQuery<R>(spec.load, id ? spec.loadVars(id, query) : null);
  if (lk.status === 'error') return <ErrorMessage error={lk.error} retry={retryLk} />;
  if (rec.status === 'error') return <ErrorMessage error={rec.error} retry={retryRec} />;
  if (lk.status !== 'done' || (id && rec.status !== 'done')) return <Loading />;
  const record = id && rec.status === 'done' ? spec.pick(rec.data, id) : null;
  if (id && !record) {
    return (
      <>
        <h1>{t(`edit.title.edit.${spec.kind}`)}</h1>
        <p role="status">{t('record.notFound', { id })}</p>
      </>
    );
  }
  const initial = record ? spec.fromRecord(record) : spec.blank(me, query);
  if (!mayEdit(me, spec.kind, spec.owner?.(initial))) return <SignIn why="FORBIDDEN" />;
  const reload = async (): Promise<R | null> => {
    const data = await gql<R>(spec.load, spec.loadVars(id!, query));
    return spec.pick(data, id!);
  };
  return <Form screenId={screenId} spec={spec} id={id} record={record} initial={initial} lookups={lk.data} me={me} reload={reload} />;
}

interface FormProps {
  screenId: string;
  spec: Spec;
  id: string | null;
  record: R | null;
  initial: Values;
  lookups: R;
  me: Me;
  reload: () => Promise<R | null>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const inputPath = (p: string) => p.replace(/^input\./, '');
const fieldName = (p: string) => inputPath(p).split(/[.[]/)[0];
const label = (f: FieldSpec) => t(f.label ?? `edit.field.${f.name}`);

function Form({ screenId, spec, id, record, initial, lookups, me, reload }: FormProps) {
  const isNew = id === null;
  const draftKey = `coopgraph.draft.${spec.kind}.${id ?? 'new'}`;
  const [values, setValues] = useState<Values>(initial);
  const [clean, setClean] = useState<Values>(initial);
  const [base, setBase] = useState<R | null>(record);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<{ stored: R; storedValues: Values; mine: Values } | null>(null);
  const [kept, setKept] = useState<Values | null>(null);
  const [draft, setDraft] = useState<Values | null>(() => {
    try {
      const d = JSON.parse(sessionStorage.getItem(draftKey) ?? 'null');
      return d && !same(d, initial) ? d : null;
    } catch {
      return null;
    }
  });
  const [leaving, setLeaving] = useState<string | null>(null);
  const gone = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  const dirty = !same(values, clean) || kept !== null;
  const fixedOwner = me.role === 'COORDINATOR' ? spec.fixedOwner : undefined;

  // The choices of each picker, with the records the form refers to.
  const opts = useMemo(() => {
    const extra: Record<LookupName, R[]> = { territories: [], serviceCategories: [], targetGroups: [], stakeholders: [], cooperationAreas: [] };
    if (record) {
      extra.territories.push(record.territory, ...(record.coverage ?? []));
      extra.serviceCategories.push(record.category, ...(record.categories ?? []));
      extra.targetGroups.push(record.targetGroup, ...(record.targetGroups ?? []));
      extra.stakeholders.push(record.provider, record.from, record.to);
      extra.cooperationAreas.push(...(record.cooperationAreas ?? []));
    }
    if (me.stakeholder) extra.stakeholders.push(me.stakeholder);
    const out: Partial<Record<LookupName, Option[]>> = {};
    for (const n of spec.lookups) out[n] = options(lookups, n, extra[n].filter(Boolean));
    return out;
  }, [lookups, record]);

  useEffect(() => markReady(screenId), []);

  // The draft: what was typed, kept for the tab until saved or discarded.
  useEffect(() => {
    if (gone.current) return;
    if (!same(values, clean)) sessionStorage.setItem(draftKey, JSON.stringify(values));
    else if (kept) sessionStorage.setItem(draftKey, JSON.stringify(kept));
    else if (!draft) sessionStorage.removeItem(draftKey);
  }, [values, clean, kept]);

  // Leaving a changed form asks first: links inside the app, and the browser's own reload or close.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || a.target || a.origin !== window.location.origin || (a.getAttribute('href') ?? '').startsWith('#')) return;
      if (a.pathname === window.location.pathname && a.search === window.location.search) return;
      e.preventDefault();
      e.stopPropagation();
      setLeaving(a.pathname + a.search);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (leaving && !d.open) d.showModal();
    if (!leaving && d.open) d.close();
  }, [leaving]);

  // The focus goes to the first problem (in the order of the form), else to the summary.
  useEffect(() => {
    if (problems.length === 0) return;
    const first = spec.fields.find((f) => problems.some((p) => p.field === f.name));
    const el = first && document.getElementById(`f-${first.name}`);
    if (el) el.focus();
    else summaryRef.current?.focus();
  }, [problems]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const set = (name: string, v: Val) => setValues((old) => ({ ...old, [name]: v }));

  const clientProblems = (): FieldProblem[] => {
    const out: FieldProblem[] = [];
    const add = (f: FieldSpec, key: string, params?: Record<string, string | number>) =>
      out.push({ field: f.name, path: `input.${f.name}`, message: t(key, params), server: false });
    for (const f of spec.fields) {
      const v = values[f.name];
      if (typeof v !== 'string') continue;
      if (f.max && v.trim().length > f.max) add(f, 'edit.problem.tooLong', { max: f.max });
      if (f.kind === 'int') {
        const x = v.trim();
        if (x === '' && f.required) add(f, 'edit.problem.required');
        else if (x !== '' && !/^-?\d+$/.test(x)) add(f, 'edit.problem.int');
        else if (x !== '' && Math.abs(Number(x)) > 2147483647) add(f, 'edit.problem.intRange');
      }
    }
    return out;
  };

  const leave = (href: string) => {
    gone.current = true;
    sessionStorage.removeItem(draftKey);
    navigate(href);
  };

  const startConflict = async (mine: Values) => {
    const stored = await reload();
    if (!stored) {
      setError(new ApiError('gone', 'NOT_FOUND'));
      return;
    }
    setConflict({ stored, storedValues: spec.fromRecord(stored), mine });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setConflict(null);
    const client = clientProblems();
    if (client.length) {
      setProblems(client);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      if (!isNew && !spec.versioned) {
        // A referral link has no version: compare it with the stored one just before writing.
        const stored = await reload();
        if (!stored) throw new ApiError('gone', 'NOT_FOUND');
        if (!same({ ...spec.fromRecord(stored), source: '' }, { ...spec.fromRecord(base!), source: '' })) {
          setConflict({ stored, storedValues: spec.fromRecord(stored), mine: values });
          return;
        }
      }
      const input = spec.toInput(values, base);
      const vars = isNew ? { input } : spec.versioned ? { id, input, expectedVersion: base!.version } : { id, input };
      const data = await gql<{ saved: R }>(isNew ? spec.create : spec.update, vars);
      leave(spec.after(data.saved, values));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT' && !isNew) {
        try {
          await startConflict(values);
        } catch (e2) {
          setError(e2);
        }
      } else if (err instanceof ApiError && err.problems.length > 0) {
        setProblems(err.problems.map((p) => {
          const name = fieldName(p.field);
          return { field: spec.fields.some((f) => f.name === name) ? name : '', path: p.field, message: p.message, server: true };
        }));
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const reloadStored = () => {
    if (!conflict) return;
    setBase(conflict.stored);
    setValues(conflict.storedValues);
    setClean(conflict.storedValues);
    setKept(conflict.mine);
    setConflict(null);
  };

  const keepMine = () => {
    if (!conflict) return;
    setBase(conflict.stored);
    setClean(conflict.storedValues);
    setConflict(null);
  };

  const display = (f: FieldSpec, v: Val | undefined): string => {
    if (f.kind === 'check') return v ? t('record.yes') : t('edit.no');
    if (f.kind === 'enum') return enumLabel(f.enumName!, v as string);
    const o = f.lookup ? opts[f.lookup] ?? [] : [];
    const name = (x: string) => (o.find((y) => y.value === x)?.label.trim().replace(/^– /, '') ?? x);
    if (Array.isArray(v)) return v.length ? v.map(name).join(', ') : t('edit.empty');
    if (!v) return t('edit.empty');
    return f.kind === 'ref' ? name(String(v)) : String(v);
  };

  const title = t(`edit.title.${isNew ? 'new' : 'edit'}.${spec.kind}`);
  const subject = record ? recordName(spec.kind, record) : null;
  const fieldProblems = (name: string) => problems.filter((p) => p.field === name);
  const general = problems.filter((p) => p.field === '');

  return (
    <section class="edit" data-kind={spec.kind} data-new={isNew ? 'true' : 'false'} aria-labelledby="edit-title">
      <h1 id="edit-title">
        {title}
        {subject && <span class="subject">{subject}</span>}
      </h1>
      {base && spec.versioned && (
        <p class="muted" data-version={base.version}>
          {t('edit.version', { version: base.version, at: fmtDateTime(base.updatedAt), by: base.updatedBy ?? t('edit.unknown') })}
        </p>
      )}

      {draft && (
        <div class="notice" role="status" data-draft>
          <p>{t('edit.draft.text')}</p>
          <button type="button" onClick={() => (setValues(draft), setDraft(null))}>
            {t('edit.draft.restore')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => (sessionStorage.removeItem(draftKey), setDraft(null))}>
            {t('edit.draft.discard')}
          </button>
        </div>
      )}

      {conflict && (
        <div class="error conflict" role="alert" tabIndex={-1} ref={conflictRef} data-conflict>
          <h2>{t('edit.conflict.title')}</h2>
          <p>
            {spec.versioned
              ? t('edit.conflict.text', { version: conflict.stored.version, at: fmtDateTime(conflict.stored.updatedAt), by: conflict.stored.updatedBy ?? t('edit.unknown') })
              : t('edit.conflict.textLink')}
          </p>
          <table>
            <caption>{t('edit.conflict.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('edit.conflict.field')}</th>
                <th scope="col">{t('edit.conflict.mine')}</th>
                <th scope="col">{t('edit.conflict.stored')}</th>
              </tr>
            </thead>
            <tbody>
              {spec.fields
                .filter((f) => !same(conflict.mine[f.name], conflict.storedValues[f.name]) && !(f.name === 'source' && !spec.versioned))
                .map((f) => (
                  <tr key={f.name} data-field={f.name}>
                    <th scope="row">{label(f)}</th>
                    <td data-mine>{display(f, conflict.mine[f.name])}</td>
                    <td data-stored>{display(f, conflict.storedValues[f.name])}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <p>
            <button type="button" onClick={reloadStored} data-reload>
              {t('edit.conflict.reload')}
            </button>{' '}
            <button type="button" class="secondary" onClick={keepMine} data-keep>
              {t('edit.conflict.keepMine')}
            </button>
          </p>
        </div>
      )}

      {kept && (
        <div class="notice" role="status" data-kept>
          <p>{t('edit.kept.text')}</p>
          <button type="button" onClick={() => (setValues({ ...values, ...kept }), setKept(null))}>
            {t('edit.kept.useAll')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setKept(null)}>
            {t('edit.kept.forget')}
          </button>
        </div>
      )}

      {(problems.length > 0 || error !== null) && (
        <div class="error" role="alert" tabIndex={-1} ref={summaryRef} data-problems={problems.length}>
          {error !== null && <ErrorBody error={error} />}
          {problems.length > 0 && (
            <>
              <p>{t('edit.problems', { count: problems.length })}</p>
              <ul>
                {problems.map((p, i) => {
                  const f = spec.fields.find((x) => x.name === p.field);
                  return (
                    <li key={i}>
                      {f ? <a href={`#f-${f.name}`} onClick={(e) => (e.preventDefault(), document.getElementById(`f-${f.name}`)?.focus())}>{label(f)}</a> : <code>{inputPath(p.path)}</code>}
                      {': '}
                      <ProblemText p={p} />
                    </li>
                  );
                })}
              </ul>
              {general.length > 0 && <p class="muted">{t('edit.problems.general')}</p>}
            </>
          )}
        </div>
      )}

      <form onSubmit={save} noValidate>
        {spec.fields.map((f) => (
          <Field
            key={f.name}
            f={f}
            value={values[f.name]}
            set={(v) => set(f.name, v)}
            options={f.lookup ? opts[f.lookup] ?? [] : []}
            problems={fieldProblems(f.name)}
            fixed={f.name === fixedOwner}
            kept={kept && !same(kept[f.name], values[f.name]) ? { text: display(f, kept[f.name]), use: () => set(f.name, kept[f.name]) } : null}
            extraHint={f.name === 'source' && !isNew && !spec.versioned ? 'edit.hint.linkSourceUnknown' : undefined}
          />
        ))}
        <div class="actions">
          <button type="submit" disabled={busy} data-save>
            {busy ? t('edit.saving') : t('edit.save')}
          </button>
          <Link href={spec.cancel(values, id)} class="button secondary">
            {t('edit.cancel')}
          </Link>
          {dirty && <span class="muted" role="status">{t('edit.unsaved')}</span>}
        </div>
      </form>

      <dialog ref={dialogRef} aria-labelledby="leave-title" onClose={() => setLeaving(null)} data-leave>
        <h2 id="leave-title">{t('edit.leave.title')}</h2>
        <p>{t('edit.leave.text')}</p>
        <div class="actions">
          <button type="button" onClick={() => setLeaving(null)} data-stay>
            {t('edit.leave.stay')}
          </button>
          <button type="button" class="secondary" onClick={() => leaving && leave(leaving)} data-go>
            {t('edit.leave.go')}
          </button>
        </div>
      </dialog>
    </section>
  );
}

function ErrorBody({ error }: { error: unknown }) {
  // A refusal without problems (e.g. an argument the API names): its message too.
  const detail = error instanceof ApiError && error.code === 'BAD_USER_INPUT' ? error.message : null;
  return (
    <>
      <p>{errorMessage(error)}</p>
      {detail && <p lang="en">{detail}</p>}
      {error instanceof ApiError && error.requestId && <p class="muted">{t('error.requestId', { id: error.requestId })}</p>}
    </>
  );
}

function ProblemText({ p }: { p: FieldProblem }) {
  if (!p.server) return <span>{p.message}</span>;
  return (
    <span>
      {t('edit.problem.server')} <span lang="en">{p.message}</span>
    </span>
  );
}

function recordName(kind: EditKind, r: R): string {
  if (kind === 'need') return [r.category && localName(r.category), r.targetGroup && localName(r.targetGroup), r.territory && localName(r.territory)].filter(Boolean).join(' · ');
  if (kind === 'referral-link') return `${localName(r.from)} → ${localName(r.to)}`;
  return localName(r as any);
}

interface FieldProps {
  f: FieldSpec;
  value: Val | undefined;
  set: (v: Val) => void;
  options: Option[];
  problems: FieldProblem[];
  fixed: boolean;
  kept: { text: string; use: () => void } | null;
  extraHint?: string;
}

function Field({ f, value, set, options, problems, fixed, kept, extraHint }: FieldProps) {
  const id = `f-${f.name}`;
  const hintId = f.hint || extraHint ? `${id}-hint` : null;
  const problemId = problems.length ? `${id}-problem` : null;
  const keptId = kept ? `${id}-kept` : null;
  const describedBy = [problemId, keptId, hintId].filter(Boolean).join(' ') || undefined;
  const invalid = problems.length ? 'true' : undefined;
  const str = typeof value === 'string' ? value : '';
  const arr = Array.isArray(value) ? value : [];
  const req = f.required ? <span class="req"> {t('edit.required')}</span> : null;

  const after = (
    <>
      {problemId && (
        <p id={problemId} class="field-error">
          {problems.map((p, i) => (
            <span key={i} class="problem">
              <ProblemText p={p} />{' '}
            </span>
          ))}
        </p>
      )}
      {kept && (
        <p id={keptId!} class="kept">
          {t('edit.kept.yours', { value: kept.text })}{' '}
          <button type="button" class="small secondary" onClick={kept.use}>
            {t('edit.kept.use')}
          </button>
        </p>
      )}
      {hintId && (
        <p id={hintId} class="hint muted">
          {[f.hint, extraHint].filter(Boolean).map((h) => t(h!)).join(' ')}
        </p>
      )}
    </>
  );

  let control;
  switch (f.kind) {
    case 'check':
      return (
        <div class="field check" data-field={f.name}>
          <input id={id} type="checkbox" checked={value === true} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set((e.target as HTMLInputElement).checked)} />
          <label for={id}>{label(f)}</label>
          {after}
        </div>
      );
    case 'checks':
      return (
        <fieldset class="field checks" data-field={f.name} aria-describedby={describedBy} aria-invalid={invalid}>
          <legend>
            {label(f)}
            {req}
          </legend>
          <div class="choices">
            {options.map((o, i) => (
              <label key={o.value} class="choice">
                <input
                  id={i === 0 ? id : undefined}
                  type="checkbox"
                  value={o.value}
                  checked={arr.includes(o.value)}
                  onChange={(e) => set((e.target as HTMLInputElement).checked ? [...arr, o.value] : arr.filter((x) => x !== o.value))}
                />{' '}
                {o.label.trim()}
              </label>
            ))}
          </div>
          {after}
        </fieldset>
      );
    case 'picks':
      return <Picks f={f} id={id} arr={arr} set={set} options={options} describedBy={describedBy} invalid={invalid} req={req} after={after} />;
    case 'enum':
      control = (
        <select id={id} value={str} aria-required={f.required ? 'true' : undefined} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set((e.target as HTMLSelectElement).value)}>
          {f.enumValues!.map((v) => (
            <option key={v} value={v}>
              {enumLabel(f.enumName!, v)}
            </option>
          ))}
        </select>
      );
      break;
    case 'ref':
      if (fixed) {
        const o = options.find((x) => x.value === str);
        control = <input id={id} type="text" readOnly value={o ? o.label.trim() : str} aria-describedby={describedBy} data-fixed />;
        break;
      }
      control = (
        <select id={id} value={str} aria-required={f.required ? 'true' : undefined} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set((e.target as HTMLSelectElement).value)}>
          <option value="">{t('edit.choose')}</option>
          {groups(options).map(([g, os]) =>
            g ? (
              <optgroup key={g} label={g}>
                {os.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : (
              os.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))
            ),
          )}
        </select>
      );
      break;
    case 'textarea':
      control = <textarea id={id} rows={4} maxLength={f.max} value={str} aria-describedby={describedBy} aria-invalid={invalid} onInput={(e) => set((e.target as HTMLTextAreaElement).value)} />;
      break;
    case 'date':
      control = <input id={id} type="date" value={str} aria-describedby={describedBy} aria-invalid={invalid} onInput={(e) => set((e.target as HTMLInputElement).value)} />;
      break;
    default:
      control = (
        <input
          id={id}
          type="text"
          inputMode={f.kind === 'int' ? 'numeric' : undefined}
          maxLength={f.max}
          value={str}
          aria-required={f.required ? 'true' : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          autoComplete="off"
          onInput={(e) => set((e.target as HTMLInputElement).value)}
        />
      );
  }
  return (
    <div class={`field ${f.kind}`} data-field={f.name}>
      <label for={id}>
        {label(f)}
        {req}
      </label>
      {control}
      {after}
    </div>
  );
}

function groups(options: Option[]): [string, Option[]][] {
  const out: [string, Option[]][] = [];
  for (const o of options) {
    const g = o.group ?? '';
    if (out.length && out[out.length - 1][0] === g) out[out.length - 1][1].push(o);
    else out.push([g, [o]]);
  }
  return out;
}

interface PicksProps {
  f: FieldSpec;
  id: string;
  arr: string[];
  set: (v: Val) => void;
  options: Option[];
  describedBy?: string;
  invalid?: 'true';
  req: unknown;
  after: unknown;
}

/** Picks: a list of chosen records (each with a Remove button) and a picker to add one. */
function Picks({ f, id, arr, set, options, describedBy, invalid, req, after }: PicksProps) {
  const [pick, setPick] = useState('');
  const name = (v: string) => options.find((o) => o.value === v)?.label.trim() ?? v;
  const left = options.filter((o) => !arr.includes(o.value));
  return (
    <fieldset class="field picks" data-field={f.name} aria-describedby={describedBy} aria-invalid={invalid}>
      <legend>
        {label(f)}
        {req as any}
      </legend>
      {arr.length === 0 ? (
        <p class="muted">{t('edit.empty')}</p>
      ) : (
        <ul class="picked">
          {arr.map((v) => (
            <li key={v} data-value={v}>
              {name(v)}{' '}
              <button type="button" class="small secondary" aria-label={t('edit.removeItem', { name: name(v) })} onClick={() => set(arr.filter((x) => x !== v))}>
                {t('edit.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="add">
        <label for={id}>{t('edit.addTo', { field: label(f) })}</label>
        <select id={id} value={pick} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setPick((e.target as HTMLSelectElement).value)}>
          <option value="">{t('edit.choose')}</option>
          {groups(left).map(([g, os]) => (
            <optgroup key={g || 'all'} label={g || t('edit.all')}>
              {os.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>{' '}
        <button type="button" class="secondary" disabled={!pick} onClick={() => (set([...arr, pick]), setPick(''))}>
          {t('edit.add')}
        </button>
      </div>
      {after as any}
    </fieldset>
  );
}

