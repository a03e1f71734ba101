package api_test

// Tests of the read API against the demo dataset (internal/demo/demo.json).
//
// Every expected value below was worked out by hand from demo.json and is
// written as a literal; the comment next to it says how. Orders follow the
// documented sort of each field (names compare by code point, so capitals
// sort before small letters: "CSRIDRG" < "Centre" < "Chamber"), with ties
// broken by id ascending.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// ---------------------------------------------------------------------------
// Helpers shared by the read tests.

// Sources of demo records, as written in demo.json.
const (
	src000  = `"000_97db46298cb3df6a.txt"`
	src002  = `"002_45ff6f81e7e12297.txt"`
	srcNUTS = `"Eurostat NUTS 2021; NSI EKATTE municipality codes"`
	noSrc   = `null`
)

// metaFields selects the fields every node type has.
const metaFields = "createdAt updatedAt version updatedBy illustrative illustrativeFields source"

// meta is the expected JSON of metaFields for a record loaded once by
// testdb.LoadDemo (version 1, updatedBy "test"); timestamps are checked by
// sameJSON and stand as "<time>".
func meta(illustrative bool, illustrativeFields, source string) string {
	return fmt.Sprintf(`"createdAt":"<time>","updatedAt":"<time>","version":1,"updatedBy":"test","illustrative":%t,"illustrativeFields":%s,"source":%s`,
		illustrative, illustrativeFields, source)
}

