package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// ---------------------------------------------------------------------------
// 3. Validation: every rule, its problem's field path, and nothing written.

// Valid inputs that the validation cases spoil one field at a time.
var (
	tgBase   = mo{"name": "Mutation group"}
	stBase   = mo{"name": "Mutation stakeholder", "kind": "NGO", "sector": "NON_PROFIT", "territoryId": "tr-lesichovo"}
	svcBase  = mo{"name": "Mutation service", "status": "ACTIVE", "deliveryMode": "IN_PERSON", "providerId": "st-naso", "categoryId": "cat-day-care", "coverageIds": ma{"tr-lesichovo"}}
	needBase = mo{"volume": 10, "priority": "MEDIUM", "year": 2024, "territoryId": "tr-lesichovo", "categoryId": "cat-day-care", "targetGroupId": "tg-older-people"}
	psBase   = mo{"name": "Mutation partnership", "kind": "AGREEMENT", "status": "ACTIVE"}
	evBase   = mo{"name": "Mutation event", "kind": "MEETING", "startDate": "2024-03-01"}
	prjBase  = mo{"name": "Mutation project"}
	trBase   = mo{"name": "Mutation municipality", "level": "MUNICIPALITY", "parentId": "tr-pazardzhik-district"}
)

// invalidCase is a request that must fail and change nothing.
type invalidCase struct {
	name string
	op   string
	vars mo
	code string // default BAD_USER_INPUT
	// fields are the fields of every problem reported (exactly); nil when
	// the request fails GraphQL validation (no problems list): then msg is
	// part of the error message.
	fields []string
	msg    string // said by a problem of fields[0]
	// path, for a GraphQL validation error, is the error's path, e.g.
	// "[variable input name]".
	path string
	// unique compares the problems' fields as a set (the same field may be
	// reported for two reasons).
	unique bool
	// The record read before and after: it must not change (for a create,
	// it must stay absent).
	lookup, id, sel string
}

// createCase is an invalidCase of createTyp with input, whose id must stay
// unused.
func createCase(name, typ string, input mo, msg string, fields ...string) invalidCase {
	return invalidCase{name: name, op: createOp(typ, "id"), vars: mo{"input": input}, fields: fields, msg: msg,
		lookup: lookupOf(typ), id: input["id"].(string), sel: "id"}
}

func withPath(c invalidCase, path string) invalidCase {
	c.path = path
	return c
}

