package graph

import (
	"testing"

	"github.com/coopgraph/coopgraph/internal/store"
)

// TestFieldKey: the loader key tells apart every limit and parameter value
// a relationship field can have, in any order of the parameters.
func TestFieldKey(t *testing.T) {
	h := store.TerritoryChildren
	for _, tt := range []struct {
		limit  int
		params map[string]any
		want   string
	}{
		{1, nil, "Territory.children/1"},
		{100, map[string]any{"level": nil}, "Territory.children/100;level=<nil>"},
		{100, map[string]any{"level": "MUNICIPALITY"}, "Territory.children/100;level=MUNICIPALITY"},
		{5, map[string]any{"maxKm": 12.5, "level": "ZONE"}, "Territory.children/5;level=ZONE;maxKm=12.5"},
	} {
		if got := fieldKey(h, tt.limit, tt.params); got != tt.want {
			t.Errorf("fieldKey(%d, %v) = %q, want %q", tt.limit, tt.params, got, tt.want)
		}
	}
}
