package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/store"
)

// ---------------------------------------------------------------------------
// 4. Search.

type hit struct {
	Type  string
	ID    string
	Name  string
	Score float64
	Node  struct {
		Typename string `json:"__typename"`
		ID       string
	}
}

const hitFields = `type id name score node { __typename
  ... on Territory { id } ... on Stakeholder { id } ... on ServiceCategory { id } ... on TargetGroup { id }
  ... on Service { id } ... on CooperationArea { id } ... on Partnership { id } ... on Practice { id }
  ... on Project { id } ... on Event { id } }`

func search(t testing.TB, h http.Handler, st *store.Store, text string, args string) []hit {
	t.Helper()
	var out struct{ Search []hit }
	ok(t, h, st, `query($text: String!) { search(text: $text`+args+`) { `+hitFields+` } }`, map[string]any{"text": text}, &out)
	for i, x := range out.Search {
		if x.Node.ID != x.ID || x.Score <= 0 {
			t.Errorf("hit %d: %+v: node id and hit id differ, or score not positive", i, x)
		}
		if i > 0 && x.Score > out.Search[i-1].Score {
			t.Errorf("hit %d scores %g, more than hit %d (%g): want best first", i, x.Score, i-1, out.Search[i-1].Score)
		}
	}
	return out.Search
}

func hitIDs(hits []hit) []string {
	out := make([]string, len(hits))
	for i, x := range hits {
		out[i] = x.ID
	}
	return out
}

// vratsaCyrillic is every record with a word Враца in an indexed field:
// 3 territories, 8 stakeholders, 9 services, the platform agreement and the
// exchange visit to Vratsa (their nameLocal values end with "Враца").
var vratsaCyrillic = []string{
	"tr-vratsa", "tr-vratsa-district", "tr-vratsa-town",
	"st-cci-vratsa", "st-vratsa-municipality", "st-vratsa-media", "st-hospital-vratsa", "st-daycare-vratsa",
	"st-homecare-vratsa", "st-sad-vratsa", "st-crisis-centre-vratsa",
	"svc-vratsa-patronage", "svc-vratsa-personal-assistance", "svc-vratsa-elderly-day-care", "svc-vratsa-disabilities-day-care",
	"svc-vratsa-integrated-home-care", "svc-vratsa-mental-health", "svc-vratsa-mobile-team", "svc-vratsa-crisis-accommodation",
	"svc-vratsa-referral",
	"ps-vratsa-platform-agreement", "ev-visit-vratsa",
}

