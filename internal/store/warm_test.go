package store_test

import (
	"context"
	"testing"

	"github.com/coopgraph/coopgraph/internal/testdb"
)

// TestWarm runs the warm-up on the demo data, where every analysis has
// something to run on, and on an empty database, where it says why it did
// nothing.
func TestWarm(t *testing.T) {
	st := testdb.Open(t)
	tests := []struct {
		name        string
		load        func(t *testing.T)
		wantSkipped bool
		minQueries  int64
	}{
		// pick, then per scope level (country, region, district,
		// municipality) 2 × (matrix 3, providers 2, nearby 2), and twice
		// referral 3.
		{"OK demo", func(t *testing.T) { testdb.LoadDemo(t, st) }, false, 1 + 4*2*7 + 2*3},
		{"OK empty", func(t *testing.T) { testdb.Reset(t) }, true, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.load(t)
			w, err := st.Warm(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if (w.Skipped != "") != tc.wantSkipped || w.Queries < tc.minQueries {
				t.Fatalf("warmed %+v, want skipped %v and at least %d queries", w, tc.wantSkipped, tc.minQueries)
			}
			t.Logf("%d queries in %s", w.Queries, w.Duration)
		})
	}
}
