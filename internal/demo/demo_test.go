package demo

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// The two source documents the factual records cite.
var sources = []string{"000_97db46298cb3df6a.txt", "002_45ff6f81e7e12297.txt"}

// index is every record of the document by id, with its kind (the id prefix
// used in the demo: "tr", "st", "cat"...).
type index struct {
	doc   *domain.Document
	kind  map[string]string
	terr  map[string]*domain.TerritoryRecord
	cat   map[string]*domain.ServiceCategoryRecord
	stake map[string]*domain.StakeholderRecord
}

func load(t *testing.T) *index {
	t.Helper()
	doc, err := Document()
	if err != nil {
		t.Fatalf("Document(): %v", err)
	}
	ix := &index{doc: doc, kind: map[string]string{}, terr: map[string]*domain.TerritoryRecord{},
		cat: map[string]*domain.ServiceCategoryRecord{}, stake: map[string]*domain.StakeholderRecord{}}
	for i := range doc.Territories {
		ix.terr[doc.Territories[i].ID] = &doc.Territories[i]
	}
	for i := range doc.ServiceCategories {
		ix.cat[doc.ServiceCategories[i].ID] = &doc.ServiceCategories[i]
	}
	for i := range doc.Stakeholders {
		ix.stake[doc.Stakeholders[i].ID] = &doc.Stakeholders[i]
	}
	for _, r := range allIDs(doc) {
		ix.kind[r.id] = r.kind
	}
	return ix
}

type idRef struct{ kind, id string }

// allIDs lists the id of every record with the kind of record it is.
func allIDs(d *domain.Document) []idRef {
	var out []idRef
	for _, r := range d.Territories {
		out = append(out, idRef{"tr", r.ID})
	}
	for _, r := range d.ServiceCategories {
		out = append(out, idRef{"cat", r.ID})
	}
	for _, r := range d.TargetGroups {
		out = append(out, idRef{"tg", r.ID})
	}
	for _, r := range d.CooperationAreas {
		out = append(out, idRef{"area", r.ID})
	}
	for _, r := range d.Stakeholders {
		out = append(out, idRef{"st", r.ID})
	}
	for _, r := range d.Projects {
		out = append(out, idRef{"prj", r.ID})
	}
	for _, r := range d.Services {
		out = append(out, idRef{"svc", r.ID})
	}
	for _, r := range d.Needs {
		out = append(out, idRef{"need", r.ID})
	}
	for _, r := range d.Partnerships {
		out = append(out, idRef{"ps", r.ID})
	}
	for _, r := range d.ReferralLinks {
		out = append(out, idRef{"ref", r.ID})
	}
	for _, r := range d.Practices {
		out = append(out, idRef{"pr", r.ID})
	}
	for _, r := range d.Events {
		out = append(out, idRef{"ev", r.ID})
	}
	return out
}

func TestDecodesStrictly(t *testing.T) {
	doc, err := Document()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != domain.DocumentFormat {
		t.Errorf("format %q, want %q", doc.Format, domain.DocumentFormat)
	}
	counts := []struct {
		what     string
		got, min int
	}{
		{"territories", len(doc.Territories), 60},
		{"service categories", len(doc.ServiceCategories), 20},
		{"target groups", len(doc.TargetGroups), 7},
		{"cooperation areas", len(doc.CooperationAreas), 6},
		{"stakeholders", len(doc.Stakeholders), 40},
		{"projects", len(doc.Projects), 3},
		{"services", len(doc.Services), 20},
		{"needs", len(doc.Needs), 30},
		{"partnerships", len(doc.Partnerships), 3},
		{"referral links", len(doc.ReferralLinks), 8},
		{"practices", len(doc.Practices), 4},
		{"events", len(doc.Events), 11},
	}
	for _, c := range counts {
		if c.got < c.min {
			t.Errorf("%s: %d, want at least %d", c.what, c.got, c.min)
		}
	}
	// The loader sets these; the file must leave them out.
	for _, key := range []string{`"createdAt"`, `"updatedAt"`, `"version"`, `"updatedBy"`} {
		if strings.Contains(string(raw), key) {
			t.Errorf("demo.json contains %s, which the loader sets", key)
		}
	}
}

