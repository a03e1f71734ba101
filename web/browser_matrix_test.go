package web_test

// Browser tests of the supply-and-demand screen (/matrix) and the
// cooperation-areas screen (/areas): as an ANALYST signed in with a token
// in production mode and as the local ADMIN of development mode, in both
// languages; a VIEWER is not offered them. What the page shows is compared
// with the API's own answers (asked with the same identity), and the demo
// story is followed by clicking: in the Pazardzhik district, Lesichovo and
// Peshtera need community mental health care and have none, and
// Pazardzhik's centre, 25 and 20 km away, is the nearest supply
// (internal/api's TestDemoGapANeighbourCanServe holds the same facts).
//
// COOPGRAPH_UPDATE_DOCS=1 also writes docs/screenshots/matrix.png (English,
// 1280×800, the Pazardzhik district with a cell chosen) for the README.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// mxAPI asks the API directly with a bearer token (none in development
// mode, where this machine is the local ADMIN).
type mxAPI struct {
	srv *server
	tok string
}

func (a mxAPI) query(q string, vars map[string]any, out any) {
	a.srv.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if a.tok != "" {
		req.Header.Set("Authorization", "Bearer "+a.tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.srv.t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) > 0 {
		a.srv.t.Fatalf("%s: %v %+v", q, err, r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		a.srv.t.Fatal(err)
	}
}

func (a mxAPI) get(path string) (int, string) {
	a.srv.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+path, nil)
	if a.tok != "" {
		req.Header.Set("Authorization", "Bearer "+a.tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.srv.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// mxWait polls js until it is true.
func mxWait(b *browser, what, js string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		var body string
		b.eval(`document.querySelector('main').innerText`, &body)
		b.t.Fatalf("%s: %v; the page says %q", what, err, body)
	}
}

// mxSignIn signs in with tok on the sign-in screen the app shows.
func mxSignIn(b *browser, tok, role string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS("#signin-token")))
	b.eval(`(e => { e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})); })(document.querySelector('#signin-token'))`, nil)
	b.run(chromedp.SendKeys(chromedp.CSS("#signin-token"), tok), chromedp.Click(chromedp.CSS(".signin button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".who [data-role="+role+"]")))
}

func mxName(lang string, r mxNamed) string {
	if lang == "bg" && r.NameLocal != "" {
		return r.NameLocal
	}
	return r.Name
}

type mxNamed struct{ ID, Name, NameLocal string }

type mxFigures struct{ Demand, Supply, Gap int }

type mxMatrix struct {
	SupplyDemandMatrix struct {
		Columns []struct {
			Category mxNamed
			Total    mxFigures
		}
		Rows []struct {
			Territory mxNamed
			Total     mxFigures
			Cells     []mxFigures
		}
		Total mxFigures
	}
}

const mxMatrixQuery = `query($c: [ID!]) { supplyDemandMatrix(scopeId: "tr-pazardzhik-district", categoryIds: $c) {
  columns { category { id name nameLocal } total { demand supply gap } }
  rows { territory { id name nameLocal } total { demand supply gap } cells { demand supply gap } }
  total { demand supply gap } } }`

// mxCheckMatrix compares the heat map on the page with the API's matrix:
// every cell, and the totals row and column as the API counts them.
func mxCheckMatrix(t *testing.T, b *browser, want mxMatrix, lang string) {
	t.Helper()
	m := want.SupplyDemandMatrix
	var cells []struct {
		T, C    string
		D, S, G int
	}
	b.eval(`[...document.querySelectorAll('button.cell')].map(e => ({t: e.dataset.territory, c: e.dataset.category,
		d: +e.dataset.demand, s: +e.dataset.supply, g: +e.dataset.gap}))`, &cells)
	if len(cells) != len(m.Rows)*len(m.Columns) {
		t.Fatalf("%d cells on the page, the API's matrix has %d × %d", len(cells), len(m.Rows), len(m.Columns))
	}
	for i, r := range m.Rows {
		for j, c := range r.Cells {
			got := cells[i*len(m.Columns)+j]
			if got.T != r.Territory.ID || got.C != m.Columns[j].Category.ID || got.D != c.Demand || got.S != c.Supply || got.G != c.Gap {
				t.Errorf("cell %d,%d on the page %+v, the API: %s %s %+v", i, j, got, r.Territory.ID, m.Columns[j].Category.ID, c)
			}
		}
	}
	var totals []struct {
		K       string
		D, S, G int
	}
	b.eval(`[...document.querySelectorAll('td.total')].map(e => ({k: e.dataset.kind, d: +e.dataset.demand, s: +e.dataset.supply, g: +e.dataset.gap}))`, &totals)
	var wantTotals []struct {
		K       string
		D, S, G int
	}
	add := func(k string, f mxFigures) {
		wantTotals = append(wantTotals, struct {
			K       string
			D, S, G int
		}{k, f.Demand, f.Supply, f.Gap})
	}
	for _, r := range m.Rows {
		add("row", r.Total)
	}
	for _, c := range m.Columns {
		add("column", c.Total)
	}
	add("scope", m.Total)
	if fmt.Sprint(totals) != fmt.Sprint(wantTotals) {
		t.Errorf("totals on the page %v, the API's %v", totals, wantTotals)
	}
	// Names in the language: the first row and column headers.
	if got := b.text(`.heatmap tbody tr:first-child th`); got != mxName(lang, m.Rows[0].Territory) {
		t.Errorf("first row %q, want %q", got, mxName(lang, m.Rows[0].Territory))
	}
	if got := b.text(fmt.Sprintf(`.heatmap thead th[data-category=%q]`, m.Columns[0].Category.ID)); got != mxName(lang, m.Columns[0].Category) {
		t.Errorf("first column %q, want %q", got, mxName(lang, m.Columns[0].Category))
	}
}

// mxDownload clicks the CSV button and returns the file the page saved
// (the Blob it made, caught at URL.createObjectURL) and its name.
func mxDownload(b *browser) (name, text string) {
	b.t.Helper()
	b.eval(`(() => { window.__blobs = []; const o = URL.createObjectURL.bind(URL);
		URL.createObjectURL = x => { window.__blobs.push(x); return o(x); };
		const c = HTMLAnchorElement.prototype.click;
		HTMLAnchorElement.prototype.click = function () { if (this.download) { window.__downloadName = this.download; return; } return c.call(this); };
		return true; })()`, nil)
	b.click("button.download")
	mxWait(b, "the CSV download", `window.__blobs.length > 0 && !!window.__downloadName`)
	var out struct{ Name, Text string }
	b.eval(`window.__blobs[0].text().then(t => ({name: window.__downloadName, text: t}))`, &out)
	return out.Name, out.Text
}

var mxTitles = map[string]struct{ matrix, areas string }{
	"en": {"Supply and demand", "Cooperation areas"},
	"bg": {"Търсене и предлагане", "Области на сътрудничество"},
}

// mxMatrixStory: the matrix screen for the Pazardzhik district, then the
// demo story by clicking: mental health care only, Lesichovo's cell by
// mouse, Peshtera's by keyboard, the gap list, the address, the CSV.
func mxMatrixStory(t *testing.T, b *browser, api mxAPI, lang string, shots bool) {
	b.open("/matrix")
	readyMs, fcpMs := b.ready("matrix")
	t.Logf("matrix screen (%s, %s): first contentful paint %.0f ms, ready (heat map drawn) %.0f ms", lang, mxMode(api), fcpMs, readyMs)
	if got := b.text("main h1"); got != mxTitles[lang].matrix {
		t.Errorf("h1 %q, want %q", got, mxTitles[lang].matrix)
	}
	if b.count(`nav.screens a[data-screen="matrix"]`) != 1 || b.count(`nav.screens a[data-screen="areas"]`) != 1 {
		t.Error("the matrix and areas screens are not in the navigation")
	}
	var all mxMatrix
	api.query(mxMatrixQuery, nil, &all)
	if len(all.SupplyDemandMatrix.Rows) != 12 {
		t.Fatalf("the demo data has changed: the Pazardzhik district has %d municipalities", len(all.SupplyDemandMatrix.Rows))
	}
	mxCheckMatrix(t, b, all, lang)
	mxWait(b, "the scope picker on the Pazardzhik district", `document.querySelector('#matrix-scope').value === 'tr-pazardzhik-district'`)
	b.axe("matrix " + lang)
	if shots {
		b.screenshot("matrix-" + lang)
	}

	// Colour by gap: the address, the legend and the cells' figures change.
	b.click(`#matrix-colour-gap`)
	mxWait(b, "colour by gap", `location.search.includes('colour=gap')`)
	var mainTexts []string
	b.eval(`[...document.querySelectorAll('button.cell .main')].map(e => e.textContent)`, &mainTexts)
	for i, r := range all.SupplyDemandMatrix.Rows {
		for j, c := range r.Cells {
			if c.Demand > 0 && mainTexts[i*len(r.Cells)+j] != fmt.Sprint(c.Gap) {
				t.Errorf("gap view: cell %s × %s shows %q, gap %d", r.Territory.ID, all.SupplyDemandMatrix.Columns[j].Category.ID, mainTexts[i*len(r.Cells)+j], c.Gap)
			}
		}
	}
	b.click(`#matrix-colour-coverage`)
	mxWait(b, "colour by coverage", `!location.search.includes('colour=')`)

	// The story: mental health care only, from the category list.
	b.click("#matrix-cats summary")
	b.click("#matrix-cats-cat-mental-health")
	mxWait(b, "the mental-health column", `document.querySelectorAll('button.cell').length === 12 &&
		[...document.querySelectorAll('button.cell')].every(e => e.dataset.category === 'cat-mental-health')`)
	var mh mxMatrix
	api.query(mxMatrixQuery, map[string]any{"c": []string{"cat-mental-health"}}, &mh)
	mxCheckMatrix(t, b, mh, lang)

	var centre struct{ Stakeholder mxNamed }
	api.query(`{ stakeholder(id: "st-mh-centre-pazardzhik") { id name nameLocal } }`, nil, &centre)
	var pazardzhik struct{ Territory mxNamed }
	api.query(`{ territory(id: "tr-pazardzhik") { id name nameLocal } }`, nil, &pazardzhik)
	detail := func(territory string, demand, gap int, km string) {
		t.Helper()
		sel := fmt.Sprintf(`.cell-detail[data-territory=%q][data-category="cat-mental-health"]`, territory)
		b.run(chromedp.WaitVisible(chromedp.CSS(sel)))
		for fact, want := range map[string]int{"demand": demand, "supply": 0, "gap": gap} {
			if got := b.text(sel + fmt.Sprintf(` dd[data-fact=%q]`, fact)); got != fmt.Sprint(want) {
				t.Errorf("%s: %s %q, want %d", territory, fact, got, want)
			}
		}
		if got := b.text(sel + ` dd[data-fact="coverage"]`); got != "0%" && got != "0 %" {
			t.Errorf("%s: coverage %q, want 0%%", territory, got)
		}
		mxWait(b, territory+"'s providers", fmt.Sprintf(`!!document.querySelector(%q) && !document.querySelector(%q)`, sel+` .served-by`, sel+` .providers .status`))
		near := b.text(sel + ` .nearest[data-nearest="tr-pazardzhik"]`)
		if !strings.Contains(near, mxName(lang, pazardzhik.Territory)) || !strings.Contains(near, km) {
			t.Errorf("%s: nearest supply %q, want %s, %s km", territory, near, mxName(lang, pazardzhik.Territory), km)
		}
		if !strings.Contains(near, mxName(lang, centre.Stakeholder)) {
			t.Errorf("%s: nearest supply %q does not name %q", territory, near, mxName(lang, centre.Stakeholder))
		}
		if n := b.count(sel + ` .providers li`); n != 0 {
			t.Errorf("%s: %d providers for a cell without supply", territory, n)
		}
	}
	// Lesichovo by mouse.
	b.click(`button.cell[data-territory="tr-lesichovo"]`)
	detail("tr-lesichovo", 12, 12, "25")
	// Peshtera by keyboard: from Lesichovo's cell, arrow down to Peshtera's
	// row (rows by name) and Enter.
	var rowsBetween int
	b.eval(`(() => { const rs = [...document.querySelectorAll('button.cell')].map(e => e.dataset.territory);
		return rs.indexOf('tr-peshtera') - rs.indexOf('tr-lesichovo'); })()`, &rowsBetween)
	b.run(chromedp.Focus(chromedp.CSS(`button.cell[data-territory="tr-lesichovo"]`)))
	for i := 0; i < rowsBetween; i++ {
		b.run(chromedp.KeyEvent(kb.ArrowDown))
	}
	var focused string
	b.eval(`document.activeElement.dataset.territory || document.activeElement.tagName`, &focused)
	if focused != "tr-peshtera" {
		t.Errorf("arrow keys reached %q, want Peshtera's cell", focused)
	}
	b.run(chromedp.KeyEvent(kb.Enter))
	detail("tr-peshtera", 25, 25, "20")
	if got := b.count(`button.cell[aria-pressed="true"]`); got != 1 {
		t.Errorf("%d cells marked as chosen, want 1", got)
	}

	// The ranked gaps beside it, with the nearby supply.
	var gaps []struct {
		T    string
		G    int
		Near string
		Km   string
	}
	mxWait(b, "the gap list", `document.querySelectorAll('.gap-list > li').length > 0`)
	b.eval(`[...document.querySelectorAll('.gap-list > li')].map(e => { const n = e.querySelector('.nearby li');
		return {t: e.dataset.territory, g: +e.dataset.gap, near: n ? n.dataset.territory : '', km: n ? n.dataset.km : ''}; })`, &gaps)
	// Pazardzhik itself first (60 in need, 30 places), then the story's two.
	if got := fmt.Sprint(gaps); len(gaps) != 3 || gaps[0].T != "tr-pazardzhik" || gaps[0].G != 30 ||
		fmt.Sprint(gaps[1:]) != "[{tr-peshtera 25 tr-pazardzhik 20} {tr-lesichovo 12 tr-pazardzhik 25}]" {
		t.Errorf("gap list %v, want Pazardzhik 30, Peshtera 25 (Pazardzhik 20 km), Lesichovo 12 (Pazardzhik 25 km)", got)
	}

	// The view is in the address: a reload shows the same cell.
	var href string
	b.eval(`location.pathname + location.search`, &href)
	u, _ := url.Parse(href)
	if u.Query().Get("cat") != "cat-mental-health" || u.Query().Get("cell") != "tr-peshtera~cat-mental-health" {
		t.Errorf("address %q does not hold the view", href)
	}
	b.open(href)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.cell-detail[data-territory="tr-peshtera"] .nearest[data-nearest="tr-pazardzhik"]`)))
	mxWait(b, "the category list after a reload", `document.querySelectorAll('#matrix-cats input:checked').length === 1 &&
		document.querySelector('#matrix-cats input:checked').value === 'cat-mental-health'`)

	// The CSV: the same matrix as /export/matrix.csv gives, with the token.
	name, csv := mxDownload(b)
	code, want := api.get("/export/matrix.csv?scopeId=tr-pazardzhik-district&rowLevel=MUNICIPALITY&categoryIds=cat-mental-health")
	if code != http.StatusOK || csv != want {
		t.Errorf("downloaded %q:\n%s\nthe export (%d):\n%s", name, csv, code, want)
	}
	if name != "matrix-tr-pazardzhik-district.csv" || !strings.Contains(csv, "tr-lesichovo,Lesichovo,cat-mental-health") {
		t.Errorf("downloaded %q: %.200s", name, csv)
	}
	b.axe("matrix with a cell, " + lang)
	if shots {
		b.screenshot("matrix-story-" + lang)
	}
	b.clean()
}

func mxMode(api mxAPI) string {
	if api.tok != "" {
		return "production, ANALYST"
	}
	return "development, local ADMIN"
}

type mxOverview struct {
	CooperationAreasOverview []struct {
		Area                                                      mxNamed
		ActiveStakeholders, Partnerships, CrossSectorPartnerships int
		StakeholderCounts                                         []struct {
			Kind, Sector string
			Count        int
		}
		Figures mxFigures
	}
}

// mxAreas: the overview of every area in the Pazardzhik district, then the
// opportunities of the area that has the most.
func mxAreas(t *testing.T, b *browser, api mxAPI, lang string, shots bool) {
	b.open("/areas")
	readyMs, fcpMs := b.ready("areas")
	t.Logf("areas screen (%s, %s): first contentful paint %.0f ms, ready %.0f ms", lang, mxMode(api), fcpMs, readyMs)
	if got := b.text("main h1"); got != mxTitles[lang].areas {
		t.Errorf("h1 %q, want %q", got, mxTitles[lang].areas)
	}
	var ov mxOverview
	api.query(`{ cooperationAreasOverview(scopeId: "tr-pazardzhik-district") { area { id name nameLocal } activeStakeholders
		stakeholderCounts { kind sector count } partnerships crossSectorPartnerships figures { demand supply gap } } }`, nil, &ov)
	if len(ov.CooperationAreasOverview) == 0 {
		t.Fatal("the demo data has changed: no cooperation area in the Pazardzhik district")
	}
	b.run(chromedp.WaitVisible(chromedp.CSS(".areas-table")))
	if n := b.count(".areas-table tbody tr"); n != len(ov.CooperationAreasOverview) {
		t.Errorf("%d areas on the page, the API has %d", n, len(ov.CooperationAreasOverview))
	}
	for _, a := range ov.CooperationAreasOverview {
		row := fmt.Sprintf(`.areas-table tr[data-area=%q]`, a.Area.ID)
		if got := b.text(row + ` th a[href="/area/` + a.Area.ID + `"]`); got != mxName(lang, a.Area) {
			t.Errorf("%s: %q, want a link named %q", a.Area.ID, got, mxName(lang, a.Area))
		}
		var got struct {
			Members, Kinds, Cross int
			Partnerships          string
			Demand, Supply, Gap   string
		}
		b.eval(fmt.Sprintf(`(r => ({members: +r.querySelector('[data-fact=members]').dataset.count,
			kinds: r.querySelectorAll('.counts li').length, cross: +r.querySelector('[data-fact=crossSector]').dataset.count,
			partnerships: r.querySelector('[data-fact=partnerships]').textContent, demand: r.querySelector('[data-fact=demand]').textContent,
			supply: r.querySelector('[data-fact=supply]').textContent, gap: r.querySelector('[data-fact=gap]').textContent}))(document.querySelector(%q))`, row), &got)
		if got.Members != a.ActiveStakeholders || got.Kinds != len(a.StakeholderCounts) || got.Cross != a.CrossSectorPartnerships ||
			got.Partnerships != fmt.Sprint(a.Partnerships) || mxDigits(got.Demand) != fmt.Sprint(a.Figures.Demand) ||
			mxDigits(got.Supply) != fmt.Sprint(a.Figures.Supply) || mxDigits(got.Gap) != fmt.Sprint(a.Figures.Gap) {
			t.Errorf("%s on the page %+v, the API %+v", a.Area.ID, got, a)
		}
	}
	b.axe("areas " + lang)

	// The area with the most opportunities, chosen by its button.
	type opp struct {
		A, B   mxNamed
		Score  int
		Reason []struct{ Kind string }
	}
	best, bestN := "", -1
	var bestOpps []opp
	for _, a := range ov.CooperationAreasOverview {
		var r struct {
			CooperationOpportunities []struct {
				A, B    mxNamed
				Score   int
				Reasons []struct{ Kind string }
			}
		}
		api.query(`query($a: ID!) { cooperationOpportunities(areaId: $a, scopeId: "tr-pazardzhik-district", first: 20) {
			a { id name nameLocal } b { id name nameLocal } score reasons { kind } } }`, map[string]any{"a": a.Area.ID}, &r)
		if len(r.CooperationOpportunities) > bestN {
			best, bestN, bestOpps = a.Area.ID, len(r.CooperationOpportunities), nil
			for _, o := range r.CooperationOpportunities {
				bestOpps = append(bestOpps, opp{o.A, o.B, o.Score, o.Reasons})
			}
		}
	}
	if bestN == 0 {
		t.Fatal("the demo data has changed: no cooperation opportunity in the Pazardzhik district")
	}
	b.click(fmt.Sprintf(`.areas-table tr[data-area=%q] button.show-opps`, best))
	mxWait(b, "the opportunities", `document.querySelectorAll('.opp-list > li').length > 0`)
	var got []struct {
		A, B    string
		Score   int
		Reasons int
	}
	b.eval(`[...document.querySelectorAll('.opp-list > li')].map(e => ({a: e.dataset.a, b: e.dataset.b, score: +e.dataset.score,
		reasons: e.querySelectorAll('.reasons li').length}))`, &got)
	if len(got) != len(bestOpps) {
		t.Fatalf("%s: %d opportunities on the page, the API ranks %d", best, len(got), len(bestOpps))
	}
	for i, o := range bestOpps {
		if got[i].A != o.A.ID || got[i].B != o.B.ID || got[i].Score != o.Score || got[i].Reasons != len(o.Reason) {
			t.Errorf("opportunity %d on the page %+v, the API %s–%s score %d, %d reasons", i, got[i], o.A.ID, o.B.ID, o.Score, len(o.Reason))
		}
	}
	first := b.text(".opp-list > li:first-child .opp-head")
	if !strings.Contains(first, mxName(lang, bestOpps[0].A)) || !strings.Contains(first, mxName(lang, bestOpps[0].B)) {
		t.Errorf("first opportunity %q, want %q and %q", first, mxName(lang, bestOpps[0].A), mxName(lang, bestOpps[0].B))
	}
	var href string
	b.eval(`location.search`, &href)
	if !strings.Contains(href, "area="+best) {
		t.Errorf("address %q does not hold the chosen area", href)
	}
	var chosen string
	b.eval(`document.querySelector('#areas-area').value`, &chosen)
	if chosen != best {
		t.Errorf("the area select is on %q, want %q", chosen, best)
	}
	b.axe("areas with opportunities " + lang)
	if shots {
		b.screenshot("areas-" + lang)
	}
	b.clean()
}

// mxDigits keeps the digits of a formatted number (bg groups with spaces).
func mxDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// mxWarm asks the screens' analyses once before the browser does, as
// coopgraph serve does at start (store.Warm, before /readyz says ready):
// the first paints measured are those of a running server, not of Neo4j
// planning its queries for the first time.
func mxWarm(t *testing.T, api mxAPI) {
	start := time.Now()
	var out any
	api.query(`{ supplyDemandMatrix(scopeId: "tr-pazardzhik-district") { rows { cells { demand nearestSupply { distanceKm } } } }
		serviceGaps(scopeId: "tr-pazardzhik-district") { cell { gap } nearby { distanceKm } } }`, nil, &out)
	api.query(`{ cooperationAreasOverview(scopeId: "tr-pazardzhik-district") { activeStakeholders }
		cooperationOpportunities(areaId: "area-intermunicipal", scopeId: "tr-pazardzhik-district") { score } }`, nil, &out)
	t.Logf("warm-up (the analyses' first run): %v", time.Since(start).Round(time.Millisecond))
}

// TestBrowserMatrix: both screens as an ANALYST signed in with a token in
// production mode, in both languages; a VIEWER is not offered them and is
// told why when it opens their addresses.
func TestBrowserMatrix(t *testing.T) {
	srv := startServer(t, true)
	api := mxAPI{srv, token("ANALYST", "")}
	mxWarm(t, api)
	for _, lang := range []string{"en", "bg"} {
		t.Run(lang, func(t *testing.T) {
			b := newBrowser(t, srv, lang)
			// Signed in once; the token stays for the tab, so each screen's
			// first paint below is that of opening its address.
			b.open("/search")
			mxSignIn(b, api.tok, "ANALYST")
			mxMatrixStory(t, b, api, lang, true)
			mxAreas(t, b, api, lang, true)
			if lang == "en" {
				mxDocsScreenshot(t, b, api)
			}
		})
	}
	t.Run("viewer", func(t *testing.T) {
		b := newBrowser(t, srv, "en")
		b.open("/search")
		mxSignIn(b, token("VIEWER", ""), "VIEWER")
		if n := b.count(`nav.screens a[data-screen="matrix"], nav.screens a[data-screen="areas"]`); n != 0 {
			t.Errorf("a VIEWER is offered %d of the analyst screens", n)
		}
		for _, p := range []string{"/matrix", "/areas?area=area-intermunicipal"} {
			b.open(p)
			if got := b.text(".signin [data-why=SCREEN]"); !strings.Contains(got, "analyst") {
				t.Errorf("a VIEWER at %s: %q", p, got)
			}
			if n := b.count(".heatmap, .areas-table"); n != 0 {
				t.Errorf("a VIEWER at %s sees the screen", p)
			}
		}
		if code, _ := (mxAPI{srv, token("VIEWER", "")}).get("/export/matrix.csv?scopeId=tr-pazardzhik-district"); code != http.StatusForbidden {
			t.Errorf("a VIEWER's CSV: %d", code)
		}
		b.clean()
	})
}

// TestBrowserMatrixDev: both screens in development mode, where the app
// just works as the local ADMIN (the CSV without a token), in both
// languages.
func TestBrowserMatrixDev(t *testing.T) {
	srv := startServer(t, false)
	api := mxAPI{srv: srv}
	mxWarm(t, api)
	for _, lang := range []string{"en", "bg"} {
		t.Run(lang, func(t *testing.T) {
			b := newBrowser(t, srv, lang)
			mxMatrixStory(t, b, api, lang, false)
			mxAreas(t, b, api, lang, false)
		})
	}
}

// mxDocsScreenshot saves the README's picture: English, 1280×800, the
// Pazardzhik district with the Lesichovo cell of the largest gap that
// nearer supply could fill chosen; into
// docs/screenshots/matrix.png only with COOPGRAPH_UPDATE_DOCS=1.
func mxDocsScreenshot(t *testing.T, b *browser, api mxAPI) {
	var m struct {
		SupplyDemandMatrix struct {
			Columns []struct{ Category struct{ ID string } }
			Rows    []struct {
				Territory struct{ ID string }
				Cells     []struct {
					Gap           int
					NearestSupply *struct{ DistanceKm float64 }
				}
			}
		}
	}
	api.query(`{ supplyDemandMatrix(scopeId: "tr-pazardzhik-district") { columns { category { id } }
		rows { territory { id } cells { gap nearestSupply { distanceKm } } } } }`, nil, &m)
	cell, gap := "tr-lesichovo~cat-health", -1
	for _, r := range m.SupplyDemandMatrix.Rows {
		for j, c := range r.Cells {
			if r.Territory.ID == "tr-lesichovo" && c.NearestSupply != nil && c.Gap > gap {
				cell, gap = r.Territory.ID+"~"+m.SupplyDemandMatrix.Columns[j].Category.ID, c.Gap
			}
		}
	}
	b.run(chromedp.EmulateViewport(1280, 800))
	b.open("/matrix?cell=" + cell)
	b.ready("matrix")
	b.run(chromedp.WaitVisible(chromedp.CSS(`.cell-detail[data-territory="tr-lesichovo"] .nearest`)))
	mxWait(b, "the providers", `!document.querySelector('.cell-detail .status') && document.querySelectorAll('.gap-list > li').length > 0`)
	b.eval(`(document.activeElement && document.activeElement.blur(), window.scrollTo(0, document.querySelector('.matrix-form').getBoundingClientRect().top + window.scrollY - 8), true)`, nil)
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if os.Getenv("COOPGRAPH_UPDATE_DOCS") != "" {
		dir = filepath.Join("..", "docs", "screenshots")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "matrix.png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("README screenshot %s (%d bytes)", p, len(png))
}
