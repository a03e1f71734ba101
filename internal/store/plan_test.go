package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// TestListPlans: on a graph large enough that the planner weighs its
// choices, the list queries that filter "inside territory T" or "in
// category C" start with an index seek on T or C and never scan the listed
// label, and the page sorted by name reads the name index in order.
func TestListPlans(t *testing.T) {
	st := testdb.Open(t)
	testdb.Load(t, st, testdb.Generate(testdb.Size{Municipalities: 300, Stakeholders: 3000, ServicesEach: 1,
		Categories: 4, Needs: 1500, Events: 1000}, 3))
	// The planner must see this graph: resample the indexes (their
	// statistics still describe the graph before the load, maybe empty) and
	// drop the plans cached for earlier graphs.
	testdb.Exec(t, "CALL db.prepareForReplanning()", nil)
	ctx := context.Background()
	page := domain.PageArgs{Limit: 50}
	byName := &domain.Order{Field: "NAME", Direction: domain.Asc}
	for _, tc := range []struct {
		name  string
		list  func() error
		seek  string // the index the plans must seek, "Label(prop)"
		scan  string // the index the page must read in order instead, "Label(prop)"
		label string // the label neither plan may scan
		count bool   // also check the count query
	}{
		{name: "StakeholdersInTerritory", seek: "Territory(id)", label: "Stakeholder", count: true, list: func() error {
			_, err := st.Stakeholders(ctx, domain.StakeholderFilter{TerritoryID: "g-district-1"}, byName, page, true)
			return err
		}},
		{name: "StakeholdersInTerritoryOfKind", seek: "Territory(id)", label: "Stakeholder", count: true, list: func() error {
			_, err := st.Stakeholders(ctx, domain.StakeholderFilter{TerritoryID: "g-district-1", Kinds: domain.StakeholderKinds[:1]}, nil, page, true)
			return err
		}},
		{name: "StakeholdersInCategory", seek: "ServiceCategory(id)", label: "Stakeholder", count: true, list: func() error {
			_, err := st.Stakeholders(ctx, domain.StakeholderFilter{CategoryID: "g-cat-1"}, nil, page, true)
			return err
		}},
		{name: "TerritoriesWithin", seek: "Territory(id)", label: "Territory", count: true, list: func() error {
			_, err := st.Territories(ctx, domain.TerritoryFilter{Within: "g-district-1"}, nil, page, true)
			return err
		}},
		{name: "ServicesInTerritory", seek: "Territory(id)", label: "Service", count: true, list: func() error {
			_, err := st.Services(ctx, domain.ServiceFilter{TerritoryID: "g-muni-3"}, nil, page, true)
			return err
		}},
		{name: "ServicesInCategory", seek: "ServiceCategory(id)", label: "Service", count: true, list: func() error {
			_, err := st.Services(ctx, domain.ServiceFilter{CategoryID: "g-cat-1"}, nil, page, true)
			return err
		}},
		{name: "NeedsInTerritory", seek: "Territory(id)", label: "Need", count: true, list: func() error {
			_, err := st.Needs(ctx, domain.NeedFilter{TerritoryID: "g-district-1"}, nil, page, true)
			return err
		}},
		{name: "ServicesOfProvider", seek: "Stakeholder(id)", label: "Service", count: true, list: func() error {
			_, err := st.Services(ctx, domain.ServiceFilter{ProviderID: "g-st-00001"}, nil, page, true)
			return err
		}},
		{name: "EventsOfStakeholder", seek: "Stakeholder(id)", label: "Event", count: true, list: func() error {
			_, err := st.Events(ctx, domain.EventFilter{StakeholderID: "g-st-00001"}, nil, page, true)
			return err
		}},
		{name: "PartnershipsOfProject", seek: "Project(id)", label: "Partnership", count: true, list: func() error {
			_, err := st.Partnerships(ctx, domain.PartnershipFilter{ProjectID: "prj-none"}, nil, page, true)
			return err
		}},
		// A compiled page: its relationship fields expand from each listed
		// node, never scanning the labels they reach.
		{name: "StakeholdersInTerritoryNested", seek: "Territory(id)", label: "Service", count: true, list: func() error {
			sel := &store.Selection{Props: []string{"name"}, Total: true, Subs: []*store.Sub{
				{Hop: store.StakeholderTerritory, Limit: 1, Sel: &store.Selection{Props: []string{"name"}}},
				{Hop: store.StakeholderServices, Limit: 10, Sel: &store.Selection{Props: []string{"name"}, Subs: []*store.Sub{
					{Hop: store.ServiceProvider, Limit: 1, Sel: &store.Selection{Props: []string{"name"}}}}}},
			}}
			_, _, err := st.SelectStakeholders(ctx, domain.StakeholderFilter{TerritoryID: "g-district-1"}, byName, page, sel)
			return err
		}},
		{name: "StakeholdersByName", scan: "Stakeholder(name)", label: "Stakeholder", list: func() error {
			_, err := st.Stakeholders(ctx, domain.StakeholderFilter{}, byName, page, false)
			return err
		}},
		{name: "StakeholdersByNameDesc", scan: "Stakeholder(name)", label: "Stakeholder", list: func() error {
			_, err := st.Stakeholders(ctx, domain.StakeholderFilter{}, &domain.Order{Field: "NAME", Direction: domain.Desc}, page, false)
			return err
		}},
		{name: "TerritoriesByName", scan: "Territory(name)", label: "Territory", list: func() error {
			_, err := st.Territories(ctx, domain.TerritoryFilter{}, nil, page, false)
			return err
		}},
		{name: "EventsByName", scan: "Event(name)", label: "Event", list: func() error {
			_, err := st.Events(ctx, domain.EventFilter{}, byName, page, false)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []store.ListStatements
			stop := store.CaptureLists(func(s store.ListStatements) { got = append(got, s) })
			err := tc.list()
			stop()
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("%d lists ran, want 1", len(got))
			}
			statements := []string{got[0].Page}
			if tc.count {
				statements = append(statements, got[0].Count)
			}
			for _, cypher := range statements {
				ops := explain(t, cypher, got[0].Params)
				if tc.seek != "" && !hasOp(ops, ":"+tc.seek, "NodeIndexSeek", "NodeUniqueIndexSeek") {
					t.Errorf("no index seek on %s in the plan of\n%s\n%s", tc.seek, cypher, strings.Join(ops, "\n"))
				}
				if tc.scan != "" && !hasOp(ops, ":"+tc.scan, "NodeIndexScan") {
					t.Errorf("no ordered scan of %s in the plan of\n%s\n%s", tc.scan, cypher, strings.Join(ops, "\n"))
				}
				if hasOp(ops, "", "AllNodesScan") || hasOp(ops, ":"+tc.label, "NodeByLabelScan") {
					t.Errorf("the plan of\n%s\nscans %s:\n%s", cypher, tc.label, strings.Join(ops, "\n"))
				}
			}
		})
	}
}

// explain returns the operators of the plan of cypher, one
// "Operator details" line each, depth first.
func explain(t *testing.T, cypher string, params map[string]any) []string {
	t.Helper()
	cfg := testdb.Config(t)
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer drv.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, drv, "EXPLAIN "+cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	var walk func(p neo4j.Plan)
	walk = func(p neo4j.Plan) {
		op, _, _ := strings.Cut(p.Operator(), "@")
		ops = append(ops, fmt.Sprintf("%s %v", op, p.Arguments()["Details"]))
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Plan())
	return ops
}

// hasOp reports whether one of ops is one of the operators names with
// details containing detail.
func hasOp(ops []string, detail string, names ...string) bool {
	for _, o := range ops {
		op, details, _ := strings.Cut(o, " ")
		for _, n := range names {
			if op == n && strings.Contains(details, detail) {
				return true
			}
		}
	}
	return false
}
