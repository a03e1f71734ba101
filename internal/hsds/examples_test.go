package hsds

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Values read by hand from the official examples.
const (
	exOrgID     = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
	exOrgName   = "Example Organization Inc."
	exPhone     = "+44 1234 234567 ext. 100" // "\"+44 1234 234567\"", extension 100
	exServiceID = "ac148810-d857-441c-9679-408f346de14b"
	exTermID    = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
	exAreaName  = "The service is available to all residents of the MyCity area. We provide the service in our " +
		"offices or via video conferencing to any who can provide evidence of their residency."
	// The address of the Civic Center: MyCity, MyState, US.
	exCity    = "tr-us-mystate-mycity"
	exRegion  = "tr-us-mystate"
	exCountry = "tr-us"
	parent    = "tr-parent"
)

// checkExampleOrg: the organization as organization_full.json and
// service_full.json give it, located at its Civic Center.
func checkExampleOrg(t *testing.T, doc *domain.Document, prefix, city, phone string) {
	t.Helper()
	o := stakeholder(t, doc, prefix+exOrgID)
	want := domain.Stakeholder{Name: exOrgName, Kind: "OTHER", Sector: "NON_PROFIT", Email: "email@example.com",
		Phone: phone, Website: "http://example.com",
		Description: "Example Org is a non-profit organization dedicated to providing services to qualified beneficiaries"}
	got := o.Stakeholder
	got.Meta = domain.Meta{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stakeholder\n got %+v\nwant %+v", got, want)
	}
	if o.TerritoryID != city {
		t.Errorf("territoryId %q, want %q", o.TerritoryID, city)
	}
}

// checkExampleService: the Community Counselling service with its area and
// its one taxonomy term.
func checkExampleService(t *testing.T, doc *domain.Document, prefix string, wantCategory string) domain.ServiceRecord {
	t.Helper()
	s := service(t, doc, prefix+exServiceID)
	if s.Name != "Community Counselling" || s.Status != "ACTIVE" || s.DeliveryMode != "IN_PERSON" ||
		s.ProviderID != prefix+exOrgID || s.URL != "http://example.com/counselling" || s.Email != "email@example.com" ||
		!eqPtr(s.MinAge, ptr(12)) || !eqPtr(s.MaxAge, ptr(100)) || s.Capacity != nil || s.Available != nil ||
		!strings.HasPrefix(s.Eligibility, "This service is intended for all people aged 12 and over") {
		t.Errorf("service %+v", s)
	}
	if !slices.Equal(s.CategoryIDs, []string{wantCategory}) {
		t.Errorf("categoryIds %q, want [%q]", s.CategoryIDs, wantCategory)
	}
	return s
}

func checkExampleArea(t *testing.T, doc *domain.Document, s domain.ServiceRecord, parentID string) {
	t.Helper()
	if len(s.CoverageIDs) != 1 {
		t.Fatalf("coverage %v, want the one service area", s.CoverageIDs)
	}
	a := territory(t, doc, s.CoverageIDs[0])
	if a.Name != exAreaName || a.Level != domain.LevelMunicipality || a.ParentID != parentID {
		t.Errorf("service area territory %+v", a)
	}
}

func checkExampleTerm(t *testing.T, res Result, prefix string) {
	t.Helper()
	c := category(t, res.Doc, prefix+exTermID)
	if c.Name != "name" || c.Code != "code" || c.Description != "description" || c.Domain != "SOCIAL" || c.ParentID != "" {
		t.Errorf("category %+v", c)
	}
	// Its parent_id names a term no example contains.
	wantProblem(t, "warning", res.Warnings, exTermID, "parent_id", "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2")
}

// checkCivicCenter: the territories of MyCity's address, without parent.
func checkCivicCenter(t *testing.T, doc *domain.Document) {
	t.Helper()
	for _, w := range []domain.TerritoryRecord{
		{Territory: domain.Territory{Name: "US", Level: domain.LevelCountry, Code: "US"}},
		{Territory: domain.Territory{Name: "MyState", Level: domain.LevelRegion}, ParentID: exCountry},
		{Territory: domain.Territory{Name: "MyCity", Level: domain.LevelMunicipality}, ParentID: exRegion},
	} {
		id := map[domain.TerritoryLevel]string{"COUNTRY": exCountry, "REGION": exRegion, "MUNICIPALITY": exCity}[w.Level]
		got := territory(t, doc, id)
		if got.Name != w.Name || got.Level != w.Level || got.Code != w.Code || got.ParentID != w.ParentID {
			t.Errorf("territory %s: %+v, want %+v", id, got, w)
		}
	}
}

