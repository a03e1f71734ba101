package model

import (
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// MarshalDate writes a domain.Date as "YYYY-MM-DD".
func MarshalDate(d domain.Date) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDate reads "YYYY-MM-DD".
func UnmarshalDate(v any) (domain.Date, error) {
	s, ok := v.(string)
	if !ok {
		return domain.Date{}, domain.Invalid("", "a Date must be a string YYYY-MM-DD, got %T", v)
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		return d, domain.Invalid("", "%v", err)
	}
	return d, nil
}

// MarshalString writes a string, and null for an empty one: the graph
// stores no empty text (an empty optional field is absent), so a nullable
// String field answers null rather than "". Required String fields are
// never empty: validation refuses it.
func MarshalString(s string) graphql.Marshaler {
	if s == "" {
		return graphql.Null
	}
	return graphql.MarshalString(s)
}

// UnmarshalString reads a string as gqlgen does.
func UnmarshalString(v any) (string, error) { return graphql.UnmarshalString(v) }
