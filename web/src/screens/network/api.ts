// The network explorer's queries and a query hook that waits and retries
// once the rate limit (charged by work: an analysis costs about 21 points)
// refuses a request, so replaying the growth never ends on an error.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql } from '../../api/graphql';
import type { QueryState } from '../../api/useQuery';

export interface Ref {
  id: string;
  name: string;
  nameLocal: string | null;
}

export interface NetNode {
  degree: number;
  community: number;
  stakeholder: Ref & { kind: string; sector: string };
}

export interface NetEdge {
  source: string;
  target: string;
  relation: string;
  weight: number;
}

export interface LabelCount {
  label: string;
  count: number;
}

export interface CommunityInfo {
  id: number;
  size: number;
  members: Ref[];
  kinds: LabelCount[];
  sectors: LabelCount[];
  territories: LabelCount[];
  areas: LabelCount[];
}

export interface Stats {
  nodes: number;
  edges: number;
  density: number;
  components: number;
  largestComponentShare: number;
  averageDegree: number;
  averageClustering: number;
  crossSectorShare: number;
}

export interface NetworkData {
  network: { truncated: boolean; nodes: NetNode[]; edges: NetEdge[] };
  communities: { modularity: number; communities: CommunityInfo[] };
}

const ref = 'id name nameLocal';

export const networkQuery = `query Network($scopeId: ID, $relations: [NetworkRelation!], $asOf: Date, $maxNodes: Int) {
  network(scopeId: $scopeId, relations: $relations, asOf: $asOf, maxNodes: $maxNodes) {
    truncated
    nodes { degree community stakeholder { ${ref} kind sector } }
    edges { source target relation weight }
  }
  communities(scopeId: $scopeId, relations: $relations, asOf: $asOf) {
    modularity
    communities { id size members { ${ref} } kinds { label count } sectors { label count } territories { label count } areas { label count } }
  }
}`;

const statsFields = 'nodes edges density components largestComponentShare averageDegree averageClustering crossSectorShare';

export const statsQuery = `query NetworkStats($scopeId: ID, $relations: [NetworkRelation!], $asOf: Date) {
  networkStats(scopeId: $scopeId, relations: $relations, asOf: $asOf) { ${statsFields} isolated { ${ref} } }
}`;

export const timelineQuery = `query NetworkTimeline($scopeId: ID, $relations: [NetworkRelation!], $from: Date!, $to: Date!) {
  networkTimeline(scopeId: $scopeId, relations: $relations, from: $from, to: $to, interval: QUARTER) { at stats { ${statsFields} } }
}`;

export const centralityQuery = `query Centralities($scopeId: ID, $relations: [NetworkRelation!], $asOf: Date) {
  BETWEENNESS: centrality(scopeId: $scopeId, relations: $relations, asOf: $asOf, measure: BETWEENNESS, first: 500) { nodes sampledSources scores { rank score stakeholder { id } } }
  PAGERANK: centrality(scopeId: $scopeId, relations: $relations, asOf: $asOf, measure: PAGERANK, first: 500) { nodes scores { rank score stakeholder { id } } }
  CLOSENESS: centrality(scopeId: $scopeId, relations: $relations, asOf: $asOf, measure: CLOSENESS, first: 500) { nodes scores { rank score stakeholder { id } } }
}`;

export interface CentralityResult {
  nodes: number;
  sampledSources?: number | null;
  scores: { rank: number; score: number; stakeholder: { id: string } }[];
}
export type Centralities = Record<'BETWEENNESS' | 'PAGERANK' | 'CLOSENESS', CentralityResult>;

export const suggestionsQuery = `query PartnerSuggestions($id: ID!) {
  partnerSuggestions(stakeholderId: $id, first: 8) { score complementary stakeholder { ${ref} } commonNeighbours { ${ref} } }
}`;

export interface Suggestion {
  score: number;
  complementary: boolean;
  stakeholder: Ref;
  commonNeighbours: Ref[];
}

export const connectionQuery = `query Connection($fromId: ID!, $toId: ID!, $relations: [NetworkRelation!]) {
  connection(fromId: $fromId, toId: $toId, relations: $relations, maxHops: 6) { hops stakeholders { ${ref} } }
}`;

export const egoQuery = `query EgoNetwork($id: ID!, $depth: Int, $maxNodes: Int) {
  egoNetwork(stakeholderId: $id, depth: $depth, maxNodes: $maxNodes) {
    truncated
    nodes { degree community stakeholder { ${ref} } }
    edges { source target relation weight }
  }
}`;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const id = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(id);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });

/** ask is gql, waiting and trying again (up to 4 times) when RATE_LIMITED. */
export async function ask<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await gql<T>(query, variables, { signal });
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'RATE_LIMITED' || attempt >= 4) throw e;
      await sleep(1000 * (attempt + 1), signal);
    }
  }
}

/** useAsk is useQuery over ask. */
export function useAsk<T>(query: string, variables: Record<string, unknown> | null): [QueryState<T>, () => void] {
  const [state, setState] = useState<QueryState<T>>(variables ? { status: 'loading' } : { status: 'idle' });
  const [n, setN] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!variables) {
      setState({ status: 'idle' });
      return;
    }
    const ac = new AbortController();
    setState({ status: 'loading' });
    ask<T>(query, variables, ac.signal).then(
      (data) => setState({ status: 'done', data }),
      (error) => {
        if ((error as Error).name !== 'AbortError') setState({ status: 'error', error });
      },
    );
    return () => ac.abort();
  }, [query, key, n]);
  return [state, () => setN(n + 1)];
}
