package domain

import (
	"reflect"
	"strings"
	"testing"
)

func i64(n int64) *int64 { return &n }

func iptr(n int) *int { return &n }

// fields is the sorted list of the problems' fields.
func fields(ps Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

// TestServiceValidate: a valid service, then one broken rule at a time;
// each names exactly its field.
func TestServiceValidate(t *testing.T) {
	valid := func() ServiceRecord {
		return ServiceRecord{
			Service: Service{Meta: Meta{ID: "svc-1"}, Name: "Home care", Status: ServiceStatus("ACTIVE"),
				DeliveryMode: DeliveryMode("IN_PERSON"), Capacity: i64(10), Available: i64(4)},
			ProviderID: "st-1", CategoryID: "cat-1", CoverageIDs: []string{"tr-1"},
		}
	}
	tests := []struct {
		name string
		edit func(*ServiceRecord)
		want []string
	}{
		{"OK", func(*ServiceRecord) {}, nil},
		{"ErrNoName", func(r *ServiceRecord) { r.Name = "  " }, []string{"name"}},
		{"ErrLongName", func(r *ServiceRecord) { r.Name = strings.Repeat("я", MaxName+1) }, []string{"name"}},
		{"OKNameOfMaxLengthInCyrillic", func(r *ServiceRecord) { r.Name = strings.Repeat("я", MaxName) }, nil},
		{"ErrIDWithSpace", func(r *ServiceRecord) { r.ID = "svc 1" }, []string{"id"}},
		{"ErrStatus", func(r *ServiceRecord) { r.Status = "OPEN" }, []string{"status"}},
		{"ErrNegativeCapacity", func(r *ServiceRecord) { r.Capacity, r.Available = i64(-1), nil }, []string{"capacity"}},
		{"ErrMoreAvailableThanCapacity", func(r *ServiceRecord) { r.Available = i64(11) }, []string{"available"}},
		{"ErrAgesReversed", func(r *ServiceRecord) { r.MinAge, r.MaxAge = iptr(65), iptr(18) }, []string{"maxAge"}},
		{"ErrAgeOver150", func(r *ServiceRecord) { r.MinAge = iptr(151) }, []string{"minAge"}},
		{"ErrNoCoverage", func(r *ServiceRecord) { r.CoverageIDs = nil }, []string{"coverageIds"}},
		{"ErrNoProvider", func(r *ServiceRecord) { r.ProviderID = "" }, []string{"providerId"}},
		{"ErrEmail", func(r *ServiceRecord) { r.Email = "not an address" }, []string{"email"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := valid()
			tc.edit(&r)
			if got := fields(r.Validate()); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems on %v, want %v (%v)", got, tc.want, r.Validate())
			}
		})
	}
}

func TestTerritoryValidate(t *testing.T) {
	valid := func() TerritoryRecord {
		return TerritoryRecord{Territory: Territory{Meta: Meta{ID: "tr-1"}, Name: "Lesichovo", Level: LevelMunicipality},
			ParentID: "tr-district"}
	}
	tests := []struct {
		name string
		edit func(*TerritoryRecord)
		want []string
	}{
		{"OK", func(*TerritoryRecord) {}, nil},
		{"ErrOwnParent", func(r *TerritoryRecord) { r.ParentID = "tr-1" }, []string{"parentId"}},
		{"ErrCountryWithParent", func(r *TerritoryRecord) { r.Level = LevelCountry }, []string{"parentId"}},
		{"ErrNegativePopulation", func(r *TerritoryRecord) { r.Population = i64(-5) }, []string{"population"}},
		{"ErrOwnNeighbour", func(r *TerritoryRecord) { r.Neighbours = []Neighbour{{TerritoryID: "tr-1", DistanceKm: 3}} }, []string{"neighbours[0].territoryId"}},
		{"ErrZeroDistance", func(r *TerritoryRecord) { r.Neighbours = []Neighbour{{TerritoryID: "tr-2"}} }, []string{"neighbours[0].distanceKm"}},
		{"ErrRepeatedNeighbour", func(r *TerritoryRecord) {
			r.Neighbours = []Neighbour{{TerritoryID: "tr-2", DistanceKm: 3}, {TerritoryID: "tr-2", DistanceKm: 4}}
		}, []string{"neighbours[1].territoryId"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := valid()
			tc.edit(&r)
			if got := fields(r.Validate()); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems on %v, want %v (%v)", got, tc.want, r.Validate())
			}
		})
	}
}

func TestCheckSearchText(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
	}{
		{"Враца", true},
		{strings.Repeat("я", MaxSearchChars), true},
		{strings.Repeat("я", MaxSearchChars+1), false},
		{"   ", false},
		{"", false},
	}
	for _, tc := range tests {
		err := CheckSearchText("filter.text", tc.text)
		if (err == nil) != tc.ok {
			t.Errorf("CheckSearchText(%d runes) = %v, want ok %v", len([]rune(tc.text)), err, tc.ok)
		}
		if err != nil && ErrorCode(err) != CodeBadUserInput {
			t.Errorf("code %s", ErrorCode(err))
		}
	}
}
