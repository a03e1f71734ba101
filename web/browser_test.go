package web_test

// The browser tests: Debian's chromium, headless, driven by chromedp,
// against the real server (api.New) over the real store with the demo data.
// Each screen's test opens pages, checks what is on them (texts, counts,
// compared with the API's own answers), runs axe-core and saves screenshots
// under the test's temp dir (or $COOPGRAPH_SCREENSHOTS when set, to keep
// them).
//
// To test a new screen: b := newBrowser(t, srv, "en"); b.open("/matrix");
// b.ready("matrix") waits for the screen's markReady; then b.text / b.count /
// b.click, b.axe(), b.screenshot("matrix-en") and b.clean().

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/golang-jwt/jwt/v5"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

const chromiumPath = "/usr/bin/chromium"

var jwtSecret = []byte("a-browser-test-secret-of-32-bytes!!")

// server is the real API with the demo data; production false is
// development mode, where the browser (on loopback) is the local ADMIN.
type server struct {
	*httptest.Server
	t *testing.T
}

func startServer(t *testing.T, production bool) *server {
	t.Helper()
	st := testdb.OpenDemo(t)
	h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Production: production,
		Auth: auth.New(auth.Config{JWTSecret: jwtSecret, Keys: st, Development: !production})})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &server{srv, t}
}

// token is a bearer token for role.
func token(role, stakeholder string) string {
	claims := jwt.MapClaims{"sub": "browser-" + strings.ToLower(role), "coopgraph_role": role, "exp": time.Now().Add(time.Hour).Unix()}
	if stakeholder != "" {
		claims["coopgraph_stakeholder"] = stakeholder
	}
	s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(jwtSecret)
	return s
}

// query asks the API directly (as the local ADMIN in development mode), to
// compare the page with.
func (s *server) query(q string, vars map[string]any, out any) {
	s.t.Helper()
	queryAs(s.t, s, "", q, vars, out)
}

// queryAs asks the API as the bearer of tok (no Authorization header when
// tok is empty: the local ADMIN in development mode) and decodes the data
// into out, when out is not nil; any error fails the test.
func queryAs(t *testing.T, srv *server, tok, q string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) > 0 {
		t.Fatalf("%.60s: %v %+v", q, err, r.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			t.Fatal(err)
		}
	}
}

// browser is one headless chromium with one tab.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	lang string

	mu       sync.Mutex
	foreign  []string // requests to other hosts
	problems []string // console errors, exceptions
}

// initScript runs before the page's own scripts: it records CSP violations
// (DevTools scripts are not subject to the page's policy).
const initScript = `window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`

// newBrowser starts chromium with lang as the browser's language.
func newBrowser(t *testing.T, srv *server, lang string) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("the browser tests need Debian's chromium at %s: make chromium (apt-get install chromium)", chromiumPath)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", lang), chromedp.Flag("accept-lang", lang),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	b := &browser{t: t, base: srv.URL, lang: lang}
	host := strings.TrimPrefix(srv.URL, "http://")
	ctx, cancelCtx := chromedp.NewContext(alloc, chromedp.WithListener(func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u, err := url.Parse(e.Request.URL); err == nil && u.Scheme != "data" && u.Host != host {
				b.foreign = append(b.foreign, e.Request.URL)
			}
		case *cdpruntime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			b.problems = append(b.problems, "exception: "+msg)
		case *cdpruntime.EventConsoleAPICalled:
			if e.Type == cdpruntime.ConsoleAPICalledTypeError || e.Type == cdpruntime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				b.problems = append(b.problems, string(e.Type)+": "+strings.Join(args, " "))
			}
		}
	}))
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	b.ctx = ctx
	// The first run starts the browser: no deadline on it (chromedp.Run).
	b.run(func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: initScript})
		return chromedp.Void{}, err
	})
	return b
}

// run runs actions, each within a minute.
func (b *browser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// open loads path and waits for the app's <main>.
func (b *browser) open(path string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("main[data-lang]")))
}

