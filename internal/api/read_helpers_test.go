package api_test

// Tests of the read API against the demo dataset (internal/demo/demo.json).
//
// Every expected value was worked out by hand from demo.json and is written
// as a literal, or for the large responses of TestReadFields in
// testdata/read_fields/*.golden (-update rewrites them from the responses;
// review that diff); the comment next to each case says how. Orders follow the
// documented sort of each field (names compare by code point, so capitals
// sort before small letters: "CSRIDRG" < "Centre" < "Chamber"), with ties
// broken by id ascending.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/store"
)

// ---------------------------------------------------------------------------
// Helpers shared by the read tests.

// metaFields selects the fields every node type has.
const metaFields = "createdAt updatedAt version updatedBy illustrative illustrativeFields source"

// ids is the expected JSON of a list selected as `{ id }`.
func ids(list ...string) string {
	parts := make([]string, len(list))
	for i, id := range list {
		parts[i] = `{"id":"` + id + `"}`
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// data runs a query that must succeed and returns its data.
func data(t testing.TB, h http.Handler, st *store.Store, query string, vars map[string]any) json.RawMessage {
	t.Helper()
	var raw json.RawMessage
	ok(t, h, st, query, vars, &raw)
	return raw
}

// sameJSON compares got with the hand-written JSON want. createdAt and
// updatedAt must be RFC 3339 instants of the last day; they compare as
// "<time>".
func sameJSON(t testing.TB, got json.RawMessage, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expected JSON: %v\n%s", err, want)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("bad response JSON: %v\n%s", err, got)
	}
	g = normTimes(t, g)
	var diffs []string
	jsonDiff("", w, g, &diffs)
	if len(diffs) > 0 {
		if len(diffs) > 25 {
			diffs = append(diffs[:25], "...")
		}
		t.Errorf("response differs from demo.json expectations:\n  %s\ngot: %s", strings.Join(diffs, "\n  "), got)
	}
}

func normTimes(t testing.TB, v any) any {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "createdAt" || k == "updatedAt" {
				s, isStr := e.(string)
				ts, err := time.Parse(time.RFC3339Nano, s)
				if !isStr || err != nil || time.Since(ts) > 24*time.Hour || time.Until(ts) > time.Minute {
					t.Errorf("%s = %v, want a recent RFC 3339 instant", k, e)
					continue
				}
				x[k] = "<time>"
				continue
			}
			x[k] = normTimes(t, e)
		}
		return x
	case []any:
		for i := range x {
			x[i] = normTimes(t, x[i])
		}
	}
	return v
}

func jsonDiff(path string, want, got any, out *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, isMap := got.(map[string]any)
		if !isMap {
			*out = append(*out, fmt.Sprintf("%s: want object, got %s", path, compact(got)))
			return
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, in := w[k]; !in {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			wv, win := w[k]
			gv, gin := g[k]
			switch {
			case !win:
				*out = append(*out, fmt.Sprintf("%s.%s: unexpected, got %s", path, k, compact(gv)))
			case !gin:
				*out = append(*out, fmt.Sprintf("%s.%s: missing, want %s", path, k, compact(wv)))
			default:
				jsonDiff(path+"."+k, wv, gv, out)
			}
		}
	case []any:
		g, isList := got.([]any)
		if !isList || len(g) != len(w) {
			*out = append(*out, fmt.Sprintf("%s: want %s, got %s", path, compact(want), compact(got)))
			return
		}
		for i := range w {
			jsonDiff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], out)
		}
	default:
		if !reflect.DeepEqual(want, got) {
			*out = append(*out, fmt.Sprintf("%s: want %s, got %s", path, compact(want), compact(got)))
		}
	}
}

