package api_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// The hand-made graph of testdata/matrix/graph.json, drawn out:
//
//	Testland ─ North (district) ─ Alpha (+ Alpha village), Beta, Gamma; West zone = {Alpha, Beta}
//	         ─ South (district) ─ Delta
//	         ─ Empty (district, nothing in it)
//	neighbours: Beta–Alpha 10 km, Gamma–Beta 15, Gamma–Alpha 40, Delta–Gamma 20
//	categories: Care (Home care, Day care), Health, Rehabilitation
//
//	services (capacity, coverage, groups)        needs (volume, territory, category, group, year)
//	v1 Home care 10  Alpha         g1             n1 20 Alpha         Home care  g1 2024
//	v2 Day care  30  North (all)   g1 g2          n2  6 Alpha village Day care   g2 2024
//	v3 Health     5  Beta          g2             n3 12 Beta          Care       g1 2023
//	v4 Home care 100 Gamma  SUSPENDED g1          n4  9 Gamma         Health     g1 2024
//	v5 Health     8  Delta, Gamma  g1             n5  3 Beta          Health     g2 2024
//	v6 Home care  4  Alpha village g2             n6  7 Delta         Home care  g1 2024
//	v7 Rehab      6  Delta         g1             n7 50 Gamma         Home care  g1 2024
//	                                              n8 15 Beta          Rehab      g1 2024
//
// Every figure below was worked out by hand from this table.

// figures is demand/supply/gap.
type figures [3]int

type matrixAnswer struct {
	SupplyDemandMatrix struct {
		Rows []struct {
			Territory struct{ ID string }
			Cells     []struct {
				Category struct{ ID string }
				Demand   int
				Supply   int
				Gap      int
				Coverage *float64
			}
			Total struct{ Demand, Supply, Gap int }
		}
		Columns []struct {
			Category struct{ ID string }
			Total    struct{ Demand, Supply, Gap int }
		}
		Total struct {
			Demand, Supply, Gap int
			Coverage            *float64
		}
	}
}

const matrixQuery = `query($scope: ID!, $level: TerritoryLevel, $cats: [ID!], $groups: [ID!], $year: Int, $domain: ServiceDomain) {
  supplyDemandMatrix(scopeId: $scope, rowLevel: $level, categoryIds: $cats, targetGroupIds: $groups, year: $year, domain: $domain) {
    rows { territory { id } cells { category { id } demand supply gap coverage } total { demand supply gap } }
    columns { category { id } total { demand supply gap } }
    total { demand supply gap coverage }
  }
}`

