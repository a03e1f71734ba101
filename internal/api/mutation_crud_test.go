package api_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"
)

// ---------------------------------------------------------------------------
// 1, 2. Create, read, update, delete every node type; idempotent creates.

// crudCase describes one node type: a full create input, the record it
// makes, an update input replacing every field, and the record after it.
type crudCase struct {
	typ     string // GraphQL type
	prefix  string // prefix of ids the server makes
	id      string // client id
	sel     string // fields compared (besides the audit fields)
	input   mo     // create input, without id
	created string // sel of the created record (without audit fields)
	// conflicts are changes to the input that make a create with the same
	// id a CONFLICT, by subtest name.
	conflicts map[string]mo
	update    mo
	updated   string
}

var crudCases = []crudCase{
	{
		typ: "Territory", prefix: "tr", id: "tr-mut-hamlet",
		sel: "name nameLocal level code population parent { id } zones { id } neighbours { territory { id } distanceKm illustrative } illustrative illustrativeFields source",
		input: mo{"name": "Mutation Hamlet", "nameLocal": "Мутационно", "level": "SETTLEMENT", "code": "BG-MUT-01", "population": 120,
			"parentId": "tr-lesichovo", "zoneIds": ma{"tr-zone-pazardzhik-west"},
			"neighbours":   ma{mo{"territoryId": "tr-kalugerovo", "distanceKm": 4.5, "illustrative": true}},
			"illustrative": true, "illustrativeFields": ma{"population"}, "source": "mutation test"},
		created: `{"name":"Mutation Hamlet","nameLocal":"Мутационно","level":"SETTLEMENT","code":"BG-MUT-01","population":120,
			"parent":{"id":"tr-lesichovo"},"zones":[{"id":"tr-zone-pazardzhik-west"}],
			"neighbours":[{"territory":{"id":"tr-kalugerovo"},"distanceKm":4.5,"illustrative":true}],
			"illustrative":true,"illustrativeFields":["population"],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another Hamlet"}, "parentId": {"parentId": "tr-peshtera"}},
		// Neighbours are only added by an update: kalugerovo stays.
		update: mo{"name": "Mutation Hamlet (moved)", "level": "SETTLEMENT", "population": 95, "parentId": "tr-peshtera",
			"neighbours": ma{mo{"territoryId": "tr-tserovo", "distanceKm": 7}}},
		updated: `{"name":"Mutation Hamlet (moved)","nameLocal":null,"level":"SETTLEMENT","code":null,"population":95,
			"parent":{"id":"tr-peshtera"},"zones":[],
			"neighbours":[{"territory":{"id":"tr-kalugerovo"},"distanceKm":4.5,"illustrative":true},
			              {"territory":{"id":"tr-tserovo"},"distanceKm":7,"illustrative":false}],
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Stakeholder", prefix: "st", id: "st-mut-association",
		sel: "name nameLocal acronym kind sector description email phone website territory { id } cooperationAreas { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation Association", "nameLocal": "Мутационно сдружение", "acronym": "MA", "kind": "NGO", "sector": "NON_PROFIT",
			"description": "Writes test data.", "email": "info@mutation.example.org", "phone": "+359 2 123 4567",
			"website": "https://mutation.example.org/about", "territoryId": "tr-lesichovo",
			"areaIds": ma{"area-volunteering", "area-intermunicipal"}, "illustrativeFields": ma{"email", "phone"}, "source": "mutation test"},
		created: `{"name":"Mutation Association","nameLocal":"Мутационно сдружение","acronym":"MA","kind":"NGO","sector":"NON_PROFIT",
			"description":"Writes test data.","email":"info@mutation.example.org","phone":"+359 2 123 4567",
			"website":"https://mutation.example.org/about","territory":{"id":"tr-lesichovo"},
			"cooperationAreas":[{"id":"area-intermunicipal"},{"id":"area-volunteering"}],
			"illustrative":false,"illustrativeFields":["email","phone"],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another Association"}, "areaIds": {"areaIds": ma{"area-volunteering"}}},
		// The areas shrink to one; the location moves.
		update: mo{"name": "Mutation Company", "kind": "BUSINESS", "sector": "PRIVATE", "territoryId": "tr-peshtera",
			"areaIds": ma{"area-volunteering"}},
		updated: `{"name":"Mutation Company","nameLocal":null,"acronym":null,"kind":"BUSINESS","sector":"PRIVATE",
			"description":null,"email":null,"phone":null,"website":null,"territory":{"id":"tr-peshtera"},
			"cooperationAreas":[{"id":"area-volunteering"}],"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "ServiceCategory", prefix: "cat", id: "cat-mut-therapy",
		sel: "name nameLocal code domain description parent { id } children { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation therapy", "nameLocal": "Мутационна терапия", "code": "MT-1", "domain": "HEALTH",
			"description": "A category made by a test.", "parentId": "cat-health", "illustrative": true, "source": "mutation test"},
		created: `{"name":"Mutation therapy","nameLocal":"Мутационна терапия","code":"MT-1","domain":"HEALTH",
			"description":"A category made by a test.","parent":{"id":"cat-health"},"children":[],
			"illustrative":true,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another therapy"}, "parentId": {"parentId": "cat-crisis"}},
		// No parent: it becomes a top-level category.
		update: mo{"name": "Mutation therapy (top level)", "domain": "INTEGRATED"},
		updated: `{"name":"Mutation therapy (top level)","nameLocal":null,"code":null,"domain":"INTEGRATED","description":null,
			"parent":null,"children":[],"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "TargetGroup", prefix: "tg", id: "tg-mut-testers",
		sel:       "name nameLocal description illustrative illustrativeFields source",
		input:     mo{"name": "Mutation testers", "nameLocal": "Тестери", "description": "People who write tests.", "source": "mutation test"},
		created:   `{"name":"Mutation testers","nameLocal":"Тестери","description":"People who write tests.","illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Other testers"}},
		update:    mo{"name": "Mutation testers (renamed)", "illustrative": true, "illustrativeFields": ma{"name"}},
		updated:   `{"name":"Mutation testers (renamed)","nameLocal":null,"description":null,"illustrative":true,"illustrativeFields":["name"],"source":null}`,
	},
	{
		typ: "Service", prefix: "svc", id: "svc-mut-outreach",
		sel: "name nameLocal description status deliveryMode eligibility minAge maxAge capacity available availableUpdatedAt email url provider { id } category { id } targetGroups { id } coverage { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation outreach", "nameLocal": "Мобилна услуга", "description": "Visits people at home.",
			"status": "ACTIVE", "deliveryMode": "OUTREACH", "eligibility": "Adults living alone", "minAge": 18, "maxAge": 65,
			"capacity": 10, "available": 3, "availableUpdatedAt": "2024-05-01T10:00:00Z",
			"email": "outreach@mutation.example.org", "url": "https://mutation.example.org/outreach",
			"providerId": "st-rural-initiative", "categoryId": "cat-community-initiatives",
			"targetGroupIds": ma{"tg-young-people", "tg-older-people"}, "coverageIds": ma{"tr-peshtera", "tr-lesichovo"},
			"illustrativeFields": ma{"capacity", "available"}, "source": "mutation test"},
		created: `{"name":"Mutation outreach","nameLocal":"Мобилна услуга","description":"Visits people at home.",
			"status":"ACTIVE","deliveryMode":"OUTREACH","eligibility":"Adults living alone","minAge":18,"maxAge":65,
			"capacity":10,"available":3,"availableUpdatedAt":"2024-05-01T10:00:00Z",
			"email":"outreach@mutation.example.org","url":"https://mutation.example.org/outreach",
			"provider":{"id":"st-rural-initiative"},"category":{"id":"cat-community-initiatives"},
			"targetGroups":[{"id":"tg-older-people"},{"id":"tg-young-people"}],"coverage":[{"id":"tr-lesichovo"},{"id":"tr-peshtera"}],
			"illustrative":false,"illustrativeFields":["capacity","available"],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another outreach"}, "coverageIds": {"coverageIds": ma{"tr-lesichovo"}}},
		// Zeros are values, not absences.
		update: mo{"name": "Mutation remote support", "status": "PLANNED", "deliveryMode": "REMOTE", "minAge": 0, "capacity": 0, "available": 0,
			"providerId": "st-naso", "categoryId": "cat-day-care", "targetGroupIds": ma{"tg-families"}, "coverageIds": ma{"tr-bratsigovo"}},
		updated: `{"name":"Mutation remote support","nameLocal":null,"description":null,"status":"PLANNED","deliveryMode":"REMOTE",
			"eligibility":null,"minAge":0,"maxAge":null,"capacity":0,"available":0,"availableUpdatedAt":null,"email":null,"url":null,
			"provider":{"id":"st-naso"},"category":{"id":"cat-day-care"},"targetGroups":[{"id":"tg-families"}],
			"coverage":[{"id":"tr-bratsigovo"}],"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Need", prefix: "need", id: "need-mut-day-care",
		sel: "description volume priority needSource year territory { id } category { id } targetGroup { id } illustrative illustrativeFields source",
		input: mo{"description": "Mutation need for day care", "volume": 40, "priority": "HIGH", "needSource": "Mutation survey", "year": 2024,
			"territoryId": "tr-lesichovo", "categoryId": "cat-day-care", "targetGroupId": "tg-older-people", "illustrative": true, "source": "mutation test"},
		created: `{"description":"Mutation need for day care","volume":40,"priority":"HIGH","needSource":"Mutation survey","year":2024,
			"territory":{"id":"tr-lesichovo"},"category":{"id":"cat-day-care"},"targetGroup":{"id":"tg-older-people"},
			"illustrative":true,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"description": {"description": "Another need"}, "targetGroupId": {"targetGroupId": "tg-families"}},
		update:    mo{"volume": 0, "priority": "LOW", "year": 2025, "territoryId": "tr-peshtera", "categoryId": "cat-home-care", "targetGroupId": "tg-disabilities"},
		updated: `{"description":null,"volume":0,"priority":"LOW","needSource":null,"year":2025,
			"territory":{"id":"tr-peshtera"},"category":{"id":"cat-home-care"},"targetGroup":{"id":"tg-disabilities"},
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "CooperationArea", prefix: "area", id: "area-mut",
		sel: "name nameLocal description categories { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation area", "nameLocal": "Мутационна област", "description": "Area made by a test.",
			"categoryIds": ma{"cat-health", "cat-crisis"}, "source": "mutation test"},
		created: `{"name":"Mutation area","nameLocal":"Мутационна област","description":"Area made by a test.",
			"categories":[{"id":"cat-crisis"},{"id":"cat-health"}],"illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another area"}, "categoryIds": {"categoryIds": ma{"cat-health"}}},
		update:    mo{"name": "Mutation area (health only)", "categoryIds": ma{"cat-health"}},
		updated: `{"name":"Mutation area (health only)","nameLocal":null,"description":null,"categories":[{"id":"cat-health"}],
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Partnership", prefix: "ps", id: "ps-mut-agreement",
		sel: "name nameLocal kind status validFrom validTo description parties { role stakeholder { id } } territory { id } areas { id } project { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation agreement", "nameLocal": "Мутационно споразумение", "kind": "AGREEMENT", "status": "ACTIVE",
			"validFrom": "2023-01-01", "validTo": "2024-12-31", "description": "An agreement made by a test.",
			"parties":     ma{mo{"stakeholderId": "st-naso", "role": "PARTNER"}, mo{"stakeholderId": "st-csii", "role": "LEAD"}},
			"territoryId": "tr-lesichovo", "areaIds": ma{"area-volunteering", "area-intermunicipal"}, "projectId": "prj-lesichovo",
			"source": "mutation test"},
		created: `{"name":"Mutation agreement","nameLocal":"Мутационно споразумение","kind":"AGREEMENT","status":"ACTIVE",
			"validFrom":"2023-01-01","validTo":"2024-12-31","description":"An agreement made by a test.",
			"parties":[{"role":"LEAD","stakeholder":{"id":"st-csii"}},{"role":"PARTNER","stakeholder":{"id":"st-naso"}}],
			"territory":{"id":"tr-lesichovo"},"areas":[{"id":"area-intermunicipal"},{"id":"area-volunteering"}],
			"project":{"id":"prj-lesichovo"},"illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another agreement"},
			"parties": {"parties": ma{mo{"stakeholderId": "st-naso", "role": "LEAD"}, mo{"stakeholderId": "st-csii", "role": "LEAD"}}}},
		update: mo{"name": "Mutation network", "kind": "NETWORK", "status": "ENDED", "validFrom": "2023-01-01",
			"parties": ma{mo{"stakeholderId": "st-naso", "role": "LEAD"}}},
		updated: `{"name":"Mutation network","nameLocal":null,"kind":"NETWORK","status":"ENDED","validFrom":"2023-01-01","validTo":null,
			"description":null,"parties":[{"role":"LEAD","stakeholder":{"id":"st-naso"}}],"territory":null,"areas":[],"project":null,
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Practice", prefix: "pr", id: "pr-mut-practice",
		sel: "name nameLocal description origin { id } transfers { territory { id } year } implementers { id } project { id } illustrative illustrativeFields source",
		input: mo{"name": "Mutation practice", "nameLocal": "Мутационна практика", "description": "A practice made by a test.",
			"originId": "tr-trento", "transfers": ma{mo{"territoryId": "tr-peshtera"}, mo{"territoryId": "tr-lesichovo", "year": 2020}},
			"implementerIds": ma{"st-naso", "st-csii"}, "projectId": "prj-lesichovo", "source": "mutation test"},
		created: `{"name":"Mutation practice","nameLocal":"Мутационна практика","description":"A practice made by a test.",
			"origin":{"id":"tr-trento"},"transfers":[{"territory":{"id":"tr-lesichovo"},"year":2020},{"territory":{"id":"tr-peshtera"},"year":null}],
			"implementers":[{"id":"st-csii"},{"id":"st-naso"}],"project":{"id":"prj-lesichovo"},
			"illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another practice"}, "implementerIds": {"implementerIds": ma{"st-naso"}}},
		update:    mo{"name": "Mutation practice (Vratsa)", "transfers": ma{mo{"territoryId": "tr-vratsa", "year": 2021}}, "implementerIds": ma{"st-naso"}},
		updated: `{"name":"Mutation practice (Vratsa)","nameLocal":null,"description":null,"origin":null,
			"transfers":[{"territory":{"id":"tr-vratsa"},"year":2021}],"implementers":[{"id":"st-naso"}],"project":null,
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Project", prefix: "prj", id: "prj-mut",
		sel: "name nameLocal acronym programme startDate endDate description participants { role stakeholder { id } } illustrative illustrativeFields source",
		input: mo{"name": "Mutation project", "nameLocal": "Мутационен проект", "acronym": "MUT", "programme": "Test Programme 2021-2027",
			"startDate": "2023-01-01", "endDate": "2025-06-30", "description": "A project made by a test.",
			"participants": ma{mo{"stakeholderId": "st-naso", "role": "PARTNER"}, mo{"stakeholderId": "st-csii", "role": "LEAD"}},
			"source":       "mutation test"},
		created: `{"name":"Mutation project","nameLocal":"Мутационен проект","acronym":"MUT","programme":"Test Programme 2021-2027",
			"startDate":"2023-01-01","endDate":"2025-06-30","description":"A project made by a test.",
			"participants":[{"role":"LEAD","stakeholder":{"id":"st-csii"}},{"role":"PARTNER","stakeholder":{"id":"st-naso"}}],
			"illustrative":false,"illustrativeFields":[],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another project"},
			"participants": {"participants": ma{mo{"stakeholderId": "st-csii", "role": "LEAD"}}}},
		update: mo{"name": "Mutation project (extended)", "startDate": "2023-02-01", "participants": ma{mo{"stakeholderId": "st-naso"}}},
		updated: `{"name":"Mutation project (extended)","nameLocal":null,"acronym":null,"programme":null,"startDate":"2023-02-01",
			"endDate":null,"description":null,"participants":[{"role":null,"stakeholder":{"id":"st-naso"}}],
			"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
	{
		typ: "Event", prefix: "ev", id: "ev-mut-training",
		sel: "name nameLocal kind startDate endDate place online participantCount feedbackScore description territory { id } project { id } stakeholders { role stakeholder { id } } illustrative illustrativeFields source",
		input: mo{"name": "Mutation training", "nameLocal": "Мутационно обучение", "kind": "TRAINING", "startDate": "2024-03-01",
			"endDate": "2024-03-02", "place": "Lesichovo community hall", "online": true, "participantCount": 25, "feedbackScore": 4.5,
			"description": "A training made by a test.", "territoryId": "tr-lesichovo", "projectId": "prj-lesichovo",
			"participants":       ma{mo{"stakeholderId": "st-naso", "role": "SPEAKER"}, mo{"stakeholderId": "st-csii", "role": "HOST"}},
			"illustrativeFields": ma{"participantCount"}, "source": "mutation test"},
		created: `{"name":"Mutation training","nameLocal":"Мутационно обучение","kind":"TRAINING","startDate":"2024-03-01",
			"endDate":"2024-03-02","place":"Lesichovo community hall","online":true,"participantCount":25,"feedbackScore":4.5,
			"description":"A training made by a test.","territory":{"id":"tr-lesichovo"},"project":{"id":"prj-lesichovo"},
			"stakeholders":[{"role":"HOST","stakeholder":{"id":"st-csii"}},{"role":"SPEAKER","stakeholder":{"id":"st-naso"}}],
			"illustrative":false,"illustrativeFields":["participantCount"],"source":"mutation test"}`,
		conflicts: map[string]mo{"name": {"name": "Another training"},
			"participants": {"participants": ma{mo{"stakeholderId": "st-csii", "role": "HOST"}}}},
		update: mo{"name": "Mutation meeting", "kind": "MEETING", "startDate": "2024-04-01", "participants": ma{mo{"stakeholderId": "st-naso"}}},
		updated: `{"name":"Mutation meeting","nameLocal":null,"kind":"MEETING","startDate":"2024-04-01","endDate":null,"place":null,
			"online":false,"participantCount":null,"feedbackScore":null,"description":null,"territory":null,"project":null,
			"stakeholders":[{"role":null,"stakeholder":{"id":"st-naso"}}],"illustrative":false,"illustrativeFields":[],"source":null}`,
	},
}

// nameKey is the input field that names (or, for a need, describes) the record.
func (c crudCase) nameKey() string {
	if _, has := c.conflicts["name"]; has {
		return "name"
	}
	return "description"
}

func TestMutationCRUD(t *testing.T) {
	e := newMutEnv(t)
	for _, c := range crudCases {
		t.Run(c.typ, func(t *testing.T) { runCRUD(t, e, c) })
	}
}

// runCRUD runs the life of one record of c's type; each step depends on the
// ones before.
func runCRUD(t *testing.T, e mutEnv, c crudCase) {
	start := time.Now()
	sel := auditSel + c.sel
	lookup := lookupOf(c.typ)
	create := func(t testing.TB, input mo) mo {
		return e.run(t, createOp(c.typ, sel), mo{"input": input}, "create"+c.typ)
	}
	update := func(t testing.TB, id string, input mo, v int) mo {
		return e.run(t, updateOp(c.typ, sel), mo{"id": id, "input": input, "v": v}, "update"+c.typ)
	}
	content := func(r mo) mo { return without(r, "id", "version", "createdAt", "updatedAt", "updatedBy") }
	var created, updated mo

	if !t.Run("OK create with client id", func(t *testing.T) {
		r := create(t, with(c.input, mo{"id": c.id}))
		if r["id"] != c.id {
			t.Errorf("id: got %v, want %s", r["id"], c.id)
		}
		wantFresh(t, r, start)
		same(t, content(r), c.created)
		created = r
	}) {
		return
	}

	t.Run("OK read back", func(t *testing.T) {
		sameRecord(t, e.read(t, lookup, c.id, sel), created)
	})

	t.Run("OK create again with the same input returns the stored record", func(t *testing.T) {
		// Same version (1), same timestamps: nothing was written.
		sameRecord(t, create(t, with(c.input, mo{"id": c.id})), created)
		sameRecord(t, e.read(t, lookup, c.id, sel), created)
	})

	for what, change := range c.conflicts {
		t.Run("ErrCreate same id with a different "+what, func(t *testing.T) {
			g := e.fail(t, createOp(c.typ, "id"), mo{"input": with(with(c.input, change), mo{"id": c.id})}, "CONFLICT")
			wantField(t, g, "input.id")
			sameRecord(t, e.read(t, lookup, c.id, sel), created)
		})
	}

	t.Run("OK create without id", func(t *testing.T) {
		r := create(t, c.input)
		id, _ := r["id"].(string)
		if !regexp.MustCompile(`^` + c.prefix + `-[0-9a-f]{24}$`).MatchString(id) {
			t.Errorf("generated id %q is not %s-<24 hex digits>", id, c.prefix)
		}
		wantFresh(t, r, start)
		same(t, content(r), c.created)
		sameRecord(t, e.read(t, lookup, id, sel), r)
		d := e.run(t, deleteOp(c.typ), mo{"id": id}, "delete"+c.typ)
		same(t, d, fmt.Sprintf(`{"deleted":[{"type":%q,"id":%q}]}`, c.typ, id))
		if got := e.read(t, lookup, id, "id"); got != nil {
			t.Errorf("deleted record still read: %v", got)
		}
	})

	if !t.Run("OK update with the stored version", func(t *testing.T) {
		r := update(t, c.id, c.update, 1)
		if r["id"] != c.id {
			t.Errorf("id: got %v", r["id"])
		}
		if v := ver(t, r); v != 2 {
			t.Errorf("version: got %d, want 2", v)
		}
		if r["updatedBy"] != "api" {
			t.Errorf("updatedBy: got %v", r["updatedBy"])
		}
		if r["createdAt"] != created["createdAt"] {
			t.Errorf("createdAt changed: %v → %v", created["createdAt"], r["createdAt"])
		}
		if !stamp(t, r, "updatedAt").After(stamp(t, created, "updatedAt")) {
			t.Errorf("updatedAt did not grow: %v → %v", created["updatedAt"], r["updatedAt"])
		}
		same(t, content(r), c.updated)
		sameRecord(t, e.read(t, lookup, c.id, sel), r)
		updated = r
	}) {
		return
	}

	t.Run("OK update that changes nothing keeps version and updatedAt", func(t *testing.T) {
		sameRecord(t, update(t, c.id, c.update, 2), updated)
	})

	t.Run("ErrUpdate stale expectedVersion", func(t *testing.T) {
		stale := with(c.update, c.conflicts[c.nameKey()])
		g := e.fail(t, updateOp(c.typ, "id"), mo{"id": c.id, "input": stale, "v": 1}, "CONFLICT")
		if cv, _ := g.Extensions["currentVersion"].(float64); cv != 2 {
			t.Errorf("extensions.currentVersion: got %v, want 2", g.Extensions["currentVersion"])
		}
		wantField(t, g, "expectedVersion")
		sameRecord(t, e.read(t, lookup, c.id, sel), updated)
	})

	t.Run("ErrUpdate unknown id", func(t *testing.T) {
		missing := c.prefix + "-mut-no-such-record"
		g := e.fail(t, updateOp(c.typ, "id"), mo{"id": missing, "input": c.update, "v": 1}, "NOT_FOUND")
		wantField(t, g, "id")
		if got := e.read(t, lookup, missing, "id"); got != nil {
			t.Errorf("update of an unknown id created %v", got)
		}
	})

	t.Run("ErrUpdate input.id differs from id", func(t *testing.T) {
		other := c.id + "-other"
		g := e.fail(t, updateOp(c.typ, "id"), mo{"id": c.id, "input": with(c.update, mo{"id": other}), "v": 2}, "BAD_USER_INPUT")
		wantField(t, g, "input.id")
		sameRecord(t, e.read(t, lookup, c.id, sel), updated)
		if got := e.read(t, lookup, other, "id"); got != nil {
			t.Errorf("record %s written: %v", other, got)
		}
	})

	t.Run("OK delete", func(t *testing.T) {
		same(t, e.run(t, deleteOp(c.typ), mo{"id": c.id}, "delete"+c.typ), fmt.Sprintf(`{"deleted":[{"type":%q,"id":%q}]}`, c.typ, c.id))
		if got := e.read(t, lookup, c.id, "id"); got != nil {
			t.Errorf("deleted record still read: %v", got)
		}
	})

	t.Run("ErrDelete unknown id", func(t *testing.T) {
		g := e.fail(t, deleteOp(c.typ), mo{"id": c.id}, "NOT_FOUND")
		wantField(t, g, "id")
	})
}
