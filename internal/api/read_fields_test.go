package api_test

import (
	"testing"
)

// ---------------------------------------------------------------------------
// 1. Every read field.

// territoryFields selects every field of Territory, with the arguments of
// the relationship fields exercised through aliases.
const territoryFields = `id name nameLocal level code population
  parent { id } zones { id } ancestors { id }
  children { id } settlements: children(level: SETTLEMENT, first: 2) { id }
  neighbours { territory { id } distanceKm illustrative }
  near: neighbours(maxDistanceKm: 25) { territory { id } distanceKm }
  stakeholders { id } allStakeholders: stakeholders(includeSubTerritories: true) { id }
  services { id } needs { id volume } topNeeds: needs(first: 2) { id }
  partnerships { id } events { id } lastEvent: events(first: 1) { id }
  practicesOriginated { id } practicesReceived { practice { id } territory { id } year }
  ` + metaFields

const stakeholderFields = `id name nameLocal acronym kind sector description email phone website
  territory { id } services { id } firstService: services(first: 1) { id } cooperationAreas { id }
  partnerships { role stakeholder { id } partnership { id } }
  referralsOut { id from { id } to { id } categories { id } status since illustrative }
  referralsIn { id from { id } to { id } categories { id } status since illustrative }
  projects { role stakeholder { id } project { id } }
  events { role stakeholder { id } event { id } } lastEvents: events(first: 2) { event { id } }
  practices { id }
  ` + metaFields

const categoryFields = `id name nameLocal code domain description parent { id } children { id }
  services { id } firstService: services(first: 1) { id } needs { id volume } topNeed: needs(first: 1) { id }
  cooperationAreas { id }
  ` + metaFields

const targetGroupFields = `id name nameLocal description
  services { id } firstService: services(first: 1) { id } needs { id } topNeeds: needs(first: 2) { id }
  ` + metaFields

const serviceFields = `id name nameLocal description status deliveryMode eligibility minAge maxAge
  capacity available availableUpdatedAt email url
  provider { id } category { id } targetGroups { id } coverage { id }
  ` + metaFields

const needFields = `id description volume priority needSource year territory { id } category { id } targetGroup { id }
  ` + metaFields

const areaFields = `id name nameLocal description categories { id } stakeholders { id }
  firstTwo: stakeholders(first: 2) { id } partnerships { id }
  ` + metaFields

const partnershipFields = `id name nameLocal kind status validFrom validTo description
  parties { role stakeholder { id } partnership { id } } territory { id } areas { id } project { id }
  ` + metaFields

const practiceFields = `id name nameLocal description origin { id }
  transfers { practice { id } territory { id } year } implementers { id } project { id }
  ` + metaFields

const projectFields = `id name nameLocal acronym programme startDate endDate description
  participants { role stakeholder { id } project { id } } partnerships { id } practices { id }
  events { id } lastEvents: events(first: 2) { id }
  ` + metaFields

const eventFields = `id name nameLocal kind startDate endDate place online participantCount feedbackScore description
  territory { id } project { id } stakeholders { role stakeholder { id } event { id } }
  ` + metaFields