func TestSupplyDemandMatrix(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	h := newHandler(st)

	tests := []struct {
		name  string
		vars  map[string]any
		rows  []string // row ids in order
		cols  []string // column ids in order
		cells map[string]figures
		rowT  map[string]figures
		colT  map[string]figures
		total figures
	}{
		{
			// v2 covers the whole district: 30 in every row's Care, once in
			// Care's total. v6 covers a village inside Alpha. v4 is suspended.
			// n2 (Alpha village) rolls up into Alpha; n3 (Care itself) and n1
			// (Home care) into Care. Beta × Rehabilitation has demand, no supply.
			name: "district by municipality, default columns",
			vars: map[string]any{"scope": "t-d1"},
			rows: []string{"t-m1", "t-m2", "t-m3"}, cols: []string{"k1", "k2", "k3"},
			cells: map[string]figures{
				"t-m1/k1": {26, 44, 0}, "t-m1/k2": {0, 0, 0}, "t-m1/k3": {0, 0, 0},
				"t-m2/k1": {12, 30, 0}, "t-m2/k2": {3, 5, 0}, "t-m2/k3": {15, 0, 15},
				"t-m3/k1": {50, 30, 20}, "t-m3/k2": {9, 8, 1}, "t-m3/k3": {0, 0, 0},
			},
			rowT:  map[string]figures{"t-m1": {26, 44, 0}, "t-m2": {30, 35, 0}, "t-m3": {59, 38, 21}},
			colT:  map[string]figures{"k1": {88, 44, 44}, "k2": {12, 13, 0}, "k3": {15, 0, 15}},
			total: figures{115, 57, 58}, // cells' supply adds up to 117; v2 counts once
		},
		{
			// Only needs of older people and services for them: n2, n5 and
			// v3, v6 drop out.
			name: "target group filter",
			vars: map[string]any{"scope": "t-d1", "groups": []string{"g1"}},
			rows: []string{"t-m1", "t-m2", "t-m3"}, cols: []string{"k1", "k2", "k3"},
			cells: map[string]figures{
				"t-m1/k1": {20, 40, 0}, "t-m1/k2": {0, 0, 0}, "t-m1/k3": {0, 0, 0},
				"t-m2/k1": {12, 30, 0}, "t-m2/k2": {0, 0, 0}, "t-m2/k3": {15, 0, 15},
				"t-m3/k1": {50, 30, 20}, "t-m3/k2": {9, 8, 1}, "t-m3/k3": {0, 0, 0},
			},
			rowT:  map[string]figures{"t-m1": {20, 40, 0}, "t-m2": {27, 30, 0}, "t-m3": {59, 38, 21}},
			colT:  map[string]figures{"k1": {82, 40, 42}, "k2": {9, 8, 1}, "k3": {15, 0, 15}},
			total: figures{106, 48, 58},
		},
		{
			// A category and its own sub-category: n1 and v1, v6 fall in both
			// columns of Alpha, but count once in Alpha's total.
			name: "overlapping columns, in the order asked",
			vars: map[string]any{"scope": "t-d1", "cats": []string{"k1a", "k1"}},
			rows: []string{"t-m1", "t-m2", "t-m3"}, cols: []string{"k1a", "k1"},
			cells: map[string]figures{
				"t-m1/k1a": {20, 14, 6}, "t-m1/k1": {26, 44, 0},
				"t-m2/k1a": {0, 0, 0}, "t-m2/k1": {12, 30, 0},
				"t-m3/k1a": {50, 0, 50}, "t-m3/k1": {50, 30, 20},
			},
			rowT:  map[string]figures{"t-m1": {26, 44, 0}, "t-m2": {12, 30, 0}, "t-m3": {50, 30, 20}},
			colT:  map[string]figures{"k1a": {70, 14, 56}, "k1": {88, 44, 44}},
			total: figures{88, 44, 44},
		},
		{
			name: "year filter",
			vars: map[string]any{"scope": "t-d1", "year": 2023, "cats": []string{"k1"}},
			rows: []string{"t-m1", "t-m2", "t-m3"}, cols: []string{"k1"},
			cells: map[string]figures{"t-m1/k1": {0, 44, 0}, "t-m2/k1": {12, 30, 0}, "t-m3/k1": {0, 30, 0}},
			rowT:  map[string]figures{"t-m1": {0, 44, 0}, "t-m2": {12, 30, 0}, "t-m3": {0, 30, 0}},
			colT:  map[string]figures{"k1": {12, 44, 0}},
			total: figures{12, 44, 0},
		},
		{
			// Districts of the country: Alpha and Beta reach North both
			// directly and through the West zone, and count once.
			name: "country by district, one domain",
			vars: map[string]any{"scope": "t-c", "level": "DISTRICT", "domain": "HEALTH"},
			rows: []string{"t-d3", "t-d1", "t-d2"}, cols: []string{"k2", "k3"},
			cells: map[string]figures{
				"t-d3/k2": {0, 0, 0}, "t-d3/k3": {0, 0, 0},
				"t-d1/k2": {12, 13, 0}, "t-d1/k3": {15, 0, 15},
				"t-d2/k2": {0, 8, 0}, "t-d2/k3": {0, 6, 0},
			},
			rowT:  map[string]figures{"t-d3": {0, 0, 0}, "t-d1": {27, 13, 14}, "t-d2": {0, 14, 0}},
			colT:  map[string]figures{"k2": {12, 13, 0}, "k3": {15, 6, 9}},
			total: figures{27, 19, 8},
		},
		{
			name: "a zone by municipality",
			vars: map[string]any{"scope": "t-z1", "cats": []string{"k1"}},
			rows: []string{"t-m1", "t-m2"}, cols: []string{"k1"},
			cells: map[string]figures{"t-m1/k1": {26, 44, 0}, "t-m2/k1": {12, 30, 0}},
			rowT:  map[string]figures{"t-m1": {26, 44, 0}, "t-m2": {12, 30, 0}},
			colT:  map[string]figures{"k1": {38, 44, 0}},
			total: figures{38, 44, 0},
		},
		{
			name: "a scope at the row level is one row",
			vars: map[string]any{"scope": "t-m3", "cats": []string{"k1a"}},
			rows: []string{"t-m3"}, cols: []string{"k1a"},
			cells: map[string]figures{"t-m3/k1a": {50, 0, 50}},
			rowT:  map[string]figures{"t-m3": {50, 0, 50}},
			colT:  map[string]figures{"k1a": {50, 0, 50}},
			total: figures{50, 0, 50},
		},
		{
			name: "an empty scope is an empty matrix",
			vars: map[string]any{"scope": "t-d3"},
			rows: nil, cols: []string{"k1", "k2", "k3"},
			colT:  map[string]figures{"k1": {}, "k2": {}, "k3": {}},
			total: figures{0, 0, 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := checkMatrix(t, h, st, tc.vars, tc.rows, tc.cols, tc.cells, tc.rowT, tc.colT, tc.total)
			if r.queries > 3 {
				t.Errorf("%d Cypher queries, want at most 3", r.queries)
			}
		})
	}
}

