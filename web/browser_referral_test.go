package web_test

// The referral finder and the inbox in the browser, in production mode with
// tokens: the demo story (the CSII in Kalugerovo finds crisis accommodation
// in Peshtera through the Social Assistance Agency, 2 hops, 45 km, and
// sends a referral; the Peshtera crisis centre's coordinator accepts it
// from its inbox; the CSII's inbox shows it ACCEPTED), a CONFLICT that
// loses nothing chosen, the analyst's view (every link, no sending, the
// flows as bars with the API's numbers) and a viewer, who sees neither
// screen. With COOPGRAPH_UPDATE_DOCS=1 it also writes
// docs/screenshots/referral-finder.png (English, 1280x800).

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	refCSII      = "st-csii"
	refASA       = "st-asa-pazardzhik"
	refPeshtera  = "st-crisis-centre-peshtera"
	refService   = "svc-peshtera-crisis-accommodation"
	refCategory  = "cat-crisis-accommodation"
	refFirstLink = "ref-csii-asa"
	refHidden    = "ref-asa-crisis-peshtera"
)

// refCatalogue is one of the app's message catalogues, to compare the
// page's texts with in either language.
func refCatalogue(t *testing.T, lang string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("src", "i18n", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// refMsg fills a catalogue message's {placeholders} as i18n.t does.
func refMsg(cat map[string]string, key string, kv ...string) string {
	s, ok := cat[key]
	if !ok {
		return "<missing " + key + ">"
	}
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

// refSignIn keeps tok for the tab (as the sign-in form does) and opens path.
func refSignIn(b *browser, tok, path string) {
	b.t.Helper()
	b.open("/search")
	refWait(b, "#signin-token") // the app has asked the API (and dropped any token)
	b.eval(fmt.Sprintf(`sessionStorage.setItem('coopgraph.token', %q), true`, tok), nil)
	b.open(path)
}

// refSelect chooses value in a <select> as a user does (input and change events).
func refSelect(b *browser, sel, value string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS(sel)))
	var ok bool
	b.eval(fmt.Sprintf(`(e => { if (![...e.options].some(o => o.value === %[2]q)) return false; e.value = %[2]q;
		e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); return true; })(document.querySelector(%[1]q))`, sel, value), &ok)
	if !ok {
		b.t.Fatalf("%s has no option %q", sel, value)
	}
}

// refType replaces the text of an input by typing text.
func refType(b *browser, sel, text string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS(sel)))
	b.eval(fmt.Sprintf(`(e => { e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})); return true; })(document.querySelector(%q))`, sel), nil)
	b.run(chromedp.SendKeys(chromedp.CSS(sel), text))
}

// refWait waits (at most 15 s) until an element matching sel is shown.
func refWait(b *browser, sel string) {
	b.t.Helper()
	refWaitJS(b, fmt.Sprintf(`(e => !!e && e.getClientRects().length > 0)(document.querySelector(%q))`, sel))
}

// refWaitJS waits until the expression is true (at most 15 s).
func refWaitJS(b *browser, js string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		body, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
		b.t.Fatalf("waiting for %s: %v; the page says %q", js, err, body)
	}
}

type refPaths struct {
	ReferralPaths struct {
		Paths []struct {
			Provider struct{ ID string }
			Hops     int
		}
		UnreachableProviders []struct{ Provider struct{ ID string } }
	}
}

type refReferral struct {
	ID, CaseCode, Status string
	From, To             struct{ ID string }
	Service              struct{ Available int }
}

const refReferralQuery = `query($id: ID!) { referral(id: $id) { id caseCode status from { id } to { id } service { available } } }`

