package hsds

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// The project's own samples, in testdata/hsds: an HSDS 1.x package, a 3.1
// package with capacities, and 3.x JSON with problems in it.

func rejectedRecords(res Result) []string {
	var out []string
	for _, p := range res.Rejected {
		out = append(out, p.File+":"+p.Record+":"+p.Field)
	}
	return out
}

func TestV1Package(t *testing.T) {
	const (
		vratsa   = "tr-bg-vratsa-vratsa" // "Враца" and "Vratsa" are one place
		mezdra   = "tr-bg-vratsa-mezdra"
		unplaced = "tr-unplaced-coopgraph-hsds-1x-sample" // from datapackage.json's name
	)
	res := readPackageDir(t, filepath.Join(sampleData, "v1"), Options{})
	if res.Version != "1.x" {
		t.Errorf("version %q", res.Version)
	}
	// Service 5's organization does not exist. Organization 4 has no
	// address: it is unplaced, not rejected, and so is its service 6.
	want := []string{"services.csv:5:organization_id"}
	if got := rejectedRecords(res); !slices.Equal(got, want) {
		t.Errorf("rejected %v, want %v", got, want)
	}
	if p := wantProblem(t, "rejection", res.Rejected, "5", "organization_id", `"9" is not in the dataset`); p.Line != 6 {
		t.Errorf("rejection on line %d, want 6", p.Line)
	}

	stakeholders := []struct {
		id, name, acronym, phone, website, territory string
	}{
		{"1", "Municipality of Vratsa", "", "+359 92 624 581", "http://www.vratsa.example", vratsa},
		{"2", "Red Cross Vratsa", "BRC", "+359 92 660 290 ext. 12", "https://redcross.example", vratsa},
		{"3", "Hope Foundation", "", "", "", mezdra},
		{"4", "Lonely Association", "", "", "", unplaced},
	}
	for _, w := range stakeholders {
		o := stakeholder(t, res.Doc, w.id)
		if o.Name != w.name || o.Acronym != w.acronym || o.Phone != w.phone || o.Website != w.website ||
			o.TerritoryID != w.territory || o.Kind != "OTHER" || o.Sector != "NON_PROFIT" {
			t.Errorf("stakeholder %s: %+v", w.id, o)
		}
	}
	// Cities are municipalities by default, the matrix's default rows.
	if c := territory(t, res.Doc, vratsa); c.Name != "Враца" || c.Level != domain.LevelMunicipality || c.ParentID != "tr-bg-vratsa" {
		t.Errorf("city %+v", c)
	}
	// All addresses are in Bulgaria: the Unplaced territory is part of it.
	if u := territory(t, res.Doc, unplaced); u.Name != "Unplaced — A small HSDS 1.x package written for coopgraph's importer tests" ||
		u.Level != domain.LevelMunicipality || u.ParentID != "tr-bg" {
		t.Errorf("unplaced %+v", u)
	}

	services := []struct {
		id       string
		status   domain.ServiceStatus
		category string // ids, space-separated (service-3 has two terms)
		coverage []string
		minAge   *int
		maxAge   *int
		elig     string
	}{
		{"service-1", "ACTIVE", "T2", []string{"tr-area-vratsa-municipality"}, ptr(65), nil, "People over 65 with limited mobility"},
		{"service-2", "SUSPENDED", "T3", []string{mezdra}, nil, nil, ""},
		{"service-3", "SUSPENDED", "T5 T4", []string{"tr-area-vratsa-district", mezdra}, ptr(3), ptr(18), "Children with disabilities"},
		{"service-4", "ACTIVE", "cat-hsds-uncategorised", []string{mezdra}, nil, nil, ""},
		{"service-6", "ACTIVE", "cat-hsds-uncategorised", []string{unplaced}, nil, nil, ""},
	}
	if len(res.Doc.Services) != len(services) {
		t.Errorf("%d services, want %d", len(res.Doc.Services), len(services))
	}
	for _, w := range services {
		s := service(t, res.Doc, w.id)
		if s.Status != w.status || !slices.Equal(s.CategoryIDs, strings.Fields(w.category)) || !slices.Equal(s.CoverageIDs, w.coverage) ||
			!eqPtr(s.MinAge, w.minAge) || !eqPtr(s.MaxAge, w.maxAge) || s.Eligibility != w.elig || s.DeliveryMode != "IN_PERSON" {
			t.Errorf("service %s: %+v", w.id, s)
		}
	}
	if a := territory(t, res.Doc, "tr-area-vratsa-district"); a.Level != domain.LevelDistrict {
		t.Errorf("area %+v", a)
	}
	if a := territory(t, res.Doc, "tr-area-vratsa-municipality"); a.Level != domain.LevelMunicipality {
		t.Errorf("area %+v", a)
	}
	if c := category(t, res.Doc, "T2"); c.Name != "Home care" || c.ParentID != "T1" {
		t.Errorf("category %+v", c)
	}

	warnings := []struct{ record, field, text string }{
		{"", "internal_note", "not an HSDS column"},
		{"", "", "HSDS regular_schedule records are not modelled"},
		{"P3", "phone", "phone number of organizations only"},
		{"1", "id", `every service id is prefixed with "service-"`},
		{"3", "organization.alternate_name", "not acronyms"},
		{"2", "email", "kitchen at redcross"},
		{"4", "status", "is missing"},
		{"4", "service_areas", "territories of its locations"},
		{"", "locations", `1 organizations have no address, of their own or of their services, that places them; they are located in "Unplaced — A small HSDS 1.x package written for coopgraph's importer tests" (tr-unplaced-coopgraph-hsds-1x-sample), made for them (give -hsds-parent to put them in an existing territory instead): 4`},
		{"", "service_areas", `: service-6`},
	}
	for _, w := range warnings {
		wantProblem(t, "warning", res.Warnings, w.record, w.field, w.text)
	}
}

