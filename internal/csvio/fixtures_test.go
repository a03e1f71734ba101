package csvio

import (
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// The records the sample files in testdata/csv hold, written out by hand so
// that reading is checked against something it did not produce.

const source = "002_45ff6f81e7e12297.txt"

func ptr[T any](v T) *T { return &v }

func utc(s string) *time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func stakeholder(id, name, nameLocal string, kind domain.StakeholderKind, sector domain.Sector, territory string, areas ...string) domain.StakeholderRecord {
	return domain.StakeholderRecord{
		Stakeholder: domain.Stakeholder{Meta: domain.Meta{ID: id}, Name: name, NameLocal: nameLocal, Kind: kind, Sector: sector},
		TerritoryID: territory, AreaIDs: areas,
	}
}

var wantStakeholders = func() []domain.StakeholderRecord {
	lesichovo := stakeholder("st-lesichovo-municipality", "Lesichovo Municipality", "Община Лесичово", "MUNICIPALITY", "PUBLIC",
		"tr-lesichovo", "area-zone-planning", "area-intermunicipal", "area-health-social", "area-volunteering")
	lesichovo.Description = "Beneficiary of the 2018 project that transferred two Italian social practices; its deputy mayor presented the results at the national conference in Pazardzhik."
	lesichovo.Source = source

	peshtera := stakeholder("st-peshtera-municipality", "Peshtera Municipality", "Община Пещера", "MUNICIPALITY", "PUBLIC",
		"tr-peshtera", "area-intermunicipal", "area-zone-planning", "area-violence-protection")
	peshtera.Description = "Took part in the second training for institutions (Sep 2018)."
	peshtera.Source = source

	asa := stakeholder("st-asa-pazardzhik", "Social Assistance Agency – Pazardzhik", "Агенция за социално подпомагане – Пазарджик", "STATE_AGENCY", "PUBLIC",
		"tr-pazardzhik", "area-intermunicipal", "area-violence-protection", "area-social-inclusion")
	asa.Acronym = "АСП"
	asa.Description = "Took part in the second training for institutions (Sep 2018)."
	asa.Source = source

	crisis := stakeholder("st-crisis-centre-peshtera", "Crisis Centre for persons and children affected by violence – Peshtera",
		"Кризисен център за лица и деца, пострадали от насилие – Пещера", "SOCIAL_SERVICE_PROVIDER", "PUBLIC",
		"tr-peshtera", "area-violence-protection", "area-intermunicipal")
	crisis.Description = "Presented good practices at the national conference (Dec 2018)."
	crisis.IllustrativeFields = []string{"sector"}
	crisis.Source = source

	cts := stakeholder("st-cts", `Association "Centre for Training and Services"`, "Сдружение „Център за обучение и услуги“", "NGO", "NON_PROFIT",
		"tr-pazardzhik", "area-zone-planning", "area-health-social")
	cts.Description = "Carried out the research and analysis of the two Italian social practices; took part in the second training (Sep 2018).\nThe source does not say where it is based."
	cts.IllustrativeFields = []string{"territoryId"}
	cts.Source = source

	homecare := stakeholder("st-homecare-pazardzhik", "Home care provider – Pazardzhik (illustrative)", "Доставчик на грижа в дома – Пазарджик",
		"SOCIAL_SERVICE_PROVIDER", "PRIVATE", "tr-pazardzhik", "area-health-social")
	homecare.Description = "Invented provider of home care and personal assistance."
	homecare.Email = "homecare-pazardzhik@example.org"
	homecare.Phone = "+359 34 000 000"
	homecare.Website = "https://homecare-pazardzhik.example.org"
	homecare.Illustrative = true

	gp := stakeholder("st-gp-lesichovo", "General practice – Lesichovo (illustrative)", "Практика за първична медицинска помощ – Лесичово",
		"HEALTH_PROVIDER", "PRIVATE", "tr-lesichovo", "area-health-social")
	gp.Description = "Invented GP practice."
	gp.Illustrative = true

	return []domain.StakeholderRecord{lesichovo, peshtera, asa, crisis, cts, homecare, gp}
}()

// service builds an illustrative service, as every service of the demo is.
func service(id, name, nameLocal, provider, category string, status domain.ServiceStatus, mode domain.DeliveryMode,
	groups, coverage []string) domain.ServiceRecord {
	return domain.ServiceRecord{
		Service: domain.Service{Meta: domain.Meta{ID: id, Illustrative: true}, Name: name, NameLocal: nameLocal,
			Status: status, DeliveryMode: mode},
		ProviderID: provider, CategoryIDs: idList(category), TargetGroupIDs: groups, CoverageIDs: coverage,
	}
}

// idList is a one-id list, or nil for none.
func idList(id string) []string {
	if id == "" {
		return nil
	}
	return []string{id}
}

var wantServices = func() []domain.ServiceRecord {
	patronage := service("svc-lesichovo-patronage", "Home social patronage – Lesichovo", "Домашен социален патронаж – Лесичово",
		"st-lesichovo-municipality", "cat-home-patronage", "ACTIVE", "OUTREACH",
		[]string{"tg-older-people", "tg-disabilities"}, []string{"tr-lesichovo"})
	patronage.Capacity, patronage.Available = ptr[int64](40), ptr[int64](3)
	patronage.AvailableUpdatedAt = utc("2022-03-01T00:00:00Z")
	patronage.MinAge = ptr(18)
	patronage.Eligibility = "Older people and persons with disabilities unable to care for themselves."

	prevention := service("svc-lesichovo-prevention", "Prevention of anti-social behaviour of minors",
		"Превенция на противообществени прояви на малолетни и непълнолетни", "st-lesichovo-commission", "cat-child-protection",
		"ACTIVE", "IN_PERSON", []string{"tg-children-at-risk", "tg-offenders"}, []string{"tr-lesichovo"})
	prevention.Capacity, prevention.Available = ptr[int64](15), ptr[int64](6)
	prevention.MinAge, prevention.MaxAge = ptr(8), ptr(18)
	prevention.Eligibility = "Minors referred by schools, parents or the police."

	crisis := service("svc-peshtera-crisis-accommodation", "Crisis accommodation – Peshtera", "Кризисно настаняване – Пещера",
		"st-crisis-centre-peshtera", "cat-crisis-accommodation", "ACTIVE", "RESIDENTIAL",
		[]string{"tg-violence-affected", "tg-children-at-risk"}, []string{"tr-peshtera", "tr-bratsigovo", "tr-batak"})
	crisis.Capacity, crisis.Available = ptr[int64](12), ptr[int64](3)
	crisis.AvailableUpdatedAt = utc("2022-06-15T06:30:00Z")
	crisis.Eligibility = "Persons and children affected by violence, placed by the social assistance services; up to 6 months."
	crisis.Description = "Временно настаняване за срок до 6 месеца.\nБроят на свободните места се обновява всяка седмица."

	homecare := service("svc-pazardzhik-home-care", "Home care and personal assistance – Pazardzhik", "Грижа в дома и лична помощ – Пазарджик",
		"st-homecare-pazardzhik", "cat-personal-assistance", "ACTIVE", "OUTREACH",
		[]string{"tg-older-people", "tg-disabilities"}, []string{"tr-pazardzhik", "tr-septemvri"})
	homecare.Capacity, homecare.Available = ptr[int64](60), ptr[int64](0) // full: zero, not unknown
	homecare.AvailableUpdatedAt = utc("2022-09-01T00:00:00Z")
	homecare.Eligibility = "Older people and persons with disabilities; paid or municipally funded places."
	homecare.Email = "homecare-pazardzhik@example.org"
	homecare.URL = "https://homecare-pazardzhik.example.org/services"

	integrated := service("svc-peshtera-integrated-home-care", "Integrated health and social home care – Peshtera and Bratsigovo",
		"Интегрирана здравно-социална грижа в дома – Пещера и Брацигово", "st-homehealth-peshtera", "cat-integrated-home-care",
		"PLANNED", "OUTREACH", []string{"tg-older-people", "tg-disabilities"}, []string{"tr-peshtera", "tr-bratsigovo"})
	integrated.Capacity = ptr[int64](25) // planned: no free places counted yet
	integrated.Eligibility = "Older people and persons with disabilities needing both health and social care."

	referral := service("svc-asa-referral-district", "Social assistance counselling and referral – Pazardzhik district",
		"Консултиране и насочване – област Пазарджик", "st-asa-pazardzhik", "cat-referral-case-mgmt", "ACTIVE", "IN_PERSON",
		[]string{"tg-families", "tg-children-at-risk", "tg-violence-affected", "tg-disabilities", "tg-older-people"},
		[]string{"tr-pazardzhik-district"})
	referral.Capacity, referral.Available = ptr[int64](200), ptr[int64](40)
	referral.Eligibility = "Residents of Pazardzhik district."

	return []domain.ServiceRecord{patronage, prevention, crisis, homecare, integrated, referral}
}()

func need(territory, category, group string, volume int64, priority domain.Priority, year int) domain.NeedRecord {
	return domain.NeedRecord{
		Need: domain.Need{Meta: domain.Meta{ID: "need-" + territory[len("tr-"):] + "-" + category[len("cat-"):] + "-" + group[len("tg-"):],
			Illustrative: true}, Volume: volume, Priority: priority, NeedSource: "illustrative estimate", Year: year},
		TerritoryID: territory, CategoryID: category, TargetGroupID: group,
	}
}

var wantNeeds = func() []domain.NeedRecord {
	lesichovoCrisis := need("tr-lesichovo", "cat-crisis-accommodation", "tg-violence-affected", 4, "HIGH", 2022)
	lesichovoCrisis.Description = "No crisis accommodation covers Lesichovo; the nearest is in Peshtera (two municipalities away)."
	peshteraMental := need("tr-peshtera", "cat-mental-health", "tg-mental-health", 25, "HIGH", 2021)
	peshteraMental.Description = "Няма общностни грижи за психичното здраве в общината, най-близките са в Пазарджик."
	return []domain.NeedRecord{
		lesichovoCrisis,
		need("tr-lesichovo", "cat-home-patronage", "tg-older-people", 55, "MEDIUM", 2022),
		need("tr-lesichovo", "cat-rehab-offenders", "tg-offenders", 5, "LOW", 2021),
		need("tr-peshtera", "cat-home-health", "tg-older-people", 40, "MEDIUM", 2022),
		peshteraMental,
		need("tr-pazardzhik", "cat-personal-assistance", "tg-disabilities", 85, "MEDIUM", 2022),
		need("tr-pazardzhik", "cat-rehab-children", "tg-children-at-risk", 30, "HIGH", 2022),
	}
}()