func compact(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// conn is a decoded connection of any root list.
type conn struct {
	TotalCount *int
	Nodes      []struct{ ID string }
	Edges      []struct {
		Cursor string
		Node   struct{ ID string }
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
}

func (c conn) ids() []string {
	out := make([]string, len(c.Nodes))
	for i, n := range c.Nodes {
		out[i] = n.ID
	}
	return out
}

const connFields = `totalCount nodes { id } edges { cursor node { id } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`

// list runs `{ <field>(<args>) { connFields } }` and returns the connection.
func list(t testing.TB, h http.Handler, st *store.Store, field, args string, vars map[string]any) conn {
	t.Helper()
	if args != "" {
		args = "(" + args + ")"
	}
	q := fmt.Sprintf("{ %s%s { %s } }", field, args, connFields)
	if vars != nil {
		q = fmt.Sprintf("query(%s) { %s%s { %s } }", varDecls(vars), field, args, connFields)
	}
	var out map[string]conn
	ok(t, h, st, q, vars, &out)
	c := out[field]
	for i, e := range c.Edges {
		if e.Node.ID != c.Nodes[i].ID {
			t.Fatalf("edge %d is %s, node %d is %s", i, e.Node.ID, i, c.Nodes[i].ID)
		}
	}
	return c
}

// varDecls declares the variables the list tests use.
func varDecls(vars map[string]any) string {
	types := map[string]string{"after": "String", "first": "Int"}
	var decls []string
	for k := range vars {
		decls = append(decls, "$"+k+": "+types[k])
	}
	sort.Strings(decls)
	return strings.Join(decls, ", ")
}

// sameSet fails unless got holds exactly the ids of want, in any order.
func sameSet(t testing.TB, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		var missing, extra []string
		for _, id := range w {
			if !slices.Contains(g, id) {
				missing = append(missing, id)
			}
		}
		for _, id := range g {
			if !slices.Contains(w, id) {
				extra = append(extra, id)
			}
		}
		t.Errorf("got %d ids, want %d; missing %v, unexpected %v (got %v)", len(got), len(want), missing, extra, got)
	}
}

// sameOrder fails unless got is exactly want, in order.
func sameOrder(t testing.TB, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got  %v\n want %v", got, want)
	}
}

// stakeholdersByName is every demo stakeholder in name order (code-point
// order of the 41 names in demo.json: "Association \"C…\"" < "Association
// \"F…\"" < "Association \"R…\"" < "Autonomous…" < "Bratsigovo…" <
// "CSRIDRG…" < "Centre … Initiatives" < "Centre … Rehabilitation" <
// "Chamber…" < "Community…" < "Crisis Centre…" < "Crisis centre…" < …).
var stakeholdersByName = []string{
	"st-cts",                     // Association "Centre for Training and Services"
	"st-equal-start",             // Association "For an Equal Start"
	"st-rural-initiative",        // Association "Rural Development Initiative"
	"st-pat",                     // Autonomous Province of Trento
	"st-bratsigovo-municipality", // Bratsigovo Municipality
	"st-csridrg-plovdiv",         // CSRIDRG – Plovdiv
	"st-csii",                    // Centre for Social Initiatives and Innovations – Kalugerovo
	"st-csri-offenders",          // Centre for Social Rehabilitation and Integration for offenders
	"st-cci-vratsa",              // Chamber of Commerce and Industry – Vratsa
	"st-mh-centre-pazardzhik",    // Community mental health centre – Pazardzhik (illustrative)
	"st-crisis-centre-peshtera",  // Crisis Centre for persons and children affected by violence – Peshtera
	"st-crisis-centre-vratsa",    // Crisis centre – Vratsa (illustrative)
	"st-daycare-vratsa",          // Day care centre for adults with disabilities – Vratsa (illustrative)
	"st-esf-flanders",            // ESF Flanders
	"st-ftc",                     // FTC
	"st-gp-lesichovo",            // General practice – Lesichovo (illustrative)
	"st-homecare-vratsa",         // Home care association – Vratsa (illustrative)
	"st-homecare-pazardzhik",     // Home care provider – Pazardzhik (illustrative)
	"st-homehealth-peshtera",     // Home health care team – Peshtera (illustrative)
	"st-iga-fund",                // IGA Fund
	"st-jccm",                    // Junta de Comunidades de Castilla-La Mancha
	"st-volunteers-kalugerovo",   // Kalugerovo volunteer group (illustrative)
	"st-lesichovo-municipality",  // Lesichovo Municipality
	"st-lesichovo-commission",    // Local Commission for Combating Anti-social Behaviour of Minors – Lesichovo
	"st-ls-ministry",             // Lower Saxon Ministry for Federal and European Affairs and Regional Development
	"st-vratsa-media",            // Media from Vratsa district
	"st-rehab-velingrad",         // Medical rehabilitation centre – Velingrad (illustrative)
	"st-hospital-pazardzhik",     // Multi-profile hospital – Pazardzhik (illustrative)
	"st-hospital-vratsa",         // Multi-profile hospital – Vratsa (illustrative)
	"st-nmd",                     // NMD
	"st-naso",                    // National Alliance for Social Responsibility
	"st-pazardzhik-municipality", // Pazardzhik Municipality
	"st-peshtera-municipality",   // Peshtera Municipality
	"st-sarnitsa-municipality",   // Sarnitsa Municipality
	"st-septemvri-municipality",  // Septemvri Municipality
	"st-asa-pazardzhik",          // Social Assistance Agency – Pazardzhik
	"st-sad-vratsa",              // Social Assistance Directorate – Vratsa (illustrative)
	"st-strelcha-municipality",   // Strelcha Municipality
	"st-ticino-vet",              // Ticino Canton Education, Culture and Sport Department – VET Division
	"st-vratsa-municipality",     // Vratsa Municipality
	"st-youth-ngo-vratsa",        // Youth association – Mezdra (illustrative)
}