func TestOfficialJSONExamples(t *testing.T) {
	examples := examplesDir(t)
	withParent := Options{ParentTerritoryID: parent}
	tests := []struct {
		file  string
		opt   Options
		check func(t *testing.T, res Result)
	}{
		{"service_full.json", Options{}, func(t *testing.T, res Result) {
			checkExampleOrg(t, res.Doc, "", exCity, exPhone)
			checkCivicCenter(t, res.Doc)
			checkExampleArea(t, res.Doc, checkExampleService(t, res.Doc, "", exTermID), "")
			checkExampleTerm(t, res, "")
			if len(res.Doc.Territories) != 4 {
				t.Errorf("%d territories, want country, region, city and area", len(res.Doc.Territories))
			}
		}},
		// Under an existing country: the address's country is not created
		// again, its region hangs under the parent, and so does the area.
		{"service_full.json", Options{ParentTerritoryID: "tr-us", IDPrefix: "hsds-"}, func(t *testing.T, res Result) {
			checkExampleOrg(t, res.Doc, "hsds-", "hsds-"+exCity, exPhone)
			if r := territory(t, res.Doc, "hsds-"+exRegion); r.ParentID != "tr-us" || r.Level != domain.LevelRegion {
				t.Errorf("region %+v", r)
			}
			for _, r := range res.Doc.Territories {
				if r.Level == domain.LevelCountry {
					t.Errorf("a country was created: %+v", r)
				}
			}
			s := checkExampleService(t, res.Doc, "hsds-", "hsds-"+exTermID)
			checkExampleArea(t, res.Doc, s, "tr-us")
		}},
		{"organization_full.json", Options{}, func(t *testing.T, res Result) {
			checkExampleOrg(t, res.Doc, "", exCity, exPhone)
			checkCivicCenter(t, res.Doc)
			checkExampleArea(t, res.Doc, checkExampleService(t, res.Doc, "", exTermID), "")
			checkExampleTerm(t, res, "")
			// alternate_name "Example Org" is no acronym.
			wantProblem(t, "warning", res.Warnings, exOrgID, "organization.alternate_name", "not acronyms")
		}},
		// The service's organization, in summary, has no location and no
		// phone: it is placed in the parent territory, and so is the
		// service, which has no area either.
		{"service_list.json", withParent, func(t *testing.T, res Result) {
			checkExampleOrg(t, res.Doc, "", parent, "")
			s := checkExampleService(t, res.Doc, "", "cat-hsds-uncategorised")
			if !slices.Equal(s.CoverageIDs, []string{parent}) {
				t.Errorf("coverage %v", s.CoverageIDs)
			}
			if c := category(t, res.Doc, "cat-hsds-uncategorised"); c.Name != UncategorisedName {
				t.Errorf("catch-all category %+v", c)
			}
			wantProblem(t, "warning", res.Warnings, exServiceID, "service_areas", "organization's territory")
			wantProblem(t, "warning", res.Warnings, exServiceID, "attributes", "no taxonomy term")
			wantProblem(t, "warning", res.Warnings, "", "page_number", "page 1 of 10")
		}},
		{"organization_list.json", withParent, func(t *testing.T, res Result) {
			if o := stakeholder(t, res.Doc, exOrgID); o.Name != exOrgName || o.TerritoryID != parent || o.Phone != "" {
				t.Errorf("stakeholder %+v", o)
			}
			wantProblem(t, "warning", res.Warnings, exOrgID, "locations", "parent territory")
		}},
		{"service_at_location_full.json", Options{}, func(t *testing.T, res Result) {
			checkExampleOrg(t, res.Doc, "", exCity, exPhone)
			s := checkExampleService(t, res.Doc, "", exTermID)
			checkExampleArea(t, res.Doc, s, "")
		}},
		{"service_at_location_list.json", withParent, func(t *testing.T, res Result) {
			s := service(t, res.Doc, exServiceID)
			if !slices.Equal(s.CoverageIDs, []string{parent}) || s.ProviderID != exOrgID {
				t.Errorf("service %+v", s)
			}
		}},
		{"taxonomy_term.json", Options{}, func(t *testing.T, res Result) {
			checkExampleTerm(t, res, "")
			if len(res.Doc.ServiceCategories) != 1 || len(res.Doc.Services)+len(res.Doc.Stakeholders)+len(res.Doc.Territories) != 0 {
				t.Errorf("document %+v", res.Doc)
			}
		}},
		{"taxonomy_term_list.json", Options{IDPrefix: "x-"}, func(t *testing.T, res Result) {
			checkExampleTerm(t, res, "x-")
		}},
		{"taxonomy.json", Options{}, func(t *testing.T, res Result) {
			wantProblem(t, "warning", res.Warnings, "5c4d79d7-cc55-470e-9f1f-8cad074e4892", "taxonomy", "not the taxonomies")
		}},
		{"taxonomy_list.json", Options{}, nil},
		{"base.json", Options{}, func(t *testing.T, res Result) {
			wantProblem(t, "warning", res.Warnings, "", "", "API's description (HSDS 3.0)")
		}},
		// A location alone places nothing anyone refers to.
		{"location.json", Options{}, func(t *testing.T, res Result) {
			if len(res.Doc.Territories) != 0 {
				t.Errorf("territories %+v", res.Doc.Territories)
			}
		}},
		// The tabular form in JSON reads like the CSV package.
		{"tabular.json", Options{}, func(t *testing.T, res Result) { checkExampleCSV(t, res) }},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			res := readJSONFile(t, filepath.Join(examples, tt.file), tt.opt)
			if len(res.Rejected) > 0 {
				t.Errorf("rejected: %v", domain.Problems(res.Rejected))
			}
			if res.Version != "3.x" {
				t.Errorf("version %q", res.Version)
			}
			noUnknownFields(t, res)
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
	// A new example file fails here until it is in the table.
	files, err := filepath.Glob(filepath.Join(examples, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s (%v)", examples, err)
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("example %s is not tested", f)
		}
	}
}

// Without a parent territory, an organization no address places is put in
// the Unplaced territory the import makes, and so is what its services
// cover when they have no place of their own; one warning lists each.
func TestOfficialExamplesWithoutParent(t *testing.T) {
	examples := examplesDir(t)
	tests := []struct {
		file         string
		unplaced     string // the territory's id, "" when everything has an address
		wantServices []string
	}{
		{"organization_list.json", "tr-unplaced-organization-list-json", nil},
		{"service_list.json", "tr-unplaced-service-list-json", []string{exServiceID}},
		{"service_at_location_list.json", "tr-unplaced-service-at-location-list-json", []string{exServiceID}},
		{"service_full.json", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := readJSONFile(t, filepath.Join(examples, tt.file), Options{})
			if len(res.Rejected) > 0 {
				t.Errorf("rejected %v", domain.Problems(res.Rejected))
			}
			if tt.unplaced == "" {
				if ps := findProblem(res.Warnings, "", "locations", "made for them"); len(ps) > 0 {
					t.Errorf("unplaced warning %v", ps)
				}
				return
			}
			u := territory(t, res.Doc, tt.unplaced)
			if u.Name != "Unplaced — "+tt.file || u.Level != domain.LevelMunicipality || u.ParentID != "" {
				t.Errorf("unplaced territory %+v", u)
			}
			if o := stakeholder(t, res.Doc, exOrgID); o.TerritoryID != tt.unplaced {
				t.Errorf("organization in %q", o.TerritoryID)
			}
			w := wantProblem(t, "warning", res.Warnings, "", "locations", "1 organizations have no address")
			if !strings.HasSuffix(w.Message, ": "+exOrgID) || !strings.Contains(w.Message, "-hsds-parent") {
				t.Errorf("unplaced warning %q does not list %s", w.Message, exOrgID)
			}
			for _, id := range tt.wantServices {
				if s := service(t, res.Doc, id); !slices.Equal(s.CoverageIDs, []string{tt.unplaced}) {
					t.Errorf("service %s covers %v", id, s.CoverageIDs)
				}
			}
			if len(tt.wantServices) > 0 {
				w := wantProblem(t, "warning", res.Warnings, "", "service_areas", "1 services have no service area")
				if !strings.HasSuffix(w.Message, ": "+strings.Join(tt.wantServices, ", ")) {
					t.Errorf("unplaced services warning %q", w.Message)
				}
			}
		})
	}
}

