// The peer of make bench-peer: @neo4j/graphql 7 on Apollo Server's standalone
// HTTP server, over the same Neo4j labels and relationship types as coopgraph
// (internal/store/read_related.go, the Hop definitions), mapping only what
// the five queries of bench/peer/queries need.
//
//   NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD   the database (as for coopgraph)
//   PORT                                    GraphQL at http://127.0.0.1:PORT/
//   METRICS_PORT                            GET http://127.0.0.1:METRICS_PORT/ answers
//                                           {"statements": N}: the Cypher statements
//                                           run so far (every tx.run of every session)
import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

// The label of a search hit as coopgraph's SearchType enum.
const searchTypes = `{Territory: 'TERRITORY', Stakeholder: 'STAKEHOLDER', ServiceCategory: 'SERVICE_CATEGORY',
  TargetGroup: 'TARGET_GROUP', Service: 'SERVICE', CooperationArea: 'COOPERATION_AREA',
  Partnership: 'PARTNERSHIP', Practice: 'PRACTICE', Project: 'PROJECT', Event: 'EVENT'}`;

const typeDefs = /* GraphQL */ `
  type Territory @node {
    id: ID!
    name: String!
    level: String!
    "The administrative parent or a planning zone (PART_OF); used in filters only."
    parent: Territory @relationship(type: "PART_OF", direction: OUT)
    "(:Stakeholder)-[:LOCATED_IN]->(:Territory)"
    stakeholders: [Stakeholder!]! @relationship(type: "LOCATED_IN", direction: IN)
  }

  type Stakeholder @node {
    id: ID!
    name: String!
    territory: Territory @relationship(type: "LOCATED_IN", direction: OUT)
    "(:Stakeholder)-[:PROVIDES]->(:Service)"
    services: [Service!]! @relationship(type: "PROVIDES", direction: OUT)
  }

  type Service @node {
    id: ID!
    name: String!
    provider: Stakeholder @relationship(type: "PROVIDES", direction: IN)
  }

  "One hit of coopgraph's search: not a node, built by the @cypher field."
  type SearchHit {
    type: String!
    id: ID!
    name: String!
    score: Float!
  }

  type Query {
    """
    Stakeholders located in the territory or any territory PART_OF it at any
    depth, by name. @neo4j/graphql's filters have no variable-length paths,
    so this is a @cypher field (walking down from the territory, as
    coopgraph's territoryId filter does).
    """
    stakeholdersInside(territoryId: ID!, first: Int!): [Stakeholder!]!
      @cypher(
        statement: """
        MATCH (:Territory {id: $territoryId})<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(s:Stakeholder)
        WITH DISTINCT s
        ORDER BY s.name, s.id
        LIMIT $first
        RETURN s
        """
        columnName: "s"
      )

    """
    coopgraph's search: the full-text index coopgraph_text over every named
    label, each word as a word (boosted) or a word prefix, best first, ties
    by id. @neo4j/graphql's @fulltext works per type, and this index spans
    ten labels, so this is a @cypher field.
    """
    search(text: String!, first: Int!): [SearchHit!]!
      @cypher(
        statement: """
        WITH reduce(q = '', w IN split(toLower($text), ' ') | q + CASE q WHEN '' THEN '' ELSE ' AND ' END + '(' + w + '^2 OR ' + w + '*)') AS q
        CALL db.index.fulltext.queryNodes('coopgraph_text', q) YIELD node, score
        WITH node, score, ${searchTypes} AS types
        WITH node, score, types[[l IN labels(node) WHERE l IN keys(types)][0]] AS type
        WHERE type IS NOT NULL
        WITH node, score, type ORDER BY score DESC, node.id LIMIT $first
        RETURN {type: type, id: node.id, name: node.name, score: score} AS hit
        """
        columnName: "hit"
      )
  }
`;

// statements counts every Cypher statement the library runs: it opens a
// session per request and runs its statement in executeRead/executeWrite
// (or, for other paths, session.run), so each of those is wrapped.
let statements = 0;

function countingTx(tx) {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop === "run" && typeof v === "function") {
        return (...args) => {
          statements++;
          return v.apply(target, args);
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

function countingSession(session) {
  return new Proxy(session, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if ((prop === "executeRead" || prop === "executeWrite") && typeof v === "function") {
        return (work, config) => v.call(target, (tx) => work(countingTx(tx)), config);
      }
      if (prop === "beginTransaction" && typeof v === "function") {
        return (...args) => countingTx(v.apply(target, args));
      }
      if (prop === "run" && typeof v === "function") {
        return (...args) => {
          statements++;
          return v.apply(target, args);
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

function countingDriver(driver) {
  return new Proxy(driver, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop === "session" && typeof v === "function") {
        return (...args) => countingSession(v.apply(target, args));
      }
      if (prop === "executeQuery" && typeof v === "function") {
        return (...args) => {
          statements++;
          return v.apply(target, args);
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

const env = (name, def) => {
  const v = process.env[name] ?? def;
  if (v === undefined) {
    console.error(`peer: ${name} is not set`);
    process.exit(2);
  }
  return v;
};

const driver = neo4j.driver(
  env("NEO4J_URI"),
  neo4j.auth.basic(env("NEO4J_USER", "neo4j"), env("NEO4J_PASSWORD", "")),
);
await driver.verifyConnectivity();

const neoSchema = new Neo4jGraphQL({ typeDefs, driver: countingDriver(driver) });
const server = new ApolloServer({ schema: await neoSchema.getSchema() });
const port = Number(env("PORT", "4000"));
const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port } });

const metricsPort = Number(env("METRICS_PORT", String(port + 1)));
http
  .createServer((req, res) => {
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ statements }));
  })
  .listen(metricsPort, "127.0.0.1");

console.log(`peer: GraphQL at ${url}, statement counter at http://127.0.0.1:${metricsPort}/`);

const stop = async () => {
  await server.stop();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