// Under an existing territory: the address parts at or above its level are
// not created, the rest hang under it, and the organization with no
// address is located in it rather than rejected.
func TestV1PackageUnderParent(t *testing.T) {
	tests := []struct {
		name       string
		opt        Options
		wantCities map[string]string // settlement id → its parent
		wantAreas  map[string]domain.TerritoryLevel
	}{
		{"country", Options{ParentTerritoryID: "tr-bg", IDPrefix: "v1-"},
			map[string]string{"v1-tr-bg-vratsa-vratsa": "v1-tr-bg-vratsa", "v1-tr-bg-vratsa-mezdra": "v1-tr-bg-vratsa"},
			map[string]domain.TerritoryLevel{"v1-tr-area-vratsa-district": domain.LevelDistrict, "v1-tr-area-vratsa-municipality": domain.LevelMunicipality}},
		{"region", Options{ParentTerritoryID: "tr-bg31", ParentLevel: domain.LevelRegion, IDPrefix: "v1-"},
			map[string]string{"v1-tr-bg-vratsa-vratsa": "tr-bg31", "v1-tr-bg-vratsa-mezdra": "tr-bg31"},
			map[string]domain.TerritoryLevel{"v1-tr-area-vratsa-district": domain.LevelDistrict, "v1-tr-area-vratsa-municipality": domain.LevelMunicipality}},
		// Below a municipality, areas are settlements whatever they say.
		{"municipality", Options{ParentTerritoryID: "tr-vratsa", ParentLevel: domain.LevelMunicipality},
			map[string]string{"tr-bg-vratsa-vratsa": "tr-vratsa", "tr-bg-vratsa-mezdra": "tr-vratsa"},
			map[string]domain.TerritoryLevel{"tr-area-vratsa-district": domain.LevelSettlement, "tr-area-vratsa-municipality": domain.LevelSettlement}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPackageDir(t, filepath.Join(sampleData, "v1"), tt.opt)
			p, pre := tt.opt.ParentTerritoryID, tt.opt.IDPrefix
			if got := rejectedRecords(res); !slices.Equal(got, []string{"services.csv:5:organization_id"}) {
				t.Errorf("rejected %v", got)
			}
			level := tt.opt.ParentLevel
			if level == "" {
				level = domain.LevelCountry
			}
			for _, r := range res.Doc.Territories {
				if r.Level.Rank() <= level.Rank() {
					t.Errorf("territory %s, a %s, is not below the parent's level %s", r.ID, r.Level, level)
				}
			}
			for id, parentID := range tt.wantCities {
				if c := territory(t, res.Doc, id); c.ParentID != parentID {
					t.Errorf("%s is part of %q, want %q", id, c.ParentID, parentID)
				}
			}
			for id, level := range tt.wantAreas {
				if a := territory(t, res.Doc, id); a.Level != level || a.ParentID != p {
					t.Errorf("area %+v, want %s under %s", a, level, p)
				}
			}
			if o := stakeholder(t, res.Doc, pre+"4"); o.TerritoryID != p {
				t.Errorf("organization without address in %q", o.TerritoryID)
			}
			if s := service(t, res.Doc, pre+"service-6"); !slices.Equal(s.CoverageIDs, []string{p}) {
				t.Errorf("service of the organization without address covers %v", s.CoverageIDs)
			}
		})
	}
}

