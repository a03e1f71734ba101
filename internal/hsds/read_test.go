package hsds

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/coopgraph/coopgraph/internal/domain"
)

func TestReadJSONErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
		opt               Options
	}{
		{"NotJSON", "organizations,services\n1,2", "not JSON", Options{}},
		{"Truncated", `[{"id": "a"`, "not JSON", Options{}},
		{"TwoValues", `{"id": "a", "name": "A"} {"id": "b"}`, "more than one value", Options{}},
		{"Scalar", `"an HSDS string"`, "neither an HSDS object", Options{}},
		{"Number", `42`, "neither an HSDS object", Options{}},
		{"ContentsNotList", `{"contents": {"id": "a"}, "total_items": 1}`, "contents is not a list", Options{}},
		{"BadKind", `[]`, "DefaultKind", Options{DefaultKind: "CHARITY"}},
		{"BadSector", `[]`, "DefaultSector", Options{DefaultSector: "THIRD"}},
		{"BadDomain", `[]`, "DefaultDomain", Options{DefaultDomain: "EDUCATION"}},
		{"LevelWithoutParent", `[]`, "ParentLevel", Options{ParentLevel: domain.LevelRegion}},
		{"PrefixWithSpace", `[]`, "-hsds-id-prefix", Options{IDPrefix: "hsds "}},
		{"ParentWithSpace", `[]`, "-hsds-parent", Options{ParentTerritoryID: "tr bg"}},
		{"BadCityLevel", `[]`, "-city-level", Options{CityLevel: domain.LevelRegion}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tt.input), "in.json", tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestReadPackageErrors(t *testing.T) {
	dp := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
		is   error
	}{
		{"NoDescriptor", fstest.MapFS{"services.csv": dp("id,name\n1,A\n")}, "datapackage.json", fs.ErrNotExist},
		{"DescriptorNotJSON", fstest.MapFS{"datapackage.json": dp("name: hsds\nresources: []\n")}, "not JSON", nil},
		{"BadHeader", fstest.MapFS{
			"datapackage.json": dp(`{"resources": [{"name": "services", "path": "services.csv"}]}`),
			"services.csv":     dp("id,\"name\n"),
		}, "services.csv", nil},
		// Named as the descriptor names it, with where it was looked for.
		{"ListedTableMissing", fstest.MapFS{
			"datapackage.json":       dp(`{"resources": [{"name": "organizations", "path": "organizations.csv"}, {"name": "phones", "path": "csv/phones.csv"}]}`),
			"data/organizations.csv": dp("id,name\n1,A\n"),
		}, "1 listed tables are in none of the places looked at: phones (csv/phones.csv, phones.csv, data/csv/phones.csv, data/phones.csv)", nil},
		{"NoPackage", nil, "no package directory", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fsys fs.FS
			if tt.fsys != nil {
				fsys = tt.fsys
			}
			_, err := ReadPackage(fsys, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) || tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v, want one about %q", err, tt.want)
			}
		})
	}
}

