package api_test

// Tests of the write API (schema/mutations.graphqls) against the demo
// dataset (internal/demo/demo.json), through the HTTP handler.
//
// Every expected value is a literal worked out by hand from demo.json and the
// inputs written here. Lists of related records are compared as sets (the
// schema documents the order of only some of them); where an order is
// documented and has no ties ("nearest first", "leads first") it is checked
// separately. "Nothing written" is checked by reading the record (or its
// absence) through the query API before and after the failing request.
//
// Helpers are prefixed (mut..., mo, ma) so that they do not clash with those
// of the other test files of the package.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// ---------------------------------------------------------------------------
// Helpers.

type (
	mo = map[string]any
	ma = []any
)

// mutEnv is the API over a store holding the demo dataset. The server's
// log is kept, so that an INTERNAL error can be explained.
type mutEnv struct {
	h   http.Handler
	st  *store.Store
	log *mutLog
}

// mutLog is a log sink safe for concurrent writes.
type mutLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *mutLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// about returns the log lines of a request.
func (l *mutLog) about(requestID string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range strings.Split(l.buf.String(), "\n") {
		if requestID != "" && strings.Contains(line, requestID) && !strings.Contains(line, `msg=graphql`) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// newMutEnv opens the test database and loads the demo dataset into it.
func newMutEnv(t *testing.T) mutEnv {
	t.Helper()
	st := testdb.Open(t)
	testdb.LoadDemo(t, st)
	l := &mutLog{}
	return mutEnv{h: api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(l, nil))}), st: st, log: l}
}

// explain returns the server's log lines about the errors of a response.
func (e mutEnv) explain(errs []gqlError) string {
	var out []string
	for _, g := range errs {
		id, _ := g.Extensions["requestId"].(string)
		if lines := e.log.about(id); lines != "" {
			out = append(out, lines)
		}
	}
	return strings.Join(out, "\n")
}

// post sends an operation and returns the response.
func (e mutEnv) post(t testing.TB, op string, vars mo) response {
	t.Helper()
	return post(t, e.h, e.st, op, vars)
}

// data sends an operation that must succeed and returns its data.
func (e mutEnv) data(t testing.TB, op string, vars mo) mo {
	t.Helper()
	r := e.post(t, op, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v\n%s", r.Errors, e.explain(r.Errors))
	}
	var out mo
	if err := json.Unmarshal(r.Data, &out); err != nil {
		t.Fatalf("decode data: %v: %s", err, r.Data)
	}
	return out
}

// run sends an operation that must succeed and returns data[field], which
// must be an object.
func (e mutEnv) run(t testing.TB, op string, vars mo, field string) mo {
	t.Helper()
	out := e.data(t, op, vars)
	v, isObj := out[field].(mo)
	if !isObj {
		t.Fatalf("%s returned %v", field, out[field])
	}
	return v
}

// read returns a record through the query API (lookup is the single lookup
// field, e.g. "territory"), or nil when the API answers null.
func (e mutEnv) read(t testing.TB, lookup, id, sel string) mo {
	t.Helper()
	out := e.data(t, fmt.Sprintf("query($id: ID!) { %s(id: $id) { %s } }", lookup, sel), mo{"id": id})
	v, _ := out[lookup].(mo)
	return v
}

// fail sends an operation that must fail with code and returns its error.
func (e mutEnv) fail(t testing.TB, op string, vars mo, code string) gqlError {
	t.Helper()
	r := e.post(t, op, vars)
	if len(r.Errors) == 0 {
		t.Fatalf("want error %s, got data %s", code, r.Data)
	}
	if len(r.Errors) != 1 {
		t.Errorf("want one error, got %d: %+v", len(r.Errors), r.Errors)
	}
	g := r.Errors[0]
	if g.code() != code {
		t.Fatalf("want code %s, got %s: %s (extensions %v)\n%s", code, g.code(), g.Message, g.Extensions, e.explain(r.Errors))
	}
	if id, _ := g.Extensions["requestId"].(string); id == "" {
		t.Errorf("error without extensions.requestId: %+v", g)
	}
	return g
}

// mutProblem is one entry of extensions.problems.
type mutProblem struct{ Field, Message string }

// mutProblems returns extensions.problems of a BAD_USER_INPUT error.
func mutProblems(t testing.TB, g gqlError) []mutProblem {
	t.Helper()
	raw, isList := g.Extensions["problems"].([]any)
	if !isList {
		t.Fatalf("error without extensions.problems: %s (extensions %v)", g.Message, g.Extensions)
	}
	var ps []mutProblem
	for _, x := range raw {
		m, _ := x.(mo)
		f, _ := m["field"].(string)
		msg, _ := m["message"].(string)
		ps = append(ps, mutProblem{f, msg})
	}
	return ps
}

// wantProblems checks that the problems' fields are exactly fields (in any
// order, repeats counted) and that a problem of fields[0] says msg.
func wantProblems(t testing.TB, g gqlError, msg string, fields ...string) {
	t.Helper()
	ps := mutProblems(t, g)
	var got []string
	for _, p := range ps {
		got = append(got, p.Field)
	}
	want := slices.Clone(fields)
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("problem fields: got %q, want %q (%+v)", got, want, ps)
	}
	for _, p := range ps {
		if p.Field == fields[0] && strings.Contains(p.Message, msg) {
			return
		}
	}
	t.Errorf("no problem of %q says %q: %+v", fields[0], msg, ps)
}

// wantField checks extensions.field of an error.
func wantField(t testing.TB, g gqlError, field string) {
	t.Helper()
	if f, _ := g.Extensions["field"].(string); f != field {
		t.Errorf("extensions.field: got %q, want %q (%s)", f, field, g.Message)
	}
}

// with returns a copy of base with over applied; a nil value removes the
// field (leaves it out of the input).
func with(base, over mo) mo {
	out := maps.Clone(base)
	for k, v := range over {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// without returns a copy of m without keys.
func without(m mo, keys ...string) mo {
	out := maps.Clone(m)
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

// mutCanon normalises a decoded JSON value: lists of objects are sorted (by
// their JSON text), so that related records compare as sets.
func mutCanon(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, y := range x {
			out[k] = mutCanon(y)
		}
		return out
	case []any:
		out := make([]any, len(x))
		objects := len(x) > 0
		for i, y := range x {
			out[i] = mutCanon(y)
			if _, isObj := y.(map[string]any); !isObj {
				objects = false
			}
		}
		if objects {
			sort.Slice(out, func(i, j int) bool { return mutJSON(out[i]) < mutJSON(out[j]) })
		}
		return out
	}
	return v
}

func mutJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// same compares got (any JSON-encodable value) with the JSON text want,
// lists of objects as sets.
func same(t testing.TB, got any, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expected JSON: %v\n%s", err, want)
	}
	if err := json.Unmarshal([]byte(mutJSON(got)), &g); err != nil {
		t.Fatalf("bad JSON: %v", err)
	}
	if g, w = mutCanon(g), mutCanon(w); !reflect.DeepEqual(g, w) {
		t.Errorf("got  %s\nwant %s", mutJSON(g), mutJSON(w))
	}
}

// sameRecord compares two decoded records exactly (lists as sets).
func sameRecord(t testing.TB, got, want mo) {
	t.Helper()
	same(t, got, mutJSON(want))
}

// ver returns a record's version.
func ver(t testing.TB, rec mo) int {
	t.Helper()
	v, isNum := rec["version"].(float64)
	if !isNum {
		t.Fatalf("no version in %v", rec)
	}
	return int(v)
}

// stamp returns a DateTime field of a record.
func stamp(t testing.TB, rec mo, key string) time.Time {
	t.Helper()
	s, _ := rec[key].(string)
	ts, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return ts
}

// idList returns the ids of a list selected as { id } (or of the key'ed
// objects in it: key "territory" for [{territory {id}}]).
func idList(t testing.TB, v any, key string) []string {
	t.Helper()
	list, isList := v.([]any)
	if !isList {
		t.Fatalf("not a list: %v", v)
	}
	var out []string
	for _, x := range list {
		m, _ := x.(mo)
		if key != "" {
			m, _ = m[key].(mo)
		}
		id, _ := m["id"].(string)
		out = append(out, id)
	}
	return out
}

// deletedOf returns the `deleted` list of a DeleteResult as "Type id".
func deletedOf(t testing.TB, r mo) []string {
	t.Helper()
	list, _ := r["deleted"].([]any)
	var out []string
	for _, x := range list {
		m, _ := x.(mo)
		out = append(out, fmt.Sprintf("%s %s", m["type"], m["id"]))
	}
	return out
}

// wantDeleted checks a DeleteResult: first is listed first, then exactly
// the others, in any order.
func wantDeleted(t testing.TB, r mo, first string, others ...string) {
	t.Helper()
	got := deletedOf(t, r)
	if len(got) == 0 || got[0] != first {
		t.Fatalf("deleted: got %q, want %q first", got, first)
	}
	rest, want := slices.Clone(got[1:]), slices.Clone(others)
	sort.Strings(rest)
	sort.Strings(want)
	if !slices.Equal(rest, want) {
		t.Errorf("deleted after %q: got %q, want %q", first, rest, want)
	}
}

// wantDependants checks extensions.dependants of a refused delete: exactly
// deps ("Type id"), in any order, and that the message names the first.
func wantDependants(t testing.TB, g gqlError, deps ...string) {
	t.Helper()
	raw, _ := g.Extensions["dependants"].([]any)
	var got []string
	for _, x := range raw {
		m, _ := x.(mo)
		got = append(got, fmt.Sprintf("%s %s", m["type"], m["id"]))
	}
	want := slices.Clone(deps)
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Fatalf("dependants: got %q, want %q", got, want)
	}
	wantField(t, g, "id")
	// The message names the dependants (the first ten of them).
	if first, _ := raw[0].(mo); !strings.Contains(g.Message, fmt.Sprint(first["id"])) {
		t.Errorf("message %q does not name %v", g.Message, first["id"])
	}
}

// Operations by type name.
func createOp(typ, sel string) string {
	return fmt.Sprintf("mutation($input: %sInput!) { create%s(input: $input) { %s } }", typ, typ, sel)
}

func updateOp(typ, sel string) string {
	return fmt.Sprintf("mutation($id: ID!, $input: %sInput!, $v: Int!) { update%s(id: $id, input: $input, expectedVersion: $v) { %s } }", typ, typ, sel)
}

func deleteOp(typ string) string {
	return fmt.Sprintf("mutation($id: ID!, $cascade: Boolean) { delete%s(id: $id, cascade: $cascade) { deleted { type id } } }", typ)
}

func lookupOf(typ string) string { return strings.ToLower(typ[:1]) + typ[1:] }

// auditSel selects the fields the server sets.
const auditSel = "id version createdAt updatedAt updatedBy "

// wantFresh checks the audit fields of a record just created by the API.
func wantFresh(t testing.TB, r mo, start time.Time) {
	t.Helper()
	if v := ver(t, r); v != 1 {
		t.Errorf("version: got %d, want 1", v)
	}
	if r["updatedBy"] != "api" {
		t.Errorf("updatedBy: got %v, want api", r["updatedBy"])
	}
	created, updated := stamp(t, r, "createdAt"), stamp(t, r, "updatedAt")
	if created.Before(start.Add(-time.Minute)) || created.After(time.Now().Add(time.Minute)) {
		t.Errorf("createdAt %s is not the time of the request (%s)", created, start)
	}
	if updated.Before(created) {
		t.Errorf("updatedAt %s before createdAt %s", updated, created)
	}
}

// ---------------------------------------------------------------------------
// 1, 2. Create, read, update, delete every node type; idempotent creates.

// crudCase describes one node type: a full create input, the record it
// makes, an update input replacing every field, and the record after it.
type crudCase struct {
	typ     string // GraphQL type
	prefix  string // prefix of ids the server makes
	id      string // client id
	sel     string // fields compared (besides the audit fields)
	input   mo     // create input, without id
	created string // sel of the created record (without audit fields)
	// conflicts are changes to the input that make a create with the same
	// id a CONFLICT, by subtest name.
	conflicts map[string]mo
	update    mo
	updated   string
}

