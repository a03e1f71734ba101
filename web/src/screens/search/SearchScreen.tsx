// Search: one box over the API's full-text `search` (Cyrillic or Latin),
// the results grouped by kind of record, each a link to its record page.
// The text is in the address (/search?q=…), so results can be linked to and
// Back returns to them.
import { useEffect, useState } from 'preact/hooks';
import { useQuery } from '../../api/useQuery';
import { navigate, Link } from '../../app/router';
import { recordPath, recordTypes, type RecordType, type ScreenProps } from '../../app/screens';
import { ErrorMessage, Loading } from '../../components/Status';
import { enumLabel, fmtDate, localName, t, useLang } from '../../i18n/i18n';
import { markReady } from '../../lib/perf';

const searchQuery = `query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    type id name
    node {
      ... on Territory { nameLocal level }
      ... on Stakeholder { nameLocal stakeholderKind: kind territory { name nameLocal } }
      ... on ServiceCategory { nameLocal domain }
      ... on TargetGroup { nameLocal }
      ... on Service { nameLocal serviceStatus: status provider { name nameLocal } }
      ... on CooperationArea { nameLocal }
      ... on Partnership { nameLocal partnershipKind: kind }
      ... on Practice { nameLocal }
      ... on Project { nameLocal acronym }
      ... on Event { nameLocal eventKind: kind startDate }
    }
  }
}`;

interface Ref {
  name: string;
  nameLocal: string | null;
}

interface Hit {
  type: RecordType;
  id: string;
  name: string;
  node: {
    nameLocal?: string | null;
    level?: string;
    stakeholderKind?: string;
    territory?: Ref | null;
    domain?: string;
    serviceStatus?: string;
    provider?: Ref | null;
    partnershipKind?: string;
    acronym?: string | null;
    eventKind?: string;
    startDate?: string;
  };
}

/** detail is the short line beside a hit: its kind, place or provider. */
function detail(h: Hit): string {
  const n = h.node;
  const parts: string[] = [];
  if (n.level) parts.push(enumLabel('TerritoryLevel', n.level));
  if (n.stakeholderKind) parts.push(enumLabel('StakeholderKind', n.stakeholderKind));
  if (n.territory) parts.push(localName(n.territory));
  if (n.domain) parts.push(enumLabel('ServiceDomain', n.domain));
  if (n.serviceStatus) parts.push(enumLabel('ServiceStatus', n.serviceStatus));
  if (n.provider) parts.push(localName(n.provider));
  if (n.partnershipKind) parts.push(enumLabel('PartnershipKind', n.partnershipKind));
  if (n.acronym) parts.push(n.acronym);
  if (n.eventKind) parts.push(enumLabel('EventKind', n.eventKind));
  if (n.startDate) parts.push(fmtDate(n.startDate));
  return parts.join(' · ');
}

export default function SearchScreen({ location }: ScreenProps) {
  useLang();
  const q = (location.query.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const [state, retry] = useQuery<{ search: Hit[] }>(searchQuery, q ? { text: q, first: 50 } : null);

  useEffect(() => {
    if (!q || state.status === 'done') markReady('search');
  }, [q, state.status]);

  const submit = (e: Event) => {
    e.preventDefault();
    const v = text.trim();
    navigate(v ? `/search?q=${encodeURIComponent(v)}` : '/search');
  };

  return (
    <>
      <h1>{t('search.title')}</h1>
      <form role="search" class="search-form" onSubmit={submit}>
        <label for="search-text">{t('search.label')}</label>
        <div class="row">
          <input
            id="search-text"
            type="search"
            name="q"
            value={text}
            maxLength={200}
            autoComplete="off"
            aria-describedby="search-hint"
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
          <button type="submit">{t('search.submit')}</button>
        </div>
        <p id="search-hint" class="muted">
          {t('search.hint')}
        </p>
      </form>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} retry={retry} />}
      {state.status === 'done' && <Results text={q} hits={state.data.search} />}
    </>
  );
}

function Results({ text, hits }: { text: string; hits: Hit[] }) {
  if (hits.length === 0) {
    return (
      <p class="summary" role="status">
        {t('search.noResults', { text })}
      </p>
    );
  }
  // Groups in the schema's order of SearchType, hits in relevance order.
  const groups = (Object.keys(recordTypes) as RecordType[])
    .map((type) => ({ type, hits: hits.filter((h) => h.type === type) }))
    .filter((g) => g.hits.length > 0);
  return (
    <div class="results">
      <p class="summary" role="status">
        {t('search.results', { count: hits.length, text })}
      </p>
      {groups.map((g) => (
        <section key={g.type} class="result-group" data-type={g.type} aria-labelledby={`group-${g.type}`}>
          <h2 id={`group-${g.type}`}>{t('search.group', { type: enumLabel('SearchType', g.type), count: g.hits.length })}</h2>
          <ul>
            {g.hits.map((h) => (
              <li key={h.id}>
                <Link href={recordPath(h.type, h.id)}>{localName({ name: h.name, nameLocal: h.node.nameLocal })}</Link>
                {detail(h) && <span class="note"> — {detail(h)}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
