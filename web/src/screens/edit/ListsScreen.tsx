// Two lists for editing what has no record page of its own: the referral
// links of a stakeholder (/referral-links/<stakeholder>: change, remove, add)
// and the needs of a territory (/needs/<territory>: change, add).
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../../api/graphql';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { recordPath, type ScreenProps } from '../../app/screens';
import { useSession } from '../../app/session';
import { SignIn } from '../../app/SignIn';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtDate, fmtNumber, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';
import { editPath, isEditor, mayEditLinksFrom, newPath } from './perm';

type R = Record<string, any>;
const ref = 'id name nameLocal';

const linksQuery = `query EditLinks($id: ID!) { stakeholder(id: $id) { ${ref}
  referralsOut { id status since to { ${ref} } categories { ${ref} } }
  referralsIn { id status since from { ${ref} } categories { ${ref} } } } }`;

const needsQuery = `query EditNeeds($id: ID!) { territory(id: $id) { ${ref} level
  needs { id volume priority year category { ${ref} } targetGroup { ${ref} } } } }`;

export default function ListsScreen({ id: screenId, params }: ScreenProps) {
  useLang();
  const s = useSession();
  if (s.state !== 'signedIn') return null;
  return screenId === 'links' ? <Links id={params.id} /> : <Needs id={params.id} />;
}

const cats = (l: R) => (l.categories.length ? (l.categories as R[]).map((c) => localName(c as any)).join(', ') : t('edit.links.allCategories'));

function Links({ id }: { id: string }) {
  const s = useSession();
  const me = s.state === 'signedIn' ? s.me : null;
  const [state, retry] = useQuery<{ stakeholder: R | null }>(linksQuery, { id });
  const [removing, setRemoving] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (state.status === 'done') markReady('links');
  }, [state.status]);
  useEffect(() => {
    const d = dialogRef.current;
    if (d && removing && !d.open) d.showModal();
    if (d && !removing && d.open) d.close();
  }, [removing]);
  if (!me) return null;
  if (!mayEditLinksFrom(me, id)) return <SignIn why="FORBIDDEN" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} retry={retry} />;
  if (state.status !== 'done') return <Loading />;
  const st = state.data.stakeholder;
  if (!st) return <p role="status">{t('record.notFound', { id })}</p>;

  const remove = async () => {
    const l = removing!;
    setRemoving(null);
    setError(null);
    try {
      await gql(`mutation RemoveReferralLink($id: ID!) { removeReferralLink(id: $id) { deleted { type id } } }`, { id: l.id });
      setDone(t('edit.links.removed', { name: localName(l.to) }));
      retry();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section class="edit-list" aria-labelledby="links-title">
      <h1 id="links-title">
        {t('edit.links.title')}
        <span class="subject">
          <Link href={recordPath('STAKEHOLDER', st.id)}>{localName(st as any)}</Link>
        </span>
      </h1>
      <p>
        <Link class="button" href={newPath('referral-link', { from: st.id })} data-edit="new-link">
          {t('edit.action.newLink')}
        </Link>
      </p>
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <h2>{t('record.referralsOut')}</h2>
      <LinkTable
        rows={st.referralsOut}
        other={(l) => l.to}
        actions={(l) => (
          <>
            <Link href={editPath('referral-link', l.id, { from: st.id })} aria-label={t('edit.links.editOne', { name: localName(l.to) })}>
              {t('edit.action.edit')}
            </Link>{' '}
            <button type="button" class="small secondary" aria-label={t('edit.links.removeOne', { name: localName(l.to) })} onClick={() => setRemoving(l)}>
              {t('edit.remove')}
            </button>
          </>
        )}
      />
      <h2>{t('record.referralsIn')}</h2>
      <LinkTable
        rows={st.referralsIn}
        other={(l) => l.from}
        actions={(l) =>
          isEditor(me) ? (
            <Link href={editPath('referral-link', l.id, { from: l.from.id })} aria-label={t('edit.links.editOne', { name: localName(l.from) })}>
              {t('edit.action.edit')}
            </Link>
          ) : null
        }
      />
      <dialog ref={dialogRef} aria-labelledby="remove-title" onClose={() => setRemoving(null)}>
        <h2 id="remove-title">{t('edit.links.removeTitle')}</h2>
        <p>{removing && t('edit.links.removeText', { name: localName(removing.to) })}</p>
        <div class="actions">
          <button type="button" onClick={() => setRemoving(null)}>
            {t('edit.cancel')}
          </button>
          <button type="button" class="danger" onClick={remove} data-confirm-remove>
            {t('edit.remove')}
          </button>
        </div>
      </dialog>
    </section>
  );
}

function LinkTable({ rows, other, actions }: { rows: R[]; other: (l: R) => R; actions: (l: R) => unknown }) {
  if (rows.length === 0) return <p class="muted">{t('record.none')}</p>;
  return (
    <table class="list">
      <thead>
        <tr>
          <th scope="col">{t('edit.links.other')}</th>
          <th scope="col">{t('edit.field.categoryIds')}</th>
          <th scope="col">{t('edit.field.status')}</th>
          <th scope="col">{t('edit.field.since')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('edit.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((l) => (
          <tr key={l.id} data-link={l.id}>
            <td>
              <Link href={recordPath('STAKEHOLDER', other(l).id)}>{localName(other(l) as any)}</Link>
            </td>
            <td>{cats(l)}</td>
            <td>{enumLabel('ReferralLinkStatus', l.status)}</td>
            <td>{fmtDate(l.since)}</td>
            <td>{actions(l) as any}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Needs({ id }: { id: string }) {
  const s = useSession();
  const me = s.state === 'signedIn' ? s.me : null;
  const [state, retry] = useQuery<{ territory: R | null }>(needsQuery, { id });
  useEffect(() => {
    if (state.status === 'done') markReady('needs');
  }, [state.status]);
  if (!me) return null;
  if (!isEditor(me)) return <SignIn why="FORBIDDEN" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} retry={retry} />;
  if (state.status !== 'done') return <Loading />;
  const tr = state.data.territory;
  if (!tr) return <p role="status">{t('record.notFound', { id })}</p>;
  return (
    <section class="edit-list" aria-labelledby="needs-title">
      <h1 id="needs-title">
        {t('edit.needs.title')}
        <span class="subject">
          <Link href={recordPath('TERRITORY', tr.id)}>{localName(tr as any)}</Link>
        </span>
      </h1>
      <p>
        <Link class="button" href={newPath('need', { territory: tr.id })} data-edit="new-need">
          {t('edit.action.newNeed')}
        </Link>
      </p>
      {tr.needs.length === 0 ? (
        <p class="muted">{t('record.none')}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t('edit.field.categoryId')}</th>
              <th scope="col">{t('edit.field.targetGroupId')}</th>
              <th scope="col">{t('edit.field.volume')}</th>
              <th scope="col">{t('edit.field.priority')}</th>
              <th scope="col">{t('edit.field.year')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('edit.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(tr.needs as R[]).map((n) => (
              <tr key={n.id} data-need={n.id}>
                <td>{n.category && localName(n.category)}</td>
                <td>{n.targetGroup && localName(n.targetGroup)}</td>
                <td class="num">{fmtNumber(n.volume)}</td>
                <td>{enumLabel('Priority', n.priority)}</td>
                <td>{n.year}</td>
                <td>
                  <Link href={editPath('need', n.id)} aria-label={t('edit.needs.editOne', { name: [n.category && localName(n.category), n.targetGroup && localName(n.targetGroup)].filter(Boolean).join(', ') })}>
                    {t('edit.action.edit')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