// ids is the expected JSON of a list selected as `{ id }`.
func ids(list ...string) string {
	parts := make([]string, len(list))
	for i, id := range list {
		parts[i] = `{"id":"` + id + `"}`
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// one is the expected JSON of a to-one field selected as `{ id }`.
func one(id string) string { return `{"id":"` + id + `"}` }

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

// ---------------------------------------------------------------------------
// 1. Every read field.

// territoryFields selects every field of Territory, with the arguments of
// the relationship fields exercised through aliases.
const territoryFields = `id name nameLocal level code population
  parent { id } zones { id } ancestors { id }
  children { id } settlements: children(level: SETTLEMENT, first: 2) { id }
  neighbours { territory { id } distanceKm illustrative }
  near: neighbours(maxDistanceKm: 25) { territory { id } distanceKm }
  stakeholders { id } allStakeholders: stakeholders(includeSubTerritories: true) { id }
  services { id } needs { id volume } topNeeds: needs(first: 2) { id }
  partnerships { id } events { id } lastEvent: events(first: 1) { id }
  practicesOriginated { id } practicesReceived { practice { id } territory { id } year }
  ` + metaFields

const stakeholderFields = `id name nameLocal acronym kind sector description email phone website
  territory { id } services { id } firstService: services(first: 1) { id } cooperationAreas { id }
  partnerships { role stakeholder { id } partnership { id } }
  referralsOut { id from { id } to { id } categories { id } status since illustrative }
  referralsIn { id from { id } to { id } categories { id } status since illustrative }
  projects { role stakeholder { id } project { id } }
  events { role stakeholder { id } event { id } } lastEvents: events(first: 2) { event { id } }
  practices { id }
  ` + metaFields

const categoryFields = `id name nameLocal code domain description parent { id } children { id }
  services { id } firstService: services(first: 1) { id } needs { id volume } topNeed: needs(first: 1) { id }
  cooperationAreas { id }
  ` + metaFields

const targetGroupFields = `id name nameLocal description
  services { id } firstService: services(first: 1) { id } needs { id } topNeeds: needs(first: 2) { id }
  ` + metaFields

const serviceFields = `id name nameLocal description status deliveryMode eligibility minAge maxAge
  capacity available availableUpdatedAt email url
  provider { id } category { id } targetGroups { id } coverage { id }
  ` + metaFields

const needFields = `id description volume priority needSource year territory { id } category { id } targetGroup { id }
  ` + metaFields

const areaFields = `id name nameLocal description categories { id } stakeholders { id }
  firstTwo: stakeholders(first: 2) { id } partnerships { id }
  ` + metaFields

const partnershipFields = `id name nameLocal kind status validFrom validTo description
  parties { role stakeholder { id } partnership { id } } territory { id } areas { id } project { id }
  ` + metaFields

const practiceFields = `id name nameLocal description origin { id }
  transfers { practice { id } territory { id } year } implementers { id } project { id }
  ` + metaFields

const projectFields = `id name nameLocal acronym programme startDate endDate description
  participants { role stakeholder { id } project { id } } partnerships { id } practices { id }
  events { id } lastEvents: events(first: 2) { id }
  ` + metaFields

const eventFields = `id name nameLocal kind startDate endDate place online participantCount feedbackScore description
  territory { id } project { id } stakeholders { role stakeholder { id } event { id } }
  ` + metaFields

// party, participant... build the expected JSON of relationship objects.
func party(role, stakeholder, partnership string) string {
	return fmt.Sprintf(`{"role":"%s","stakeholder":{"id":"%s"},"partnership":{"id":"%s"}}`, role, stakeholder, partnership)
}

func projectPart(role, stakeholder, project string) string {
	return fmt.Sprintf(`{"role":"%s","stakeholder":{"id":"%s"},"project":{"id":"%s"}}`, role, stakeholder, project)
}

func eventPart(role, stakeholder, event string) string {
	return fmt.Sprintf(`{"role":"%s","stakeholder":{"id":"%s"},"event":{"id":"%s"}}`, role, stakeholder, event)
}

func referral(id, from, to, categories, status, since string) string {
	return fmt.Sprintf(`{"id":"%s","from":{"id":"%s"},"to":{"id":"%s"},"categories":%s,"status":"%s","since":"%s","illustrative":true}`,
		id, from, to, categories, status, since)
}

func neighbour(id string, km int) string {
	return fmt.Sprintf(`{"territory":{"id":"%s"},"distanceKm":%d,"illustrative":true}`, id, km)
}

func near(id string, km int) string {
	return fmt.Sprintf(`{"territory":{"id":"%s"},"distanceKm":%d}`, id, km)
}

func transfer(practice, territory, year string) string {
	return fmt.Sprintf(`{"practice":{"id":"%s"},"territory":{"id":"%s"},"year":%s}`, practice, territory, year)
}

func volumes(pairs ...any) string {
	parts := make([]string, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		parts = append(parts, fmt.Sprintf(`{"id":"%s","volume":%d}`, pairs[i], pairs[i+1]))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func join(parts ...string) string { return "[" + strings.Join(parts, ",") + "]" }

func TestReadFields(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadDemo(t, st)
	h := newHandler(st)

	tests := []struct {
		name  string
		query string
		want  string
	}{
		{
			// Lesichovo (tr-lesichovo): parentId tr-pazardzhik-district,
			// zoneIds [tr-zone-pazardzhik-west]; ancestors: district → tr-bg42
			// → tr-bg (the zone is not an administrative ancestor). Children:
			// the four settlements with parentId tr-lesichovo, by name
			// (Kalugerovo < Lesichovo (village) < Shtarkovo < Tserovo).
			// Neighbours: only its own list (no other territory names it):
			// Septemvri 11, Pazardzhik 25, Panagyurishte 42; within 25 km the
			// first two. Stakeholders located in it, by name: Association
			// "Rural…", General practice…, Lesichovo Municipality, Local
			// Commission…; with sub-territories add Kalugerovo's st-csii
			// ("Centre…") and st-volunteers-kalugerovo ("Kalugerovo…").
			// Services whose coverageIds hold tr-lesichovo, by name: "CSII
			// information…", "CSII referral…", "General practice…", "Home
			// social patronage…", "Personal assistance…", "Prevention…",
			// "Volunteering support…". Needs with territoryId tr-lesichovo by
			// volume: 55, 30, 24, 15, 12, 10, 5, 4. Events held in it:
			// ev-training-2. Practices transferred to it: Città sociale and
			// I plan (2018, ordered by year then name).
			name:  "OK territory by id Lesichovo",
			query: `{ territory(id: "tr-lesichovo") { ` + territoryFields + ` } }`,
			want: `{"territory":{"id":"tr-lesichovo","name":"Lesichovo","nameLocal":"Лесичово","level":"MUNICIPALITY","code":"PAZ14","population":4400,
				"parent":{"id":"tr-pazardzhik-district"},"zones":` + ids("tr-zone-pazardzhik-west") + `,
				"ancestors":` + ids("tr-pazardzhik-district", "tr-bg42", "tr-bg") + `,
				"children":` + ids("tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo") + `,
				"settlements":` + ids("tr-kalugerovo", "tr-lesichovo-village") + `,
				"neighbours":` + join(neighbour("tr-septemvri", 11), neighbour("tr-pazardzhik", 25), neighbour("tr-panagyurishte", 42)) + `,
				"near":` + join(near("tr-septemvri", 11), near("tr-pazardzhik", 25)) + `,
				"stakeholders":` + ids("st-rural-initiative", "st-gp-lesichovo", "st-lesichovo-municipality", "st-lesichovo-commission") + `,
				"allStakeholders":` + ids("st-rural-initiative", "st-csii", "st-gp-lesichovo", "st-volunteers-kalugerovo", "st-lesichovo-municipality", "st-lesichovo-commission") + `,
				"services":` + ids("svc-csii-info-point", "svc-csii-referral", "svc-lesichovo-gp", "svc-lesichovo-patronage",
				"svc-lesichovo-personal-assistance", "svc-lesichovo-prevention", "svc-csii-volunteering") + `,
				"needs":` + volumes("need-lesichovo-home-patronage-older-people", 55, "need-lesichovo-integrated-home-care-older-people", 30,
				"need-lesichovo-personal-assistance-disabilities", 24, "need-lesichovo-day-care-elderly-older-people", 15,
				"need-lesichovo-mental-health-mental-health", 12, "need-lesichovo-child-protection-children-at-risk", 10,
				"need-lesichovo-rehab-offenders-offenders", 5, "need-lesichovo-crisis-accommodation-violence-affected", 4) + `,
				"topNeeds":` + ids("need-lesichovo-home-patronage-older-people", "need-lesichovo-integrated-home-care-older-people") + `,
				"partnerships":[],"events":` + ids("ev-training-2") + `,"lastEvent":` + ids("ev-training-2") + `,
				"practicesOriginated":[],
				"practicesReceived":` + join(transfer("pr-citta-sociale", "tr-lesichovo", "2018"), transfer("pr-i-plan", "tr-lesichovo", "2018")) + `,
				` + meta(false, `["population"]`, src002) + `}}`,
		},
		{
			// Vratsa (tr-vratsa): neighbours from its own list (Krivodol 20,
			// Mezdra 16) and from Borovan's (27) and Byala Slatina's (40),
			// nearest first. Seven stakeholders with territoryId tr-vratsa,
			// by name (Chamber… < Crisis… < Day… < Home… < Multi… < Social…
			// < Vratsa…); none in tr-vratsa-town. Seven services whose
			// coverage lists tr-vratsa, by name ("Day care for adults…" <
			// "Day care for older…" < "Home…" < "Integrated…" < "Mobile…" <
			// "Personal…" < "Social…"). Needs: 170, 70, 55, 40, 38, 12. The
			// platform agreement has territoryId tr-vratsa. Events held in
			// it, newest first: 2022-02-22, 2021-11-23, 2021-06-15. The
			// Trento model was transferred to it without a year.
			name:  "OK territory by id Vratsa",
			query: `{ territory(id: "tr-vratsa") { ` + territoryFields + ` } }`,
			want: `{"territory":{"id":"tr-vratsa","name":"Vratsa","nameLocal":"Враца","level":"MUNICIPALITY","code":"VRC10","population":63000,
				"parent":{"id":"tr-vratsa-district"},"zones":[],"ancestors":` + ids("tr-vratsa-district", "tr-bg31", "tr-bg") + `,
				"children":` + ids("tr-vratsa-town") + `,"settlements":` + ids("tr-vratsa-town") + `,
				"neighbours":` + join(neighbour("tr-mezdra", 16), neighbour("tr-krivodol", 20), neighbour("tr-borovan", 27), neighbour("tr-byala-slatina", 40)) + `,
				"near":` + join(near("tr-mezdra", 16), near("tr-krivodol", 20)) + `,
				"stakeholders":` + ids("st-cci-vratsa", "st-crisis-centre-vratsa", "st-daycare-vratsa", "st-homecare-vratsa", "st-hospital-vratsa", "st-sad-vratsa", "st-vratsa-municipality") + `,
				"allStakeholders":` + ids("st-cci-vratsa", "st-crisis-centre-vratsa", "st-daycare-vratsa", "st-homecare-vratsa", "st-hospital-vratsa", "st-sad-vratsa", "st-vratsa-municipality") + `,
				"services":` + ids("svc-vratsa-disabilities-day-care", "svc-vratsa-elderly-day-care", "svc-vratsa-patronage", "svc-vratsa-integrated-home-care",
				"svc-vratsa-mobile-team", "svc-vratsa-personal-assistance", "svc-vratsa-referral") + `,
				"needs":` + volumes("need-vratsa-home-patronage-older-people", 170, "need-vratsa-integrated-home-care-older-people", 70,
				"need-vratsa-mental-health-mental-health", 55, "need-vratsa-day-care-elderly-older-people", 40,
				"need-vratsa-day-care-disabilities-disabilities", 38, "need-vratsa-crisis-accommodation-violence-affected", 12) + `,
				"topNeeds":` + ids("need-vratsa-home-patronage-older-people", "need-vratsa-integrated-home-care-older-people") + `,
				"partnerships":` + ids("ps-vratsa-platform-agreement") + `,
				"events":` + ids("ev-social-d-press-conference", "ev-visit-vratsa", "ev-vratsa-working-meetings") + `,
				"lastEvent":` + ids("ev-social-d-press-conference") + `,
				"practicesOriginated":[],"practicesReceived":` + join(transfer("pr-trento-model", "tr-vratsa", "null")) + `,
				` + meta(false, `["population"]`, src000) + `}}`,
		},
		{
			// Italy: a country without population, parent, zones or
			// neighbours. Its children are its two regions by name
			// (Autonomous Province of Trento < Campania); with
			// sub-territories, the stakeholders located in tr-trento (st-pat
			// "Autonomous…", st-ftc "FTC"). Three practices have originId
			// tr-it, by name (Centre… < I plan… < Planning model…).
			name:  "OK territory by id Italy with nulls and empty lists",
			query: `{ territory(id: "tr-it") { ` + territoryFields + ` } }`,
			want: `{"territory":{"id":"tr-it","name":"Italy","nameLocal":"Italia","level":"COUNTRY","code":"IT","population":null,
				"parent":null,"zones":[],"ancestors":[],"children":` + ids("tr-trento", "tr-campania") + `,"settlements":[],
				"neighbours":[],"near":[],"stakeholders":[],"allStakeholders":` + ids("st-pat", "st-ftc") + `,
				"services":[],"needs":[],"topNeeds":[],"partnerships":[],"events":[],"lastEvent":[],
				"practicesOriginated":` + ids("pr-citta-sociale", "pr-i-plan", "pr-territorial-zone-planning") + `,"practicesReceived":[],
				` + meta(false, `[]`, src000) + `}}`,
		},
		{
			// The planning zone: parentId tr-pazardzhik-district; its
			// children are the seven municipalities whose zoneIds name it,
			// by name. Nothing is located in it directly; with
			// sub-territories, the 22 stakeholders of inPlanningZone. The
			// zone network has territoryId the zone; the zone planning
			// model was transferred to it in 2019.
			name:  "OK territory by id planning zone",
			query: `{ territory(id: "tr-zone-pazardzhik-west") { ` + territoryFields + ` } }`,
			want: `{"territory":{"id":"tr-zone-pazardzhik-west","name":"Lesichovo–Pazardzhik social planning zone",
				"nameLocal":"Териториална зона за планиране на социалните услуги Лесичово – Пазарджик","level":"ZONE","code":null,"population":null,
				"parent":{"id":"tr-pazardzhik-district"},"zones":[],"ancestors":` + ids("tr-pazardzhik-district", "tr-bg42", "tr-bg") + `,
				"children":` + ids("tr-bratsigovo", "tr-lesichovo", "tr-pazardzhik", "tr-peshtera", "tr-sarnitsa", "tr-septemvri", "tr-strelcha") + `,
				"settlements":[],"neighbours":[],"near":[],"stakeholders":[],"allStakeholders":` + ids(inPlanningZone...) + `,
				"services":[],"needs":[],"topNeeds":[],"partnerships":` + ids("ps-zone-planning-network") + `,"events":[],"lastEvent":[],
				"practicesOriginated":[],"practicesReceived":` + join(transfer("pr-territorial-zone-planning", "tr-zone-pazardzhik-west", "2019")) + `,
				` + meta(true, `[]`, src002) + `}}`,
		},
		{
			// Kalugerovo: a settlement of Lesichovo; its ancestors skip the
			// zone: Lesichovo, Pazardzhik district, South-Central, Bulgaria.
			name: "OK territory by id Kalugerovo ancestors",
			query: `{ territory(id: "tr-kalugerovo") { parent { id } zones { id } ancestors { id } stakeholders { id }
				services { id } events { id } } }`,
			want: `{"territory":{"parent":{"id":"tr-lesichovo"},"zones":[],"ancestors":` + ids("tr-lesichovo", "tr-pazardzhik-district", "tr-bg42", "tr-bg") + `,
				"stakeholders":` + ids("st-csii", "st-volunteers-kalugerovo") + `,"services":` + ids("svc-kalugerovo-volunteers") + `,
				"events":` + ids("ev-csii-open-day") + `}}`,
		},
		{
			// Pazardzhik district: children are its 12 municipalities and
			// the zone; the only ZONE child is the zone; the first three
			// municipalities by name are Batak, Belovo, Bratsigovo. Its
			// stakeholders at any depth are the 23 of inPazardzhikDistrict,
			// each once, although the zone members are reached both through
			// the zone and directly. Services covering it directly, by name:
			// "Medical rehabilitation – Pazardzhik hospital" < "Social
			// assistance… – Pazardzhik district". The memorandum has
			// territoryId the district.
			name: "OK territory by id Pazardzhik district children and deep stakeholders",
			query: `{ territory(id: "tr-pazardzhik-district") { zone: children(level: ZONE) { id }
				municipalities: children(level: MUNICIPALITY, first: 3) { id } allStakeholders: stakeholders(includeSubTerritories: true) { id }
				firstThree: stakeholders(includeSubTerritories: true, first: 3) { id }
				services { id } partnerships { id } } }`,
			want: `{"territory":{"zone":` + ids("tr-zone-pazardzhik-west") + `,"municipalities":` + ids("tr-batak", "tr-belovo", "tr-bratsigovo") + `,
				"allStakeholders":` + ids(inPazardzhikDistrict...) + `,"firstThree":` + ids(inPazardzhikDistrict[:3]...) + `,
				"services":` + ids("svc-pazardzhik-medical-rehab", "svc-asa-referral-district") + `,
				"partnerships":` + ids("ps-pazardzhik-referral-memorandum") + `}}`,
		},
		{
			// NEIGHBOUR_OF read from the end that did not list it: Septemvri
			// lists no neighbours itself; Lesichovo (11), Belovo (12),
			// Pazardzhik (20), Rakitovo (30) and Velingrad (35) list it.
			name:  "OK territory neighbours in the reverse direction",
			query: `{ territory(id: "tr-septemvri") { neighbours { territory { id } distanceKm illustrative } } }`,
			want: `{"territory":{"neighbours":` + join(neighbour("tr-lesichovo", 11), neighbour("tr-belovo", 12), neighbour("tr-pazardzhik", 20),
				neighbour("tr-rakitovo", 30), neighbour("tr-velingrad", 35)) + `}}`,
		},
		{
			// st-csii: located in tr-kalugerovo; provides the three CSII
			// services (by name: "CSII information…" < "CSII referral…" <
			// "Volunteering…"); areaIds by name: Integration… < Inter-… <
			// Territorial… < Volunteering…; an ASSOCIATE of the memorandum
			// ("Inter-municipal…") and of the zone network ("Territorial…");
			// six referral links from it, ordered by the name of the
			// stakeholder referred to (Community… < Crisis… < General… <
			// Kalugerovo… < Lesichovo… < Social…), one to it (from Lesichovo
			// Municipality); in no project; HOST of the open day; implements
			// Città sociale and I plan.
			name:  "OK stakeholder by id CSII",
			query: `{ stakeholder(id: "st-csii") { ` + stakeholderFields + ` } }`,
			want: `{"stakeholder":{"id":"st-csii","name":"Centre for Social Initiatives and Innovations – Kalugerovo",
				"nameLocal":"Център за социални инициативи и иновации – с. Калугерово","acronym":"ЦСИИ","kind":"SOCIAL_SERVICE_PROVIDER","sector":"PUBLIC",
				"description":"Result of the Lesichovo project: physical space for institutions, NGOs, service providers and volunteer groups; information platform, referral services, a tool for research and for supporting the municipality's policy planning; coordination point of social services and activities for residents.",
				"email":null,"phone":null,"website":null,"territory":{"id":"tr-kalugerovo"},
				"services":` + ids("svc-csii-info-point", "svc-csii-referral", "svc-csii-volunteering") + `,"firstService":` + ids("svc-csii-info-point") + `,
				"cooperationAreas":` + ids("area-health-social", "area-intermunicipal", "area-zone-planning", "area-volunteering") + `,
				"partnerships":` + join(party("ASSOCIATE", "st-csii", "ps-pazardzhik-referral-memorandum"), party("ASSOCIATE", "st-csii", "ps-zone-planning-network")) + `,
				"referralsOut":` + join(
				referral("ref-csii-mental-health", "st-csii", "st-mh-centre-pazardzhik", ids("cat-mental-health"), "PROPOSED", "2022-03-01"),
				referral("ref-csii-crisis-peshtera", "st-csii", "st-crisis-centre-peshtera", ids("cat-crisis-accommodation"), "INACTIVE", "2019-01-15"),
				referral("ref-csii-gp", "st-csii", "st-gp-lesichovo", ids("cat-health"), "ACTIVE", "2019-02-01"),
				referral("ref-csii-volunteers", "st-csii", "st-volunteers-kalugerovo", ids("cat-community-initiatives"), "ACTIVE", "2019-04-01"),
				referral("ref-csii-lesichovo", "st-csii", "st-lesichovo-municipality", `[]`, "ACTIVE", "2018-12-11"),
				referral("ref-csii-asa", "st-csii", "st-asa-pazardzhik", ids("cat-crisis", "cat-referral-case-mgmt"), "ACTIVE", "2019-01-15")) + `,
				"referralsIn":` + join(referral("ref-lesichovo-csii", "st-lesichovo-municipality", "st-csii", `[]`, "ACTIVE", "2018-12-11")) + `,
				"projects":[],"events":` + join(eventPart("HOST", "st-csii", "ev-csii-open-day")) + `,
				"lastEvents":[{"event":{"id":"ev-csii-open-day"}}],
				"practices":` + ids("pr-citta-sociale", "pr-i-plan") + `,
				` + meta(false, `["sector"]`, src002) + `}}`,
		},
		{
			// st-cci-vratsa: no services; areas Integration… < Social
			// inclusion…; LEAD of the agreement ("Agreement…") and PARTNER
			// of the consortium ("DIALOG…"); one referral link out, none in;
			// PARTNER of DIALOG and LEAD of SOCIAL-D (by project name);
			// five events newest first: press conference 2022-02-22,
			// campaign 2022-01-17, visit to Vratsa 2021-11-23, visit to
			// Trento 2021-10-12, working meetings 2021-06-15; implements the
			// Trento model.
			name:  "OK stakeholder by id CCI Vratsa",
			query: `{ stakeholder(id: "st-cci-vratsa") { ` + stakeholderFields + ` } }`,
			want: `{"stakeholder":{"id":"st-cci-vratsa","name":"Chamber of Commerce and Industry – Vratsa","nameLocal":"Търговско-промишлена палата – Враца",
				"acronym":"ТПП-Враца","kind":"CHAMBER","sector":"NON_PROFIT",
				"description":"Bulgarian partner of DIALOG; organised and held the online final press conference of the SOCIAL-D pilot action on 22 Feb 2022. Ms Maya Milova presented the activities and results and is the contact person for the project.",
				"email":"cci-vr@cci-vratsa.org","phone":"092 660273","website":null,"territory":{"id":"tr-vratsa"},
				"services":[],"firstService":[],"cooperationAreas":` + ids("area-health-social", "area-social-inclusion") + `,
				"partnerships":` + join(party("LEAD", "st-cci-vratsa", "ps-vratsa-platform-agreement"), party("PARTNER", "st-cci-vratsa", "ps-dialog-consortium")) + `,
				"referralsOut":` + join(referral("ref-cci-vratsa-municipality", "st-cci-vratsa", "st-vratsa-municipality", `[]`, "PROPOSED", "2022-02-22")) + `,
				"referralsIn":[],
				"projects":` + join(projectPart("PARTNER", "st-cci-vratsa", "prj-dialog"), projectPart("LEAD", "st-cci-vratsa", "prj-social-d")) + `,
				"events":` + join(eventPart("ORGANISER", "st-cci-vratsa", "ev-social-d-press-conference"), eventPart("ORGANISER", "st-cci-vratsa", "ev-social-d-campaign"),
				eventPart("HOST", "st-cci-vratsa", "ev-visit-vratsa"), eventPart("PARTICIPANT", "st-cci-vratsa", "ev-visit-trento"),
				eventPart("ORGANISER", "st-cci-vratsa", "ev-vratsa-working-meetings")) + `,
				"lastEvents":[{"event":{"id":"ev-social-d-press-conference"}},{"event":{"id":"ev-social-d-campaign"}}],
				"practices":` + ids("pr-trento-model") + `,
				` + meta(false, `["sector"]`, src000) + `}}`,
		},
		{
			// PROVIDES from the stakeholder's side: the Peshtera crisis
			// centre provides "Crisis accommodation – Peshtera" and "Crisis
			// intervention… – Peshtera".
			name:  "OK stakeholder services of the Peshtera crisis centre",
			query: `{ stakeholder(id: "st-crisis-centre-peshtera") { services { id provider { id } } } }`,
			want: `{"stakeholder":{"services":[{"id":"svc-peshtera-crisis-accommodation","provider":{"id":"st-crisis-centre-peshtera"}},
				{"id":"svc-peshtera-crisis-counselling","provider":{"id":"st-crisis-centre-peshtera"}}]}}`,
		},
		{
			// cat-info-referral: top level, with a description; its three
			// sub-categories by name (Information… < Referral… <
			// Support…); no service or need is in exactly this category;
			// only area-intermunicipal lists it.
			name:  "OK serviceCategory by id top-level",
			query: `{ serviceCategory(id: "cat-info-referral") { ` + categoryFields + ` } }`,
			want: `{"serviceCategory":{"id":"cat-info-referral","name":"Information, counselling and referral","nameLocal":"Информиране, консултиране и насочване",
				"code":null,"domain":"INTEGRATED",
				"description":"Entry points that inform residents and refer them to social and health services, including services the municipality itself does not have.",
				"parent":null,"children":` + ids("cat-info-point", "cat-referral-case-mgmt", "cat-community-initiatives") + `,
				"services":[],"firstService":[],"needs":[],"topNeed":[],"cooperationAreas":` + ids("area-intermunicipal") + `,
				` + meta(false, `[]`, src002) + `}}`,
		},
		{
			// cat-crisis-accommodation: parent cat-crisis; services in it
			// by name (– Peshtera < – Vratsa); its six needs by volume:
			// Plovdiv 35, Pazardzhik 14, Vratsa 12, Peshtera 9, Lesichovo
			// 4, Bratsigovo 3; areas that list it: Inter-municipal… <
			// Protection from violence….
			name:  "OK serviceCategory by id sub-category",
			query: `{ serviceCategory(id: "cat-crisis-accommodation") { ` + categoryFields + ` } }`,
			want: `{"serviceCategory":{"id":"cat-crisis-accommodation","name":"Crisis accommodation for persons affected by violence",
				"nameLocal":"Кризисно настаняване на лица, пострадали от насилие","code":null,"domain":"SOCIAL","description":null,
				"parent":{"id":"cat-crisis"},"children":[],
				"services":` + ids("svc-peshtera-crisis-accommodation", "svc-vratsa-crisis-accommodation") + `,
				"firstService":` + ids("svc-peshtera-crisis-accommodation") + `,
				"needs":` + volumes("need-plovdiv-crisis-accommodation-violence-affected", 35, "need-pazardzhik-crisis-accommodation-violence-affected", 14,
				"need-vratsa-crisis-accommodation-violence-affected", 12, "need-peshtera-crisis-accommodation-violence-affected", 9,
				"need-lesichovo-crisis-accommodation-violence-affected", 4, "need-bratsigovo-crisis-accommodation-violence-affected", 3) + `,
				"topNeed":` + ids("need-plovdiv-crisis-accommodation-violence-affected") + `,
				"cooperationAreas":` + ids("area-intermunicipal", "area-violence-protection") + `,
				` + meta(false, `[]`, src002) + `}}`,
		},
		{
			// tg-violence-affected: the six services whose targetGroupIds
			// hold it, by name ("CSII…" < "Crisis accommodation – P…" <
			// "– V…" < "Crisis intervention…" < "Social assistance… –
			// Pazardzhik district" < "– Vratsa"); its needs are the six
			// crisis accommodation needs, by volume.
			name:  "OK targetGroup by id",
			query: `{ targetGroup(id: "tg-violence-affected") { ` + targetGroupFields + ` } }`,
			want: `{"targetGroup":{"id":"tg-violence-affected","name":"Persons and children affected by violence","nameLocal":"Лица и деца, пострадали от насилие",
				"description":null,
				"services":` + ids("svc-csii-referral", "svc-peshtera-crisis-accommodation", "svc-vratsa-crisis-accommodation",
				"svc-peshtera-crisis-counselling", "svc-asa-referral-district", "svc-vratsa-referral") + `,
				"firstService":` + ids("svc-csii-referral") + `,
				"needs":` + ids("need-plovdiv-crisis-accommodation-violence-affected", "need-pazardzhik-crisis-accommodation-violence-affected",
				"need-vratsa-crisis-accommodation-violence-affected", "need-peshtera-crisis-accommodation-violence-affected",
				"need-lesichovo-crisis-accommodation-violence-affected", "need-bratsigovo-crisis-accommodation-violence-affected") + `,
				"topNeeds":` + ids("need-plovdiv-crisis-accommodation-violence-affected", "need-pazardzhik-crisis-accommodation-violence-affected") + `,
				` + meta(false, `[]`, src002) + `}}`,
		},
		{
			// svc-peshtera-crisis-accommodation as in demo.json; target
			// groups by name (Children at risk < Persons and children…),
			// coverage by name (Batak < Bratsigovo < Peshtera).
			name:  "OK service by id crisis accommodation",
			query: `{ service(id: "svc-peshtera-crisis-accommodation") { ` + serviceFields + ` } }`,
			want: `{"service":{"id":"svc-peshtera-crisis-accommodation","name":"Crisis accommodation – Peshtera","nameLocal":"Кризисно настаняване – Пещера",
				"description":null,"status":"ACTIVE","deliveryMode":"RESIDENTIAL",
				"eligibility":"Persons and children affected by violence, placed by the social assistance services; up to 6 months.",
				"minAge":null,"maxAge":null,"capacity":12,"available":3,"availableUpdatedAt":null,"email":null,"url":null,
				"provider":{"id":"st-crisis-centre-peshtera"},"category":{"id":"cat-crisis-accommodation"},
				"targetGroups":` + ids("tg-children-at-risk", "tg-violence-affected") + `,"coverage":` + ids("tr-batak", "tr-bratsigovo", "tr-peshtera") + `,
				` + meta(true, `[]`, noSrc) + `}}`,
		},
		{
			// svc-lesichovo-prevention: the ages 8 to 18.
			name:  "OK service by id with ages",
			query: `{ service(id: "svc-lesichovo-prevention") { ` + serviceFields + ` } }`,
			want: `{"service":{"id":"svc-lesichovo-prevention","name":"Prevention of anti-social behaviour of minors",
				"nameLocal":"Превенция на противообществени прояви на малолетни и непълнолетни","description":null,"status":"ACTIVE","deliveryMode":"IN_PERSON",
				"eligibility":"Minors referred by schools, parents or the police.","minAge":8,"maxAge":18,"capacity":15,"available":6,
				"availableUpdatedAt":null,"email":null,"url":null,"provider":{"id":"st-lesichovo-commission"},"category":{"id":"cat-child-protection"},
				"targetGroups":` + ids("tg-children-at-risk", "tg-offenders") + `,"coverage":` + ids("tr-lesichovo") + `,
				` + meta(true, `[]`, noSrc) + `}}`,
		},
		{
			// svc-vratsa-elderly-day-care: SUSPENDED, a description, 0 free
			// places (zero, not null).
			name:  "OK service by id suspended with zero available",
			query: `{ service(id: "svc-vratsa-elderly-day-care") { ` + serviceFields + ` } }`,
			want: `{"service":{"id":"svc-vratsa-elderly-day-care","name":"Day care for older people – Vratsa","nameLocal":"Дневна грижа за възрастни хора – Враца",
				"description":"Suspended during the renovation of the building.","status":"SUSPENDED","deliveryMode":"DAY_CARE",
				"eligibility":"Older people living in Vratsa Municipality.","minAge":65,"maxAge":null,"capacity":25,"available":0,
				"availableUpdatedAt":null,"email":null,"url":null,"provider":{"id":"st-vratsa-municipality"},"category":{"id":"cat-day-care-elderly"},
				"targetGroups":` + ids("tg-older-people") + `,"coverage":` + ids("tr-vratsa") + `,
				` + meta(true, `[]`, noSrc) + `}}`,
		},
		{
			name:  "OK need by id",
			query: `{ need(id: "need-lesichovo-crisis-accommodation-violence-affected") { ` + needFields + ` } }`,
			want: `{"need":{"id":"need-lesichovo-crisis-accommodation-violence-affected",
				"description":"No crisis accommodation covers Lesichovo; the nearest is in Peshtera (two municipalities away).",
				"volume":4,"priority":"HIGH","needSource":"illustrative estimate","year":2022,
				"territory":{"id":"tr-lesichovo"},"category":{"id":"cat-crisis-accommodation"},"targetGroup":{"id":"tg-violence-affected"},
				` + meta(true, `[]`, noSrc) + `}}`,
		},
		{
			name:  "OK need by id without description",
			query: `{ need(id: "need-vratsa-home-patronage-older-people") { ` + needFields + ` } }`,
			want: `{"need":{"id":"need-vratsa-home-patronage-older-people","description":null,"volume":170,"priority":"CRITICAL",
				"needSource":"illustrative estimate","year":2022,"territory":{"id":"tr-vratsa"},"category":{"id":"cat-home-patronage"},
				"targetGroup":{"id":"tg-older-people"},` + meta(true, `[]`, noSrc) + `}}`,
		},
		{
			// area-intermunicipal: its five categoryIds by name (Crisis… <
			// Information… < Referral… < Social… children < Social…
			// offenders); the eight stakeholders whose areaIds hold it, by
			// name; the memorandum and the network cover it.
			name:  "OK cooperationArea by id",
			query: `{ cooperationArea(id: "area-intermunicipal") { ` + areaFields + ` } }`,
			want: `{"cooperationArea":{"id":"area-intermunicipal","name":"Inter-municipal cooperation and shared services",
				"nameLocal":"Междуобщинско сътрудничество и споделени услуги",
				"description":"Using services the municipality itself does not have, through cooperation with neighbouring municipalities (second training, Sep 2018).",
				"categories":` + ids("cat-crisis-accommodation", "cat-info-referral", "cat-referral-case-mgmt", "cat-rehab-children", "cat-rehab-offenders") + `,
				"stakeholders":` + ids("st-csii", "st-csri-offenders", "st-crisis-centre-peshtera", "st-lesichovo-municipality",
				"st-pazardzhik-municipality", "st-peshtera-municipality", "st-asa-pazardzhik", "st-vratsa-municipality") + `,
				"firstTwo":` + ids("st-csii", "st-csri-offenders") + `,
				"partnerships":` + ids("ps-pazardzhik-referral-memorandum", "ps-zone-planning-network") + `,
				` + meta(false, `[]`, src002) + `}}`,
		},
		{
			// area-volunteering: categories Information… < Support…;
			// members Association "Rural…" < Centre… < Kalugerovo… <
			// Lesichovo… < Youth…; no partnership covers it.
			name:  "OK cooperationArea by id without partnerships",
			query: `{ cooperationArea(id: "area-volunteering") { categories { id } stakeholders { id } partnerships { id } } }`,
			want: `{"cooperationArea":{"categories":` + ids("cat-info-point", "cat-community-initiatives") + `,
				"stakeholders":` + ids("st-rural-initiative", "st-csii", "st-volunteers-kalugerovo", "st-lesichovo-municipality", "st-youth-ngo-vratsa") + `,
				"partnerships":[]}}`,
		},
		{
			// The platform agreement: LEAD first, then the SIGNATORYs by
			// name (Day care… < Home care… < Multi-profile… < Social… <
			// Vratsa…), then the ASSOCIATE.
			name:  "OK partnership by id agreement",
			query: `{ partnership(id: "ps-vratsa-platform-agreement") { ` + partnershipFields + ` } }`,
			want: `{"partnership":{"id":"ps-vratsa-platform-agreement",
				"name":"Agreement to establish a partnership to design a cooperation platform for public health and social services on the territory of Vratsa Municipality",
				"nameLocal":"Споразумение за създаване на партньорство с цел проектиране на платформа за сътрудничество в областта на общественото здраве и социалните услуги на територията на Община Враца",
				"kind":"AGREEMENT","status":"ACTIVE","validFrom":"2022-02-01","validTo":null,
				"description":"Result of the SOCIAL-D pilot action presented at the final press conference on 22 Feb 2022. The source does not list the parties or the date of signature.",
				"parties":` + join(party("LEAD", "st-cci-vratsa", "ps-vratsa-platform-agreement"),
				party("SIGNATORY", "st-daycare-vratsa", "ps-vratsa-platform-agreement"), party("SIGNATORY", "st-homecare-vratsa", "ps-vratsa-platform-agreement"),
				party("SIGNATORY", "st-hospital-vratsa", "ps-vratsa-platform-agreement"), party("SIGNATORY", "st-sad-vratsa", "ps-vratsa-platform-agreement"),
				party("SIGNATORY", "st-vratsa-municipality", "ps-vratsa-platform-agreement"), party("ASSOCIATE", "st-vratsa-media", "ps-vratsa-platform-agreement")) + `,
				"territory":{"id":"tr-vratsa"},"areas":` + ids("area-health-social", "area-social-inclusion") + `,"project":{"id":"prj-social-d"},
				` + meta(false, `["parties","validFrom","status"]`, src000) + `}}`,
		},
		{
			// The DIALOG consortium: no territory, no dates; LEAD st-pat,
			// then the PARTNERs by name (Chamber… < ESF… < FTC < Junta… <
			// Lower Saxon… < Ticino…).
			name:  "OK partnership by id consortium without territory",
			query: `{ partnership(id: "ps-dialog-consortium") { ` + partnershipFields + ` } }`,
			want: `{"partnership":{"id":"ps-dialog-consortium","name":"DIALOG project consortium",
				"nameLocal":"Партньорство по проект „Dialog for Innovation And LOcal Growth“","kind":"CONSORTIUM","status":"ENDED",
				"validFrom":null,"validTo":null,
				"description":"Partnership of organisations from six countries; the Autonomous Province of Trento is the lead partner.",
				"parties":` + join(party("LEAD", "st-pat", "ps-dialog-consortium"), party("PARTNER", "st-cci-vratsa", "ps-dialog-consortium"),
				party("PARTNER", "st-esf-flanders", "ps-dialog-consortium"), party("PARTNER", "st-ftc", "ps-dialog-consortium"),
				party("PARTNER", "st-jccm", "ps-dialog-consortium"), party("PARTNER", "st-ls-ministry", "ps-dialog-consortium"),
				party("PARTNER", "st-ticino-vet", "ps-dialog-consortium")) + `,
				"territory":null,"areas":` + ids("area-health-social") + `,"project":{"id":"prj-dialog"},
				` + meta(false, `["status","areaIds"]`, src000) + `}}`,
		},
		{
			// The zone network: LEAD first, PARTNERs by name, the ASSOCIATE
			// st-csii last although "Centre…" sorts first by name.
			name:  "OK partnership parties leads first",
			query: `{ partnership(id: "ps-zone-planning-network") { validFrom territory { id } project { id } parties { role stakeholder { id } } } }`,
			want: `{"partnership":{"validFrom":"2019-03-01","territory":{"id":"tr-zone-pazardzhik-west"},"project":{"id":"prj-lesichovo"},"parties":[
				{"role":"LEAD","stakeholder":{"id":"st-lesichovo-municipality"}},{"role":"PARTNER","stakeholder":{"id":"st-bratsigovo-municipality"}},
				{"role":"PARTNER","stakeholder":{"id":"st-pazardzhik-municipality"}},{"role":"PARTNER","stakeholder":{"id":"st-peshtera-municipality"}},
				{"role":"PARTNER","stakeholder":{"id":"st-sarnitsa-municipality"}},{"role":"PARTNER","stakeholder":{"id":"st-septemvri-municipality"}},
				{"role":"PARTNER","stakeholder":{"id":"st-strelcha-municipality"}},{"role":"ASSOCIATE","stakeholder":{"id":"st-csii"}}]}}`,
		},
		{
			// pr-trento-model: transferred to Vratsa without a year.
			name:  "OK practice by id Trento model",
			query: `{ practice(id: "pr-trento-model") { ` + practiceFields + ` } }`,
			want: `{"practice":{"id":"pr-trento-model","name":"Elements of the Trento model implemented in the SOCIAL-D pilot",
				"nameLocal":"Елементи на модела, анализирани по време на посещението в Тренто",
				"description":"The model elements analysed during the exchange visit to Trento and implemented in the pilot action in Vratsa. The source does not give the year.",
				"origin":{"id":"tr-trento"},"transfers":` + join(transfer("pr-trento-model", "tr-vratsa", "null")) + `,
				"implementers":` + ids("st-cci-vratsa") + `,"project":{"id":"prj-social-d"},
				` + meta(false, `[]`, src000) + `}}`,
		},
		{
			// pr-citta-sociale: implementers by name (Centre… < Lesichovo…).
			name:  "OK practice by id Città sociale",
			query: `{ practice(id: "pr-citta-sociale") { ` + practiceFields + ` } }`,
			want: `{"practice":{"id":"pr-citta-sociale","name":"Centre for social initiatives and innovations \"Città sociale\"",
				"nameLocal":"Център за социални инициативи и иновации „Città sociale“",
				"description":"One of the two Italian social innovations studied, transferred and introduced in Lesichovo Municipality; it led to the Centre for Social Initiatives and Innovations in Kalugerovo. The source does not say where in Italy it comes from.",
				"origin":{"id":"tr-it"},"transfers":` + join(transfer("pr-citta-sociale", "tr-lesichovo", "2018")) + `,
				"implementers":` + ids("st-csii", "st-lesichovo-municipality") + `,"project":{"id":"prj-lesichovo"},
				` + meta(false, `[]`, src002) + `}}`,
		},
		{
			// pr-campania-joint-planning: no transfers, no implementers.
			name:  "OK practice by id without transfers",
			query: `{ practice(id: "pr-campania-joint-planning") { origin { id } transfers { year } implementers { id } project { id } } }`,
			want:  `{"practice":{"origin":{"id":"tr-campania"},"transfers":[],"implementers":[],"project":{"id":"prj-lesichovo"}}}`,
		},
		{
			// prj-lesichovo: LEAD first although st-cts ("Association…")
			// sorts first by name; practices by name (Centre… < I plan… <
			// Institutionalised… < Planning…); seven events newest first,
			// the two of 2018-12-11 by id (ev-csii-open-day <
			// ev-national-conference).
			name:  "OK project by id Lesichovo",
			query: `{ project(id: "prj-lesichovo") { ` + projectFields + ` } }`,
			want: `{"project":{"id":"prj-lesichovo","name":"Lesichovo Municipality project on the transfer of Italian social innovations",
				"nameLocal":"Проект на Община Лесичово","acronym":null,"programme":null,"startDate":null,"endDate":"2018-12-12",
				"description":"The source calls it only \"the project\" and gives neither its title nor its programme. It studied, transferred and introduced two innovative Italian social practices in Lesichovo Municipality, set up the Centre for Social Initiatives and Innovations in Kalugerovo and was closed by the national conference of 11–12 Dec 2018 in Pazardzhik (end date inferred from that).",
				"participants":` + join(projectPart("LEAD", "st-lesichovo-municipality", "prj-lesichovo"), projectPart("EXPERT", "st-cts", "prj-lesichovo")) + `,
				"partnerships":` + ids("ps-zone-planning-network") + `,
				"practices":` + ids("pr-citta-sociale", "pr-i-plan", "pr-campania-joint-planning", "pr-territorial-zone-planning") + `,
				"events":` + ids("ev-csii-open-day", "ev-national-conference", "ev-infoday-strelcha", "ev-infoday-bratsigovo",
				"ev-infoday-sarnitsa", "ev-training-2", "ev-training-1") + `,
				"lastEvents":` + ids("ev-csii-open-day", "ev-national-conference") + `,
				` + meta(false, `["endDate"]`, src002) + `}}`,
		},
		{
			// prj-dialog: LEAD st-pat, then the PARTNERs by name.
			name: "OK project by id DIALOG",
			query: `{ project(id: "prj-dialog") { acronym programme startDate endDate participants { role stakeholder { id } }
				partnerships { id } practices { id } events { id } } }`,
			want: `{"project":{"acronym":"DIALOG","programme":"Interreg Europe","startDate":null,"endDate":null,"participants":[
				{"role":"LEAD","stakeholder":{"id":"st-pat"}},{"role":"PARTNER","stakeholder":{"id":"st-cci-vratsa"}},
				{"role":"PARTNER","stakeholder":{"id":"st-esf-flanders"}},{"role":"PARTNER","stakeholder":{"id":"st-ftc"}},
				{"role":"PARTNER","stakeholder":{"id":"st-jccm"}},{"role":"PARTNER","stakeholder":{"id":"st-ls-ministry"}},
				{"role":"PARTNER","stakeholder":{"id":"st-ticino-vet"}}],
				"partnerships":` + ids("ps-dialog-consortium") + `,"practices":[],"events":[]}}`,
		},
		{
			// The online press conference: 2022-02-22, online, 14 people;
			// participants by name (Chamber… < Media…).
			name:  "OK event by id press conference",
			query: `{ event(id: "ev-social-d-press-conference") { ` + eventFields + ` } }`,
			want: `{"event":{"id":"ev-social-d-press-conference","name":"Online final press conference of the SOCIAL-D pilot action",
				"nameLocal":"Онлайн заключителна пресконференция по Пилотна дейност „SOCIAL-D“","kind":"PRESS_CONFERENCE",
				"startDate":"2022-02-22","endDate":null,"place":null,"online":true,"participantCount":14,"feedbackScore":null,
				"description":"Organised and held online by the Chamber of Commerce and Industry – Vratsa; Ms Maya Milova presented the main activities and results. 14 people took part: representatives of stakeholders and media from Vratsa district.",
				"territory":{"id":"tr-vratsa"},"project":{"id":"prj-social-d"},
				"stakeholders":` + join(eventPart("ORGANISER", "st-cci-vratsa", "ev-social-d-press-conference"), eventPart("PARTICIPANT", "st-vratsa-media", "ev-social-d-press-conference")) + `,
				` + meta(false, `[]`, src000) + `}}`,
		},
		{
			// The national conference: two days, a place, six SPEAKERs by
			// name (CSRIDRG… < Centre… < Crisis… < Lesichovo… < NMD <
			// National…).
			name: "OK event by id conference with end date and place",
			query: `{ event(id: "ev-national-conference") { kind startDate endDate place online participantCount feedbackScore
				territory { id } project { id } stakeholders { role stakeholder { id } } illustrative illustrativeFields } }`,
			want: `{"event":{"kind":"CONFERENCE","startDate":"2018-12-11","endDate":"2018-12-12","place":"Conference hall of Hotel Forum, Pazardzhik",
				"online":false,"participantCount":null,"feedbackScore":null,"territory":{"id":"tr-pazardzhik"},"project":{"id":"prj-lesichovo"},
				"stakeholders":[{"role":"SPEAKER","stakeholder":{"id":"st-csridrg-plovdiv"}},{"role":"SPEAKER","stakeholder":{"id":"st-csri-offenders"}},
				{"role":"SPEAKER","stakeholder":{"id":"st-crisis-centre-peshtera"}},{"role":"SPEAKER","stakeholder":{"id":"st-lesichovo-municipality"}},
				{"role":"SPEAKER","stakeholder":{"id":"st-nmd"}},{"role":"SPEAKER","stakeholder":{"id":"st-naso"}}],
				"illustrative":false,"illustrativeFields":[]}}`,
		},
		{
			// The Sarnitsa info day: feedbackScore 4.6, illustrative fields.
			name:  "OK event by id with feedback score",
			query: `{ event(id: "ev-infoday-sarnitsa") { kind startDate online feedbackScore stakeholders { role stakeholder { id } } illustrativeFields } }`,
			want: `{"event":{"kind":"INFO_DAY","startDate":"2018-10-19","online":false,"feedbackScore":4.6,
				"stakeholders":[{"role":"ORGANISER","stakeholder":{"id":"st-lesichovo-municipality"}},{"role":"HOST","stakeholder":{"id":"st-sarnitsa-municipality"}}],
				"illustrativeFields":["feedbackScore","participants"]}}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sameJSON(t, data(t, h, st, tc.query, nil), tc.want)
		})
	}

	// A record's createdAt and updatedAt are the same instant after one
	// load; dates of a record are checked above as YYYY-MM-DD.
	t.Run("OK createdAt equals updatedAt after one load", func(t *testing.T) {
		var out struct {
			Territory struct{ CreatedAt, UpdatedAt string }
		}
		ok(t, h, st, `{ territory(id: "tr-lesichovo") { createdAt updatedAt } }`, nil, &out)
		if out.Territory.CreatedAt == "" || out.Territory.CreatedAt != out.Territory.UpdatedAt {
			t.Errorf("createdAt %q, updatedAt %q: want the same instant", out.Territory.CreatedAt, out.Territory.UpdatedAt)
		}
	})

	// Optional String fields without a value in demo.json are null (the
	// schema declares them nullable), not "": CSII has no email, phone or
	// website; Lesichovo's project has no acronym or programme; the press
	// conference has no place; crisis accommodation has no code or
	// description; the service has no source, email or url.
	t.Run("OK absent optional strings are null", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ stakeholder(id: "st-csii") { email phone website }
			project(id: "prj-lesichovo") { acronym programme } event(id: "ev-social-d-press-conference") { place }
			serviceCategory(id: "cat-crisis-accommodation") { code description }
			service(id: "svc-lesichovo-gp") { description email url source } }`, nil),
			`{"stakeholder":{"email":null,"phone":null,"website":null},"project":{"acronym":null,"programme":null},
			"event":{"place":null},"serviceCategory":{"code":null,"description":null},
			"service":{"description":null,"email":null,"url":null,"source":null}}`)
	})

	// Unknown ids: every single lookup answers null, not an error.
	for _, field := range []string{"territory", "stakeholder", "serviceCategory", "targetGroup", "service", "need",
		"cooperationArea", "partnership", "practice", "project", "event"} {
		t.Run("OK "+field+" unknown id is null", func(t *testing.T) {
			sameJSON(t, data(t, h, st, `{ x: `+field+`(id: "no-such-id") { id } }`, nil), `{"x":null}`)
		})
	}
	// An id of another type is unknown too.
	t.Run("OK stakeholder with a territory id is null", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ stakeholder(id: "tr-lesichovo") { id } }`, nil), `{"stakeholder":null}`)
	})

	// Nested lists: first 0 and first 500 are the bounds.
	t.Run("OK nested first 0 and 500", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ territory(id: "tr-lesichovo") { none: stakeholders(first: 0) { id } max: children(first: 500) { id } } }`, nil),
			`{"territory":{"none":[],"max":`+ids("tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo")+`}}`)
	})
}