// A package written by hand to exercise the CSV reader's row-level
// problems: none of them is an error.
func TestReadPackageRows(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		// A link git wrote as a file, to a descriptor inside the package.
		"datapackage.json":      file("meta/datapackage.json\n"),
		"meta/datapackage.json": file(`{"resources": [{"name": "organization", "path": "organizations.csv"}, {"name": "service", "path": "services.csv"}, {"name": "schedule", "path": "schedules.csv"}]}`),
		"organizations.csv":     file("\ufeffID, Name ,description\n o1 ,Org one,\no1,Org again,\n,No id,\no2,Org two,\n"),
		"addresses.csv":         file("id,location_id,city,state_province,country,address_type\na1,l1,Plovdiv,,BG,physical\n"),
		"locations.csv":         file("id,organization_id,location_type\nl1,o1,physical\nl2,o2,virtual\n"),
		"services.csv": file("id,organization_id,name,status\n" +
			"s1,o1,Service one,Active\n" +
			"s2,o1,\"Broken \"quote\",active\n" +
			"s3,o2,Service three,active,extra cell\n" +
			"s1,o1,Service one again,active\n"),
		"schedules.csv": file("id,service_id,byday\nsc1,s1,M\"O\nsc2,s1,TU\n"),
		"notes.csv":     file("id,text\n1,hello\n"),
	}
	opt := Options{ParentTerritoryID: "tr-bg"}
	res, err := ReadPackage(fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, res, opt)
	// The link was followed: no warning about it.
	if ps := findProblem(res.Warnings, "", "", "is a link"); len(ps) > 0 {
		t.Errorf("link not followed: %v", ps)
	}
	wantRejected := []struct {
		line         int
		record, text string
	}{
		{3, "o1", "repeats the id of the organization on line 2"},
		{4, "organization", "is required"},
		{3, "", "does not parse as CSV"},
		{5, "s1", "repeats the id of the service on line 2"},
	}
	if len(res.Rejected) != len(wantRejected) {
		t.Errorf("rejected %v", domain.Problems(res.Rejected))
	}
	for _, w := range wantRejected {
		if !slices.ContainsFunc(res.Rejected, func(p domain.Problem) bool {
			return p.Line == w.line && p.Record == w.record && strings.Contains(p.Message, w.text)
		}) {
			t.Errorf("no rejection of %s on line %d saying %q: %v", w.record, w.line, w.text, domain.Problems(res.Rejected))
		}
	}
	// The BOM and blanks around header names and cells do not matter.
	if o := stakeholder(t, res.Doc, "o1"); o.Name != "Org one" || o.TerritoryID != "tr-bg-plovdiv" {
		t.Errorf("o1 %+v", o)
	}
	// o2 is only at a virtual location: the parent places it.
	if o := stakeholder(t, res.Doc, "o2"); o.TerritoryID != "tr-bg" {
		t.Errorf("o2 %+v", o)
	}
	if s := service(t, res.Doc, "s3"); s.Name != "Service three" || s.Status != "ACTIVE" {
		t.Errorf("s3 %+v", s)
	}
	for _, w := range []struct{ file, field, text string }{
		{"services.csv", "row length", "5 cells where the header has 4"},
		{"schedules.csv", "", "does not parse as CSV"}, // a warning: schedules make no record
		{"schedules.csv", "", "HSDS schedule records are not modelled"},
		{"notes.csv", "", "not an HSDS table"},
		{"addresses.csv", "", "not listed in datapackage.json"},
	} {
		if !slices.ContainsFunc(res.Warnings, func(p domain.Problem) bool {
			return p.File == w.file && p.Field == w.field && strings.Contains(p.Message, w.text)
		}) {
			t.Errorf("no warning in %s about %q saying %q", w.file, w.field, w.text)
		}
	}
}