// checkMatrix asks for the matrix with vars and checks its rows and
// columns (in order), cells, row and column totals and the scope's total.
func checkMatrix(t *testing.T, h http.Handler, st *store.Store, vars map[string]any, wantRows, wantCols []string,
	wantCells, wantRowT, wantColT map[string]figures, wantTotal figures) response {
	t.Helper()
	var got matrixAnswer
	r := ok(t, h, st, matrixQuery, vars, &got)
	m := got.SupplyDemandMatrix
	var rows, cols []string
	cells, rowT, colT := map[string]figures{}, map[string]figures{}, map[string]figures{}
	for _, row := range m.Rows {
		rows = append(rows, row.Territory.ID)
		rowT[row.Territory.ID] = figures{row.Total.Demand, row.Total.Supply, row.Total.Gap}
		for _, c := range row.Cells {
			cells[row.Territory.ID+"/"+c.Category.ID] = figures{c.Demand, c.Supply, c.Gap}
			checkCoverage(t, c.Demand, c.Supply, c.Coverage)
		}
	}
	for _, c := range m.Columns {
		cols = append(cols, c.Category.ID)
		colT[c.Category.ID] = figures{c.Total.Demand, c.Total.Supply, c.Total.Gap}
	}
	if !slices.Equal(rows, wantRows) || !slices.Equal(cols, wantCols) {
		t.Fatalf("rows %v, columns %v; want %v, %v", rows, cols, wantRows, wantCols)
	}
	same := func(what string, got, want map[string]figures) {
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s %s = %v, want %v", what, k, got[k], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d, want %d", what, len(got), len(want))
		}
	}
	same("cell", cells, wantCells)
	same("row total", rowT, wantRowT)
	same("column total", colT, wantColT)
	if g := (figures{m.Total.Demand, m.Total.Supply, m.Total.Gap}); g != wantTotal {
		t.Errorf("scope total %v, want %v", g, wantTotal)
	}
	checkCoverage(t, m.Total.Demand, m.Total.Supply, m.Total.Coverage)
	return r
}

