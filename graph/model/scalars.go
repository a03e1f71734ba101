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