func TestIDs(t *testing.T) {
	ix := load(t)
	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)
	seen := map[string]string{}
	for _, r := range allIDs(ix.doc) {
		if !slug.MatchString(r.id) {
			t.Errorf("%s id %q is not a lowercase slug", r.kind, r.id)
		}
		if !strings.HasPrefix(r.id, r.kind+"-") {
			t.Errorf("id %q: want prefix %q", r.id, r.kind+"-")
		}
		if prev, dup := seen[r.id]; dup {
			t.Errorf("id %q used twice (%s and %s)", r.id, prev, r.kind)
		}
		seen[r.id] = r.kind
	}
}

func TestReferences(t *testing.T) {
	ix := load(t)
	d := ix.doc
	check := func(owner, field, id, want string) {
		t.Helper()
		if id == "" {
			t.Errorf("%s: %s is empty", owner, field)
			return
		}
		got, ok := ix.kind[id]
		switch {
		case !ok:
			t.Errorf("%s: %s %q does not exist", owner, field, id)
		case got != want:
			t.Errorf("%s: %s %q is a %s record, want %s", owner, field, id, got, want)
		}
	}
	for _, r := range d.Territories {
		if r.ParentID != "" {
			check(r.ID, "parentId", r.ParentID, "tr")
		}
		for _, z := range r.ZoneIDs {
			check(r.ID, "zoneIds", z, "tr")
		}
		for _, n := range r.Neighbours {
			check(r.ID, "neighbours", n.TerritoryID, "tr")
		}
	}
	for _, r := range d.ServiceCategories {
		if r.ParentID != "" {
			check(r.ID, "parentId", r.ParentID, "cat")
		}
	}
	for _, r := range d.CooperationAreas {
		for _, c := range r.CategoryIDs {
			check(r.ID, "categoryIds", c, "cat")
		}
	}
	for _, r := range d.Stakeholders {
		check(r.ID, "territoryId", r.TerritoryID, "tr")
		for _, a := range r.AreaIDs {
			check(r.ID, "areaIds", a, "area")
		}
	}
	for _, r := range d.Projects {
		for _, p := range r.Participants {
			check(r.ID, "participants", p.StakeholderID, "st")
		}
	}
	for _, r := range d.Services {
		check(r.ID, "providerId", r.ProviderID, "st")
		check(r.ID, "categoryId", r.CategoryID, "cat")
		for _, g := range r.TargetGroupIDs {
			check(r.ID, "targetGroupIds", g, "tg")
		}
		if len(r.CoverageIDs) == 0 {
			t.Errorf("%s: no coverageIds", r.ID)
		}
		for _, c := range r.CoverageIDs {
			check(r.ID, "coverageIds", c, "tr")
		}
	}
	for _, r := range d.Needs {
		check(r.ID, "territoryId", r.TerritoryID, "tr")
		check(r.ID, "categoryId", r.CategoryID, "cat")
		check(r.ID, "targetGroupId", r.TargetGroupID, "tg")
	}
	for _, r := range d.Partnerships {
		if len(r.Parties) == 0 {
			t.Errorf("%s: no parties", r.ID)
		}
		for _, p := range r.Parties {
			check(r.ID, "parties", p.StakeholderID, "st")
		}
		if r.TerritoryID != "" {
			check(r.ID, "territoryId", r.TerritoryID, "tr")
		}
		if len(r.AreaIDs) == 0 {
			t.Errorf("%s: no areaIds", r.ID)
		}
		for _, a := range r.AreaIDs {
			check(r.ID, "areaIds", a, "area")
		}
		if r.ProjectID != "" {
			check(r.ID, "projectId", r.ProjectID, "prj")
		}
	}
	for _, r := range d.ReferralLinks {
		check(r.ID, "fromId", r.FromID, "st")
		check(r.ID, "toId", r.ToID, "st")
		if r.FromID == r.ToID {
			t.Errorf("%s: refers %s to itself", r.ID, r.FromID)
		}
		for _, c := range r.CategoryIDs {
			check(r.ID, "categoryIds", c, "cat")
		}
	}
	for _, r := range d.Practices {
		if r.OriginID != "" {
			check(r.ID, "originId", r.OriginID, "tr")
		}
		for _, tr := range r.Transfers {
			check(r.ID, "transfers", tr.TerritoryID, "tr")
		}
		for _, s := range r.ImplementerIDs {
			check(r.ID, "implementerIds", s, "st")
		}
		if r.ProjectID != "" {
			check(r.ID, "projectId", r.ProjectID, "prj")
		}
	}
	for _, r := range d.Events {
		// Every event is placed and tied to a project in the demo.
		check(r.ID, "territoryId", r.TerritoryID, "tr")
		check(r.ID, "projectId", r.ProjectID, "prj")
		if len(r.Participants) == 0 {
			t.Errorf("%s: no participants", r.ID)
		}
		for _, p := range r.Participants {
			check(r.ID, "participants", p.StakeholderID, "st")
		}
	}
}