// ready waits until the screen has called markReady(screen) and returns
// when that was, and the first contentful paint, from the Performance API.
func (b *browser) ready(screen string) (readyMs, fcpMs float64) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](fmt.Sprintf(`performance.getEntriesByName(%q).length > 0`, "ready:"+screen),
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		body, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body.innerText`))
		b.mu.Lock()
		problems := b.problems
		b.mu.Unlock()
		b.t.Fatalf("screen %s never ready: %v; the page says %q; console: %q", screen, err, body, problems)
	}
	var m struct{ Ready, FCP float64 }
	b.eval(fmt.Sprintf(`({ready: performance.getEntriesByName(%q)[0].startTime,
		fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime})`, "ready:"+screen), &m)
	return m.Ready, m.FCP
}

func (b *browser) eval(js string, out any) {
	b.t.Helper()
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[json.RawMessage](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%.80s: %v", js, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			b.t.Fatalf("%.80s: %v", js, err)
		}
	}
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS(sel)))
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimSpace(s)
}

func (b *browser) count(sel string) int {
	b.t.Helper()
	var n int
	b.eval(fmt.Sprintf(`document.querySelectorAll(%q).length`, sel), &n)
	return n
}

func (b *browser) click(sel string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// screenshot saves the whole page as name.png (quality 100 is PNG).
func (b *browser) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	dir := os.Getenv("COOPGRAPH_SCREENSHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", p)
}

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// axe runs axe-core on the page and fails the test on any serious or
// critical violation. axe-core comes from web/node_modules (npm ci, which
// make test runs for the bundle check).
func (b *browser) axe(what string) {
	b.t.Helper()
	axeOnce.Do(func() {
		var src []byte
		src, axeErr = os.ReadFile("node_modules/axe-core/axe.min.js")
		axeSource = string(src)
	})
	if axeErr != nil {
		b.t.Fatalf("axe-core: %v (run `npm ci` in web/, or make web)", axeErr)
	}
	var loaded bool
	b.eval(axeSource+";true", &loaded)
	var violations []struct {
		ID, Impact, Help string
		Targets          []string
	}
	b.eval(`axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>
		({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))`, &violations)
	for _, v := range violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Errorf("axe, %s: %s %s: %s at %v", what, v.Impact, v.ID, v.Help, v.Targets)
		} else {
			b.t.Logf("axe, %s: %s %s: %s at %v", what, v.Impact, v.ID, v.Help, v.Targets)
		}
	}
}

// clean fails the test on requests to other hosts, CSP violations, console
// errors or exceptions so far.
func (b *browser) clean() {
	b.t.Helper()
	var csp []string
	b.eval(`window.__csp || []`, &csp)
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, u := range b.foreign {
		b.t.Errorf("request to another host: %s", u)
	}
	for _, c := range csp {
		b.t.Errorf("CSP violation: %s", c)
	}
	for _, p := range b.problems {
		b.t.Errorf("console: %s", p)
	}
	b.foreign, b.problems = nil, nil
}

// TestBrowserSearch: the search screen and record pages in both languages,
// as the local ADMIN of development mode; the language from the browser,
// then switched and remembered; the skip link; axe-core; no request
// elsewhere; time to first meaningful paint.
func TestBrowserSearch(t *testing.T) {
	srv := startServer(t, false)
	const text = "Лесичово"
	var want struct {
		Search []struct{ Type, ID, Name string }
	}
	srv.query(`query($t: String!) { search(text: $t, first: 50) { type id name } }`, map[string]any{"t": text}, &want)
	perType := map[string]int{}
	for _, h := range want.Search {
		perType[h.Type]++
	}
	if perType["TERRITORY"] == 0 || perType["STAKEHOLDER"] == 0 {
		t.Fatalf("the demo data has changed: search %q finds %v", text, perType)
	}

	for _, lang := range []string{"en", "bg"} {
		t.Run(lang, func(t *testing.T) {
			b := newBrowser(t, srv, lang)
			labels := map[string]struct{ title, territories, search string }{
				"en": {"Search", "Territories", "Search"},
				"bg": {"Търсене", "Територии", "Търси"},
			}[lang]

			// The empty screen first: its paint is the first meaningful one.
			b.open("/")
			readyMs, fcpMs := b.ready("search")
			t.Logf("search screen (%s): first contentful paint %.0f ms, ready %.0f ms", lang, fcpMs, readyMs)
			if got := b.text("main h1"); got != labels.title {
				t.Errorf("h1 %q, want %q", got, labels.title)
			}
			var htmlLang string
			b.eval(`document.documentElement.lang`, &htmlLang)
			if htmlLang != lang {
				t.Errorf("html lang %q, want the browser's %q", htmlLang, lang)
			}
			if role := b.text(".who [data-role]"); !strings.Contains(role, map[string]string{"en": "administrator", "bg": "администратор"}[lang]) {
				t.Errorf("signed in: %q, want the local administrator", role)
			}
			if n := b.count("nav.screens a"); n != 6 {
				t.Errorf("%d screens in the navigation for ADMIN, want 6", n)
			}

			// The skip link is the first stop of the keyboard.
			var focused string
			b.run(chromedp.KeyEvent(kb.Tab))
			b.eval(`document.activeElement.className`, &focused)
			if focused != "skip" {
				t.Errorf("first Tab focuses %q, want the skip link", focused)
			}

			// Searching by typing and pressing Enter.
			b.run(chromedp.SendKeys(chromedp.CSS("#search-text"), text+kb.Enter),
				chromedp.WaitVisible(chromedp.CSS(".results")))
			if got := b.count(".results li"); got != len(want.Search) {
				t.Errorf("%d results on the page, the API finds %d", got, len(want.Search))
			}
			for typ, n := range perType {
				if got := b.count(fmt.Sprintf(`.result-group[data-type=%q] li`, typ)); got != n {
					t.Errorf("%s: %d results on the page, the API finds %d", typ, got, n)
				}
			}
			if h := b.text(`.result-group[data-type="TERRITORY"] h2`); !strings.HasPrefix(h, labels.territories) {
				t.Errorf("territories heading %q, want %q…", h, labels.territories)
			}
			var href string
			b.eval(`location.pathname + location.search`, &href)
			if href != "/search?q="+url.QueryEscape(text) {
				t.Errorf("address %q: the search is not in it", href)
			}
			b.axe("search results")
			b.screenshot("search-" + lang)

			// A stakeholder's page from its link.
			b.click(`.result-group[data-type="STAKEHOLDER"] li a[href="/stakeholder/st-lesichovo-municipality"]`)
			b.ready("record")
			var rec struct {
				Stakeholder struct {
					Name, NameLocal string
					Services        []struct{ ID string }
					Partnerships    []struct{ Role string }
				}
			}
			srv.query(`{ stakeholder(id: "st-lesichovo-municipality") { name nameLocal services { id } partnerships { role } } }`, nil, &rec)
			wantName := rec.Stakeholder.Name
			if lang == "bg" && rec.Stakeholder.NameLocal != "" {
				wantName = rec.Stakeholder.NameLocal
			}
			if got := b.text("main h1"); got != wantName {
				t.Errorf("stakeholder page h1 %q, want %q", got, wantName)
			}
			sections := map[string]int{"record.services": len(rec.Stakeholder.Services), "record.partnerships": len(rec.Stakeholder.Partnerships)}
			for title := range sections {
				if got := b.count(fmt.Sprintf(`.relation[data-relation=%q] li`, title)); got != sections[title] {
					t.Errorf("%s: %d links, the API has %d", title, got, sections[title])
				}
			}
			if b.count(".record .ego") != 1 {
				t.Error("no ego-network picture on the stakeholder page")
			}
			b.axe("stakeholder page")
			b.screenshot("stakeholder-" + lang)

			// Every other kind of record opens by its address.
			for _, p := range []string{"/territory/tr-lesichovo", "/service/svc-lesichovo-patronage", "/partnership/ps-pazardzhik-referral-memorandum",
				"/practice/pr-i-plan", "/event/ev-csii-open-day", "/project/prj-lesichovo", "/area/area-health-social"} {
				b.open(p)
				b.ready("record")
				if b.count(".record h1") != 1 || b.count(".record .relation") == 0 {
					t.Errorf("%s: no record with relations on the page", p)
				}
			}
			b.axe("territory page")

			// Switching the language; the choice outlives a reload.
			other := map[string]string{"en": "bg", "bg": "en"}[lang]
			b.open("/search")
			b.click(fmt.Sprintf(`.lang button[lang=%q]`, other))
			otherTitle := map[string]string{"en": "Search", "bg": "Търсене"}[other]
			if got := b.text("main h1"); got != otherTitle {
				t.Errorf("after switching to %s: h1 %q, want %q", other, got, otherTitle)
			}
			// The title follows the render (an effect): give it a moment.
			var title string
			want := otherTitle + " · coopgraph"
			for i := 0; i < 20 && title != want; i++ {
				if i > 0 {
					time.Sleep(50 * time.Millisecond)
				}
				b.eval(`document.title`, &title)
			}
			if title != want {
				t.Errorf("after switching to %s: the tab's title %q, want %q", other, title, want)
			}
			b.open("/search")
			if got := b.text("main h1"); got != otherTitle {
				t.Errorf("after a reload: h1 %q, want %q (the choice is kept for the tab)", got, otherTitle)
			}
			b.clean()
		})
	}
}

// TestBrowserSignIn: in production the app asks for a token; a bad one is
// refused with a message; each role sees only its screens; a screen above
// the role leads back to sign-in saying why; the token stays in
// sessionStorage only.
func TestBrowserSignIn(t *testing.T) {
	srv := startServer(t, true)
	b := newBrowser(t, srv, "en")
	b.open("/search")
	b.text("#signin-token")
	if n := b.count("nav.screens a"); n != 0 {
		t.Errorf("%d screens offered before signing in", n)
	}
	b.axe("sign-in")
	b.screenshot("signin-en")

	signIn := func(tok string) {
		b.run(chromedp.WaitVisible(chromedp.CSS("#signin-token"))) // the app asks the API first
		b.eval(`(e => { e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})); })(document.querySelector('#signin-token'))`, nil)
		b.run(chromedp.SendKeys(chromedp.CSS("#signin-token"), tok), chromedp.Click(chromedp.CSS(".signin button[type=submit]")))
	}
	signIn("not-a-token")
	if got := b.text("#signin-error"); !strings.Contains(got, "did not accept") {
		t.Errorf("bad token: %q", got)
	}

	for _, tc := range []struct {
		role    string
		screens int
	}{{"VIEWER", 1}, {"ANALYST", 6}} {
		b.open("/search")
		signIn(token(tc.role, ""))
		b.run(chromedp.WaitVisible(chromedp.CSS(".who [data-role=" + tc.role + "]")))
		if n := b.count("nav.screens a"); n != tc.screens {
			t.Errorf("%s: %d screens in the navigation, want %d", tc.role, n, tc.screens)
		}
		var stored struct{ Session, Local int }
		b.eval(`({session: sessionStorage.getItem('coopgraph.token') ? 1 : 0, local: localStorage.length})`, &stored)
		if stored.Session != 1 || stored.Local != 0 {
			t.Errorf("%s: token in sessionStorage %d, localStorage has %d items", tc.role, stored.Session, stored.Local)
		}
		if tc.role == "VIEWER" {
			b.open("/matrix")
			if got := b.text(".signin [data-why=SCREEN]"); !strings.Contains(got, "analyst") {
				t.Errorf("viewer on the matrix: %q", got)
			}
			b.screenshot("viewer-matrix-en")
		}
		b.click(".who button")
		b.text("#signin-token")
	}
	b.clean()
}

// TestBrowserGraphiQL: GraphiQL at /graphiql in development mode runs from
// the bundled files alone (no CDN) under its CSP, and answers a query.
func TestBrowserGraphiQL(t *testing.T) {
	srv := startServer(t, false)
	b := newBrowser(t, srv, "en")
	b.run(chromedp.Navigate(srv.URL+"/graphiql"), chromedp.WaitVisible(chromedp.CSS(".graphiql-container")))
	var answer struct {
		Data struct{ Me struct{ Role string } }
	}
	b.eval(`fetch('/graphql', {method: 'POST', headers: {'Content-Type': 'application/json'},
		body: JSON.stringify({query: '{ me { role } }'})}).then(r => r.json())`, &answer)
	if answer.Data.Me.Role != "ADMIN" {
		t.Errorf("a query from GraphiQL's page: %+v, want the local ADMIN", answer)
	}
	var docs bool
	b.eval(`new Promise(r => setTimeout(() => r(!document.body.innerText.includes("TOO_COMPLEX")), 500))`, &docs)
	if !docs {
		t.Error("GraphiQL could not introspect the schema")
	}
	b.screenshot("graphiql")
	b.clean()
}
