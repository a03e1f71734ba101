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
	st := testdb.OpenDemo(t)
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
