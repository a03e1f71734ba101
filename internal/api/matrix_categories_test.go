package api_test

import (
	"context"
	"testing"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// TestMatrixSeveralCategories: the hand-made graph (matrix_test.go) plus v8,
// 7 places for g1 in Beta, in Home care (k1a), Day care (k1b) and Health
// (k2). Against the first case of TestSupplyDemandMatrix (the district by
// municipality, columns Care, Health, Rehabilitation): v8 is in Care once,
// though in two of its sub-categories, and in Health; once in Beta's total
// and once in the scope's.
//
//	Beta × Care     {12, 30+7 = 37, 0}     Beta × Health {3, 5+7 = 12, 0}
//	Beta's total    {30, 35+7 = 42, 0}
//	Care's total    {88, 44+7 = 51, 37}    Health's total {12, 13+7 = 20, 0}
//	scope           {115, 57+7 = 64, 51}
func TestMatrixSeveralCategories(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	capacity := int64(7)
	doc := &domain.Document{Format: domain.DocumentFormat, Services: []domain.ServiceRecord{{
		Service: domain.Service{Meta: domain.Meta{ID: "v8", Illustrative: true}, Name: "Care and health at home",
			Status: "ACTIVE", DeliveryMode: "OUTREACH", Capacity: &capacity},
		ProviderID: "p2", CategoryIDs: []string{"k1a", "k1b", "k2"}, TargetGroupIDs: []string{"g1"}, CoverageIDs: []string{"t-m2"}}}}
	if _, err := st.Write(auth.WithActor(context.Background(), "test"), doc, store.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	h := newHandler(st)
	checkMatrix(t, h, st, map[string]any{"scope": "t-d1"}, []string{"t-m1", "t-m2", "t-m3"}, []string{"k1", "k2", "k3"},
		map[string]figures{
			"t-m1/k1": {26, 44, 0}, "t-m1/k2": {0, 0, 0}, "t-m1/k3": {0, 0, 0},
			"t-m2/k1": {12, 37, 0}, "t-m2/k2": {3, 12, 0}, "t-m2/k3": {15, 0, 15},
			"t-m3/k1": {50, 30, 20}, "t-m3/k2": {9, 8, 1}, "t-m3/k3": {0, 0, 0},
		},
		map[string]figures{"t-m1": {26, 44, 0}, "t-m2": {30, 42, 0}, "t-m3": {59, 38, 21}},
		map[string]figures{"k1": {88, 51, 37}, "k2": {12, 20, 0}, "k3": {15, 0, 15}},
		figures{115, 64, 51})

	// The service's categories by name; the deprecated category is the
	// first of them; a filter by any of them finds it.
	sameJSON(t, data(t, h, st, `{ service(id: "v8") { categories { id } category { id } } }`, nil),
		`{"service": {"categories": [{"id": "k1b"}, {"id": "k2"}, {"id": "k1a"}], "category": {"id": "k1b"}}}`)
	for _, cat := range []string{"k1", "k1a", "k1b", "k2"} {
		c := list(t, h, st, "services", `filter: {categoryId: "`+cat+`"}`, nil)
		found := false
		for _, id := range c.ids() {
			found = found || id == "v8"
		}
		if !found {
			t.Errorf("services in %s: %v, without v8", cat, c.ids())
		}
	}
}