func checkCoverage(t *testing.T, demand, supply int, got *float64) {
	t.Helper()
	if demand == 0 {
		if got != nil {
			t.Errorf("coverage %v with no demand, want null", *got)
		}
		return
	}
	if want := float64(supply) / float64(demand); got == nil || math.Abs(*got-want) > 1e-9 {
		t.Errorf("coverage %v, want %v", got, want)
	}
}

// TestMatrixProvidersAndNearest: the costly cell fields, for all cells in
// one query each.
func TestMatrixProvidersAndNearest(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	h := newHandler(st)
	var got struct {
		SupplyDemandMatrix struct {
			Rows []struct {
				Territory struct{ ID string }
				Cells     []struct {
					Category         struct{ ID string }
					LocalProviders   []struct{ ID string }
					ServingProviders []struct{ ID string }
					NearestSupply    *struct {
						Territory  struct{ ID string }
						DistanceKm float64
						Hops       int
						Supply     int
					}
				}
			}
		}
	}
	r := ok(t, h, st, `{ supplyDemandMatrix(scopeId: "t-d1", categoryIds: ["k1a", "k1", "k2", "k3"]) { rows { territory { id } cells {
	  category { id } localProviders { id } servingProviders { id } nearestSupply { territory { id } distanceKm hops supply } } } } }`, nil, &got)
	if r.queries != 6 {
		t.Errorf("%d Cypher queries, want 6 (axes, demand, supply, local, serving, nearest)", r.queries)
	}
	type cellWant struct {
		local, serving []string
		nearest        string // "territory km hops supply"
	}
	want := map[string]cellWant{
		// p3 is located in the district, not in Alpha: it serves Alpha but
		// is not local there.
		"t-m1/k1a": {local: []string{"p1"}, serving: []string{"p1"}},
		"t-m1/k1":  {local: []string{"p1"}, serving: []string{"p1", "p3"}},
		"t-m1/k2":  {},
		"t-m1/k3":  {},
		"t-m2/k1a": {},
		"t-m2/k1":  {serving: []string{"p3"}},
		"t-m2/k2":  {local: []string{"p2"}, serving: []string{"p2"}},
		// Demand 15, no supply: Delta, two links away (15 + 20 km).
		"t-m2/k3": {nearest: "t-m4 35 2 6"},
		// Demand 50, no supply (v4 is suspended): Alpha through Beta (15 +
		// 10 km) beats the direct 40 km link.
		"t-m3/k1a": {nearest: "t-m1 25 2 14"},
		"t-m3/k1":  {serving: []string{"p3"}},
		"t-m3/k2":  {serving: []string{"p4"}},
		"t-m3/k3":  {},
	}
	n := 0
	for _, row := range got.SupplyDemandMatrix.Rows {
		for _, c := range row.Cells {
			key := row.Territory.ID + "/" + c.Category.ID
			w, found := want[key]
			if !found {
				t.Errorf("unexpected cell %s", key)
				continue
			}
			n++
			ids := func(l []struct{ ID string }) []string {
				var out []string
				for _, x := range l {
					out = append(out, x.ID)
				}
				return out
			}
			if g := ids(c.LocalProviders); !slices.Equal(g, w.local) {
				t.Errorf("%s local providers %v, want %v", key, g, w.local)
			}
			if g := ids(c.ServingProviders); !slices.Equal(g, w.serving) {
				t.Errorf("%s serving providers %v, want %v", key, g, w.serving)
			}
			g := ""
			if ns := c.NearestSupply; ns != nil {
				g = fmt.Sprintf("%s %g %d %d", ns.Territory.ID, ns.DistanceKm, ns.Hops, ns.Supply)
			}
			if g != w.nearest {
				t.Errorf("%s nearest supply %q, want %q", key, g, w.nearest)
			}
		}
	}
	if n != len(want) {
		t.Errorf("%d cells, want %d", n, len(want))
	}
}