func TestMutationValidation(t *testing.T) {
	e := newMutEnv(t)
	long := strings.Repeat("ж", 301) // 301 characters, 602 bytes

	t.Run("OK the base inputs are valid", func(t *testing.T) {
		// So that each case below has exactly the one problem it makes.
		for typ, base := range map[string]mo{"TargetGroup": tgBase, "Stakeholder": stBase, "Service": svcBase, "Need": needBase,
			"Partnership": psBase, "Event": evBase, "Project": prjBase, "Territory": trBase} {
			id := "mut-valid-" + strings.ToLower(typ)
			r := e.run(t, createOp(typ, "id version"), mo{"input": with(base, mo{"id": id})}, "create"+typ)
			same(t, r, fmt.Sprintf(`{"id":%q,"version":1}`, id))
		}
	})

	t.Run("OK a name of exactly 300 characters", func(t *testing.T) {
		r := e.run(t, createOp("TargetGroup", "name"), mo{"input": with(tgBase, mo{"id": "tg-mut-300", "name": long[:600]})}, "createTargetGroup")
		if n := len([]rune(r["name"].(string))); n != 300 {
			t.Errorf("name has %d characters, want 300", n)
		}
	})

	cases := []invalidCase{
		// Required fields.
		createCase("ErrRequired name blank", "TargetGroup", with(tgBase, mo{"id": "tg-mut-blank", "name": "   "}), "is required", "input.name"),
		createCase("ErrRequired territoryId empty", "Stakeholder", with(stBase, mo{"id": "st-mut-nowhere", "territoryId": ""}), "is required", "input.territoryId"),
		withPath(createCase("ErrRequired event startDate missing", "Event", with(evBase, mo{"id": "ev-mut-undated", "startDate": nil}), "must be defined"),
			"[variable input startDate]"),
		withPath(createCase("ErrRequired name missing", "TargetGroup", mo{"id": "tg-mut-nameless"}, "must be defined"), "[variable input name]"),
		createCase("ErrId with spaces", "TargetGroup", with(tgBase, mo{"id": "tg mut spaces"}), "spaces", "input.id"),
		createCase("ErrId of 101 characters", "TargetGroup", with(tgBase, mo{"id": "tg-" + strings.Repeat("x", 98)}), "is longer than 100 characters", "input.id"),
		createCase("ErrRequired blank illustrativeFields entry", "TargetGroup", with(tgBase, mo{"id": "tg-mut-illustrative", "illustrativeFields": ma{"name", " "}}),
			"is required", "input.illustrativeFields[1]"),
		// Lengths, in characters.
		createCase("ErrLength name of 301 characters", "TargetGroup", with(tgBase, mo{"id": "tg-mut-301", "name": long}), "is longer than 300 characters", "input.name"),
		createCase("ErrLength stakeholder name of 301 characters", "Stakeholder", with(stBase, mo{"id": "st-mut-301", "name": strings.Repeat("x", 301)}), "is longer than 300 characters", "input.name"),
		// Enums, through variables and inline.
		withPath(createCase("ErrEnum unknown kind in variables", "Stakeholder", with(stBase, mo{"id": "st-mut-charity", "kind": "CHARITY"}), "CHARITY"),
			"[variable input kind]"),
		createCase("ErrEnum lower-case value in variables", "Service", with(svcBase, mo{"id": "svc-mut-lower", "status": "active"}), "active"),
		{name: "ErrEnum unknown value inline", op: `mutation { createNeed(input: {id: "need-mut-inline", volume: 1, priority: URGENT, year: 2024,
			territoryId: "tr-lesichovo", categoryId: "cat-day-care", targetGroupId: "tg-older-people"}) { id } }`,
			msg: "URGENT", lookup: "need", id: "need-mut-inline", sel: "id"},
		// Dates.
		createCase("ErrDates partnership validTo before validFrom", "Partnership",
			with(psBase, mo{"id": "ps-mut-backwards", "validFrom": "2024-01-01", "validTo": "2023-12-31"}),
			"must not be before validFrom (2024-01-01), got 2023-12-31", "input.validTo"),
		createCase("ErrDates event endDate before startDate", "Event",
			with(evBase, mo{"id": "ev-mut-backwards", "startDate": "2024-03-02", "endDate": "2024-03-01"}),
			"must not be before startDate (2024-03-02), got 2024-03-01", "input.endDate"),
		createCase("ErrDates project endDate before startDate", "Project",
			with(prjBase, mo{"id": "prj-mut-backwards", "startDate": "2024-03-02", "endDate": "2024-03-01"}),
			"must not be before startDate", "input.endDate"),
		createCase("ErrDates not a date", "Event", with(evBase, mo{"id": "ev-mut-baddate", "startDate": "2024-13-01"}), "not a date"),
		// Numbers.
		createCase("ErrNegative capacity", "Service", with(svcBase, mo{"id": "svc-mut-neg", "capacity": -1}), "must not be negative, got -1", "input.capacity"),
		createCase("ErrNegative available", "Service", with(svcBase, mo{"id": "svc-mut-neg-av", "available": -2}), "must not be negative, got -2", "input.available"),
		createCase("ErrNegative volume", "Need", with(needBase, mo{"id": "need-mut-neg", "volume": -5}), "must not be negative, got -5", "input.volume"),
		createCase("ErrNegative population", "Territory", with(trBase, mo{"id": "tr-mut-neg", "population": -1}), "must not be negative", "input.population"),
		createCase("ErrAvailable more than capacity", "Service", with(svcBase, mo{"id": "svc-mut-over", "capacity": 5, "available": 6}),
			"must not exceed capacity (5), got 6", "input.available"),
		createCase("ErrAges minAge above maxAge", "Service", with(svcBase, mo{"id": "svc-mut-ages", "minAge": 65, "maxAge": 18}),
			"must not be below minAge (65), got 18", "input.maxAge"),
		createCase("ErrAges minAge above 150", "Service", with(svcBase, mo{"id": "svc-mut-old", "minAge": 151}), "between 0 and 150", "input.minAge"),
		createCase("ErrYear out of range", "Need", with(needBase, mo{"id": "need-mut-year", "year": 1899}), "between 1900 and 2200", "input.year"),
		createCase("ErrNegative participantCount", "Event", with(evBase, mo{"id": "ev-mut-neg", "participantCount": -1}), "must not be negative", "input.participantCount"),
		createCase("ErrFeedbackScore out of range", "Event", with(evBase, mo{"id": "ev-mut-score", "feedbackScore": 5.5}), "between 1 and 5", "input.feedbackScore"),
		// E-mail and URL.
		createCase("ErrEmail not an address", "Stakeholder", with(stBase, mo{"id": "st-mut-email", "email": "info at example.org"}),
			`"info at example.org" is not an e-mail address`, "input.email"),
		createCase("ErrEmail with a display name", "Service", with(svcBase, mo{"id": "svc-mut-email", "email": "Info <info@example.org>"}),
			"is not an e-mail address", "input.email"),
		createCase("ErrURL without scheme", "Service", with(svcBase, mo{"id": "svc-mut-url", "url": "www.example.org"}),
			`"www.example.org" is not an http(s) URL`, "input.url"),
		createCase("ErrURL not http", "Stakeholder", with(stBase, mo{"id": "st-mut-ftp", "website": "ftp://example.org"}),
			"is not an http(s) URL", "input.website"),
		// Missing references.
		createCase("ErrRef service providerId", "Service", with(svcBase, mo{"id": "svc-mut-orphan", "providerId": "st-nobody"}),
			`no stakeholder with id "st-nobody"`, "input.providerId"),
		createCase("ErrRef need territoryId", "Need", with(needBase, mo{"id": "need-mut-nowhere", "territoryId": "tr-nowhere"}),
			`no territory with id "tr-nowhere"`, "input.territoryId"),
		createCase("ErrRef stakeholder areaIds", "Stakeholder", with(stBase, mo{"id": "st-mut-areas", "areaIds": ma{"area-volunteering", "area-nowhere"}}),
			`no cooperation area with id "area-nowhere"`, "input.areaIds[1]"),
		createCase("ErrRef partnership party", "Partnership",
			with(psBase, mo{"id": "ps-mut-ghost", "parties": ma{mo{"stakeholderId": "st-csii", "role": "LEAD"}, mo{"stakeholderId": "st-nobody", "role": "PARTNER"}}}),
			`no stakeholder with id "st-nobody"`, "input.parties[1].stakeholderId"),
		createCase("ErrRef repeated area", "Stakeholder", with(stBase, mo{"id": "st-mut-repeat", "areaIds": ma{"area-volunteering", "area-volunteering"}}),
			`repeats "area-volunteering"`, "input.areaIds[1]"),
		createCase("ErrDuplicate party", "Partnership",
			with(psBase, mo{"id": "ps-mut-dup", "parties": ma{mo{"stakeholderId": "st-csii", "role": "LEAD"},
				mo{"stakeholderId": "st-naso", "role": "PARTNER"}, mo{"stakeholderId": "st-csii", "role": "PARTNER"}}}),
			`"st-csii" is already a party (parties[0])`, "input.parties[2].stakeholderId"),
		// Territory levels.
		createCase("ErrTerritory MUNICIPALITY as parent of a DISTRICT", "Territory",
			mo{"id": "tr-mut-district", "name": "Mutation district", "level": "DISTRICT", "parentId": "tr-lesichovo"},
			`the parent must be of a higher level than DISTRICT, but "tr-lesichovo" is a MUNICIPALITY`, "input.parentId"),
		createCase("ErrTerritory parent of the same level", "Territory", with(trBase, mo{"id": "tr-mut-same", "parentId": "tr-peshtera"}),
			`the parent must be of a higher level than MUNICIPALITY, but "tr-peshtera" is a MUNICIPALITY`, "input.parentId"),
		createCase("ErrTerritory parentId is a ZONE", "Territory", with(trBase, mo{"id": "tr-mut-zoned", "parentId": "tr-zone-pazardzhik-west"}),
			`"tr-zone-pazardzhik-west" is a planning zone`, "input.parentId"),
		createCase("ErrTerritory zoneIds names a non-zone", "Territory",
			with(trBase, mo{"id": "tr-mut-zones", "zoneIds": ma{"tr-zone-pazardzhik-west", "tr-pazardzhik"}}),
			`"tr-pazardzhik" is a MUNICIPALITY, not a planning zone`, "input.zoneIds[1]"),
		createCase("ErrTerritory zones of a district", "Territory",
			mo{"id": "tr-mut-district-zoned", "name": "Mutation district", "level": "DISTRICT", "parentId": "tr-bg42", "zoneIds": ma{"tr-zone-pazardzhik-west"}},
			"only municipalities and settlements belong to planning zones", "input.zoneIds"),
		// "each pair of territories listed once" (TerritoryInput.neighbours).
		createCase("ErrTerritory repeated neighbour", "Territory",
			with(trBase, mo{"id": "tr-mut-twice", "neighbours": ma{mo{"territoryId": "tr-kalugerovo", "distanceKm": 4}, mo{"territoryId": "tr-kalugerovo", "distanceKm": 6}}}),
			"repeats", "input.neighbours[1].territoryId"),
		createCase("ErrTerritory own neighbour", "Territory",
			with(trBase, mo{"id": "tr-mut-self", "neighbours": ma{mo{"territoryId": "tr-mut-self", "distanceKm": 1}}}),
			"a territory is not its own neighbour", "input.neighbours[0].territoryId"),
		{
			name: "ErrTerritory level not above its parts", op: updateOp("Territory", "id"),
			vars: mo{"id": "tr-lesichovo", "v": 1, "input": mo{"name": "Lesichovo", "level": "SETTLEMENT", "parentId": "tr-pazardzhik-district"}},
			// One problem per settlement of Lesichovo (Kalugerovo, Lesichovo
			// village, Shtarkovo, Tserovo).
			fields: []string{"input.level", "input.level", "input.level", "input.level"}, msg: "SETTLEMENT is not above its part",
			lookup: "territory", id: "tr-lesichovo", sel: auditSel + "name level parent { id } children { id } zones { id }",
		},
		// Category cycles.
		{
			name: "ErrCategory cycle: a category below its own child", op: updateOp("ServiceCategory", "id"),
			vars:   mo{"id": "cat-info-referral", "v": 1, "input": mo{"name": "Information, counselling and referral", "domain": "INTEGRATED", "parentId": "cat-info-point"}},
			fields: []string{"input.parentId"}, msg: `"cat-info-referral" would be below itself`,
			lookup: "serviceCategory", id: "cat-info-referral", sel: auditSel + "name parent { id } children { id }",
		},
		{
			name: "ErrCategory its own parent", op: updateOp("ServiceCategory", "id"),
			vars:   mo{"id": "cat-rehab", "v": 1, "input": mo{"name": "Rehabilitation", "domain": "SOCIAL", "parentId": "cat-rehab"}},
			fields: []string{"input.parentId"}, msg: "a category cannot be its own parent", unique: true,
			lookup: "serviceCategory", id: "cat-rehab", sel: auditSel + "name parent { id } children { id }",
		},
		// Referral links.
		{
			name: "ErrReferral self-referral", op: `mutation($input: ReferralLinkInput!) { addReferralLink(input: $input) { id } }`,
			vars:   mo{"input": mo{"id": "ref-mut-self", "fromId": "st-csii", "toId": "st-csii", "status": "ACTIVE"}},
			fields: []string{"input.toId"}, msg: "a stakeholder cannot refer to itself",
			lookup: "stakeholder", id: "st-csii", sel: auditSel + "referralsOut { id } referralsIn { id }",
		},
		// Every problem at once.
		createCase("ErrAll problems of a service at once", "Service",
			mo{"id": "svc-mut-all", "name": "", "status": "ACTIVE", "deliveryMode": "IN_PERSON", "capacity": -2, "minAge": 70, "maxAge": 60,
				"email": "nope", "providerId": "st-nobody", "categoryId": "cat-nothing", "coverageIds": ma{}},
			"is required", "input.name", "input.maxAge", "input.capacity", "input.email", "input.coverageIds", "input.providerId", "input.categoryId"),
		createCase("ErrAll problems of a partnership at once", "Partnership",
			with(psBase, mo{"id": "ps-mut-all", "validFrom": "2024-01-01", "validTo": "2023-01-01", "areaIds": ma{"area-nowhere"}, "projectId": "prj-nothing",
				"parties": ma{mo{"stakeholderId": "st-naso", "role": "LEAD"}, mo{"stakeholderId": "st-naso", "role": "PARTNER"}}}),
			"must not be before validFrom", "input.validTo", "input.parties[1].stakeholderId", "input.areaIds[0]", "input.projectId"),
		{
			name: "ErrAll problems of an update at once", op: updateOp("Stakeholder", "id"),
			vars:   mo{"id": "st-csii", "v": 1, "input": with(stBase, mo{"name": " ", "email": "csii", "website": "csii.org", "territoryId": "tr-nowhere"})},
			fields: []string{"input.name", "input.email", "input.website", "input.territoryId"}, msg: "is required",
			lookup: "stakeholder", id: "st-csii", sel: auditSel + stakeholderSel,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.read(t, c.lookup, c.id, c.sel)
			code := c.code
			if code == "" {
				code = "BAD_USER_INPUT"
			}
			g := e.fail(t, c.op, c.vars, code)
			switch {
			case c.unique:
				ps := mutProblems(t, g)
				said := false
				for _, p := range ps {
					if !slices.Contains(c.fields, p.Field) {
						t.Errorf("unexpected problem %+v", p)
					}
					said = said || (p.Field == c.fields[0] && strings.Contains(p.Message, c.msg))
				}
				if !said {
					t.Errorf("no problem of %s says %q: %+v", c.fields[0], c.msg, ps)
				}
			case c.fields != nil:
				wantProblems(t, g, c.msg, c.fields...)
				wantField(t, g, c.fields[0])
			default:
				if !strings.Contains(g.Message, c.msg) {
					t.Errorf("message %q does not say %q", g.Message, c.msg)
				}
				if c.path != "" && fmt.Sprint(g.Path) != c.path {
					t.Errorf("path: got %v, want %s", g.Path, c.path)
				}
			}
			after := e.read(t, c.lookup, c.id, c.sel)
			if before == nil && after != nil {
				t.Errorf("%s %s written: %v", c.lookup, c.id, after)
			} else if before != nil {
				sameRecord(t, after, before)
			}
		})
	}

	t.Run("ErrUpdate input.id differs from id is listed in extensions.problems", func(t *testing.T) {
		// The error contract: a BAD_USER_INPUT lists every problem of the
		// input in extensions.problems (here with the problem of the name).
		before := e.read(t, "stakeholder", "st-csii", auditSel+stakeholderSel)
		g := e.fail(t, updateOp("Stakeholder", "id"), mo{"id": "st-csii", "v": 1, "input": with(stBase, mo{"id": "st-naso", "name": ""})}, "BAD_USER_INPUT")
		wantProblems(t, g, "must be empty or equal id", "input.id", "input.name")
		sameRecord(t, e.read(t, "stakeholder", "st-csii", auditSel+stakeholderSel), before)
	})

	t.Run("ErrCategory cycle through a grandchild", func(t *testing.T) {
		e.run(t, createOp("ServiceCategory", "id"), mo{"input": mo{"id": "cat-mut-grandchild", "name": "Mutation grandchild",
			"domain": "INTEGRATED", "parentId": "cat-info-point"}}, "createServiceCategory")
		sel := auditSel + "parent { id }"
		before := e.read(t, "serviceCategory", "cat-info-referral", sel)
		g := e.fail(t, updateOp("ServiceCategory", "id"), mo{"id": "cat-info-referral", "v": 1,
			"input": mo{"name": "Information, counselling and referral", "domain": "INTEGRATED", "parentId": "cat-mut-grandchild"}}, "BAD_USER_INPUT")
		wantProblems(t, g, "would be below itself", "input.parentId")
		sameRecord(t, e.read(t, "serviceCategory", "cat-info-referral", sel), before)
	})
}

// stakeholderSel selects every field of a stakeholder input.
const stakeholderSel = "name nameLocal acronym kind sector description email phone website territory { id } cooperationAreas { id } illustrative illustrativeFields source"
