package api_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// ---------------------------------------------------------------------------
// 5. Relationship mutations.

func TestMutationRelationships(t *testing.T) {
	e := newMutEnv(t)

	t.Run("Partnership parties", func(t *testing.T) {
		const (
			add    = `mutation($p: ID!, $s: ID!, $role: PartyRole!) { addPartnershipParty(partnershipId: $p, stakeholderId: $s, role: $role) { id version updatedAt updatedBy parties { role stakeholder { id } } } }`
			remove = `mutation($p: ID!, $s: ID!) { removePartnershipParty(partnershipId: $p, stakeholderId: $s) { id version updatedAt updatedBy parties { role stakeholder { id } } } }`
			ps     = "ps-pazardzhik-referral-memorandum"
			sel    = "id version updatedAt updatedBy parties { role stakeholder { id } }"
		)
		party := func(role, id string) string { return fmt.Sprintf(`{"role":%q,"stakeholder":{"id":%q}}`, role, id) }
		parties := func(ps ...string) string { return `[` + strings.Join(ps, ",") + `]` }
		// The memorandum's parties in demo.json.
		lead, peshtera, asa, crisis := party("LEAD", "st-lesichovo-municipality"), party("SIGNATORY", "st-peshtera-municipality"),
			party("SIGNATORY", "st-asa-pazardzhik"), party("ASSOCIATE", "st-crisis-centre-peshtera")
		step := func(t *testing.T, op string, vars mo, field string, bump int, want string) mo {
			t.Helper()
			before := e.read(t, "partnership", ps, sel)
			r := e.run(t, op, vars, field)
			if got, want := ver(t, r), ver(t, before)+bump; got != want {
				t.Errorf("version: got %d, want %d", got, want)
			}
			if bump == 0 {
				sameRecord(t, r, before)
			} else {
				if r["updatedBy"] != "api" {
					t.Errorf("updatedBy: got %v", r["updatedBy"])
				}
				if !stamp(t, r, "updatedAt").After(stamp(t, before, "updatedAt")) {
					t.Errorf("updatedAt did not grow")
				}
			}
			same(t, r["parties"], want)
			sameRecord(t, e.read(t, "partnership", ps, sel), r)
			return r
		}

		t.Run("OK addPartnershipParty adds a party", func(t *testing.T) {
			step(t, add, mo{"p": ps, "s": "st-naso", "role": "PARTNER"}, "addPartnershipParty", 1,
				parties(lead, party("PARTNER", "st-naso"), peshtera, asa, party("ASSOCIATE", "st-csii"), crisis))
			same(t, e.read(t, "stakeholder", "st-naso", "partnerships { role partnership { id } }"),
				`{"partnerships":[{"role":"PARTNER","partnership":{"id":"ps-pazardzhik-referral-memorandum"}}]}`)
		})
		t.Run("OK addPartnershipParty of a party changes its role", func(t *testing.T) {
			r := step(t, add, mo{"p": ps, "s": "st-csii", "role": "PARTNER"}, "addPartnershipParty", 1,
				parties(lead, party("PARTNER", "st-csii"), party("PARTNER", "st-naso"), peshtera, asa, crisis))
			// Leads first (documented).
			if first := idList(t, r["parties"], "stakeholder")[0]; first != "st-lesichovo-municipality" {
				t.Errorf("first party %s, want the lead", first)
			}
		})
		t.Run("OK addPartnershipParty with the same role changes nothing", func(t *testing.T) {
			step(t, add, mo{"p": ps, "s": "st-csii", "role": "PARTNER"}, "addPartnershipParty", 0,
				parties(lead, party("PARTNER", "st-csii"), party("PARTNER", "st-naso"), peshtera, asa, crisis))
		})
		t.Run("ErrAddPartnershipParty unknown stakeholder", func(t *testing.T) {
			before := e.read(t, "partnership", ps, sel)
			g := e.fail(t, add, mo{"p": ps, "s": "st-nobody", "role": "PARTNER"}, "BAD_USER_INPUT")
			ps := mutProblems(t, g)
			if len(ps) != 1 || !strings.Contains(ps[0].Message, `no stakeholder with id "st-nobody"`) {
				t.Errorf("problems: %+v", ps)
			}
			sameRecord(t, e.read(t, "partnership", "ps-pazardzhik-referral-memorandum", sel), before)
		})
		t.Run("ErrAddPartnershipParty unknown stakeholder names the argument", func(t *testing.T) {
			// The problem's field should be a path into the request
			// (stakeholderId), not into the stored record (parties[6]...).
			g := e.fail(t, add, mo{"p": ps, "s": "st-nobody", "role": "PARTNER"}, "BAD_USER_INPUT")
			wantProblems(t, g, "no stakeholder", "stakeholderId")
		})
		t.Run("ErrAddPartnershipParty unknown partnership", func(t *testing.T) {
			wantField(t, e.fail(t, add, mo{"p": "ps-nothing", "s": "st-naso", "role": "PARTNER"}, "NOT_FOUND"), "id")
		})
		t.Run("ErrAddPartnershipParty unknown role", func(t *testing.T) {
			before := e.read(t, "partnership", ps, sel)
			g := e.fail(t, add, mo{"p": ps, "s": "st-naso", "role": "SPONSOR"}, "BAD_USER_INPUT")
			if !strings.Contains(g.Message, "SPONSOR") {
				t.Errorf("message %q does not name the value", g.Message)
			}
			sameRecord(t, e.read(t, "partnership", ps, sel), before)
		})
		t.Run("OK removePartnershipParty", func(t *testing.T) {
			step(t, remove, mo{"p": ps, "s": "st-naso"}, "removePartnershipParty", 1,
				parties(lead, party("PARTNER", "st-csii"), peshtera, asa, crisis))
			same(t, e.read(t, "stakeholder", "st-naso", "partnerships { role }"), `{"partnerships":[]}`)
		})
		t.Run("OK removePartnershipParty of a non-party changes nothing", func(t *testing.T) {
			step(t, remove, mo{"p": ps, "s": "st-naso"}, "removePartnershipParty", 0,
				parties(lead, party("PARTNER", "st-csii"), peshtera, asa, crisis))
		})
		t.Run("ErrRemovePartnershipParty unknown partnership", func(t *testing.T) {
			wantField(t, e.fail(t, remove, mo{"p": "ps-nothing", "s": "st-naso"}, "NOT_FOUND"), "id")
		})
	})

	t.Run("Stakeholder areas", func(t *testing.T) {
		const (
			set = `mutation($s: ID!, $a: [ID!]!) { setStakeholderAreas(stakeholderId: $s, areaIds: $a) { ` + auditSel + stakeholderSel + ` } }`
			sel = auditSel + stakeholderSel
		)
		// st-csii in demo.json: four areas, located in Kalugerovo.
		step := func(t *testing.T, areas ma, bump int, want string) {
			t.Helper()
			before := e.read(t, "stakeholder", "st-csii", sel)
			r := e.run(t, set, mo{"s": "st-csii", "a": areas}, "setStakeholderAreas")
			if got, want := ver(t, r), ver(t, before)+bump; got != want {
				t.Errorf("version: got %d, want %d", got, want)
			}
			if bump == 0 {
				sameRecord(t, r, before)
			} else if r["updatedBy"] != "api" || !stamp(t, r, "updatedAt").After(stamp(t, before, "updatedAt")) {
				t.Errorf("audit fields not updated: %v %v → %v", r["updatedBy"], before["updatedAt"], r["updatedAt"])
			}
			same(t, r["cooperationAreas"], want)
			// The other fields stay as they were.
			sameRecord(t, without(r, "version", "updatedAt", "updatedBy", "cooperationAreas"),
				without(before, "version", "updatedAt", "updatedBy", "cooperationAreas"))
			sameRecord(t, e.read(t, "stakeholder", "st-csii", sel), r)
		}
		t.Run("OK setStakeholderAreas replaces the areas", func(t *testing.T) {
			step(t, ma{"area-social-inclusion", "area-volunteering"}, 1, `[{"id":"area-social-inclusion"},{"id":"area-volunteering"}]`)
			for _, s := range idList(t, e.read(t, "cooperationArea", "area-zone-planning", "stakeholders { id }")["stakeholders"], "") {
				if s == "st-csii" {
					t.Errorf("area-zone-planning still lists st-csii")
				}
			}
		})
		t.Run("OK setStakeholderAreas with the same areas changes nothing", func(t *testing.T) {
			step(t, ma{"area-volunteering", "area-social-inclusion"}, 0, `[{"id":"area-social-inclusion"},{"id":"area-volunteering"}]`)
		})
		t.Run("OK setStakeholderAreas with an empty list clears them", func(t *testing.T) {
			step(t, ma{}, 1, `[]`)
			for _, s := range idList(t, e.read(t, "cooperationArea", "area-volunteering", "stakeholders { id }")["stakeholders"], "") {
				if s == "st-csii" {
					t.Errorf("area-volunteering still lists st-csii")
				}
			}
		})
		t.Run("ErrSetStakeholderAreas unknown area", func(t *testing.T) {
			before := e.read(t, "stakeholder", "st-csii", sel)
			g := e.fail(t, set, mo{"s": "st-csii", "a": ma{"area-nowhere"}}, "BAD_USER_INPUT")
			wantProblems(t, g, `no cooperation area with id "area-nowhere"`, "areaIds[0]")
			sameRecord(t, e.read(t, "stakeholder", "st-csii", sel), before)
		})
		t.Run("ErrSetStakeholderAreas repeated area", func(t *testing.T) {
			before := e.read(t, "stakeholder", "st-csii", sel)
			g := e.fail(t, set, mo{"s": "st-csii", "a": ma{"area-volunteering", "area-volunteering"}}, "BAD_USER_INPUT")
			wantProblems(t, g, `repeats "area-volunteering"`, "areaIds[1]")
			sameRecord(t, e.read(t, "stakeholder", "st-csii", sel), before)
		})
		t.Run("ErrSetStakeholderAreas unknown stakeholder", func(t *testing.T) {
			wantField(t, e.fail(t, set, mo{"s": "st-nobody", "a": ma{}}, "NOT_FOUND"), "id")
		})
	})

	t.Run("Service coverage", func(t *testing.T) {
		const (
			set = `mutation($s: ID!, $t: [ID!]!) { setServiceCoverage(serviceId: $s, territoryIds: $t) { id version updatedBy name provider { id } coverage { id } } }`
			sel = "id version updatedBy name provider { id } coverage { id }"
			svc = "svc-peshtera-crisis-accommodation" // covers Peshtera, Bratsigovo and Batak
		)
		t.Run("OK setServiceCoverage replaces the coverage", func(t *testing.T) {
			r := e.run(t, set, mo{"s": svc, "t": ma{"tr-peshtera", "tr-lesichovo"}}, "setServiceCoverage")
			same(t, r, `{"id":"svc-peshtera-crisis-accommodation","version":2,"updatedBy":"api",
				"name":"Crisis accommodation – Peshtera","provider":{"id":"st-crisis-centre-peshtera"},
				"coverage":[{"id":"tr-lesichovo"},{"id":"tr-peshtera"}]}`)
			sameRecord(t, e.read(t, "service", svc, sel), r)
			same(t, e.read(t, "territory", "tr-batak", "services { id }"), `{"services":[]}`)
		})
		t.Run("ErrSetServiceCoverage empty list", func(t *testing.T) {
			before := e.read(t, "service", svc, sel)
			g := e.fail(t, set, mo{"s": svc, "t": ma{}}, "BAD_USER_INPUT")
			ps := mutProblems(t, g)
			if len(ps) != 1 || !strings.Contains(ps[0].Message, "a service covers at least one territory") {
				t.Errorf("problems: %+v", ps)
			}
			sameRecord(t, e.read(t, "service", svc, sel), before)
		})
		t.Run("ErrSetServiceCoverage empty list names the argument", func(t *testing.T) {
			// The argument is territoryIds; coverageIds is not in the request.
			g := e.fail(t, set, mo{"s": svc, "t": ma{}}, "BAD_USER_INPUT")
			wantProblems(t, g, "a service covers at least one territory", "territoryIds")
		})
		t.Run("ErrSetServiceCoverage unknown territory", func(t *testing.T) {
			before := e.read(t, "service", svc, sel)
			g := e.fail(t, set, mo{"s": svc, "t": ma{"tr-peshtera", "tr-nowhere"}}, "BAD_USER_INPUT")
			ps := mutProblems(t, g)
			if len(ps) != 1 || !strings.Contains(ps[0].Message, `no territory with id "tr-nowhere"`) {
				t.Errorf("problems: %+v", ps)
			}
			sameRecord(t, e.read(t, "service", svc, sel), before)
		})
		t.Run("ErrSetServiceCoverage unknown territory names the argument", func(t *testing.T) {
			g := e.fail(t, set, mo{"s": svc, "t": ma{"tr-peshtera", "tr-nowhere"}}, "BAD_USER_INPUT")
			wantProblems(t, g, "no territory", "territoryIds[1]")
		})
		t.Run("ErrSetServiceCoverage unknown service", func(t *testing.T) {
			wantField(t, e.fail(t, set, mo{"s": "svc-nothing", "t": ma{"tr-peshtera"}}, "NOT_FOUND"), "id")
		})
	})

	t.Run("Neighbours", func(t *testing.T) {
		const (
			set = `mutation($t: ID!, $n: [NeighbourInput!]!) { setNeighbours(territoryId: $t, neighbours: $n) { id version updatedBy neighbours { territory { id } distanceKm illustrative } } }`
			sel = "id version updatedBy neighbours { territory { id } distanceKm illustrative }"
		)
		nb := func(id string, km float64, ill bool) string {
			return fmt.Sprintf(`{"territory":{"id":%q},"distanceKm":%g,"illustrative":%t}`, id, km, ill)
		}
		list := func(ns ...string) string { return "[" + strings.Join(ns, ",") + "]" }
		neighbours := func(t *testing.T, id string) any {
			return e.read(t, "territory", id, "neighbours { territory { id } distanceKm illustrative }")["neighbours"]
		}
		// Pazardzhik's other links in demo.json (all illustrative).
		pazardzhikOthers := []string{nb("tr-peshtera", 20, true), nb("tr-septemvri", 20, true), nb("tr-stamboliyski", 20, true),
			nb("tr-bratsigovo", 25, true), nb("tr-saedinenie", 30, true), nb("tr-rodopi", 37, true), nb("tr-strelcha", 37, true),
			nb("tr-rakitovo", 38, true), nb("tr-panagyurishte", 40, true)}

		t.Run("OK setNeighbours replaces the links in both directions", func(t *testing.T) {
			// Lesichovo had Septemvri 11, Pazardzhik 25, Panagyurishte 42.
			r := e.run(t, set, mo{"t": "tr-lesichovo", "n": ma{
				mo{"territoryId": "tr-pazardzhik", "distanceKm": 30},
				mo{"territoryId": "tr-kalugerovo", "distanceKm": 5, "illustrative": true},
			}}, "setNeighbours")
			same(t, without(r, "neighbours"), `{"id":"tr-lesichovo","version":2,"updatedBy":"api"}`)
			// Nearest first (documented).
			same(t, r["neighbours"], list(nb("tr-kalugerovo", 5, true), nb("tr-pazardzhik", 30, false)))
			if got := idList(t, r["neighbours"], "territory"); !slices.Equal(got, []string{"tr-kalugerovo", "tr-pazardzhik"}) {
				t.Errorf("neighbours not nearest first: %q", got)
			}
			sameRecord(t, e.read(t, "territory", "tr-lesichovo", sel), r)
			same(t, neighbours(t, "tr-kalugerovo"), list(nb("tr-lesichovo", 5, true)))
			same(t, neighbours(t, "tr-pazardzhik"), list(append([]string{nb("tr-lesichovo", 30, false)}, pazardzhikOthers...)...))
			same(t, neighbours(t, "tr-septemvri"), list(nb("tr-belovo", 12, true), nb("tr-pazardzhik", 20, true), nb("tr-rakitovo", 30, true), nb("tr-velingrad", 35, true)))
			same(t, neighbours(t, "tr-panagyurishte"), list(nb("tr-strelcha", 18, true), nb("tr-pazardzhik", 40, true)))
		})
		for _, c := range []struct {
			name, field, msg string
			n                ma
		}{
			{"ErrSetNeighbours distance 0", "neighbours[0].distanceKm", "must be more than 0 and at most 5000 km, got 0",
				ma{mo{"territoryId": "tr-pazardzhik", "distanceKm": 0}}},
			{"ErrSetNeighbours negative distance", "neighbours[1].distanceKm", "got -3",
				ma{mo{"territoryId": "tr-kalugerovo", "distanceKm": 5}, mo{"territoryId": "tr-pazardzhik", "distanceKm": -3}}},
			{"ErrSetNeighbours distance over 5000", "neighbours[0].distanceKm", "got 5000.5",
				ma{mo{"territoryId": "tr-pazardzhik", "distanceKm": 5000.5}}},
			{"ErrSetNeighbours the territory itself", "neighbours[0].territoryId", "a territory is not its own neighbour",
				ma{mo{"territoryId": "tr-lesichovo", "distanceKm": 1}}},
			{"ErrSetNeighbours unknown territory", "neighbours[0].territoryId", `no territory with id "tr-nowhere"`,
				ma{mo{"territoryId": "tr-nowhere", "distanceKm": 3}}},
			{"ErrSetNeighbours repeated territory", "neighbours[1].territoryId", "repeats neighbours[0]",
				ma{mo{"territoryId": "tr-pazardzhik", "distanceKm": 10}, mo{"territoryId": "tr-pazardzhik", "distanceKm": 12}}},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := e.read(t, "territory", "tr-lesichovo", sel)
				beforeP := e.read(t, "territory", "tr-pazardzhik", sel)
				g := e.fail(t, set, mo{"t": "tr-lesichovo", "n": c.n}, "BAD_USER_INPUT")
				wantProblems(t, g, c.msg, c.field)
				sameRecord(t, e.read(t, "territory", "tr-lesichovo", sel), before)
				sameRecord(t, e.read(t, "territory", "tr-pazardzhik", sel), beforeP)
			})
		}
		t.Run("ErrSetNeighbours unknown territory id", func(t *testing.T) {
			wantField(t, e.fail(t, set, mo{"t": "tr-nowhere", "n": ma{mo{"territoryId": "tr-pazardzhik", "distanceKm": 3}}}, "NOT_FOUND"), "id")
		})
		t.Run("OK setNeighbours with an empty list removes them all", func(t *testing.T) {
			before := e.read(t, "territory", "tr-lesichovo", sel)
			r := e.run(t, set, mo{"t": "tr-lesichovo", "n": ma{}}, "setNeighbours")
			if got, want := ver(t, r), ver(t, before)+1; got != want {
				t.Errorf("version: got %d, want %d", got, want)
			}
			same(t, r["neighbours"], `[]`)
			same(t, neighbours(t, "tr-kalugerovo"), `[]`)
			same(t, neighbours(t, "tr-pazardzhik"), list(pazardzhikOthers...))
		})
	})

	t.Run("Referral links", func(t *testing.T) {
		const (
			refSel = "id from { id } to { id } categories { id } status since illustrative"
			add    = `mutation($input: ReferralLinkInput!) { addReferralLink(input: $input) { ` + refSel + ` } }`
			upd    = `mutation($id: ID!, $input: ReferralLinkInput!) { updateReferralLink(id: $id, input: $input) { ` + refSel + ` } }`
			rm     = `mutation($id: ID!) { removeReferralLink(id: $id) { deleted { type id } } }`
		)
		out := func(t *testing.T, id string) any {
			return e.read(t, "stakeholder", id, "referralsOut { "+refSel+" }")["referralsOut"]
		}
		in := func(t *testing.T, id string) any {
			return e.read(t, "stakeholder", id, "referralsIn { id from { id } }")["referralsIn"]
		}
		link := mo{"id": "ref-mut-1", "fromId": "st-naso", "toId": "st-csii", "categoryIds": ma{"cat-rehab", "cat-crisis"},
			"status": "PROPOSED", "since": "2024-01-15", "illustrative": true, "source": "mutation test"}
		const linked = `{"id":"ref-mut-1","from":{"id":"st-naso"},"to":{"id":"st-csii"},"categories":[{"id":"cat-crisis"},{"id":"cat-rehab"}],
			"status":"PROPOSED","since":"2024-01-15","illustrative":true}`
		// st-csii's referrals in, in demo.json.
		const csiiIn = `{"id":"ref-lesichovo-csii","from":{"id":"st-lesichovo-municipality"}}`

		t.Run("OK addReferralLink", func(t *testing.T) {
			same(t, e.run(t, add, mo{"input": link}, "addReferralLink"), linked)
			same(t, out(t, "st-naso"), `[`+linked+`]`)
			same(t, in(t, "st-csii"), `[`+csiiIn+`,{"id":"ref-mut-1","from":{"id":"st-naso"}}]`)
		})
		t.Run("OK addReferralLink again with the same input changes nothing", func(t *testing.T) {
			same(t, e.run(t, add, mo{"input": link}, "addReferralLink"), linked)
			same(t, out(t, "st-naso"), `[`+linked+`]`)
		})
		t.Run("ErrAddReferralLink same id with another status", func(t *testing.T) {
			wantField(t, e.fail(t, add, mo{"input": with(link, mo{"status": "ACTIVE"})}, "CONFLICT"), "input.id")
			same(t, out(t, "st-naso"), `[`+linked+`]`)
		})
		t.Run("ErrAddReferralLink same id with other ends", func(t *testing.T) {
			wantField(t, e.fail(t, add, mo{"input": with(link, mo{"toId": "st-asa-pazardzhik"})}, "CONFLICT"), "input.id")
			same(t, out(t, "st-naso"), `[`+linked+`]`)
			same(t, in(t, "st-asa-pazardzhik"), `[{"id":"ref-csii-asa","from":{"id":"st-csii"}}]`)
		})
		t.Run("OK addReferralLink without id", func(t *testing.T) {
			r := e.run(t, add, mo{"input": mo{"fromId": "st-rural-initiative", "toId": "st-volunteers-kalugerovo", "status": "ACTIVE"}}, "addReferralLink")
			id, _ := r["id"].(string)
			if !regexp.MustCompile(`^ref-[0-9a-f]{24}$`).MatchString(id) {
				t.Errorf("generated id %q is not ref-<24 hex digits>", id)
			}
			want := fmt.Sprintf(`{"id":%q,"from":{"id":"st-rural-initiative"},"to":{"id":"st-volunteers-kalugerovo"},"categories":[],
				"status":"ACTIVE","since":null,"illustrative":false}`, id)
			same(t, r, want)
			same(t, out(t, "st-rural-initiative"), `[`+want+`]`)
		})
		t.Run("ErrAddReferralLink unknown stakeholder and category", func(t *testing.T) {
			before := in(t, "st-csii")
			g := e.fail(t, add, mo{"input": mo{"id": "ref-mut-bad", "fromId": "st-nobody", "toId": "st-csii", "categoryIds": ma{"cat-nothing"}, "status": "ACTIVE"}}, "BAD_USER_INPUT")
			wantProblems(t, g, `no stakeholder with id "st-nobody"`, "input.fromId", "input.categoryIds[0]")
			same(t, in(t, "st-csii"), mutJSON(before))
		})
		t.Run("OK updateReferralLink changes status and categories", func(t *testing.T) {
			r := e.run(t, upd, mo{"id": "ref-mut-1", "input": mo{"fromId": "st-naso", "toId": "st-csii", "categoryIds": ma{"cat-health"}, "status": "ACTIVE"}}, "updateReferralLink")
			want := `{"id":"ref-mut-1","from":{"id":"st-naso"},"to":{"id":"st-csii"},"categories":[{"id":"cat-health"}],"status":"ACTIVE","since":null,"illustrative":false}`
			same(t, r, want)
			same(t, out(t, "st-naso"), `[`+want+`]`)
		})
		t.Run("OK updateReferralLink moves to", func(t *testing.T) {
			r := e.run(t, upd, mo{"id": "ref-mut-1", "input": mo{"id": "ref-mut-1", "fromId": "st-naso", "toId": "st-asa-pazardzhik", "categoryIds": ma{"cat-health"}, "status": "ACTIVE"}}, "updateReferralLink")
			want := `{"id":"ref-mut-1","from":{"id":"st-naso"},"to":{"id":"st-asa-pazardzhik"},"categories":[{"id":"cat-health"}],"status":"ACTIVE","since":null,"illustrative":false}`
			same(t, r, want)
			same(t, out(t, "st-naso"), `[`+want+`]`)
			same(t, in(t, "st-csii"), `[`+csiiIn+`]`)
			same(t, in(t, "st-asa-pazardzhik"), `[{"id":"ref-csii-asa","from":{"id":"st-csii"}},{"id":"ref-mut-1","from":{"id":"st-naso"}}]`)
		})
		t.Run("OK updateReferralLink moves from", func(t *testing.T) {
			e.run(t, upd, mo{"id": "ref-mut-1", "input": mo{"fromId": "st-cts", "toId": "st-asa-pazardzhik", "status": "INACTIVE"}}, "updateReferralLink")
			same(t, out(t, "st-naso"), `[]`)
			same(t, out(t, "st-cts"), `[{"id":"ref-mut-1","from":{"id":"st-cts"},"to":{"id":"st-asa-pazardzhik"},"categories":[],"status":"INACTIVE","since":null,"illustrative":false}]`)
		})
		t.Run("ErrUpdateReferralLink unknown id", func(t *testing.T) {
			wantField(t, e.fail(t, upd, mo{"id": "ref-nothing", "input": mo{"fromId": "st-cts", "toId": "st-naso", "status": "ACTIVE"}}, "NOT_FOUND"), "id")
			same(t, out(t, "st-cts"), `[{"id":"ref-mut-1","from":{"id":"st-cts"},"to":{"id":"st-asa-pazardzhik"},"categories":[],"status":"INACTIVE","since":null,"illustrative":false}]`)
		})
		t.Run("ErrUpdateReferralLink input.id differs from id", func(t *testing.T) {
			wantField(t, e.fail(t, upd, mo{"id": "ref-mut-1", "input": mo{"id": "ref-mut-2", "fromId": "st-cts", "toId": "st-naso", "status": "ACTIVE"}}, "BAD_USER_INPUT"), "input.id")
			same(t, out(t, "st-cts"), `[{"id":"ref-mut-1","from":{"id":"st-cts"},"to":{"id":"st-asa-pazardzhik"},"categories":[],"status":"INACTIVE","since":null,"illustrative":false}]`)
		})
		t.Run("ErrUpdateReferralLink unknown stakeholder and self-referral", func(t *testing.T) {
			g := e.fail(t, upd, mo{"id": "ref-mut-1", "input": mo{"fromId": "st-cts", "toId": "st-nobody", "status": "ACTIVE"}}, "BAD_USER_INPUT")
			wantProblems(t, g, `no stakeholder with id "st-nobody"`, "input.toId")
			g = e.fail(t, upd, mo{"id": "ref-mut-1", "input": mo{"fromId": "st-cts", "toId": "st-cts", "status": "ACTIVE"}}, "BAD_USER_INPUT")
			wantProblems(t, g, "a stakeholder cannot refer to itself", "input.toId")
			same(t, out(t, "st-cts"), `[{"id":"ref-mut-1","from":{"id":"st-cts"},"to":{"id":"st-asa-pazardzhik"},"categories":[],"status":"INACTIVE","since":null,"illustrative":false}]`)
		})
		t.Run("OK removeReferralLink", func(t *testing.T) {
			same(t, e.run(t, rm, mo{"id": "ref-mut-1"}, "removeReferralLink"), `{"deleted":[{"type":"ReferralLink","id":"ref-mut-1"}]}`)
			same(t, out(t, "st-cts"), `[]`)
			same(t, in(t, "st-asa-pazardzhik"), `[{"id":"ref-csii-asa","from":{"id":"st-csii"}}]`)
		})
		t.Run("ErrRemoveReferralLink a second time", func(t *testing.T) {
			wantField(t, e.fail(t, rm, mo{"id": "ref-mut-1"}, "NOT_FOUND"), "id")
		})
	})
}
