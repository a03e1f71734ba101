package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/cli"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
	"github.com/coopgraph/coopgraph/internal/transfer"
)

const hsdsData = "../../testdata/hsds"

// runImport runs `coopgraph import ARGS...` as the binary does: the flags
// parsed by ImportFlags, then Import, whose error is the non-zero exit.
func runImport(t *testing.T, st *store.Store, args ...string) (string, error) {
	t.Helper()
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := cli.ImportFlags(fs)
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	var stderr bytes.Buffer
	err := cli.Import(context.Background(), st, fs.Args(), o, &stderr)
	return stderr.String(), err
}

// writePackage writes a package into a temporary directory.
func writePackage(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// exported reads the graph back, to check what the import wrote.
func exported(t *testing.T, st *store.Store) domain.Document {
	t.Helper()
	var buf bytes.Buffer
	if _, err := transfer.ExportJSON(context.Background(), st, &buf); err != nil {
		t.Fatal(err)
	}
	var doc domain.Document
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestImportHSDSCommand(t *testing.T) {
	st := testdb.Open(t)
	published := filepath.Join(hsdsData, "published")
	missingTable := writePackage(t, map[string]string{
		"datapackage.json":       `{"name": "m", "resources": [{"name": "organizations", "path": "organizations.csv"}, {"name": "phones", "path": "phones.csv"}]}`,
		"data/organizations.csv": "id,name\n1,A\n",
	})
	onlyLocations := writePackage(t, map[string]string{
		"datapackage.json":   `{"name": "l", "resources": [{"name": "locations", "path": "locations.csv"}]}`,
		"data/locations.csv": "id,name\nL1,Somewhere\nL2,Elsewhere\n",
	})
	notJSON := writePackage(t, map[string]string{"directory.json": "{}"})
	report := filepath.Join(t.TempDir(), "report.json")
	tests := []struct {
		name    string
		args    []string
		wantErr string   // "" for a zero exit
		stderr  []string // lines the output must have
		check   func(t *testing.T, doc domain.Document)
	}{
		{"Directory", []string{published}, "", []string{
			"warning: datapackage.json: resources: 7 listed files are not at the paths given; found them: organizations.csv → data/organizations.csv",
			"Territory        created       5  updated       0  unchanged       0  rejected       0",
			"Stakeholder      created       5",
			`2 organizations have no address, of their own or of their services, that places them; they are located in "Unplaced — Riverton County Human Services Directory" (hsds-tr-unplaced-riverton-directory)`,
		}, func(t *testing.T, doc domain.Document) {
			wantTerritory(t, doc, "hsds-tr-us-or-riverton", domain.LevelMunicipality, "hsds-tr-us-or")
			wantTerritory(t, doc, "hsds-tr-unplaced-riverton-directory", domain.LevelMunicipality, "hsds-tr-us")
			wantStakeholderIn(t, doc, "hsds-4", "hsds-tr-unplaced-riverton-directory")
		}},
		{"Descriptor", []string{filepath.Join(published, "datapackage.json")}, "", []string{"Service          created       5"}, nil},
		{"DescriptorWithFormat", []string{"-format", "hsds-package", filepath.Join(published, "datapackage.json")}, "",
			[]string{"ServiceCategory  created       3"}, nil},
		{"CityLevelSettlement", []string{"-city-level", "settlement", published}, "", nil, func(t *testing.T, doc domain.Document) {
			wantTerritory(t, doc, "hsds-tr-us-or-riverton", domain.LevelSettlement, "hsds-tr-us-or")
			wantTerritory(t, doc, "hsds-tr-unplaced-riverton-directory", domain.LevelSettlement, "hsds-tr-us")
		}},
		{"CityLevelUnknown", []string{"-city-level", "VILLAGE", published}, `"VILLAGE" is not one of MUNICIPALITY, SETTLEMENT`, nil, nil},
		{"MissingTable", []string{missingTable}, "1 listed tables are in none of the places looked at: phones (phones.csv, data/phones.csv)", nil, nil},
		{"NothingImported", []string{onlyLocations}, "the input has 2 records, none of which could be imported", nil, nil},
		{"PackageFormatOnOtherFile", []string{"-format", "hsds-package", filepath.Join(notJSON, "directory.json")},
			"-format hsds-package reads a package directory or its datapackage.json", nil, nil},
		{"RejectedAtomic", []string{"-report", report, filepath.Join(hsdsData, "published-rejects")},
			"import: 4 problems (4 records rejected); nothing written (-atomic=false writes the valid records)", []string{
				"Service          created       0  updated       0  unchanged       0  rejected       2",
				"rejected: data/organizations.csv:3: 2: name: is required; the organization is left out",
			}, func(t *testing.T, doc domain.Document) {
				if len(doc.Stakeholders) != 0 {
					t.Errorf("atomic import with rejections wrote %d stakeholders", len(doc.Stakeholders))
				}
				wantReport(t, report, map[string]int{"Stakeholder": 1, "Service": 2, "ServiceCategory": 1})
			}},
		{"RejectedDryRun", []string{"-dry-run", filepath.Join(hsdsData, "published-rejects")},
			"4 records rejected); nothing would be written", nil, nil},
		{"RejectedNotAtomic", []string{"-atomic=false", "-report", report, filepath.Join(hsdsData, "published-rejects")}, "", []string{
			"Stakeholder      created       1  updated       0  unchanged       0  rejected       1",
			"Service          created       1  updated       0  unchanged       0  rejected       2",
			"ServiceCategory  created       1  updated       0  unchanged       0  rejected       1",
		}, func(t *testing.T, doc domain.Document) {
			wantStakeholderIn(t, doc, "hsds-1", "hsds-tr-unplaced-rejects-directory")
			wantReport(t, report, map[string]int{"Stakeholder": 1, "Service": 2, "ServiceCategory": 1})
		}},
		{"ParentFlagNamed", []string{"-hsds-parent", "tr bg", published}, "-hsds-parent: ids must not contain spaces", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testdb.Reset(t)
			out, err := runImport(t, st, tt.args...)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("exit with %v\n%s", err, out)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one saying %q\n%s", err, tt.wantErr, out)
			}
			for _, line := range tt.stderr {
				if !strings.Contains(out, line) {
					t.Errorf("output lacks %q:\n%s", line, out)
				}
			}
			if tt.check != nil {
				tt.check(t, exported(t, st))
			}
		})
	}
}

