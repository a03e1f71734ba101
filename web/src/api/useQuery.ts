// useQuery runs a GraphQL query when the component mounts and again when
// its variables change (or the language, when the caller passes it in
// deps); a newer run cancels the older one.
import { useEffect, useState } from 'preact/hooks';
import { gql } from './graphql';

export type QueryState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; data: T }
  | { status: 'error'; error: unknown };

export function useQuery<T>(query: string, variables: Record<string, unknown> | null, deps: unknown[] = []): [QueryState<T>, () => void] {
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
    gql<T>(query, variables, { signal: ac.signal }).then(
      (data) => setState({ status: 'done', data }),
      (error) => {
        if ((error as Error).name !== 'AbortError') setState({ status: 'error', error });
      },
    );
    return () => ac.abort();
  }, [query, key, n, ...deps]);
  return [state, () => setN(n + 1)];
}