// TestServiceGaps: the finest categories by default, largest gap first,
// each with the territories nearby that have supply.
func TestServiceGaps(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	h := newHandler(st)
	var got struct {
		ServiceGaps []struct {
			Cell struct {
				Territory struct{ ID string }
				Category  struct{ ID string }
				Demand    int
				Supply    int
				Gap       int
			}
			Nearby []struct {
				Territory  struct{ ID string }
				DistanceKm float64
			}
		}
	}
	r := ok(t, h, st, `{ serviceGaps(scopeId: "t-d1", minGap: 2) { cell { territory { id } category { id } demand supply gap }
	  nearby { territory { id } distanceKm } } }`, nil, &got)
	// Leaf columns: Home care, Day care, Health, Rehabilitation. n3 is in
	// Care itself, so no leaf column has it. Gamma × Health (gap 1) is
	// below minGap.
	want := []string{
		"t-m3/k1a 50-0=50 near [t-m1@25]",
		"t-m2/k3 15-0=15 near [t-m4@35]",
		"t-m1/k1a 20-14=6 near []",
	}
	var lines []string
	for _, g := range got.ServiceGaps {
		var near []string
		for _, n := range g.Nearby {
			near = append(near, fmt.Sprintf("%s@%g", n.Territory.ID, n.DistanceKm))
		}
		lines = append(lines, fmt.Sprintf("%s/%s %d-%d=%d near %v", g.Cell.Territory.ID, g.Cell.Category.ID,
			g.Cell.Demand, g.Cell.Supply, g.Cell.Gap, append([]string{}, near...)))
	}
	if !slices.Equal(lines, want) {
		t.Errorf("gaps:\n%v\nwant\n%v", lines, want)
	}
	if r.queries != 4 {
		t.Errorf("%d Cypher queries, want 4", r.queries)
	}
	var top struct{ ServiceGaps []map[string]any }
	ok(t, h, st, `{ serviceGaps(scopeId: "t-d1", first: 1) { cell { gap } } }`, nil, &top)
	if len(top.ServiceGaps) != 1 {
		t.Errorf("first: 1 gave %d gaps", len(top.ServiceGaps))
	}
}

// TestMatrixBadInput: every bad argument is BAD_USER_INPUT naming it.
func TestMatrixBadInput(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	h := newHandler(st)
	tests := []struct{ name, query, field string }{
		{"ErrUnknownScope", `{ supplyDemandMatrix(scopeId: "t-nope") { total { gap } } }`, "scopeId"},
		{"ErrRowLevelAboveScope", `{ supplyDemandMatrix(scopeId: "t-m1", rowLevel: DISTRICT) { total { gap } } }`, "rowLevel"},
		{"ErrUnknownCategory", `{ supplyDemandMatrix(scopeId: "t-d1", categoryIds: ["k1", "k-nope"]) { total { gap } } }`, "categoryIds[1]"},
		{"ErrUnknownTargetGroup", `{ supplyDemandMatrix(scopeId: "t-d1", targetGroupIds: ["g-nope"]) { total { gap } } }`, "targetGroupIds[0]"},
		{"ErrGapsFirstTooLarge", `{ serviceGaps(scopeId: "t-d1", first: 101) { cell { gap } } }`, "first"},
		{"ErrGapsFirstZero", `{ serviceGaps(scopeId: "t-d1", first: 0) { cell { gap } } }`, "first"},
		{"ErrGapsMinGap", `{ serviceGaps(scopeId: "t-d1", minGap: 0) { cell { gap } } }`, "minGap"},
		{"ErrGapsUnknownScope", `{ serviceGaps(scopeId: "t-nope") { cell { gap } } }`, "scopeId"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The three queries of a matrix run at once, so a bad argument
			// costs them too; they only read.
			r := failsWith(t, h, st, tc.query, nil, domain.CodeBadUserInput, tc.field)
			if r.queries > 3 {
				t.Errorf("%d Cypher queries for a bad argument", r.queries)
			}
		})
	}
}

