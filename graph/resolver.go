package graph

import (
	"github.com/coopgraph/coopgraph/internal/network"
	"github.com/coopgraph/coopgraph/internal/store"
)

//go:generate go tool gqlgen generate

// Resolver is the root of the resolvers: the one place where their
// dependencies are wired.
type Resolver struct {
	Store *store.Store
	// Networks answers the network analyses from cached projections.
	Networks *network.Networks
	// Batched turns the compiled reads off: whole records, and every
	// relationship field loaded by its resolver per level (see
	// compile.go). For comparisons in tests and benchmarks.
	Batched bool
}
