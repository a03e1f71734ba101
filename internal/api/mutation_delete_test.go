package api_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

// ---------------------------------------------------------------------------
// 4. Deletes with dependants.

func TestMutationDeleteDependants(t *testing.T) {
	e := newMutEnv(t)
	del := func(t testing.TB, typ, id string, cascade bool) mo {
		return e.run(t, deleteOp(typ), mo{"id": id, "cascade": cascade}, "delete"+typ)
	}

	// st-hospital-vratsa provides two services, signed the Vratsa platform
	// agreement, took part in the working meetings and refers to the Vratsa
	// home care provider.
	t.Run("ErrDeleteStakeholder that provides services", func(t *testing.T) {
		g := e.fail(t, deleteOp("Stakeholder"), mo{"id": "st-hospital-vratsa"}, "CONFLICT")
		wantDependants(t, g, "Service svc-vratsa-mental-health", "Service svc-vratsa-mobile-team")
		s := e.read(t, "stakeholder", "st-hospital-vratsa", "version services { id }")
		same(t, s, `{"version":1,"services":[{"id":"svc-vratsa-mental-health"},{"id":"svc-vratsa-mobile-team"}]}`)
	})
	t.Run("OK deleteStakeholder cascade deletes its services", func(t *testing.T) {
		wantDeleted(t, del(t, "Stakeholder", "st-hospital-vratsa", true), "Stakeholder st-hospital-vratsa",
			"Service svc-vratsa-mental-health", "Service svc-vratsa-mobile-team")
		for lookup, id := range map[string]string{"stakeholder": "st-hospital-vratsa", "service": "svc-vratsa-mobile-team"} {
			if r := e.read(t, lookup, id, "id"); r != nil {
				t.Errorf("%s still read", id)
			}
		}
		if r := e.read(t, "service", "svc-vratsa-mental-health", "id"); r != nil {
			t.Errorf("svc-vratsa-mental-health still read")
		}
		// Its links went with it; the records at their other ends stay.
		same(t, e.read(t, "partnership", "ps-vratsa-platform-agreement", "parties { role stakeholder { id } }"),
			`{"parties":[{"role":"LEAD","stakeholder":{"id":"st-cci-vratsa"}},{"role":"SIGNATORY","stakeholder":{"id":"st-vratsa-municipality"}},
			{"role":"SIGNATORY","stakeholder":{"id":"st-sad-vratsa"}},{"role":"SIGNATORY","stakeholder":{"id":"st-daycare-vratsa"}},
			{"role":"SIGNATORY","stakeholder":{"id":"st-homecare-vratsa"}},{"role":"ASSOCIATE","stakeholder":{"id":"st-vratsa-media"}}]}`)
		same(t, e.read(t, "stakeholder", "st-homecare-vratsa", "referralsIn { id from { id } }"),
			`{"referralsIn":[{"id":"ref-vratsa-homecare","from":{"id":"st-vratsa-municipality"}}]}`)
		same(t, e.read(t, "event", "ev-vratsa-working-meetings", "stakeholders { role stakeholder { id } }"),
			`{"stakeholders":[{"role":"ORGANISER","stakeholder":{"id":"st-cci-vratsa"}},{"role":"PARTICIPANT","stakeholder":{"id":"st-vratsa-municipality"}},
			{"role":"PARTICIPANT","stakeholder":{"id":"st-daycare-vratsa"}},{"role":"PARTICIPANT","stakeholder":{"id":"st-sad-vratsa"}}]}`)
	})

	// cat-crisis has three sub-categories; they have four services and
	// seven needs.
	crisisDeps := []string{
		"ServiceCategory cat-child-protection", "ServiceCategory cat-crisis-accommodation", "ServiceCategory cat-crisis-counselling",
		"Service svc-peshtera-crisis-accommodation", "Service svc-vratsa-crisis-accommodation",
		"Service svc-peshtera-crisis-counselling", "Service svc-lesichovo-prevention",
		"Need need-lesichovo-crisis-accommodation-violence-affected", "Need need-peshtera-crisis-accommodation-violence-affected",
		"Need need-pazardzhik-crisis-accommodation-violence-affected", "Need need-bratsigovo-crisis-accommodation-violence-affected",
		"Need need-plovdiv-crisis-accommodation-violence-affected", "Need need-vratsa-crisis-accommodation-violence-affected",
		"Need need-lesichovo-child-protection-children-at-risk",
	}
	t.Run("ErrDeleteServiceCategory in use", func(t *testing.T) {
		g := e.fail(t, deleteOp("ServiceCategory"), mo{"id": "cat-crisis"}, "CONFLICT")
		wantDependants(t, g, crisisDeps...)
		same(t, e.read(t, "serviceCategory", "cat-crisis", "version children { id }"),
			`{"version":1,"children":[{"id":"cat-child-protection"},{"id":"cat-crisis-accommodation"},{"id":"cat-crisis-counselling"}]}`)
		same(t, e.read(t, "service", "svc-lesichovo-prevention", "id category { id }"), `{"id":"svc-lesichovo-prevention","category":{"id":"cat-child-protection"}}`)
		same(t, e.read(t, "need", "need-vratsa-crisis-accommodation-violence-affected", "id"), `{"id":"need-vratsa-crisis-accommodation-violence-affected"}`)
	})
	t.Run("OK deleteServiceCategory cascade deletes sub-categories, services and needs", func(t *testing.T) {
		wantDeleted(t, del(t, "ServiceCategory", "cat-crisis", true), "ServiceCategory cat-crisis", crisisDeps...)
		for _, d := range append([]string{"ServiceCategory cat-crisis"}, crisisDeps...) {
			typ, id, _ := strings.Cut(d, " ")
			if r := e.read(t, lookupOf(typ), id, "id"); r != nil {
				t.Errorf("%s still read", d)
			}
		}
		// Areas lose the categories; providers keep existing.
		same(t, e.read(t, "cooperationArea", "area-violence-protection", "categories { id }"), `{"categories":[]}`)
		same(t, e.read(t, "stakeholder", "st-crisis-centre-peshtera", "id services { id }"), `{"id":"st-crisis-centre-peshtera","services":[]}`)
	})

	t.Run("ErrDeleteTargetGroup with needs", func(t *testing.T) {
		g := e.fail(t, deleteOp("TargetGroup"), mo{"id": "tg-offenders"}, "CONFLICT")
		wantDependants(t, g, "Need need-lesichovo-rehab-offenders-offenders", "Need need-peshtera-rehab-offenders-offenders",
			"Need need-pazardzhik-rehab-offenders-offenders")
		same(t, e.read(t, "targetGroup", "tg-offenders", "id needs { id }"), `{"id":"tg-offenders","needs":[
			{"id":"need-lesichovo-rehab-offenders-offenders"},{"id":"need-peshtera-rehab-offenders-offenders"},{"id":"need-pazardzhik-rehab-offenders-offenders"}]}`)
	})
	t.Run("OK deleteTargetGroup cascade deletes its needs, services keep existing", func(t *testing.T) {
		wantDeleted(t, del(t, "TargetGroup", "tg-offenders", true), "TargetGroup tg-offenders",
			"Need need-lesichovo-rehab-offenders-offenders", "Need need-peshtera-rehab-offenders-offenders",
			"Need need-pazardzhik-rehab-offenders-offenders")
		same(t, e.read(t, "service", "svc-csri-offenders", "id targetGroups { id }"), `{"id":"svc-csri-offenders","targetGroups":[{"id":"tg-young-people"}]}`)
		if r := e.read(t, "need", "need-peshtera-rehab-offenders-offenders", "id"); r != nil {
			t.Errorf("need still read")
		}
	})

	// Records nothing depends on: cascade changes nothing, links go.
	t.Run("OK deleteCooperationArea in use", func(t *testing.T) {
		same(t, del(t, "CooperationArea", "area-volunteering", false), `{"deleted":[{"type":"CooperationArea","id":"area-volunteering"}]}`)
		same(t, e.read(t, "stakeholder", "st-rural-initiative", "id cooperationAreas { id }"), `{"id":"st-rural-initiative","cooperationAreas":[]}`)
	})
	t.Run("OK deleteProject cascade deletes only the project", func(t *testing.T) {
		same(t, del(t, "Project", "prj-lesichovo", true), `{"deleted":[{"type":"Project","id":"prj-lesichovo"}]}`)
		same(t, e.read(t, "partnership", "ps-zone-planning-network", "id project { id }"), `{"id":"ps-zone-planning-network","project":null}`)
		same(t, e.read(t, "practice", "pr-citta-sociale", "id project { id }"), `{"id":"pr-citta-sociale","project":null}`)
		same(t, e.read(t, "event", "ev-csii-open-day", "id project { id }"), `{"id":"ev-csii-open-day","project":null}`)
	})
	t.Run("OK deleteService cascade deletes only the service", func(t *testing.T) {
		same(t, del(t, "Service", "svc-mezdra-youth", true), `{"deleted":[{"type":"Service","id":"svc-mezdra-youth"}]}`)
		same(t, e.read(t, "stakeholder", "st-youth-ngo-vratsa", "id services { id }"), `{"id":"st-youth-ngo-vratsa","services":[]}`)
	})
	t.Run("OK deletePartnership", func(t *testing.T) {
		same(t, del(t, "Partnership", "ps-dialog-consortium", false), `{"deleted":[{"type":"Partnership","id":"ps-dialog-consortium"}]}`)
		same(t, e.read(t, "stakeholder", "st-pat", "id partnerships { role }"), `{"id":"st-pat","partnerships":[]}`)
	})
}

