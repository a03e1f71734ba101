package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// allowList is the allow-list mode: only registered (persisted) operations
// run. A client sends a registered query's text, or only its SHA-256 in
// extensions.persistedQuery.sha256Hash as with automatic persisted
// queries; anything else is refused before it is even parsed, so it runs
// no Cypher.
type allowList struct {
	queries map[string]string // hex SHA-256 of the text → the text
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = allowList{}

func (allowList) ExtensionName() string                          { return "AllowList" }
func (allowList) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l allowList) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query == "" {
		var hash string
		if pq, ok := p.Extensions["persistedQuery"].(map[string]any); ok {
			hash, _ = pq["sha256Hash"].(string)
		}
		q, ok := l.queries[hash]
		if !ok {
			return notRegistered("no registered operation has the SHA-256 in extensions.persistedQuery.sha256Hash")
		}
		p.Query = q
		return nil
	}
	if _, ok := l.queries[queryHash(p.Query)]; !ok {
		return notRegistered("this server runs only registered operations, and this query is not one of them")
	}
	return nil
}

func notRegistered(msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": domain.CodeForbidden}}
}

func queryHash(q string) string {
	sum := sha256.Sum256([]byte(q))
	return hex.EncodeToString(sum[:])
}

// LoadPersistedQueries reads the registered operations of the allow-list
// mode from a JSON file: either an array of query texts, or an object from
// each text's hex SHA-256 to the text (the manifest Relay and other
// clients' build tools write). A hash that is not its text's is an error.
func LoadPersistedQueries(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("persisted queries: %w", err)
	}
	out := map[string]string{}
	var list []string
	if err := json.Unmarshal(b, &list); err == nil {
		for _, q := range list {
			out[queryHash(q)] = q
		}
		return out, nil
	}
	var byHash map[string]string
	if err := json.Unmarshal(b, &byHash); err != nil {
		return nil, fmt.Errorf("persisted queries %s: want a JSON array of queries or an object from SHA-256 to query: %w", path, err)
	}
	for h, q := range byHash {
		if queryHash(q) != h {
			return nil, fmt.Errorf("persisted queries %s: %q is not the SHA-256 of its query", path, h)
		}
		out[h] = q
	}
	return out, nil
}
