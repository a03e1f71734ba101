// Package store keeps the cooperation graph in Neo4j: it opens the driver,
// applies the migrations, and keeps the Cypher, the decoding of records and
// the classification of the driver's errors. It implements the Source
// interfaces of the use cases (matrix, referral, cooperation, network) and
// answers the read API's lists, relationship hops and searches and the
// writes, each with Cypher that lives next to the Go that runs it.
//
// Every query goes through Store.read or Store.write, every transaction of
// several through Store.transact: they wait for one of the request's slots
// (LimitConcurrency), count round trips per request (CountQueries), run
// reads in read transactions and writes in write transactions (so a
// neo4j:// routing driver can send reads to followers), bound each query by
// the request's deadline and turn driver errors into domain errors.
// Columns are read by name (col), never by position.
//
// The files group by concern: plumbing (store.go, limit.go, codec.go,
// migrate.go, access.go: the role rules in Cypher, ...), read_*.go (lists,
// hops, records, search, export pages), write_*.go (one write path, apply,
// with its checks, single-record writes, edits, deletes, referral links and
// the import's transaction batches), analysis_*.go (the use cases' graph
// work) and referral_cases.go (closed-loop referrals).
//
// The graph model — labels, relationship types and their properties — is
// described in model.go.
package store
