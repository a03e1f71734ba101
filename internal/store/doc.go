// Package store keeps the cooperation graph in Neo4j: it opens the driver,
// applies the migrations, loads documents, and answers the read API's lists,
// relationship hops and searches, each with Cypher that lives next to the Go
// that runs it.
//
// Every query goes through Store.read or Store.write, which count round trips
// per request (see CountQueries), run reads in read transactions and writes in
// write transactions (so a neo4j:// routing driver can send reads to
// followers), bound each query by the request's deadline and turn driver
// errors into domain errors.
//
// The graph model — labels, relationship types and their properties — is
// described in model.go.
package store