func TestReadSearch(t *testing.T) {
	st, h := demoHandler(t)

	// One hit of each type, with every SearchHit field and the node's type.
	kinds := []struct {
		text, typ, id, name, typename string
	}{
		{"Kalugerovo", "TERRITORY", "tr-kalugerovo", "Kalugerovo", "Territory"},
		{"НАСО", "STAKEHOLDER", "st-naso", "National Alliance for Social Responsibility", "Stakeholder"},
		{"patronage", "SERVICE_CATEGORY", "cat-home-patronage", "Home social patronage", "ServiceCategory"},
		{"violence", "TARGET_GROUP", "tg-violence-affected", "Persons and children affected by violence", "TargetGroup"},
		{"Velingrad", "SERVICE", "svc-velingrad-medical-rehab", "Medical rehabilitation – Velingrad", "Service"},
		{"volunteering", "COOPERATION_AREA", "area-volunteering", "Volunteering and community initiatives", "CooperationArea"},
		{"memorandum", "PARTNERSHIP", "ps-pazardzhik-referral-memorandum", "Inter-municipal referral memorandum Lesichovo – Peshtera (illustrative)", "Partnership"},
		{"Campania", "PRACTICE", "pr-campania-joint-planning", "Institutionalised cooperation of small municipalities for joint planning of social policies", "Practice"},
		{"Interreg", "PROJECT", "prj-dialog", "DIALOG – Dialog for Innovation And LOcal Growth", "Project"},
		{"Sarnitsa", "EVENT", "ev-infoday-sarnitsa", "Info day – Sarnitsa", "Event"},
	}
	for _, tc := range kinds {
		t.Run("OK search hit "+tc.typ, func(t *testing.T) {
			hits := search(t, h, st, tc.text, ", types: ["+tc.typ+"]")
			if len(hits) != 1 {
				t.Fatalf("got %v, want only %s", hitIDs(hits), tc.id)
			}
			x := hits[0]
			if x.Type != tc.typ || x.ID != tc.id || x.Name != tc.name || x.Node.Typename != tc.typename || x.Node.ID != tc.id {
				t.Errorf("got %+v, want %s %s %q %s", x, tc.typ, tc.id, tc.name, tc.typename)
			}
		})
	}

	sets := []struct {
		name, text, args string
		want             []string
	}{
		{"OK search Cyrillic all types", "Враца", ", first: 100", vratsaCyrillic},
		{"OK search Cyrillic territories", "Враца", ", types: [TERRITORY]", []string{"tr-vratsa", "tr-vratsa-district", "tr-vratsa-town"}},
		{"OK search Cyrillic two types", "Враца", ", types: [EVENT, PARTNERSHIP]", []string{"ev-visit-vratsa", "ps-vratsa-platform-agreement"}},
		// Лесичово in nameLocal: the municipality, the village, the zone.
		{"OK search Cyrillic Lesichovo territories", "Лесичово", ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		// Пещера: 2 territories, 3 stakeholders, 4 services, the memorandum.
		{"OK search Cyrillic Peshtera", "Пещера", ", first: 100",
			[]string{"tr-peshtera", "tr-peshtera-town", "st-crisis-centre-peshtera", "st-peshtera-municipality", "st-homehealth-peshtera",
				"svc-peshtera-crisis-accommodation", "svc-peshtera-crisis-counselling", "svc-peshtera-home-health",
				"svc-peshtera-integrated-home-care", "ps-pazardzhik-referral-memorandum"}},
		{"OK search Cyrillic Peshtera stakeholders", "Пещера", ", types: [STAKEHOLDER]",
			[]string{"st-crisis-centre-peshtera", "st-peshtera-municipality", "st-homehealth-peshtera"}},
		{"OK search Latin", "Lesichovo", ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK search Latin prefix", "lesich", ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK search Latin mixed case", "lEsIcHoVo", ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK search Latin Vratsa territories", "Vratsa", ", types: [TERRITORY]", []string{"tr-vratsa", "tr-vratsa-district", "tr-vratsa-town"}},
		// Vratsa in the English names of 8 stakeholders.
		{"OK search Latin Vratsa stakeholders", "Vratsa", ", types: [STAKEHOLDER], first: 100",
			[]string{"st-cci-vratsa", "st-vratsa-municipality", "st-vratsa-media", "st-hospital-vratsa", "st-daycare-vratsa",
				"st-homecare-vratsa", "st-sad-vratsa", "st-crisis-centre-vratsa"}},
		// All words must match: home, care and Vratsa only in "Integrated
		// home care – Vratsa" and "Home care association – Vratsa".
		{"OK search all words must match", "home care Vratsa", ", first: 100", []string{"svc-vratsa-integrated-home-care", "st-homecare-vratsa"}},
		{"OK search all words must match none", "Lesichovo Vratsa", ", types: [TERRITORY]", []string{}},
		// Lucene syntax is just text: "ТПП-Враца" is the words ТПП and
		// Враца, only in CCI Vratsa's acronym.
		{"OK search hyphenated acronym", "ТПП-Враца", ", first: 100", []string{"st-cci-vratsa"}},
		{"OK search quotes", `"Лесичово"`, ", types: [TERRITORY]", []string{"tr-lesichovo", "tr-lesichovo-village", "tr-zone-pazardzhik-west"}},
		{"OK search operators as words", "Vratsa^ [town]", ", types: [TERRITORY]", []string{"tr-vratsa-town"}},
		{"OK search field syntax", "Vratsa:", ", types: [TERRITORY]", []string{"tr-vratsa", "tr-vratsa-district", "tr-vratsa-town"}},
		{"OK search parenthesis", "(Пещера", ", types: [TERRITORY]", []string{"tr-peshtera", "tr-peshtera-town"}},
		{"OK search star alone finds nothing", "*", "", []string{}},
		{"OK search escaped quote alone finds nothing", `\"`, "", []string{}},
		{"OK search 200 characters", strings.Repeat("я", 200), "", []string{}},
	}
	for _, tc := range sets {
		t.Run(tc.name, func(t *testing.T) {
			sameSet(t, hitIDs(search(t, h, st, tc.text, tc.args)), tc.want)
		})
	}

	t.Run("OK search Lucene operators do not fail", func(t *testing.T) {
		for _, text := range []string{`a AND (b`, `OR`, `NOT x`, `foo~2 bar^3`, `a:b/c?`, `\`, `{[(`, `&& ||`} {
			hits := search(t, h, st, text, "")
			if len(hits) > 10 {
				t.Errorf("%q: %d hits, more than the default 10", text, len(hits))
			}
		}
	})

	// Best first: the exact one-word name outranks longer names.
	t.Run("OK search best match first", func(t *testing.T) {
		if got := hitIDs(search(t, h, st, "Lesichovo", ", types: [TERRITORY]")); len(got) == 0 || got[0] != "tr-lesichovo" {
			t.Errorf("got %v, want tr-lesichovo first", got)
		}
		if got := hitIDs(search(t, h, st, "Враца", ", types: [TERRITORY]")); len(got) == 0 || got[0] != "tr-vratsa" {
			t.Errorf("got %v, want tr-vratsa first", got)
		}
	})

	// first: default 10 of the 22 Враца hits, or as many as asked.
	t.Run("OK search first default 10", func(t *testing.T) {
		hits := search(t, h, st, "Враца", "")
		if len(hits) != 10 {
			t.Fatalf("got %d hits, want 10", len(hits))
		}
		for _, id := range hitIDs(hits) {
			if !slices.Contains(vratsaCyrillic, id) {
				t.Errorf("unexpected hit %s", id)
			}
		}
	})
	t.Run("OK search first 3", func(t *testing.T) {
		if hits := search(t, h, st, "Враца", ", first: 3"); len(hits) != 3 {
			t.Errorf("got %d hits, want 3", len(hits))
		}
	})
	t.Run("OK search first 0", func(t *testing.T) {
		if hits := search(t, h, st, "Враца", ", first: 0"); len(hits) != 0 {
			t.Errorf("got %d hits, want none", len(hits))
		}
	})
	t.Run("OK search first 100 and empty types", func(t *testing.T) {
		sameSet(t, hitIDs(search(t, h, st, "Враца", ", first: 100, types: []")), vratsaCyrillic)
	})
	// Fields of the found node resolve like anywhere else.
	t.Run("OK search node fields", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ search(text: "Лесичово", types: [PROJECT]) { type id name
			node { ... on Project { acronym endDate participants { role stakeholder { id } } } } } }`, nil),
			`{"search":[{"type":"PROJECT","id":"prj-lesichovo","name":"Lesichovo Municipality project on the transfer of Italian social innovations",
			"node":{"acronym":null,"endDate":"2018-12-12","participants":[{"role":"LEAD","stakeholder":{"id":"st-lesichovo-municipality"}},
			{"role":"EXPERT","stakeholder":{"id":"st-cts"}}]}}]}`)
	})

	errs := []struct{ name, text, args, field string }{
		{"ErrSearchEmptyText", "", "", "text"},
		{"ErrSearchSpaceOnlyText", "   \t ", "", "text"},
		{"ErrSearchText201", strings.Repeat("a", 201), "", "text"},
		{"ErrSearchFirstTooLarge", "Враца", ", first: 101", "first"},
		{"ErrSearchFirstNegative", "Враца", ", first: -1", "first"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, `query($text: String!) { search(text: $text`+tc.args+`) { id } }`, map[string]any{"text": tc.text}, "BAD_USER_INPUT", tc.field)
		})
	}
	t.Run("ErrSearchUnknownType", func(t *testing.T) {
		failsWith(t, h, st, `{ search(text: "Враца", types: [NEED]) { id } }`, nil, "BAD_USER_INPUT", "SearchType")
	})
}
