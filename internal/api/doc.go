// Package api is coopgraph's HTTP surface: the GraphQL endpoint (gqlgen with
// explicit transports and a query cache), GraphiQL, the health probes, and
// the middleware every request goes through (request id, body limit,
// deadline, per-request batching and Cypher counting, one log line).
//
// Errors reach clients in one shape, decided here in presentError: a domain
// error keeps its code and message; anything else is INTERNAL, logged with
// the request id, and its text is never shown.
package api