func TestReadFields(t *testing.T) {
	st, h := demoHandler(t)

	tests := []struct {
		name  string
		query string // its expected data: testdata/read_fields/<name>.golden
	}{
		{
			// Lesichovo (tr-lesichovo): parentId tr-pazardzhik-district,
			// zoneIds [tr-zone-pazardzhik-west]; ancestors: district → tr-bg42
			// → tr-bg (the zone is not an administrative ancestor). Children:
			// the four settlements with parentId tr-lesichovo, by name
			// (Kalugerovo < Lesichovo (village) < Shtarkovo < Tserovo).
			// Neighbours: only its own list (no other territory names it):
			// Septemvri 11, Pazardzhik 25, Panagyurishte 42; within 25 km the
			// first two. Stakeholders located in it, by name: Association
			// "Rural…", General practice…, Lesichovo Municipality, Local
			// Commission…; with sub-territories add Kalugerovo's st-csii
			// ("Centre…") and st-volunteers-kalugerovo ("Kalugerovo…").
			// Services whose coverageIds hold tr-lesichovo, by name: "CSII
			// information…", "CSII referral…", "General practice…", "Home
			// social patronage…", "Personal assistance…", "Prevention…",
			// "Volunteering support…". Needs with territoryId tr-lesichovo by
			// volume: 55, 30, 24, 15, 12, 10, 5, 4. Events held in it:
			// ev-training-2. Practices transferred to it: Città sociale and
			// I plan (2018, ordered by year then name).
			name:  "OK territory by id Lesichovo",
			query: `{ territory(id: "tr-lesichovo") { ` + territoryFields + ` } }`,
		},
		{
			// Vratsa (tr-vratsa): neighbours from its own list (Krivodol 20,
			// Mezdra 16) and from Borovan's (27) and Byala Slatina's (40),
			// nearest first. Seven stakeholders with territoryId tr-vratsa,
			// by name (Chamber… < Crisis… < Day… < Home… < Multi… < Social…
			// < Vratsa…); none in tr-vratsa-town. Seven services whose
			// coverage lists tr-vratsa, by name ("Day care for adults…" <
			// "Day care for older…" < "Home…" < "Integrated…" < "Mobile…" <
			// "Personal…" < "Social…"). Needs: 170, 70, 55, 40, 38, 12. The
			// platform agreement has territoryId tr-vratsa. Events held in
			// it, newest first: 2022-02-22, 2021-11-23, 2021-06-15. The
			// Trento model was transferred to it without a year.
			name:  "OK territory by id Vratsa",
			query: `{ territory(id: "tr-vratsa") { ` + territoryFields + ` } }`,
		},
		{
			// Italy: a country without population, parent, zones or
			// neighbours. Its children are its two regions by name
			// (Autonomous Province of Trento < Campania); with
			// sub-territories, the stakeholders located in tr-trento (st-pat
			// "Autonomous…", st-ftc "FTC"). Three practices have originId
			// tr-it, by name (Centre… < I plan… < Planning model…).
			name:  "OK territory by id Italy with nulls and empty lists",
			query: `{ territory(id: "tr-it") { ` + territoryFields + ` } }`,
		},
		{
			// The planning zone: parentId tr-pazardzhik-district; its
			// children are the seven municipalities whose zoneIds name it,
			// by name. Nothing is located in it directly; with
			// sub-territories, the 22 stakeholders of inPlanningZone. The
			// zone network has territoryId the zone; the zone planning
			// model was transferred to it in 2019.
			name:  "OK territory by id planning zone",
			query: `{ territory(id: "tr-zone-pazardzhik-west") { ` + territoryFields + ` } }`,
		},
		{
			// Kalugerovo: a settlement of Lesichovo; its ancestors skip the
			// zone: Lesichovo, Pazardzhik district, South-Central, Bulgaria.
			name: "OK territory by id Kalugerovo ancestors",
			query: `{ territory(id: "tr-kalugerovo") { parent { id } zones { id } ancestors { id } stakeholders { id }
				services { id } events { id } } }`,
		},
		{
			// Pazardzhik district: children are its 12 municipalities and
			// the zone; the only ZONE child is the zone; the first three
			// municipalities by name are Batak, Belovo, Bratsigovo. Its
			// stakeholders at any depth are the 23 of inPazardzhikDistrict,
			// each once, although the zone members are reached both through
			// the zone and directly. Services covering it directly, by name:
			// "Medical rehabilitation – Pazardzhik hospital" < "Social
			// assistance… – Pazardzhik district". The memorandum has
			// territoryId the district.
			name: "OK territory by id Pazardzhik district children and deep stakeholders",
			query: `{ territory(id: "tr-pazardzhik-district") { zone: children(level: ZONE) { id }
				municipalities: children(level: MUNICIPALITY, first: 3) { id } allStakeholders: stakeholders(includeSubTerritories: true) { id }
				firstThree: stakeholders(includeSubTerritories: true, first: 3) { id }
				services { id } partnerships { id } } }`,
		},
		{
			// NEIGHBOUR_OF read from the end that did not list it: Septemvri
			// lists no neighbours itself; Lesichovo (11), Belovo (12),
			// Pazardzhik (20), Rakitovo (30) and Velingrad (35) list it.
			name:  "OK territory neighbours in the reverse direction",
			query: `{ territory(id: "tr-septemvri") { neighbours { territory { id } distanceKm illustrative } } }`,
		},
		{
			// st-csii: located in tr-kalugerovo; provides the three CSII
			// services (by name: "CSII information…" < "CSII referral…" <
			// "Volunteering…"); areaIds by name: Integration… < Inter-… <
			// Territorial… < Volunteering…; an ASSOCIATE of the memorandum
			// ("Inter-municipal…") and of the zone network ("Territorial…");
			// six referral links from it, ordered by the name of the
			// stakeholder referred to (Community… < Crisis… < General… <
			// Kalugerovo… < Lesichovo… < Social…), one to it (from Lesichovo
			// Municipality); in no project; HOST of the open day; implements
			// Città sociale and I plan.
			name:  "OK stakeholder by id CSII",
			query: `{ stakeholder(id: "st-csii") { ` + stakeholderFields + ` } }`,
		},
		{
			// st-cci-vratsa: no services; areas Integration… < Social
			// inclusion…; LEAD of the agreement ("Agreement…") and PARTNER
			// of the consortium ("DIALOG…"); one referral link out, none in;
			// PARTNER of DIALOG and LEAD of SOCIAL-D (by project name);
			// five events newest first: press conference 2022-02-22,
			// campaign 2022-01-17, visit to Vratsa 2021-11-23, visit to
			// Trento 2021-10-12, working meetings 2021-06-15; implements the
			// Trento model.
			name:  "OK stakeholder by id CCI Vratsa",
			query: `{ stakeholder(id: "st-cci-vratsa") { ` + stakeholderFields + ` } }`,
		},
		{
			// PROVIDES from the stakeholder's side: the Peshtera crisis
			// centre provides "Crisis accommodation – Peshtera" and "Crisis
			// intervention… – Peshtera".
			name:  "OK stakeholder services of the Peshtera crisis centre",
			query: `{ stakeholder(id: "st-crisis-centre-peshtera") { services { id provider { id } } } }`,
		},
		{
			// cat-info-referral: top level, with a description; its three
			// sub-categories by name (Information… < Referral… <
			// Support…); no service or need is in exactly this category;
			// only area-intermunicipal lists it.
			name:  "OK serviceCategory by id top-level",
			query: `{ serviceCategory(id: "cat-info-referral") { ` + categoryFields + ` } }`,
		},
		{
			// cat-crisis-accommodation: parent cat-crisis; services in it
			// by name (– Peshtera < – Vratsa); its six needs by volume:
			// Plovdiv 35, Pazardzhik 14, Vratsa 12, Peshtera 9, Lesichovo
			// 4, Bratsigovo 3; areas that list it: Inter-municipal… <
			// Protection from violence….
			name:  "OK serviceCategory by id sub-category",
			query: `{ serviceCategory(id: "cat-crisis-accommodation") { ` + categoryFields + ` } }`,
		},
		{
			// tg-violence-affected: the six services whose targetGroupIds
			// hold it, by name ("CSII…" < "Crisis accommodation – P…" <
			// "– V…" < "Crisis intervention…" < "Social assistance… –
			// Pazardzhik district" < "– Vratsa"); its needs are the six
			// crisis accommodation needs, by volume.
			name:  "OK targetGroup by id",
			query: `{ targetGroup(id: "tg-violence-affected") { ` + targetGroupFields + ` } }`,
		},
		{
			// svc-peshtera-crisis-accommodation as in demo.json; target
			// groups by name (Children at risk < Persons and children…),
			// coverage by name (Batak < Bratsigovo < Peshtera).
			name:  "OK service by id crisis accommodation",
			query: `{ service(id: "svc-peshtera-crisis-accommodation") { ` + serviceFields + ` } }`,
		},
		{
			// svc-lesichovo-prevention: the ages 8 to 18.
			name:  "OK service by id with ages",
			query: `{ service(id: "svc-lesichovo-prevention") { ` + serviceFields + ` } }`,
		},
		{
			// svc-vratsa-elderly-day-care: SUSPENDED, a description, 0 free
			// places (zero, not null).
			name:  "OK service by id suspended with zero available",
			query: `{ service(id: "svc-vratsa-elderly-day-care") { ` + serviceFields + ` } }`,
		},
		{
			name:  "OK need by id",
			query: `{ need(id: "need-lesichovo-crisis-accommodation-violence-affected") { ` + needFields + ` } }`,
		},
		{
			name:  "OK need by id without description",
			query: `{ need(id: "need-vratsa-home-patronage-older-people") { ` + needFields + ` } }`,
		},
		{
			// area-intermunicipal: its five categoryIds by name (Crisis… <
			// Information… < Referral… < Social… children < Social…
			// offenders); the eight stakeholders whose areaIds hold it, by
			// name; the memorandum and the network cover it.
			name:  "OK cooperationArea by id",
			query: `{ cooperationArea(id: "area-intermunicipal") { ` + areaFields + ` } }`,
		},
		{
			// area-volunteering: categories Information… < Support…;
			// members Association "Rural…" < Centre… < Kalugerovo… <
			// Lesichovo… < Youth…; no partnership covers it.
			name:  "OK cooperationArea by id without partnerships",
			query: `{ cooperationArea(id: "area-volunteering") { categories { id } stakeholders { id } partnerships { id } } }`,
		},
		{
			// The platform agreement: LEAD first, then the SIGNATORYs by
			// name (Day care… < Home care… < Multi-profile… < Social… <
			// Vratsa…), then the ASSOCIATE.
			name:  "OK partnership by id agreement",
			query: `{ partnership(id: "ps-vratsa-platform-agreement") { ` + partnershipFields + ` } }`,
		},
		{
			// The DIALOG consortium: no territory, no dates; LEAD st-pat,
			// then the PARTNERs by name (Chamber… < ESF… < FTC < Junta… <
			// Lower Saxon… < Ticino…).
			name:  "OK partnership by id consortium without territory",
			query: `{ partnership(id: "ps-dialog-consortium") { ` + partnershipFields + ` } }`,
		},
		{
			// The zone network: LEAD first, PARTNERs by name, the ASSOCIATE
			// st-csii last although "Centre…" sorts first by name.
			name:  "OK partnership parties leads first",
			query: `{ partnership(id: "ps-zone-planning-network") { validFrom territory { id } project { id } parties { role stakeholder { id } } } }`,
		},
		{
			// pr-trento-model: transferred to Vratsa without a year.
			name:  "OK practice by id Trento model",
			query: `{ practice(id: "pr-trento-model") { ` + practiceFields + ` } }`,
		},
		{
			// pr-citta-sociale: implementers by name (Centre… < Lesichovo…).
			name:  "OK practice by id Città sociale",
			query: `{ practice(id: "pr-citta-sociale") { ` + practiceFields + ` } }`,
		},
		{
			// pr-campania-joint-planning: no transfers, no implementers.
			name:  "OK practice by id without transfers",
			query: `{ practice(id: "pr-campania-joint-planning") { origin { id } transfers { year } implementers { id } project { id } } }`,
		},
		{
			// prj-lesichovo: LEAD first although st-cts ("Association…")
			// sorts first by name; practices by name (Centre… < I plan… <
			// Institutionalised… < Planning…); seven events newest first,
			// the two of 2018-12-11 by id (ev-csii-open-day <
			// ev-national-conference).
			name:  "OK project by id Lesichovo",
			query: `{ project(id: "prj-lesichovo") { ` + projectFields + ` } }`,
		},
		{
			// prj-dialog: LEAD st-pat, then the PARTNERs by name.
			name: "OK project by id DIALOG",
			query: `{ project(id: "prj-dialog") { acronym programme startDate endDate participants { role stakeholder { id } }
				partnerships { id } practices { id } events { id } } }`,
		},
		{
			// The online press conference: 2022-02-22, online, 14 people;
			// participants by name (Chamber… < Media…).
			name:  "OK event by id press conference",
			query: `{ event(id: "ev-social-d-press-conference") { ` + eventFields + ` } }`,
		},
		{
			// The national conference: two days, a place, six SPEAKERs by
			// name (CSRIDRG… < Centre… < Crisis… < Lesichovo… < NMD <
			// National…).
			name: "OK event by id conference with end date and place",
			query: `{ event(id: "ev-national-conference") { kind startDate endDate place online participantCount feedbackScore
				territory { id } project { id } stakeholders { role stakeholder { id } } illustrative illustrativeFields } }`,
		},
		{
			// The Sarnitsa info day: feedbackScore 4.6, illustrative fields.
			name:  "OK event by id with feedback score",
			query: `{ event(id: "ev-infoday-sarnitsa") { kind startDate online feedbackScore stakeholders { role stakeholder { id } } illustrativeFields } }`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sameGolden(t, data(t, h, st, tc.query, nil), "read_fields", tc.name)
		})
	}

	// A record's createdAt and updatedAt are the same instant after one
	// load; dates of a record are checked above as YYYY-MM-DD.
	t.Run("OK createdAt equals updatedAt after one load", func(t *testing.T) {
		var out struct {
			Territory struct{ CreatedAt, UpdatedAt string }
		}
		ok(t, h, st, `{ territory(id: "tr-lesichovo") { createdAt updatedAt } }`, nil, &out)
		if out.Territory.CreatedAt == "" || out.Territory.CreatedAt != out.Territory.UpdatedAt {
			t.Errorf("createdAt %q, updatedAt %q: want the same instant", out.Territory.CreatedAt, out.Territory.UpdatedAt)
		}
	})

	// Optional String fields without a value in demo.json are null (the
	// schema declares them nullable), not "": CSII has no email, phone or
	// website; Lesichovo's project has no acronym or programme; the press
	// conference has no place; crisis accommodation has no code or
	// description; the service has no source, email or url.
	t.Run("OK absent optional strings are null", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ stakeholder(id: "st-csii") { email phone website }
			project(id: "prj-lesichovo") { acronym programme } event(id: "ev-social-d-press-conference") { place }
			serviceCategory(id: "cat-crisis-accommodation") { code description }
			service(id: "svc-lesichovo-gp") { description email url source } }`, nil),
			`{"stakeholder":{"email":null,"phone":null,"website":null},"project":{"acronym":null,"programme":null},
			"event":{"place":null},"serviceCategory":{"code":null,"description":null},
			"service":{"description":null,"email":null,"url":null,"source":null}}`)
	})

	// Unknown ids: every single lookup answers null, not an error.
	for _, field := range []string{"territory", "stakeholder", "serviceCategory", "targetGroup", "service", "need",
		"cooperationArea", "partnership", "practice", "project", "event"} {
		t.Run("OK "+field+" unknown id is null", func(t *testing.T) {
			sameJSON(t, data(t, h, st, `{ x: `+field+`(id: "no-such-id") { id } }`, nil), `{"x":null}`)
		})
	}
	// An id of another type is unknown too.
	t.Run("OK stakeholder with a territory id is null", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ stakeholder(id: "tr-lesichovo") { id } }`, nil), `{"stakeholder":null}`)
	})

	// Nested lists: first 0 and first 500 are the bounds.
	t.Run("OK nested first 0 and 500", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ territory(id: "tr-lesichovo") { none: stakeholders(first: 0) { id } max: children(first: 500) { id } } }`, nil),
			`{"territory":{"none":[],"max":`+ids("tr-kalugerovo", "tr-lesichovo-village", "tr-shtarkovo", "tr-tserovo")+`}}`)
	})
}
