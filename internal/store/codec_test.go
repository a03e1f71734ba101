package store

import (
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestCol(t *testing.T) {
	rec := &neo4j.Record{Keys: []string{"id", "n", "none"}, Values: []any{"a", int64(2), nil}}
	t.Run("OK", func(t *testing.T) {
		r := rowOf(rec)
		if id, n, none := col[string](r, "id"), col[int64](r, "n"), col[string](r, "none"); id != "a" || n != 2 || none != "" || r.Err() != nil {
			t.Errorf("got %q %d %q %v", id, n, none, r.Err())
		}
	})
	tests := []struct {
		name string
		read func(r *row)
		want string
	}{
		{"ErrMissing", func(r *row) { col[string](r, "gone") }, `read column "gone": the query returns only [id n none]`},
		{"ErrType", func(r *row) { col[string](r, "n") }, `read column "n": got int64, want string`},
		{"ErrFirstKept", func(r *row) { col[string](r, "n"); col[string](r, "gone") }, `column "n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rowOf(rec)
			tt.read(r)
			if r.Err() == nil || !strings.Contains(r.Err().Error(), tt.want) {
				t.Errorf("got %v, want %q", r.Err(), tt.want)
			}
		})
	}
}
