// GraphiQL for development mode, bundled with React so it works offline
// (no CDN): served by web.GraphiQL at /graphiql.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';

type Params = { query: string; variables?: unknown; operationName?: string | null };

async function fetcher(params: Params) {
  const resp = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  return resp.json();
}

createRoot(document.getElementById('graphiql')!).render(createElement(GraphiQL, { fetcher }));
