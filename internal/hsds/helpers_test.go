package hsds

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb/shared"
)

const sampleData = "../../testdata/hsds"

// The official HSDS 3.0 reference files, read in place from ../shared
// beside the checkout (never copied into the project). A plain clone has
// no ../shared: the tests that read them skip, saying so; CI has it and
// fails instead (see .ci/run).
func hsdsDir(t *testing.T) string { return shared.Dir(t, "hsds/3.0") }

func examplesDir(t *testing.T) string { return filepath.Join(hsdsDir(t), "examples") }

func schemasDir(t *testing.T) string { return filepath.Join(hsdsDir(t), "schema") }

func readJSONFile(t *testing.T, path string, opt Options) Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ReadJSON(f, path[strings.LastIndexByte(path, '/')+1:], opt)
	if err != nil {
		t.Fatalf("ReadJSON(%s): %v", path, err)
	}
	checkDocument(t, res, opt)
	return res
}

func readPackageDir(t *testing.T, dir string, opt Options) Result {
	t.Helper()
	res, err := ReadPackage(os.DirFS(dir), opt)
	if err != nil {
		t.Fatalf("ReadPackage(%s): %v", dir, err)
	}
	checkDocument(t, res, opt)
	return res
}

// checkDocument checks what every result must satisfy: ids unique across
// the whole document, every reference to a record of the right type in the
// same document (or to the parent territory), the domain's own rules, and
// the provenance of every record.
func checkDocument(t *testing.T, res Result, opt Options) {
	t.Helper()
	doc := res.Doc
	if doc == nil {
		t.Fatal("no document")
	}
	if doc.Format != domain.DocumentFormat {
		t.Errorf("format %q", doc.Format)
	}
	types := map[string]string{}
	metas := []domain.Meta{}
	add := func(typ string, m domain.Meta) {
		if prev, dup := types[m.ID]; dup {
			t.Errorf("id %q is both a %s and a %s", m.ID, prev, typ)
		}
		types[m.ID] = typ
		metas = append(metas, m)
	}
	for _, r := range doc.Territories {
		add("territory", r.Meta)
	}
	for _, r := range doc.ServiceCategories {
		add("category", r.Meta)
	}
	for _, r := range doc.Stakeholders {
		add("stakeholder", r.Meta)
	}
	for _, r := range doc.Services {
		add("service", r.Meta)
	}
	for _, m := range metas {
		if !strings.HasPrefix(m.ID, opt.IDPrefix) {
			t.Errorf("id %q lacks the prefix %q", m.ID, opt.IDPrefix)
		}
		if !strings.HasPrefix(m.Source, "HSDS import (") || m.Illustrative || len(m.IllustrativeFields) > 0 {
			t.Errorf("%s: source %q, illustrative %v %v", m.ID, m.Source, m.Illustrative, m.IllustrativeFields)
		}
	}
	ref := func(from, field, id, want string) {
		if id == "" {
			t.Errorf("%s.%s is empty", from, field)
			return
		}
		if want == "territory" && id == opt.ParentTerritoryID {
			return
		}
		if got := types[id]; got != want {
			t.Errorf("%s.%s = %q, which is a %q, not a %s of the document", from, field, id, got, want)
		}
	}
	for _, r := range doc.Territories {
		if r.ParentID != "" {
			ref(r.ID, "parentId", r.ParentID, "territory")
		}
	}
	for _, r := range doc.ServiceCategories {
		if r.ParentID != "" {
			ref(r.ID, "parentId", r.ParentID, "category")
		}
	}
	for _, r := range doc.Stakeholders {
		ref(r.ID, "territoryId", r.TerritoryID, "territory")
	}
	for _, r := range doc.Services {
		ref(r.ID, "providerId", r.ProviderID, "stakeholder")
		if len(r.CategoryIDs) == 0 {
			t.Errorf("%s is in no category", r.ID)
		}
		for _, c := range r.CategoryIDs {
			ref(r.ID, "categoryIds", c, "category")
		}
		if len(r.CoverageIDs) == 0 {
			t.Errorf("%s covers nothing", r.ID)
		}
		for _, c := range r.CoverageIDs {
			ref(r.ID, "coverageIds", c, "territory")
		}
	}
	if ps := doc.Validate(); len(ps) > 0 {
		t.Errorf("the document breaks the domain's rules: %v", ps)
	}
	// The rejected and warned records are located.
	for _, p := range slices.Concat(res.Rejected, res.Warnings) {
		if p.File == "" || p.Message == "" {
			t.Errorf("problem without file or message: %+v", p)
		}
	}
}

func stakeholder(t *testing.T, doc *domain.Document, id string) domain.StakeholderRecord {
	t.Helper()
	for _, r := range doc.Stakeholders {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no stakeholder %q", id)
	return domain.StakeholderRecord{}
}

func service(t *testing.T, doc *domain.Document, id string) domain.ServiceRecord {
	t.Helper()
	for _, r := range doc.Services {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no service %q", id)
	return domain.ServiceRecord{}
}

func territory(t *testing.T, doc *domain.Document, id string) domain.TerritoryRecord {
	t.Helper()
	for _, r := range doc.Territories {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no territory %q", id)
	return domain.TerritoryRecord{}
}

func category(t *testing.T, doc *domain.Document, id string) domain.ServiceCategoryRecord {
	t.Helper()
	for _, r := range doc.ServiceCategories {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no category %q", id)
	return domain.ServiceCategoryRecord{}
}

// findProblem returns the problems whose record and field are the given
// ones and whose message contains text.
func findProblem(ps []domain.Problem, record, field, text string) []domain.Problem {
	var out []domain.Problem
	for _, p := range ps {
		if p.Record == record && p.Field == field && strings.Contains(p.Message, text) {
			out = append(out, p)
		}
	}
	return out
}

func wantProblem(t *testing.T, what string, ps []domain.Problem, record, field, text string) domain.Problem {
	t.Helper()
	found := findProblem(ps, record, field, text)
	if len(found) != 1 {
		t.Errorf("want one %s about %s.%s saying %q, got %d among:", what, record, field, text, len(found))
		for _, p := range ps {
			t.Logf("  %s", p)
		}
		return domain.Problem{}
	}
	return found[0]
}

func ptr[T any](v T) *T { return &v }

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