// Unmodelled fields are reported once per file and kind however many
// records have them; unknown ones once per field.
func TestWarningsOncePerFile(t *testing.T) {
	in := `[
 {"id": "o1", "name": "A", "description": "d", "tax_id": "1", "funding": [{"id": "f1"}], "colour": "red",
  "services": [
   {"id": "s1", "name": "S1", "status": "active", "fees": "5", "funding": [{"id": "f2"}], "colour": "blue"},
   {"id": "s2", "name": "S2", "status": "active", "fees": "6", "funding": [], "colour": ""}
  ]},
 {"id": "o2", "name": "B", "description": "d", "tax_id": "2", "funding": [{"id": "f3"}], "colour": "green"}
]`
	res, err := ReadJSON(strings.NewReader(in), "orgs.json", Options{ParentTerritoryID: "tr-x"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"organization.tax_id": "not modelled by coopgraph; ignored (2 times)",
		"funding":             "HSDS funding records are not modelled by coopgraph; ignored (3 times)",
		"service.fees":        "not modelled by coopgraph; ignored (2 times)",
		"organization.colour": "not an HSDS field; ignored (2 times)",
		"service.colour":      "not an HSDS field; ignored", // empty values do not count
	}
	for field, msg := range want {
		var all []domain.Problem
		for _, p := range res.Warnings {
			if p.Field == field {
				all = append(all, p)
			}
		}
		if len(all) != 1 || all[0].Message != msg {
			t.Errorf("%s: warnings %v, want one saying %q", field, all, msg)
		}
	}
	if p := findProblem(res.Warnings, "o1", "funding", ""); len(p) != 1 || p[0].File != "orgs.json" || p[0].Line != 1 {
		t.Errorf("funding warning not located at its first record: %v", p)
	}
}

// An id used by two types gets the type's name, for the whole type.
func TestIDsUniqueAcrossTypes(t *testing.T) {
	in := `[
 {"id": "7", "name": "Term seven", "code": "7"},
 {"id": "7", "name": "Org seven", "description": "d", "website": "https://seven.example"},
 {"id": "8", "name": "Service eight", "status": "active", "organization_id": "7", "attributes": [{"id": "a", "taxonomy_term_id": "7"}]},
 {"id": "7", "name": "Service seven", "status": "active", "organization_id": "7"}
]`
	opt := Options{IDPrefix: "h-", ParentTerritoryID: "tr-x"}
	res, err := ReadJSON(strings.NewReader(in), "ids.json", opt)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, res, opt)
	if c := category(t, res.Doc, "h-7"); c.Name != "Term seven" {
		t.Errorf("category %+v", c)
	}
	o := stakeholder(t, res.Doc, "h-stakeholder-7")
	s8 := service(t, res.Doc, "h-service-8") // no clash itself, but its type had one
	s7 := service(t, res.Doc, "h-service-7")
	if o.Name != "Org seven" || s8.ProviderID != o.ID || s7.ProviderID != o.ID || !slices.Equal(s8.CategoryIDs, []string{"h-7"}) {
		t.Errorf("stakeholder %+v, services %+v %+v", o, s8, s7)
	}
}

// Where a package's files are found, and what is said about it.
func TestPackageLayouts(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	const orgs = "id,name\no1,Org one\n"
	listed := file(`{"name": "p", "resources": [{"name": "organizations", "path": "csv/organizations.csv"}]}`)
	tests := []struct {
		name     string
		fsys     fstest.MapFS
		wantFile string // where the organization was read from
		warning  string // the one warning about files, "" for none
	}{
		{"AtListedPath", fstest.MapFS{"datapackage.json": listed, "csv/organizations.csv": file(orgs)}, "csv/organizations.csv", ""},
		{"BesideDescriptor", fstest.MapFS{"datapackage.json": listed, "organizations.csv": file(orgs)}, "organizations.csv",
			"1 listed files are not at the paths given; found them: csv/organizations.csv → organizations.csv"},
		{"UnderData", fstest.MapFS{"datapackage.json": listed, "data/organizations.csv": file(orgs)}, "data/organizations.csv",
			"1 listed files are not at the paths given; found them: csv/organizations.csv → data/organizations.csv"},
		{"CopyUnderData", fstest.MapFS{"datapackage.json": listed, "csv/organizations.csv": file(orgs), "data/organizations.csv": file(orgs)},
			"csv/organizations.csv", "has the name of csv/organizations.csv, already read; it is taken for a copy"},
		{"NothingListed", fstest.MapFS{"datapackage.json": file(`{"name": "p"}`), "data/organizations.csv": file(orgs)}, "data/organizations.csv", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{ParentTerritoryID: "tr-x"}
			res, err := ReadPackage(tt.fsys, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, res, opt)
			if len(res.Rejected) > 0 || len(res.Doc.Stakeholders) != 1 {
				t.Fatalf("rejected %v, %d stakeholders", domain.Problems(res.Rejected), len(res.Doc.Stakeholders))
			}
			if src := res.Doc.Stakeholders[0].Source; src != "HSDS import ("+tt.wantFile+")" {
				t.Errorf("read from %q, want %s", src, tt.wantFile)
			}
			var about []domain.Problem
			for _, w := range res.Warnings {
				if strings.Contains(w.Message, "listed files") || strings.Contains(w.Message, "copy") {
					about = append(about, w)
				}
			}
			switch {
			case tt.warning == "" && len(about) > 0:
				t.Errorf("warnings %v", about)
			case tt.warning != "" && (len(about) != 1 || !strings.Contains(about[0].Message, tt.warning)):
				t.Errorf("warnings %v, want one saying %q", about, tt.warning)
			}
		})
	}
}
