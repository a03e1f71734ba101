package api_test

import (
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// ---------------------------------------------------------------------------
// 2. Every filter and order of every root list.

func TestReadFilters(t *testing.T) {
	st, h := demoHandler(t)

	// Each case lists the hand-derived set of ids the filter matches.
	filters := []struct {
		name, list, filter string
		want               []string
	}{
		// Territories (61 in demo.json).
		{"OK territories ids", "territories", `{ids: ["tr-lesichovo", "tr-vratsa", "tr-nope"]}`, []string{"tr-lesichovo", "tr-vratsa"}},
		{"OK territories levels one", "territories", `{levels: [DISTRICT]}`,
			[]string{"tr-burgas-district", "tr-pazardzhik-district", "tr-plovdiv-district", "tr-vratsa-district"}},
		{"OK territories levels two", "territories", `{levels: [COUNTRY, ZONE]}`,
			[]string{"tr-bg", "tr-it", "tr-de", "tr-be", "tr-ch", "tr-es", "tr-zone-pazardzhik-west"}},
		// within excludes the territory itself: Lesichovo's four settlements.
		{"OK territories within municipality", "territories", `{within: "tr-lesichovo"}`,
			[]string{"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo"}},
		// Pazardzhik district: its 12 municipalities, the zone and the 8
		// settlements of its municipalities (4 of Lesichovo, 4 towns).
		{"OK territories within district at any depth", "territories", `{within: "tr-pazardzhik-district"}`,
			[]string{"tr-batak", "tr-belovo", "tr-bratsigovo", "tr-velingrad", "tr-lesichovo", "tr-pazardzhik", "tr-panagyurishte",
				"tr-peshtera", "tr-rakitovo", "tr-septemvri", "tr-strelcha", "tr-sarnitsa", "tr-zone-pazardzhik-west",
				"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo", "tr-pazardzhik-town", "tr-peshtera-town",
				"tr-bratsigovo-town", "tr-strelcha-town"}},
		// The zone: its 7 member municipalities and their 8 settlements.
		{"OK territories within zone", "territories", `{within: "tr-zone-pazardzhik-west"}`,
			[]string{"tr-bratsigovo", "tr-lesichovo", "tr-pazardzhik", "tr-peshtera", "tr-septemvri", "tr-strelcha", "tr-sarnitsa",
				"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo", "tr-pazardzhik-town", "tr-peshtera-town",
				"tr-bratsigovo-town", "tr-strelcha-town"}},
		{"OK territories within and levels", "territories", `{within: "tr-pazardzhik-district", levels: [SETTLEMENT]}`,
			[]string{"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo", "tr-pazardzhik-town", "tr-peshtera-town",
				"tr-bratsigovo-town", "tr-strelcha-town"}},
		// nameLocal containing Лесичово: "Лесичово", "с. Лесичово" and the zone.
		{"OK territories text Cyrillic", "territories", `{text: "Лесичово"}`,
			[]string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK territories text and levels", "territories", `{text: "Лесичово", levels: [MUNICIPALITY]}`, []string{"tr-lesichovo"}},
		{"OK territories text prefix and within", "territories", `{text: "pesh", within: "tr-bg"}`, []string{"tr-peshtera", "tr-peshtera-town"}},

		// Stakeholders (41).
		{"OK stakeholders ids", "stakeholders", `{ids: ["st-csii", "st-naso", "nope"]}`, []string{"st-csii", "st-naso"}},
		{"OK stakeholders kinds", "stakeholders", `{kinds: [MUNICIPALITY]}`,
			[]string{"st-vratsa-municipality", "st-lesichovo-municipality", "st-peshtera-municipality", "st-sarnitsa-municipality",
				"st-bratsigovo-municipality", "st-strelcha-municipality", "st-pazardzhik-municipality", "st-septemvri-municipality"}},
		{"OK stakeholders kinds health", "stakeholders", `{kinds: [HEALTH_PROVIDER]}`,
			[]string{"st-gp-lesichovo", "st-hospital-pazardzhik", "st-mh-centre-pazardzhik", "st-homehealth-peshtera", "st-rehab-velingrad", "st-hospital-vratsa"}},
		{"OK stakeholders sectors", "stakeholders", `{sectors: [PRIVATE]}`,
			[]string{"st-vratsa-media", "st-homecare-pazardzhik", "st-gp-lesichovo", "st-rehab-velingrad"}},
		{"OK stakeholders kinds and sectors", "stakeholders", `{kinds: [HEALTH_PROVIDER], sectors: [PRIVATE]}`,
			[]string{"st-gp-lesichovo", "st-rehab-velingrad"}},
		// Located in the district, its municipalities or their settlements
		// (Kalugerovo: st-csii, st-volunteers-kalugerovo).
		{"OK stakeholders territoryId district includes sub-territories", "stakeholders", `{territoryId: "tr-pazardzhik-district"}`, inPazardzhikDistrict},
		{"OK stakeholders territoryId municipality includes settlements", "stakeholders", `{territoryId: "tr-lesichovo"}`,
			[]string{"st-lesichovo-municipality", "st-rural-initiative", "st-lesichovo-commission", "st-gp-lesichovo", "st-csii", "st-volunteers-kalugerovo"}},
		{"OK stakeholders territoryId zone", "stakeholders", `{territoryId: "tr-zone-pazardzhik-west"}`, inPlanningZone},
		// tr-vratsa (7), the district itself (media), tr-mezdra (youth).
		{"OK stakeholders territoryId Vratsa district", "stakeholders", `{territoryId: "tr-vratsa-district"}`,
			[]string{"st-cci-vratsa", "st-vratsa-municipality", "st-hospital-vratsa", "st-daycare-vratsa", "st-homecare-vratsa",
				"st-sad-vratsa", "st-crisis-centre-vratsa", "st-vratsa-media", "st-youth-ngo-vratsa"}},
		{"OK stakeholders territoryId country", "stakeholders", `{territoryId: "tr-it"}`, []string{"st-ftc", "st-pat"}},
		{"OK stakeholders areaIds one", "stakeholders", `{areaIds: ["area-volunteering"]}`,
			[]string{"st-lesichovo-municipality", "st-csii", "st-rural-initiative", "st-volunteers-kalugerovo", "st-youth-ngo-vratsa"}},
		{"OK stakeholders areaIds any of two", "stakeholders", `{areaIds: ["area-volunteering", "area-violence-protection"]}`,
			[]string{"st-lesichovo-municipality", "st-csii", "st-rural-initiative", "st-volunteers-kalugerovo", "st-youth-ngo-vratsa",
				"st-crisis-centre-peshtera", "st-peshtera-municipality", "st-asa-pazardzhik", "st-lesichovo-commission", "st-sad-vratsa", "st-crisis-centre-vratsa"}},
		// Providers of services in cat-crisis's sub-categories (crisis
		// accommodation, crisis counselling, child protection).
		{"OK stakeholders categoryId includes sub-categories", "stakeholders", `{categoryId: "cat-crisis"}`,
			[]string{"st-crisis-centre-peshtera", "st-lesichovo-commission", "st-crisis-centre-vratsa"}},
		{"OK stakeholders categoryId health", "stakeholders", `{categoryId: "cat-health"}`,
			[]string{"st-gp-lesichovo", "st-homehealth-peshtera", "st-mh-centre-pazardzhik", "st-hospital-vratsa", "st-hospital-pazardzhik", "st-rehab-velingrad"}},
		{"OK stakeholders categoryId leaf", "stakeholders", `{categoryId: "cat-mental-health"}`, []string{"st-mh-centre-pazardzhik", "st-hospital-vratsa"}},
		{"OK stakeholders territoryId and categoryId", "stakeholders", `{territoryId: "tr-pazardzhik-district", categoryId: "cat-health"}`,
			[]string{"st-gp-lesichovo", "st-homehealth-peshtera", "st-mh-centre-pazardzhik", "st-hospital-pazardzhik", "st-rehab-velingrad"}},
		{"OK stakeholders areaIds and sectors", "stakeholders", `{areaIds: ["area-health-social"], sectors: [PRIVATE]}`,
			[]string{"st-homecare-pazardzhik", "st-gp-lesichovo", "st-rehab-velingrad"}},
		// nameLocal (or acronym ТПП-Враца) ending in Враца.
		{"OK stakeholders text Cyrillic", "stakeholders", `{text: "Враца"}`,
			[]string{"st-cci-vratsa", "st-vratsa-municipality", "st-vratsa-media", "st-hospital-vratsa", "st-daycare-vratsa",
				"st-homecare-vratsa", "st-sad-vratsa", "st-crisis-centre-vratsa"}},
		{"OK stakeholders text and kinds", "stakeholders", `{text: "Враца", kinds: [HEALTH_PROVIDER]}`, []string{"st-hospital-vratsa"}},

		// Service categories (26).
		{"OK serviceCategories ids", "serviceCategories", `{ids: ["cat-health", "cat-nope"]}`, []string{"cat-health"}},
		{"OK serviceCategories domains", "serviceCategories", `{domains: [HEALTH]}`,
			[]string{"cat-health", "cat-primary-care", "cat-home-health", "cat-mental-health", "cat-medical-rehab"}},
		{"OK serviceCategories domains integrated", "serviceCategories", `{domains: [INTEGRATED]}`,
			[]string{"cat-info-referral", "cat-info-point", "cat-referral-case-mgmt", "cat-integrated-care", "cat-integrated-home-care", "cat-integrated-mobile-team"}},
		{"OK serviceCategories parentId", "serviceCategories", `{parentId: "cat-health"}`,
			[]string{"cat-primary-care", "cat-home-health", "cat-mental-health", "cat-medical-rehab"}},
		{"OK serviceCategories topLevel true", "serviceCategories", `{topLevel: true}`,
			[]string{"cat-info-referral", "cat-rehab", "cat-crisis", "cat-home-care", "cat-day-care", "cat-health", "cat-integrated-care"}},
		{"OK serviceCategories topLevel false", "serviceCategories", `{topLevel: false}`,
			[]string{"cat-info-point", "cat-referral-case-mgmt", "cat-community-initiatives", "cat-rehab-offenders", "cat-rehab-children",
				"cat-rehab-disabilities", "cat-crisis-accommodation", "cat-crisis-counselling", "cat-child-protection", "cat-home-patronage",
				"cat-personal-assistance", "cat-day-care-disabilities", "cat-day-care-elderly", "cat-primary-care", "cat-home-health",
				"cat-mental-health", "cat-medical-rehab", "cat-integrated-home-care", "cat-integrated-mobile-team"}},
		{"OK serviceCategories domains and topLevel true", "serviceCategories", `{domains: [SOCIAL], topLevel: true}`,
			[]string{"cat-rehab", "cat-crisis", "cat-home-care", "cat-day-care"}},
		{"OK serviceCategories domains and topLevel false", "serviceCategories", `{domains: [INTEGRATED], topLevel: false}`,
			[]string{"cat-info-point", "cat-referral-case-mgmt", "cat-integrated-home-care", "cat-integrated-mobile-team"}},
		{"OK serviceCategories text", "serviceCategories", `{text: "rehabilitation"}`,
			[]string{"cat-rehab", "cat-rehab-offenders", "cat-rehab-children", "cat-rehab-disabilities", "cat-medical-rehab"}},
		{"OK serviceCategories text and domains", "serviceCategories", `{text: "rehabilitation", domains: [HEALTH]}`, []string{"cat-medical-rehab"}},

		// Target groups (8).
		{"OK targetGroups ids", "targetGroups", `{ids: ["tg-older-people", "tg-young-people", "nope"]}`, []string{"tg-older-people", "tg-young-people"}},
		{"OK targetGroups text", "targetGroups", `{text: "violence"}`, []string{"tg-violence-affected"}},
		{"OK targetGroups text two hits", "targetGroups", `{text: "people"}`, []string{"tg-older-people", "tg-young-people"}},
		{"OK targetGroups text and ids", "targetGroups", `{text: "people", ids: ["tg-young-people", "tg-families"]}`, []string{"tg-young-people"}},

		// Services (29).
		{"OK services ids", "services", `{ids: ["svc-csii-referral", "nope"]}`, []string{"svc-csii-referral"}},
		{"OK services statuses", "services", `{statuses: [PLANNED]}`, []string{"svc-peshtera-integrated-home-care"}},
		{"OK services statuses two", "services", `{statuses: [PLANNED, SUSPENDED]}`, []string{"svc-peshtera-integrated-home-care", "svc-vratsa-elderly-day-care"}},
		{"OK services deliveryModes", "services", `{deliveryModes: [RESIDENTIAL]}`,
			[]string{"svc-peshtera-crisis-accommodation", "svc-velingrad-medical-rehab", "svc-vratsa-crisis-accommodation"}},
		{"OK services deliveryModes day care", "services", `{deliveryModes: [DAY_CARE]}`,
			[]string{"svc-csri-offenders", "svc-plovdiv-children-rehab", "svc-vratsa-elderly-day-care", "svc-vratsa-disabilities-day-care"}},
		// Services in crisis accommodation, crisis counselling, child protection.
		{"OK services categoryId includes sub-categories", "services", `{categoryId: "cat-crisis"}`,
			[]string{"svc-peshtera-crisis-accommodation", "svc-peshtera-crisis-counselling", "svc-lesichovo-prevention", "svc-vratsa-crisis-accommodation"}},
		{"OK services categoryId home care", "services", `{categoryId: "cat-home-care"}`,
			[]string{"svc-lesichovo-patronage", "svc-vratsa-patronage", "svc-lesichovo-personal-assistance", "svc-pazardzhik-home-care", "svc-vratsa-personal-assistance"}},
		{"OK services targetGroupIds", "services", `{targetGroupIds: ["tg-mental-health"]}`,
			[]string{"svc-pazardzhik-mental-health", "svc-vratsa-mental-health"}},
		{"OK services targetGroupIds any of two", "services", `{targetGroupIds: ["tg-offenders", "tg-mental-health"]}`,
			[]string{"svc-pazardzhik-mental-health", "svc-vratsa-mental-health", "svc-lesichovo-prevention", "svc-csri-offenders"}},
		// Available in Kalugerovo: covering Kalugerovo (1), its
		// municipality Lesichovo (7) or its district (2).
		{"OK services territoryId covered through ancestors", "services", `{territoryId: "tr-kalugerovo"}`,
			[]string{"svc-kalugerovo-volunteers", "svc-csii-info-point", "svc-csii-referral", "svc-csii-volunteering", "svc-lesichovo-patronage",
				"svc-lesichovo-personal-assistance", "svc-lesichovo-gp", "svc-lesichovo-prevention", "svc-asa-referral-district", "svc-pazardzhik-medical-rehab"}},
		// Available in Vratsa district: covering the district (2) or one of
		// its municipalities (7 in Vratsa, the Mezdra youth service).
		{"OK services territoryId covered through sub-territories", "services", `{territoryId: "tr-vratsa-district"}`,
			[]string{"svc-vratsa-mental-health", "svc-vratsa-crisis-accommodation", "svc-vratsa-patronage", "svc-vratsa-personal-assistance",
				"svc-vratsa-elderly-day-care", "svc-vratsa-disabilities-day-care", "svc-vratsa-integrated-home-care", "svc-vratsa-mobile-team",
				"svc-vratsa-referral", "svc-mezdra-youth"}},
		{"OK services territoryId settlement", "services", `{territoryId: "tr-vratsa-town"}`,
			[]string{"svc-vratsa-mental-health", "svc-vratsa-crisis-accommodation", "svc-vratsa-patronage", "svc-vratsa-personal-assistance",
				"svc-vratsa-elderly-day-care", "svc-vratsa-disabilities-day-care", "svc-vratsa-integrated-home-care", "svc-vratsa-mobile-team",
				"svc-vratsa-referral"}},
		// Available in the zone: covering a member municipality (Lesichovo 7,
		// Peshtera 5, Pazardzhik 2 more, Sarnitsa 1 — Bratsigovo's and
		// Septemvri's are among those), a settlement of one (Kalugerovo 1),
		// or the district above the zone (2).
		{"OK services territoryId zone", "services", `{territoryId: "tr-zone-pazardzhik-west"}`,
			[]string{"svc-csii-info-point", "svc-csii-referral", "svc-csii-volunteering", "svc-lesichovo-patronage",
				"svc-lesichovo-personal-assistance", "svc-lesichovo-gp", "svc-lesichovo-prevention", "svc-kalugerovo-volunteers",
				"svc-peshtera-crisis-accommodation", "svc-peshtera-crisis-counselling", "svc-csri-offenders", "svc-peshtera-home-health",
				"svc-peshtera-integrated-home-care", "svc-pazardzhik-home-care", "svc-pazardzhik-mental-health",
				"svc-velingrad-medical-rehab", "svc-asa-referral-district", "svc-pazardzhik-medical-rehab"}},
		{"OK services providerId", "services", `{providerId: "st-vratsa-municipality"}`,
			[]string{"svc-vratsa-patronage", "svc-vratsa-personal-assistance", "svc-vratsa-elderly-day-care"}},
		{"OK services text", "services", `{text: "Peshtera"}`,
			[]string{"svc-peshtera-crisis-accommodation", "svc-peshtera-crisis-counselling", "svc-peshtera-home-health", "svc-peshtera-integrated-home-care"}},
		{"OK services categoryId and territoryId", "services", `{categoryId: "cat-info-referral", territoryId: "tr-kalugerovo"}`,
			[]string{"svc-kalugerovo-volunteers", "svc-csii-info-point", "svc-csii-referral", "svc-csii-volunteering", "svc-asa-referral-district"}},
		// Available in Peshtera, ACTIVE and OUTREACH: only the home health care.
		{"OK services statuses deliveryModes territoryId", "services", `{statuses: [ACTIVE], deliveryModes: [OUTREACH], territoryId: "tr-peshtera"}`,
			[]string{"svc-peshtera-home-health"}},

		// Needs (44).
		{"OK needs ids", "needs", `{ids: ["need-vratsa-home-patronage-older-people", "nope"]}`, []string{"need-vratsa-home-patronage-older-people"}},
		{"OK needs territoryId", "needs", `{territoryId: "tr-lesichovo"}`,
			[]string{"need-lesichovo-crisis-accommodation-violence-affected", "need-lesichovo-mental-health-mental-health",
				"need-lesichovo-home-patronage-older-people", "need-lesichovo-personal-assistance-disabilities",
				"need-lesichovo-child-protection-children-at-risk", "need-lesichovo-rehab-offenders-offenders",
				"need-lesichovo-integrated-home-care-older-people", "need-lesichovo-day-care-elderly-older-people"}},
		// Vratsa (6), Mezdra (2), Krivodol (2), Byala Slatina (1), Kozloduy (1).
		{"OK needs territoryId includes sub-territories", "needs", `{territoryId: "tr-vratsa-district"}`,
			[]string{"need-vratsa-integrated-home-care-older-people", "need-vratsa-day-care-elderly-older-people",
				"need-vratsa-day-care-disabilities-disabilities", "need-vratsa-mental-health-mental-health",
				"need-vratsa-crisis-accommodation-violence-affected", "need-vratsa-home-patronage-older-people",
				"need-mezdra-integrated-home-care-older-people", "need-mezdra-community-initiatives-young-people",
				"need-krivodol-integrated-mobile-team-older-people", "need-krivodol-personal-assistance-disabilities",
				"need-byala-slatina-home-patronage-older-people", "need-kozloduy-rehab-children-children-at-risk"}},
		// Home patronage (6) and personal assistance (4) needs.
		{"OK needs categoryId includes sub-categories", "needs", `{categoryId: "cat-home-care"}`,
			[]string{"need-lesichovo-home-patronage-older-people", "need-bratsigovo-home-patronage-older-people",
				"need-sarnitsa-home-patronage-older-people", "need-strelcha-home-patronage-older-people",
				"need-vratsa-home-patronage-older-people", "need-byala-slatina-home-patronage-older-people",
				"need-lesichovo-personal-assistance-disabilities", "need-pazardzhik-personal-assistance-disabilities",
				"need-septemvri-personal-assistance-disabilities", "need-krivodol-personal-assistance-disabilities"}},
		{"OK needs targetGroupIds", "needs", `{targetGroupIds: ["tg-mental-health"]}`,
			[]string{"need-lesichovo-mental-health-mental-health", "need-peshtera-mental-health-mental-health",
				"need-pazardzhik-mental-health-mental-health", "need-vratsa-mental-health-mental-health"}},
		{"OK needs priorities", "needs", `{priorities: [CRITICAL]}`,
			[]string{"need-plovdiv-crisis-accommodation-violence-affected", "need-vratsa-home-patronage-older-people"}},
		{"OK needs year", "needs", `{year: 2021}`,
			[]string{"need-lesichovo-child-protection-children-at-risk", "need-lesichovo-rehab-offenders-offenders",
				"need-lesichovo-day-care-elderly-older-people", "need-peshtera-rehab-offenders-offenders",
				"need-peshtera-mental-health-mental-health", "need-pazardzhik-rehab-offenders-offenders",
				"need-pazardzhik-day-care-disabilities-disabilities", "need-bratsigovo-home-patronage-older-people",
				"need-bratsigovo-info-point-families", "need-sarnitsa-info-point-families",
				"need-strelcha-referral-case-mgmt-families", "need-septemvri-rehab-children-children-at-risk",
				"need-vratsa-mental-health-mental-health", "need-mezdra-community-initiatives-young-people",
				"need-krivodol-personal-assistance-disabilities", "need-kozloduy-rehab-children-children-at-risk"}},
		{"OK needs territoryId and priorities", "needs", `{territoryId: "tr-vratsa-district", priorities: [HIGH]}`,
			[]string{"need-vratsa-integrated-home-care-older-people", "need-vratsa-day-care-elderly-older-people",
				"need-vratsa-mental-health-mental-health", "need-krivodol-integrated-mobile-team-older-people",
				"need-byala-slatina-home-patronage-older-people"}},
		{"OK needs categoryId and year", "needs", `{categoryId: "cat-home-care", year: 2021}`,
			[]string{"need-bratsigovo-home-patronage-older-people", "need-krivodol-personal-assistance-disabilities"}},
		// Zone members' needs in the crisis sub-tree.
		{"OK needs territoryId zone and categoryId", "needs", `{territoryId: "tr-zone-pazardzhik-west", categoryId: "cat-crisis"}`,
			[]string{"need-lesichovo-crisis-accommodation-violence-affected", "need-lesichovo-child-protection-children-at-risk",
				"need-peshtera-crisis-accommodation-violence-affected", "need-pazardzhik-crisis-accommodation-violence-affected",
				"need-bratsigovo-crisis-accommodation-violence-affected"}},

		// Cooperation areas (6).
		{"OK cooperationAreas ids", "cooperationAreas", `{ids: ["area-volunteering", "nope"]}`, []string{"area-volunteering"}},
		{"OK cooperationAreas categoryId includes sub-categories", "cooperationAreas", `{categoryId: "cat-crisis"}`,
			[]string{"area-intermunicipal", "area-violence-protection"}},
		{"OK cooperationAreas categoryId info-referral", "cooperationAreas", `{categoryId: "cat-info-referral"}`,
			[]string{"area-health-social", "area-intermunicipal", "area-zone-planning", "area-volunteering"}},
		{"OK cooperationAreas categoryId health", "cooperationAreas", `{categoryId: "cat-health"}`, []string{"area-health-social"}},
		{"OK cooperationAreas stakeholderId", "cooperationAreas", `{stakeholderId: "st-csii"}`,
			[]string{"area-volunteering", "area-intermunicipal", "area-zone-planning", "area-health-social"}},
		{"OK cooperationAreas text", "cooperationAreas", `{text: "violence"}`, []string{"area-violence-protection"}},
		{"OK cooperationAreas categoryId and stakeholderId", "cooperationAreas", `{categoryId: "cat-info-referral", stakeholderId: "st-peshtera-municipality"}`,
			[]string{"area-intermunicipal", "area-zone-planning"}},

		// Partnerships (4).
		{"OK partnerships ids", "partnerships", `{ids: ["ps-dialog-consortium", "nope"]}`, []string{"ps-dialog-consortium"}},
		{"OK partnerships kinds", "partnerships", `{kinds: [NETWORK]}`, []string{"ps-zone-planning-network"}},
		{"OK partnerships kinds two", "partnerships", `{kinds: [AGREEMENT, MEMORANDUM]}`,
			[]string{"ps-vratsa-platform-agreement", "ps-pazardzhik-referral-memorandum"}},
		{"OK partnerships statuses", "partnerships", `{statuses: [ACTIVE]}`, []string{"ps-vratsa-platform-agreement", "ps-zone-planning-network"}},
		// The memorandum is about the district, the network about the zone inside it.
		{"OK partnerships territoryId includes sub-territories", "partnerships", `{territoryId: "tr-pazardzhik-district"}`,
			[]string{"ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK partnerships territoryId Vratsa district", "partnerships", `{territoryId: "tr-vratsa-district"}`, []string{"ps-vratsa-platform-agreement"}},
		{"OK partnerships areaIds", "partnerships", `{areaIds: ["area-intermunicipal"]}`,
			[]string{"ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK partnerships areaIds health", "partnerships", `{areaIds: ["area-health-social"]}`,
			[]string{"ps-dialog-consortium", "ps-vratsa-platform-agreement"}},
		{"OK partnerships stakeholderId", "partnerships", `{stakeholderId: "st-lesichovo-municipality"}`,
			[]string{"ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK partnerships stakeholderId CCI", "partnerships", `{stakeholderId: "st-cci-vratsa"}`,
			[]string{"ps-dialog-consortium", "ps-vratsa-platform-agreement"}},
		{"OK partnerships projectId", "partnerships", `{projectId: "prj-lesichovo"}`, []string{"ps-zone-planning-network"}},
		{"OK partnerships projectId SOCIAL-D", "partnerships", `{projectId: "prj-social-d"}`, []string{"ps-vratsa-platform-agreement"}},
		// validFrom: agreement 2022-02-01, network 2019-03-01; the
		// consortium and the memorandum have no dates (open ends).
		{"OK partnerships activeOn before all starts", "partnerships", `{activeOn: "2019-01-01"}`,
			[]string{"ps-dialog-consortium", "ps-pazardzhik-referral-memorandum"}},
		{"OK partnerships activeOn", "partnerships", `{activeOn: "2020-01-01"}`,
			[]string{"ps-dialog-consortium", "ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK partnerships activeOn first day", "partnerships", `{activeOn: "2022-02-01"}`,
			[]string{"ps-dialog-consortium", "ps-pazardzhik-referral-memorandum", "ps-zone-planning-network", "ps-vratsa-platform-agreement"}},
		{"OK partnerships statuses and activeOn", "partnerships", `{statuses: [ACTIVE], activeOn: "2020-01-01"}`, []string{"ps-zone-planning-network"}},
		{"OK partnerships stakeholderId and kinds", "partnerships", `{stakeholderId: "st-csii", kinds: [NETWORK]}`, []string{"ps-zone-planning-network"}},
		{"OK partnerships text", "partnerships", `{text: "memorandum"}`, []string{"ps-pazardzhik-referral-memorandum"}},

		// Practices (5).
		{"OK practices ids", "practices", `{ids: ["pr-i-plan", "nope"]}`, []string{"pr-i-plan"}},
		{"OK practices territoryId transferred", "practices", `{territoryId: "tr-lesichovo"}`, []string{"pr-citta-sociale", "pr-i-plan"}},
		// Italy: three originate in tr-it, one in Campania, one in Trento.
		{"OK practices territoryId origin includes sub-territories", "practices", `{territoryId: "tr-it"}`,
			[]string{"pr-citta-sociale", "pr-i-plan", "pr-campania-joint-planning", "pr-territorial-zone-planning", "pr-trento-model"}},
		// The district: two transferred to Lesichovo, one to the zone.
		{"OK practices territoryId district", "practices", `{territoryId: "tr-pazardzhik-district"}`,
			[]string{"pr-citta-sociale", "pr-i-plan", "pr-territorial-zone-planning"}},
		{"OK practices territoryId Vratsa district", "practices", `{territoryId: "tr-vratsa-district"}`, []string{"pr-trento-model"}},
		{"OK practices territoryId region", "practices", `{territoryId: "tr-campania"}`, []string{"pr-campania-joint-planning"}},
		{"OK practices projectId", "practices", `{projectId: "prj-lesichovo"}`,
			[]string{"pr-citta-sociale", "pr-i-plan", "pr-campania-joint-planning", "pr-territorial-zone-planning"}},
		{"OK practices projectId SOCIAL-D", "practices", `{projectId: "prj-social-d"}`, []string{"pr-trento-model"}},
		{"OK practices stakeholderId", "practices", `{stakeholderId: "st-lesichovo-municipality"}`,
			[]string{"pr-citta-sociale", "pr-i-plan", "pr-territorial-zone-planning"}},
		{"OK practices territoryId and stakeholderId", "practices", `{territoryId: "tr-pazardzhik-district", stakeholderId: "st-csii"}`,
			[]string{"pr-citta-sociale", "pr-i-plan"}},
		{"OK practices text", "practices", `{text: "Trento"}`, []string{"pr-trento-model"}},

		// Projects (3).
		{"OK projects ids", "projects", `{ids: ["prj-dialog", "nope"]}`, []string{"prj-dialog"}},
		{"OK projects stakeholderId", "projects", `{stakeholderId: "st-cci-vratsa"}`, []string{"prj-dialog", "prj-social-d"}},
		{"OK projects stakeholderId expert", "projects", `{stakeholderId: "st-cts"}`, []string{"prj-lesichovo"}},
		{"OK projects text", "projects", `{text: "Interreg"}`, []string{"prj-dialog"}},
		// DIALOG is the acronym of one and named in SOCIAL-D's description.
		{"OK projects text acronym", "projects", `{text: "DIALOG"}`, []string{"prj-dialog", "prj-social-d"}},
		{"OK projects stakeholderId and text", "projects", `{stakeholderId: "st-cci-vratsa", text: "Interreg"}`, []string{"prj-dialog"}},

		// Events (12).
		{"OK events ids", "events", `{ids: ["ev-training-1", "nope"]}`, []string{"ev-training-1"}},
		{"OK events kinds", "events", `{kinds: [INFO_DAY]}`, []string{"ev-infoday-sarnitsa", "ev-infoday-bratsigovo", "ev-infoday-strelcha"}},
		{"OK events kinds two", "events", `{kinds: [TRAINING, CONFERENCE]}`, []string{"ev-training-1", "ev-training-2", "ev-national-conference"}},
		// Held in Pazardzhik, Kalugerovo, Lesichovo, Sarnitsa, Bratsigovo,
		// Strelcha (training 1 was at Sunny Beach, Burgas district).
		{"OK events territoryId includes sub-territories", "events", `{territoryId: "tr-pazardzhik-district"}`,
			[]string{"ev-national-conference", "ev-csii-open-day", "ev-training-2", "ev-infoday-sarnitsa", "ev-infoday-bratsigovo", "ev-infoday-strelcha"}},
		{"OK events territoryId municipality includes settlements", "events", `{territoryId: "tr-lesichovo"}`, []string{"ev-csii-open-day", "ev-training-2"}},
		{"OK events territoryId Vratsa district", "events", `{territoryId: "tr-vratsa-district"}`,
			[]string{"ev-social-d-press-conference", "ev-vratsa-working-meetings", "ev-visit-vratsa", "ev-social-d-campaign"}},
		{"OK events territoryId country", "events", `{territoryId: "tr-it"}`, []string{"ev-visit-trento"}},
		{"OK events projectId", "events", `{projectId: "prj-social-d"}`,
			[]string{"ev-social-d-press-conference", "ev-vratsa-working-meetings", "ev-visit-trento", "ev-visit-vratsa", "ev-social-d-campaign"}},
		{"OK events stakeholderId", "events", `{stakeholderId: "st-lesichovo-municipality"}`,
			[]string{"ev-national-conference", "ev-training-1", "ev-infoday-sarnitsa", "ev-infoday-bratsigovo", "ev-infoday-strelcha"}},
		{"OK events from", "events", `{from: "2022-01-01"}`, []string{"ev-social-d-press-conference", "ev-social-d-campaign"}},
		{"OK events to", "events", `{to: "2018-09-30"}`, []string{"ev-training-1", "ev-training-2"}},
		{"OK events from and to inclusive", "events", `{from: "2018-10-19", to: "2018-10-30"}`, []string{"ev-infoday-sarnitsa", "ev-infoday-bratsigovo"}},
		{"OK events from and kinds", "events", `{from: "2021-01-01", kinds: [STUDY_VISIT]}`, []string{"ev-visit-trento", "ev-visit-vratsa"}},
		{"OK events projectId and territoryId", "events", `{projectId: "prj-lesichovo", territoryId: "tr-lesichovo"}`, []string{"ev-csii-open-day", "ev-training-2"}},
		{"OK events stakeholderId and to", "events", `{stakeholderId: "st-cci-vratsa", to: "2021-12-31"}`,
			[]string{"ev-vratsa-working-meetings", "ev-visit-trento", "ev-visit-vratsa"}},
		{"OK events text", "events", `{text: "Trento"}`, []string{"ev-visit-trento"}},
	}
	for _, tc := range filters {
		t.Run(tc.name, func(t *testing.T) {
			c := list(t, h, st, tc.list, "filter: "+tc.filter+", first: 100", nil)
			sameSet(t, c.ids(), tc.want)
			if c.TotalCount == nil || *c.TotalCount != len(tc.want) {
				t.Errorf("totalCount %v, want %d", c.TotalCount, len(tc.want))
			}
			if c.PageInfo.HasNextPage || c.PageInfo.HasPreviousPage {
				t.Errorf("pageInfo %+v, want a single page", c.PageInfo)
			}
		})
	}

	// Unknown ids in filters select nothing; they are not errors.
	unknown := []struct{ list, filter string }{
		{"territories", `{within: "tr-nope"}`},
		{"territories", `{ids: ["tr-nope"]}`},
		{"stakeholders", `{territoryId: "tr-nope"}`},
		{"stakeholders", `{areaIds: ["area-nope"]}`},
		{"stakeholders", `{categoryId: "cat-nope"}`},
		{"serviceCategories", `{parentId: "cat-nope"}`},
		{"targetGroups", `{ids: ["tg-nope"]}`},
		{"services", `{categoryId: "cat-nope"}`},
		{"services", `{targetGroupIds: ["tg-nope"]}`},
		{"services", `{territoryId: "tr-nope"}`},
		{"services", `{providerId: "st-nope"}`},
		{"needs", `{territoryId: "tr-nope"}`},
		{"needs", `{categoryId: "cat-nope"}`},
		{"needs", `{targetGroupIds: ["tg-nope"]}`},
		{"cooperationAreas", `{categoryId: "cat-nope"}`},
		{"cooperationAreas", `{stakeholderId: "st-nope"}`},
		{"partnerships", `{territoryId: "tr-nope"}`},
		{"partnerships", `{areaIds: ["area-nope"]}`},
		{"partnerships", `{stakeholderId: "st-nope"}`},
		{"partnerships", `{projectId: "prj-nope"}`},
		{"practices", `{territoryId: "tr-nope"}`},
		{"practices", `{projectId: "prj-nope"}`},
		{"practices", `{stakeholderId: "st-nope"}`},
		{"projects", `{stakeholderId: "st-nope"}`},
		{"events", `{territoryId: "tr-nope"}`},
		{"events", `{projectId: "prj-nope"}`},
		{"events", `{stakeholderId: "st-nope"}`},
	}
	for _, tc := range unknown {
		t.Run("OK "+tc.list+" unknown id "+tc.filter, func(t *testing.T) {
			c := list(t, h, st, tc.list, "filter: "+tc.filter, nil)
			if len(c.Nodes) != 0 || len(c.Edges) != 0 || c.TotalCount == nil || *c.TotalCount != 0 ||
				c.PageInfo.HasNextPage || c.PageInfo.StartCursor != nil || c.PageInfo.EndCursor != nil {
				t.Errorf("want an empty connection, got %+v", c)
			}
		})
	}

	// Orders: the default of each list and every order field both ways.
	orders := []struct {
		name, list, args string
		want             []string
	}{
		// Defaults.
		{"OK stakeholders default order by name", "stakeholders", `first: 5`,
			[]string{"st-cts", "st-equal-start", "st-rural-initiative", "st-pat", "st-bratsigovo-municipality"}},
		// Volumes 170, 120, 85, 70, then three of 60 by id (bratsigovo <
		// byala-slatina < pazardzhik).
		{"OK needs default order by volume desc", "needs", `first: 7`,
			[]string{"need-vratsa-home-patronage-older-people", "need-plovdiv-rehab-children-children-at-risk",
				"need-pazardzhik-personal-assistance-disabilities", "need-vratsa-integrated-home-care-older-people",
				"need-bratsigovo-info-point-families", "need-byala-slatina-home-patronage-older-people",
				"need-pazardzhik-mental-health-mental-health"}},
		// All 12 by start date, newest first; the two of 2018-12-11 by id.
		{"OK events default order by startDate desc", "events", `first: 20`,
			[]string{"ev-social-d-press-conference", "ev-social-d-campaign", "ev-visit-vratsa", "ev-visit-trento",
				"ev-vratsa-working-meetings", "ev-csii-open-day", "ev-national-conference", "ev-infoday-strelcha",
				"ev-infoday-bratsigovo", "ev-infoday-sarnitsa", "ev-training-2", "ev-training-1"}},
		{"OK territories default order by name", "territories", `filter: {within: "tr-lesichovo"}`,
			[]string{"tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo"}},
		{"OK services default order by name", "services", `filter: {providerId: "st-vratsa-municipality"}`,
			[]string{"svc-vratsa-elderly-day-care", "svc-vratsa-patronage", "svc-vratsa-personal-assistance"}},
		{"OK partnerships default order by name", "partnerships", ``,
			[]string{"ps-vratsa-platform-agreement", "ps-dialog-consortium", "ps-pazardzhik-referral-memorandum", "ps-zone-planning-network"}},
		{"OK projects default order by name", "projects", ``, []string{"prj-dialog", "prj-lesichovo", "prj-social-d"}},
		{"OK serviceCategories default order by name", "serviceCategories", `filter: {parentId: "cat-health"}`,
			[]string{"cat-home-health", "cat-medical-rehab", "cat-mental-health", "cat-primary-care"}},
		{"OK targetGroups default order by name", "targetGroups", ``,
			[]string{"tg-children-at-risk", "tg-families", "tg-offenders", "tg-older-people", "tg-violence-affected",
				"tg-disabilities", "tg-mental-health", "tg-young-people"}},
		{"OK cooperationAreas default order by name", "cooperationAreas", ``,
			[]string{"area-health-social", "area-intermunicipal", "area-violence-protection", "area-social-inclusion",
				"area-zone-planning", "area-volunteering"}},
		{"OK practices default order by name", "practices", ``,
			[]string{"pr-citta-sociale", "pr-trento-model", "pr-i-plan", "pr-campania-joint-planning", "pr-territorial-zone-planning"}},

		// Territories: districts by name and by population (Vratsa 159000
		// < Pazardzhik 230000 < Burgas 378000 < Plovdiv 634000).
		{"OK territories order NAME ASC", "territories", `filter: {levels: [DISTRICT]}, orderBy: {field: NAME}`,
			[]string{"tr-burgas-district", "tr-pazardzhik-district", "tr-plovdiv-district", "tr-vratsa-district"}},
		{"OK territories order NAME DESC", "territories", `filter: {levels: [DISTRICT]}, orderBy: {field: NAME, direction: DESC}`,
			[]string{"tr-vratsa-district", "tr-plovdiv-district", "tr-pazardzhik-district", "tr-burgas-district"}},
		{"OK territories order POPULATION ASC", "territories", `filter: {levels: [DISTRICT]}, orderBy: {field: POPULATION, direction: ASC}`,
			[]string{"tr-vratsa-district", "tr-pazardzhik-district", "tr-burgas-district", "tr-plovdiv-district"}},
		{"OK territories order POPULATION DESC", "territories", `filter: {levels: [DISTRICT]}, orderBy: {field: POPULATION, direction: DESC}`,
			[]string{"tr-plovdiv-district", "tr-burgas-district", "tr-pazardzhik-district", "tr-vratsa-district"}},
		// Only Bulgaria has a population among the countries: the others
		// come last in both directions, by id.
		{"OK territories order POPULATION ASC unknown last", "territories", `filter: {levels: [COUNTRY]}, orderBy: {field: POPULATION}`,
			[]string{"tr-bg", "tr-be", "tr-ch", "tr-de", "tr-es", "tr-it"}},
		{"OK territories order POPULATION DESC unknown last", "territories", `filter: {levels: [COUNTRY]}, orderBy: {field: POPULATION, direction: DESC}`,
			[]string{"tr-bg", "tr-be", "tr-ch", "tr-de", "tr-es", "tr-it"}},

		// Stakeholders: the 8 municipalities by name.
		{"OK stakeholders order NAME ASC", "stakeholders", `filter: {kinds: [MUNICIPALITY]}, orderBy: {field: NAME, direction: ASC}`,
			[]string{"st-bratsigovo-municipality", "st-lesichovo-municipality", "st-pazardzhik-municipality", "st-peshtera-municipality",
				"st-sarnitsa-municipality", "st-septemvri-municipality", "st-strelcha-municipality", "st-vratsa-municipality"}},
		{"OK stakeholders order NAME DESC", "stakeholders", `filter: {kinds: [MUNICIPALITY]}, orderBy: {field: NAME, direction: DESC}`,
			[]string{"st-vratsa-municipality", "st-strelcha-municipality", "st-septemvri-municipality", "st-sarnitsa-municipality",
				"st-peshtera-municipality", "st-pazardzhik-municipality", "st-lesichovo-municipality", "st-bratsigovo-municipality"}},
		// A text filter with an explicit order sorts by the order, not by score.
		{"OK stakeholders text with order NAME", "stakeholders", `filter: {text: "Враца"}, orderBy: {field: NAME}`,
			[]string{"st-cci-vratsa", "st-crisis-centre-vratsa", "st-daycare-vratsa", "st-homecare-vratsa", "st-vratsa-media",
				"st-hospital-vratsa", "st-sad-vratsa", "st-vratsa-municipality"}},

		// Services in home care: capacity 20, 40, 60, 90, 150 and
		// available 2, 3, 8, 7, 10 (Lesichovo PA, Lesichovo patronage,
		// Pazardzhik home care, Vratsa PA, Vratsa patronage).
		{"OK services order NAME ASC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: NAME}`,
			[]string{"svc-pazardzhik-home-care", "svc-lesichovo-patronage", "svc-vratsa-patronage", "svc-lesichovo-personal-assistance", "svc-vratsa-personal-assistance"}},
		{"OK services order NAME DESC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: NAME, direction: DESC}`,
			[]string{"svc-vratsa-personal-assistance", "svc-lesichovo-personal-assistance", "svc-vratsa-patronage", "svc-lesichovo-patronage", "svc-pazardzhik-home-care"}},
		{"OK services order CAPACITY ASC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: CAPACITY}`,
			[]string{"svc-lesichovo-personal-assistance", "svc-lesichovo-patronage", "svc-pazardzhik-home-care", "svc-vratsa-personal-assistance", "svc-vratsa-patronage"}},
		{"OK services order CAPACITY DESC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: CAPACITY, direction: DESC}`,
			[]string{"svc-vratsa-patronage", "svc-vratsa-personal-assistance", "svc-pazardzhik-home-care", "svc-lesichovo-patronage", "svc-lesichovo-personal-assistance"}},
		{"OK services order AVAILABLE ASC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: AVAILABLE}`,
			[]string{"svc-lesichovo-personal-assistance", "svc-lesichovo-patronage", "svc-vratsa-personal-assistance", "svc-pazardzhik-home-care", "svc-vratsa-patronage"}},
		{"OK services order AVAILABLE DESC", "services", `filter: {categoryId: "cat-home-care"}, orderBy: {field: AVAILABLE, direction: DESC}`,
			[]string{"svc-vratsa-patronage", "svc-pazardzhik-home-care", "svc-vratsa-personal-assistance", "svc-lesichovo-patronage", "svc-lesichovo-personal-assistance"}},
		// The planned integrated home care has no available figure: last both ways.
		{"OK services order AVAILABLE ASC unknown last", "services", `filter: {providerId: "st-homehealth-peshtera"}, orderBy: {field: AVAILABLE}`,
			[]string{"svc-peshtera-home-health", "svc-peshtera-integrated-home-care"}},
		{"OK services order AVAILABLE DESC unknown last", "services", `filter: {providerId: "st-homehealth-peshtera"}, orderBy: {field: AVAILABLE, direction: DESC}`,
			[]string{"svc-peshtera-home-health", "svc-peshtera-integrated-home-care"}},
		{"OK services order CAPACITY ASC two", "services", `filter: {providerId: "st-homehealth-peshtera"}, orderBy: {field: CAPACITY}`,
			[]string{"svc-peshtera-integrated-home-care", "svc-peshtera-home-health"}},

		// Strelcha needs: home patronage 35 (2022), referral 25 (2021),
		// integrated home care 18 (2022).
		{"OK needs order VOLUME DESC", "needs", `filter: {territoryId: "tr-strelcha"}, orderBy: {field: VOLUME}`,
			[]string{"need-strelcha-home-patronage-older-people", "need-strelcha-referral-case-mgmt-families", "need-strelcha-integrated-home-care-older-people"}},
		{"OK needs order VOLUME ASC", "needs", `filter: {territoryId: "tr-strelcha"}, orderBy: {field: VOLUME, direction: ASC}`,
			[]string{"need-strelcha-integrated-home-care-older-people", "need-strelcha-referral-case-mgmt-families", "need-strelcha-home-patronage-older-people"}},
		{"OK needs order YEAR ASC", "needs", `filter: {territoryId: "tr-strelcha"}, orderBy: {field: YEAR, direction: ASC}`,
			[]string{"need-strelcha-referral-case-mgmt-families", "need-strelcha-home-patronage-older-people", "need-strelcha-integrated-home-care-older-people"}},
		{"OK needs order YEAR default DESC", "needs", `filter: {territoryId: "tr-strelcha"}, orderBy: {field: YEAR}`,
			[]string{"need-strelcha-home-patronage-older-people", "need-strelcha-integrated-home-care-older-people", "need-strelcha-referral-case-mgmt-families"}},

		// Partnerships by validFrom: network 2019-03-01, agreement
		// 2022-02-01, then the two without a date by id.
		{"OK partnerships order NAME DESC", "partnerships", `orderBy: {field: NAME, direction: DESC}`,
			[]string{"ps-zone-planning-network", "ps-pazardzhik-referral-memorandum", "ps-dialog-consortium", "ps-vratsa-platform-agreement"}},
		{"OK partnerships order VALID_FROM ASC", "partnerships", `orderBy: {field: VALID_FROM}`,
			[]string{"ps-zone-planning-network", "ps-vratsa-platform-agreement", "ps-dialog-consortium", "ps-pazardzhik-referral-memorandum"}},
		{"OK partnerships order VALID_FROM DESC", "partnerships", `orderBy: {field: VALID_FROM, direction: DESC}`,
			[]string{"ps-vratsa-platform-agreement", "ps-zone-planning-network", "ps-dialog-consortium", "ps-pazardzhik-referral-memorandum"}},

		// Projects: no project has a start date, so START_DATE falls back
		// to the id in both directions.
		{"OK projects order NAME DESC", "projects", `orderBy: {field: NAME, direction: DESC}`, []string{"prj-social-d", "prj-lesichovo", "prj-dialog"}},
		{"OK projects order START_DATE ASC", "projects", `orderBy: {field: START_DATE}`, []string{"prj-dialog", "prj-lesichovo", "prj-social-d"}},
		{"OK projects order START_DATE DESC", "projects", `orderBy: {field: START_DATE, direction: DESC}`, []string{"prj-dialog", "prj-lesichovo", "prj-social-d"}},

		// SOCIAL-D events: 2021-06-15 meetings, 2021-10-12 Trento,
		// 2021-11-23 Vratsa, 2022-01-17 campaign, 2022-02-22 press;
		// names Exchange…Trento < Exchange…Vratsa < Online… < SOCIAL-D… < Working….
		{"OK events order START_DATE ASC", "events", `filter: {projectId: "prj-social-d"}, orderBy: {field: START_DATE, direction: ASC}`,
			[]string{"ev-vratsa-working-meetings", "ev-visit-trento", "ev-visit-vratsa", "ev-social-d-campaign", "ev-social-d-press-conference"}},
		{"OK events order START_DATE DESC", "events", `filter: {projectId: "prj-social-d"}, orderBy: {field: START_DATE, direction: DESC}`,
			[]string{"ev-social-d-press-conference", "ev-social-d-campaign", "ev-visit-vratsa", "ev-visit-trento", "ev-vratsa-working-meetings"}},
		{"OK events order NAME ASC", "events", `filter: {projectId: "prj-social-d"}, orderBy: {field: NAME, direction: ASC}`,
			[]string{"ev-visit-trento", "ev-visit-vratsa", "ev-social-d-press-conference", "ev-social-d-campaign", "ev-vratsa-working-meetings"}},
		{"OK events order NAME default DESC", "events", `filter: {projectId: "prj-social-d"}, orderBy: {field: NAME}`,
			[]string{"ev-vratsa-working-meetings", "ev-social-d-campaign", "ev-social-d-press-conference", "ev-visit-vratsa", "ev-visit-trento"}},

		// NameOrder lists.
		{"OK serviceCategories order DESC", "serviceCategories", `filter: {parentId: "cat-health"}, orderBy: {direction: DESC}`,
			[]string{"cat-primary-care", "cat-mental-health", "cat-medical-rehab", "cat-home-health"}},
		{"OK targetGroups order ASC", "targetGroups", `orderBy: {direction: ASC}`,
			[]string{"tg-children-at-risk", "tg-families", "tg-offenders", "tg-older-people", "tg-violence-affected",
				"tg-disabilities", "tg-mental-health", "tg-young-people"}},
		{"OK targetGroups order DESC", "targetGroups", `orderBy: {direction: DESC}`,
			[]string{"tg-young-people", "tg-mental-health", "tg-disabilities", "tg-violence-affected", "tg-older-people",
				"tg-offenders", "tg-families", "tg-children-at-risk"}},
		{"OK cooperationAreas order DESC", "cooperationAreas", `orderBy: {direction: DESC}`,
			[]string{"area-volunteering", "area-zone-planning", "area-social-inclusion", "area-violence-protection",
				"area-intermunicipal", "area-health-social"}},
		{"OK practices order DESC", "practices", `orderBy: {direction: DESC}`,
			[]string{"pr-territorial-zone-planning", "pr-campania-joint-planning", "pr-i-plan", "pr-trento-model", "pr-citta-sociale"}},
	}
	for _, tc := range orders {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if args == "" {
				args = "first: 20"
			}
			sameOrder(t, list(t, h, st, tc.list, args, nil).ids(), tc.want)
		})
	}
}

// TestReadOrderByTimestamps orders by CREATED_AT and UPDATED_AT. The demo
// load gives every record of a label the same instants, so a second load
// adds records created later (ids starting "…-aa-", so that id order alone
// would put them first) and changes st-naso.
func TestReadOrderByTimestamps(t *testing.T) {
	st := testdb.Open(t)
	doc := testdb.LoadDemo(t, st)
	h := newHandler(st)

	var naso domain.StakeholderRecord
	for _, s := range doc.Stakeholders {
		if s.ID == "st-naso" {
			naso = s
		}
	}
	naso.Description = "Changed after the demo load."
	later := &domain.Document{
		Format:      domain.DocumentFormat,
		Territories: []domain.TerritoryRecord{{Territory: domain.Territory{Meta: domain.Meta{ID: "tr-aa-late"}, Name: "Late territory", Level: domain.LevelSettlement}}},
		Stakeholders: []domain.StakeholderRecord{naso, {Stakeholder: domain.Stakeholder{Meta: domain.Meta{ID: "st-aa-late"}, Name: "Late stakeholder",
			Kind: "NGO", Sector: "NON_PROFIT"}, TerritoryID: "tr-bg"}},
		Services: []domain.ServiceRecord{{Service: domain.Service{Meta: domain.Meta{ID: "svc-aa-late"}, Name: "Late service",
			Status: "ACTIVE", DeliveryMode: "IN_PERSON"}, ProviderID: "st-aa-late", CategoryID: "cat-health", CoverageIDs: []string{"tr-bg"}}},
		Needs: []domain.NeedRecord{{Need: domain.Need{Meta: domain.Meta{ID: "need-aa-late"}, Volume: 1, Priority: "LOW", Year: 2023},
			TerritoryID: "tr-bg", CategoryID: "cat-health", TargetGroupID: "tg-families"}},
		Partnerships: []domain.PartnershipRecord{{Partnership: domain.Partnership{Meta: domain.Meta{ID: "ps-aa-late"}, Name: "Late partnership", Kind: "NETWORK", Status: "PROPOSED"}}},
	}
	time.Sleep(10 * time.Millisecond)
	if _, err := st.Write(auth.WithActor(t.Context(), "later"), later, store.WriteOptions{}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, list, args string
		want             []string
	}{
		{"OK territories order CREATED_AT ASC", "territories", `filter: {ids: ["tr-bg", "tr-it", "tr-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"tr-bg", "tr-it", "tr-aa-late"}},
		{"OK territories order CREATED_AT DESC", "territories", `filter: {ids: ["tr-bg", "tr-it", "tr-aa-late"]}, orderBy: {field: CREATED_AT, direction: DESC}`,
			[]string{"tr-aa-late", "tr-bg", "tr-it"}},
		{"OK stakeholders order CREATED_AT ASC", "stakeholders", `filter: {ids: ["st-cts", "st-naso", "st-nmd", "st-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"st-cts", "st-naso", "st-nmd", "st-aa-late"}},
		{"OK stakeholders order CREATED_AT DESC", "stakeholders", `filter: {ids: ["st-cts", "st-naso", "st-nmd", "st-aa-late"]}, orderBy: {field: CREATED_AT, direction: DESC}`,
			[]string{"st-aa-late", "st-cts", "st-naso", "st-nmd"}},
		// st-naso was changed by the second load, with st-aa-late (same
		// statement, same instant: by id).
		{"OK stakeholders order UPDATED_AT ASC", "stakeholders", `filter: {ids: ["st-cts", "st-naso", "st-nmd", "st-aa-late"]}, orderBy: {field: UPDATED_AT}`,
			[]string{"st-cts", "st-nmd", "st-aa-late", "st-naso"}},
		{"OK stakeholders order UPDATED_AT DESC", "stakeholders", `filter: {ids: ["st-cts", "st-naso", "st-nmd", "st-aa-late"]}, orderBy: {field: UPDATED_AT, direction: DESC}`,
			[]string{"st-aa-late", "st-naso", "st-cts", "st-nmd"}},
		{"OK services order CREATED_AT ASC", "services", `filter: {ids: ["svc-csri-offenders", "svc-mezdra-youth", "svc-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"svc-csri-offenders", "svc-mezdra-youth", "svc-aa-late"}},
		{"OK services order CREATED_AT DESC", "services", `filter: {ids: ["svc-csri-offenders", "svc-mezdra-youth", "svc-aa-late"]}, orderBy: {field: CREATED_AT, direction: DESC}`,
			[]string{"svc-aa-late", "svc-csri-offenders", "svc-mezdra-youth"}},
		{"OK needs order CREATED_AT default DESC", "needs",
			`filter: {ids: ["need-mezdra-integrated-home-care-older-people", "need-kozloduy-rehab-children-children-at-risk", "need-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"need-aa-late", "need-kozloduy-rehab-children-children-at-risk", "need-mezdra-integrated-home-care-older-people"}},
		{"OK needs order CREATED_AT ASC", "needs",
			`filter: {ids: ["need-mezdra-integrated-home-care-older-people", "need-kozloduy-rehab-children-children-at-risk", "need-aa-late"]}, orderBy: {field: CREATED_AT, direction: ASC}`,
			[]string{"need-kozloduy-rehab-children-children-at-risk", "need-mezdra-integrated-home-care-older-people", "need-aa-late"}},
		{"OK partnerships order CREATED_AT ASC", "partnerships", `filter: {ids: ["ps-dialog-consortium", "ps-zone-planning-network", "ps-aa-late"]}, orderBy: {field: CREATED_AT}`,
			[]string{"ps-dialog-consortium", "ps-zone-planning-network", "ps-aa-late"}},
		{"OK partnerships order CREATED_AT DESC", "partnerships", `filter: {ids: ["ps-dialog-consortium", "ps-zone-planning-network", "ps-aa-late"]}, orderBy: {field: CREATED_AT, direction: DESC}`,
			[]string{"ps-aa-late", "ps-dialog-consortium", "ps-zone-planning-network"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sameOrder(t, list(t, h, st, tc.list, tc.args, nil).ids(), tc.want)
		})
	}

	// version and updatedBy follow the writes: st-naso changed once more,
	// st-aa-late created by the second load, st-nmd untouched.
	t.Run("OK version and updatedBy after a second load", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ a: stakeholder(id: "st-naso") { version updatedBy description }
			b: stakeholder(id: "st-aa-late") { version updatedBy } c: stakeholder(id: "st-nmd") { version updatedBy } }`, nil),
			`{"a":{"version":2,"updatedBy":"later","description":"Changed after the demo load."},
			"b":{"version":1,"updatedBy":"later"},"c":{"version":1,"updatedBy":"test"}}`)
	})
}