func wantTerritory(t *testing.T, doc domain.Document, id string, level domain.TerritoryLevel, parent string) {
	t.Helper()
	for _, r := range doc.Territories {
		if r.ID == id {
			if r.Level != level || r.ParentID != parent {
				t.Errorf("territory %s: %s under %q, want %s under %q", id, r.Level, r.ParentID, level, parent)
			}
			return
		}
	}
	t.Errorf("no territory %s", id)
}

func wantStakeholderIn(t *testing.T, doc domain.Document, id, territory string) {
	t.Helper()
	for _, r := range doc.Stakeholders {
		if r.ID == id {
			if r.TerritoryID != territory {
				t.Errorf("stakeholder %s in %q, want %q", id, r.TerritoryID, territory)
			}
			return
		}
	}
	t.Errorf("no stakeholder %s", id)
}

// wantReport: the -report file counts the rejections per type, and gives
// each its type and reason.
func wantReport(t *testing.T, path string, rejected map[string]int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep transfer.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	perType := map[string]int{}
	for _, p := range rep.Problems {
		if p.Message == "" {
			t.Errorf("rejection without reason: %+v", p)
		}
		perType[p.Type]++
	}
	for typ, n := range rejected {
		if c := rep.Counts[typ]; c == nil || c.Rejected != n || perType[typ] != n {
			t.Errorf("report: %s rejected %+v, %d problems; want %d", typ, c, perType[typ], n)
		}
	}
}