// inPazardzhikDistrict is, in name order, every stakeholder located in
// Pazardzhik district or below it: stakeholdersByName filtered by
// territoryId ∈ {tr-pazardzhik (9), tr-lesichovo (4), tr-kalugerovo (2,
// a settlement of Lesichovo), tr-peshtera (3), tr-sarnitsa, tr-bratsigovo,
// tr-strelcha, tr-septemvri, tr-velingrad (1 each)} = 23.
var inPazardzhikDistrict = []string{
	"st-cts", "st-equal-start", "st-rural-initiative", "st-bratsigovo-municipality", "st-csii",
	"st-csri-offenders", "st-mh-centre-pazardzhik", "st-crisis-centre-peshtera", "st-gp-lesichovo",
	"st-homecare-pazardzhik", "st-homehealth-peshtera", "st-iga-fund", "st-volunteers-kalugerovo",
	"st-lesichovo-municipality", "st-lesichovo-commission", "st-rehab-velingrad", "st-hospital-pazardzhik",
	"st-pazardzhik-municipality", "st-peshtera-municipality", "st-sarnitsa-municipality",
	"st-septemvri-municipality", "st-asa-pazardzhik", "st-strelcha-municipality",
}

// inPlanningZone is inPazardzhikDistrict without the one stakeholder of a
// municipality outside tr-zone-pazardzhik-west (st-rehab-velingrad,
// Velingrad has no zoneIds): 22.
var inPlanningZone = slices.DeleteFunc(slices.Clone(inPazardzhikDistrict), func(id string) bool { return id == "st-rehab-velingrad" })

var update = flag.Bool("update", false, "rewrite the expected responses in testdata/*/*.golden from the actual ones")

// goldenName is the file name of a test case's expected response: its name
// without the "OK " prefix, in lower case, words joined by "_".
func goldenName(test string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimPrefix(test, "OK "))), "_") + ".golden"
}

// sameGolden compares got with the expected JSON in testdata/dir/ (see
// goldenName), as sameJSON does. With -update it writes got there instead
// (its times as "<time>"): review that diff against the comment of each
// case, which says how its values follow from demo.json.
func sameGolden(t testing.TB, got json.RawMessage, dir, test string) {
	t.Helper()
	path := filepath.Join("testdata", dir, goldenName(test))
	if *update {
		var v any
		if err := json.Unmarshal(got, &v); err != nil {
			t.Fatalf("bad response JSON: %v\n%s", err, got)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(normTimes(t, v)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	sameJSON(t, got, string(want))
}