func TestMutationDeleteTerritory(t *testing.T) {
	e := newMutEnv(t)
	del := func(t testing.TB, id string, cascade bool) mo {
		return e.run(t, deleteOp("Territory"), mo{"id": id, "cascade": cascade}, "deleteTerritory")
	}

	t.Run("OK deleteTerritory of a ZONE: members only leave the zone", func(t *testing.T) {
		same(t, del(t, "tr-zone-pazardzhik-west", false), `{"deleted":[{"type":"Territory","id":"tr-zone-pazardzhik-west"}]}`)
		if r := e.read(t, "territory", "tr-zone-pazardzhik-west", "id"); r != nil {
			t.Errorf("zone still read")
		}
		for _, id := range []string{"tr-bratsigovo", "tr-lesichovo", "tr-pazardzhik", "tr-sarnitsa"} {
			same(t, e.read(t, "territory", id, "id parent { id } zones { id }"),
				fmt.Sprintf(`{"id":%q,"parent":{"id":"tr-pazardzhik-district"},"zones":[]}`, id))
		}
		same(t, e.read(t, "partnership", "ps-zone-planning-network", "id territory { id }"), `{"id":"ps-zone-planning-network","territory":null}`)
		same(t, e.read(t, "practice", "pr-territorial-zone-planning", "id transfers { year }"), `{"id":"pr-territorial-zone-planning","transfers":[]}`)
	})

	// Lesichovo: four settlements (Kalugerovo with two stakeholders), four
	// stakeholders, eight needs, seven services covering only Lesichovo
	// and one covering only Kalugerovo.
	lesichovoDeps := []string{
		"Territory tr-kalugerovo", "Territory tr-lesichovo-village", "Territory tr-shtarkovo", "Territory tr-tserovo",
		"Stakeholder st-gp-lesichovo", "Stakeholder st-lesichovo-commission", "Stakeholder st-lesichovo-municipality",
		"Stakeholder st-rural-initiative", "Stakeholder st-csii", "Stakeholder st-volunteers-kalugerovo",
		"Need need-lesichovo-crisis-accommodation-violence-affected", "Need need-lesichovo-mental-health-mental-health",
		"Need need-lesichovo-home-patronage-older-people", "Need need-lesichovo-personal-assistance-disabilities",
		"Need need-lesichovo-child-protection-children-at-risk", "Need need-lesichovo-rehab-offenders-offenders",
		"Need need-lesichovo-integrated-home-care-older-people", "Need need-lesichovo-day-care-elderly-older-people",
		"Service svc-csii-info-point", "Service svc-csii-referral", "Service svc-csii-volunteering", "Service svc-lesichovo-gp",
		"Service svc-lesichovo-patronage", "Service svc-lesichovo-personal-assistance", "Service svc-lesichovo-prevention",
		"Service svc-kalugerovo-volunteers",
	}
	t.Run("ErrDeleteTerritory of a municipality with stakeholders", func(t *testing.T) {
		g := e.fail(t, deleteOp("Territory"), mo{"id": "tr-lesichovo"}, "CONFLICT")
		wantDependants(t, g, lesichovoDeps...)
		same(t, e.read(t, "territory", "tr-lesichovo", "id children { id }"), `{"id":"tr-lesichovo","children":[
			{"id":"tr-kalugerovo"},{"id":"tr-lesichovo-village"},{"id":"tr-shtarkovo"},{"id":"tr-tserovo"}]}`)
		same(t, e.read(t, "stakeholder", "st-csii", "id services { id }"), `{"id":"st-csii","services":[
			{"id":"svc-csii-info-point"},{"id":"svc-csii-referral"},{"id":"svc-csii-volunteering"}]}`)
		same(t, e.read(t, "need", "need-lesichovo-mental-health-mental-health", "id"), `{"id":"need-lesichovo-mental-health-mental-health"}`)
	})
	t.Run("OK deleteTerritory cascade deletes settlements, stakeholders, services and needs", func(t *testing.T) {
		wantDeleted(t, del(t, "tr-lesichovo", true), "Territory tr-lesichovo", lesichovoDeps...)
		for _, d := range append([]string{"Territory tr-lesichovo"}, lesichovoDeps...) {
			typ, id, _ := strings.Cut(d, " ")
			if r := e.read(t, lookupOf(typ), id, "id"); r != nil {
				t.Errorf("%s still read", d)
			}
		}
		// Other links to the deleted records are gone; their other ends stay.
		same(t, e.read(t, "event", "ev-csii-open-day", "id territory { id } stakeholders { role }"),
			`{"id":"ev-csii-open-day","territory":null,"stakeholders":[]}`)
		same(t, e.read(t, "event", "ev-training-2", "id territory { id }"), `{"id":"ev-training-2","territory":null}`)
		same(t, e.read(t, "practice", "pr-citta-sociale", "id transfers { year } implementers { id }"),
			`{"id":"pr-citta-sociale","transfers":[],"implementers":[]}`)
		same(t, e.read(t, "partnership", "ps-pazardzhik-referral-memorandum", "parties { role stakeholder { id } }"),
			`{"parties":[{"role":"SIGNATORY","stakeholder":{"id":"st-peshtera-municipality"}},{"role":"SIGNATORY","stakeholder":{"id":"st-asa-pazardzhik"}},
			{"role":"ASSOCIATE","stakeholder":{"id":"st-crisis-centre-peshtera"}}]}`)
		n := e.read(t, "territory", "tr-pazardzhik", "neighbours { territory { id } }")
		got := idList(t, n["neighbours"], "territory")
		sort.Strings(got)
		want := []string{"tr-bratsigovo", "tr-panagyurishte", "tr-peshtera", "tr-rakitovo", "tr-rodopi", "tr-saedinenie", "tr-septemvri", "tr-stamboliyski", "tr-strelcha"}
		if !slices.Equal(got, want) {
			t.Errorf("Pazardzhik's neighbours: got %q, want %q", got, want)
		}
	})

	t.Run("ErrDeleteTerritory whose services cover more", func(t *testing.T) {
		g := e.fail(t, deleteOp("Territory"), mo{"id": "tr-septemvri"}, "CONFLICT")
		wantDependants(t, g, "Stakeholder st-septemvri-municipality", "Need need-septemvri-personal-assistance-disabilities",
			"Need need-septemvri-rehab-children-children-at-risk")
	})
	t.Run("OK deleteTerritory cascade keeps the services that cover more", func(t *testing.T) {
		wantDeleted(t, del(t, "tr-septemvri", true), "Territory tr-septemvri", "Stakeholder st-septemvri-municipality",
			"Need need-septemvri-personal-assistance-disabilities", "Need need-septemvri-rehab-children-children-at-risk")
		same(t, e.read(t, "service", "svc-csri-offenders", "id coverage { id }"),
			`{"id":"svc-csri-offenders","coverage":[{"id":"tr-pazardzhik"},{"id":"tr-peshtera"}]}`)
		same(t, e.read(t, "service", "svc-pazardzhik-home-care", "id coverage { id }"),
			`{"id":"svc-pazardzhik-home-care","coverage":[{"id":"tr-pazardzhik"}]}`)
	})

	t.Run("OK deleteTerritory cascade leaves no service without coverage", func(t *testing.T) {
		// A municipality with two settlements and a service (of a provider
		// elsewhere) covering exactly those two settlements. The cascade
		// deletes both settlements, so the service would cover nothing,
		// which no service may (coverageIds: at least one).
		for _, in := range []mo{
			{"id": "tr-mut-muni", "name": "Mutation municipality", "level": "MUNICIPALITY", "parentId": "tr-plovdiv-district"},
			{"id": "tr-mut-s1", "name": "Mutation settlement 1", "level": "SETTLEMENT", "parentId": "tr-mut-muni"},
			{"id": "tr-mut-s2", "name": "Mutation settlement 2", "level": "SETTLEMENT", "parentId": "tr-mut-muni"},
		} {
			e.run(t, createOp("Territory", "id"), mo{"input": in}, "createTerritory")
		}
		e.run(t, createOp("Service", "id"), mo{"input": with(svcBase, mo{"id": "svc-mut-settlements", "coverageIds": ma{"tr-mut-s1", "tr-mut-s2"}})}, "createService")
		r := del(t, "tr-mut-muni", true)
		wantDeleted(t, r, "Territory tr-mut-muni", "Territory tr-mut-s1", "Territory tr-mut-s2", "Service svc-mut-settlements")
		if s := e.read(t, "service", "svc-mut-settlements", "id coverage { id }"); s != nil {
			t.Errorf("service left behind: %s", mutJSON(s))
		}
	})

	t.Run("ErrDeleteTerritory unknown id", func(t *testing.T) {
		wantField(t, e.fail(t, deleteOp("Territory"), mo{"id": "tr-lesichovo"}, "NOT_FOUND"), "id")
	})
}