func in[T comparable](v T, list []T) bool { return slices.Contains(list, v) }

func TestEnums(t *testing.T) {
	ix := load(t)
	d := ix.doc
	bad := func(owner, field string, v any) {
		t.Helper()
		t.Errorf("%s: %s %q is not in the domain's list", owner, field, v)
	}
	for _, r := range d.Territories {
		if !in(r.Level, domain.TerritoryLevels) {
			bad(r.ID, "level", r.Level)
		}
	}
	for _, r := range d.Stakeholders {
		if !in(r.Kind, domain.StakeholderKinds) {
			bad(r.ID, "kind", r.Kind)
		}
		if !in(r.Sector, domain.Sectors) {
			bad(r.ID, "sector", r.Sector)
		}
	}
	for _, r := range d.ServiceCategories {
		if !in(r.Domain, domain.ServiceDomains) {
			bad(r.ID, "domain", r.Domain)
		}
	}
	for _, r := range d.Services {
		if !in(r.Status, domain.ServiceStatuses) {
			bad(r.ID, "status", r.Status)
		}
		if !in(r.DeliveryMode, domain.DeliveryModes) {
			bad(r.ID, "deliveryMode", r.DeliveryMode)
		}
	}
	for _, r := range d.Needs {
		if !in(r.Priority, domain.Priorities) {
			bad(r.ID, "priority", r.Priority)
		}
	}
	for _, r := range d.Partnerships {
		if !in(r.Kind, domain.PartnershipKinds) {
			bad(r.ID, "kind", r.Kind)
		}
		if !in(r.Status, domain.PartnershipStatuses) {
			bad(r.ID, "status", r.Status)
		}
		for _, p := range r.Parties {
			if !in(p.Role, domain.PartyRoles) {
				bad(r.ID, "party role", p.Role)
			}
		}
	}
	for _, r := range d.ReferralLinks {
		if !in(r.Status, domain.ReferralLinkStatuses) {
			bad(r.ID, "status", r.Status)
		}
	}
	eventRoles := []string{"ORGANISER", "PARTICIPANT", "SPEAKER", "HOST"}
	for _, r := range d.Events {
		if !in(r.Kind, domain.EventKinds) {
			bad(r.ID, "kind", r.Kind)
		}
		for _, p := range r.Participants {
			if !in(p.Role, eventRoles) {
				bad(r.ID, "participant role", p.Role)
			}
		}
	}
	projectRoles := []string{"LEAD", "PARTNER", "ASSOCIATE", "EXPERT"}
	for _, r := range d.Projects {
		for _, p := range r.Participants {
			if !in(p.Role, projectRoles) {
				t.Errorf("%s: participant role %q, want one of %v", r.ID, p.Role, projectRoles)
			}
		}
	}
}