// ---------------------------------------------------------------------------
// 2. Every filter and order of every root list.

func TestReadFilters(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadDemo(t, st)
	h := newHandler(st)

	// Each case lists the hand-derived set of ids the filter matches.
	filters := []struct {
		name, list, filter string
		want               []string
	}{
		// Territories (61 in demo.json).
		{"OK territories ids", "territories", `{ids: ["tr-lesichovo", "tr-vratsa", "tr-nope"]}`, []string{"tr-lesichovo", "tr-vratsa"}},
		{"OK territories levels one", "territories", `{levels: [DISTRICT]}`,
			[]string{"tr-burgas-district", "tr-pazardzhik-district", "tr-plovdiv-district", "tr-vratsa-district"}},
		{"OK territories levels two", "territories", `{levels: [COUNTRY, ZONE]}`,
			[]string{"tr-bg", "tr-it", "tr-de", "tr-be", "tr-ch", "tr-es", "tr-zone-pazardzhik-west"}},
		// within excludes the territory itself: Lesichovo's four settlements.
		{"OK territories within municipality", "territories", `{within: "tr-lesichovo"}`,
			[]string{"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo"}},
		// Pazardzhik district: its 12 municipalities, the zone and the 8
		// settlements of its municipalities (4 of Lesichovo, 4 towns).
		{"OK territories within district at any depth", "territories", `{within: "tr-pazardzhik-district"}`,
			[]string{"tr-batak", "tr-belovo", "tr-bratsigovo", "tr-velingrad", "tr-lesichovo", "tr-pazardzhik", "tr-panagyurishte",
				"tr-peshtera", "tr-rakitovo", "tr-septemvri", "tr-strelcha", "tr-sarnitsa", "tr-zone-pazardzhik-west",
				"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo", "tr-pazardzhik-town", "tr-peshtera-town",
				"tr-bratsigovo-town", "tr-strelcha-town"}},
		// The zone: its 7 member municipalities and their 8 settlements.
		{"OK territories within zone", "territories", `{within: "tr-zone-pazardzhik-west"}`,
			[]string{"tr-bratsigovo", "tr-lesichovo", "tr-pazardzhik", "tr-peshtera", "tr-septemvri", "tr-strelcha", "tr-sarnitsa",
				"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo", "tr-pazardzhik-town", "tr-peshtera-town",
				"tr-bratsigovo-town", "tr-strelcha-town"}},
		{"OK territories within and levels", "territories", `{within: "tr-pazardzhik-district", levels: [SETTLEMENT]}`,
			[]string{"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo", "tr-pazardzhik-town", "tr-peshtera-town",
				"tr-bratsigovo-town", "tr-strelcha-town"}},
		// nameLocal containing Лесичово: "Лесичово", "с. Лесичово" and the zone.
		{"OK territories text Cyrillic", "territories", `{text: "Лесичово"}`,
			[]string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK territories text and levels", "territories", `{text: "Лесичово", levels: [MUNICIPALITY]}`, []string{"tr-lesichovo"}},
		{"OK territories text prefix and within", "territories", `{text: "pesh", within: "tr-bg"}`, []string{"tr-peshtera", "tr-peshtera-town"}},

		// Stakeholders (41).
		{"OK stakeholders ids", "stakeholders", `{ids: ["st-csii", "st-naso", "nope"]}`, []string{"st-csii", "st-naso"}},
		{"OK stakeholders kinds", "stakeholders", `{kinds: [MUNICIPALITY]}`,
			[]string{"st-vratsa-municipality", "st-lesichovo-municipality", "st-peshtera-municipality", "st-sarnitsa-municipality",
				"st-bratsigovo-municipality", "st-strelcha-municipality", "st-pazardzhik-municipality", "st-septemvri-municipality"}},
		{"OK stakeholders kinds health", "stakeholders", `{kinds: [HEALTH_PROVIDER]}`,
			[]string{"st-gp-lesichovo", "st-hospital-pazardzhik", "st-mh-centre-pazardzhik", "st-homehealth-peshtera", "st-rehab-velingrad", "st-hospital-vratsa"}},
		{"OK stakeholders sectors", "stakeholders", `{sectors: [PRIVATE]}`,
			[]string{"st-vratsa-media", "st-homecare-pazardzhik", "st-gp-lesichovo", "st-rehab-velingrad"}},
		{"OK stakeholders kinds and sectors", "stakeholders", `{kinds: [HEALTH_PROVIDER], sectors: [PRIVATE]}`,
			[]string{"st-gp-lesichovo", "st-rehab-velingrad"}},
		// Located in the district, its municipalities or their settlements
		// (Kalugerovo: st-csii, st-volunteers-kalugerovo).
		{"OK stakeholders territoryId district includes sub-territories", "stakeholders", `{territoryId: "tr-pazardzhik-district"}`, inPazardzhikDistrict},
		{"OK stakeholders territoryId municipality includes settlements", "stakeholders", `{territoryId: "tr-lesichovo"}`,
			[]string{"st-lesichovo-municipality", "st-rural-initiative", "st-lesichovo-commission", "st-gp-lesichovo", "st-csii", "st-volunteers-kalugerovo"}},
		{"OK stakeholders territoryId zone", "stakeholders", `{territoryId: "tr-zone-pazardzhik-west"}`, inPlanningZone},
		// tr-vratsa (7), the district itself (media), tr-mezdra (youth).
		{"OK stakeholders territoryId Vratsa district", "stakeholders", `{territoryId: "tr-vratsa-district"}`,
			[]string{"st-cci-vratsa", "st-vratsa-municipality", "st-hospital-vratsa", "st-daycare-vratsa", "st-homecare-vratsa",
				"st-sad-vratsa", "st-crisis-centre-vratsa", "st-vratsa-media", "st-youth-ngo-vratsa"}},
		{"OK stakeholders territoryId country", "stakeholders", `{territoryId: "tr-it"}`, []string{"st-ftc", "st-pat"}},
		{"OK stakeholders areaIds one", "stakeholders", `{areaIds: ["area-volunteering"]}`,
			[]string{"st-lesichovo-municipality", "st-csii", "st-rural-initiative", "st-volunteers-kalugerovo", "st-youth-ngo-vratsa"}},
		{"OK stakeholders areaIds any of two", "stakeholders", `{areaIds: ["area-volunteering", "area-violence-protection"]}`,
			[]string{"st-lesichovo-municipality", "st-csii", "st-rural-initiative", "st-volunteers-kalugerovo", "st-youth-ngo-vratsa",
				"st-crisis-centre-peshtera", "st-peshtera-municipality", "st-asa-pazardzhik", "st-lesichovo-commission", "st-sad-vratsa", "st-crisis-centre-vratsa"}},
		// Providers of services in cat-crisis's sub-categories (crisis
		// accommodation, crisis counselling, child protection).
		{"OK stakeholders categoryId includes sub-categories", "stakeholders", `{categoryId: "cat-crisis"}`,
			[]string{"st-crisis-centre-peshtera", "st-lesichovo-commission", "st-crisis-centre-vratsa"}},
		{"OK stakeholders categoryId health", "stakeholders", `{categoryId: "cat-health"}`,
			[]string{"st-gp-lesichovo", "st-homehealth-peshtera", "st-mh-centre-pazardzhik", "st-hospital-vratsa", "st-hospital-pazardzhik", "st-rehab-velingrad"}},
		{"OK stakeholders categoryId leaf", "stakeholders", `{categoryId: "cat-mental-health"}`, []string{"st-mh-centre-pazardzhik", "st-hospital-vratsa"}},
		{"OK stakeholders territoryId and categoryId", "stakeholders", `{territoryId: "tr-pazardzhik-district", categoryId: "cat-health"}`,
			[]string{"st-gp-lesichovo", "st-homehealth-peshtera", "st-mh-centre-pazardzhik", "st-hospital-pazardzhik", "st-rehab-velingrad"}},
		{"OK stakeholders areaIds and sectors", "stakeholders", `{areaIds: ["area-health-social"], sectors: [PRIVATE]}`,
			[]string{"st-homecare-pazardzhik", "st-gp-lesichovo", "st-rehab-velingrad"}},
		// nameLocal (or acronym ТПП-Враца) ending in Враца.
		{"OK stakeholders text Cyrillic", "stakeholders", `{text: "Враца"}`,
			[]string{"st-cci-vratsa", "st-vratsa-municipality", "st-vratsa-media", "st-hospital-vratsa", "st-daycare-vratsa",
				"st-homecare-vratsa", "st-sad-vratsa", "st-crisis-centre-vratsa"}},
		{"OK stakeholders text and kinds", "stakeholders", `{text: "Враца", kinds: [HEALTH_PROVIDER]}`, []string{"st-hospital-vratsa"}},

		// Service categories (26).
		{"OK serviceCategories ids", "serviceCategories", `{ids: ["cat-health", "cat-nope"]}`, []string{"cat-health"}},
		{"OK serviceCategories domains", "serviceCategories", `{domains: [HEALTH]}`,
			[]string{"cat-health", "cat-primary-care", "cat-home-health", "cat-mental-health", "cat-medical-rehab"}},
		{"OK serviceCategories domains integrated", "serviceCategories", `{domains: [INTEGRATED]}`,
			[]string{"cat-info-referral", "cat-info-point", "cat-referral-case-mgmt", "cat-integrated-care", "cat-integrated-home-care", "cat-integrated-mobile-team"}},
		{"OK serviceCategories parentId", "serviceCategories", `{parentId: "cat-health"}`,
			[]string{"cat-primary-care", "cat-home-health", "cat-mental-health", "cat-medical-rehab"}},
		{"OK serviceCategories topLevel true", "serviceCategories", `{topLevel: true}`,
			[]string{"cat-info-referral", "cat-rehab", "cat-crisis", "cat-home-care", "cat-day-care", "cat-health", "cat-integrated-care"}},
		{"OK serviceCategories topLevel false", "serviceCategories", `{topLevel: false}`,
			[]string{"cat-info-point", "cat-referral-case-mgmt", "cat-community-initiatives", "cat-rehab-offenders", "cat-rehab-children",
				"cat-rehab-disabilities", "cat-crisis-accommodation", "cat-crisis-counselling", "cat-child-protection", "cat-home-patronage",
				"cat-personal-assistance", "cat-day-care-disabilities", "cat-day-care-elderly", "cat-primary-care", "cat-home-health",
				"cat-mental-health", "cat-medical-rehab", "cat-integrated-home-care", "cat-integrated-mobile-team"}},
		{"OK serviceCategories domains and topLevel true", "serviceCategories", `{domains: [SOCIAL], topLevel: true}`,
			[]string{"cat-rehab", "cat-crisis", "cat-home-care", "cat-day-care"}},
		{"OK serviceCategories domains and topLevel false", "serviceCategories", `{domains: [INTEGRATED], topLevel: false}`,
			[]string{"cat-info-point", "cat-referral-case-mgmt", "cat-integrated-home-care", "cat-integrated-mobile-team"}},
		{"OK serviceCategories text", "serviceCategories", `{text: "rehabilitation"}`,
			[]string{"cat-rehab", "cat-rehab-offenders", "cat-rehab-children", "cat-rehab-disabilities", "cat-medical-rehab"}},
		{"OK serviceCategories text and domains", "serviceCategories", `{text: "rehabilitation", domains: [HEALTH]}`, []string{"cat-medical-rehab"}},

		// Target groups (8).
		{"OK targetGroups ids", "targetGroups", `{ids: ["tg-older-people", "tg-young-people", "nope"]}`, []string{"tg-older-people", "tg-young-people"}},
		{"OK targetGroups text", "targetGroups", `{text: "violence"}`, []string{"tg-violence-affected"}},
		{"OK targetGroups text two hits", "targetGroups", `{text: "people"}`, []string{"tg-older-people", "tg-young-people"}},
		{"OK targetGroups text and ids", "targetGroups", `{text: "people", ids: ["tg-young-people", "tg-families"]}`, []string{"tg-young-people"}},

		// Services (29).
		{"OK services ids", "services", `{ids: ["svc-csii-referral", "nope"]}`, []string{"svc-csii-referral"}},
		{"OK services statuses", "services", `{statuses: [PLANNED]}`, []string{"svc-peshtera-integrated-home-care"}},
		{"OK services statuses two", "services", `{statuses: [PLANNED, SUSPENDED]}`, []string{"svc-peshtera-integrated-home-care", "svc-vratsa-elderly-day-care"}},
		{"OK services deliveryModes", "services", `{deliveryModes: [RESIDENTIAL]}`,
			[]string{"svc-peshtera-crisis-accommodation", "svc-velingrad-medical-rehab", "svc-vratsa-crisis-accommodation"}},
		{"OK services deliveryModes day care", "services", `{deliveryModes: [DAY_CARE]}`,
			[]string{"svc-csri-offenders", "svc-plovdiv-children-rehab", "svc-vratsa-elderly-day-care", "svc-vratsa-disabilities-day-care"}},
		// Services in crisis accommodation, crisis counselling, child protection.
		{"OK services categoryId includes sub-categories", "services", `{categoryId: "cat-crisis"}`,
			[]string{"svc-peshtera-crisis-accommodation", "svc-peshtera-crisis-counselling", "svc-lesichovo-prevention", "svc-vratsa-crisis-accommodation"}},
		{"OK services categoryId home care", "services", `{categoryId: "cat-home-care"}`,
			[]string{"svc-lesichovo-patronage", "svc-vratsa-patronage", "svc-lesichovo-personal-assistance", "svc-pazardzhik-home-care", "svc-vratsa-personal-assistance"}},
		{"OK services targetGroupIds", "services", `{targetGroupIds: ["tg-mental-health"]}`,
			[]string{"svc-pazardzhik-mental-health", "svc-vratsa-mental-health"}},
		{"OK services targetGroupIds any of two", "services", `{targetGroupIds: ["tg-offenders", "tg-mental-health"]}`,
			[]string{"svc-pazardzhik-mental-health", "svc-vratsa-mental-health", "svc-lesichovo-prevention", "svc-csri-offenders"}},
		// Available in Kalugerovo: covering Kalugerovo (1), its
		// municipality Lesichovo (7) or its district (2).
		{"OK services territoryId covered through ancestors", "services", `{territoryId: "tr-kalugerovo"}`,
			[]string{"svc-kalugerovo-volunteers", "svc-csii-info-point", "svc-csii-referral", "svc-csii-volunteering", "svc-lesichovo-patronage",
				"svc-lesichovo-personal-assistance", "svc-lesichovo-gp", "svc-lesichovo-prevention", "svc-asa-referral-district", "svc-pazardzhik-medical-rehab"}},
		// Available in Vratsa district: covering the district (2) or one of
		// its municipalities (7 in Vratsa, the Mezdra youth service).
		{"OK services territoryId covered through sub-territories", "services", `{territoryId: "tr-vratsa-district"}`,
			[]string{"svc-vratsa-mental-health", "svc-vratsa-crisis-accommodation", "svc-vratsa-patronage", "svc-vratsa-personal-assistance",
				"svc-vratsa-elderly-day-care", "svc-vratsa-disabilities-day-care", "svc-vratsa-integrated-home-care", "svc-vratsa-mobile-team",
				"svc-vratsa-referral", "svc-mezdra-youth"}},
		{"OK services territoryId settlement", "services", `{territoryId: "tr-vratsa-town"}`,
			[]string{"svc-vratsa-mental-health", "svc-vratsa-crisis-accommodation", "svc-vratsa-patronage", "svc-vratsa-personal-assistance",
				"svc-vratsa-elderly-day-care", "svc-vratsa-disabilities-day-care", "svc-vratsa-integrated-home-care", "svc-vratsa-mobile-team",
				"svc-vratsa-referral"}},
		// Available in the zone: covering a member municipality (Lesichovo 7,
		// Peshtera 5, Pazardzhik 2 more, Sarnitsa 1 — Bratsigovo's and
		// Septemvri's are among those), a settlement of one (Kalugerovo 1),
		// or the district above the zone (2).
		{"OK services territoryId zone", "services", `{territoryId: "tr-zone-pazardzhik-west"}`,
			[]string{"svc-csii-info-point", "svc-csii-referral", "svc-csii-volunteering", "svc-lesichovo-patronage",
				"svc-lesichovo-personal-assistance", "svc-lesichovo-gp", "svc-lesichovo-prevention", "svc-kalugerovo-volunteers",
				"svc-peshtera-crisis-accommodation", "svc-peshtera-crisis-counselling", "svc-csri-offenders", "svc-peshtera-home-health",
				"svc-peshtera-integrated-home-care", "svc-pazardzhik-home-care", "svc-pazardzhik-mental-health",
				"svc-velingrad-medical-rehab", "svc-asa-referral-district", "svc-pazardzhik-medical-rehab"}},
		{"OK services providerId", "services", `{providerId: "st-vratsa-municipality"}`,
			[]string{"svc-vratsa-patronage", "svc-vratsa-personal-assistance", "svc-vratsa-elderly-day-care"}},
		{"OK services text", "services", `{text: "Peshtera"}`,
			[]string{"svc-peshtera-crisis-accommodation", "svc-peshtera-crisis-counselling", "svc-peshtera-home-health", "svc-peshtera-integrated-home-care"}},
		{"OK services categoryId and territoryId", "services", `{categoryId: "cat-info-referral", territoryId: "tr-kalugerovo"}`,
			[]string{"svc-kalugerovo-volunteers", "svc-csii-info-point", "svc-csii-referral", "svc-csii-volunteering", "svc-asa-referral-district"}},
		// Available in Peshtera, ACTIVE and OUTREACH: only the home health care.
		{"OK services statuses deliveryModes territoryId", "services", `{statuses: [ACTIVE], deliveryModes: [OUTREACH], territoryId: "tr-peshtera"}`,
			[]string{"svc-peshtera-home-health"}},

		// Needs (44).
		{"OK needs ids", "needs", `{ids: ["need-vratsa-home-patronage-older-people", "nope"]}`, []string{"need-vratsa-home-patronage-older-people"}},
		{"OK needs territoryId", "needs", `{territoryId: "tr-lesichovo"}`,
			[]string{"need-lesichovo-crisis-accommodation-violence-affected", "need-lesichovo-mental-health-mental-health",
				"need-lesichovo-home-patronage-older-people", "need-lesichovo-personal-assistance-disabilities",
				"need-lesichovo-child-protection-children-at-risk", "need-lesichovo-rehab-offenders-offenders",
				"need-lesichovo-integrated-home-care-older-people", "need-lesichovo-day-care-elderly-older-people"}},
		// Vratsa (6), Mezdra (2), Krivodol (2), Byala Slatina (1), Kozloduy (1).
		{"OK needs territoryId includes sub-territories", "needs", `{territoryId: "tr-vratsa-district"}`,
			[]string{"need-vratsa-integrated-home-care-older-people", "need-vratsa-day-care-elderly-older-people",
				"need-vratsa-day-care-disabilities-disabilities", "need-vratsa-mental-health-mental-health",
				"need-vratsa-crisis-accommodation-violence-affected", "need-vratsa-home-patronage-older-people",
				"need-mezdra-integrated-home-care-older-people", "need-mezdra-community-initiatives-young-people",
				"need-krivodol-integrated-mobile-team-older-people", "need-krivodol-personal-assistance-disabilities",
				"need-byala-slatina-home-patronage-older-people", "need-kozloduy-rehab-children-children-at-risk"}},
		// Home patronage (6) and personal assistance (4) needs.
		{"OK needs categoryId includes sub-categories", "needs", `{categoryId: "cat-home-care"}`,
			[]string{"need-lesichovo-home-patronage-older-people", "need-bratsigovo-home-patronage-older-people",
				"need-sarnitsa-home-patronage-older-people", "need-strelcha-home-patronage-older-people",
				"need-vratsa-home-patronage-older-people", "need-byala-slatina-home-patronage-older-people",
				"need-lesichovo-personal-assistance-disabilities", "need-pazardzhik-personal-assistance-disabilities",
				"need-septemvri-personal-assistance-disabilities", "need-krivodol-personal-assistance-disabilities"}},
		{"OK needs targetGroupIds", "needs", `{targetGroupIds: ["tg-mental-health"]}`,
			[]string{"need-lesichovo-mental-health-mental-health", "need-peshtera-mental-health-mental-health",
				"need-pazardzhik-mental-health-mental-health", "need-vratsa-mental-health-mental-health"}},
		{"OK needs priorities", "needs", `{priorities: [CRITICAL]}`,
			[]string{"need-plovdiv-crisis-accommodation-violence-affected", "need-vratsa-home-patronage-older-people"}},
		{"OK needs year", "needs", `{year: 2021}`,
			[]string{"need-lesichovo-child-protection-children-at-risk", "need-lesichovo-rehab-offenders-offenders",
				"need-lesichovo-day-care-elderly-older-people", "need-peshtera-rehab-offenders-offenders",
				"need-peshtera-mental-health-mental-health", "need-pazardzhik-rehab-offenders-offenders",
				"need-pazardzhik-day-care-disabilities-disabilities", "need-bratsigovo-home-patronage-older-people",
				"need-bratsigovo-info-point-families", "need-sarnitsa-info-point-families",
				"need-strelcha-referral-case-mgmt-families", "need-septemvri-rehab-children-children-at-risk",
				"need-vratsa-mental-health-mental-health", "need-mezdra-community-initiatives-young-people",
				"need-krivodol-personal-assistance-disabilities", "need-kozloduy-rehab-children-children-at-risk"}},
		{"OK needs territoryId and priorities", "needs", `{territoryId: "tr-vratsa-district", priorities: [HIGH]}`,
			[]string{"need-vratsa-integrated-home-care-older-people", "need-vratsa-day-care-elderly-older-people",
				"need-vratsa-mental-health-mental-health", "need-krivodol-integrated-mobile-team-older-people",
				"need-byala-slatina-home-patronage-older-people"}},
		{"OK needs categoryId and year", "needs", `{categoryId: "cat-home-care", year: 2021}`,
			[]string{"need-bratsigovo-home-patronage-older-people", "need-krivodol-personal-assistance-disabilities"}},
		// Zone members' needs in the crisis sub-tree.
		{"OK needs territoryId zone and categoryId", "needs", `{territoryId: "tr-zone-pazardzhik-west", categoryId: "cat-crisis"}`,
			[]string{"need-lesichovo-crisis-accommodation-violence-affected", "need-lesichovo-child-protection-children-at-risk",
				"need-peshtera-crisis-accommodation-violence-affected", "need-pazardzhik-crisis-accommodation-violence-affected",
				"need-bratsigovo-crisis-accommodation-violence-affected"}},

		// Cooperation areas (6).
		{"OK cooperationAreas ids", "cooperationAreas", `{ids: ["area-volunteering", "nope"]}`, []string{"area-volunteering"}},
		{"OK cooperationAreas categoryId includes sub-categories", "cooperationAreas", `{categoryId: "cat-crisis"}`,
			[]string{"area-intermunicipal", "area-violence-protection"}},
		{"OK cooperationAreas categoryId info-referral", "cooperationAreas", `{categoryId: "cat-info-referral"}`,
			[]string{"area-health-social", "area-intermunicipal", "area-zone-planning", "area-volunteering"}},
		{"OK cooperationAreas categoryId health", "cooperationAreas", `{categoryId: "cat-health"}`, []string{"area-health-social"}},
		{"OK cooperationAreas stakeholderId", "cooperationAreas", `{stakeholderId: "st-csii"}`,
			[]string{"area-volunteering", "area-intermunicipal", "area-zone-planning", "area-health-social"}},
		{"OK cooperationAreas text", "cooperationAreas", `{text: "violence"}`, []string{"area-violence-protection"}},
		{"OK cooperationAreas categoryId and stakeholderId", "cooperationAreas", `{categoryId: "cat-info-referral", stakeholderId: "st-peshtera-municipality"}`,
			[]string{"area-intermunicipal", "area-zone-planning"}},

		// Partnerships (4).
		{"OK partnerships ids", "partnerships", `{ids: ["ps-dialog-consortium", "nope"]}`, []string{"ps-dialog-consortium"}},
		{"OK partnerships kinds", "partnerships", `{kinds: [NETWORK]}`, []string{"ps-zone-planning-network"}},
		{"OK partnerships kinds two", "partnerships", `{kinds: [AGREEMENT, MEMORANDUM]}`,
			[]string{"ps-vratsa-platform-agreement", "ps-pazardzhik-referral-memorandum"}},
		{"OK partnerships statuses", "partnerships", `{statuses: [ACTIVE]}`, []string{"ps-vratsa-platform-agreement", "ps-zone-planning-network"}},
		// The memorandum is about the district, the network about the zone inside it.
		{"OK partnerships territoryId includes sub-territories", "partnerships", `{territoryId: "tr-pazardzhik-district"}`,
			[]string{"ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK partnerships territoryId Vratsa district", "partnerships", `{territoryId: "tr-vratsa-district"}`, []string{"ps-vratsa-platform-agreement"}},
		{"OK partnerships areaIds", "partnerships", `{areaIds: ["area-intermunicipal"]}`,
			[]string{"ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK partnerships areaIds health", "partnerships", `{areaIds: ["area-health-social"]}`,
			[]string{"ps-dialog-consortium", "ps-vratsa-platform-agreement"}},
		{"OK partnerships stakeholderId", "partnerships", `{stakeholderId: "st-lesichovo-municipality"}`,
			[]string{"ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK partnerships stakeholderId CCI", "partnerships", `{stakeholderId: "st-cci-vratsa"}`,
			[]string{"ps-dialog-consortium", "ps-vratsa-platform-agreement"}},
		{"OK partnerships projectId", "partnerships", `{projectId: "prj-lesichovo"}`, []string{"ps-zone-planning-network"}},
		{"OK partnerships projectId SOCIAL-D", "partnerships", `{projectId: "prj-social-d"}`, []string{"ps-vratsa-platform-agreement"}},
		// validFrom: agreement 2022-02-01, network 2019-03-01; the
		// consortium and the memorandum have no dates (open ends).
		{"OK partnerships activeOn before all starts", "partnerships", `{activeOn: "2019-01-01"}`,
			[]string{"ps-dialog-consortium", "ps-pazardzhik-referral-memorandum"}},
		{"OK partnerships activeOn", "partnerships", `{activeOn: "2020-01-01"}`,
			[]string{"ps-dialog-consortium", "ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK partnerships activeOn first day", "partnerships", `{activeOn: "2022-02-01"}`,
			[]string{"ps-dialog-consortium", "ps-pazardzhik-referral-memorandum", "ps-zone-planning-network", "ps-vratsa-platform-agreement"}},
		{"OK partnerships statuses and activeOn", "partnerships", `{statuses: [ACTIVE], activeOn: "2020-01-01"}`, []string{"ps-zone-planning-network"}},
		{"OK partnerships stakeholderId and kinds", "partnerships", `{stakeholderId: "st-csii", kinds: [NETWORK]}`, []string{"ps-zone-planning-network"}},
		{"OK partnerships text", "partnerships", `{text: "memorandum"}`, []string{"ps-pazardzhik-referral-memorandum"}},

		// Practices (5).
		{"OK practices ids", "practices", `{ids: ["pr-i-plan", "nope"]}`, []string{"pr-i-plan"}},
		{"OK practices territoryId transferred", "practices", `{territoryId: "tr-lesichovo"}`, []string{"pr-citta-sociale", "pr-i-plan"}},
		// Italy: three originate in tr-it, one in Campania, one in Trento.
		{"OK practices territoryId origin includes sub-territories", "practices", `{territoryId: "tr-it"}`,
			[]string{"pr-citta-sociale", "pr-i-plan", "pr-campania-joint-planning", "pr-territorial-zone-planning", "pr-trento-model"}},
		// The district: two transferred to Lesichovo, one to the zone.
		{"OK practices territoryId district", "practices", `{territoryId: "tr-pazardzhik-district"}`,
			[]string{"pr-citta-sociale", "pr-i-plan", "pr-territorial-zone-planning"}},
		{"OK practices territoryId Vratsa district", "practices", `{territoryId: "tr-vratsa-district"}`, []string{"pr-trento-model"}},
		{"OK practices territoryId region", "practices", `{territoryId: "tr-campania"}`, []string{"pr-campania-joint-planning"}},
		{"OK practices projectId", "practices", `{projectId: "prj-lesichovo"}`,
			[]string{"pr-citta-sociale", "pr-i-plan", "pr-campania-joint-planning", "pr-territorial-zone-planning"}},
		{"OK practices projectId SOCIAL-D", "practices", `{projectId: "prj-social-d"}`, []string{"pr-trento-model"}},
		{"OK practices stakeholderId", "practices", `{stakeholderId: "st-lesichovo-municipality"}`,
			[]string{"pr-citta-sociale", "pr-i-plan", "pr-territorial-zone-planning"}},
		{"OK practices territoryId and stakeholderId", "practices", `{territoryId: "tr-pazardzhik-district", stakeholderId: "st-csii"}`,
			[]string{"pr-citta-sociale", "pr-i-plan"}},
		{"OK practices text", "practices", `{text: "Trento"}`, []string{"pr-trento-model"}},

		// Projects (3).
		{"OK projects ids", "projects", `{ids: ["prj-dialog", "nope"]}`, []string{"prj-dialog"}},
		{"OK projects stakeholderId", "projects", `{stakeholderId: "st-cci-vratsa"}`, []string{"prj-dialog", "prj-social-d"}},
		{"OK projects stakeholderId expert", "projects", `{stakeholderId: "st-cts"}`, []string{"prj-lesichovo"}},
		{"OK projects text", "projects", `{text: "Interreg"}`, []string{"prj-dialog"}},
		// DIALOG is the acronym of one and named in SOCIAL-D's description.
		{"OK projects text acronym", "projects", `{text: "DIALOG"}`, []string{"prj-dialog", "prj-social-d"}},
		{"OK projects stakeholderId and text", "projects", `{stakeholderId: "st-cci-vratsa", text: "Interreg"}`, []string{"prj-dialog"}},

		// Events (12).
		{"OK events ids", "events", `{ids: ["ev-training-1", "nope"]}`, []string{"ev-training-1"}},
		{"OK events kinds", "events", `{kinds: [INFO_DAY]}`, []string{"ev-infoday-sarnitsa", "ev-infoday-bratsigovo", "ev-infoday-strelcha"}},
		{"OK events kinds two", "events", `{kinds: [TRAINING, CONFERENCE]}`, []string{"ev-training-1", "ev-training-2", "ev-national-conference"}},
		// Held in Pazardzhik, Kalugerovo, Lesichovo, Sarnitsa, Bratsigovo,
		// Strelcha (training 1 was at Sunny Beach, Burgas district).
		{"OK events territoryId includes sub-territories", "events", `{territoryId: "tr-pazardzhik-district"}`,
			[]string{"ev-national-conference", "ev-csii-open-day", "ev-training-2", "ev-infoday-sarnitsa", "ev-infoday-bratsigovo", "ev-infoday-strelcha"}},
		{"OK events territoryId municipality includes settlements", "events", `{territoryId: "tr-lesichovo"}`, []string{"ev-csii-open-day", "ev-training-2"}},
		{"OK events territoryId Vratsa district", "events", `{territoryId: "tr-vratsa-district"}`,
			[]string{"ev-social-d-press-conference", "ev-vratsa-working-meetings", "ev-visit-vratsa", "ev-social-d-campaign"}},
		{"OK events territoryId country", "events", `{territoryId: "tr-it"}`, []string{"ev-visit-trento"}},
		{"OK events projectId", "events", `{projectId: "prj-social-d"}`,
			[]string{"ev-social-d-press-conference", "ev-vratsa-working-meetings", "ev-visit-trento", "ev-visit-vratsa", "ev-social-d-campaign"}},
		{"OK events stakeholderId", "events", `{stakeholderId: "st-lesichovo-municipality"}`,
			[]string{"ev-national-conference", "ev-training-1", "ev-infoday-sarnitsa", "ev-infoday-bratsigovo", "ev-infoday-strelcha"}},
		{"OK events from", "events", `{from: "2022-01-01"}`, []string{"ev-social-d-press-conference", "ev-social-d-campaign"}},
		{"OK events to", "events", `{to: "2018-09-30"}`, []string{"ev-training-1", "ev-training-2"}},
		{"OK events from and to inclusive", "events", `{from: "2018-10-19", to: "2018-10-30"}`, []string{"ev-infoday-sarnitsa", "ev-infoday-bratsigovo"}},
		{"OK events from and kinds", "events", `{from: "2021-01-01", kinds: [STUDY_VISIT]}`, []string{"ev-visit-trento", "ev-visit-vratsa"}},
		{"OK events projectId and territoryId", "events", `{projectId: "prj-lesichovo", territoryId: "tr-lesichovo"}`, []string{"ev-csii-open-day", "ev-training-2"}},
		{"OK events stakeholderId and to", "events", `{stakeholderId: "st-cci-vratsa", to: "2021-12-31"}`,
			[]string{"ev-vratsa-working-meetings", "ev-visit-trento", "ev-visit-vratsa"}},
		{"OK events text", "events", `{text: "Trento"}`, []string{"ev-visit-trento"}},
	}
	for _, tc := range filters {
		t.Run(tc.name, func(t *testing.T) {
			c := list(t, h, st, tc.list, "filter: "+tc.filter+", first: 100", nil)
			sameSet(t, c.ids(), tc.want)
			if c.TotalCount == nil || *c.TotalCount != len(tc.want) {
				t.Errorf("totalCount %v, want %d", c.TotalCount, len(tc.want))
			}
			if c.PageInfo.HasNextPage || c.PageInfo.HasPreviousPage {
				t.Errorf("pageInfo %+v, want a single page", c.PageInfo)
			}
		})
	}

	// Unknown ids in filters select nothing; they are not errors.
	unknown := []struct{ list, filter string }{
		{"territories", `{within: "tr-nope"}`},
		{"territories", `{ids: ["tr-nope"]}`},
		{"stakeholders", `{territoryId: "tr-nope"}`},
		{"stakeholders", `{areaIds: ["area-nope"]}`},
		{"stakeholders", `{categoryId: "cat-nope"}`},
		{"serviceCategories", `{parentId: "cat-nope"}`},
		{"targetGroups", `{ids: ["tg-nope"]}`},
		{"services", `{categoryId: "cat-nope"}`},
		{"services", `{targetGroupIds: ["tg-nope"]}`},
		{"services", `{territoryId: "tr-nope"}`},
		{"services", `{providerId: "st-nope"}`},
		{"needs", `{territoryId: "tr-nope"}`},
		{"needs", `{categoryId: "cat-nope"}`},
		{"needs", `{targetGroupIds: ["tg-nope"]}`},
		{"cooperationAreas", `{categoryId: "cat-nope"}`},
		{"cooperationAreas", `{stakeholderId: "st-nope"}`},
		{"partnerships", `{territoryId: "tr-nope"}`},
		{"partnerships", `{areaIds: ["area-nope"]}`},
		{"partnerships", `{stakeholderId: "st-nope"}`},
		{"partnerships", `{projectId: "prj-nope"}`},
		{"practices", `{territoryId: "tr-nope"}`},
		{"practices", `{projectId: "prj-nope"}`},
		{"practices", `{stakeholderId: "st-nope"}`},
		{"projects", `{stakeholderId: "st-nope"}`},
		{"events", `{territoryId: "tr-nope"}`},
		{"events", `{projectId: "prj-nope"}`},
		{"events", `{stakeholderId: "st-nope"}`},
	}
	for _, tc := range unknown {
		t.Run("OK "+tc.list+" unknown id "+tc.filter, func(t *testing.T) {
			c := list(t, h, st, tc.list, "filter: "+tc.filter, nil)
			if len(c.Nodes) != 0 || len(c.Edges) != 0 || c.TotalCount == nil || *c.TotalCount != 0 ||
				c.PageInfo.HasNextPage || c.PageInfo.StartCursor != nil || c.PageInfo.EndCursor != nil {
				t.Errorf("want an empty connection, got %+v", c)
			}
		})
	}

	// Orders: the default of each list and every order field both ways.
	orders := []struct {
		name, list, args string
		want             []string
	}{
		// Defaults.
		{"OK stakeholders default order by name", "stakeholders", `first: 5`,
			[]string{"st-cts", "st-equal-start", "st-rural-initiative", "st-pat", "st-bratsigovo-municipality"}},
		// Volumes 170, 120, 85, 70, then three of 60 by id (bratsigovo <
		// byala-slatina < pazardzhik).
		{"OK needs default order by volume desc", "needs", `first: 7`,
			[]string{"need-vratsa-home-patronage-older-people", "need-plovdiv-rehab-children-children-at-risk",
				"need-pazardzhik-personal-assistance-disabilities", "need-vratsa-integrated-home-care-older-people",
				"need-bratsigovo-info-point-families", "need-byala-slatina-home-patronage-older-people",
				"need-pazardzhik-mental-health-mental-health"}},
		// All 12 by start date, newest first; the two of 2018-12-11 by id.
		{"OK events default order by startDate desc", "events", `first: 20`,
			[]string{"ev-social-d-press-conference", "ev-social-d-campaign", "ev-visit-vratsa", "ev-visit-trento",
				"ev-vratsa-working-meetings", "ev-csii-open-day", "ev-national-conference", "ev-infoday-strelcha",
				"ev-infoday-bratsigovo", "ev-infoday-sarnitsa", "ev-training-2", "ev-training-1"}},
		{"OK territories default order by name", "territories", `filter: {within: "tr-lesichovo"}`,
			[]string{"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo"}},
		{"OK services default order by name", "services", `filter: {providerId: "st-vratsa-municipality"}`,
			[]string{"svc-vratsa-elderly-day-care", "svc-vratsa-patronage", "svc-vratsa-personal-assistance"}},
		{"OK partnerships default order by name", "partnerships", ``,
			[]string{"ps-vratsa-platform-agreement", "ps-dialog-consortium", "ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK projects default order by name", "projects", ``, []string{"prj-dialog", "prj-lesichovo", "prj-social-d"}},
		{"OK serviceCategories default order by name", "serviceCategories", `filter: {parentId: "cat-health"}`,
			[]string{"cat-home-health", "cat-medical-rehab", "cat-mental-health", "cat-primary-care"}},
		{"OK targetGroups default order by name", "targetGroups", ``,
			[]string{"tg-children-at-risk", "tg-families", "tg-offenders", "tg-older-people", "tg-violence-affected",
				"tg-disabilities", "tg-mental-health", "tg-young-people"}},
		{"OK cooperationAreas default order by name", "cooperationAreas", ``,
			[]string{"area-health-social", "area-intermunicipal", "area-violence-protection", "area-social-inclusion",
				"area-zone-planning", "area-volunteering"}},
		{"OK practices default order by name", "practices", ``,
			[]string{"pr-citta-sociale", "pr-trento-model", "pr-i-plan", "pr-campania-joint-planning", "pr-territorial-zone-planning"}},

		// Territories: districts by name and by population (Vratsa 159000
		// < Pazardzhik 230000 < Burgas 378000 < Plovdiv 634000).
		{"OK territories order NAME ASC", "territories", `filter: {levels: [DISTRICT]}, orderBy: {field: NAME}`,
			[]string{"tr-burgas-district", "tr-pazardzhik-district", "tr-plovdiv-district", "tr-vratsa-district"}},
		{"OK territories order NAME DESC", "territories", `filter: {levels: [DISTRICT]}, orderBy: {field: NAME, direction: DESC}`,
			[]string{"tr-vratsa-district", "tr-plovdiv-district", "tr-pazardzhik-district", "tr-burgas-district"}},
		{"OK territories order POPULATION ASC", "territories", `filter: {levels: [DISTRICT]}, orderBy: {field: POPULATION, direction: ASC}`,
			[]string{"tr-vratsa-district", "tr-pazardzhik-district", "tr-burgas-district", "tr-plovdiv-district"}},
		{"OK territories order POPULATION DESC", "territories", `filter: {levels: [DISTRICT]}, orderBy: {field: POPULATION, direction: DESC}`,
			[]string{"tr-plovdiv-district", "tr-burgas-district", "tr-pazardzhik-district", "tr-vratsa-district"}},
		// Only Bulgaria has a population among the countries: the others
		// come last in both directions, by id.
		{"OK territories order POPULATION ASC unknown last", "territories", `filter: {levels: [COUNTRY]}, orderBy: {field: POPULATION}`,
			[]string{"tr-bg", "tr-be", "tr-ch", "tr-de", "tr-es", "tr-it"}},
		{"OK territories order POPULATION DESC unknown last", "territories", `filter: {levels: [COUNTRY]}, orderBy: {field: POPULATION, direction: DESC}`,
			[]string{"tr-bg", "tr-be", "tr-ch", "tr-de", "tr-es", "tr-it"}},

		// Stakeholders: the 8 municipalities by name.
		{"OK stakeholders order NAME ASC", "stakeholders", `filter: {kinds: [MUNICIPALITY]}, orderBy: {field: NAME, direction: ASC}`,
			[]string{"st-bratsigovo-municipality", "st-lesichovo-municipality", "st-pazardzhik-municipality", "st-peshtera-municipality",
				"st-sarnitsa-municipality", "st-septemvri-municipality", "st-strelcha-municipality", "st-vratsa-municipality"}},
		{"OK stakeholders order NAME DESC", "stakeholders", `filter: {kinds: [MUNICIPALITY]}, orderBy: {field: NAME, direction: DESC}`,
			[]string{"st-vratsa-municipality", "st-strelcha-municipality", "st-septemvri-municipality", "st-sarnitsa-municipality",
				"st-peshtera-municipality", "st-pazardzhik-municipality", "st-lesichovo-municipality", "st-bratsigovo-municipality"}},
		// A text filter with an explicit order sorts by the order, not by score.
		{"OK stakeholders text with order NAME", "stakeholders", `filter: {text: "Враца"}, orderBy: {field: NAME}`,
			[]string{"st-cci-vratsa", "st-crisis-centre-vratsa", "st-daycare-vratsa", "st-homecare-vratsa", "st-vratsa-media",
				"st-hospital-vratsa", "st-sad-vratsa", "st-vratsa-municipality"}},

		// Services in home care: capacity 20, 40, 60, 90, 150 and
		// available 2, 3, 8, 7, 10 (Lesichovo PA, Lesichovo patronage,
		// Pazardzhik home care, Vratsa PA, Vratsa patronage).
		{"OK services order NAME ASC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: NAME}`,
			[]string{"svc-pazardzhik-home-care", "svc-lesichovo-patronage", "svc-vratsa-patronage", "svc-lesichovo-personal-assistance", "svc-vratsa-personal-assistance"}},
		{"OK services order NAME DESC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: NAME, direction: DESC}`,
			[]string{"svc-vratsa-personal-assistance", "svc-lesichovo-personal-assistance", "svc-vratsa-patronage", "svc-lesichovo-patronage", "svc-pazardzhik-home-care"}},
		{"OK services order CAPACITY ASC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: CAPACITY}`,
			[]string{"svc-lesichovo-personal-assistance", "svc-lesichovo-patronage", "svc-pazardzhik-home-care", "svc-vratsa-personal-assistance", "svc-vratsa-patronage"}},
		{"OK services order CAPACITY DESC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: CAPACITY, direction: DESC}`,
			[]string{"svc-vratsa-patronage", "svc-vratsa-personal-assistance", "svc-pazardzhik-home-care", "svc-lesichovo-patronage", "svc-lesichovo-personal-assistance"}},
		{"OK services order AVAILABLE ASC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: AVAILABLE}`,
			[]string{"svc-lesichovo-personal-assistance", "svc-lesichovo-patronage", "svc-vratsa-personal-assistance", "svc-pazardzhik-home-care", "svc-vratsa-patronage"}},
		{"OK services order AVAILABLE DESC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: AVAILABLE, direction: DESC}`,
			[]string{"svc-vratsa-patronage", "svc-pazardzhik-home-care", "svc-vratsa-personal-assistance", "svc-lesichovo-patronage", "svc-lesichovo-personal-assistance"}},
		// The planned integrated home care has no available figure: last both ways.
		{"OK services order AVAILABLE ASC unknown last", "services", `filter: {providerId: "st-homehealth-peshtera"}, orderBy: {field: AVAILABLE}`,
			[]string{"svc-peshtera-home-health", "svc-peshtera-integrated-home-care"}},
		{"OK services order AVAILABLE DESC unknown last", "services", `filter: {providerId: "st-homehealth-peshtera"}, orderBy: {field: AVAILABLE, direction: DESC}`,
			[]string{"svc-peshtera-home-health", "svc-peshtera-integrated-home-care"}},
		{"OK services order CAPACITY ASC two", "services", `filter: {providerId: "st-homehealth-peshtera"}, orderBy: {field: CAPACITY}`,
			[]string{"svc-peshtera-integrated-home-care", "svc-peshtera-home-health"}},

		// Strelcha needs: home patronage 35 (2022), referral 25 (2021),
		// integrated home care 18 (2022).
		{"OK needs order VOLUME DESC", "needs", `filter: {territoryId: "tr-strelcha"}, orderBy: {field: VOLUME}`,
			[]string{"need-strelcha-home-patronage-older-people", "need-strelcha-referral-case-mgmt-families", "need-strelcha-integrated-home-care-older-people"}},
		{"OK needs order VOLUME ASC", "needs", `filter: {territoryId: "tr-strelcha"}, orderBy: {field: VOLUME, direction: ASC}`,
			[]string{"need-strelcha-integrated-home-care-older-people", "need-strelcha-referral-case-mgmt-families", "need-strelcha-home-patronage-older-people"}},
		{"OK needs order YEAR ASC", "needs", `filter: {territoryId: "tr-strelcha"}, orderBy: {field: YEAR, direction: ASC}`,
			[]string{"need-strelcha-referral-case-mgmt-families", "need-strelcha-home-patronage-older-people", "need-strelcha-integrated-home-care-older-people"}},
		{"OK needs order YEAR default DESC", "needs", `filter: {territoryId: "tr-strelcha"}, orderBy: {field: YEAR}`,
			[]string{"need-strelcha-home-patronage-older-people", "need-strelcha-integrated-home-care-older-people", "need-strelcha-referral-case-mgmt-families"}},

		// Partnerships by validFrom: network 2019-03-01, agreement
		// 2022-02-01, then the two without a date by id.
		{"OK partnerships order NAME DESC", "partnerships", `orderBy: {field: NAME, direction: DESC}`,
			[]string{"ps-zone-planning-network", "ps-pazardzhik-referral-memorandum", "ps-dialog-consortium", "ps-vratsa-platform-agreement"}},
		{"OK partnerships order VALID_FROM ASC", "partnerships", `orderBy: {field: VALID_FROM}`,
			[]string{"ps-zone-planning-network", "ps-vratsa-platform-agreement", "ps-dialog-consortium", "ps-pazardzhik-referral-memorandum"}},
		{"OK partnerships order VALID_FROM DESC", "partnerships", `orderBy: {field: VALID_FROM, direction: DESC}`,
			[]string{"ps-vratsa-platform-agreement", "ps-zone-planning-network", "ps-dialog-consortium", "ps-pazardzhik-referral-memorandum"}},

		// Projects: no project has a start date, so START_DATE falls back
		// to the id in both directions.
		{"OK projects order NAME DESC", "projects", `orderBy: {field: NAME, direction: DESC}`, []string{"prj-social-d", "prj-lesichovo", "prj-dialog"}},
		{"OK projects order START_DATE ASC", "projects", `orderBy: {field: START_DATE}`, []string{"prj-dialog", "prj-lesichovo", "prj-social-d"}},
		{"OK projects order START_DATE DESC", "projects", `orderBy: {field: START_DATE, direction: DESC}`, []string{"prj-dialog", "prj-lesichovo", "prj-social-d"}},

		// SOCIAL-D events: 2021-06-15 meetings, 2021-10-12 Trento,
		// 2021-11-23 Vratsa, 2022-01-17 campaign, 2022-02-22 press;
		// names Exchange…Trento < Exchange…Vratsa < Online… < SOCIAL-D… < Working….
		{"OK events order START_DATE ASC", "events", `filter: {projectId: "prj-social-d"}, orderBy: {field: START_DATE, direction: ASC}`,
			[]string{"ev-vratsa-working-meetings", "ev-visit-trento", "ev-visit-vratsa", "ev-social-d-campaign", "ev-social-d-press-conference"}},
		{"OK events order START_DATE DESC", "events", `filter: {projectId: "prj-social-d"}, orderBy: {field: START_DATE, direction: DESC}`,
			[]string{"ev-social-d-press-conference", "ev-social-d-campaign", "ev-visit-vratsa", "ev-visit-trento", "ev-vratsa-working-meetings"}},
		{"OK events order NAME ASC", "events", `filter: {projectId: "prj-social-d"}, orderBy: {field: NAME, direction: ASC}`,
			[]string{"ev-visit-trento", "ev-visit-vratsa", "ev-social-d-press-conference", "ev-social-d-campaign", "ev-vratsa-working-meetings"}},
		{"OK events order NAME default DESC", "events", `filter: {projectId: "prj-social-d"}, orderBy: {field: NAME}`,
			[]string{"ev-vratsa-working-meetings", "ev-social-d-campaign", "ev-social-d-press-conference", "ev-visit-vratsa", "ev-visit-trento"}},

		// NameOrder lists.
		{"OK serviceCategories order DESC", "serviceCategories", `filter: {parentId: "cat-health"}, orderBy: {direction: DESC}`,
			[]string{"cat-primary-care", "cat-mental-health", "cat-medical-rehab", "cat-home-health"}},
		{"OK targetGroups order ASC", "targetGroups", `orderBy: {direction: ASC}`,
			[]string{"tg-children-at-risk", "tg-families", "tg-offenders", "tg-older-people", "tg-violence-affected",
				"tg-disabilities", "tg-mental-health", "tg-young-people"}},
		{"OK targetGroups order DESC", "targetGroups", `orderBy: {direction: DESC}`,
			[]string{"tg-young-people", "tg-mental-health", "tg-disabilities", "tg-violence-affected", "tg-older-people",
				"tg-offenders", "tg-families", "tg-children-at-risk"}},
		{"OK cooperationAreas order DESC", "cooperationAreas", `orderBy: {direction: DESC}`,
			[]string{"area-volunteering", "area-zone-planning", "area-social-inclusion", "area-violence-protection",
				"area-intermunicipal", "area-health-social"}},
		{"OK practices order DESC", "practices", `orderBy: {direction: DESC}`,
			[]string{"pr-territorial-zone-planning", "pr-campania-joint-planning", "pr-i-plan", "pr-trento-model", "pr-citta-sociale"}},
	}
	for _, tc := range orders {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if args == "" {
				args = "first: 20"
			}
			sameOrder(t, list(t, h, st, tc.list, args, nil).ids(), tc.want)
		})
	}
}

// TestReadOrderByTimestamps orders by CREATED_AT and UPDATED_AT. The demo
// load gives every record of a label the same instants, so a second load
// adds records created later (ids starting "…-aa-", so that id order alone
// would put them first) and changes st-naso.
func TestReadOrderByTimestamps(t *testing.T) {
	st := testdb.Open(t)
	doc := testdb.LoadDemo(t, st)
	h := newHandler(st)

	var naso domain.StakeholderRecord
	for _, s := range doc.Stakeholders {
		if s.ID == "st-naso" {
			naso = s
		}
	}
	naso.Description = "Changed after the demo load."
	later := &domain.Document{
		Format:      domain.DocumentFormat,
		Territories: []domain.TerritoryRecord{{Territory: domain.Territory{Meta: domain.Meta{ID: "tr-aa-late"}, Name: "Late territory", Level: domain.LevelSettlement}}},
		Stakeholders: []domain.StakeholderRecord{naso, {Stakeholder: domain.Stakeholder{Meta: domain.Meta{ID: "st-aa-late"}, Name: "Late stakeholder",
			Kind: "NGO", Sector: "NON_PROFIT"}, TerritoryID: "tr-bg"}},
		Services: []domain.ServiceRecord{{Service: domain.Service{Meta: domain.Meta{ID: "svc-aa-late"}, Name: "Late service",
			Status: "ACTIVE", DeliveryMode: "IN_PERSON"}, ProviderID: "st-aa-late", CategoryID: "cat-health", CoverageIDs: []string{"tr-bg"}}},
		Needs: []domain.NeedRecord{{Need: domain.Need{Meta: domain.Meta{ID: "need-aa-late"}, Volume: 1, Priority: "LOW", Year: 2023},
			TerritoryID: "tr-bg", CategoryID: "cat-health", TargetGroupID: "tg-families"}},
		Partnerships: []domain.PartnershipRecord{{Partnership: domain.Partnership{Meta: domain.Meta{ID: "ps-aa-late"}, Name: "Late partnership", Kind: "NETWORK", Status: "PROPOSED"}}},
	}
	time.Sleep(10 * time.Millisecond)
	if _, err := st.Write(auth.WithActor(t.Context(), "later"), later, store.WriteOptions{}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, list, args string
		want             []string
	}{
		{"OK territories order CREATED_AT ASC", "territories", `filter: {ids: ["tr-bg", "tr-it", "tr-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"tr-bg", "tr-it", "tr-aa-late"}},
		{"OK territories order CREATED_AT DESC", "territories", `filter: {ids: ["tr-bg", "tr-it", "tr-aa-late"]}, orderBy: {field: CREATED_AT, direction: DESC}`,
			[]string{"tr-aa-late", "tr-bg", "tr-it"}},
		{"OK stakeholders order CREATED_AT ASC", "stakeholders", `filter: {ids: ["st-cts", "st-naso", "st-nmd", "st-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"st-cts", "st-naso", "st-nmd", "st-aa-late"}},
		{"OK stakeholders order CREATED_AT DESC", "stakeholders", `filter: {ids: ["st-cts", "st-naso", "st-nmd", "st-aa-late"]}, orderBy: {field: CREATED_AT, direction: DESC}`,
			[]string{"st-aa-late", "st-cts", "st-naso", "st-nmd"}},
		// st-naso was changed by the second load, with st-aa-late (same
		// statement, same instant: by id).
		{"OK stakeholders order UPDATED_AT ASC", "stakeholders", `filter: {ids: ["st-cts", "st-naso", "st-nmd", "st-aa-late"]}, orderBy: {field: UPDATED_AT}`,
			[]string{"st-cts", "st-nmd", "st-aa-late", "st-naso"}},
		{"OK stakeholders order UPDATED_AT DESC", "stakeholders", `filter: {ids: ["st-cts", "st-naso", "st-nmd", "st-aa-late"]}, orderBy: {field: UPDATED_AT, direction: DESC}`,
			[]string{"st-aa-late", "st-naso", "st-cts", "st-nmd"}},
		{"OK services order CREATED_AT ASC", "services", `filter: {ids: ["svc-csri-offenders", "svc-mezdra-youth", "svc-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"svc-csri-offenders", "svc-mezdra-youth", "svc-aa-late"}},
		{"OK services order CREATED_AT DESC", "services", `filter: {ids: ["svc-csri-offenders", "svc-mezdra-youth", "svc-aa-late"]}, orderBy: {field: CREATED_AT, direction: DESC}`,
			[]string{"svc-aa-late", "svc-csri-offenders", "svc-mezdra-youth"}},
		{"OK needs order CREATED_AT default DESC", "needs",
			`filter: {ids: ["need-mezdra-integrated-home-care-older-people", "need-kozloduy-rehab-children-children-at-risk", "need-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"need-aa-late", "need-kozloduy-rehab-children-children-at-risk", "need-mezdra-integrated-home-care-older-people"}},
		{"OK needs order CREATED_AT ASC", "needs",
			`filter: {ids: ["need-mezdra-integrated-home-care-older-people", "need-kozloduy-rehab-children-children-at-risk", "need-aa-late"]}, orderBy: {field: CREATED_AT, direction: ASC}`,
			[]string{"need-kozloduy-rehab-children-children-at-risk", "need-mezdra-integrated-home-care-older-people", "need-aa-late"}},
		{"OK partnerships order CREATED_AT ASC", "partnerships", `filter: {ids: ["ps-dialog-consortium", "ps-zone-planning-network", "ps-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"ps-dialog-consortium", "ps-zone-planning-network", "ps-aa-late"}},
		{"OK partnerships order CREATED_AT DESC", "partnerships", `filter: {ids: ["ps-dialog-consortium", "ps-zone-planning-network", "ps-aa-late"]}, orderBy: {field: CREATED_AT, direction: DESC}`,
			[]string{"ps-aa-late", "ps-dialog-consortium", "ps-zone-planning-network"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sameOrder(t, list(t, h, st, tc.list, tc.args, nil).ids(), tc.want)
		})
	}

	// version and updatedBy follow the writes: st-naso changed once more,
	// st-aa-late created by the second load, st-nmd untouched.
	t.Run("OK version and updatedBy after a second load", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ a: stakeholder(id: "st-naso") { version updatedBy description }
			b: stakeholder(id: "st-aa-late") { version updatedBy } c: stakeholder(id: "st-nmd") { version updatedBy } }`, nil),
			`{"a":{"version":2,"updatedBy":"later","description":"Changed after the demo load."},
			"b":{"version":1,"updatedBy":"later"},"c":{"version":1,"updatedBy":"test"}}`)
	})
}

// ---------------------------------------------------------------------------
// 3. Pagination.

func TestReadPagination(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadDemo(t, st)
	h := newHandler(st)

	t.Run("OK first 0 is an empty page with hasNextPage", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "first: 0", nil)
		if len(c.Nodes) != 0 || len(c.Edges) != 0 || !c.PageInfo.HasNextPage || c.PageInfo.HasPreviousPage ||
			c.PageInfo.StartCursor != nil || c.PageInfo.EndCursor != nil || c.TotalCount == nil || *c.TotalCount != 41 {
			t.Errorf("got %+v (total %v), want no items, hasNextPage, no cursors, totalCount 41", c.PageInfo, c.TotalCount)
		}
	})
	t.Run("OK first 0 on an empty list has no next page", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", `first: 0, filter: {ids: ["nope"]}`, nil)
		if c.PageInfo.HasNextPage || c.TotalCount == nil || *c.TotalCount != 0 {
			t.Errorf("got %+v (total %v), want no next page, totalCount 0", c.PageInfo, c.TotalCount)
		}
	})
	t.Run("OK first equal to the total has no next page", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "first: 41", nil)
		sameOrder(t, c.ids(), stakeholdersByName)
		if c.PageInfo.HasNextPage || c.PageInfo.HasPreviousPage || *c.TotalCount != 41 {
			t.Errorf("pageInfo %+v, total %v: want a single full page of 41", c.PageInfo, *c.TotalCount)
		}
	})
	t.Run("OK first one less than the total has a next page", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "first: 40", nil)
		sameOrder(t, c.ids(), stakeholdersByName[:40])
		if !c.PageInfo.HasNextPage {
			t.Errorf("pageInfo %+v: want hasNextPage", c.PageInfo)
		}
	})
	t.Run("OK default page size is 20", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "", nil)
		sameOrder(t, c.ids(), stakeholdersByName[:20])
		if !c.PageInfo.HasNextPage {
			t.Errorf("pageInfo %+v: want hasNextPage", c.PageInfo)
		}
	})
	t.Run("OK first 100 is allowed", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "first: 100", nil)
		sameOrder(t, c.ids(), stakeholdersByName)
		if c.PageInfo.HasNextPage {
			t.Errorf("pageInfo %+v: want no next page", c.PageInfo)
		}
	})

	t.Run("OK walk all stakeholders page by page", func(t *testing.T) {
		var got []string
		var after any
		wantSizes := []int{10, 10, 10, 10, 1}
		for page := 0; ; page++ {
			if page >= len(wantSizes) {
				t.Fatalf("more than %d pages", len(wantSizes))
			}
			vars := map[string]any{"first": 10, "after": after}
			c := list(t, h, st, "stakeholders", "first: $first, after: $after", vars)
			if len(c.Nodes) != wantSizes[page] {
				t.Errorf("page %d has %d items, want %d", page, len(c.Nodes), wantSizes[page])
			}
			if c.PageInfo.HasPreviousPage != (page > 0) {
				t.Errorf("page %d: hasPreviousPage %v", page, c.PageInfo.HasPreviousPage)
			}
			last := page == len(wantSizes)-1
			if c.PageInfo.HasNextPage == last {
				t.Errorf("page %d: hasNextPage %v", page, c.PageInfo.HasNextPage)
			}
			if c.TotalCount == nil || *c.TotalCount != 41 {
				t.Errorf("page %d: totalCount %v", page, c.TotalCount)
			}
			if n := len(c.Edges); n > 0 && (*c.PageInfo.StartCursor != c.Edges[0].Cursor || *c.PageInfo.EndCursor != c.Edges[n-1].Cursor) {
				t.Errorf("page %d: start/end cursors %v/%v do not match the edges", page, *c.PageInfo.StartCursor, *c.PageInfo.EndCursor)
			}
			got = append(got, c.ids()...)
			if !c.PageInfo.HasNextPage {
				// After the last cursor: an empty page.
				vars := map[string]any{"after": *c.PageInfo.EndCursor}
				e := list(t, h, st, "stakeholders", "after: $after", vars)
				if len(e.Nodes) != 0 || e.PageInfo.HasNextPage || !e.PageInfo.HasPreviousPage || e.PageInfo.StartCursor != nil ||
					e.PageInfo.EndCursor != nil || *e.TotalCount != 41 {
					t.Errorf("after the last cursor: %+v, total %v; want an empty page after others", e.PageInfo, *e.TotalCount)
				}
				break
			}
			after = *c.PageInfo.EndCursor
		}
		// Each id exactly once, in name order.
		sameOrder(t, got, stakeholdersByName)
	})

	t.Run("OK edge cursors continue a list", func(t *testing.T) {
		// After the 3rd edge of the first page comes the 4th stakeholder.
		c := list(t, h, st, "stakeholders", "first: 5", nil)
		d := list(t, h, st, "stakeholders", "first: 2, after: $after", map[string]any{"after": c.Edges[2].Cursor})
		sameOrder(t, d.ids(), stakeholdersByName[3:5])
	})

	t.Run("OK totalCount costs one query only when selected", func(t *testing.T) {
		var out any
		without := ok(t, h, st, `{ stakeholders(first: 5) { nodes { id } pageInfo { hasNextPage } } }`, nil, &out)
		with := ok(t, h, st, `{ stakeholders(first: 5) { totalCount nodes { id } pageInfo { hasNextPage } } }`, nil, &out)
		if with.queries != without.queries+1 {
			t.Errorf("queries: %d without totalCount, %d with; want exactly one more", without.queries, with.queries)
		}
		sameJSON(t, data(t, h, st, `{ stakeholders(first: 1, filter: {kinds: [MUNICIPALITY]}) { totalCount } }`, nil),
			`{"stakeholders":{"totalCount":8}}`)
	})

	// Each root list accepts first 0 and rejects 101 and -1.
	for _, l := range []string{"territories", "stakeholders", "serviceCategories", "targetGroups", "services", "needs",
		"cooperationAreas", "partnerships", "practices", "projects", "events"} {
		t.Run("OK "+l+" first 0", func(t *testing.T) {
			c := list(t, h, st, l, "first: 0", nil)
			if len(c.Nodes) != 0 || !c.PageInfo.HasNextPage || c.TotalCount == nil || *c.TotalCount == 0 {
				t.Errorf("got %+v, total %v", c.PageInfo, c.TotalCount)
			}
		})
		t.Run("ErrFirstTooLarge "+l, func(t *testing.T) {
			failsWith(t, h, st, `{ `+l+`(first: 101) { nodes { id } } }`, nil, "BAD_USER_INPUT", "first")
		})
		t.Run("ErrFirstNegative "+l, func(t *testing.T) {
			failsWith(t, h, st, `{ `+l+`(first: -1) { nodes { id } } }`, nil, "BAD_USER_INPUT", "first")
		})
		t.Run("ErrBadCursor "+l, func(t *testing.T) {
			failsWith(t, h, st, `{ `+l+`(after: "not a cursor") { nodes { id } } }`, nil, "BAD_USER_INPUT", "after")
		})
	}

	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, bad := range []string{"", "zzz", b64("cursor:-1"), b64("cursor:x"), b64("offset:3"), b64("cursor:")} {
		t.Run("ErrBadCursor "+fmt.Sprintf("%q", bad), func(t *testing.T) {
			failsWith(t, h, st, `query($a: String) { stakeholders(after: $a) { nodes { id } } }`, map[string]any{"a": bad}, "BAD_USER_INPUT", "after")
		})
	}

	// Nested lists: at most 500.
	nested := []struct{ name, query string }{
		{"ErrNestedFirstTooLarge territory children", `{ territory(id: "tr-bg") { children(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge territory stakeholders", `{ territory(id: "tr-bg") { stakeholders(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge stakeholder services", `{ stakeholder(id: "st-csii") { services(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge stakeholder events", `{ stakeholder(id: "st-csii") { events(first: 501) { role } } }`},
		{"ErrNestedFirstTooLarge area stakeholders", `{ cooperationArea(id: "area-volunteering") { stakeholders(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge project events", `{ project(id: "prj-dialog") { events(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge category needs", `{ serviceCategory(id: "cat-health") { needs(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge in a list", `{ stakeholders(first: 2) { nodes { services(first: 501) { id } } } }`},
		{"ErrNestedFirstNegative", `{ targetGroup(id: "tg-families") { services(first: -1) { id } } }`},
	}
	for _, tc := range nested {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, tc.query, nil, "BAD_USER_INPUT", "first")
		})
	}
}

// ---------------------------------------------------------------------------
// 4. Search.

type hit struct {
	Type  string
	ID    string
	Name  string
	Score float64
	Node  struct {
		Typename string `json:"__typename"`
		ID       string
	}
}

const hitFields = `type id name score node { __typename
  ... on Territory { id } ... on Stakeholder { id } ... on ServiceCategory { id } ... on TargetGroup { id }
  ... on Service { id } ... on CooperationArea { id } ... on Partnership { id } ... on Practice { id }
  ... on Project { id } ... on Event { id } }`

func search(t testing.TB, h http.Handler, st *store.Store, text string, args string) []hit {
	t.Helper()
	var out struct{ Search []hit }
	ok(t, h, st, `query($text: String!) { search(text: $text`+args+`) { `+hitFields+` } }`, map[string]any{"text": text}, &out)
	for i, x := range out.Search {
		if x.Node.ID != x.ID || x.Score <= 0 {
			t.Errorf("hit %d: %+v: node id and hit id differ, or score not positive", i, x)
		}
		if i > 0 && x.Score > out.Search[i-1].Score {
			t.Errorf("hit %d scores %g, more than hit %d (%g): want best first", i, x.Score, i-1, out.Search[i-1].Score)
		}
	}
	return out.Search
}

func hitIDs(hits []hit) []string {
	out := make([]string, len(hits))
	for i, x := range hits {
		out[i] = x.ID
	}
	return out
}

// vratsaCyrillic is every record with a word Враца in an indexed field:
// 3 territories, 8 stakeholders, 9 services, the platform agreement and the
// exchange visit to Vratsa (their nameLocal values end with "Враца").
var vratsaCyrillic = []string{
	"tr-vratsa", "tr-vratsa-district", "tr-vratsa-town",
	"st-cci-vratsa", "st-vratsa-municipality", "st-vratsa-media", "st-hospital-vratsa", "st-daycare-vratsa",
	"st-homecare-vratsa", "st-sad-vratsa", "st-crisis-centre-vratsa",
	"svc-vratsa-patronage", "svc-vratsa-personal-assistance", "svc-vratsa-elderly-day-care", "svc-vratsa-disabilities-day-care",
	"svc-vratsa-integrated-home-care", "svc-vratsa-mental-health", "svc-vratsa-mobile-team", "svc-vratsa-crisis-accommodation",
	"svc-vratsa-referral",
	"ps-vratsa-platform-agreement", "ev-visit-vratsa",
}

func TestReadSearch(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadDemo(t, st)
	h := newHandler(st)

	// One hit of each type, with every SearchHit field and the node's type.
	kinds := []struct {
		text, typ, id, name, typename string
	}{
		{"Kalugerovo", "TERRITORY", "tr-kalugerovo", "Kalugerovo", "Territory"},
		{"НАСО", "STAKEHOLDER", "st-naso", "National Alliance for Social Responsibility", "Stakeholder"},
		{"patronage", "SERVICE_CATEGORY", "cat-home-patronage", "Home social patronage", "ServiceCategory"},
		{"violence", "TARGET_GROUP", "tg-violence-affected", "Persons and children affected by violence", "TargetGroup"},
		{"Velingrad", "SERVICE", "svc-velingrad-medical-rehab", "Medical rehabilitation – Velingrad", "Service"},
		{"volunteering", "COOPERATION_AREA", "area-volunteering", "Volunteering and community initiatives", "CooperationArea"},
		{"memorandum", "PARTNERSHIP", "ps-pazardzhik-referral-memorandum", "Inter-municipal referral memorandum Lesichovo – Peshtera (illustrative)", "Partnership"},
		{"Campania", "PRACTICE", "pr-campania-joint-planning", "Institutionalised cooperation of small municipalities for joint planning of social policies", "Practice"},
		{"Interreg", "PROJECT", "prj-dialog", "DIALOG – Dialog for Innovation And LOcal Growth", "Project"},
		{"Sarnitsa", "EVENT", "ev-infoday-sarnitsa", "Info day – Sarnitsa", "Event"},
	}
	for _, tc := range kinds {
		t.Run("OK search hit "+tc.typ, func(t *testing.T) {
			hits := search(t, h, st, tc.text, ", types: ["+tc.typ+"]")
			if len(hits) != 1 {
				t.Fatalf("got %v, want only %s", hitIDs(hits), tc.id)
			}
			x := hits[0]
			if x.Type != tc.typ || x.ID != tc.id || x.Name != tc.name || x.Node.Typename != tc.typename || x.Node.ID != tc.id {
				t.Errorf("got %+v, want %s %s %q %s", x, tc.typ, tc.id, tc.name, tc.typename)
			}
		})
	}

	sets := []struct {
		name, text, args string
		want             []string
	}{
		{"OK search Cyrillic all types", "Враца", ", first: 100", vratsaCyrillic},
		{"OK search Cyrillic territories", "Враца", ", types: [TERRITORY]", []string{"tr-vratsa", "tr-vratsa-district", "tr-vratsa-town"}},
		{"OK search Cyrillic two types", "Враца", ", types: [EVENT, PARTNERSHIP]", []string{"ev-visit-vratsa", "ps-vratsa-platform-agreement"}},
		// Лесичово in nameLocal: the municipality, the village, the zone.
		{"OK search Cyrillic Lesichovo territories", "Лесичово", ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		// Пещера: 2 territories, 3 stakeholders, 4 services, the memorandum.
		{"OK search Cyrillic Peshtera", "Пещера", ", first: 100",
			[]string{"tr-peshtera", "tr-peshtera-town", "st-crisis-centre-peshtera", "st-peshtera-municipality", "st-homehealth-peshtera",
				"svc-peshtera-crisis-accommodation", "svc-peshtera-crisis-counselling", "svc-peshtera-home-health",
				"svc-peshtera-integrated-home-care", "ps-pazardzhik-referral-memorandum"}},
		{"OK search Cyrillic Peshtera stakeholders", "Пещера", ", types: [STAKEHOLDER]",
			[]string{"st-crisis-centre-peshtera", "st-peshtera-municipality", "st-homehealth-peshtera"}},
		{"OK search Latin", "Lesichovo", ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK search Latin prefix", "lesich", ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK search Latin mixed case", "lEsIcHoVo", ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK search Latin Vratsa territories", "Vratsa", ", types: [TERRITORY]", []string{"tr-vratsa", "tr-vratsa-district", "tr-vratsa-town"}},
		// Vratsa in the English names of 8 stakeholders.
		{"OK search Latin Vratsa stakeholders", "Vratsa", ", types: [STAKEHOLDER], first: 100",
			[]string{"st-cci-vratsa", "st-vratsa-municipality", "st-vratsa-media", "st-hospital-vratsa", "st-daycare-vratsa",
				"st-homecare-vratsa", "st-sad-vratsa", "st-crisis-centre-vratsa"}},
		// All words must match: home, care and Vratsa only in "Integrated
		// home care – Vratsa" and "Home care association – Vratsa".
		{"OK search all words must match", "home care Vratsa", ", first: 100", []string{"svc-vratsa-integrated-home-care", "st-homecare-vratsa"}},
		{"OK search all words must match none", "Lesichovo Vratsa", ", types: [TERRITORY]", []string{}},
		// Lucene syntax is just text: "ТПП-Враца" is the words ТПП and
		// Враца, only in CCI Vratsa's acronym.
		{"OK search hyphenated acronym", "ТПП-Враца", ", first: 100", []string{"st-cci-vratsa"}},
		{"OK search quotes", `"Лесичово"`, ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK search operators as words", "Vratsa^ [town]", ", types: [TERRITORY]", []string{"tr-vratsa-town"}},
		{"OK search field syntax", "Vratsa:", ", types: [TERRITORY]", []string{"tr-vratsa", "tr-vratsa-district", "tr-vratsa-town"}},
		{"OK search parenthesis", "(Пещера", ", types: [TERRITORY]", []string{"tr-peshtera", "tr-peshtera-town"}},
		{"OK search star alone finds nothing", "*", "", []string{}},
		{"OK search escaped quote alone finds nothing", `\"`, "", []string{}},
		{"OK search 200 characters", strings.Repeat("я", 200), "", []string{}},
	}
	for _, tc := range sets {
		t.Run(tc.name, func(t *testing.T) {
			sameSet(t, hitIDs(search(t, h, st, tc.text, tc.args)), tc.want)
		})
	}

	t.Run("OK search Lucene operators do not fail", func(t *testing.T) {
		for _, text := range []string{`a AND (b`, `OR`, `NOT x`, `foo~2 bar^3`, `a:b/c?`, `\`, `{[(`, `&& ||`} {
			hits := search(t, h, st, text, "")
			if len(hits) > 10 {
				t.Errorf("%q: %d hits, more than the default 10", text, len(hits))
			}
		}
	})

	// Best first: the exact one-word name outranks longer names.
	t.Run("OK search best match first", func(t *testing.T) {
		if got := hitIDs(search(t, h, st, "Lesichovo", ", types: [TERRITORY]")); len(got) == 0 || got[0] != "tr-lesichovo" {
			t.Errorf("got %v, want tr-lesichovo first", got)
		}
		if got := hitIDs(search(t, h, st, "Враца", ", types: [TERRITORY]")); len(got) == 0 || got[0] != "tr-vratsa" {
			t.Errorf("got %v, want tr-vratsa first", got)
		}
	})

	// first: default 10 of the 22 Враца hits, or as many as asked.
	t.Run("OK search first default 10", func(t *testing.T) {
		hits := search(t, h, st, "Враца", "")
		if len(hits) != 10 {
			t.Fatalf("got %d hits, want 10", len(hits))
		}
		for _, id := range hitIDs(hits) {
			if !slices.Contains(vratsaCyrillic, id) {
				t.Errorf("unexpected hit %s", id)
			}
		}
	})
	t.Run("OK search first 3", func(t *testing.T) {
		if hits := search(t, h, st, "Враца", ", first: 3"); len(hits) != 3 {
			t.Errorf("got %d hits, want 3", len(hits))
		}
	})
	t.Run("OK search first 0", func(t *testing.T) {
		if hits := search(t, h, st, "Враца", ", first: 0"); len(hits) != 0 {
			t.Errorf("got %d hits, want none", len(hits))
		}
	})
	t.Run("OK search first 100 and empty types", func(t *testing.T) {
		sameSet(t, hitIDs(search(t, h, st, "Враца", ", first: 100, types: []")), vratsaCyrillic)
	})
	// Fields of the found node resolve like anywhere else.
	t.Run("OK search node fields", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ search(text: "Лесичово", types: [PROJECT]) { type id name
			node { ... on Project { acronym endDate participants { role stakeholder { id } } } } } }`, nil),
			`{"search":[{"type":"PROJECT","id":"prj-lesichovo","name":"Lesichovo Municipality project on the transfer of Italian social innovations",
			"node":{"acronym":null,"endDate":"2018-12-12","participants":[{"role":"LEAD","stakeholder":{"id":"st-lesichovo-municipality"}},
			{"role":"EXPERT","stakeholder":{"id":"st-cts"}}]}}]}`)
	})

	errs := []struct{ name, text, args, field string }{
		{"ErrSearchEmptyText", "", "", "text"},
		{"ErrSearchSpaceOnlyText", "   \t ", "", "text"},
		{"ErrSearchText201", strings.Repeat("a", 201), "", "text"},
		{"ErrSearchFirstTooLarge", "Враца", ", first: 101", "first"},
		{"ErrSearchFirstNegative", "Враца", ", first: -1", "first"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, `query($text: String!) { search(text: $text`+tc.args+`) { id } }`, map[string]any{"text": tc.text}, "BAD_USER_INPUT", tc.field)
		})
	}
	t.Run("ErrSearchUnknownType", func(t *testing.T) {
		failsWith(t, h, st, `{ search(text: "Враца", types: [NEED]) { id } }`, nil, "BAD_USER_INPUT", "SearchType")
	})
}

// ---------------------------------------------------------------------------
// 5. Bad input.

func TestReadBadInput(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadDemo(t, st)
	h := newHandler(st)

	tests := []struct {
		name, query string
		vars        map[string]any
		field       string
	}{
		{"ErrUnknownEnumLiteral", `{ territories(filter: {levels: [PLANET]}) { nodes { id } } }`, nil, "TerritoryLevel"},
		{"ErrUnknownEnumVariable", `query($l: [TerritoryLevel!]) { territories(filter: {levels: $l}) { nodes { id } } }`,
			map[string]any{"l": []string{"PLANET"}}, "TerritoryLevel"},
		{"ErrUnknownEnumVariableKinds", `query($k: [StakeholderKind!]) { stakeholders(filter: {kinds: $k}) { nodes { id } } }`,
			map[string]any{"k": []string{"MUNICIPALITY", "CASTLE"}}, "StakeholderKind"},
		{"ErrUnknownOrderField", `{ stakeholders(orderBy: {field: POPULATION}) { nodes { id } } }`, nil, "StakeholderOrderField"},
		{"ErrUnknownDirectionVariable", `query($d: SortDirection) { targetGroups(orderBy: {direction: $d}) { nodes { id } } }`,
			map[string]any{"d": "UP"}, "SortDirection"},
		{"ErrBadDateLiteral", `{ events(filter: {from: "2022-13-01"}) { nodes { id } } }`, nil, "events.filter.from"},
		{"ErrBadDateVariable", `query($d: Date) { events(filter: {to: $d}) { nodes { id } } }`, map[string]any{"d": "2022-13-01"}, "events.filter.to"},
		{"ErrBadDateActiveOn", `{ partnerships(filter: {activeOn: "2022-02-30"}) { nodes { id } } }`, nil, "partnerships.filter.activeOn"},
		{"ErrBadDateFormat", `{ events(filter: {from: "22/02/2022"}) { nodes { id } } }`, nil, "events.filter.from"},
		{"ErrDateNotString", `query($d: Date) { events(filter: {from: $d}) { nodes { id } } }`, map[string]any{"d": 20220222}, "events.filter.from"},
		{"ErrNegativeMaxDistance", `{ territory(id: "tr-lesichovo") { neighbours(maxDistanceKm: -1) { distanceKm } } }`, nil, "maxDistanceKm"},
		{"ErrNegativeMaxDistanceVariable", `query($km: Float) { territory(id: "tr-vratsa") { neighbours(maxDistanceKm: $km) { distanceKm } } }`,
			map[string]any{"km": -0.5}, "maxDistanceKm"},
		{"ErrFirstWrongType", `{ stakeholders(first: "ten") { nodes { id } } }`, nil, "Int"},
		{"ErrFirstWrongTypeVariable", `query($n: Int) { stakeholders(first: $n) { nodes { id } } }`, map[string]any{"n": "ten"}, "Int"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, tc.query, tc.vars, "BAD_USER_INPUT", tc.field)
		})
	}

	// maxDistanceKm 0 is allowed and matches nothing in the demo.
	t.Run("OK maxDistanceKm zero", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ territory(id: "tr-lesichovo") { neighbours(maxDistanceKm: 0) { distanceKm } } }`, nil),
			`{"territory":{"neighbours":[]}}`)
	})
}
