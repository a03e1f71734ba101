// GraphiQL for development mode, bundled with React so it works offline
// (no CDN): served by web.GraphiQL at /graphiql.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { buildClientSchema, type IntrospectionQuery } from 'graphql';
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

// GraphiQL's own introspection query nests TypeRef nine levels deep, past
// the API's depth limit (COOPGRAPH_MAX_DEPTH, 12 with the leaves): this one
// goes four levels, enough for the schema's deepest type ([X!]!).
const typeRef = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const introspection = `query IntrospectionQuery { __schema {
  description queryType { name } mutationType { name } subscriptionType { name }
  types { kind name description specifiedByURL
    fields(includeDeprecated: true) { name description isDeprecated deprecationReason
      args(includeDeprecated: true) { name description defaultValue isDeprecated deprecationReason type { ${typeRef} } }
      type { ${typeRef} } }
    inputFields(includeDeprecated: true) { name description defaultValue isDeprecated deprecationReason type { ${typeRef} } }
    interfaces { ${typeRef} }
    enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
    possibleTypes { ${typeRef} } }
  directives { name description isRepeatable locations args(includeDeprecated: true) { name description defaultValue type { ${typeRef} } } } } }`;

const root = createRoot(document.getElementById('graphiql')!);
fetcher({ query: introspection, operationName: 'IntrospectionQuery' }).then((r: { data?: IntrospectionQuery; errors?: { message: string }[] }) => {
  const schema = r.data ? buildClientSchema(r.data) : undefined;
  if (!schema) console.warn('coopgraph: introspection failed', r.errors);
  root.render(createElement(GraphiQL, { fetcher, schema }));
});