func TestV31Package(t *testing.T) {
	const (
		org     = "6f0b1c1e-0001-4000-8000-000000000001"
		shelter = "6f0b1c1e-0004-4000-8000-000000000001"
		counsel = "6f0b1c1e-0004-4000-8000-000000000002"
		city    = "tr-bg-pazardzhik-pazardzhik"
	)
	res := readPackageDir(t, filepath.Join(sampleData, "v31"), Options{DefaultKind: "STATE_AGENCY", DefaultSector: "PUBLIC", DefaultDomain: "INTEGRATED"})
	if len(res.Rejected) > 0 || res.Version != "3.x" {
		t.Errorf("version %q, rejected %v", res.Version, domain.Problems(res.Rejected))
	}
	if o := stakeholder(t, res.Doc, org); o.Acronym != "DSP" || o.TerritoryID != city || o.Kind != "STATE_AGENCY" || o.Sector != "PUBLIC" {
		t.Errorf("stakeholder %+v", o)
	}
	s := service(t, res.Doc, shelter)
	updated := time.Date(2024, 9, 25, 13, 23, 6, 500_000_000, time.UTC)
	if !eqPtr(s.Capacity, ptr[int64](20)) || !eqPtr(s.Available, ptr[int64](4)) || s.AvailableUpdatedAt == nil ||
		!s.AvailableUpdatedAt.Equal(updated) || !eqPtr(s.MinAge, ptr(18)) || s.MaxAge != nil ||
		!slices.Equal(s.CategoryIDs, []string{"6f0b1c1e-0008-4000-8000-000000000002"}) || !slices.Equal(s.CoverageIDs, []string{city}) {
		t.Errorf("shelter %+v", s)
	}
	wantProblem(t, "warning", res.Warnings, shelter, "capacities", "the largest")
	// Defunct, at a physical and a virtual location.
	if s := service(t, res.Doc, counsel); s.Status != "SUSPENDED" || s.DeliveryMode != "MIXED" || !slices.Equal(s.CoverageIDs, []string{city}) {
		t.Errorf("counselling %+v", s)
	}
	if c := category(t, res.Doc, "6f0b1c1e-0008-4000-8000-000000000002"); c.Domain != "INTEGRATED" || c.Code != "BH-1800.8500" ||
		c.ParentID != "6f0b1c1e-0008-4000-8000-000000000001" {
		t.Errorf("category %+v", c)
	}
	// Parents come before their children.
	if res.Doc.ServiceCategories[0].ID != "6f0b1c1e-0008-4000-8000-000000000001" {
		t.Errorf("categories out of order: %s first", res.Doc.ServiceCategories[0].ID)
	}
	wantProblem(t, "warning", res.Warnings, "", "", "keeps no unit")
	wantProblem(t, "warning", res.Warnings, "6f0b1c1e-0009-4000-8000-000000000002", "attribute", "attributes of other records")
}