func TestTerritoryHierarchy(t *testing.T) {
	ix := load(t)
	for _, r := range ix.doc.Territories {
		if r.Level != domain.LevelCountry && r.ParentID == "" {
			t.Errorf("%s (%s) has no parent", r.ID, r.Level)
		}
		if r.Level == domain.LevelCountry && r.ParentID != "" {
			t.Errorf("country %s has a parent", r.ID)
		}
		if p, ok := ix.terr[r.ParentID]; ok && r.Level.Rank() <= p.Level.Rank() {
			t.Errorf("%s (%s) is PART_OF %s (%s): a child must be on a lower level", r.ID, r.Level, p.ID, p.Level)
		}
		for _, z := range r.ZoneIDs {
			zone, ok := ix.terr[z]
			if !ok {
				continue
			}
			if zone.Level != domain.LevelZone {
				t.Errorf("%s: zoneIds %s is a %s, want ZONE", r.ID, z, zone.Level)
			}
			if r.Level.Rank() <= zone.Level.Rank() {
				t.Errorf("%s (%s) cannot belong to zone %s", r.ID, r.Level, z)
			}
		}
		if r.Population != nil && *r.Population <= 0 {
			t.Errorf("%s: population %d", r.ID, *r.Population)
		}
		if r.Code != "" && strings.TrimSpace(r.Code) != r.Code {
			t.Errorf("%s: code %q has spaces", r.ID, r.Code)
		}
	}
	// No PART_OF cycle, over parentId and zoneIds together.
	const (
		white = iota
		grey
		black
	)
	colour := map[string]int{}
	var visit func(id string, path []string)
	visit = func(id string, path []string) {
		switch colour[id] {
		case grey:
			t.Errorf("PART_OF cycle: %s", strings.Join(append(path, id), " -> "))
			return
		case black:
			return
		}
		colour[id] = grey
		r := ix.terr[id]
		next := append([]string{}, r.ZoneIDs...)
		if r.ParentID != "" {
			next = append(next, r.ParentID)
		}
		for _, n := range next {
			if _, ok := ix.terr[n]; ok {
				visit(n, append(path, id))
			}
		}
		colour[id] = black
	}
	for id := range ix.terr {
		visit(id, nil)
	}
}

func TestPlanningZone(t *testing.T) {
	ix := load(t)
	var zones []*domain.TerritoryRecord
	for i := range ix.doc.Territories {
		if ix.doc.Territories[i].Level == domain.LevelZone {
			zones = append(zones, &ix.doc.Territories[i])
		}
	}
	if len(zones) != 1 {
		t.Fatalf("%d planning zones, want 1", len(zones))
	}
	z := zones[0]
	if !z.Illustrative {
		t.Errorf("zone %s is not marked illustrative", z.ID)
	}
	if z.ParentID != "tr-pazardzhik-district" {
		t.Errorf("zone %s is PART_OF %q, want tr-pazardzhik-district", z.ID, z.ParentID)
	}
	var members []string
	for _, r := range ix.doc.Territories {
		if in(z.ID, r.ZoneIDs) {
			members = append(members, r.ID)
		}
	}
	slices.Sort(members)
	want := []string{"tr-bratsigovo", "tr-lesichovo", "tr-pazardzhik", "tr-peshtera", "tr-sarnitsa", "tr-septemvri", "tr-strelcha"}
	if !slices.Equal(members, want) {
		t.Errorf("zone members %v, want %v", members, want)
	}
}

// neighbourGraph returns NEIGHBOUR_OF as an undirected adjacency map.
func neighbourGraph(d *domain.Document) map[string][]string {
	g := map[string][]string{}
	for _, r := range d.Territories {
		for _, n := range r.Neighbours {
			g[r.ID] = append(g[r.ID], n.TerritoryID)
			g[n.TerritoryID] = append(g[n.TerritoryID], r.ID)
		}
	}
	return g
}

func TestNeighbours(t *testing.T) {
	ix := load(t)
	pairs := map[[2]string]bool{}
	for _, r := range ix.doc.Territories {
		for _, n := range r.Neighbours {
			if !n.Illustrative {
				t.Errorf("%s -> %s: neighbour entry not illustrative", r.ID, n.TerritoryID)
			}
			if n.DistanceKm <= 0 {
				t.Errorf("%s -> %s: distanceKm %v", r.ID, n.TerritoryID, n.DistanceKm)
			}
			if n.TerritoryID == r.ID {
				t.Errorf("%s is its own neighbour", r.ID)
			}
			if o, ok := ix.terr[n.TerritoryID]; ok && o.Level != r.Level {
				t.Errorf("%s (%s) and %s (%s) are neighbours on different levels", r.ID, r.Level, o.ID, o.Level)
			}
			k := [2]string{r.ID, n.TerritoryID}
			if k[0] > k[1] {
				k[0], k[1] = k[1], k[0]
			}
			if pairs[k] {
				t.Errorf("neighbour pair %s–%s listed twice", k[0], k[1])
			}
			pairs[k] = true
		}
	}
	g := neighbourGraph(ix.doc)
	required := [][2]string{
		{"tr-lesichovo", "tr-septemvri"}, {"tr-lesichovo", "tr-pazardzhik"}, {"tr-pazardzhik", "tr-peshtera"},
		{"tr-peshtera", "tr-bratsigovo"}, {"tr-bratsigovo", "tr-pazardzhik"}, {"tr-strelcha", "tr-panagyurishte"},
		{"tr-sarnitsa", "tr-velingrad"}, {"tr-vratsa", "tr-mezdra"},
	}
	for _, p := range required {
		if !in(p[1], g[p[0]]) {
			t.Errorf("missing neighbour pair %s–%s", p[0], p[1])
		}
	}
	// Every municipality of the two districts has a neighbour, and at least
	// one pair crosses the Pazardzhik–Plovdiv district border.
	crosses := false
	for _, r := range ix.doc.Territories {
		if r.Level != domain.LevelMunicipality {
			continue
		}
		if (r.ParentID == "tr-pazardzhik-district" || r.ParentID == "tr-vratsa-district") && len(g[r.ID]) == 0 {
			t.Errorf("municipality %s has no neighbour", r.ID)
		}
		if r.ParentID == "tr-pazardzhik-district" {
			for _, n := range g[r.ID] {
				if ix.terr[n].ParentID == "tr-plovdiv-district" {
					crosses = true
				}
			}
		}
	}
	if !crosses {
		t.Error("no neighbour pair crosses the Pazardzhik–Plovdiv district border")
	}
}

