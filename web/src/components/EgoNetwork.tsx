// The ego-network picture of a stakeholder's page: the stakeholders tied
// to it (egoNetwork, depth 1), drawn by the network explorer's renderer,
// which is loaded only here, with a dynamic import, so the first screen's
// bundle never carries Cytoscape. The same neighbours are listed as links
// (the picture's text alternative, and the keyboard's way). The network
// analyses are for analysts and above: a viewer sees nothing here.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useQuery } from '../api/useQuery';
import { Link, navigate } from '../app/router';
import { recordPath } from '../app/screens';
import { atLeast, useSession } from '../app/session';
import { egoQuery, type NetEdge, type Ref } from '../screens/network/api';
import { enumLabel, fmtNumber, localName, t, useLang } from '../i18n/i18n';
import { ErrorMessage, Loading } from './Status';

interface Ego {
  egoNetwork: { truncated: boolean; nodes: { degree: number; community: number; stakeholder: Ref }[]; edges: NetEdge[] };
}

export function EgoNetwork({ stakeholderId }: { stakeholderId: string }) {
  const s = useSession();
  if (s.state !== 'signedIn' || !atLeast(s.me.role, 'ANALYST')) return null;
  return <EgoPicture stakeholderId={stakeholderId} />;
}

const maxNodes = 60;

function EgoPicture({ stakeholderId }: { stakeholderId: string }) {
  useLang();
  const [state, retry] = useQuery<Ego>(egoQuery, { id: stakeholderId, depth: 1, maxNodes });
  const box = useRef<HTMLDivElement>(null);
  const [drawError, setDrawError] = useState<unknown>(null);
  useEffect(() => {
    if (state.status !== 'done' || !box.current) return;
    let gone = false;
    let destroy = () => {};
    const g = state.data.egoNetwork;
    import('../screens/network/graph').then(
      ({ createGraph }) => {
        if (gone || !box.current) return;
        const view = createGraph(box.current, {
          centre: stakeholderId,
          compact: true,
          onSelect: (id) => id && id !== stakeholderId && navigate(recordPath('STAKEHOLDER', id)),
        });
        destroy = () => view.destroy();
        const maxDeg = Math.max(1, ...g.nodes.map((n) => n.degree));
        view.setData(
          g.nodes.map((n) => ({ id: n.stakeholder.id, label: localName(n.stakeholder), community: n.community, size: n.degree / maxDeg })),
          g.edges,
          true,
        );
      },
      (e) => setDrawError(e),
    );
    return () => {
      gone = true;
      destroy();
    };
  }, [state]);

  const g = state.status === 'done' ? state.data.egoNetwork : null;
  const ties = new Map<string, string[]>();
  for (const e of g?.edges ?? []) {
    const other = e.source === stakeholderId ? e.target : e.target === stakeholderId ? e.source : null;
    if (other) ties.set(other, [...(ties.get(other) ?? []), e.relation]);
  }
  const neighbours = (g?.nodes ?? []).filter((n) => ties.has(n.stakeholder.id));
  return (
    <section class="ego" aria-labelledby="ego-title" data-stakeholder={stakeholderId}>
      <h2 id="ego-title">{t('record.egoNetwork')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} retry={retry} />}
      {drawError !== null && <ErrorMessage error={drawError} />}
      {g && neighbours.length === 0 && <p class="muted">{t('network.egoNone')}</p>}
      {g && neighbours.length > 0 && (
        <>
          <div class="ego-canvas" ref={box} role="img" aria-label={t('network.egoPicture', { count: fmtNumber(neighbours.length) })} />
          <ul class="ego-list">
            {neighbours.map((n) => (
              <li key={n.stakeholder.id} data-stakeholder={n.stakeholder.id}>
                <Link href={recordPath('STAKEHOLDER', n.stakeholder.id)}>{localName(n.stakeholder)}</Link>{' '}
                <span class="note">{ties.get(n.stakeholder.id)!.map((r) => enumLabel('NetworkRelation', r)).join(', ')}</span>
              </li>
            ))}
          </ul>
          {g.truncated && <p class="muted">{t('network.truncated', { count: fmtNumber(maxNodes) })}</p>}
        </>
      )}
      <p>
        <Link href={`/network?focus=${encodeURIComponent(stakeholderId)}`}>{t('network.egoOpen')}</Link>
      </p>
    </section>
  );
}
