package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/web"
)

func get(t *testing.T, h http.Handler, method, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec
}

// TestHandler: files with their types, index.html for the app's routes,
// 404 for missing files and for GraphiQL's paths, the CSP everywhere.
func TestHandler(t *testing.T) {
	h := web.Handler()
	for _, tc := range []struct {
		path, ctype string
		code        int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/search", "text/html; charset=utf-8", 200},
		{"/stakeholder/sh-vratsa-municipality", "text/html; charset=utf-8", 200},
		{"/territory/tr.with.dots", "text/html; charset=utf-8", 200},
		{"/app.js", "text/javascript; charset=utf-8", 200},
		{"/app.css", "text/css; charset=utf-8", 200},
		{"/chunks/missing-ABCDEFGH.js", "", 404},
		{"/graphiql", "", 404},
		{"/graphiql/graphiql.js", "", 404},
	} {
		rec := get(t, h, http.MethodGet, tc.path)
		if rec.Code != tc.code || (tc.ctype != "" && rec.Header().Get("Content-Type") != tc.ctype) {
			t.Errorf("GET %s: %d %q, want %d %q", tc.path, rec.Code, rec.Header().Get("Content-Type"), tc.code, tc.ctype)
		}
		if tc.code == 200 && rec.Header().Get("Content-Security-Policy") != web.CSP {
			t.Errorf("GET %s: CSP %q", tc.path, rec.Header().Get("Content-Security-Policy"))
		}
	}
	if rec := get(t, h, http.MethodPost, "/search"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /search: %d, want 405", rec.Code)
	}
	rec := get(t, h, http.MethodGet, "/app.js")
	req := httptest.NewRequest(http.MethodGet, "/app.js", nil)
	req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
	again := httptest.NewRecorder()
	h.ServeHTTP(again, req)
	if again.Code != http.StatusNotModified {
		t.Errorf("GET /app.js with its ETag: %d, want 304", again.Code)
	}
}

// TestGraphiQL: the page and its bundled files, nothing from elsewhere.
func TestGraphiQL(t *testing.T) {
	h := web.GraphiQL()
	page := get(t, h, http.MethodGet, "/graphiql")
	if page.Code != 200 || !strings.Contains(page.Body.String(), `src="/graphiql/graphiql.js"`) {
		t.Fatalf("GET /graphiql: %d %s", page.Code, page.Body)
	}
	for _, src := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(page.Body.String(), -1) {
		if src[1] == "data:," {
			continue
		}
		if !strings.HasPrefix(src[1], "/graphiql/") {
			t.Errorf("GraphiQL loads %s, not from /graphiql/", src[1])
			continue
		}
		if rec := get(t, h, http.MethodGet, src[1]); rec.Code != 200 {
			t.Errorf("GET %s: %d", src[1], rec.Code)
		}
	}
}

// TestCatalogues: the two languages have the same keys, none empty, and
// every enum of the schema a label in both.
func TestCatalogues(t *testing.T) {
	read := func(lang string) map[string]string {
		b, err := os.ReadFile("src/i18n/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.json: %v", lang, err)
		}
		return m
	}
	en, bg := read("en"), read("bg")
	for k, v := range en {
		if bg[k] == "" {
			t.Errorf("bg.json lacks %q (en: %q)", k, v)
		}
	}
	for k := range bg {
		if en[k] == "" {
			t.Errorf("en.json lacks %q", k)
		}
	}
	// The enums whose values the app shows, with every value in the schema.
	labelled := []string{"Role", "SearchType", "StakeholderKind", "Sector", "TerritoryLevel", "ServiceStatus",
		"DeliveryMode", "ServiceDomain", "Priority", "PartnershipKind", "PartnershipStatus", "PartyRole",
		"ReferralLinkStatus", "EventKind", "ReferralStatus", "DeclineReason", "ReferralOutcome",
		"ReferralDirection", "NetworkRelation", "CentralityMeasure", "OpportunityReasonKind"}
	enumRe := regexp.MustCompile(`(?s)\nenum (\w+) \{(.*?)\n\}`)
	valueRe := regexp.MustCompile(`(?m)^\s+([A-Z][A-Z0-9_]*)\s*$`)
	files, _ := os.ReadDir("../schema")
	found := 0
	for _, f := range files {
		b, _ := os.ReadFile("../schema/" + f.Name())
		for _, m := range enumRe.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(labelled, m[1]) {
				continue
			}
			found++
			for _, v := range valueRe.FindAllStringSubmatch(m[2], -1) {
				if key := "enum." + m[1] + "." + v[1]; en[key] == "" {
					t.Errorf("no label for %s", key)
				}
			}
		}
	}
	if found != len(labelled) {
		t.Errorf("found %d of the %d labelled enums in schema/", found, len(labelled))
	}
}