func TestProblemsJSON(t *testing.T) {
	const (
		trento   = "tr-it-trentino-alto-adige-trento"
		rovereto = "tr-it-trentino-alto-adige-rovereto"
	)
	res := readJSONFile(t, filepath.Join(sampleData, "problems.json"), Options{})

	// The service whose organization does not exist is rejected, and the
	// rejection names the file, the record and the field.
	if len(res.Rejected) != 1 {
		t.Fatalf("rejected %v", domain.Problems(res.Rejected))
	}
	if p := res.Rejected[0]; p.File != "problems.json" || p.Line != 3 || p.Record != "svc-no-org" || p.Field != "organization_id" ||
		!strings.Contains(p.Message, "org-that-does-not-exist") {
		t.Errorf("rejection %+v", p)
	}

	if p := wantProblem(t, "warning", res.Warnings, "org-trento-1", "organization.favourite_colour", "not an HSDS field"); p.Line != 1 {
		t.Errorf("unknown field warning %+v", p)
	}
	if o := stakeholder(t, res.Doc, "org-trento-1"); o.TerritoryID != trento || o.Phone != "+39 0461 000000" {
		t.Errorf("stakeholder %+v", o)
	}

	// Two taxonomy terms: both are kept, in the order of the data. The
	// service is met again, nested in the last record: the same service,
	// each term linked once.
	s := service(t, res.Doc, "svc-two-terms")
	if !slices.Equal(s.CategoryIDs, []string{"term-home-care", "term-respite"}) || !slices.Equal(s.CoverageIDs, []string{trento}) {
		t.Errorf("svc-two-terms %+v", s)
	}
	for _, p := range res.Warnings {
		if p.Record == "svc-two-terms" && p.Field == "attributes" {
			t.Errorf("a warning about its terms: %+v", p)
		}
	}
	if c := category(t, res.Doc, "term-home-care"); c.ParentID != "term-care" {
		t.Errorf("category %+v", c)
	}

	// No service area: the territory of its location, with a warning.
	if s := service(t, res.Doc, "svc-no-area"); !slices.Equal(s.CoverageIDs, []string{rovereto}) {
		t.Errorf("svc-no-area covers %v", s.CoverageIDs)
	}
	wantProblem(t, "warning", res.Warnings, "svc-no-area", "service_areas", "territories of its locations")

	s = service(t, res.Doc, "svc-odd")
	if s.Status != "ACTIVE" || s.Email != "" || !eqPtr(s.MinAge, ptr(0)) || !eqPtr(s.MaxAge, ptr(18)) ||
		!eqPtr(s.Capacity, ptr[int64](12)) || !eqPtr(s.Available, ptr[int64](3)) ||
		s.AvailableUpdatedAt == nil || !s.AvailableUpdatedAt.Equal(time.Date(2024, 11, 2, 8, 0, 0, 0, time.UTC)) ||
		!slices.Equal(s.CoverageIDs, []string{trento}) {
		t.Errorf("svc-odd %+v", s)
	}
	for _, w := range []struct{ field, text string }{
		{"status", "closed for winter"}, {"email", "not an e-mail"}, {"minimum_age", "taken as 0"},
		{"maximum_age", "taken as 18"}, {"capacities", `"cap-1" (maximum 12)`}, {"service_areas", "organization's territory"},
	} {
		wantProblem(t, "warning", res.Warnings, "svc-odd", w.field, w.text)
	}

	if s := service(t, res.Doc, "svc-online"); s.Status != "SUSPENDED" || s.DeliveryMode != "REMOTE" || !slices.Equal(s.CoverageIDs, []string{trento}) {
		t.Errorf("svc-online %+v", s)
	}

	// Schedules of three services: one warning, counted.
	if p := wantProblem(t, "warning", res.Warnings, "svc-two-terms", "schedule", "not modelled"); !strings.HasSuffix(p.Message, "(3 times)") {
		t.Errorf("schedule warning %+v", p)
	}
}

