package api_test

import (
	"fmt"
	"testing"
	"time"
)

// ---------------------------------------------------------------------------
// 6. Audit fields.

func TestMutationAudit(t *testing.T) {
	e := newMutEnv(t)

	// The demo loader wrote every record as "test", version 1.
	t.Run("Target group: update by the API", func(t *testing.T) {
		const sel = auditSel + "name nameLocal description illustrative illustrativeFields source"
		rec := e.read(t, "targetGroup", "tg-families", sel)
		same(t, without(rec, "createdAt", "updatedAt"), `{"id":"tg-families","version":1,"updatedBy":"test","name":"Families in need",
			"nameLocal":"Семейства в нужда","description":null,"illustrative":false,"illustrativeFields":[],"source":null}`)
		input := mo{"name": rec["name"], "nameLocal": rec["nameLocal"], "illustrative": rec["illustrative"], "illustrativeFields": rec["illustrativeFields"]}
		update := func(t *testing.T, in mo, v int) mo {
			return e.run(t, updateOp("TargetGroup", sel), mo{"id": "tg-families", "input": in, "v": v}, "updateTargetGroup")
		}
		t.Run("OK update that changes nothing leaves version, updatedAt and updatedBy", func(t *testing.T) {
			sameRecord(t, update(t, input, 1), rec)
			sameRecord(t, e.read(t, "targetGroup", "tg-families", sel), rec)
		})
		prev := rec
		for i, desc := range []string{"Households below the poverty line.", "Households at risk of poverty."} {
			t.Run(fmt.Sprintf("OK change %d: version +1, updatedBy api, updatedAt grows", i+1), func(t *testing.T) {
				r := update(t, with(input, mo{"description": desc}), ver(t, prev))
				if got, want := ver(t, r), ver(t, prev)+1; got != want {
					t.Errorf("version: got %d, want %d", got, want)
				}
				if r["updatedBy"] != "api" {
					t.Errorf("updatedBy: got %v, want api", r["updatedBy"])
				}
				if !stamp(t, r, "updatedAt").After(stamp(t, prev, "updatedAt")) {
					t.Errorf("updatedAt did not grow: %v → %v", prev["updatedAt"], r["updatedAt"])
				}
				if r["createdAt"] != rec["createdAt"] {
					t.Errorf("createdAt changed: %v → %v", rec["createdAt"], r["createdAt"])
				}
				if r["description"] != desc {
					t.Errorf("description: got %v", r["description"])
				}
				prev = r
			})
		}
		t.Run("OK the same change again changes nothing", func(t *testing.T) {
			sameRecord(t, update(t, with(input, mo{"description": "Households at risk of poverty."}), 3), prev)
		})
		t.Run("ErrUpdate that fails leaves the audit fields", func(t *testing.T) {
			e.fail(t, updateOp("TargetGroup", "id"), mo{"id": "tg-families", "input": with(input, mo{"name": ""}), "v": 3}, "BAD_USER_INPUT")
			sameRecord(t, e.read(t, "targetGroup", "tg-families", sel), prev)
		})
	})

	t.Run("Stakeholder: one version per changing mutation, whatever it changes", func(t *testing.T) {
		const sel = auditSel + stakeholderSel
		rec := e.read(t, "stakeholder", "st-naso", sel)
		same(t, without(rec, "createdAt", "updatedAt", "name", "nameLocal", "acronym", "description", "email", "phone", "website", "illustrative", "illustrativeFields", "source"),
			`{"id":"st-naso","version":1,"updatedBy":"test","kind":"NGO","sector":"NON_PROFIT","territory":{"id":"tr-bg"},
			"cooperationAreas":[{"id":"area-social-inclusion"}]}`)
		// The record as an input: read, then write back.
		input := mo{"territoryId": "tr-bg", "areaIds": ma{"area-social-inclusion"}}
		for _, k := range []string{"name", "nameLocal", "acronym", "kind", "sector", "description", "email", "phone", "website", "illustrative", "illustrativeFields", "source"} {
			if rec[k] != nil {
				input[k] = rec[k]
			}
		}
		steps := []struct {
			name  string
			op    string
			field string
			vars  func(v int) mo
			bump  int
		}{
			{"OK updateStakeholder unchanged", updateOp("Stakeholder", sel), "updateStakeholder", func(v int) mo { return mo{"id": "st-naso", "input": input, "v": v} }, 0},
			{"OK updateStakeholder relationships only", updateOp("Stakeholder", sel), "updateStakeholder",
				func(v int) mo {
					return mo{"id": "st-naso", "input": with(input, mo{"areaIds": ma{"area-social-inclusion", "area-volunteering"}}), "v": v}
				}, 1},
			{"OK updateStakeholder fields and relationships together", updateOp("Stakeholder", sel), "updateStakeholder",
				func(v int) mo {
					return mo{"id": "st-naso", "input": with(input, mo{"phone": "+359 2 000 0000", "areaIds": ma{"area-volunteering"}, "territoryId": "tr-pazardzhik"}), "v": v}
				}, 1},
			{"OK setStakeholderAreas", `mutation($a: [ID!]!) { setStakeholderAreas(stakeholderId: "st-naso", areaIds: $a) { ` + sel + ` } }`, "setStakeholderAreas",
				func(int) mo { return mo{"a": ma{"area-health-social"}} }, 1},
			{"OK setStakeholderAreas unchanged", `mutation($a: [ID!]!) { setStakeholderAreas(stakeholderId: "st-naso", areaIds: $a) { ` + sel + ` } }`, "setStakeholderAreas",
				func(int) mo { return mo{"a": ma{"area-health-social"}} }, 0},
			{"OK updateStakeholder back to the demo record", updateOp("Stakeholder", sel), "updateStakeholder", func(v int) mo { return mo{"id": "st-naso", "input": input, "v": v} }, 1},
		}
		prev := rec
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				r := e.run(t, s.op, s.vars(ver(t, prev)), s.field)
				if got, want := ver(t, r), ver(t, prev)+s.bump; got != want {
					t.Errorf("version: got %d, want %d", got, want)
				}
				if s.bump == 0 {
					sameRecord(t, r, prev)
				} else {
					if r["updatedBy"] != "api" {
						t.Errorf("updatedBy: got %v, want api", r["updatedBy"])
					}
					if !stamp(t, r, "updatedAt").After(stamp(t, prev, "updatedAt")) {
						t.Errorf("updatedAt did not grow: %v → %v", prev["updatedAt"], r["updatedAt"])
					}
				}
				sameRecord(t, e.read(t, "stakeholder", "st-naso", sel), r)
				prev = r
			})
		}
		t.Run("OK back to the demo content at version 5", func(t *testing.T) {
			same(t, without(prev, "version", "createdAt", "updatedAt", "updatedBy"), mutJSON(without(rec, "version", "createdAt", "updatedAt", "updatedBy")))
			if v := ver(t, prev); v != 5 {
				t.Errorf("version: got %d, want 5", v)
			}
		})
	})

	t.Run("Service: edits that change nothing", func(t *testing.T) {
		const sel = auditSel + "availableUpdatedAt coverage { id }"
		r := e.run(t, createOp("Service", sel), mo{"input": with(svcBase, mo{"id": "svc-mut-counted", "capacity": 8, "available": 2,
			"availableUpdatedAt": "2024-05-01T12:00:00+02:00", "coverageIds": ma{"tr-peshtera", "tr-lesichovo"}})}, "createService")
		if got := stamp(t, r, "availableUpdatedAt"); !got.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("availableUpdatedAt: got %s, want 2024-05-01T10:00:00Z", got)
		}
		set := `mutation($t: [ID!]!) { setServiceCoverage(serviceId: "svc-mut-counted", territoryIds: $t) { ` + sel + ` } }`
		t.Run("OK setServiceCoverage with the same territories changes nothing", func(t *testing.T) {
			sameRecord(t, e.run(t, set, mo{"t": ma{"tr-lesichovo", "tr-peshtera"}}, "setServiceCoverage"), r)
			sameRecord(t, e.read(t, "service", "svc-mut-counted", sel), r)
		})
		t.Run("OK setServiceCoverage that changes the coverage: version +1", func(t *testing.T) {
			before := e.read(t, "service", "svc-mut-counted", sel)
			got := e.run(t, set, mo{"t": ma{"tr-lesichovo"}}, "setServiceCoverage")
			if v, want := ver(t, got), ver(t, before)+1; v != want {
				t.Errorf("version: got %d, want %d", v, want)
			}
			same(t, got["coverage"], `[{"id":"tr-lesichovo"}]`)
		})
	})

	t.Run("Territory: setNeighbours and updateTerritory", func(t *testing.T) {
		const sel = auditSel + "neighbours { territory { id } distanceKm }"
		set := `mutation($n: [NeighbourInput!]!) { setNeighbours(territoryId: "tr-septemvri", neighbours: $n) { ` + sel + ` } }`
		// Septemvri's links in demo.json, as they are.
		demo := ma{mo{"territoryId": "tr-lesichovo", "distanceKm": 11, "illustrative": true}, mo{"territoryId": "tr-belovo", "distanceKm": 12, "illustrative": true},
			mo{"territoryId": "tr-pazardzhik", "distanceKm": 20, "illustrative": true}, mo{"territoryId": "tr-rakitovo", "distanceKm": 30, "illustrative": true},
			mo{"territoryId": "tr-velingrad", "distanceKm": 35, "illustrative": true}}
		t.Run("OK setNeighbours with the current links changes nothing", func(t *testing.T) {
			before := e.read(t, "territory", "tr-septemvri", sel)
			sameRecord(t, e.run(t, set, mo{"n": demo}, "setNeighbours"), before)
		})
		t.Run("OK updateTerritory with the stored record changes nothing", func(t *testing.T) {
			// Belovo as read, written back (neighbours left out: an update keeps them).
			const full = sel + " name nameLocal level code population parent { id } zones { id } illustrative illustrativeFields source"
			before := e.read(t, "territory", "tr-belovo", full)
			same(t, without(before, "createdAt", "updatedAt", "neighbours"), `{"id":"tr-belovo","version":1,"updatedBy":"test","name":"Belovo",
				"nameLocal":"Белово","level":"MUNICIPALITY","code":"PAZ04","population":7100,"parent":{"id":"tr-pazardzhik-district"},"zones":[],
				"illustrative":false,"illustrativeFields":["population"],"source":"Eurostat NUTS 2021; NSI EKATTE municipality codes"}`)
			input := mo{"name": "Belovo", "nameLocal": "Белово", "level": "MUNICIPALITY", "code": "PAZ04", "population": 7100,
				"parentId": "tr-pazardzhik-district", "illustrativeFields": ma{"population"}, "source": "Eurostat NUTS 2021; NSI EKATTE municipality codes"}
			sameRecord(t, e.run(t, updateOp("Territory", full), mo{"id": "tr-belovo", "input": input, "v": 1}, "updateTerritory"), before)
			// Listing a neighbour it has, at the same distance, changes nothing either.
			sameRecord(t, e.run(t, updateOp("Territory", full), mo{"id": "tr-belovo", "v": 1,
				"input": with(input, mo{"neighbours": ma{mo{"territoryId": "tr-velingrad", "distanceKm": 45, "illustrative": true}}})}, "updateTerritory"), before)
			sameRecord(t, e.read(t, "territory", "tr-belovo", full), before)
		})
	})
}
