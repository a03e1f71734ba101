package testdb

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Size says how big a generated graph is.
type Size struct {
	Municipalities int // in districts of 10
	Stakeholders   int
	ServicesEach   int // services per stakeholder
	Categories     int // top-level, each with 2 sub-categories
	Partnerships   int // each with 3 to 5 parties
	Events         int // each with 5 to 10 participants
	Needs          int
	CoverageEach   int // territories each service covers (default 1)
}

// Generate builds a deterministic illustrative graph of the given size: a
// country with districts of ten municipalities each, stakeholders located in
// them, services, needs, partnerships, events and referral links. Every
// record is marked illustrative.
func Generate(sz Size, seed uint64) *domain.Document {
	rng := rand.New(rand.NewPCG(seed, 1))
	meta := func(id string) domain.Meta { return domain.Meta{ID: id, Illustrative: true} }
	doc := &domain.Document{Format: domain.DocumentFormat}

	doc.Territories = append(doc.Territories, domain.TerritoryRecord{Territory: domain.Territory{
		Meta: meta("g-country"), Name: "Generated country", Level: domain.LevelCountry}})
	var munis []string
	for i := 0; i < sz.Municipalities; i++ {
		if i%10 == 0 {
			doc.Territories = append(doc.Territories, domain.TerritoryRecord{Territory: domain.Territory{
				Meta: meta(fmt.Sprintf("g-district-%d", i/10)), Name: fmt.Sprintf("District %d", i/10), Level: domain.LevelDistrict},
				ParentID: "g-country"})
		}
		id := fmt.Sprintf("g-muni-%d", i)
		rec := domain.TerritoryRecord{Territory: domain.Territory{Meta: meta(id), Name: fmt.Sprintf("Municipality %d", i),
			Level: domain.LevelMunicipality}, ParentID: fmt.Sprintf("g-district-%d", i/10)}
		if i > 0 {
			rec.Neighbours = []domain.Neighbour{{TerritoryID: munis[i-1], DistanceKm: float64(5 + rng.IntN(40)), Illustrative: true}}
		}
		doc.Territories = append(doc.Territories, rec)
		munis = append(munis, id)
	}
	var cats []string
	for i := 0; i < sz.Categories; i++ {
		top := fmt.Sprintf("g-cat-%d", i)
		doc.ServiceCategories = append(doc.ServiceCategories, domain.ServiceCategoryRecord{ServiceCategory: domain.ServiceCategory{
			Meta: meta(top), Name: fmt.Sprintf("Category %d", i), Domain: domain.ServiceDomains[i%3]}})
		for j := 0; j < 2; j++ {
			sub := fmt.Sprintf("g-cat-%d-%d", i, j)
			doc.ServiceCategories = append(doc.ServiceCategories, domain.ServiceCategoryRecord{ServiceCategory: domain.ServiceCategory{
				Meta: meta(sub), Name: fmt.Sprintf("Category %d.%d", i, j), Domain: domain.ServiceDomains[i%3]}, ParentID: top})
			cats = append(cats, sub)
		}
	}
	groups := []string{"g-tg-0", "g-tg-1", "g-tg-2"}
	for i, g := range groups {
		doc.TargetGroups = append(doc.TargetGroups, domain.TargetGroup{Meta: meta(g), Name: fmt.Sprintf("Group %d", i)})
	}
	doc.CooperationAreas = append(doc.CooperationAreas, domain.CooperationAreaRecord{
		CooperationArea: domain.CooperationArea{Meta: meta("g-area-0"), Name: "Area 0"}, CategoryIDs: cats[:min(2, len(cats))]})

	var sts []string
	for i := 0; i < sz.Stakeholders; i++ {
		id := fmt.Sprintf("g-st-%05d", i)
		sts = append(sts, id)
		doc.Stakeholders = append(doc.Stakeholders, domain.StakeholderRecord{Stakeholder: domain.Stakeholder{
			Meta: meta(id), Name: fmt.Sprintf("Stakeholder %05d", i),
			Kind: domain.StakeholderKinds[i%len(domain.StakeholderKinds)], Sector: domain.Sectors[i%3]},
			TerritoryID: munis[rng.IntN(len(munis))], AreaIDs: []string{"g-area-0"}})
		for j := 0; j < sz.ServicesEach; j++ {
			capacity := int64(5 + rng.IntN(50))
			avail := capacity / 2
			doc.Services = append(doc.Services, domain.ServiceRecord{Service: domain.Service{
				Meta: meta(fmt.Sprintf("g-svc-%05d-%d", i, j)), Name: fmt.Sprintf("Service %05d.%d", i, j),
				Status: domain.ServiceStatuses[0], DeliveryMode: domain.DeliveryModes[j%len(domain.DeliveryModes)],
				Capacity: &capacity, Available: &avail},
				ProviderID: id, CategoryIDs: []string{cats[rng.IntN(len(cats))]}, TargetGroupIDs: []string{groups[rng.IntN(3)]},
				CoverageIDs: coverage(rng, munis, max(1, sz.CoverageEach))})
		}
	}
	for i := 0; i < sz.Partnerships; i++ {
		p := domain.PartnershipRecord{Partnership: domain.Partnership{Meta: meta(fmt.Sprintf("g-ps-%d", i)),
			Name: fmt.Sprintf("Partnership %d", i), Kind: domain.PartnershipKinds[i%4], Status: "ACTIVE"},
			AreaIDs: []string{"g-area-0"}, TerritoryID: munis[rng.IntN(len(munis))]}
		// Stakeholder i leads partnership i, so the first stakeholders have
		// every kind of relationship (the round-trip test relies on it).
		p.Parties = append(p.Parties, domain.Party{StakeholderID: sts[i%len(sts)], Role: "LEAD"})
		for _, k := range rng.Perm(len(sts))[:min(len(sts), 3+rng.IntN(3))] {
			if k != i%len(sts) {
				p.Parties = append(p.Parties, domain.Party{StakeholderID: sts[k], Role: "PARTNER"})
			}
		}
		doc.Partnerships = append(doc.Partnerships, p)
	}
	for i := 0; i < sz.Events; i++ {
		e := domain.EventRecord{Event: domain.Event{Meta: meta(fmt.Sprintf("g-ev-%d", i)), Name: fmt.Sprintf("Event %d", i),
			Kind: domain.EventKinds[i%len(domain.EventKinds)], StartDate: domain.NewDate(2018+i%5, time.Month(1+i%12), 1+i%28)},
			TerritoryID: munis[rng.IntN(len(munis))]}
		e.Participants = append(e.Participants, domain.Participation{StakeholderID: sts[i%len(sts)], Role: "ORGANISER"})
		for _, k := range rng.Perm(len(sts))[:min(len(sts), 5+rng.IntN(6))] {
			if k == i%len(sts) {
				continue
			}
			e.Participants = append(e.Participants, domain.Participation{StakeholderID: sts[k], Role: "PARTICIPANT"})
		}
		doc.Events = append(doc.Events, e)
	}
	for i := 0; i < sz.Needs; i++ {
		doc.Needs = append(doc.Needs, domain.NeedRecord{Need: domain.Need{Meta: meta(fmt.Sprintf("g-need-%06d", i)),
			Volume: int64(1 + rng.IntN(200)), Priority: domain.Priorities[i%4], Year: 2020 + i%4},
			TerritoryID: munis[rng.IntN(len(munis))], CategoryID: cats[rng.IntN(len(cats))], TargetGroupID: groups[i%3]})
	}
	for i := 0; i+1 < len(sts); i += 2 {
		doc.ReferralLinks = append(doc.ReferralLinks, domain.ReferralLink{ID: fmt.Sprintf("g-ref-%d", i),
			FromID: sts[i], ToID: sts[i+1], Status: "ACTIVE", CategoryIDs: []string{cats[i%len(cats)]}, Illustrative: true})
	}
	return doc
}

// coverage picks n distinct territories.
func coverage(rng *rand.Rand, munis []string, n int) []string {
	n = min(n, len(munis))
	out := make([]string, 0, n)
	for _, k := range rng.Perm(len(munis))[:n] {
		out = append(out, munis[k])
	}
	return out
}

// ImportBenchSize is the import benchmark's graph: about 106,000 nodes and
// 540,000 relationships.
var ImportBenchSize = Size{Municipalities: 500, Stakeholders: 20000, ServicesEach: 3, Categories: 20,
	Partnerships: 5000, Events: 5000, Needs: 15000, CoverageEach: 3}