func TestDistrictMunicipalities(t *testing.T) {
	ix := load(t)
	count := map[string]int{}
	for _, r := range ix.doc.Territories {
		if r.Level == domain.LevelMunicipality {
			count[r.ParentID]++
		}
	}
	for district, want := range map[string]int{"tr-vratsa-district": 10, "tr-pazardzhik-district": 12} {
		if count[district] != want {
			t.Errorf("%s has %d municipalities, want %d", district, count[district], want)
		}
	}
}

func TestCategories(t *testing.T) {
	ix := load(t)
	top := 0
	for _, c := range ix.doc.ServiceCategories {
		if c.NameLocal == "" {
			t.Errorf("%s has no Bulgarian nameLocal", c.ID)
		}
		if c.ParentID == "" {
			top++
			continue
		}
		p, ok := ix.cat[c.ParentID]
		if !ok {
			continue
		}
		if p.ParentID != "" {
			t.Errorf("%s: taxonomy deeper than two levels (parent %s has parent %s)", c.ID, p.ID, p.ParentID)
		}
		if p.Domain != "INTEGRATED" && c.Domain != p.Domain {
			t.Errorf("%s: domain %s under %s parent %s", c.ID, c.Domain, p.Domain, p.ID)
		}
	}
	if top < 5 || top > 8 {
		t.Errorf("%d top-level categories, want about six", top)
	}
}

func TestServicesAndNeeds(t *testing.T) {
	ix := load(t)
	statuses := map[domain.ServiceStatus]int{}
	for _, s := range ix.doc.Services {
		if !s.Illustrative {
			t.Errorf("service %s is not marked illustrative", s.ID)
		}
		statuses[s.Status]++
		if s.Capacity != nil && *s.Capacity <= 0 {
			t.Errorf("%s: capacity %d", s.ID, *s.Capacity)
		}
		if s.Available != nil {
			if *s.Available < 0 {
				t.Errorf("%s: available %d", s.ID, *s.Available)
			}
			if s.Capacity == nil {
				t.Errorf("%s: available without capacity", s.ID)
			} else if *s.Available > *s.Capacity {
				t.Errorf("%s: available %d > capacity %d", s.ID, *s.Available, *s.Capacity)
			}
		}
		if s.MinAge != nil && s.MaxAge != nil && *s.MinAge > *s.MaxAge {
			t.Errorf("%s: minAge %d > maxAge %d", s.ID, *s.MinAge, *s.MaxAge)
		}
		if s.Eligibility == "" {
			t.Errorf("%s: no eligibility", s.ID)
		}
	}
	if statuses["PLANNED"] < 1 || statuses["SUSPENDED"] < 1 || statuses["ACTIVE"] < len(ix.doc.Services)/2 {
		t.Errorf("service statuses %v: want mostly ACTIVE, at least one PLANNED and one SUSPENDED", statuses)
	}
	districtWide := false
	for _, s := range ix.doc.Services {
		if in("tr-pazardzhik-district", s.CoverageIDs) {
			districtWide = true
		}
	}
	if !districtWide {
		t.Error("no service covers the whole Pazardzhik district")
	}
	for _, n := range ix.doc.Needs {
		if !n.Illustrative {
			t.Errorf("need %s is not marked illustrative", n.ID)
		}
		if n.Volume <= 0 {
			t.Errorf("%s: volume %d", n.ID, n.Volume)
		}
		if n.Year < 2021 || n.Year > 2022 {
			t.Errorf("%s: year %d, want 2021–2022", n.ID, n.Year)
		}
		if n.NeedSource != "illustrative estimate" {
			t.Errorf("%s: needSource %q", n.ID, n.NeedSource)
		}
		if tr, ok := ix.terr[n.TerritoryID]; ok && tr.Level != domain.LevelMunicipality {
			t.Errorf("%s: need in a %s, want a MUNICIPALITY", n.ID, tr.Level)
		}
	}
	for _, r := range ix.doc.ReferralLinks {
		if !r.Illustrative {
			t.Errorf("referral link %s is not marked illustrative", r.ID)
		}
	}
}

