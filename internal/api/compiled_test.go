package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/graph"
	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/demo"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// everyField selects every compiled relationship field (graph/compile.go)
// under 11 root lists and 2 root getters: aliases of one field with other
// arguments, nodes and edges.node with different selections, a fragment,
// the wrappers' back references to their parent (PartnershipParty.stakeholder
// under Stakeholder.partnerships...), contacts and referral links (which
// roles see differently).
const everyField = `query Every($first: Int!, $km: Float, $sid: ID!, $tid: ID!) {
  territories(first: $first) { totalCount edges { cursor node { id name level population
    parent { name } zones { name } ancestors { name }
    children(first: 3) { name } municipalities: children(level: MUNICIPALITY) { name }
    neighbours(maxDistanceKm: $km) { distanceKm illustrative territory { name } }
    stakeholders(first: 2) { name email } deep: stakeholders(includeSubTerritories: true, first: 5) { name }
    services(first: 2) { name } needs(first: 2) { volume } partnerships(first: 2) { name } events(first: 2) { name }
    practicesOriginated { name } practicesReceived { year practice { name } territory { code } } } } }
  stakeholders(first: $first) { totalCount nodes { ...S } edges { node { name email territory { code } } } pageInfo { hasNextPage endCursor } }
  serviceCategories(first: $first) { nodes { name domain parent { name } children { name } services(first: 2) { name } needs(first: 2) { volume } cooperationAreas { name } } }
  targetGroups(first: $first) { nodes { name services(first: 2) { name } needs(first: 2) { volume } } }
  services(first: $first) { nodes { name capacity email provider { name phone } category { name } targetGroups { name } coverage { name } } }
  needs(first: $first) { nodes { volume year territory { name } category { name } targetGroup { name } } }
  cooperationAreas(first: $first) { nodes { name categories { name } stakeholders(first: 2) { name } partnerships { name } services(first: 2) { name } needs(first: 2) { volume } } }
  partnerships(first: $first) { nodes { name parties { role stakeholder { name phone } partnership { kind } } territory { name } areas { name } project { name } } }
  practices(first: $first) { nodes { name origin { name } transfers { year territory { name } practice { description } } implementers { name } project { name } } }
  projects(first: $first) { nodes { name participants { role stakeholder { name } project { acronym } } partnerships { name } practices { name } events(first: 2) { name } } }
  events(first: $first) { nodes { name startDate territory { name } project { name } stakeholders { role stakeholder { name } event { kind } } } }
  one: stakeholder(id: $sid) { ...S }
  place: territory(id: $tid) { name ancestors { name } children { name stakeholders { name } } }
}
fragment S on Stakeholder { id name kind email phone territory { name parent { name } }
  services(first: 2) { name provider { id } } few: services(first: 1) { id }
  cooperationAreas { name }
  partnerships { role stakeholder { acronym territory { level } } partnership { name parties { role stakeholder { name } } } }
  referralsOut { id status to { name email } } referralsIn { id from { name } }
  projects { role project { name } } events(first: 3) { role event { name } stakeholder { sector } } practices { name } }`

// everyFieldRoots is the number of root fields of everyField.
const everyFieldRoots = 13

// TestCompiledStatements: each root field runs one statement, whatever the
// nesting and however many records it returns (1 or 100 per list), and
// answers exactly as the per-level batched reads do, for every role (the
// role rules are in the compiled Cypher too: contacts hidden from a VIEWER,
// referral links filtered for a COORDINATOR).
func TestCompiledStatements(t *testing.T) {
	// A generated graph (lists longer than a page) and the demo beside it
	// (contacts, referral links, practices and projects).
	st := testdb.Open(t)
	testdb.Load(t, st, testdb.Generate(testdb.Size{Municipalities: 30, Stakeholders: 150, ServicesEach: 2,
		Categories: 4, Partnerships: 40, Events: 30, Needs: 60}, 1))
	doc, err := demo.Document()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Write(auth.WithActor(context.Background(), "test"), doc, store.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	vars := func(first int) map[string]any {
		return map[string]any{"first": first, "km": 30.0, "sid": coordinatorOf, "tid": "tr-pazardzhik"}
	}
	for _, role := range []auth.Role{auth.Admin, auth.Viewer, auth.Coordinator} {
		t.Run(string(role), func(t *testing.T) {
			compiled, batched := compareHandlers(st, role, false), compareHandlers(st, role, true)
			for _, first := range []int{1, 100} {
				direct := graph.DirectRenders()
				c := post(t, compiled, st, everyField, vars(first))
				if n := graph.DirectRenders() - direct; n != everyFieldRoots {
					t.Errorf("first %d: %d root fields rendered directly, want %d", first, n, everyFieldRoots)
				}
				b := post(t, batched, st, everyField, vars(first))
				if len(c.Errors) > 0 || len(b.Errors) > 0 {
					t.Fatalf("first %d: errors %+v / %+v", first, c.Errors, b.Errors)
				}
				t.Logf("first %d: %d statements compiled, %d batched; %d bytes", first, c.queries, b.queries, len(c.Data))
				if c.queries != everyFieldRoots {
					t.Errorf("first %d: %d statements, want %d (one per root field)", first, c.queries, everyFieldRoots)
				}
				if !bytes.Equal(c.Data, b.Data) {
					var want, got any
					_, _ = json.Unmarshal(b.Data, &want), json.Unmarshal(c.Data, &got)
					var diffs []string
					jsonDiff("", want, got, &diffs)
					if len(diffs) > 20 {
						diffs = append(diffs[:20], "...")
					}
					t.Errorf("first %d: compiled answer differs from the batched one (want batched, got compiled):\n%s", first, strings.Join(diffs, "\n"))
				}
			}
		})
	}
	// The checks above would pass on empty answers: the role rules must
	// have something to hide and the lists something to list.
	admin := post(t, compareHandlers(st, auth.Admin, false), st, everyField, vars(100))
	viewer := post(t, compareHandlers(st, auth.Viewer, false), st, everyField, vars(100))
	for _, want := range []string{`"email":"`, `"referralsOut":[{"id":"`, `"transfers":[{"year":`, `"deep":[{"name":"`} {
		if !bytes.Contains(admin.Data, []byte(want)) {
			t.Errorf("the ADMIN answer has no %s", want)
		}
	}
	for _, gone := range []string{`"email":"`, `"phone":"`, `"referralsOut":[{`} {
		if bytes.Contains(viewer.Data, []byte(gone)) {
			t.Errorf("the VIEWER answer shows %s", gone)
		}
	}
}

// compareHandlers is the API over st for a token of role (a COORDINATOR
// of coordinatorOf), compiled or batched, without the complexity limit
// (the request is heavy on purpose).
func compareHandlers(st *store.Store, role auth.Role, batched bool) http.Handler {
	return tokenHandlerWith(role, coordinatorOf, api.Options{Store: st, MaxComplexity: 100_000_000, Batched: batched})
}

// TestCompiledNestedGetter: a record read with get below a root field
// (Viewer.stakeholder, under me) is a part of its root field's answer, never the
// whole of it.
func TestCompiledNestedGetter(t *testing.T) {
	st := testdb.OpenDemo(t)
	h := tokenHandlerWith(auth.Coordinator, coordinatorOf, api.Options{Store: st})
	sameJSON(t, data(t, h, st, `{ me { role stakeholder { id } } one: stakeholder(id: "st-csii") { id } }`, nil),
		`{"me": {"role": "COORDINATOR", "stakeholder": {"id": "st-csii"}}, "one": {"id": "st-csii"}}`)
}