// checkExampleCSV: the official tabular example, whose location points to
// an organization that is not in it, and whose attribute links no service.
func checkExampleCSV(t *testing.T, res Result) {
	t.Helper()
	checkExampleOrg(t, res.Doc, "", exCity, exPhone)
	checkCivicCenter(t, res.Doc)
	s := checkExampleService(t, res.Doc, "", "cat-hsds-uncategorised")
	checkExampleArea(t, res.Doc, s, "")
	checkExampleTerm(t, res, "")
	wantProblem(t, "warning", res.Warnings, "3a19ff88-4620-4d17-9830-ac1d859eb5d5", "organization_id", "985e4a42")
	wantProblem(t, "warning", res.Warnings, exOrgID, "locations", "where its service")
	wantProblem(t, "warning", res.Warnings, "ae58cc39-8b70-4ab1-8aea-786882e5ac8e", "attribute", "attributes of other records")
}

// csv/datapackage.json in the official examples is a symbolic link to
// ../../datapackage.json. Git checks it out as a link, or, where links are
// off (core.symlinks=false, some archives), as a file holding the link's
// target. The package reads the same either way; only the link written as
// a file earns a warning (its target is outside the package). Both forms
// are tested, built in temporary directories of links to ../shared (no
// copies), and so is the form this checkout has.
func TestOfficialTabularPackage(t *testing.T) {
	csvDir := filepath.Join(examplesDir(t), "csv")
	tests := []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"AsCheckedOut", func(*testing.T) string { return csvDir }},
		{"LinkAsFile", func(t *testing.T) string { return linkedPackage(t, csvDir, false) }},
		{"LinkAsLink", func(t *testing.T) string { return linkedPackage(t, csvDir, true) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			fi, err := os.Lstat(filepath.Join(dir, descriptor))
			if err != nil {
				t.Fatal(err)
			}
			checkOfficialTabular(t, readPackageDir(t, dir, Options{}), fi.Mode()&fs.ModeSymlink == 0)
		})
	}
}

