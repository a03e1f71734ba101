package hsds

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Every field of the official 3.0 schemas is known: used, or ignored on
// purpose. A field the table forgets would be reported as "not HSDS".
func TestFieldTableCoversSchema(t *testing.T) {
	schemas := schemasDir(t)
	for _, typ := range []string{"organization", "service", "location", "address", "phone", "service_area",
		"service_at_location", "taxonomy_term", "attribute"} {
		t.Run(typ, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(schemas, typ+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var schema struct {
				Properties map[string]json.RawMessage `json:"properties"`
			}
			if err := json.Unmarshal(b, &schema); err != nil || len(schema.Properties) == 0 {
				t.Fatalf("schema %s: %v", typ, err)
			}
			set := fieldSets[typ]
			for f := range schema.Properties {
				if !set.used[f] && !set.skipped[f] {
					t.Errorf("%s.%s is in the HSDS schema but not in the field table", typ, f)
				}
			}
		})
	}
}

func TestMapStatus(t *testing.T) {
	tests := []struct {
		in   string
		want domain.ServiceStatus
		ok   bool
	}{
		{"active", "ACTIVE", true},
		{" Active ", "ACTIVE", true},
		{"inactive", "SUSPENDED", true},
		{"defunct", "SUSPENDED", true},
		{"temporarily closed", "SUSPENDED", true},
		{"TEMPORARILY_CLOSED", "SUSPENDED", true},
		{"temporarily-closed", "SUSPENDED", true},
		{"", "ACTIVE", false},
		{"closed for winter", "ACTIVE", false},
		{"planned", "ACTIVE", false},
	}
	for _, tt := range tests {
		got, ok := mapStatus(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("mapStatus(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"MyCity", 40, "mycity"},
		{"Castilla-La Mancha", 40, "castilla-la-mancha"},
		{"  Trentino / Alto Adige  ", 40, "trentino-alto-adige"},
		{"Враца", 40, "vratsa"},
		{"Пазарджик", 40, "pazardzhik"},
		{"Panagyurishte – Лесичово", 40, "panagyurishte-lesichovo"},
		{"Bolzano/Bozen, Südtirol", 40, "bolzano-bozen-sudtirol"},
		{"Łódź", 40, "lodz"},
		{"Αθήνα", 40, "αθήνα"}, // no transliteration: kept as letters
		{"The service is available to all residents of the MyCity area", 30, "the-service-is-available-to-" + hash8("The service is available to all residents of the MyCity area")},
		{"???", 40, hash8("???")},
	}
	for _, tt := range tests {
		if got := slug(tt.in, tt.max); got != tt.want {
			t.Errorf("slug(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

// hash8 is the short hash that keeps cut slugs apart: of the whole name.
func hash8(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:8]
}

func TestAreaLevel(t *testing.T) {
	tests := []struct {
		in   string
		want domain.TerritoryLevel
	}{
		{"Vratsa district", domain.LevelDistrict},
		{"Orange County", domain.LevelDistrict},
		{"Област Враца", domain.LevelDistrict},
		{"Provincia di Trento", domain.LevelRegion},
		{"Mezdra", ""},
		{"All residents of the district of Vratsa and the villages around", ""}, // a sentence says too little
	}
	for _, tt := range tests {
		if got := areaLevel(tt.in); got != tt.want {
			t.Errorf("areaLevel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`{"id": "s", "name": "S", "status": "active"}`, "service"},
		{`{"id": "s", "name": "S", "service_areas": []}`, "service"},
		{`{"id": "o", "name": "O", "description": "d", "website": "https://o.example"}`, "organization"},
		{`{"id": "o", "name": "O", "description": "d"}`, "organization"},
		{`{"id": "t", "name": "T", "description": "d", "parent_id": "p"}`, "taxonomy_term"},
		{`{"id": "t", "name": "T", "description": "d", "uri": "http://x", "version": "1"}`, "taxonomy"},
		{`{"id": "l", "location_type": "physical"}`, "location"},
		{`{"id": "x", "service": {"id": "s"}, "location": {"id": "l"}}`, "service_at_location"},
		{`{"id": "x", "service_id": "s", "location_id": "l"}`, "service_at_location"},
		{`{"version": "3.0", "profile": "p", "openapi_url": "u"}`, "api"},
		{`{"colour": "red"}`, ""},
	}
	for _, tt := range tests {
		var obj map[string]any
		if err := json.Unmarshal([]byte(tt.in), &obj); err != nil {
			t.Fatal(err)
		}
		if got := classify(obj); got != tt.want {
			t.Errorf("classify(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOrganizationFields(t *testing.T) {
	tests := []struct {
		name    string
		org     *org
		phone   string
		acronym bool
	}{
		{"QuotedNumberWithExtension", &org{alt: "Example Org", phones: []*phone{{number: `"+44 1234 234567"`, ext: "100"}}}, "+44 1234 234567 ext. 100", false},
		{"FirstNumberWins", &org{alt: "BRC", phones: []*phone{{number: " "}, {number: "+359 92 1"}, {number: "+359 92 2"}}}, "+359 92 1", true},
		{"ZeroExtension", &org{alt: "Фондация", phones: []*phone{{number: "112", ext: "0"}}}, "112", true},
		{"NoPhone", &org{alt: "A very long alternate name"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := phoneOf(tt.org); got != tt.phone {
				t.Errorf("phone %q, want %q", got, tt.phone)
			}
			if got := isAcronym(tt.org.alt); got != tt.acronym {
				t.Errorf("isAcronym(%q) = %v", tt.org.alt, got)
			}
		})
	}
}

// A cycle of parent terms would fail the write; it is broken.
func TestCategoryCycle(t *testing.T) {
	in := `[
 {"id": "a", "name": "A", "description": "d", "parent_id": "b"},
 {"id": "b", "name": "B", "description": "d", "parent_id": "a"},
 {"id": "c", "name": "C", "description": "d", "parent_id": "c"}
]`
	res, err := ReadJSON(strings.NewReader(in), "terms.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, res, Options{})
	wantProblem(t, "warning", res.Warnings, "a", "parent_id", "lead back to it")
	wantProblem(t, "warning", res.Warnings, "c", "parent_id", "not in the dataset")
	if a, b := category(t, res.Doc, "a"), category(t, res.Doc, "b"); a.ParentID != "" || b.ParentID != "a" {
		t.Errorf("a %+v, b %+v", a, b)
	}
}

// Names and texts beyond the domain's limits are cut, and ids stay within
// theirs, so that the records pass validation rather than being lost.
func TestLongValues(t *testing.T) {
	long := func(word string, n int) string { return strings.TrimSpace(strings.Repeat(word+" ", n)) }
	in, err := json.Marshal([]map[string]any{{
		"id": "o1", "name": long("Name", 100), "description": long("text", 3000),
		"locations": []any{map[string]any{"id": "l1", "location_type": "physical", "addresses": []any{map[string]any{
			"id": "a1", "city": long("Longcity", 30), "state_province": long("Longstate", 30),
			"country": "The United Kingdom of Great Britain and Northern Ireland", "address_type": "physical"}}}},
		"services": []any{map[string]any{"id": "s1", "name": "S", "status": "active",
			"service_areas": []any{map[string]any{"id": "sa1", "name": long("area", 100)}}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ReadJSON(strings.NewReader(string(in)), "long.json", Options{IDPrefix: "hsds-"})
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, res, Options{IDPrefix: "hsds-"}) // validates lengths
	if len(res.Rejected) > 0 || len(res.Doc.Territories) != 4 || len(res.Doc.Services) != 1 {
		t.Errorf("rejected %v, %d territories", domain.Problems(res.Rejected), len(res.Doc.Territories))
	}
	for _, w := range []struct{ record, field string }{
		{"o1", "organization name"}, {"o1", "organization description"}, {"sa1", "service area name"},
	} {
		wantProblem(t, "warning", res.Warnings, w.record, w.field, "cut")
	}
	for _, r := range res.Doc.Territories {
		if len(r.ID) > 90 {
			t.Errorf("id %q is long", r.ID)
		}
	}
}
