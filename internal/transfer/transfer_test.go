package transfer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/hsds"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
	"github.com/coopgraph/coopgraph/internal/testdb/shared"
	"github.com/coopgraph/coopgraph/internal/transfer"
)

func fileInput(t *testing.T, path string, f transfer.Format) transfer.Input {
	t.Helper()
	return transfer.Input{Format: f, Name: filepath.Base(path), Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

func bytesInput(b []byte) transfer.Input {
	return transfer.Input{Format: transfer.FormatJSON, Name: "export.json",
		Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }}
}

func export(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := transfer.ExportJSON(context.Background(), st, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestExportImportRoundTrip: export the demo graph, import it into an
// empty database, export again: the two exports are the same, byte for byte
// (records, relationships, audit fields).
func TestExportImportRoundTrip(t *testing.T) {
	st := testdb.Open(t)
	doc := testdb.LoadDemo(t, st)
	first := export(t, st)
	var back domain.Document
	if err := json.Unmarshal(first, &back); err != nil {
		t.Fatalf("export is not a document: %v", err)
	}
	if len(back.Stakeholders) != len(doc.Stakeholders) || len(back.ReferralLinks) != len(doc.ReferralLinks) ||
		len(back.Territories) != len(doc.Territories) || len(back.Events) != len(doc.Events) {
		t.Fatalf("export has %d stakeholders, %d links, %d territories, %d events; demo has %d, %d, %d, %d",
			len(back.Stakeholders), len(back.ReferralLinks), len(back.Territories), len(back.Events),
			len(doc.Stakeholders), len(doc.ReferralLinks), len(doc.Territories), len(doc.Events))
	}

	testdb.Reset(t)
	rep, err := transfer.Import(auth.WithActor(context.Background(), "test"), st, []transfer.Input{bytesInput(first)}, transfer.Options{Atomic: true}, hsds.Options{})
	if err != nil || len(rep.Problems) > 0 || !rep.Written {
		t.Fatalf("import: %v %+v", err, problemsOf(rep))
	}
	if c := rep.Counts[store.LabelStakeholder]; c.Created != len(doc.Stakeholders) {
		t.Errorf("created %d stakeholders, want %d", c.Created, len(doc.Stakeholders))
	}
	second := export(t, st)
	if !bytes.Equal(first, second) {
		a, b := strings.Split(string(first), "\n"), strings.Split(string(second), "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("exports differ at line %d:\n%s\n%s", i+1, a[i], b[i])
			}
		}
		t.Fatalf("exports differ in length: %d and %d lines", len(a), len(b))
	}

	// The same import again changes nothing.
	rep, err = transfer.Import(auth.WithActor(context.Background(), "test2"), st, []transfer.Input{bytesInput(first)}, transfer.Options{Atomic: true}, hsds.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for typ, c := range rep.Counts {
		if c.Created+c.Updated+c.Rejected != 0 {
			t.Errorf("re-import changed %s: %+v", typ, *c)
		}
	}
	if !bytes.Equal(export(t, st), first) {
		t.Error("re-import changed the graph")
	}
}

func problemFields(ps []domain.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	slices.Sort(out)
	return out
}

// TestImportProblems: every problem of testdata/import/problems.json is
// reported with its field path; atomic writes nothing, non-atomic writes
// the valid records and rejects those that depend on rejected ones.
func TestImportProblems(t *testing.T) {
	st := testdb.OpenDemo(t)
	in := fileInput(t, "../../testdata/import/problems.json", transfer.FormatJSON)
	want := []string{
		"serviceCategories[0].parentId", // cycle A -> B -> A
		"serviceCategories[1].parentId",
		"services[1].providerId", // its provider is rejected (no such territory)
		"services[2]",            // "ten" is not a number
		"stakeholders[1].kind",   // CHARITY
		"stakeholders[2].id",     // repeats t-st-ok
		"stakeholders[3].territoryId",
	}
	ctx := context.Background()

	rep, err := transfer.Import(auth.WithActor(ctx, "test"), st, []transfer.Input{in}, transfer.Options{Atomic: true}, hsds.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := problemFields(rep.Problems); !slices.Equal(got, want) {
		t.Errorf("atomic problems:\n got %v\nwant %v\n%+v", got, want, rep.Problems)
	}
	if rep.Written {
		t.Error("atomic import with problems says it wrote")
	}
	if s, _ := store.Get[domain.Stakeholder](ctx, st, store.LabelStakeholder, "t-st-ok"); s != nil {
		t.Error("atomic import with problems wrote t-st-ok")
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Field != "unknownList" {
		t.Errorf("warnings: %+v, want one about unknownList", rep.Warnings)
	}

	rep, err = transfer.Import(auth.WithActor(ctx, "test"), st, []transfer.Input{in}, transfer.Options{Atomic: false}, hsds.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Written {
		t.Fatalf("non-atomic import did not write: %+v", problemsOf(rep))
	}
	for id, label := range map[string]string{"t-st-ok": store.LabelStakeholder, "t-svc-ok": store.LabelService, "t-cat-ok": store.LabelServiceCategory} {
		if !exists(t, st, label, id) {
			t.Errorf("non-atomic import did not write %s", id)
		}
	}
	for id, label := range map[string]string{"t-svc-orphan": store.LabelService, "t-st-nowhere": store.LabelStakeholder, "t-cat-a": store.LabelServiceCategory} {
		if exists(t, st, label, id) {
			t.Errorf("non-atomic import wrote rejected %s", id)
		}
	}
	if c := rep.Counts[store.LabelStakeholder]; c.Created != 1 || c.Rejected != 3 {
		t.Errorf("stakeholder counts %+v, want 1 created 3 rejected", *c)
	}
}

// TestImportCSVAndHSDS imports the CSV samples (which refer to demo
// records) and HSDS data: the official 3.0 examples and the project's 1.x
// sample package.
func TestImportCSVAndHSDS(t *testing.T) {
	st := testdb.OpenDemo(t)
	ctx := context.Background()
	var inputs []transfer.Input
	for _, f := range []string{"stakeholders.csv", "services.csv", "needs.csv"} {
		format, err := transfer.CSVFormat(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, fileInput(t, "../../testdata/csv/"+f, format))
	}
	rep, err := transfer.Import(auth.WithActor(ctx, "test"), st, inputs, transfer.Options{Atomic: true, DryRun: true}, hsds.Options{})
	if err != nil || len(rep.Problems) > 0 {
		t.Fatalf("csv dry run: %v %+v", err, problemsOf(rep))
	}
	if rep.Written {
		t.Error("dry run wrote")
	}
	rep, err = transfer.Import(auth.WithActor(ctx, "test"), st, inputs, transfer.Options{Atomic: true}, hsds.Options{})
	if err != nil || len(rep.Problems) > 0 || !rep.Written {
		t.Fatalf("csv import: %v %+v", err, problemsOf(rep))
	}
	total := 0
	for _, c := range rep.Counts {
		total += c.Created + c.Updated + c.Unchanged
	}
	if total == 0 {
		t.Error("csv import counted no records")
	}

	bad := fileInput(t, "../../testdata/csv/services_bad.csv", transfer.FormatServicesCSV)
	rep, err = transfer.Import(auth.WithActor(ctx, "test"), st, []transfer.Input{bad}, transfer.Options{Atomic: true}, hsds.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written || len(rep.Problems) == 0 {
		t.Errorf("bad csv: written %v with %d problems", rep.Written, len(rep.Problems))
	}
	for _, p := range rep.Problems {
		if p.File != "services_bad.csv" || p.Line == 0 {
			t.Errorf("problem without file and line: %+v", p)
		}
	}

	hsdsOpt := hsds.Options{ParentTerritoryID: "tr-bg", IDPrefix: "hsds-"}
	t.Run("OfficialHSDSExamples", func(t *testing.T) {
		examples := filepath.Join(shared.Dir(t, "hsds/3.0"), "examples")
		for _, f := range []string{"service_full.json", "organization_full.json"} {
			in := fileInput(t, filepath.Join(examples, f), transfer.FormatHSDSJSON)
			rep, err := transfer.Import(auth.WithActor(ctx, "test"), st, []transfer.Input{in}, transfer.Options{Atomic: true}, hsdsOpt)
			if err != nil {
				t.Fatalf("hsds %s: %v", f, err)
			}
			if len(rep.Problems) > 0 || !rep.Written {
				t.Fatalf("hsds %s: %+v", f, problemsOf(rep))
			}
			if c := rep.Counts[store.LabelStakeholder]; c == nil || c.Created+c.Updated+c.Unchanged == 0 {
				t.Errorf("hsds %s: no organization imported: %v", f, rep.Summary())
			}
		}
	})
	// The sample package has one service whose organization is missing:
	// atomic refuses it all, non-atomic leaves that service out.
	pkg := transfer.Input{Format: transfer.FormatHSDSPackage, Name: "v1", FS: os.DirFS("../../testdata/hsds/v1")}
	rep, err = transfer.Import(auth.WithActor(ctx, "test"), st, []transfer.Input{pkg}, transfer.Options{Atomic: true}, hsdsOpt)
	if err != nil || rep.Written || len(rep.Problems) != 1 || rep.Problems[0].Field != "organization_id" {
		t.Fatalf("hsds 1.x package, atomic: %v written %v %+v", err, rep.Written, problemsOf(rep))
	}
	rep, err = transfer.Import(auth.WithActor(ctx, "test"), st, []transfer.Input{pkg}, transfer.Options{Atomic: false}, hsdsOpt)
	if err != nil || len(rep.Problems) != 1 || !rep.Written {
		t.Fatalf("hsds 1.x package: %v %+v", err, problemsOf(rep))
	}
	if c := rep.Counts[store.LabelService]; c == nil || c.Created == 0 {
		t.Errorf("hsds 1.x package: no service created: %s", rep.Summary())
	}
}

// TestImportBatched imports a generated graph larger than one transaction
// takes, so the batched path (nodes, then relationships) runs; importing it
// again changes nothing.
func TestImportBatched(t *testing.T) {
	st := testdb.Open(t)
	testdb.Reset(t)
	doc := testdb.Generate(testdb.Size{Municipalities: 60, Stakeholders: 6000, ServicesEach: 2, Categories: 5,
		Partnerships: 500, Events: 300, Needs: 3000, CoverageEach: 2}, 7)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	records := len(doc.Territories) + len(doc.ServiceCategories) + len(doc.TargetGroups) + len(doc.CooperationAreas) +
		len(doc.Stakeholders) + len(doc.Services) + len(doc.Needs) + len(doc.Partnerships) + len(doc.Events) + len(doc.ReferralLinks)
	if records <= transfer.SmallImport {
		t.Fatalf("generated %d records; the test needs more than %d", records, transfer.SmallImport)
	}
	ctx := context.Background()
	rep, err := transfer.Import(auth.WithActor(ctx, "test"), st, []transfer.Input{bytesInput(b)}, transfer.Options{Atomic: true}, hsds.Options{})
	if err != nil || len(rep.Problems) > 0 || !rep.Written {
		t.Fatalf("import: %v %+v", err, problemsOf(rep))
	}
	if c := rep.Counts[store.LabelService]; c.Created != len(doc.Services) || c.Updated != 0 {
		t.Errorf("services %+v, want %d created", *c, len(doc.Services))
	}
	svc, _ := store.Get[domain.Service](ctx, st, store.LabelService, doc.Services[0].ID)
	if svc == nil || svc.Version != 1 {
		t.Fatalf("first service after import: %+v, want version 1", svc)
	}
	rep, err = transfer.Import(auth.WithActor(ctx, "test"), st, []transfer.Input{bytesInput(b)}, transfer.Options{Atomic: true}, hsds.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for typ, c := range rep.Counts {
		if c.Created+c.Updated != 0 || c.Unchanged == 0 {
			t.Errorf("re-import of %s: %+v, want all unchanged", typ, *c)
		}
	}
}

// problemsOf is rep's problems, nil when the import failed outright.
// exists says whether a record of label with id is stored. store.Get
// decodes into the label's own type only (since the compiled reads), so
// the existence of records of several types is asked by id.
func exists(t *testing.T, st *store.Store, label, id string) bool {
	t.Helper()
	found, err := st.LookupIDs(context.Background(), map[string][]string{label: {id}})
	if err != nil {
		t.Fatal(err)
	}
	_, ok := found[label][id]
	return ok
}

func problemsOf(rep *transfer.Report) []domain.Problem {
	if rep == nil {
		return nil
	}
	return rep.Problems
}

// TestImportPublishedHSDS imports the packages laid out as published
// (testdata/hsds/published*: the files under data/) and checks the
// summary's counts per type, rejections included, hand-computed from the
// files: see their datapackage.json.
func TestImportPublishedHSDS(t *testing.T) {
	st := testdb.Open(t)
	ctx := auth.WithActor(context.Background(), "test")
	pkg := func(dir string) []transfer.Input {
		return []transfer.Input{{Format: transfer.FormatHSDSPackage, Name: dir, FS: os.DirFS("../../testdata/hsds/" + dir)}}
	}
	type counts map[string]transfer.Count
	tests := []struct {
		name        string
		dir         string
		atomic      bool
		again       bool // imported a second time, into what the first import wrote
		wantWritten bool
		want        counts
		wantInput   int
	}{
		{"Published", "published", true, false, true, counts{
			store.LabelTerritory: {Created: 5}, store.LabelStakeholder: {Created: 5},
			store.LabelService: {Created: 5}, store.LabelServiceCategory: {Created: 3}}, 30},
		{"PublishedAgain", "published", true, true, true, counts{
			store.LabelTerritory: {Unchanged: 5}, store.LabelStakeholder: {Unchanged: 5},
			store.LabelService: {Unchanged: 5}, store.LabelServiceCategory: {Unchanged: 3}}, 30},
		// Atomic: the rejections are counted, nothing is written.
		{"RejectsAtomic", "published-rejects", true, false, false, counts{
			store.LabelStakeholder: {Rejected: 1}, store.LabelService: {Rejected: 2}, store.LabelServiceCategory: {Rejected: 1}}, 8},
		// Not atomic: the summary's rejected column says what was left out.
		{"RejectsNotAtomic", "published-rejects", false, false, true, counts{
			store.LabelTerritory: {Created: 1}, store.LabelStakeholder: {Created: 1, Rejected: 1},
			store.LabelService: {Created: 1, Rejected: 2}, store.LabelServiceCategory: {Created: 1, Rejected: 1}}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.again {
				testdb.Reset(t)
			}
			start := time.Now()
			rep, err := transfer.Import(ctx, st, pkg(tt.dir), transfer.Options{Atomic: tt.atomic}, hsds.Options{IDPrefix: "pub-"})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s imported in %v", tt.dir, time.Since(start).Round(time.Millisecond))
			if rep.Written != tt.wantWritten || rep.Input != tt.wantInput {
				t.Errorf("written %v, input %d; want %v, %d: %v", rep.Written, rep.Input, tt.wantWritten, tt.wantInput, problemsOf(rep))
			}
			got := counts{}
			for typ, c := range rep.Counts {
				got[typ] = *c
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("counts\n%s want %v", rep.Summary(), tt.want)
			}
			if n := rep.Rejected(); n != len(rep.Problems) {
				t.Errorf("%d rejected, %d problems: %v", n, len(rep.Problems), problemsOf(rep))
			}
			for _, p := range rep.Problems {
				if p.Type == "" || p.File == "" || p.Line == 0 {
					t.Errorf("rejection without type, file or line: %+v", p)
				}
			}
		})
	}
}