// linkedPackage makes a copy of the official csv/ package made of links to
// its files, with datapackage.json a real link (asLink) or a file holding
// the link's target, and returns its directory.
func linkedPackage(t *testing.T, csvDir string, asLink bool) string {
	t.Helper()
	abs, err := filepath.Abs(csvDir)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir() // root/examples/csv, as in the official tree
	dir := filepath.Join(root, "examples", "csv")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == descriptor {
			continue
		}
		if err := os.Symlink(filepath.Join(abs, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	target := "../../" + descriptor
	if err := os.Symlink(filepath.Join(abs, "..", "..", descriptor), filepath.Join(root, descriptor)); err != nil {
		t.Fatal(err)
	}
	if asLink {
		err = os.Symlink(target, filepath.Join(dir, descriptor))
	} else {
		err = os.WriteFile(filepath.Join(dir, descriptor), []byte(target), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkOfficialTabular checks the reading of the official csv/ package;
// linkAsFile says its datapackage.json is the link written as a file.
func checkOfficialTabular(t *testing.T, res Result, linkAsFile bool) {
	t.Helper()
	if len(res.Rejected) > 0 {
		t.Errorf("rejected: %v", domain.Problems(res.Rejected))
	}
	if res.Version != "3.x" {
		t.Errorf("version %q", res.Version)
	}
	checkExampleCSV(t, res)
	noUnknownFields(t, res)
	links := findProblem(res.Warnings, "", "", "is a link to ../../datapackage.json")
	switch {
	case linkAsFile && (len(links) != 1 || links[0].File != descriptor):
		t.Errorf("the link written as a file: warnings %v, want one on %s", links, descriptor)
	case !linkAsFile && len(links) != 0:
		t.Errorf("a real link is read through, yet warned about: %v", links)
	}
	// Tables coopgraph does not model: one warning each.
	for _, f := range []string{"schedules.csv", "funding.csv", "contacts.csv", "languages.csv", "accessibility.csv",
		"cost_options.csv", "required_documents.csv", "programs.csv", "metadata.csv", "organization_identifiers.csv"} {
		n := 0
		for _, w := range res.Warnings {
			if w.File == f {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d warnings, want 1", f, n)
		}
	}
	// phones.csv: the number, with its extension, is the organization's.
	if o := stakeholder(t, res.Doc, exOrgID); o.Phone != exPhone {
		t.Errorf("phone %q", o.Phone)
	}
	if t.Failed() {
		for _, w := range res.Warnings {
			t.Logf("warning: %s", w)
		}
	}
}

func TestExamplesAreReadInPlace(t *testing.T) {
	// Guard against copies: the examples must come from ../shared.
	for _, p := range []string{examplesDir(t), schemasDir(t)} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("the HSDS reference files are not at %s: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(sampleData, "service_full.json")); err == nil {
		t.Error("an official example was copied into testdata")
	}
}

// noUnknownFields: every field and column of the official examples is in
// the field table.
func noUnknownFields(t *testing.T, res Result) {
	t.Helper()
	for _, w := range res.Warnings {
		if strings.Contains(w.Message, "not an HSDS") {
			t.Errorf("official example has an unknown field: %s", w)
		}
	}
}