// TestIllustrativeMarks checks the marking rules: records are either
// illustrative or cite one of the two sources, and every name listed in
// illustrativeFields is a JSON field of that record.
func TestIllustrativeMarks(t *testing.T) {
	ix := load(t)
	d := ix.doc
	checkMeta := func(m domain.Meta, rec any, needSource bool) {
		t.Helper()
		fields := jsonFields(reflect.TypeOf(rec))
		for _, f := range m.IllustrativeFields {
			if !fields[f] {
				t.Errorf("%s: illustrativeFields names %q, which is not a field of %T", m.ID, f, rec)
			}
		}
		if m.Illustrative && len(m.IllustrativeFields) > 0 {
			t.Errorf("%s: both illustrative and illustrativeFields", m.ID)
		}
		if needSource && !m.Illustrative && !in(m.Source, sources) {
			t.Errorf("%s: factual record with source %q, want one of %v", m.ID, m.Source, sources)
		}
	}
	for _, r := range d.Territories {
		checkMeta(r.Meta, r, false)
	}
	for _, r := range d.Stakeholders {
		checkMeta(r.Meta, r, true)
	}
	for _, r := range d.Projects {
		checkMeta(r.Meta, r, true)
	}
	for _, r := range d.Partnerships {
		checkMeta(r.Meta, r, true)
	}
	for _, r := range d.Practices {
		checkMeta(r.Meta, r, true)
	}
	for _, r := range d.Events {
		checkMeta(r.Meta, r, true)
		if r.FeedbackScore != nil {
			if *r.FeedbackScore < 1 || *r.FeedbackScore > 5 {
				t.Errorf("%s: feedbackScore %v outside 1–5", r.ID, *r.FeedbackScore)
			}
			if !r.Illustrative && !in("feedbackScore", r.IllustrativeFields) {
				t.Errorf("%s: feedbackScore is invented but not listed in illustrativeFields", r.ID)
			}
		}
		if r.EndDate != nil && r.EndDate.Before(r.StartDate.Time) {
			t.Errorf("%s: ends %s before it starts %s", r.ID, r.EndDate, r.StartDate)
		}
	}
	for _, r := range d.Services {
		checkMeta(r.Meta, r, false)
	}
	for _, r := range d.Needs {
		checkMeta(r.Meta, r, false)
	}
	// Contact data is never invented: only the Chamber's, given in 000.
	for _, s := range d.Stakeholders {
		if s.Email == "" && s.Phone == "" && s.Website == "" {
			continue
		}
		if s.ID != "st-cci-vratsa" || s.Email != "cci-vr@cci-vratsa.org" || s.Phone != "092 660273" || s.Website != "" {
			t.Errorf("%s: contact data %q %q %q not given by the sources", s.ID, s.Email, s.Phone, s.Website)
		}
	}
	for _, s := range d.Services {
		if s.Email != "" || s.URL != "" {
			t.Errorf("%s: invented contact data", s.ID)
		}
	}
}

// jsonFields returns the JSON names of t's fields, embedded structs included.
func jsonFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" {
			for k := range jsonFields(f.Type) {
				out[k] = true
			}
			continue
		}
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

