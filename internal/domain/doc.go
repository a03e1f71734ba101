// Package domain holds coopgraph's vocabulary: the types of the cooperation
// graph (territories, stakeholders, services, needs, cooperation areas,
// partnerships, referral links, practices, projects and events), their enums
// and the error type every layer speaks.
//
// It imports neither GraphQL nor Neo4j: the store maps nodes onto these types,
// gqlgen binds the GraphQL types to them, and the JSON tags are the field names
// of coopgraph's interchange document (see Document).
package domain