var crudCases = []crudCase{
	{
		typ: "Territory", prefix: "tr", id: "tr-mut-hamlet",
		sel: "name nameLocal level code population parent { id } zones { id } neighbours { territory { id } distanceKm illustrative } illustrative illustrativeFields source",
		input: mo{"name": "Mutation Hamlet", "nameLocal": "Мутационно", "level": "SETTLEMENT", "code": "BG-MUT-01", "population": 120,
			"parentId": "tr-lesichovo", "zoneIds": ma{"tr-zone-pazardzhik-west"},
			"neighbours":   ma{mo{"territoryId": "tr-kalugerovo", "distanceKm": 4.5, "illustrative": true}},
			"illustrative": true, "illustrativeFields": ma{"population"}, "source": "mutation test"},
		created: `{"name":"Mutation Hamlet","nameLocal":"Мутационно","level":"SETTLEMENT","code":"BG-MUT-01","population":120,
			"parent":{"id":"tr-lesichovo"},"zones":[{"id":"tr-zone-pazardzhik-west"}],
			"neighbours":[{"territory":{"id":"tr-kalugerovo"},"distanceKm":4.5,"illustrative":true}],
			"illustrative":true,"illustrativeFields":["population"],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another Hamlet"}, "parentId": {"parentId": "tr-peshtera"}},
		// Neighbours are only added by an update: kalugerovo stays.
		update: mo{"name": "Mutation Hamlet (moved)", "level": "SETTLEMENT", "population": 95, "parentId": "tr-peshtera",
			"neighbours": ma{mo{"territoryId": "tr-tserovo", "distanceKm": 7}}},
		updated: `{"name":"Mutation Hamlet (moved)","nameLocal":null,"level":"SETTLEMENT","code":null,"population":95,
			"parent":{"id":"tr-peshtera"},"zones":[],
			"neighbours":[{"territory":{"id":"tr-kalugerovo"},"distanceKm":4.5,"illustrative":true},
			              {"territory":{"id":"tr-tserovo"},"distanceKm":7,"illustrative":false}],
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Stakeholder", prefix: "st", id: "st-mut-association",
		sel: "name nameLocal acronym kind sector description email phone website territory { id } cooperationAreas { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation Association", "nameLocal": "Мутационно сдружение", "acronym": "MA", "kind": "NGO", "sector": "NON_PROFIT",
			"description": "Writes test data.", "email": "info@mutation.example.org", "phone": "+359 2 123 4567",
			"website": "https://mutation.example.org/about", "territoryId": "tr-lesichovo",
			"areaIds": ma{"area-volunteering", "area-intermunicipal"}, "illustrativeFields": ma{"email", "phone"}, "source": "mutation test"},
		created: `{"name":"Mutation Association","nameLocal":"Мутационно сдружение","acronym":"MA","kind":"NGO","sector":"NON_PROFIT",
			"description":"Writes test data.","email":"info@mutation.example.org","phone":"+359 2 123 4567",
			"website":"https://mutation.example.org/about","territory":{"id":"tr-lesichovo"},
			"cooperationAreas":[{"id":"area-intermunicipal"},{"id":"area-volunteering"}],
			"illustrative":false,"illustrativeFields":["email","phone"],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another Association"}, "areaIds": {"areaIds": ma{"area-volunteering"}}},
		// The areas shrink to one; the location moves.
		update: mo{"name": "Mutation Company", "kind": "BUSINESS", "sector": "PRIVATE", "territoryId": "tr-peshtera",
			"areaIds": ma{"area-volunteering"}},
		updated: `{"name":"Mutation Company","nameLocal":null,"acronym":null,"kind":"BUSINESS","sector":"PRIVATE",
			"description":null,"email":null,"phone":null,"website":null,"territory":{"id":"tr-peshtera"},
			"cooperationAreas":[{"id":"area-volunteering"}],"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "ServiceCategory", prefix: "cat", id: "cat-mut-therapy",
		sel: "name nameLocal code domain description parent { id } children { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation therapy", "nameLocal": "Мутационна терапия", "code": "MT-1", "domain": "HEALTH",
			"description": "A category made by a test.", "parentId": "cat-health", "illustrative": true, "source": "mutation test"},
		created: `{"name":"Mutation therapy","nameLocal":"Мутационна терапия","code":"MT-1","domain":"HEALTH",
			"description":"A category made by a test.","parent":{"id":"cat-health"},"children":[],
			"illustrative":true,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another therapy"}, "parentId": {"parentId": "cat-crisis"}},
		// No parent: it becomes a top-level category.
		update: mo{"name": "Mutation therapy (top level)", "domain": "INTEGRATED"},
		updated: `{"name":"Mutation therapy (top level)","nameLocal":null,"code":null,"domain":"INTEGRATED","description":null,
			"parent":null,"children":[],"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "TargetGroup", prefix: "tg", id: "tg-mut-testers",
		sel:       "name nameLocal description illustrative illustrativeFields source",
		input:     mo{"name": "Mutation testers", "nameLocal": "Тестери", "description": "People who write tests.", "source": "mutation test"},
		created:   `{"name":"Mutation testers","nameLocal":"Тестери","description":"People who write tests.","illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Other testers"}},
		update:    mo{"name": "Mutation testers (renamed)", "illustrative": true, "illustrativeFields": ma{"name"}},
		updated:   `{"name":"Mutation testers (renamed)","nameLocal":null,"description":null,"illustrative":true,"illustrativeFields":["name"],"source":null}`,
	},
	{
		typ: "Service", prefix: "svc", id: "svc-mut-outreach",
		sel: "name nameLocal description status deliveryMode eligibility minAge maxAge capacity available availableUpdatedAt email url provider { id } category { id } targetGroups { id } coverage { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation outreach", "nameLocal": "Мобилна услуга", "description": "Visits people at home.",
			"status": "ACTIVE", "deliveryMode": "OUTREACH", "eligibility": "Adults living alone", "minAge": 18, "maxAge": 65,
			"capacity": 10, "available": 3, "availableUpdatedAt": "2024-05-01T10:00:00Z",
			"email": "outreach@mutation.example.org", "url": "https://mutation.example.org/outreach",
			"providerId": "st-rural-initiative", "categoryId": "cat-community-initiatives",
			"targetGroupIds": ma{"tg-young-people", "tg-older-people"}, "coverageIds": ma{"tr-peshtera", "tr-lesichovo"},
			"illustrativeFields": ma{"capacity", "available"}, "source": "mutation test"},
		created: `{"name":"Mutation outreach","nameLocal":"Мобилна услуга","description":"Visits people at home.",
			"status":"ACTIVE","deliveryMode":"OUTREACH","eligibility":"Adults living alone","minAge":18,"maxAge":65,
			"capacity":10,"available":3,"availableUpdatedAt":"2024-05-01T10:00:00Z",
			"email":"outreach@mutation.example.org","url":"https://mutation.example.org/outreach",
			"provider":{"id":"st-rural-initiative"},"category":{"id":"cat-community-initiatives"},
			"targetGroups":[{"id":"tg-older-people"},{"id":"tg-young-people"}],"coverage":[{"id":"tr-lesichovo"},{"id":"tr-peshtera"}],
			"illustrative":false,"illustrativeFields":["capacity","available"],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another outreach"}, "coverageIds": {"coverageIds": ma{"tr-lesichovo"}}},
		// Zeros are values, not absences.
		update: mo{"name": "Mutation remote support", "status": "PLANNED", "deliveryMode": "REMOTE", "minAge": 0, "capacity": 0, "available": 0,
			"providerId": "st-naso", "categoryId": "cat-day-care", "targetGroupIds": ma{"tg-families"}, "coverageIds": ma{"tr-bratsigovo"}},
		updated: `{"name":"Mutation remote support","nameLocal":null,"description":null,"status":"PLANNED","deliveryMode":"REMOTE",
			"eligibility":null,"minAge":0,"maxAge":null,"capacity":0,"available":0,"availableUpdatedAt":null,"email":null,"url":null,
			"provider":{"id":"st-naso"},"category":{"id":"cat-day-care"},"targetGroups":[{"id":"tg-families"}],
			"coverage":[{"id":"tr-bratsigovo"}],"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Need", prefix: "need", id: "need-mut-day-care",
		sel: "description volume priority needSource year territory { id } category { id } targetGroup { id } illustrative illustrativeFields source",
		input: mo{"description": "Mutation need for day care", "volume": 40, "priority": "HIGH", "needSource": "Mutation survey", "year": 2024,
			"territoryId": "tr-lesichovo", "categoryId": "cat-day-care", "targetGroupId": "tg-older-people", "illustrative": true, "source": "mutation test"},
		created: `{"description":"Mutation need for day care","volume":40,"priority":"HIGH","needSource":"Mutation survey","year":2024,
			"territory":{"id":"tr-lesichovo"},"category":{"id":"cat-day-care"},"targetGroup":{"id":"tg-older-people"},
			"illustrative":true,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"description": {"description": "Another need"}, "targetGroupId": {"targetGroupId": "tg-families"}},
		update:    mo{"volume": 0, "priority": "LOW", "year": 2025, "territoryId": "tr-peshtera", "categoryId": "cat-home-care", "targetGroupId": "tg-disabilities"},
		updated: `{"description":null,"volume":0,"priority":"LOW","needSource":null,"year":2025,
			"territory":{"id":"tr-peshtera"},"category":{"id":"cat-home-care"},"targetGroup":{"id":"tg-disabilities"},
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "CooperationArea", prefix: "area", id: "area-mut",
		sel: "name nameLocal description categories { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation area", "nameLocal": "Мутационна област", "description": "Area made by a test.",
			"categoryIds": ma{"cat-health", "cat-crisis"}, "source": "mutation test"},
		created: `{"name":"Mutation area","nameLocal":"Мутационна област","description":"Area made by a test.",
			"categories":[{"id":"cat-crisis"},{"id":"cat-health"}],"illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another area"}, "categoryIds": {"categoryIds": ma{"cat-health"}}},
		update:    mo{"name": "Mutation area (health only)", "categoryIds": ma{"cat-health"}},
		updated: `{"name":"Mutation area (health only)","nameLocal":null,"description":null,"categories":[{"id":"cat-health"}],
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Partnership", prefix: "ps", id: "ps-mut-agreement",
		sel: "name nameLocal kind status validFrom validTo description parties { role stakeholder { id } } territory { id } areas { id } project { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation agreement", "nameLocal": "Мутационно споразумение", "kind": "AGREEMENT", "status": "ACTIVE",
			"validFrom": "2023-01-01", "validTo": "2024-12-31", "description": "An agreement made by a test.",
			"parties":     ma{mo{"stakeholderId": "st-naso", "role": "PARTNER"}, mo{"stakeholderId": "st-csii", "role": "LEAD"}},
			"territoryId": "tr-lesichovo", "areaIds": ma{"area-volunteering", "area-intermunicipal"}, "projectId": "prj-lesichovo",
			"source": "mutation test"},
		created: `{"name":"Mutation agreement","nameLocal":"Мутационно споразумение","kind":"AGREEMENT","status":"ACTIVE",
			"validFrom":"2023-01-01","validTo":"2024-12-31","description":"An agreement made by a test.",
			"parties":[{"role":"LEAD","stakeholder":{"id":"st-csii"}},{"role":"PARTNER","stakeholder":{"id":"st-naso"}}],
			"territory":{"id":"tr-lesichovo"},"areas":[{"id":"area-intermunicipal"},{"id":"area-volunteering"}],
			"project":{"id":"prj-lesichovo"},"illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another agreement"},
			"parties": {"parties": ma{mo{"stakeholderId": "st-naso", "role": "LEAD"}, mo{"stakeholderId": "st-csii", "role": "LEAD"}}}},
		update: mo{"name": "Mutation network", "kind": "NETWORK", "status": "ENDED", "validFrom": "2023-01-01",
			"parties": ma{mo{"stakeholderId": "st-naso", "role": "LEAD"}}},
		updated: `{"name":"Mutation network","nameLocal":null,"kind":"NETWORK","status":"ENDED","validFrom":"2023-01-01","validTo":null,
			"description":null,"parties":[{"role":"LEAD","stakeholder":{"id":"st-naso"}}],"territory":null,"areas":[],"project":null,
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Practice", prefix: "pr", id: "pr-mut-practice",
		sel: "name nameLocal description origin { id } transfers { territory { id } year } implementers { id } project { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation practice", "nameLocal": "Мутационна практика", "description": "A practice made by a test.",
			"originId": "tr-trento", "transfers": ma{mo{"territoryId": "tr-peshtera"}, mo{"territoryId": "tr-lesichovo", "year": 2020}},
			"implementerIds": ma{"st-naso", "st-csii"}, "projectId": "prj-lesichovo", "source": "mutation test"},
		created: `{"name":"Mutation practice","nameLocal":"Мутационна практика","description":"A practice made by a test.",
			"origin":{"id":"tr-trento"},"transfers":[{"territory":{"id":"tr-lesichovo"},"year":2020},{"territory":{"id":"tr-peshtera"},"year":null}],
			"implementers":[{"id":"st-csii"},{"id":"st-naso"}],"project":{"id":"prj-lesichovo"},
			"illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another practice"}, "implementerIds": {"implementerIds": ma{"st-naso"}}},
		update:    mo{"name": "Mutation practice (Vratsa)", "transfers": ma{mo{"territoryId": "tr-vratsa", "year": 2021}}, "implementerIds": ma{"st-naso"}},
		updated: `{"name":"Mutation practice (Vratsa)","nameLocal":null,"description":null,"origin":null,
			"transfers":[{"territory":{"id":"tr-vratsa"},"year":2021}],"implementers":[{"id":"st-naso"}],"project":null,
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Project", prefix: "prj", id: "prj-mut",
		sel: "name nameLocal acronym programme startDate endDate description participants { role stakeholder { id } } illustrative illustrativeFields source",
		input: mo{"name": "Mutation project", "nameLocal": "Мутационен проект", "acronym": "MUT", "programme": "Test Programme 2021-2027",
			"startDate": "2023-01-01", "endDate": "2025-06-30", "description": "A project made by a test.",
			"participants": ma{mo{"stakeholderId": "st-naso", "role": "PARTNER"}, mo{"stakeholderId": "st-csii", "role": "LEAD"}},
			"source":       "mutation test"},
		created: `{"name":"Mutation project","nameLocal":"Мутационен проект","acronym":"MUT","programme":"Test Programme 2021-2027",
			"startDate":"2023-01-01","endDate":"2025-06-30","description":"A project made by a test.",
			"participants":[{"role":"LEAD","stakeholder":{"id":"st-csii"}},{"role":"PARTNER","stakeholder":{"id":"st-naso"}}],
			"illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another project"},
			"participants": {"participants": ma{mo{"stakeholderId": "st-csii", "role": "LEAD"}}}},
		update: mo{"name": "Mutation project (extended)", "startDate": "2023-02-01", "participants": ma{mo{"stakeholderId": "st-naso"}}},
		updated: `{"name":"Mutation project (extended)","nameLocal":null,"acronym":null,"programme":null,"startDate":"2023-02-01",
			"endDate":null,"description":null,"participants":[{"role":null,"stakeholder":{"id":"st-naso"}}],
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Event", prefix: "ev", id: "ev-mut-training",
		sel: "name nameLocal kind startDate endDate place online participantCount feedbackScore description territory { id } project { id } stakeholders { role stakeholder { id } } illustrative illustrativeFields source",
		input: mo{"name": "Mutation training", "nameLocal": "Мутационно обучение", "kind": "TRAINING", "startDate": "2024-03-01",
			"endDate": "2024-03-02", "place": "Lesichovo community hall", "online": true, "participantCount": 25, "feedbackScore": 4.5,
			"description": "A training made by a test.", "territoryId": "tr-lesichovo", "projectId": "prj-lesichovo",
			"participants":       ma{mo{"stakeholderId": "st-naso", "role": "SPEAKER"}, mo{"stakeholderId": "st-csii", "role": "HOST"}},
			"illustrativeFields": ma{"participantCount"}, "source": "mutation test"},
		created: `{"name":"Mutation training","nameLocal":"Мутационно обучение","kind":"TRAINING","startDate":"2024-03-01",
			"endDate":"2024-03-02","place":"Lesichovo community hall","online":true,"participantCount":25,"feedbackScore":4.5,
			"description":"A training made by a test.","territory":{"id":"tr-lesichovo"},"project":{"id":"prj-lesichovo"},
			"stakeholders":[{"role":"HOST","stakeholder":{"id":"st-csii"}},{"role":"SPEAKER","stakeholder":{"id":"st-naso"}}],
			"illustrative":false,"illustrativeFields":["participantCount"],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another training"},
			"participants": {"participants": ma{mo{"stakeholderId": "st-csii", "role": "HOST"}}}},
		update: mo{"name": "Mutation meeting", "kind": "MEETING", "startDate": "2024-04-01", "participants": ma{mo{"stakeholderId": "st-naso"}}},
		updated: `{"name":"Mutation meeting","nameLocal":null,"kind":"MEETING","startDate":"2024-04-01","endDate":null,"place":null,
			"online":false,"participantCount":null,"feedbackScore":null,"description":null,"territory":null,"project":null,
			"stakeholders":[{"role":null,"stakeholder":{"id":"st-naso"}}],"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
}

// nameKey is the input field that names (or, for a need, describes) the record.
func (c crudCase) nameKey() string {
	if _, has := c.conflicts["name"]; has {
		return "name"
	}
	return "description"
}

func TestMutationCRUD(t *testing.T) {
	e := newMutEnv(t)
	for _, c := range crudCases {
		t.Run(c.typ, func(t *testing.T) { runCRUD(t, e, c) })
	}
}

// runCRUD runs the life of one record of c's type; each step depends on the
// ones before.
func runCRUD(t *testing.T, e mutEnv, c crudCase) {
	start := time.Now()
	sel := auditSel + c.sel
	lookup := lookupOf(c.typ)
	create := func(t testing.TB, input mo) mo {
		return e.run(t, createOp(c.typ, sel), mo{"input": input}, "create"+c.typ)
	}
	update := func(t testing.TB, id string, input mo, v int) mo {
		return e.run(t, updateOp(c.typ, sel), mo{"id": id, "input": input, "v": v}, "update"+c.typ)
	}
	content := func(r mo) mo { return without(r, "id", "version", "createdAt", "updatedAt", "updatedBy") }
	var created, updated mo

	if !t.Run("OK create with client id", func(t *testing.T) {
		r := create(t, with(c.input, mo{"id": c.id}))
		if r["id"] != c.id {
			t.Errorf("id: got %v, want %s", r["id"], c.id)
		}
		wantFresh(t, r, start)
		same(t, content(r), c.created)
		created = r
	}) {
		return
	}

	t.Run("OK read back", func(t *testing.T) {
		sameRecord(t, e.read(t, lookup, c.id, sel), created)
	})

	t.Run("OK create again with the same input returns the stored record", func(t *testing.T) {
		// Same version (1), same timestamps: nothing was written.
		sameRecord(t, create(t, with(c.input, mo{"id": c.id})), created)
		sameRecord(t, e.read(t, lookup, c.id, sel), created)
	})

	for what, change := range c.conflicts {
		t.Run("ErrCreate same id with a different "+what, func(t *testing.T) {
			g := e.fail(t, createOp(c.typ, "id"), mo{"input": with(with(c.input, change), mo{"id": c.id})}, "CONFLICT")
			wantField(t, g, "input.id")
			sameRecord(t, e.read(t, lookup, c.id, sel), created)
		})
	}

	t.Run("OK create without id", func(t *testing.T) {
		r := create(t, c.input)
		id, _ := r["id"].(string)
		if !regexp.MustCompile(`^` + c.prefix + `-[0-9a-f]{24}$`).MatchString(id) {
			t.Errorf("generated id %q is not %s-<24 hex digits>", id, c.prefix)
		}
		wantFresh(t, r, start)
		same(t, content(r), c.created)
		sameRecord(t, e.read(t, lookup, id, sel), r)
		d := e.run(t, deleteOp(c.typ), mo{"id": id}, "delete"+c.typ)
		same(t, d, fmt.Sprintf(`{"deleted":[{"type":%q,"id":%q}]}`, c.typ, id))
		if got := e.read(t, lookup, id, "id"); got != nil {
			t.Errorf("deleted record still read: %v", got)
		}
	})

	if !t.Run("OK update with the stored version", func(t *testing.T) {
		r := update(t, c.id, c.update, 1)
		if r["id"] != c.id {
			t.Errorf("id: got %v", r["id"])
		}
		if v := ver(t, r); v != 2 {
			t.Errorf("version: got %d, want 2", v)
		}
		if r["updatedBy"] != "api" {
			t.Errorf("updatedBy: got %v", r["updatedBy"])
		}
		if r["createdAt"] != created["createdAt"] {
			t.Errorf("createdAt changed: %v → %v", created["createdAt"], r["createdAt"])
		}
		if !stamp(t, r, "updatedAt").After(stamp(t, created, "updatedAt")) {
			t.Errorf("updatedAt did not grow: %v → %v", created["updatedAt"], r["updatedAt"])
		}
		same(t, content(r), c.updated)
		sameRecord(t, e.read(t, lookup, c.id, sel), r)
		updated = r
	}) {
		return
	}

	t.Run("OK update that changes nothing keeps version and updatedAt", func(t *testing.T) {
		sameRecord(t, update(t, c.id, c.update, 2), updated)
	})

	t.Run("ErrUpdate stale expectedVersion", func(t *testing.T) {
		stale := with(c.update, c.conflicts[c.nameKey()])
		g := e.fail(t, updateOp(c.typ, "id"), mo{"id": c.id, "input": stale, "v": 1}, "CONFLICT")
		if cv, _ := g.Extensions["currentVersion"].(float64); cv != 2 {
			t.Errorf("extensions.currentVersion: got %v, want 2", g.Extensions["currentVersion"])
		}
		wantField(t, g, "expectedVersion")
		sameRecord(t, e.read(t, lookup, c.id, sel), updated)
	})

	t.Run("ErrUpdate unknown id", func(t *testing.T) {
		missing := c.prefix + "-mut-no-such-record"
		g := e.fail(t, updateOp(c.typ, "id"), mo{"id": missing, "input": c.update, "v": 1}, "NOT_FOUND")
		wantField(t, g, "id")
		if got := e.read(t, lookup, missing, "id"); got != nil {
			t.Errorf("update of an unknown id created %v", got)
		}
	})

	t.Run("ErrUpdate input.id differs from id", func(t *testing.T) {
		other := c.id + "-other"
		g := e.fail(t, updateOp(c.typ, "id"), mo{"id": c.id, "input": with(c.update, mo{"id": other}), "v": 2}, "BAD_USER_INPUT")
		wantField(t, g, "input.id")
		sameRecord(t, e.read(t, lookup, c.id, sel), updated)
		if got := e.read(t, lookup, other, "id"); got != nil {
			t.Errorf("record %s written: %v", other, got)
		}
	})

	t.Run("OK delete", func(t *testing.T) {
		same(t, e.run(t, deleteOp(c.typ), mo{"id": c.id}, "delete"+c.typ), fmt.Sprintf(`{"deleted":[{"type":%q,"id":%q}]}`, c.typ, c.id))
		if got := e.read(t, lookup, c.id, "id"); got != nil {
			t.Errorf("deleted record still read: %v", got)
		}
	})

	t.Run("ErrDelete unknown id", func(t *testing.T) {
		g := e.fail(t, deleteOp(c.typ), mo{"id": c.id}, "NOT_FOUND")
		wantField(t, g, "id")
	})
}

// ---------------------------------------------------------------------------
// 3. Validation: every rule, its problem's field path, and nothing written.

// Valid inputs that the validation cases spoil one field at a time.
var (
	tgBase   = mo{"name": "Mutation group"}
	stBase   = mo{"name": "Mutation stakeholder", "kind": "NGO", "sector": "NON_PROFIT", "territoryId": "tr-lesichovo"}
	svcBase  = mo{"name": "Mutation service", "status": "ACTIVE", "deliveryMode": "IN_PERSON", "providerId": "st-naso", "categoryId": "cat-day-care", "coverageIds": ma{"tr-lesichovo"}}
	needBase = mo{"volume": 10, "priority": "MEDIUM", "year": 2024, "territoryId": "tr-lesichovo", "categoryId": "cat-day-care", "targetGroupId": "tg-older-people"}
	psBase   = mo{"name": "Mutation partnership", "kind": "AGREEMENT", "status": "ACTIVE"}
	evBase   = mo{"name": "Mutation event", "kind": "MEETING", "startDate": "2024-03-01"}
	prjBase  = mo{"name": "Mutation project"}
	trBase   = mo{"name": "Mutation municipality", "level": "MUNICIPALITY", "parentId": "tr-pazardzhik-district"}
)

// invalidCase is a request that must fail and change nothing.
type invalidCase struct {
	name string
	op   string
	vars mo
	code string // default BAD_USER_INPUT
	// fields are the fields of every problem reported (exactly); nil when
	// the request fails GraphQL validation (no problems list): then msg is
	// part of the error message.
	fields []string
	msg    string // said by a problem of fields[0]
	// path, for a GraphQL validation error, is the error's path, e.g.
	// "[variable input name]".
	path string
	// unique compares the problems' fields as a set (the same field may be
	// reported for two reasons).
	unique bool
	// The record read before and after: it must not change (for a create,
	// it must stay absent).
	lookup, id, sel string
}

// createCase is an invalidCase of createTyp with input, whose id must stay
// unused.
func createCase(name, typ string, input mo, msg string, fields ...string) invalidCase {
	return invalidCase{name: name, op: createOp(typ, "id"), vars: mo{"input": input}, fields: fields, msg: msg,
		lookup: lookupOf(typ), id: input["id"].(string), sel: "id"}
}

func withPath(c invalidCase, path string) invalidCase {
	c.path = path
	return c
}

func TestMutationValidation(t *testing.T) {
	e := newMutEnv(t)
	long := strings.Repeat("ж", 301) // 301 characters, 602 bytes

	t.Run("OK the base inputs are valid", func(t *testing.T) {
		// So that each case below has exactly the one problem it makes.
		for typ, base := range map[string]mo{"TargetGroup": tgBase, "Stakeholder": stBase, "Service": svcBase, "Need": needBase,
			"Partnership": psBase, "Event": evBase, "Project": prjBase, "Territory": trBase} {
			id := "mut-valid-" + strings.ToLower(typ)
			r := e.run(t, createOp(typ, "id version"), mo{"input": with(base, mo{"id": id})}, "create"+typ)
			same(t, r, fmt.Sprintf(`{"id":%q,"version":1}`, id))
		}
	})

	t.Run("OK a name of exactly 300 characters", func(t *testing.T) {
		r := e.run(t, createOp("TargetGroup", "name"), mo{"input": with(tgBase, mo{"id": "tg-mut-300", "name": long[:600]})}, "createTargetGroup")
		if n := len([]rune(r["name"].(string))); n != 300 {
			t.Errorf("name has %d characters, want 300", n)
		}
	})

	cases := []invalidCase{
		// Required fields.
		createCase("ErrRequired name blank", "TargetGroup", with(tgBase, mo{"id": "tg-mut-blank", "name": "   "}), "is required", "input.name"),
		createCase("ErrRequired territoryId empty", "Stakeholder", with(stBase, mo{"id": "st-mut-nowhere", "territoryId": ""}), "is required", "input.territoryId"),
		withPath(createCase("ErrRequired event startDate missing", "Event", with(evBase, mo{"id": "ev-mut-undated", "startDate": nil}), "must be defined"),
			"[variable input startDate]"),
		withPath(createCase("ErrRequired name missing", "TargetGroup", mo{"id": "tg-mut-nameless"}, "must be defined"), "[variable input name]"),
		createCase("ErrId with spaces", "TargetGroup", with(tgBase, mo{"id": "tg mut spaces"}), "spaces", "input.id"),
		createCase("ErrId of 101 characters", "TargetGroup", with(tgBase, mo{"id": "tg-" + strings.Repeat("x", 98)}), "is longer than 100 characters", "input.id"),
		createCase("ErrRequired blank illustrativeFields entry", "TargetGroup", with(tgBase, mo{"id": "tg-mut-illustrative", "illustrativeFields": ma{"name", " "}}),
			"is required", "input.illustrativeFields[1]"),
		// Lengths, in characters.
		createCase("ErrLength name of 301 characters", "TargetGroup", with(tgBase, mo{"id": "tg-mut-301", "name": long}), "is longer than 300 characters", "input.name"),
		createCase("ErrLength stakeholder name of 301 characters", "Stakeholder", with(stBase, mo{"id": "st-mut-301", "name": strings.Repeat("x", 301)}), "is longer than 300 characters", "input.name"),
		// Enums, through variables and inline.
		withPath(createCase("ErrEnum unknown kind in variables", "Stakeholder", with(stBase, mo{"id": "st-mut-charity", "kind": "CHARITY"}), "CHARITY"),
			"[variable input kind]"),
		createCase("ErrEnum lower-case value in variables", "Service", with(svcBase, mo{"id": "svc-mut-lower", "status": "active"}), "active"),
		{name: "ErrEnum unknown value inline", op: `mutation { createNeed(input: {id: "need-mut-inline", volume: 1, priority: URGENT, year: 2024,
			territoryId: "tr-lesichovo", categoryId: "cat-day-care", targetGroupId: "tg-older-people"}) { id } }`,
			msg: "URGENT", lookup: "need", id: "need-mut-inline", sel: "id"},
		// Dates.
		createCase("ErrDates partnership validTo before validFrom", "Partnership",
			with(psBase, mo{"id": "ps-mut-backwards", "validFrom": "2024-01-01", "validTo": "2023-12-31"}),
			"must not be before validFrom (2024-01-01), got 2023-12-31", "input.validTo"),
		createCase("ErrDates event endDate before startDate", "Event",
			with(evBase, mo{"id": "ev-mut-backwards", "startDate": "2024-03-02", "endDate": "2024-03-01"}),
			"must not be before startDate (2024-03-02), got 2024-03-01", "input.endDate"),
		createCase("ErrDates project endDate before startDate", "Project",
			with(prjBase, mo{"id": "prj-mut-backwards", "startDate": "2024-03-02", "endDate": "2024-03-01"}),
			"must not be before startDate", "input.endDate"),
		createCase("ErrDates not a date", "Event", with(evBase, mo{"id": "ev-mut-baddate", "startDate": "2024-13-01"}), "not a date"),
		// Numbers.
		createCase("ErrNegative capacity", "Service", with(svcBase, mo{"id": "svc-mut-neg", "capacity": -1}), "must not be negative, got -1", "input.capacity"),
		createCase("ErrNegative available", "Service", with(svcBase, mo{"id": "svc-mut-neg-av", "available": -2}), "must not be negative, got -2", "input.available"),
		createCase("ErrNegative volume", "Need", with(needBase, mo{"id": "need-mut-neg", "volume": -5}), "must not be negative, got -5", "input.volume"),
		createCase("ErrNegative population", "Territory", with(trBase, mo{"id": "tr-mut-neg", "population": -1}), "must not be negative", "input.population"),
		createCase("ErrAvailable more than capacity", "Service", with(svcBase, mo{"id": "svc-mut-over", "capacity": 5, "available": 6}),
			"must not exceed capacity (5), got 6", "input.available"),
		createCase("ErrAges minAge above maxAge", "Service", with(svcBase, mo{"id": "svc-mut-ages", "minAge": 65, "maxAge": 18}),
			"must not be below minAge (65), got 18", "input.maxAge"),
		createCase("ErrAges minAge above 150", "Service", with(svcBase, mo{"id": "svc-mut-old", "minAge": 151}), "between 0 and 150", "input.minAge"),
		createCase("ErrYear out of range", "Need", with(needBase, mo{"id": "need-mut-year", "year": 1899}), "between 1900 and 2200", "input.year"),
		createCase("ErrNegative participantCount", "Event", with(evBase, mo{"id": "ev-mut-neg", "participantCount": -1}), "must not be negative", "input.participantCount"),
		createCase("ErrFeedbackScore out of range", "Event", with(evBase, mo{"id": "ev-mut-score", "feedbackScore": 5.5}), "between 1 and 5", "input.feedbackScore"),
		// E-mail and URL.
		createCase("ErrEmail not an address", "Stakeholder", with(stBase, mo{"id": "st-mut-email", "email": "info at example.org"}),
			`"info at example.org" is not an e-mail address`, "input.email"),
		createCase("ErrEmail with a display name", "Service", with(svcBase, mo{"id": "svc-mut-email", "email": "Info <info@example.org>"}),
			"is not an e-mail address", "input.email"),
		createCase("ErrURL without scheme", "Service", with(svcBase, mo{"id": "svc-mut-url", "url": "www.example.org"}),
			`"www.example.org" is not an http(s) URL`, "input.url"),
		createCase("ErrURL not http", "Stakeholder", with(stBase, mo{"id": "st-mut-ftp", "website": "ftp://example.org"}),
			"is not an http(s) URL", "input.website"),
		// Missing references.
		createCase("ErrRef service providerId", "Service", with(svcBase, mo{"id": "svc-mut-orphan", "providerId": "st-nobody"}),
			`no stakeholder with id "st-nobody"`, "input.providerId"),
		createCase("ErrRef need territoryId", "Need", with(needBase, mo{"id": "need-mut-nowhere", "territoryId": "tr-nowhere"}),
			`no territory with id "tr-nowhere"`, "input.territoryId"),
		createCase("ErrRef stakeholder areaIds", "Stakeholder", with(stBase, mo{"id": "st-mut-areas", "areaIds": ma{"area-volunteering", "area-nowhere"}}),
			`no cooperation area with id "area-nowhere"`, "input.areaIds[1]"),
		createCase("ErrRef partnership party", "Partnership",
			with(psBase, mo{"id": "ps-mut-ghost", "parties": ma{mo{"stakeholderId": "st-csii", "role": "LEAD"}, mo{"stakeholderId": "st-nobody", "role": "PARTNER"}}}),
			`no stakeholder with id "st-nobody"`, "input.parties[1].stakeholderId"),
		createCase("ErrRef repeated area", "Stakeholder", with(stBase, mo{"id": "st-mut-repeat", "areaIds": ma{"area-volunteering", "area-volunteering"}}),
			`repeats "area-volunteering"`, "input.areaIds[1]"),
		createCase("ErrDuplicate party", "Partnership",
			with(psBase, mo{"id": "ps-mut-dup", "parties": ma{mo{"stakeholderId": "st-csii", "role": "LEAD"},
				mo{"stakeholderId": "st-naso", "role": "PARTNER"}, mo{"stakeholderId": "st-csii", "role": "PARTNER"}}}),
			`"st-csii" is already a party (parties[0])`, "input.parties[2].stakeholderId"),
		// Territory levels.
		createCase("ErrTerritory MUNICIPALITY as parent of a DISTRICT", "Territory",
			mo{"id": "tr-mut-district", "name": "Mutation district", "level": "DISTRICT", "parentId": "tr-lesichovo"},
			`the parent must be of a higher level than DISTRICT, but "tr-lesichovo" is a MUNICIPALITY`, "input.parentId"),
		createCase("ErrTerritory parent of the same level", "Territory", with(trBase, mo{"id": "tr-mut-same", "parentId": "tr-peshtera"}),
			`the parent must be of a higher level than MUNICIPALITY, but "tr-peshtera" is a MUNICIPALITY`, "input.parentId"),
		createCase("ErrTerritory parentId is a ZONE", "Territory", with(trBase, mo{"id": "tr-mut-zoned", "parentId": "tr-zone-pazardzhik-west"}),
			`"tr-zone-pazardzhik-west" is a planning zone`, "input.parentId"),
		createCase("ErrTerritory zoneIds names a non-zone", "Territory",
			with(trBase, mo{"id": "tr-mut-zones", "zoneIds": ma{"tr-zone-pazardzhik-west", "tr-pazardzhik"}}),
			`"tr-pazardzhik" is a MUNICIPALITY, not a planning zone`, "input.zoneIds[1]"),
		createCase("ErrTerritory zones of a district", "Territory",
			mo{"id": "tr-mut-district-zoned", "name": "Mutation district", "level": "DISTRICT", "parentId": "tr-bg42", "zoneIds": ma{"tr-zone-pazardzhik-west"}},
			"only municipalities and settlements belong to planning zones", "input.zoneIds"),
		// "each pair of territories listed once" (TerritoryInput.neighbours).
		createCase("ErrTerritory repeated neighbour", "Territory",
			with(trBase, mo{"id": "tr-mut-twice", "neighbours": ma{mo{"territoryId": "tr-kalugerovo", "distanceKm": 4}, mo{"territoryId": "tr-kalugerovo", "distanceKm": 6}}}),
			"repeats", "input.neighbours[1].territoryId"),
		createCase("ErrTerritory own neighbour", "Territory",
			with(trBase, mo{"id": "tr-mut-self", "neighbours": ma{mo{"territoryId": "tr-mut-self", "distanceKm": 1}}}),
			"a territory is not its own neighbour", "input.neighbours[0].territoryId"),
		{
			name: "ErrTerritory level not above its parts", op: updateOp("Territory", "id"),
			vars: mo{"id": "tr-lesichovo", "v": 1, "input": mo{"name": "Lesichovo", "level": "SETTLEMENT", "parentId": "tr-pazardzhik-district"}},
			// One problem per settlement of Lesichovo (Kalugerovo, Lesichovo
			// village, Shtarkovo, Tserovo).
			fields: []string{"input.level", "input.level", "input.level", "input.level"}, msg: "SETTLEMENT is not above its part",
			lookup: "territory", id: "tr-lesichovo", sel: auditSel + "name level parent { id } children { id } zones { id }",
		},
		// Category cycles.
		{
			name: "ErrCategory cycle: a category below its own child", op: updateOp("ServiceCategory", "id"),
			vars:   mo{"id": "cat-info-referral", "v": 1, "input": mo{"name": "Information, counselling and referral", "domain": "INTEGRATED", "parentId": "cat-info-point"}},
			fields: []string{"input.parentId"}, msg: `"cat-info-referral" would be below itself`,
			lookup: "serviceCategory", id: "cat-info-referral", sel: auditSel + "name parent { id } children { id }",
		},
		{
			name: "ErrCategory its own parent", op: updateOp("ServiceCategory", "id"),
			vars:   mo{"id": "cat-rehab", "v": 1, "input": mo{"name": "Rehabilitation", "domain": "SOCIAL", "parentId": "cat-rehab"}},
			fields: []string{"input.parentId"}, msg: "a category cannot be its own parent", unique: true,
			lookup: "serviceCategory", id: "cat-rehab", sel: auditSel + "name parent { id } children { id }",
		},
		// Referral links.
		{
			name: "ErrReferral self-referral", op: `mutation($input: ReferralLinkInput!) { addReferralLink(input: $input) { id } }`,
			vars:   mo{"input": mo{"id": "ref-mut-self", "fromId": "st-csii", "toId": "st-csii", "status": "ACTIVE"}},
			fields: []string{"input.toId"}, msg: "a stakeholder cannot refer to itself",
			lookup: "stakeholder", id: "st-csii", sel: auditSel + "referralsOut { id } referralsIn { id }",
		},
		// Every problem at once.
		createCase("ErrAll problems of a service at once", "Service",
			mo{"id": "svc-mut-all", "name": "", "status": "ACTIVE", "deliveryMode": "IN_PERSON", "capacity": -2, "minAge": 70, "maxAge": 60,
				"email": "nope", "providerId": "st-nobody", "categoryId": "cat-nothing", "coverageIds": ma{}},
			"is required", "input.name", "input.maxAge", "input.capacity", "input.email", "input.coverageIds", "input.providerId", "input.categoryId"),
		createCase("ErrAll problems of a partnership at once", "Partnership",
			with(psBase, mo{"id": "ps-mut-all", "validFrom": "2024-01-01", "validTo": "2023-01-01", "areaIds": ma{"area-nowhere"}, "projectId": "prj-nothing",
				"parties": ma{mo{"stakeholderId": "st-naso", "role": "LEAD"}, mo{"stakeholderId": "st-naso", "role": "PARTNER"}}}),
			"must not be before validFrom", "input.validTo", "input.parties[1].stakeholderId", "input.areaIds[0]", "input.projectId"),
		{
			name: "ErrAll problems of an update at once", op: updateOp("Stakeholder", "id"),
			vars:   mo{"id": "st-csii", "v": 1, "input": with(stBase, mo{"name": " ", "email": "csii", "website": "csii.org", "territoryId": "tr-nowhere"})},
			fields: []string{"input.name", "input.email", "input.website", "input.territoryId"}, msg: "is required",
			lookup: "stakeholder", id: "st-csii", sel: auditSel + stakeholderSel,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.read(t, c.lookup, c.id, c.sel)
			code := c.code
			if code == "" {
				code = "BAD_USER_INPUT"
			}
			g := e.fail(t, c.op, c.vars, code)
			switch {
			case c.unique:
				ps := mutProblems(t, g)
				said := false
				for _, p := range ps {
					if !slices.Contains(c.fields, p.Field) {
						t.Errorf("unexpected problem %+v", p)
					}
					said = said || (p.Field == c.fields[0] && strings.Contains(p.Message, c.msg))
				}
				if !said {
					t.Errorf("no problem of %s says %q: %+v", c.fields[0], c.msg, ps)
				}
			case c.fields != nil:
				wantProblems(t, g, c.msg, c.fields...)
				wantField(t, g, c.fields[0])
			default:
				if !strings.Contains(g.Message, c.msg) {
					t.Errorf("message %q does not say %q", g.Message, c.msg)
				}
				if c.path != "" && fmt.Sprint(g.Path) != c.path {
					t.Errorf("path: got %v, want %s", g.Path, c.path)
				}
			}
			after := e.read(t, c.lookup, c.id, c.sel)
			if before == nil && after != nil {
				t.Errorf("%s %s written: %v", c.lookup, c.id, after)
			} else if before != nil {
				sameRecord(t, after, before)
			}
		})
	}

	t.Run("ErrUpdate input.id differs from id is listed in extensions.problems", func(t *testing.T) {
		// The error contract: a BAD_USER_INPUT lists every problem of the
		// input in extensions.problems (here with the problem of the name).
		before := e.read(t, "stakeholder", "st-csii", auditSel+stakeholderSel)
		g := e.fail(t, updateOp("Stakeholder", "id"), mo{"id": "st-csii", "v": 1, "input": with(stBase, mo{"id": "st-naso", "name": ""})}, "BAD_USER_INPUT")
		wantProblems(t, g, "must be empty or equal id", "input.id", "input.name")
		sameRecord(t, e.read(t, "stakeholder", "st-csii", auditSel+stakeholderSel), before)
	})

	t.Run("ErrCategory cycle through a grandchild", func(t *testing.T) {
		e.run(t, createOp("ServiceCategory", "id"), mo{"input": mo{"id": "cat-mut-grandchild", "name": "Mutation grandchild",
			"domain": "INTEGRATED", "parentId": "cat-info-point"}}, "createServiceCategory")
		sel := auditSel + "parent { id }"
		before := e.read(t, "serviceCategory", "cat-info-referral", sel)
		g := e.fail(t, updateOp("ServiceCategory", "id"), mo{"id": "cat-info-referral", "v": 1,
			"input": mo{"name": "Information, counselling and referral", "domain": "INTEGRATED", "parentId": "cat-mut-grandchild"}}, "BAD_USER_INPUT")
		wantProblems(t, g, "would be below itself", "input.parentId")
		sameRecord(t, e.read(t, "serviceCategory", "cat-info-referral", sel), before)
	})
}

// stakeholderSel selects every field of a stakeholder input.
const stakeholderSel = "name nameLocal acronym kind sector description email phone website territory { id } cooperationAreas { id } illustrative illustrativeFields source"

// ---------------------------------------------------------------------------
// 4. Deletes with dependants.

func TestMutationDeleteDependants(t *testing.T) {
	e := newMutEnv(t)
	del := func(t testing.TB, typ, id string, cascade bool) mo {
		return e.run(t, deleteOp(typ), mo{"id": id, "cascade": cascade}, "delete"+typ)
	}

	// st-hospital-vratsa provides two services, signed the Vratsa platform
	// agreement, took part in the working meetings and refers to the Vratsa
	// home care provider.
	t.Run("ErrDeleteStakeholder that provides services", func(t *testing.T) {
		g := e.fail(t, deleteOp("Stakeholder"), mo{"id": "st-hospital-vratsa"}, "CONFLICT")
		wantDependants(t, g, "Service svc-vratsa-mental-health", "Service svc-vratsa-mobile-team")
		s := e.read(t, "stakeholder", "st-hospital-vratsa", "version services { id }")
		same(t, s, `{"version":1,"services":[{"id":"svc-vratsa-mental-health"},{"id":"svc-vratsa-mobile-team"}]}`)
	})
	t.Run("OK deleteStakeholder cascade deletes its services", func(t *testing.T) {
		wantDeleted(t, del(t, "Stakeholder", "st-hospital-vratsa", true), "Stakeholder st-hospital-vratsa",
			"Service svc-vratsa-mental-health", "Service svc-vratsa-mobile-team")
		for lookup, id := range map[string]string{"stakeholder": "st-hospital-vratsa", "service": "svc-vratsa-mobile-team"} {
			if r := e.read(t, lookup, id, "id"); r != nil {
				t.Errorf("%s still read", id)
			}
		}
		if r := e.read(t, "service", "svc-vratsa-mental-health", "id"); r != nil {
			t.Errorf("svc-vratsa-mental-health still read")
		}
		// Its links went with it; the records at their other ends stay.
		same(t, e.read(t, "partnership", "ps-vratsa-platform-agreement", "parties { role stakeholder { id } }"),
			`{"parties":[{"role":"LEAD","stakeholder":{"id":"st-cci-vratsa"}},{"role":"SIGNATORY","stakeholder":{"id":"st-vratsa-municipality"}},
			{"role":"SIGNATORY","stakeholder":{"id":"st-sad-vratsa"}},{"role":"SIGNATORY","stakeholder":{"id":"st-daycare-vratsa"}},
			{"role":"SIGNATORY","stakeholder":{"id":"st-homecare-vratsa"}},{"role":"ASSOCIATE","stakeholder":{"id":"st-vratsa-media"}}]}`)
		same(t, e.read(t, "stakeholder", "st-homecare-vratsa", "referralsIn { id from { id } }"),
			`{"referralsIn":[{"id":"ref-vratsa-homecare","from":{"id":"st-vratsa-municipality"}}]}`)
		same(t, e.read(t, "event", "ev-vratsa-working-meetings", "stakeholders { role stakeholder { id } }"),
			`{"stakeholders":[{"role":"ORGANISER","stakeholder":{"id":"st-cci-vratsa"}},{"role":"PARTICIPANT","stakeholder":{"id":"st-vratsa-municipality"}},
			{"role":"PARTICIPANT","stakeholder":{"id":"st-daycare-vratsa"}},{"role":"PARTICIPANT","stakeholder":{"id":"st-sad-vratsa"}}]}`)
	})

	// cat-crisis has three sub-categories; they have four services and
	// seven needs.
	crisisDeps := []string{
		"ServiceCategory cat-child-protection", "ServiceCategory cat-crisis-accommodation", "ServiceCategory cat-crisis-counselling",
		"Service svc-peshtera-crisis-accommodation", "Service svc-vratsa-crisis-accommodation",
		"Service svc-peshtera-crisis-counselling", "Service svc-lesichovo-prevention",
		"Need need-lesichovo-crisis-accommodation-violence-affected", "Need need-peshtera-crisis-accommodation-violence-affected",
		"Need need-pazardzhik-crisis-accommodation-violence-affected", "Need need-bratsigovo-crisis-accommodation-violence-affected",
		"Need need-plovdiv-crisis-accommodation-violence-affected", "Need need-vratsa-crisis-accommodation-violence-affected",
		"Need need-lesichovo-child-protection-children-at-risk",
	}
	t.Run("ErrDeleteServiceCategory in use", func(t *testing.T) {
		g := e.fail(t, deleteOp("ServiceCategory"), mo{"id": "cat-crisis"}, "CONFLICT")
		wantDependants(t, g, crisisDeps...)
		same(t, e.read(t, "serviceCategory", "cat-crisis", "version children { id }"),
			`{"version":1,"children":[{"id":"cat-child-protection"},{"id":"cat-crisis-accommodation"},{"id":"cat-crisis-counselling"}]}`)
		same(t, e.read(t, "service", "svc-lesichovo-prevention", "id category { id }"), `{"id":"svc-lesichovo-prevention","category":{"id":"cat-child-protection"}}`)
		same(t, e.read(t, "need", "need-vratsa-crisis-accommodation-violence-affected", "id"), `{"id":"need-vratsa-crisis-accommodation-violence-affected"}`)
	})
	t.Run("OK deleteServiceCategory cascade deletes sub-categories, services and needs", func(t *testing.T) {
		wantDeleted(t, del(t, "ServiceCategory", "cat-crisis", true), "ServiceCategory cat-crisis", crisisDeps...)
		for _, d := range append([]string{"ServiceCategory cat-crisis"}, crisisDeps...) {
			typ, id, _ := strings.Cut(d, " ")
			if r := e.read(t, lookupOf(typ), id, "id"); r != nil {
				t.Errorf("%s still read", d)
			}
		}
		// Areas lose the categories; providers keep existing.
		same(t, e.read(t, "cooperationArea", "area-violence-protection", "categories { id }"), `{"categories":[]}`)
		same(t, e.read(t, "stakeholder", "st-crisis-centre-peshtera", "id services { id }"), `{"id":"st-crisis-centre-peshtera","services":[]}`)
	})

	t.Run("ErrDeleteTargetGroup with needs", func(t *testing.T) {
		g := e.fail(t, deleteOp("TargetGroup"), mo{"id": "tg-offenders"}, "CONFLICT")
		wantDependants(t, g, "Need need-lesichovo-rehab-offenders-offenders", "Need need-peshtera-rehab-offenders-offenders",
			"Need need-pazardzhik-rehab-offenders-offenders")
		same(t, e.read(t, "targetGroup", "tg-offenders", "id needs { id }"), `{"id":"tg-offenders","needs":[
			{"id":"need-lesichovo-rehab-offenders-offenders"},{"id":"need-peshtera-rehab-offenders-offenders"},{"id":"need-pazardzhik-rehab-offenders-offenders"}]}`)
	})
	t.Run("OK deleteTargetGroup cascade deletes its needs, services keep existing", func(t *testing.T) {
		wantDeleted(t, del(t, "TargetGroup", "tg-offenders", true), "TargetGroup tg-offenders",
			"Need need-lesichovo-rehab-offenders-offenders", "Need need-peshtera-rehab-offenders-offenders",
			"Need need-pazardzhik-rehab-offenders-offenders")
		same(t, e.read(t, "service", "svc-csri-offenders", "id targetGroups { id }"), `{"id":"svc-csri-offenders","targetGroups":[{"id":"tg-young-people"}]}`)
		if r := e.read(t, "need", "need-peshtera-rehab-offenders-offenders", "id"); r != nil {
			t.Errorf("need still read")
		}
	})

	// Records nothing depends on: cascade changes nothing, links go.
	t.Run("OK deleteCooperationArea in use", func(t *testing.T) {
		same(t, del(t, "CooperationArea", "area-volunteering", false), `{"deleted":[{"type":"CooperationArea","id":"area-volunteering"}]}`)
		same(t, e.read(t, "stakeholder", "st-rural-initiative", "id cooperationAreas { id }"), `{"id":"st-rural-initiative","cooperationAreas":[]}`)
	})
	t.Run("OK deleteProject cascade deletes only the project", func(t *testing.T) {
		same(t, del(t, "Project", "prj-lesichovo", true), `{"deleted":[{"type":"Project","id":"prj-lesichovo"}]}`)
		same(t, e.read(t, "partnership", "ps-zone-planning-network", "id project { id }"), `{"id":"ps-zone-planning-network","project":null}`)
		same(t, e.read(t, "practice", "pr-citta-sociale", "id project { id }"), `{"id":"pr-citta-sociale","project":null}`)
		same(t, e.read(t, "event", "ev-csii-open-day", "id project { id }"), `{"id":"ev-csii-open-day","project":null}`)
	})
	t.Run("OK deleteService cascade deletes only the service", func(t *testing.T) {
		same(t, del(t, "Service", "svc-mezdra-youth", true), `{"deleted":[{"type":"Service","id":"svc-mezdra-youth"}]}`)
		same(t, e.read(t, "stakeholder", "st-youth-ngo-vratsa", "id services { id }"), `{"id":"st-youth-ngo-vratsa","services":[]}`)
	})
	t.Run("OK deletePartnership", func(t *testing.T) {
		same(t, del(t, "Partnership", "ps-dialog-consortium", false), `{"deleted":[{"type":"Partnership","id":"ps-dialog-consortium"}]}`)
		same(t, e.read(t, "stakeholder", "st-pat", "id partnerships { role }"), `{"id":"st-pat","partnerships":[]}`)
	})
}

func TestMutationDeleteTerritory(t *testing.T) {
	e := newMutEnv(t)
	del := func(t testing.TB, id string, cascade bool) mo {
		return e.run(t, deleteOp("Territory"), mo{"id": id, "cascade": cascade}, "deleteTerritory")
	}

	t.Run("OK deleteTerritory of a ZONE: members only leave the zone", func(t *testing.T) {
		same(t, del(t, "tr-zone-pazardzhik-west", false), `{"deleted":[{"type":"Territory","id":"tr-zone-pazardzhik-west"}]}`)
		if r := e.read(t, "territory", "tr-zone-pazardzhik-west", "id"); r != nil {
			t.Errorf("zone still read")
		}
		for _, id := range []string{"tr-bratsigovo", "tr-lesichovo", "tr-pazardzhik", "tr-sarnitsa"} {
			same(t, e.read(t, "territory", id, "id parent { id } zones { id }"),
				fmt.Sprintf(`{"id":%q,"parent":{"id":"tr-pazardzhik-district"},"zones":[]}`, id))
		}
		same(t, e.read(t, "partnership", "ps-zone-planning-network", "id territory { id }"), `{"id":"ps-zone-planning-network","territory":null}`)
		same(t, e.read(t, "practice", "pr-territorial-zone-planning", "id transfers { year }"), `{"id":"pr-territorial-zone-planning","transfers":[]}`)
	})

	// Lesichovo: four settlements (Kalugerovo with two stakeholders), four
	// stakeholders, eight needs, seven services covering only Lesichovo
	// and one covering only Kalugerovo.
	lesichovoDeps := []string{
		"Territory tr-kalugerovo", "Territory tr-lesichovo-village", "Territory tr-shtarkovo", "Territory tr-tserovo",
		"Stakeholder st-gp-lesichovo", "Stakeholder st-lesichovo-commission", "Stakeholder st-lesichovo-municipality",
		"Stakeholder st-rural-initiative", "Stakeholder st-csii", "Stakeholder st-volunteers-kalugerovo",
		"Need need-lesichovo-crisis-accommodation-violence-affected", "Need need-lesichovo-mental-health-mental-health",
		"Need need-lesichovo-home-patronage-older-people", "Need need-lesichovo-personal-assistance-disabilities",
		"Need need-lesichovo-child-protection-children-at-risk", "Need need-lesichovo-rehab-offenders-offenders",
		"Need need-lesichovo-integrated-home-care-older-people", "Need need-lesichovo-day-care-elderly-older-people",
		"Service svc-csii-info-point", "Service svc-csii-referral", "Service svc-csii-volunteering", "Service svc-lesichovo-gp",
		"Service svc-lesichovo-patronage", "Service svc-lesichovo-personal-assistance", "Service svc-lesichovo-prevention",
		"Service svc-kalugerovo-volunteers",
	}
	t.Run("ErrDeleteTerritory of a municipality with stakeholders", func(t *testing.T) {
		g := e.fail(t, deleteOp("Territory"), mo{"id": "tr-lesichovo"}, "CONFLICT")
		wantDependants(t, g, lesichovoDeps...)
		same(t, e.read(t, "territory", "tr-lesichovo", "id children { id }"), `{"id":"tr-lesichovo","children":[
			{"id":"tr-kalugerovo"},{"id":"tr-lesichovo-village"},{"id":"tr-shtarkovo"},{"id":"tr-tserovo"}]}`)
		same(t, e.read(t, "stakeholder", "st-csii", "id services { id }"), `{"id":"st-csii","services":[
			{"id":"svc-csii-info-point"},{"id":"svc-csii-referral"},{"id":"svc-csii-volunteering"}]}`)
		same(t, e.read(t, "need", "need-lesichovo-mental-health-mental-health", "id"), `{"id":"need-lesichovo-mental-health-mental-health"}`)
	})
	t.Run("OK deleteTerritory cascade deletes settlements, stakeholders, services and needs", func(t *testing.T) {
		wantDeleted(t, del(t, "tr-lesichovo", true), "Territory tr-lesichovo", lesichovoDeps...)
		for _, d := range append([]string{"Territory tr-lesichovo"}, lesichovoDeps...) {
			typ, id, _ := strings.Cut(d, " ")
			if r := e.read(t, lookupOf(typ), id, "id"); r != nil {
				t.Errorf("%s still read", d)
			}
		}
		// Other links to the deleted records are gone; their other ends stay.
		same(t, e.read(t, "event", "ev-csii-open-day", "id territory { id } stakeholders { role }"),
			`{"id":"ev-csii-open-day","territory":null,"stakeholders":[]}`)
		same(t, e.read(t, "event", "ev-training-2", "id territory { id }"), `{"id":"ev-training-2","territory":null}`)
		same(t, e.read(t, "practice", "pr-citta-sociale", "id transfers { year } implementers { id }"),
			`{"id":"pr-citta-sociale","transfers":[],"implementers":[]}`)
		same(t, e.read(t, "partnership", "ps-pazardzhik-referral-memorandum", "parties { role stakeholder { id } }"),
			`{"parties":[{"role":"SIGNATORY","stakeholder":{"id":"st-peshtera-municipality"}},{"role":"SIGNATORY","stakeholder":{"id":"st-asa-pazardzhik"}},
			{"role":"ASSOCIATE","stakeholder":{"id":"st-crisis-centre-peshtera"}}]}`)
		n := e.read(t, "territory", "tr-pazardzhik", "neighbours { territory { id } }")
		got := idList(t, n["neighbours"], "territory")
		sort.Strings(got)
		want := []string{"tr-bratsigovo", "tr-panagyurishte", "tr-peshtera", "tr-rakitovo", "tr-rodopi", "tr-saedinenie", "tr-septemvri", "tr-stamboliyski", "tr-strelcha"}
		if !slices.Equal(got, want) {
			t.Errorf("Pazardzhik's neighbours: got %q, want %q", got, want)
		}
	})

	t.Run("ErrDeleteTerritory whose services cover more", func(t *testing.T) {
		g := e.fail(t, deleteOp("Territory"), mo{"id": "tr-septemvri"}, "CONFLICT")
		wantDependants(t, g, "Stakeholder st-septemvri-municipality", "Need need-septemvri-personal-assistance-disabilities",
			"Need need-septemvri-rehab-children-children-at-risk")
	})
	t.Run("OK deleteTerritory cascade keeps the services that cover more", func(t *testing.T) {
		wantDeleted(t, del(t, "tr-septemvri", true), "Territory tr-septemvri", "Stakeholder st-septemvri-municipality",
			"Need need-septemvri-personal-assistance-disabilities", "Need need-septemvri-rehab-children-children-at-risk")
		same(t, e.read(t, "service", "svc-csri-offenders", "id coverage { id }"),
			`{"id":"svc-csri-offenders","coverage":[{"id":"tr-pazardzhik"},{"id":"tr-peshtera"}]}`)
		same(t, e.read(t, "service", "svc-pazardzhik-home-care", "id coverage { id }"),
			`{"id":"svc-pazardzhik-home-care","coverage":[{"id":"tr-pazardzhik"}]}`)
	})

	t.Run("OK deleteTerritory cascade leaves no service without coverage", func(t *testing.T) {
		// A municipality with two settlements and a service (of a provider
		// elsewhere) covering exactly those two settlements. The cascade
		// deletes both settlements, so the service would cover nothing,
		// which no service may (coverageIds: at least one).
		for _, in := range []mo{
			{"id": "tr-mut-muni", "name": "Mutation municipality", "level": "MUNICIPALITY", "parentId": "tr-plovdiv-district"},
			{"id": "tr-mut-s1", "name": "Mutation settlement 1", "level": "SETTLEMENT", "parentId": "tr-mut-muni"},
			{"id": "tr-mut-s2", "name": "Mutation settlement 2", "level": "SETTLEMENT", "parentId": "tr-mut-muni"},
		} {
			e.run(t, createOp("Territory", "id"), mo{"input": in}, "createTerritory")
		}
		e.run(t, createOp("Service", "id"), mo{"input": with(svcBase, mo{"id": "svc-mut-settlements", "coverageIds": ma{"tr-mut-s1", "tr-mut-s2"}})}, "createService")
		r := del(t, "tr-mut-muni", true)
		wantDeleted(t, r, "Territory tr-mut-muni", "Territory tr-mut-s1", "Territory tr-mut-s2", "Service svc-mut-settlements")
		if s := e.read(t, "service", "svc-mut-settlements", "id coverage { id }"); s != nil {
			t.Errorf("service left behind: %s", mutJSON(s))
		}
	})

	t.Run("ErrDeleteTerritory unknown id", func(t *testing.T) {
		wantField(t, e.fail(t, deleteOp("Territory"), mo{"id": "tr-lesichovo"}, "NOT_FOUND"), "id")
	})
}

// ---------------------------------------------------------------------------
// 5. Relationship mutations.

func TestMutationRelationships(t *testing.T) {
	e := newMutEnv(t)

	t.Run("Partnership parties", func(t *testing.T) {
		const (
			add    = `mutation($p: ID!, $s: ID!, $role: PartyRole!) { addPartnershipParty(partnershipId: $p, stakeholderId: $s, role: $role) { id version updatedAt updatedBy parties { role stakeholder { id } } } }`
			remove = `mutation($p: ID!, $s: ID!) { removePartnershipParty(partnershipId: $p, stakeholderId: $s) { id version updatedAt updatedBy parties { role stakeholder { id } } } }`
			ps     = "ps-pazardzhik-referral-memorandum"
			sel    = "id version updatedAt updatedBy parties { role stakeholder { id } }"
		)
		party := func(role, id string) string { return fmt.Sprintf(`{"role":%q,"stakeholder":{"id":%q}}`, role, id) }
		parties := func(ps ...string) string { return `[` + strings.Join(ps, ",") + `]` }
		// The memorandum's parties in demo.json.
		lead, peshtera, asa, crisis := party("LEAD", "st-lesichovo-municipality"), party("SIGNATORY", "st-peshtera-municipality"),
			party("SIGNATORY", "st-asa-pazardzhik"), party("ASSOCIATE", "st-crisis-centre-peshtera")
		step := func(t *testing.T, op string, vars mo, field string, bump int, want string) mo {
			t.Helper()
			before := e.read(t, "partnership", ps, sel)
			r := e.run(t, op, vars, field)
			if got, want := ver(t, r), ver(t, before)+bump; got != want {
				t.Errorf("version: got %d, want %d", got, want)
			}
			if bump == 0 {
				sameRecord(t, r, before)
			} else {
				if r["updatedBy"] != "api" {
					t.Errorf("updatedBy: got %v", r["updatedBy"])
				}
				if !stamp(t, r, "updatedAt").After(stamp(t, before, "updatedAt")) {
					t.Errorf("updatedAt did not grow")
				}
			}
			same(t, r["parties"], want)
			sameRecord(t, e.read(t, "partnership", ps, sel), r)
			return r
		}

		t.Run("OK addPartnershipParty adds a party", func(t *testing.T) {
			step(t, add, mo{"p": ps, "s": "st-naso", "role": "PARTNER"}, "addPartnershipParty", 1,
				parties(lead, party("PARTNER", "st-naso"), peshtera, asa, party("ASSOCIATE", "st-csii"), crisis))
			same(t, e.read(t, "stakeholder", "st-naso", "partnerships { role partnership { id } }"),
				`{"partnerships":[{"role":"PARTNER","partnership":{"id":"ps-pazardzhik-referral-memorandum"}}]}`)
		})
		t.Run("OK addPartnershipParty of a party changes its role", func(t *testing.T) {
			r := step(t, add, mo{"p": ps, "s": "st-csii", "role": "PARTNER"}, "addPartnershipParty", 1,
				parties(lead, party("PARTNER", "st-csii"), party("PARTNER", "st-naso"), peshtera, asa, crisis))
			// Leads first (documented).
			if first := idList(t, r["parties"], "stakeholder")[0]; first != "st-lesichovo-municipality" {
				t.Errorf("first party %s, want the lead", first)
			}
		})
		t.Run("OK addPartnershipParty with the same role changes nothing", func(t *testing.T) {
			step(t, add, mo{"p": ps, "s": "st-csii", "role": "PARTNER"}, "addPartnershipParty", 0,
				parties(lead, party("PARTNER", "st-csii"), party("PARTNER", "st-naso"), peshtera, asa, crisis))
		})
		t.Run("ErrAddPartnershipParty unknown stakeholder", func(t *testing.T) {
			before := e.read(t, "partnership", ps, sel)
			g := e.fail(t, add, mo{"p": ps, "s": "st-nobody", "role": "PARTNER"}, "BAD_USER_INPUT")
			ps := mutProblems(t, g)
			if len(ps) != 1 || !strings.Contains(ps[0].Message, `no stakeholder with id "st-nobody"`) {
				t.Errorf("problems: %+v", ps)
			}
			sameRecord(t, e.read(t, "partnership", "ps-pazardzhik-referral-memorandum", sel), before)
		})
		t.Run("ErrAddPartnershipParty unknown stakeholder names the argument", func(t *testing.T) {
			// The problem's field should be a path into the request
			// (stakeholderId), not into the stored record (parties[6]...).
			g := e.fail(t, add, mo{"p": ps, "s": "st-nobody", "role": "PARTNER"}, "BAD_USER_INPUT")
			wantProblems(t, g, "no stakeholder", "stakeholderId")
		})
		t.Run("ErrAddPartnershipParty unknown partnership", func(t *testing.T) {
			wantField(t, e.fail(t, add, mo{"p": "ps-nothing", "s": "st-naso", "role": "PARTNER"}, "NOT_FOUND"), "id")
		})
		t.Run("ErrAddPartnershipParty unknown role", func(t *testing.T) {
			before := e.read(t, "partnership", ps, sel)
			g := e.fail(t, add, mo{"p": ps, "s": "st-naso", "role": "SPONSOR"}, "BAD_USER_INPUT")
			if !strings.Contains(g.Message, "SPONSOR") {
				t.Errorf("message %q does not name the value", g.Message)
			}
			sameRecord(t, e.read(t, "partnership", ps, sel), before)
		})
		t.Run("OK removePartnershipParty", func(t *testing.T) {
			step(t, remove, mo{"p": ps, "s": "st-naso"}, "removePartnershipParty", 1,
				parties(lead, party("PARTNER", "st-csii"), peshtera, asa, crisis))
			same(t, e.read(t, "stakeholder", "st-naso", "partnerships { role }"), `{"partnerships":[]}`)
		})
		t.Run("OK removePartnershipParty of a non-party changes nothing", func(t *testing.T) {
			step(t, remove, mo{"p": ps, "s": "st-naso"}, "removePartnershipParty", 0,
				parties(lead, party("PARTNER", "st-csii"), peshtera, asa, crisis))
		})
		t.Run("ErrRemovePartnershipParty unknown partnership", func(t *testing.T) {
			wantField(t, e.fail(t, remove, mo{"p": "ps-nothing", "s": "st-naso"}, "NOT_FOUND"), "id")
		})
	})

	t.Run("Stakeholder areas", func(t *testing.T) {
		const (
			set = `mutation($s: ID!, $a: [ID!]!) { setStakeholderAreas(stakeholderId: $s, areaIds: $a) { ` + auditSel + stakeholderSel + ` } }`
			sel = auditSel + stakeholderSel
		)
		// st-csii in demo.json: four areas, located in Kalugerovo.
		step := func(t *testing.T, areas ma, bump int, want string) {
			t.Helper()
			before := e.read(t, "stakeholder", "st-csii", sel)
			r := e.run(t, set, mo{"s": "st-csii", "a": areas}, "setStakeholderAreas")
			if got, want := ver(t, r), ver(t, before)+bump; got != want {
				t.Errorf("version: got %d, want %d", got, want)
			}
			if bump == 0 {
				sameRecord(t, r, before)
			} else if r["updatedBy"] != "api" || !stamp(t, r, "updatedAt").After(stamp(t, before, "updatedAt")) {
				t.Errorf("audit fields not updated: %v %v → %v", r["updatedBy"], before["updatedAt"], r["updatedAt"])
			}
			same(t, r["cooperationAreas"], want)
			// The other fields stay as they were.
			sameRecord(t, without(r, "version", "updatedAt", "updatedBy", "cooperationAreas"),
				without(before, "version", "updatedAt", "updatedBy", "cooperationAreas"))
			sameRecord(t, e.read(t, "stakeholder", "st-csii", sel), r)
		}
		t.Run("OK setStakeholderAreas replaces the areas", func(t *testing.T) {
			step(t, ma{"area-social-inclusion", "area-volunteering"}, 1, `[{"id":"area-social-inclusion"},{"id":"area-volunteering"}]`)
			for _, s := range idList(t, e.read(t, "cooperationArea", "area-zone-planning", "stakeholders { id }")["stakeholders"], "") {
				if s == "st-csii" {
					t.Errorf("area-zone-planning still lists st-csii")
				}
			}
		})
		t.Run("OK setStakeholderAreas with the same areas changes nothing", func(t *testing.T) {
			step(t, ma{"area-volunteering", "area-social-inclusion"}, 0, `[{"id":"area-social-inclusion"},{"id":"area-volunteering"}]`)
		})
		t.Run("OK setStakeholderAreas with an empty list clears them", func(t *testing.T) {
			step(t, ma{}, 1, `[]`)
			for _, s := range idList(t, e.read(t, "cooperationArea", "area-volunteering", "stakeholders { id }")["stakeholders"], "") {
				if s == "st-csii" {
					t.Errorf("area-volunteering still lists st-csii")
				}
			}
		})
		t.Run("ErrSetStakeholderAreas unknown area", func(t *testing.T) {
			before := e.read(t, "stakeholder", "st-csii", sel)
			g := e.fail(t, set, mo{"s": "st-csii", "a": ma{"area-nowhere"}}, "BAD_USER_INPUT")
			wantProblems(t, g, `no cooperation area with id "area-nowhere"`, "areaIds[0]")
			sameRecord(t, e.read(t, "stakeholder", "st-csii", sel), before)
		})
		t.Run("ErrSetStakeholderAreas repeated area", func(t *testing.T) {
			before := e.read(t, "stakeholder", "st-csii", sel)
			g := e.fail(t, set, mo{"s": "st-csii", "a": ma{"area-volunteering", "area-volunteering"}}, "BAD_USER_INPUT")
			wantProblems(t, g, `repeats "area-volunteering"`, "areaIds[1]")
			sameRecord(t, e.read(t, "stakeholder", "st-csii", sel), before)
		})
		t.Run("ErrSetStakeholderAreas unknown stakeholder", func(t *testing.T) {
			wantField(t, e.fail(t, set, mo{"s": "st-nobody", "a": ma{}}, "NOT_FOUND"), "id")
		})
	})

	t.Run("Service coverage", func(t *testing.T) {
		const (
			set = `mutation($s: ID!, $t: [ID!]!) { setServiceCoverage(serviceId: $s, territoryIds: $t) { id version updatedBy name provider { id } coverage { id } } }`
			sel = "id version updatedBy name provider { id } coverage { id }"
			svc = "svc-peshtera-crisis-accommodation" // covers Peshtera, Bratsigovo and Batak
		)
		t.Run("OK setServiceCoverage replaces the coverage", func(t *testing.T) {
			r := e.run(t, set, mo{"s": svc, "t": ma{"tr-peshtera", "tr-lesichovo"}}, "setServiceCoverage")
			same(t, r, `{"id":"svc-peshtera-crisis-accommodation","version":2,"updatedBy":"api",
				"name":"Crisis accommodation – Peshtera","provider":{"id":"st-crisis-centre-peshtera"},
				"coverage":[{"id":"tr-lesichovo"},{"id":"tr-peshtera"}]}`)
			sameRecord(t, e.read(t, "service", svc, sel), r)
			same(t, e.read(t, "territory", "tr-batak", "services { id }"), `{"services":[]}`)
		})
		t.Run("ErrSetServiceCoverage empty list", func(t *testing.T) {
			before := e.read(t, "service", svc, sel)
			g := e.fail(t, set, mo{"s": svc, "t": ma{}}, "BAD_USER_INPUT")
			ps := mutProblems(t, g)
			if len(ps) != 1 || !strings.Contains(ps[0].Message, "a service covers at least one territory") {
				t.Errorf("problems: %+v", ps)
			}
			sameRecord(t, e.read(t, "service", svc, sel), before)
		})
		t.Run("ErrSetServiceCoverage empty list names the argument", func(t *testing.T) {
			// The argument is territoryIds; coverageIds is not in the request.
			g := e.fail(t, set, mo{"s": svc, "t": ma{}}, "BAD_USER_INPUT")
			wantProblems(t, g, "a service covers at least one territory", "territoryIds")
		})
		t.Run("ErrSetServiceCoverage unknown territory", func(t *testing.T) {
			before := e.read(t, "service", svc, sel)
			g := e.fail(t, set, mo{"s": svc, "t": ma{"tr-peshtera", "tr-nowhere"}}, "BAD_USER_INPUT")
			ps := mutProblems(t, g)
			if len(ps) != 1 || !strings.Contains(ps[0].Message, `no territory with id "tr-nowhere"`) {
				t.Errorf("problems: %+v", ps)
			}
			sameRecord(t, e.read(t, "service", svc, sel), before)
		})
		t.Run("ErrSetServiceCoverage unknown territory names the argument", func(t *testing.T) {
			g := e.fail(t, set, mo{"s": svc, "t": ma{"tr-peshtera", "tr-nowhere"}}, "BAD_USER_INPUT")
			wantProblems(t, g, "no territory", "territoryIds[1]")
		})
		t.Run("ErrSetServiceCoverage unknown service", func(t *testing.T) {
			wantField(t, e.fail(t, set, mo{"s": "svc-nothing", "t": ma{"tr-peshtera"}}, "NOT_FOUND"), "id")
		})
	})

	t.Run("Neighbours", func(t *testing.T) {
		const (
			set = `mutation($t: ID!, $n: [NeighbourInput!]!) { setNeighbours(territoryId: $t, neighbours: $n) { id version updatedBy neighbours { territory { id } distanceKm illustrative } } }`
			sel = "id version updatedBy neighbours { territory { id } distanceKm illustrative }"
		)
		nb := func(id string, km float64, ill bool) string {
			return fmt.Sprintf(`{"territory":{"id":%q},"distanceKm":%g,"illustrative":%t}`, id, km, ill)
		}
		list := func(ns ...string) string { return "[" + strings.Join(ns, ",") + "]" }
		neighbours := func(t *testing.T, id string) any {
			return e.read(t, "territory", id, "neighbours { territory { id } distanceKm illustrative }")["neighbours"]
		}
		// Pazardzhik's other links in demo.json (all illustrative).
		pazardzhikOthers := []string{nb("tr-peshtera", 20, true), nb("tr-septemvri", 20, true), nb("tr-stamboliyski", 20, true),
			nb("tr-bratsigovo", 25, true), nb("tr-saedinenie", 30, true), nb("tr-rodopi", 37, true), nb("tr-strelcha", 37, true),
			nb("tr-rakitovo", 38, true), nb("tr-panagyurishte", 40, true)}

		t.Run("OK setNeighbours replaces the links in both directions", func(t *testing.T) {
			// Lesichovo had Septemvri 11, Pazardzhik 25, Panagyurishte 42.
			r := e.run(t, set, mo{"t": "tr-lesichovo", "n": ma{
				mo{"territoryId": "tr-pazardzhik", "distanceKm": 30},
				mo{"territoryId": "tr-kalugerovo", "distanceKm": 5, "illustrative": true},
			}}, "setNeighbours")
			same(t, without(r, "neighbours"), `{"id":"tr-lesichovo","version":2,"updatedBy":"api"}`)
			// Nearest first (documented).
			same(t, r["neighbours"], list(nb("tr-kalugerovo", 5, true), nb("tr-pazardzhik", 30, false)))
			if got := idList(t, r["neighbours"], "territory"); !slices.Equal(got, []string{"tr-kalugerovo", "tr-pazardzhik"}) {
				t.Errorf("neighbours not nearest first: %q", got)
			}
			sameRecord(t, e.read(t, "territory", "tr-lesichovo", sel), r)
			same(t, neighbours(t, "tr-kalugerovo"), list(nb("tr-lesichovo", 5, true)))
			same(t, neighbours(t, "tr-pazardzhik"), list(append([]string{nb("tr-lesichovo", 30, false)}, pazardzhikOthers...)...))
			same(t, neighbours(t, "tr-septemvri"), list(nb("tr-belovo", 12, true), nb("tr-pazardzhik", 20, true), nb("tr-rakitovo", 30, true), nb("tr-velingrad", 35, true)))
			same(t, neighbours(t, "tr-panagyurishte"), list(nb("tr-strelcha", 18, true), nb("tr-pazardzhik", 40, true)))
		})
		for _, c := range []struct {
			name, field, msg string
			n                ma
		}{
			{"ErrSetNeighbours distance 0", "neighbours[0].distanceKm", "must be more than 0 and at most 5000 km, got 0",
				ma{mo{"territoryId": "tr-pazardzhik", "distanceKm": 0}}},
			{"ErrSetNeighbours negative distance", "neighbours[1].distanceKm", "got -3",
				ma{mo{"territoryId": "tr-kalugerovo", "distanceKm": 5}, mo{"territoryId": "tr-pazardzhik", "distanceKm": -3}}},
			{"ErrSetNeighbours distance over 5000", "neighbours[0].distanceKm", "got 5000.5",
				ma{mo{"territoryId": "tr-pazardzhik", "distanceKm": 5000.5}}},
			{"ErrSetNeighbours the territory itself", "neighbours[0].territoryId", "a territory is not its own neighbour",
				ma{mo{"territoryId": "tr-lesichovo", "distanceKm": 1}}},
			{"ErrSetNeighbours unknown territory", "neighbours[0].territoryId", `no territory with id "tr-nowhere"`,
				ma{mo{"territoryId": "tr-nowhere", "distanceKm": 3}}},
			{"ErrSetNeighbours repeated territory", "neighbours[1].territoryId", "repeats neighbours[0]",
				ma{mo{"territoryId": "tr-pazardzhik", "distanceKm": 10}, mo{"territoryId": "tr-pazardzhik", "distanceKm": 12}}},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := e.read(t, "territory", "tr-lesichovo", sel)
				beforeP := e.read(t, "territory", "tr-pazardzhik", sel)
				g := e.fail(t, set, mo{"t": "tr-lesichovo", "n": c.n}, "BAD_USER_INPUT")
				wantProblems(t, g, c.msg, c.field)
				sameRecord(t, e.read(t, "territory", "tr-lesichovo", sel), before)
				sameRecord(t, e.read(t, "territory", "tr-pazardzhik", sel), beforeP)
			})
		}
		t.Run("ErrSetNeighbours unknown territory id", func(t *testing.T) {
			wantField(t, e.fail(t, set, mo{"t": "tr-nowhere", "n": ma{mo{"territoryId": "tr-pazardzhik", "distanceKm": 3}}}, "NOT_FOUND"), "id")
		})
		t.Run("OK setNeighbours with an empty list removes them all", func(t *testing.T) {
			before := e.read(t, "territory", "tr-lesichovo", sel)
			r := e.run(t, set, mo{"t": "tr-lesichovo", "n": ma{}}, "setNeighbours")
			if got, want := ver(t, r), ver(t, before)+1; got != want {
				t.Errorf("version: got %d, want %d", got, want)
			}
			same(t, r["neighbours"], `[]`)
			same(t, neighbours(t, "tr-kalugerovo"), `[]`)
			same(t, neighbours(t, "tr-pazardzhik"), list(pazardzhikOthers...))
		})
	})

	t.Run("Referral links", func(t *testing.T) {
		const (
			refSel = "id from { id } to { id } categories { id } status since illustrative"
			add    = `mutation($input: ReferralLinkInput!) { addReferralLink(input: $input) { ` + refSel + ` } }`
			upd    = `mutation($id: ID!, $input: ReferralLinkInput!) { updateReferralLink(id: $id, input: $input) { ` + refSel + ` } }`
			rm     = `mutation($id: ID!) { removeReferralLink(id: $id) { deleted { type id } } }`
		)
		out := func(t *testing.T, id string) any {
			return e.read(t, "stakeholder", id, "referralsOut { "+refSel+" }")["referralsOut"]
		}
		in := func(t *testing.T, id string) any {
			return e.read(t, "stakeholder", id, "referralsIn { id from { id } }")["referralsIn"]
		}
		link := mo{"id": "ref-mut-1", "fromId": "st-naso", "toId": "st-csii", "categoryIds": ma{"cat-rehab", "cat-crisis"},
			"status": "PROPOSED", "since": "2024-01-15", "illustrative": true, "source": "mutation test"}
		const linked = `{"id":"ref-mut-1","from":{"id":"st-naso"},"to":{"id":"st-csii"},"categories":[{"id":"cat-crisis"},{"id":"cat-rehab"}],
			"status":"PROPOSED","since":"2024-01-15","illustrative":true}`
		// st-csii's referrals in, in demo.json.
		const csiiIn = `{"id":"ref-lesichovo-csii","from":{"id":"st-lesichovo-municipality"}}`

		t.Run("OK addReferralLink", func(t *testing.T) {
			same(t, e.run(t, add, mo{"input": link}, "addReferralLink"), linked)
			same(t, out(t, "st-naso"), `[`+linked+`]`)
			same(t, in(t, "st-csii"), `[`+csiiIn+`,{"id":"ref-mut-1","from":{"id":"st-naso"}}]`)
		})
		t.Run("OK addReferralLink again with the same input changes nothing", func(t *testing.T) {
			same(t, e.run(t, add, mo{"input": link}, "addReferralLink"), linked)
			same(t, out(t, "st-naso"), `[`+linked+`]`)
		})
		t.Run("ErrAddReferralLink same id with another status", func(t *testing.T) {
			wantField(t, e.fail(t, add, mo{"input": with(link, mo{"status": "ACTIVE"})}, "CONFLICT"), "input.id")
			same(t, out(t, "st-naso"), `[`+linked+`]`)
		})
		t.Run("ErrAddReferralLink same id with other ends", func(t *testing.T) {
			wantField(t, e.fail(t, add, mo{"input": with(link, mo{"toId": "st-asa-pazardzhik"})}, "CONFLICT"), "input.id")
			same(t, out(t, "st-naso"), `[`+linked+`]`)
			same(t, in(t, "st-asa-pazardzhik"), `[{"id":"ref-csii-asa","from":{"id":"st-csii"}}]`)
		})
		t.Run("OK addReferralLink without id", func(t *testing.T) {
			r := e.run(t, add, mo{"input": mo{"fromId": "st-rural-initiative", "toId": "st-volunteers-kalugerovo", "status": "ACTIVE"}}, "addReferralLink")
			id, _ := r["id"].(string)
			if !regexp.MustCompile(`^ref-[0-9a-f]{24}$`).MatchString(id) {
				t.Errorf("generated id %q is not ref-<24 hex digits>", id)
			}
			want := fmt.Sprintf(`{"id":%q,"from":{"id":"st-rural-initiative"},"to":{"id":"st-volunteers-kalugerovo"},"categories":[],
				"status":"ACTIVE","since":null,"illustrative":false}`, id)
			same(t, r, want)
			same(t, out(t, "st-rural-initiative"), `[`+want+`]`)
		})
		t.Run("ErrAddReferralLink unknown stakeholder and category", func(t *testing.T) {
			before := in(t, "st-csii")
			g := e.fail(t, add, mo{"input": mo{"id": "ref-mut-bad", "fromId": "st-nobody", "toId": "st-csii", "categoryIds": ma{"cat-nothing"}, "status": "ACTIVE"}}, "BAD_USER_INPUT")
			wantProblems(t, g, `no stakeholder with id "st-nobody"`, "input.fromId", "input.categoryIds[0]")
			same(t, in(t, "st-csii"), mutJSON(before))
		})
		t.Run("OK updateReferralLink changes status and categories", func(t *testing.T) {
			r := e.run(t, upd, mo{"id": "ref-mut-1", "input": mo{"fromId": "st-naso", "toId": "st-csii", "categoryIds": ma{"cat-health"}, "status": "ACTIVE"}}, "updateReferralLink")
			want := `{"id":"ref-mut-1","from":{"id":"st-naso"},"to":{"id":"st-csii"},"categories":[{"id":"cat-health"}],"status":"ACTIVE","since":null,"illustrative":false}`
			same(t, r, want)
			same(t, out(t, "st-naso"), `[`+want+`]`)
		})
		t.Run("OK updateReferralLink moves to", func(t *testing.T) {
			r := e.run(t, upd, mo{"id": "ref-mut-1", "input": mo{"id": "ref-mut-1", "fromId": "st-naso", "toId": "st-asa-pazardzhik", "categoryIds": ma{"cat-health"}, "status": "ACTIVE"}}, "updateReferralLink")
			want := `{"id":"ref-mut-1","from":{"id":"st-naso"},"to":{"id":"st-asa-pazardzhik"},"categories":[{"id":"cat-health"}],"status":"ACTIVE","since":null,"illustrative":false}`
			same(t, r, want)
			same(t, out(t, "st-naso"), `[`+want+`]`)
			same(t, in(t, "st-csii"), `[`+csiiIn+`]`)
			same(t, in(t, "st-asa-pazardzhik"), `[{"id":"ref-csii-asa","from":{"id":"st-csii"}},{"id":"ref-mut-1","from":{"id":"st-naso"}}]`)
		})
		t.Run("OK updateReferralLink moves from", func(t *testing.T) {
			e.run(t, upd, mo{"id": "ref-mut-1", "input": mo{"fromId": "st-cts", "toId": "st-asa-pazardzhik", "status": "INACTIVE"}}, "updateReferralLink")
			same(t, out(t, "st-naso"), `[]`)
			same(t, out(t, "st-cts"), `[{"id":"ref-mut-1","from":{"id":"st-cts"},"to":{"id":"st-asa-pazardzhik"},"categories":[],"status":"INACTIVE","since":null,"illustrative":false}]`)
		})
		t.Run("ErrUpdateReferralLink unknown id", func(t *testing.T) {
			wantField(t, e.fail(t, upd, mo{"id": "ref-nothing", "input": mo{"fromId": "st-cts", "toId": "st-naso", "status": "ACTIVE"}}, "NOT_FOUND"), "id")
			same(t, out(t, "st-cts"), `[{"id":"ref-mut-1","from":{"id":"st-cts"},"to":{"id":"st-asa-pazardzhik"},"categories":[],"status":"INACTIVE","since":null,"illustrative":false}]`)
		})
		t.Run("ErrUpdateReferralLink input.id differs from id", func(t *testing.T) {
			wantField(t, e.fail(t, upd, mo{"id": "ref-mut-1", "input": mo{"id": "ref-mut-2", "fromId": "st-cts", "toId": "st-naso", "status": "ACTIVE"}}, "BAD_USER_INPUT"), "input.id")
			same(t, out(t, "st-cts"), `[{"id":"ref-mut-1","from":{"id":"st-cts"},"to":{"id":"st-asa-pazardzhik"},"categories":[],"status":"INACTIVE","since":null,"illustrative":false}]`)
		})
		t.Run("ErrUpdateReferralLink unknown stakeholder and self-referral", func(t *testing.T) {
			g := e.fail(t, upd, mo{"id": "ref-mut-1", "input": mo{"fromId": "st-cts", "toId": "st-nobody", "status": "ACTIVE"}}, "BAD_USER_INPUT")
			wantProblems(t, g, `no stakeholder with id "st-nobody"`, "input.toId")
			g = e.fail(t, upd, mo{"id": "ref-mut-1", "input": mo{"fromId": "st-cts", "toId": "st-cts", "status": "ACTIVE"}}, "BAD_USER_INPUT")
			wantProblems(t, g, "a stakeholder cannot refer to itself", "input.toId")
			same(t, out(t, "st-cts"), `[{"id":"ref-mut-1","from":{"id":"st-cts"},"to":{"id":"st-asa-pazardzhik"},"categories":[],"status":"INACTIVE","since":null,"illustrative":false}]`)
		})
		t.Run("OK removeReferralLink", func(t *testing.T) {
			same(t, e.run(t, rm, mo{"id": "ref-mut-1"}, "removeReferralLink"), `{"deleted":[{"type":"ReferralLink","id":"ref-mut-1"}]}`)
			same(t, out(t, "st-cts"), `[]`)
			same(t, in(t, "st-asa-pazardzhik"), `[{"id":"ref-csii-asa","from":{"id":"st-csii"}}]`)
		})
		t.Run("ErrRemoveReferralLink a second time", func(t *testing.T) {
			wantField(t, e.fail(t, rm, mo{"id": "ref-mut-1"}, "NOT_FOUND"), "id")
		})
	})
}

// ---------------------------------------------------------------------------
// 6. Audit fields.

func TestMutationAudit(t *testing.T) {
	e := newMutEnv(t)

	// The demo loader wrote every record as "test", version 1.
	t.Run("Target group: update by the API", func(t *testing.T) {
		const sel = auditSel + "name nameLocal description illustrative illustrativeFields source"
		rec := e.read(t, "targetGroup", "tg-families", sel)
		same(t, without(rec, "createdAt", "updatedAt"), `{"id":"tg-families","version":1,"updatedBy":"test","name":"Families in need",
			"nameLocal":"Семейства в нужда","description":null,"illustrative":false,"illustrativeFields":[],"source":null}`)
		input := mo{"name": rec["name"], "nameLocal": rec["nameLocal"], "illustrative": rec["illustrative"], "illustrativeFields": rec["illustrativeFields"]}
		update := func(t *testing.T, in mo, v int) mo {
			return e.run(t, updateOp("TargetGroup", sel), mo{"id": "tg-families", "input": in, "v": v}, "updateTargetGroup")
		}
		t.Run("OK update that changes nothing leaves version, updatedAt and updatedBy", func(t *testing.T) {
			sameRecord(t, update(t, input, 1), rec)
			sameRecord(t, e.read(t, "targetGroup", "tg-families", sel), rec)
		})
		prev := rec
		for i, desc := range []string{"Households below the poverty line.", "Households at risk of poverty."} {
			t.Run(fmt.Sprintf("OK change %d: version +1, updatedBy api, updatedAt grows", i+1), func(t *testing.T) {
				r := update(t, with(input, mo{"description": desc}), ver(t, prev))
				if got, want := ver(t, r), ver(t, prev)+1; got != want {
					t.Errorf("version: got %d, want %d", got, want)
				}
				if r["updatedBy"] != "api" {
					t.Errorf("updatedBy: got %v, want api", r["updatedBy"])
				}
				if !stamp(t, r, "updatedAt").After(stamp(t, prev, "updatedAt")) {
					t.Errorf("updatedAt did not grow: %v → %v", prev["updatedAt"], r["updatedAt"])
				}
				if r["createdAt"] != rec["createdAt"] {
					t.Errorf("createdAt changed: %v → %v", rec["createdAt"], r["createdAt"])
				}
				if r["description"] != desc {
					t.Errorf("description: got %v", r["description"])
				}
				prev = r
			})
		}
		t.Run("OK the same change again changes nothing", func(t *testing.T) {
			sameRecord(t, update(t, with(input, mo{"description": "Households at risk of poverty."}), 3), prev)
		})
		t.Run("ErrUpdate that fails leaves the audit fields", func(t *testing.T) {
			e.fail(t, updateOp("TargetGroup", "id"), mo{"id": "tg-families", "input": with(input, mo{"name": ""}), "v": 3}, "BAD_USER_INPUT")
			sameRecord(t, e.read(t, "targetGroup", "tg-families", sel), prev)
		})
	})

	t.Run("Stakeholder: one version per changing mutation, whatever it changes", func(t *testing.T) {
		const sel = auditSel + stakeholderSel
		rec := e.read(t, "stakeholder", "st-naso", sel)
		same(t, without(rec, "createdAt", "updatedAt", "name", "nameLocal", "acronym", "description", "email", "phone", "website", "illustrative", "illustrativeFields", "source"),
			`{"id":"st-naso","version":1,"updatedBy":"test","kind":"NGO","sector":"NON_PROFIT","territory":{"id":"tr-bg"},
			"cooperationAreas":[{"id":"area-social-inclusion"}]}`)
		// The record as an input: read, then write back.
		input := mo{"territoryId": "tr-bg", "areaIds": ma{"area-social-inclusion"}}
		for _, k := range []string{"name", "nameLocal", "acronym", "kind", "sector", "description", "email", "phone", "website", "illustrative", "illustrativeFields", "source"} {
			if rec[k] != nil {
				input[k] = rec[k]
			}
		}
		steps := []struct {
			name  string
			op    string
			field string
			vars  func(v int) mo
			bump  int
		}{
			{"OK updateStakeholder unchanged", updateOp("Stakeholder", sel), "updateStakeholder", func(v int) mo { return mo{"id": "st-naso", "input": input, "v": v} }, 0},
			{"OK updateStakeholder relationships only", updateOp("Stakeholder", sel), "updateStakeholder",
				func(v int) mo {
					return mo{"id": "st-naso", "input": with(input, mo{"areaIds": ma{"area-social-inclusion", "area-volunteering"}}), "v": v}
				}, 1},
			{"OK updateStakeholder fields and relationships together", updateOp("Stakeholder", sel), "updateStakeholder",
				func(v int) mo {
					return mo{"id": "st-naso", "input": with(input, mo{"phone": "+359 2 000 0000", "areaIds": ma{"area-volunteering"}, "territoryId": "tr-pazardzhik"}), "v": v}
				}, 1},
			{"OK setStakeholderAreas", `mutation($a: [ID!]!) { setStakeholderAreas(stakeholderId: "st-naso", areaIds: $a) { ` + sel + ` } }`, "setStakeholderAreas",
				func(int) mo { return mo{"a": ma{"area-health-social"}} }, 1},
			{"OK setStakeholderAreas unchanged", `mutation($a: [ID!]!) { setStakeholderAreas(stakeholderId: "st-naso", areaIds: $a) { ` + sel + ` } }`, "setStakeholderAreas",
				func(int) mo { return mo{"a": ma{"area-health-social"}} }, 0},
			{"OK updateStakeholder back to the demo record", updateOp("Stakeholder", sel), "updateStakeholder", func(v int) mo { return mo{"id": "st-naso", "input": input, "v": v} }, 1},
		}
		prev := rec
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				r := e.run(t, s.op, s.vars(ver(t, prev)), s.field)
				if got, want := ver(t, r), ver(t, prev)+s.bump; got != want {
					t.Errorf("version: got %d, want %d", got, want)
				}
				if s.bump == 0 {
					sameRecord(t, r, prev)
				} else {
					if r["updatedBy"] != "api" {
						t.Errorf("updatedBy: got %v, want api", r["updatedBy"])
					}
					if !stamp(t, r, "updatedAt").After(stamp(t, prev, "updatedAt")) {
						t.Errorf("updatedAt did not grow: %v → %v", prev["updatedAt"], r["updatedAt"])
					}
				}
				sameRecord(t, e.read(t, "stakeholder", "st-naso", sel), r)
				prev = r
			})
		}
		t.Run("OK back to the demo content at version 5", func(t *testing.T) {
			same(t, without(prev, "version", "createdAt", "updatedAt", "updatedBy"), mutJSON(without(rec, "version", "createdAt", "updatedAt", "updatedBy")))
			if v := ver(t, prev); v != 5 {
				t.Errorf("version: got %d, want 5", v)
			}
		})
	})

	t.Run("Service: edits that change nothing", func(t *testing.T) {
		const sel = auditSel + "availableUpdatedAt coverage { id }"
		r := e.run(t, createOp("Service", sel), mo{"input": with(svcBase, mo{"id": "svc-mut-counted", "capacity": 8, "available": 2,
			"availableUpdatedAt": "2024-05-01T12:00:00+02:00", "coverageIds": ma{"tr-peshtera", "tr-lesichovo"}})}, "createService")
		if got := stamp(t, r, "availableUpdatedAt"); !got.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("availableUpdatedAt: got %s, want 2024-05-01T10:00:00Z", got)
		}
		set := `mutation($t: [ID!]!) { setServiceCoverage(serviceId: "svc-mut-counted", territoryIds: $t) { ` + sel + ` } }`
		t.Run("OK setServiceCoverage with the same territories changes nothing", func(t *testing.T) {
			sameRecord(t, e.run(t, set, mo{"t": ma{"tr-lesichovo", "tr-peshtera"}}, "setServiceCoverage"), r)
			sameRecord(t, e.read(t, "service", "svc-mut-counted", sel), r)
		})
		t.Run("OK setServiceCoverage that changes the coverage: version +1", func(t *testing.T) {
			before := e.read(t, "service", "svc-mut-counted", sel)
			got := e.run(t, set, mo{"t": ma{"tr-lesichovo"}}, "setServiceCoverage")
			if v, want := ver(t, got), ver(t, before)+1; v != want {
				t.Errorf("version: got %d, want %d", v, want)
			}
			same(t, got["coverage"], `[{"id":"tr-lesichovo"}]`)
		})
	})

	t.Run("Territory: setNeighbours and updateTerritory", func(t *testing.T) {
		const sel = auditSel + "neighbours { territory { id } distanceKm }"
		set := `mutation($n: [NeighbourInput!]!) { setNeighbours(territoryId: "tr-septemvri", neighbours: $n) { ` + sel + ` } }`
		// Septemvri's links in demo.json, as they are.
		demo := ma{mo{"territoryId": "tr-lesichovo", "distanceKm": 11, "illustrative": true}, mo{"territoryId": "tr-belovo", "distanceKm": 12, "illustrative": true},
			mo{"territoryId": "tr-pazardzhik", "distanceKm": 20, "illustrative": true}, mo{"territoryId": "tr-rakitovo", "distanceKm": 30, "illustrative": true},
			mo{"territoryId": "tr-velingrad", "distanceKm": 35, "illustrative": true}}
		t.Run("OK setNeighbours with the current links changes nothing", func(t *testing.T) {
			before := e.read(t, "territory", "tr-septemvri", sel)
			sameRecord(t, e.run(t, set, mo{"n": demo}, "setNeighbours"), before)
		})
		t.Run("OK updateTerritory with the stored record changes nothing", func(t *testing.T) {
			// Belovo as read, written back (neighbours left out: an update keeps them).
			const full = sel + " name nameLocal level code population parent { id } zones { id } illustrative illustrativeFields source"
			before := e.read(t, "territory", "tr-belovo", full)
			same(t, without(before, "createdAt", "updatedAt", "neighbours"), `{"id":"tr-belovo","version":1,"updatedBy":"test","name":"Belovo",
				"nameLocal":"Белово","level":"MUNICIPALITY","code":"PAZ04","population":7100,"parent":{"id":"tr-pazardzhik-district"},"zones":[],
				"illustrative":false,"illustrativeFields":["population"],"source":"Eurostat NUTS 2021; NSI EKATTE municipality codes"}`)
			input := mo{"name": "Belovo", "nameLocal": "Белово", "level": "MUNICIPALITY", "code": "PAZ04", "population": 7100,
				"parentId": "tr-pazardzhik-district", "illustrativeFields": ma{"population"}, "source": "Eurostat NUTS 2021; NSI EKATTE municipality codes"}
			sameRecord(t, e.run(t, updateOp("Territory", full), mo{"id": "tr-belovo", "input": input, "v": 1}, "updateTerritory"), before)
			// Listing a neighbour it has, at the same distance, changes nothing either.
			sameRecord(t, e.run(t, updateOp("Territory", full), mo{"id": "tr-belovo", "v": 1,
				"input": with(input, mo{"neighbours": ma{mo{"territoryId": "tr-velingrad", "distanceKm": 45, "illustrative": true}}})}, "updateTerritory"), before)
			sameRecord(t, e.read(t, "territory", "tr-belovo", full), before)
		})
	})
}