// The package laid out as directories publish theirs (testdata/hsds/published):
// the descriptor says organizations.csv, the file is data/organizations.csv.
// Two organizations have no address; two addresses leave out the country,
// one the state too.
func TestPublishedPackage(t *testing.T) {
	const (
		us       = "tr-us"
		oregon   = "tr-us-or"
		riverton = "tr-us-or-riverton"
		portside = "tr-us-or-portside"
		unplaced = "tr-unplaced-riverton-directory"
	)
	tests := []struct {
		name      string
		opt       Options
		cityLevel domain.TerritoryLevel
	}{
		{"DefaultMunicipality", Options{}, domain.LevelMunicipality},
		{"Settlement", Options{CityLevel: domain.LevelSettlement}, domain.LevelSettlement},
		{"Municipality", Options{CityLevel: domain.LevelMunicipality}, domain.LevelMunicipality},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPackageDir(t, filepath.Join(sampleData, "published"), tt.opt)
			if len(res.Rejected) > 0 || res.Version != "1.x" || res.Rows != 30 {
				t.Errorf("version %s, %d rows, rejected %v", res.Version, res.Rows, domain.Problems(res.Rejected))
			}
			wantTerritories := []domain.TerritoryRecord{
				{Territory: domain.Territory{Meta: domain.Meta{ID: us}, Name: "US", Level: domain.LevelCountry, Code: "US"}},
				{Territory: domain.Territory{Meta: domain.Meta{ID: oregon}, Name: "OR", Level: domain.LevelRegion}, ParentID: us},
				{Territory: domain.Territory{Meta: domain.Meta{ID: riverton}, Name: "Riverton", Level: tt.cityLevel}, ParentID: oregon},
				{Territory: domain.Territory{Meta: domain.Meta{ID: portside}, Name: "Portside", Level: tt.cityLevel}, ParentID: oregon},
				{Territory: domain.Territory{Meta: domain.Meta{ID: unplaced}, Name: "Unplaced — Riverton County Human Services Directory",
					Level: tt.cityLevel}, ParentID: us},
			}
			if len(res.Doc.Territories) != len(wantTerritories) {
				t.Errorf("%d territories, want %d: %+v", len(res.Doc.Territories), len(wantTerritories), res.Doc.Territories)
			}
			for _, w := range wantTerritories {
				got := territory(t, res.Doc, w.ID)
				if got.Name != w.Name || got.Level != w.Level || got.Code != w.Code || got.ParentID != w.ParentID {
					t.Errorf("territory %s: %+v, want %+v", w.ID, got, w)
				}
			}
			// A3 (Riverton, no state, no country) is the Riverton of A1.
			for id, terr := range map[string]string{"1": riverton, "2": portside, "3": riverton, "4": unplaced, "5": unplaced} {
				if o := stakeholder(t, res.Doc, id); o.TerritoryID != terr {
					t.Errorf("organization %s in %q, want %q", id, o.TerritoryID, terr)
				}
			}
			for id, w := range map[string]struct{ category, coverage string }{
				"service-1": {"T1", riverton}, "service-2": {"T2", portside}, "service-3": {"T3", riverton},
				"service-4": {"T2", unplaced}, "service-5": {"T3", unplaced},
			} {
				if s := service(t, res.Doc, id); !slices.Equal(s.CategoryIDs, []string{w.category}) || !slices.Equal(s.CoverageIDs, []string{w.coverage}) {
					t.Errorf("service %s: categories %v, coverage %v; want [%s], [%s]", id, s.CategoryIDs, s.CoverageIDs, w.category, w.coverage)
				}
			}
			if len(res.Doc.ServiceCategories) != 3 {
				t.Errorf("%d categories, want 3", len(res.Doc.ServiceCategories))
			}
			// One warning for the seven files found under data/.
			moved := wantProblem(t, "warning", res.Warnings, "", "resources", "7 listed files are not at the paths given")
			if moved.File != descriptor || !strings.Contains(moved.Message, "organizations.csv → data/organizations.csv") {
				t.Errorf("moved warning %+v", moved)
			}
			for _, w := range []struct{ record, field, text string }{
				{"A3", "address country", "taken to be in US, the only country the others name (2 times)"},
				{"A3", "address state_province", "taken to be in it"},
				{"", "locations", `2 organizations have no address, of their own or of their services, that places them; they are located in "Unplaced — Riverton County Human Services Directory" (tr-unplaced-riverton-directory)`},
				{"", "service_areas", "2 services have no service area and no located address, and their organizations are unplaced; they cover"},
			} {
				wantProblem(t, "warning", res.Warnings, w.record, w.field, w.text)
			}
			if w := findProblem(res.Warnings, "", "locations", "made for them"); len(w) == 1 && !strings.HasSuffix(w[0].Message, ": 4, 5") {
				t.Errorf("unplaced organizations: %q", w[0].Message)
			}
			if w := findProblem(res.Warnings, "", "service_areas", "they cover"); len(w) == 1 && !strings.HasSuffix(w[0].Message, ": service-4, service-5") {
				t.Errorf("unplaced services: %q", w[0].Message)
			}
			if t.Failed() {
				for _, w := range res.Warnings {
					t.Logf("warning: %s", w)
				}
			}
		})
	}
}

// The rejections of testdata/hsds/published-rejects, each with the record
// type the import's summary counts it under.
func TestRejectionTypes(t *testing.T) {
	res := readPackageDir(t, filepath.Join(sampleData, "published-rejects"), Options{})
	want := []string{
		"data/organizations.csv:3:Stakeholder:name",
		"data/services.csv:3:Service:organization_id",
		"data/services.csv:4:Service:organization_id",
		"data/taxonomy.csv:3:ServiceCategory:name",
	}
	var got []string
	for _, p := range res.Rejected {
		got = append(got, fmt.Sprintf("%s:%d:%s:%s", p.File, p.Line, p.Type, p.Field))
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("rejected %v, want %v", got, want)
	}
	if o := stakeholder(t, res.Doc, "1"); o.TerritoryID != "tr-unplaced-rejects-directory" {
		t.Errorf("organization 1 in %q", o.TerritoryID)
	}
	// Nothing has an address: the Unplaced territory has no country to be in.
	if u := territory(t, res.Doc, "tr-unplaced-rejects-directory"); u.ParentID != "" || u.Level != domain.LevelMunicipality {
		t.Errorf("unplaced %+v", u)
	}
}