func event(t *testing.T, d *domain.Document, id string) *domain.EventRecord {
	t.Helper()
	for i := range d.Events {
		if d.Events[i].ID == id {
			return &d.Events[i]
		}
	}
	t.Fatalf("event %s not found", id)
	return nil
}

func TestSourceFacts(t *testing.T) {
	ix := load(t)
	d := ix.doc
	cases := []struct {
		id, kind, start, end, territory string
	}{
		{"ev-social-d-press-conference", "PRESS_CONFERENCE", "2022-02-22", "", "tr-vratsa"},
		{"ev-national-conference", "CONFERENCE", "2018-12-11", "2018-12-12", "tr-pazardzhik"},
		{"ev-training-1", "TRAINING", "2018-09-01", "2018-09-06", "tr-sunny-beach"},
		{"ev-training-2", "TRAINING", "2018-09-19", "2018-09-24", ""},
		{"ev-infoday-sarnitsa", "INFO_DAY", "2018-10-19", "", "tr-sarnitsa"},
		{"ev-infoday-bratsigovo", "INFO_DAY", "2018-10-30", "", "tr-bratsigovo"},
		{"ev-infoday-strelcha", "INFO_DAY", "2018-11-07", "", "tr-strelcha"},
		{"ev-csii-open-day", "OPEN_DAY", "", "", "tr-kalugerovo"},
		{"ev-visit-trento", "STUDY_VISIT", "", "", ""},
		{"ev-visit-vratsa", "STUDY_VISIT", "", "", "tr-vratsa"},
		{"ev-social-d-campaign", "CAMPAIGN", "", "", ""},
		{"ev-vratsa-working-meetings", "MEETING", "", "", "tr-vratsa"},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			e := event(t, d, c.id)
			if string(e.Kind) != c.kind {
				t.Errorf("kind %s, want %s", e.Kind, c.kind)
			}
			if c.start != "" && e.StartDate.String() != c.start {
				t.Errorf("starts %s, want %s", e.StartDate, c.start)
			}
			if c.start == "" && !in("startDate", e.IllustrativeFields) {
				t.Errorf("the sources give no date, but startDate is not in illustrativeFields")
			}
			if c.end != "" && (e.EndDate == nil || e.EndDate.String() != c.end) {
				t.Errorf("ends %v, want %s", e.EndDate, c.end)
			}
			if c.territory != "" && e.TerritoryID != c.territory {
				t.Errorf("held in %s, want %s", e.TerritoryID, c.territory)
			}
		})
	}
	if e := event(t, d, "ev-social-d-press-conference"); !e.Online || e.ParticipantCount == nil || *e.ParticipantCount != 14 {
		t.Errorf("press conference: online=%v participantCount=%v, want online with 14 participants", e.Online, e.ParticipantCount)
	}
	for _, id := range []string{"ev-infoday-sarnitsa", "ev-infoday-bratsigovo", "ev-infoday-strelcha"} {
		if e := event(t, d, id); e.FeedbackScore == nil {
			t.Errorf("%s: no feedbackScore", id)
		}
	}
	for _, p := range d.Projects {
		if p.ID != "prj-dialog" {
			continue
		}
		if p.Programme != "Interreg Europe" {
			t.Errorf("DIALOG programme %q", p.Programme)
		}
		leads := 0
		for _, x := range p.Participants {
			if x.Role == "LEAD" {
				leads++
				if x.StakeholderID != "st-pat" {
					t.Errorf("DIALOG lead is %s, want st-pat", x.StakeholderID)
				}
			}
		}
		if leads != 1 {
			t.Errorf("DIALOG has %d leads", leads)
		}
	}
}

// covers reports whether a service covering coverage reaches territory id:
// the coverage is the territory itself or one of its PART_OF ancestors
// (administrative parents and planning zones).
func (ix *index) covers(coverage []string, id string) bool {
	seen := map[string]bool{}
	var up func(string) bool
	up = func(x string) bool {
		if seen[x] {
			return false
		}
		seen[x] = true
		if in(x, coverage) {
			return true
		}
		r, ok := ix.terr[x]
		if !ok {
			return false
		}
		if r.ParentID != "" && up(r.ParentID) {
			return true
		}
		for _, z := range r.ZoneIDs {
			if up(z) {
				return true
			}
		}
		return false
	}
	return up(id)
}