// TestBrowserReferralStory: the demo story by clicking, in production mode
// with coordinator tokens, English for the sender and Bulgarian for the
// receiver; a case code that looks like a name is refused next to its
// field and sends nothing; a CONFLICT says so, reloads and keeps what the
// receiver chose on another referral.
func TestBrowserReferralStory(t *testing.T) {
	srv := startServer(t, true)
	admin := token("ADMIN", "")
	csii := token("COORDINATOR", refCSII)
	peshtera := token("COORDINATOR", refPeshtera)
	var names struct {
		A, B, C struct{ Name, NameLocal string }
	}
	queryAs(t, srv, admin, `{ a: stakeholder(id: "st-csii") { name nameLocal } b: stakeholder(id: "st-asa-pazardzhik") { name nameLocal }
		c: stakeholder(id: "st-crisis-centre-peshtera") { name nameLocal } }`, nil, &names)
	var want refPaths
	queryAs(t, srv, csii, `query($in: ReferralPathInput!) { referralPaths(input: $in) { paths { provider { id } hops } unreachableProviders { provider { id } } } }`,
		map[string]any{"in": map[string]any{"fromStakeholderId": refCSII, "categoryId": refCategory, "first": 20}}, &want)
	if len(want.ReferralPaths.Paths) != 1 || want.ReferralPaths.Paths[0].Provider.ID != refPeshtera {
		t.Fatalf("the demo data has changed: referralPaths %+v", want)
	}
	var sentID string

	t.Run("the CSII finds and sends (en)", func(t *testing.T) {
		en := refCatalogue(t, "en")
		b := newBrowser(t, srv, "en")
		refSignIn(b, csii, "/finder")
		readyMs, fcpMs := b.ready("finder")
		t.Logf("finder (coordinator, en): first contentful paint %.0f ms, form ready %.0f ms", fcpMs, readyMs)
		if b.count(`nav.screens a[data-screen=finder]`) != 1 || b.count(`nav.screens a[data-screen=inbox]`) != 1 {
			t.Error("a coordinator's navigation lacks the finder or the inbox")
		}
		// The organisation is fixed to the coordinator's own: no choice.
		if got := b.text(`.finder-form .fixed[data-from="st-csii"]`); !strings.Contains(got, names.A.Name) {
			t.Errorf("from: %q, want the CSII", got)
		}
		if b.count("#finder-from") != 0 {
			t.Error("a coordinator may choose another organisation")
		}
		b.axe("finder form (coordinator)")

		// A category is needed: the form says so next to the field.
		b.click(".finder-form button[type=submit]")
		if got := b.text(`[data-field="input.categoryId"] .field-error`); got != en["finder.problem.category"] {
			t.Errorf("no category: %q", got)
		}
		refSelect(b, "#finder-category", refCategory)
		start := time.Now()
		b.click(".finder-form button[type=submit]")
		refWait(b, ".chain")
		t.Logf("finder: chains drawn %v after the click", time.Since(start).Round(time.Millisecond))
		var href string
		b.eval(`location.pathname + location.search`, &href)
		if !strings.Contains(href, "category="+refCategory) {
			t.Errorf("address %q: the question is not in it", href)
		}
		if n := b.count(".chains > .chain"); n != len(want.ReferralPaths.Paths) {
			t.Errorf("%d chains on the page, the API has %d", n, len(want.ReferralPaths.Paths))
		}
		chain := fmt.Sprintf(`.chain[data-provider=%q]`, refPeshtera)
		var facts struct {
			Hops, Km, Service string
			Steps             []string
		}
		b.eval(fmt.Sprintf(`(c => ({hops: c.dataset.hops, km: c.dataset.km, service: c.dataset.service,
			steps: [...c.querySelectorAll('.step')].map(s => s.dataset.stakeholder)}))(document.querySelector(%q))`, chain), &facts)
		if facts.Hops != "2" || facts.Km != "45" || facts.Service != refService || strings.Join(facts.Steps, " ") != refCSII+" "+refASA+" "+refPeshtera {
			t.Errorf("the demo chain: %+v, want 2 hops, 45 km, %s, CSII → ASA → Peshtera", facts, refService)
		}
		if got := b.text(chain + ` [data-fact=distance]`); got != "45 km" {
			t.Errorf("distance %q", got)
		}
		if got := b.text(chain + ` [data-fact=border]`); got != en["finder.crossesMunicipality"] {
			t.Errorf("border %q", got)
		}
		if got := b.text(chain + ` [data-fact=places]`); !strings.HasPrefix(got, "3 free of 12") {
			t.Errorf("places %q, want 3 free of 12", got)
		}
		if b.count(chain+fmt.Sprintf(` .step[data-stakeholder=%q] .via[data-link=%q]`, refASA, refFirstLink)) != 1 {
			t.Error("the CSII's own protocol with the agency is not shown")
		}
		// The agency's protocol with Peshtera is not the CSII's: said, not named.
		wantHidden := refMsg(en, "finder.viaHidden", "from", names.B.Name, "to", names.C.Name)
		if got := b.text(chain + fmt.Sprintf(` .step[data-stakeholder=%q] .via.hidden`, refPeshtera)); got != wantHidden {
			t.Errorf("hidden step: %q, want %q", got, wantHidden)
		}
		var html string
		b.eval(`document.documentElement.outerHTML`, &html)
		if strings.Contains(html, refHidden) {
			t.Error("the page names the link the coordinator may not see")
		}
		if got := b.text(".unreachable h2"); got != refMsg(en, "finder.unreachable", "count", "0") {
			t.Errorf("unreachable heading %q", got)
		}
		b.axe("finder results (coordinator)")
		b.screenshot("finder-coordinator-en")
		if os.Getenv("COOPGRAPH_UPDATE_DOCS") != "" {
			b.run(chromedp.EmulateViewport(1280, 800))
			b.eval(`window.scrollTo(0, 0), true`, nil)
			png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("..", "docs", "screenshots", "referral-finder.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Log("wrote docs/screenshots/referral-finder.png")
			b.run(chromedp.EmulateViewport(1280, 900))
		}

		// Sending: a name is refused next to the field, and nothing is sent.
		b.click(chain + " button.send")
		code := fmt.Sprintf(`#send-%s-%s-code`, refPeshtera, refService)
		refType(b, code, "Ivan Petrov")
		b.click(chain + " .send-form button[type=submit]")
		if got := b.text(chain + ` [data-field="input.caseCode"] .field-error`); got != en["finder.problem.caseCode"] {
			t.Errorf("a name as case code: %q", got)
		}
		var none struct{ Referrals []struct{ ID string } }
		queryAs(t, srv, admin, `{ referrals { id } }`, nil, &none)
		if len(none.Referrals) != 0 {
			t.Errorf("a referral with a name was sent: %+v", none)
		}
		b.axe("send form with a problem")
		refType(b, code, "LES-2026/014")
		b.click(chain + " .send-form button[type=submit]")
		refWait(b, chain+" .sent[data-referral]")
		b.eval(fmt.Sprintf(`document.querySelector(%q).dataset.referral`, chain+" .sent"), &sentID)
		if got := b.text(chain + " .sent p"); got != refMsg(en, "finder.sent", "code", "LES-2026/014", "provider", names.C.Name, "status", en["enum.ReferralStatus.SENT"]) {
			t.Errorf("sent: %q", got)
		}
		var r struct{ Referral refReferral }
		queryAs(t, srv, admin, refReferralQuery, map[string]any{"id": sentID}, &r)
		if r.Referral.Status != "SENT" || r.Referral.CaseCode != "LES-2026/014" || r.Referral.From.ID != refCSII || r.Referral.To.ID != refPeshtera {
			t.Errorf("the referral in the API: %+v", r.Referral)
		}
		b.screenshot("finder-sent-en")
		b.clean()
	})
	if sentID == "" {
		t.Fatal("no referral sent")
	}

	// A second referral, sent through the API, for the CONFLICT.
	var second struct{ CreateReferral struct{ ID string } }
	queryAs(t, srv, csii, `mutation($in: ReferralInput!) { createReferral(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"caseCode": "LES-2026/015", "fromStakeholderId": refCSII, "serviceId": refService, "categoryId": refCategory, "territoryId": "tr-kalugerovo"}}, &second)
	otherID := second.CreateReferral.ID

	t.Run("Peshtera accepts from its inbox (bg)", func(t *testing.T) {
		bg := refCatalogue(t, "bg")
		b := newBrowser(t, srv, "bg")
		refSignIn(b, peshtera, "/inbox")
		readyMs, fcpMs := b.ready("inbox")
		t.Logf("inbox (coordinator, bg): first contentful paint %.0f ms, ready %.0f ms", fcpMs, readyMs)
		item := fmt.Sprintf(`[data-list=incoming] .referral[data-referral=%q]`, sentID)
		other := fmt.Sprintf(`[data-list=incoming] .referral[data-referral=%q]`, otherID)
		if got := b.text(item + " .badge"); got != bg["enum.ReferralStatus.SENT"] {
			t.Errorf("status %q, want %q", got, bg["enum.ReferralStatus.SENT"])
		}
		if got := b.text(item + " .route"); got != refMsg(bg, "inbox.route", "from", names.A.NameLocal, "to", names.C.NameLocal) {
			t.Errorf("route %q", got)
		}
		if b.count(`[data-list=outgoing] .referral`) != 0 {
			t.Error("the crisis centre has outgoing referrals")
		}
		var acts []string
		b.eval(fmt.Sprintf(`[...document.querySelectorAll(%q)].map(e => e.dataset.action)`, item+" [data-action]"), &acts)
		if strings.Join(acts, " ") != "ACCEPTED DECLINED" {
			t.Errorf("the receiver's actions on a SENT referral: %v, want accept and decline", acts)
		}
		b.axe("inbox (receiver)")
		b.screenshot("inbox-receiver-bg")

		// The receiver chooses a reason on the first, then declines the
		// second, which the sender has meanwhile cancelled: CONFLICT.
		refSelect(b, fmt.Sprintf("#rfl-%s-reason", sentID), "NO_CAPACITY")
		queryAs(t, srv, csii, `mutation($id: ID!) { updateReferralStatus(id: $id, input: {status: CANCELLED}) { id } }`, map[string]any{"id": otherID}, nil)
		refSelect(b, fmt.Sprintf("#rfl-%s-reason", otherID), "OTHER")
		b.click(other + ` [data-action=DECLINED]`)
		if got := b.text(other + " [data-notice=conflict]"); got != refMsg(bg, "inbox.conflict", "code", "LES-2026/015") {
			t.Errorf("conflict: %q", got)
		}
		refWaitJS(b, fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'CANCELLED'`, other))
		if b.count(other+" [data-action]") != 0 {
			t.Error("a cancelled referral still offers actions")
		}
		var kept string
		b.eval(fmt.Sprintf(`document.querySelector('#rfl-%s-reason').value`, sentID), &kept)
		if kept != "NO_CAPACITY" {
			t.Errorf("after the reload the reason chosen on the other referral is %q", kept)
		}
		b.screenshot("inbox-conflict-bg")

		b.click(item + ` [data-action=ACCEPTED]`)
		refWaitJS(b, fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'ACCEPTED'`, item))
		if got := b.text(item + " .badge"); got != bg["enum.ReferralStatus.ACCEPTED"] {
			t.Errorf("after accepting: %q", got)
		}
		b.eval(fmt.Sprintf(`[...document.querySelectorAll(%q)].map(e => e.dataset.action)`, item+" [data-action]"), &acts)
		if strings.Join(acts, " ") != "COMPLETED" {
			t.Errorf("the receiver's actions on an ACCEPTED referral: %v, want complete", acts)
		}
		var r struct{ Referral refReferral }
		queryAs(t, srv, admin, refReferralQuery, map[string]any{"id": sentID}, &r)
		if r.Referral.Status != "ACCEPTED" || r.Referral.Service.Available != 2 {
			t.Errorf("in the API: %s with %d places free, want ACCEPTED and 2", r.Referral.Status, r.Referral.Service.Available)
		}
		b.axe("inbox after accepting")
		b.screenshot("inbox-accepted-bg")
		b.clean()
	})

	t.Run("the CSII sees it accepted (en)", func(t *testing.T) {
		en := refCatalogue(t, "en")
		b := newBrowser(t, srv, "en")
		refSignIn(b, csii, "/inbox")
		readyMs, fcpMs := b.ready("inbox")
		t.Logf("inbox (coordinator, en): first contentful paint %.0f ms, ready %.0f ms", fcpMs, readyMs)
		item := fmt.Sprintf(`[data-list=outgoing] .referral[data-referral=%q]`, sentID)
		if got := b.text(item + " .badge"); got != en["enum.ReferralStatus.ACCEPTED"] {
			t.Errorf("the sender sees %q, want %q", got, en["enum.ReferralStatus.ACCEPTED"])
		}
		var acts []string
		b.eval(fmt.Sprintf(`[...document.querySelectorAll(%q)].map(e => e.dataset.action)`, item+" [data-action]"), &acts)
		if strings.Join(acts, " ") != "CANCELLED" {
			t.Errorf("the sender's actions on an ACCEPTED referral: %v, want cancel only", acts)
		}
		if got := b.text(fmt.Sprintf(`[data-list=outgoing] .referral[data-referral=%q] .badge`, otherID)); got != en["enum.ReferralStatus.CANCELLED"] {
			t.Errorf("the cancelled one: %q", got)
		}
		if b.count(`[data-list=incoming] .referral`) != 0 {
			t.Error("the CSII has incoming referrals")
		}
		b.axe("inbox (sender)")
		b.screenshot("inbox-sender-en")
		b.clean()
	})
}

// TestBrowserReferralRoles: an analyst chooses the organisation, sees every
// link of a chain (none hidden) and cannot send; sees every referral
// without actions, and the flows with the API's numbers in both languages;
// an editor sends from any organisation and sees the API's problem beside
// the field it names; a viewer sees neither screen.
func TestBrowserReferralRoles(t *testing.T) {
	srv := startServer(t, true)
	admin := token("ADMIN", "")
	csii := token("COORDINATOR", refCSII)
	analyst := token("ANALYST", "")
	// Two referrals: one accepted, one declined.
	var ids []string
	for _, code := range []string{"LES-R1", "LES-R2"} {
		var c struct{ CreateReferral struct{ ID string } }
		queryAs(t, srv, csii, `mutation($in: ReferralInput!) { createReferral(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"caseCode": code, "fromStakeholderId": refCSII, "serviceId": refService, "categoryId": refCategory, "territoryId": "tr-kalugerovo"}}, &c)
		ids = append(ids, c.CreateReferral.ID)
	}
	move := `mutation($id: ID!, $in: ReferralStatusInput!) { updateReferralStatus(id: $id, input: $in) { id } }`
	queryAs(t, srv, admin, move, map[string]any{"id": ids[0], "in": map[string]any{"status": "ACCEPTED"}}, nil)
	queryAs(t, srv, admin, move, map[string]any{"id": ids[1], "in": map[string]any{"status": "DECLINED", "declineReason": "NO_CAPACITY"}}, nil)
	var flows struct {
		ReferralFlows struct {
			Total                     int
			Flows                     []struct{ Count int }
			ByStatus, ByDeclineReason []struct {
				Key   string
				Count int
			}
			MedianHoursToAccept, MedianHoursToComplete *float64
		}
	}
	queryAs(t, srv, analyst, `{ referralFlows(scopeId: "tr-bg") { total flows { count } byStatus { key count } byDeclineReason { key count }
		medianHoursToAccept medianHoursToComplete } }`, nil, &flows)
	if flows.ReferralFlows.Total != 2 {
		t.Fatalf("referralFlows: %+v", flows)
	}

	for _, lang := range []string{"en", "bg"} {
		t.Run("analyst "+lang, func(t *testing.T) {
			cat := refCatalogue(t, lang)
			b := newBrowser(t, srv, lang)
			refSignIn(b, analyst, "/finder")
			readyMs, fcpMs := b.ready("finder")
			t.Logf("finder (analyst, %s): first contentful paint %.0f ms, form ready %.0f ms", lang, fcpMs, readyMs)
			refSelect(b, "#finder-from", refCSII)
			refSelect(b, "#finder-category", refCategory)
			b.click(".finder-form button[type=submit]")
			chain := fmt.Sprintf(`.chain[data-provider=%q]`, refPeshtera)
			refWait(b, chain)
			if b.count(chain+fmt.Sprintf(` .via[data-link=%q]`, refHidden)) != 1 || b.count(chain+" .via.hidden") != 0 {
				t.Error("an analyst does not see every link of the chain")
			}
			if b.count("button.send") != 0 {
				t.Error("an analyst is offered to send a referral")
			}
			b.axe("finder (analyst)")
			b.screenshot("finder-analyst-" + lang)

			b.open("/inbox")
			refWait(b, "[data-list=all] .referral")
			if n := b.count("[data-list=all] .referral"); n != 2 {
				t.Errorf("%d referrals for the analyst, want 2", n)
			}
			if n := b.count("[data-list=all] [data-action]"); n != 0 {
				t.Errorf("the analyst is offered %d actions", n)
			}
			b.click(".tabs a[data-view=flows]")
			refWait(b, ".flows-view")
			f := flows.ReferralFlows
			var total string
			b.eval(`document.querySelector('.flows-view').dataset.total`, &total)
			if total != fmt.Sprint(f.Total) {
				t.Errorf("flows total %s, the API has %d", total, f.Total)
			}
			for _, s := range f.ByStatus {
				var n string
				b.eval(fmt.Sprintf(`document.querySelector('[data-chart=by-status] tr[data-key=%q]')?.dataset.count`, s.Key), &n)
				if n != fmt.Sprint(s.Count) {
					t.Errorf("status %s: %s on the page, the API has %d", s.Key, n, s.Count)
				}
			}
			for _, s := range f.ByDeclineReason {
				var n string
				b.eval(fmt.Sprintf(`document.querySelector('[data-chart=by-reason] tr[data-key=%q]')?.dataset.count`, s.Key), &n)
				if n != fmt.Sprint(s.Count) {
					t.Errorf("decline reason %s: %s on the page, the API has %d", s.Key, n, s.Count)
				}
			}
			if n := b.count(".flows-table tbody tr"); n != len(f.Flows) {
				t.Errorf("%d flows on the page, the API has %d", n, len(f.Flows))
			}
			if f.MedianHoursToAccept == nil {
				t.Error("no median time to acceptance in the API")
			} else if got := b.text("[data-median=accept]"); !strings.HasSuffix(got, strings.TrimPrefix(cat["flows.hours"], "{hours}")) &&
				!strings.HasSuffix(got, strings.TrimPrefix(cat["flows.minutes"], "{minutes}")) {
				t.Errorf("median to acceptance %q", got)
			}
			if got := b.text("[data-median=complete]"); got != cat["flows.noMedian"] {
				t.Errorf("median to completion %q, want %q (none completed)", got, cat["flows.noMedian"])
			}
			if got := b.text(".flows h2"); got != cat["flows.title"] {
				t.Errorf("flows heading %q", got)
			}
			b.axe("flows")
			b.screenshot("flows-" + lang)

			// The flows' own first paint, opened directly.
			b.open("/inbox?view=flows")
			readyMs, fcpMs = b.ready("inbox")
			t.Logf("flows (analyst, %s): first contentful paint %.0f ms, ready %.0f ms", lang, fcpMs, readyMs)
			b.clean()
		})
	}

	// An editor may send from any organisation; the service is suspended
	// after the search: the API's problem shows beside the service.
	t.Run("editor, a problem from the API", func(t *testing.T) {
		en := refCatalogue(t, "en")
		b := newBrowser(t, srv, "en")
		refSignIn(b, token("EDITOR", ""), "/finder?from="+refCSII+"&category="+refCategory)
		b.ready("finder")
		chain := fmt.Sprintf(`.chain[data-provider=%q]`, refPeshtera)
		refWait(b, chain)
		var svc struct {
			Service struct {
				Name, NameLocal, Description, Status, DeliveryMode, Eligibility string
				Capacity, Available, Version                                    int
				Provider, Category                                              struct{ ID string }
				TargetGroups, Coverage                                          []struct{ ID string }
				Illustrative                                                    bool
			}
		}
		queryAs(t, srv, admin, `{ service(id: "`+refService+`") { name nameLocal description status deliveryMode eligibility capacity available version
			provider { id } category { id } targetGroups { id } coverage { id } illustrative } }`, nil, &svc)
		s := svc.Service
		ids := func(xs []struct{ ID string }) []string {
			var out []string
			for _, x := range xs {
				out = append(out, x.ID)
			}
			return out
		}
		queryAs(t, srv, admin, `mutation($id: ID!, $in: ServiceInput!, $v: Int!) { updateService(id: $id, input: $in, expectedVersion: $v) { status } }`,
			map[string]any{"id": refService, "v": s.Version, "in": map[string]any{"name": s.Name, "nameLocal": s.NameLocal, "description": s.Description,
				"status": "SUSPENDED", "deliveryMode": s.DeliveryMode, "eligibility": s.Eligibility, "capacity": s.Capacity, "available": s.Available,
				"providerId": s.Provider.ID, "categoryId": s.Category.ID, "targetGroupIds": ids(s.TargetGroups), "coverageIds": ids(s.Coverage),
				"illustrative": s.Illustrative}}, nil)
		b.click(chain + " button.send")
		refType(b, fmt.Sprintf(`#send-%s-%s-code`, refPeshtera, refService), "LES-2026/099")
		b.click(chain + " .send-form button[type=submit]")
		if got := b.text(chain + ` .send-form [data-field="input.serviceId"] .field-error`); !strings.Contains(got, "SUSPENDED") {
			t.Errorf("the API's problem with the service: %q", got)
		}
		if b.count(chain+" .sent") != 0 {
			t.Error("sent anyway")
		}
		if got := b.text(chain + " .send-form label[for$=-code]"); got != en["finder.caseCode"] {
			t.Errorf("case code label %q", got)
		}
		b.axe("send form with the API's problem")
		b.screenshot("finder-api-problem-en")
		b.clean()
	})

	t.Run("viewer", func(t *testing.T) {
		b := newBrowser(t, srv, "en")
		refSignIn(b, token("VIEWER", ""), "/search")
		refWait(b, ".who [data-role=VIEWER]")
		if n := b.count("nav.screens a[data-screen=finder], nav.screens a[data-screen=inbox]"); n != 0 {
			t.Errorf("a viewer is offered %d referral screens", n)
		}
		for _, p := range []string{"/finder", "/inbox"} {
			b.open(p)
			if got := b.text(".signin [data-why=SCREEN]"); !strings.Contains(got, "analyst") {
				t.Errorf("viewer on %s: %q", p, got)
			}
		}
		b.clean()
	})
}