// TestMatrixCSV: the matrix as a spreadsheet, and its refusals.
func TestMatrixCSV(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/matrix/graph.json")
	h := newHandler(st)
	get := func(h http.Handler, url string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
		return rec
	}
	rec := get(h, "/export/matrix.csv?scopeId=t-d1&categoryIds=k1a,k1")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("%d %s: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	lines, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"territory_id", "territory", "category_id", "category", "demand", "supply", "gap", "coverage"},
		{"t-m1", "Alpha", "k1a", "Home care", "20", "14", "6", "0.7000"},
		{"t-m1", "Alpha", "k1", "Care", "26", "44", "0", "1.6923"},
		{"t-m2", "Beta", "k1a", "Home care", "0", "0", "0", ""},
		{"t-m2", "Beta", "k1", "Care", "12", "30", "0", "2.5000"},
		{"t-m3", "Gamma", "k1a", "Home care", "50", "0", "50", "0.0000"},
		{"t-m3", "Gamma", "k1", "Care", "50", "30", "20", "0.6000"},
	}
	if !slices.EqualFunc(lines, want, slices.Equal) {
		t.Errorf("CSV:\n%v\nwant\n%v", lines, want)
	}
	for _, tc := range []struct{ name, url, field string }{
		{"ErrNoScope", "/export/matrix.csv", "scopeId"},
		{"ErrUnknownScope", "/export/matrix.csv?scopeId=t-nope", "scopeId"},
		{"ErrRowLevel", "/export/matrix.csv?scopeId=t-d1&rowLevel=PLANET", "rowLevel"},
		{"ErrYear", "/export/matrix.csv?scopeId=t-d1&year=last", "year"},
		{"ErrUnknownCategory", "/export/matrix.csv?scopeId=t-d1&categoryIds=k1&categoryIds=k-nope", "categoryIds[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(h, tc.url)
			var r response
			_ = json.Unmarshal(rec.Body.Bytes(), &r)
			if rec.Code != http.StatusBadRequest || len(r.Errors) != 1 || r.Errors[0].code() != domain.CodeBadUserInput || r.Errors[0].Extensions["field"] != tc.field {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
		})
	}
	if rec := get(roleHandlers(st)[auth.Viewer], "/export/matrix.csv?scopeId=t-d1"); rec.Code != http.StatusForbidden {
		t.Errorf("a VIEWER's export: %d %s", rec.Code, rec.Body)
	}
}

// TestDemoGapANeighbourCanServe: in the demo data, Lesichovo (Pazardzhik
// district) has people needing community mental health care and no such
// service; the one in Pazardzhik, its neighbour 25 km away, could serve
// them. Peshtera is in the same situation, 20 km from Pazardzhik.
func TestDemoGapANeighbourCanServe(t *testing.T) {
	st, h := demoHandler(t)
	var got struct {
		ServiceGaps []struct {
			Cell struct {
				Territory struct{ ID string }
				Gap       int
			}
			Nearby []struct {
				Territory  struct{ ID string }
				DistanceKm float64
				Supply     int
			}
		}
	}
	ok(t, h, st, `{ serviceGaps(scopeId: "tr-pazardzhik-district", categoryIds: ["cat-mental-health"]) {
	  cell { territory { id } gap } nearby { territory { id } distanceKm supply } } }`, nil, &got)
	var lines []string
	for _, g := range got.ServiceGaps {
		line := fmt.Sprintf("%s gap %d", g.Cell.Territory.ID, g.Cell.Gap)
		if len(g.Nearby) > 0 {
			n := g.Nearby[0]
			line += fmt.Sprintf(", nearest %s %g km supply %d", n.Territory.ID, n.DistanceKm, n.Supply)
		}
		lines = append(lines, line)
	}
	// Pazardzhik itself: 60 in need, 30 places.
	want := []string{
		"tr-pazardzhik gap 30",
		"tr-peshtera gap 25, nearest tr-pazardzhik 20 km supply 30",
		"tr-lesichovo gap 12, nearest tr-pazardzhik 25 km supply 30",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("gaps:\n%v\nwant\n%v", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