// inCategory reports whether category c is want or one of its sub-categories.
func (ix *index) inCategory(c, want string) bool {
	for c != "" {
		if c == want {
			return true
		}
		c = ix.cat[c].ParentID
	}
	return false
}

func (ix *index) suppliers(territory, category string) []string {
	var out []string
	for _, s := range ix.doc.Services {
		if s.Status == "ACTIVE" && ix.inCategory(s.CategoryID, category) && ix.covers(s.CoverageIDs, territory) {
			out = append(out, s.ID)
		}
	}
	return out
}

// TestMatrixGap is the supply-and-demand matrix demo: Lesichovo needs crisis
// accommodation that no active service covering it provides, while a
// municipality within two NEIGHBOUR_OF hops has one.
func TestMatrixGap(t *testing.T) {
	ix := load(t)
	const lesichovo, crisis = "tr-lesichovo", "cat-crisis-accommodation"
	found := false
	for _, n := range ix.doc.Needs {
		if n.TerritoryID == lesichovo && ix.inCategory(n.CategoryID, crisis) {
			found = true
		}
	}
	if !found {
		t.Fatal("Lesichovo has no need for crisis accommodation")
	}
	if s := ix.suppliers(lesichovo, crisis); len(s) > 0 {
		t.Errorf("crisis accommodation covering Lesichovo exists (%v): the gap is gone", s)
	}
	g := neighbourGraph(ix.doc)
	hops := map[string]int{lesichovo: 0}
	queue := []string{lesichovo}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if hops[x] == 2 {
			continue
		}
		for _, n := range g[x] {
			if _, ok := hops[n]; !ok {
				hops[n] = hops[x] + 1
				queue = append(queue, n)
			}
		}
	}
	var near []string
	for id, h := range hops {
		if h > 0 && len(ix.suppliers(id, crisis)) > 0 {
			near = append(near, fmt.Sprintf("%s (%d hops)", id, h))
		}
	}
	if len(near) == 0 {
		t.Error("no municipality within 2 hops of Lesichovo has active crisis accommodation")
	}
	t.Logf("crisis accommodation near Lesichovo: %v", near)
}

// TestReferralChain checks the referral path the CSII coordinates for crisis
// accommodation: CSII -> Social Assistance Agency -> Crisis Centre Peshtera.
func TestReferralChain(t *testing.T) {
	ix := load(t)
	active := func(from, to, category string) bool {
		for _, r := range ix.doc.ReferralLinks {
			if r.FromID != from || r.ToID != to || r.Status != "ACTIVE" {
				continue
			}
			if len(r.CategoryIDs) == 0 {
				return true
			}
			for _, c := range r.CategoryIDs {
				if ix.inCategory(category, c) {
					return true
				}
			}
		}
		return false
	}
	chain := []struct{ from, to, category string }{
		{"st-csii", "st-asa-pazardzhik", "cat-crisis-accommodation"},
		{"st-asa-pazardzhik", "st-crisis-centre-peshtera", "cat-crisis-accommodation"},
		{"st-csii", "st-lesichovo-municipality", "cat-home-patronage"},
	}
	for _, c := range chain {
		if !active(c.from, c.to, c.category) {
			t.Errorf("no ACTIVE referral %s -> %s for %s", c.from, c.to, c.category)
		}
	}
	statuses := map[domain.ReferralLinkStatus]int{}
	restricted, vratsa := 0, 0
	for _, r := range ix.doc.ReferralLinks {
		statuses[r.Status]++
		if len(r.CategoryIDs) > 0 {
			restricted++
		}
		if r.FromID == "st-vratsa-municipality" {
			vratsa++
		}
	}
	if statuses["INACTIVE"] == 0 || restricted == 0 || vratsa == 0 {
		t.Errorf("want an INACTIVE link, a category-restricted link and links from Vratsa Municipality; got statuses %v, %d restricted, %d from Vratsa",
			statuses, restricted, vratsa)
	}
	// The crisis centre provides what the chain promises.
	found := false
	for _, s := range ix.doc.Services {
		if s.ProviderID == "st-crisis-centre-peshtera" && s.CategoryID == "cat-crisis-accommodation" && s.Status == "ACTIVE" {
			found = true
		}
	}
	if !found {
		t.Error("the Crisis Centre Peshtera provides no active crisis accommodation")
	}
}
