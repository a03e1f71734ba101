package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

const importReport = `dryRun written counts { type created updated unchanged rejected } problems { file line record field message } warnings { field message }`

type report struct {
	DryRun, Written bool
	Counts          []struct {
		Type                                  string
		Created, Updated, Unchanged, Rejected int
	}
	Problems []domain.Problem
	Warnings []domain.Problem
}

func (r report) count(typ string) (created, updated, unchanged, rejected int) {
	for _, c := range r.Counts {
		if c.Type == typ {
			return c.Created, c.Updated, c.Unchanged, c.Rejected
		}
	}
	return -1, -1, -1, -1
}

// TestImportGraphMutation: importGraph with an inline document (dry run,
// then for real, then again: unchanged), with problems reported in the
// report, and with an uploaded CSV file through a multipart request.
func TestImportGraphMutation(t *testing.T) {
	st, h := demoHandler(t)
	doc := map[string]any{"format": "coopgraph/v1", "stakeholders": []any{
		map[string]any{"id": "imp-st-1", "name": "Imported NGO", "kind": "NGO", "sector": "NON_PROFIT", "territoryId": "tr-lesichovo"},
	}}
	mutation := `mutation($doc: JSON, $dry: Boolean) { importGraph(document: $doc, dryRun: $dry) { ` + importReport + ` } }`

	var out struct{ ImportGraph report }
	ok(t, h, st, mutation, map[string]any{"doc": doc, "dry": true}, &out)
	if c, _, _, _ := out.ImportGraph.count("Stakeholder"); !out.ImportGraph.DryRun || out.ImportGraph.Written || c != 1 {
		t.Fatalf("dry run: %+v", out.ImportGraph)
	}
	failsWithNothing := post(t, h, st, `{ stakeholder(id: "imp-st-1") { id } }`, nil)
	if string(failsWithNothing.Data) != `{"stakeholder":null}` {
		t.Fatalf("dry run wrote: %s", failsWithNothing.Data)
	}
	ok(t, h, st, mutation, map[string]any{"doc": doc}, &out)
	if c, _, _, _ := out.ImportGraph.count("Stakeholder"); !out.ImportGraph.Written || c != 1 {
		t.Fatalf("import: %+v", out.ImportGraph)
	}
	ok(t, h, st, mutation, map[string]any{"doc": doc}, &out)
	if c, u, n, _ := out.ImportGraph.count("Stakeholder"); c != 0 || u != 0 || n != 1 {
		t.Fatalf("re-import: %+v", out.ImportGraph)
	}

	bad := map[string]any{"format": "coopgraph/v1", "stakeholders": []any{
		map[string]any{"id": "imp-st-2", "name": "Bad", "kind": "NGO", "sector": "NON_PROFIT", "territoryId": "tr-atlantis"},
	}}
	ok(t, h, st, mutation, map[string]any{"doc": bad}, &out)
	if out.ImportGraph.Written || len(out.ImportGraph.Problems) != 1 || out.ImportGraph.Problems[0].Field != "stakeholders[0].territoryId" {
		t.Fatalf("bad import: %+v", out.ImportGraph)
	}

	failsWith(t, h, st, `mutation { importGraph { written } }`, nil, domain.CodeBadUserInput, "document")

	// A multipart upload of a CSV list (the GraphQL multipart request spec).
	csv, err := os.ReadFile("../../testdata/csv/stakeholders.csv")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{
		"query":     `mutation($f: Upload!) { importGraph(upload: $f, format: STAKEHOLDERS_CSV) { ` + importReport + ` } }`,
		"variables": map[string]any{"f": nil}})
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.f"]}`)
	fw, _ := mw.CreateFormFile("0", "stakeholders.csv")
	fw.Write(csv)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/graphql", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Data   struct{ ImportGraph report }
		Errors []gqlError
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 {
		t.Fatalf("upload: %v %s", err, rec.Body.String())
	}
	r := resp.Data.ImportGraph
	created, updated, unchanged, _ := r.count("Stakeholder")
	if !r.Written || created+updated+unchanged == 0 || len(r.Problems) > 0 {
		t.Fatalf("upload import: %+v", r)
	}
}
