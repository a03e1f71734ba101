package api_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestConcurrentUpdatesOneWins: 50 updateStakeholder calls at once, all
// with the same expectedVersion: exactly one succeeds, the others get
// CONFLICT, and the stored record is the winner's input.
func TestConcurrentUpdatesOneWins(t *testing.T) {
	st, h := demoHandler(t)
	const update = `mutation($id: ID!, $v: Int!, $name: String!) {
  updateStakeholder(id: $id, expectedVersion: $v, input: {name: $name, kind: NGO, sector: NON_PROFIT, territoryId: "tr-pazardzhik"}) { name version }
}`
	const n = 50
	var wg sync.WaitGroup
	results := make([]response, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = post(t, h, st, update, map[string]any{"id": "st-naso", "v": 1, "name": fmt.Sprintf("NASO writer %02d", i)})
		}()
	}
	wg.Wait()

	winner := -1
	conflicts := 0
	for i, r := range results {
		switch {
		case len(r.Errors) == 0:
			if winner >= 0 {
				t.Fatalf("two updates won: %d and %d", winner, i)
			}
			winner = i
		case r.Errors[0].code() == domain.CodeConflict:
			conflicts++
			if v, _ := r.Errors[0].Extensions["currentVersion"].(float64); v != 2 {
				t.Errorf("conflict %d reports currentVersion %v, want 2", i, r.Errors[0].Extensions["currentVersion"])
			}
		default:
			t.Errorf("update %d: %+v", i, r.Errors)
		}
	}
	if winner < 0 || conflicts != n-1 {
		t.Fatalf("winner %d, %d conflicts; want exactly one winner and %d conflicts", winner, conflicts, n-1)
	}
	var out struct {
		Stakeholder struct {
			Name    string
			Version int
		}
	}
	ok(t, h, st, `{ stakeholder(id: "st-naso") { name version } }`, nil, &out)
	if want := fmt.Sprintf("NASO writer %02d", winner); out.Stakeholder.Name != want || out.Stakeholder.Version != 2 {
		t.Errorf("stored %+v, want the winner's %q at version 2", out.Stakeholder, want)
	}
}
