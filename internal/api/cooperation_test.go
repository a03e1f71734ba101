package api_test

import (
	"encoding/json"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// The areas of testdata/matrix/graph.json (see matrix_test.go for the rest):
//
//	a1 Home and day care (Care):         p1 Alpha care home (Alpha), p2 Beta health centre (Beta), p3 North district agency (North)
//	a2 Health and rehabilitation (Health, Rehabilitation): p2, p4 Delta clinic (Delta)
//	ps1 Alpha care agreement  a1, in North, p1 (NON_PROFIT) + p3 (PUBLIC)  cross-sector
//	ps2 Health network        a2,           p2 (PUBLIC) + p4 (PRIVATE)    cross-sector
//	ps3 Public care memo      a1,           p2 (PUBLIC) + p3 (PUBLIC)

func TestCooperationAreasOverview(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	h := newHandler(st)
	var got struct {
		CooperationAreasOverview json.RawMessage
	}
	r := ok(t, h, st, `{ cooperationAreasOverview(scopeId: "t-d1") { area { id } scope { id } activeStakeholders
	  stakeholderCounts { kind sector count } partnerships crossSectorPartnerships crossSectorShare
	  figures { demand supply gap coverage } } }`, nil, &got)
	// a2 in North: only p2 is there; ps2 counts through p2. Demand: n4 9 +
	// n5 3 + n8 15; supply: v3 5 + v5 8 (v7 is in Delta).
	// a1 in North: p1, p2, p3; ps1 (in North) and ps3 (its parties are);
	// demand n1 20 + n2 6 + n3 12 + n7 50; supply v1 10 + v2 30 + v6 4.
	want := `[
	  {"area":{"id":"a2"},"scope":{"id":"t-d1"},"activeStakeholders":1,
	   "stakeholderCounts":[{"kind":"HEALTH_PROVIDER","sector":"PUBLIC","count":1}],
	   "partnerships":1,"crossSectorPartnerships":1,"crossSectorShare":1,
	   "figures":{"demand":27,"supply":13,"gap":14,"coverage":0.48148148148148145}},
	  {"area":{"id":"a1"},"scope":{"id":"t-d1"},"activeStakeholders":3,
	   "stakeholderCounts":[{"kind":"HEALTH_PROVIDER","sector":"PUBLIC","count":1},
	     {"kind":"SOCIAL_SERVICE_PROVIDER","sector":"NON_PROFIT","count":1},{"kind":"STATE_AGENCY","sector":"PUBLIC","count":1}],
	   "partnerships":2,"crossSectorPartnerships":1,"crossSectorShare":0.5,
	   "figures":{"demand":88,"supply":44,"gap":44,"coverage":0.5}}]`
	sameJSON(t, got.CooperationAreasOverview, want)
	if r.queries != 1 {
		t.Errorf("%d Cypher queries, want 1", r.queries)
	}

	// The same through the areas, in one query for the list.
	var nested struct {
		CooperationAreas struct {
			Nodes []struct {
				ID       string
				Overview struct{ ActiveStakeholders, Partnerships int }
				Services json.RawMessage
				Needs    json.RawMessage
			}
		}
	}
	r = ok(t, h, st, `{ cooperationAreas { nodes { id overview(scopeId: "t-c") { activeStakeholders partnerships }
	  services { id } needs { id } } } }`, nil, &nested)
	byID := map[string]int{}
	for i, n := range nested.CooperationAreas.Nodes {
		byID[n.ID] = i
	}
	a1, a2 := nested.CooperationAreas.Nodes[byID["a1"]], nested.CooperationAreas.Nodes[byID["a2"]]
	if a2.Overview.ActiveStakeholders != 2 || a2.Overview.Partnerships != 1 || a1.Overview.ActiveStakeholders != 3 || a1.Overview.Partnerships != 2 {
		t.Errorf("country overviews: a1 %+v, a2 %+v", a1.Overview, a2.Overview)
	}
	// Active services of Care by name; needs of Care, the largest first.
	sameJSON(t, a1.Services, ids("v2", "v1", "v6"))
	sameJSON(t, a1.Needs, ids("n7", "n1", "n3", "n6", "n2"))
	if r.queries > 6 {
		t.Errorf("%d Cypher queries for a list of areas, want at most 6", r.queries)
	}
}

func TestCooperationOpportunities(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	h := newHandler(st)
	var got struct{ CooperationOpportunities json.RawMessage }
	r := ok(t, h, st, `{ cooperationOpportunities(areaId: "a1", scopeId: "t-d1") { a { id } b { id } score
	  reasons { kind provider { id } inNeed { id } category { id } demand targetGroup { id } distanceKm } } }`, nil, &got)
	// Of a1's members in North, p1–p3 (ps1) and p2–p3 (ps3) are partners
	// already. p1 provides Care (v1, v6) and Beta needs 12 of it (n3): 3;
	// both serve children (v6, v3): 1; Alpha and Beta are neighbours: 1.
	sameJSON(t, got.CooperationOpportunities, `[{"a":{"id":"p1"},"b":{"id":"p2"},"score":5,"reasons":[
	  {"kind":"SERVES_DEMAND","provider":{"id":"p1"},"inNeed":{"id":"p2"},"category":{"id":"k1"},"demand":12,"targetGroup":null,"distanceKm":null},
	  {"kind":"SHARED_TARGET_GROUP","provider":null,"inNeed":null,"category":null,"demand":null,"targetGroup":{"id":"g2"},"distanceKm":null},
	  {"kind":"NEIGHBOUR_TERRITORIES","provider":null,"inNeed":null,"category":null,"demand":null,"targetGroup":null,"distanceKm":10}]}]`)
	if r.queries != 3 {
		t.Errorf("%d Cypher queries, want 3 (members, categories, groups)", r.queries)
	}
	// a2's two members share a partnership: nothing to propose.
	ok(t, h, st, `{ cooperationOpportunities(areaId: "a2", scopeId: "t-c") { score } }`, nil, &got)
	sameJSON(t, got.CooperationOpportunities, `[]`)
}

func TestCooperationBadInput(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	h := newHandler(st)
	for _, tc := range []struct{ name, query, field string }{
		{"ErrOverviewUnknownScope", `{ cooperationAreasOverview(scopeId: "t-nope") { partnerships } }`, "scopeId"},
		{"ErrOverviewUnknownGroup", `{ cooperationAreasOverview(scopeId: "t-d1", targetGroupIds: ["g-nope"]) { partnerships } }`, "targetGroupIds[0]"},
		{"ErrAreaOverviewUnknownScope", `{ cooperationArea(id: "a1") { overview(scopeId: "t-nope") { partnerships } } }`, "scopeId"},
		{"ErrOpportunitiesUnknownArea", `{ cooperationOpportunities(areaId: "a-nope", scopeId: "t-d1") { score } }`, "areaId"},
		{"ErrOpportunitiesUnknownScope", `{ cooperationOpportunities(areaId: "a1", scopeId: "t-nope") { score } }`, "scopeId"},
		{"ErrOpportunitiesFirst", `{ cooperationOpportunities(areaId: "a1", scopeId: "t-d1", first: 0) { score } }`, "first"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, tc.query, nil, domain.CodeBadUserInput, tc.field)
		})
	}
}
