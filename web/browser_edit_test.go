package web_test

// Browser tests of the editing forms (issue 12, point 8), in production mode
// with tokens: an EDITOR edits a service's capacity and free places, meets
// the API's problems next to the fields and a CONFLICT with a change made
// behind its back; a COORDINATOR of the CSII edits its own service and
// referral link but gets no edit button on another stakeholder's service; a
// VIEWER sees no edit control and cannot open a form.

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// catalogue is one language's messages, to find labels on the page.
func catalogue(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile("src/i18n/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// signInWith keeps tok in the tab's session, as the sign-in form does.
func (b *browser) signInWith(tok string) {
	b.t.Helper()
	b.open("/search")
	// Only once the app has asked the API (it forgets a token the API refuses).
	b.run(chromedp.WaitVisible(chromedp.CSS("#signin-token")))
	b.eval(fmt.Sprintf(`sessionStorage.setItem('coopgraph.token', %q), true`, tok), nil)
}

// fill replaces the value of a text field as typing would.
func (b *browser) fill(sel, text string) {
	b.t.Helper()
	b.eval(fmt.Sprintf(`(e => { e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})); return true })(document.querySelector(%q))`, sel), nil)
	if text != "" {
		b.run(chromedp.SendKeys(chromedp.CSS(sel), text))
	}
}

func (b *browser) value(sel string) string {
	b.t.Helper()
	var v string
	b.eval(fmt.Sprintf(`document.querySelector(%q).value`, sel), &v)
	return v
}

// fact is the value beside a label of a record page's facts.
func (b *browser) fact(label string) string {
	b.t.Helper()
	var v string
	b.eval(fmt.Sprintf(`(() => { for (const dt of document.querySelectorAll('.facts dt')) if (dt.textContent.trim() === %q) return dt.nextElementSibling.textContent.trim(); return '' })()`, label), &v)
	return v
}

func (b *browser) waitFor(sel string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS(sel)))
}

type svcRecord struct {
	ID, Name, Status, DeliveryMode string
	NameLocal, Description         *string
	Eligibility, Email, URL        *string
	Source, AvailableUpdatedAt     *string
	MinAge, MaxAge                 *int
	Capacity, Available            *int
	Version                        int
	Illustrative                   bool
	IllustrativeFields             []string
	Provider, Category             struct{ ID string }
	TargetGroups, Coverage         []struct{ ID string }
}

const svcFields = `id name nameLocal description status deliveryMode eligibility minAge maxAge capacity available availableUpdatedAt
	email url source version illustrative illustrativeFields provider { id } category { id } targetGroups { id } coverage { id }`

func getService(t *testing.T, srv *server, tok, id string) svcRecord {
	t.Helper()
	var r struct{ Service svcRecord }
	queryAs(t, srv, tok, `query($id: ID!) { service(id: $id) { `+svcFields+` } }`, map[string]any{"id": id}, &r)
	return r.Service
}

// input is the service as a whole-record ServiceInput.
func (s svcRecord) input() map[string]any {
	ids := func(xs []struct{ ID string }) []string {
		out := []string{}
		for _, x := range xs {
			out = append(out, x.ID)
		}
		return out
	}
	return map[string]any{"name": s.Name, "nameLocal": s.NameLocal, "description": s.Description, "status": s.Status,
		"deliveryMode": s.DeliveryMode, "eligibility": s.Eligibility, "minAge": s.MinAge, "maxAge": s.MaxAge,
		"capacity": s.Capacity, "available": s.Available, "availableUpdatedAt": s.AvailableUpdatedAt, "email": s.Email,
		"url": s.URL, "providerId": s.Provider.ID, "categoryId": s.Category.ID, "targetGroupIds": ids(s.TargetGroups),
		"coverageIds": ids(s.Coverage), "illustrative": s.Illustrative, "illustrativeFields": s.IllustrativeFields, "source": s.Source}
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func intp(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// TestBrowserEditService: an EDITOR, in both languages, edits a service's
// capacity and free places and sees them on its page; an empty name and a
// negative capacity come back as the API's problems next to their fields
// (aria-describedby, focus on the first); a change saved through the API
// behind the form's back is a CONFLICT that shows both values, and reloading
// keeps what was typed, which can be put back and saved; leaving the changed
// form asks first.
func TestBrowserEditService(t *testing.T) {
	srv := startServer(t, true)
	editor := token("EDITOR", "")
	const id = "svc-csii-info-point"
	for i, lang := range []string{"en", "bg"} {
		t.Run(lang, func(t *testing.T) {
			msg := catalogue(t, lang)
			b := newBrowser(t, srv, lang)
			b.signInWith(editor)
			before := getService(t, srv, editor, id)

			// The record page offers Edit to an editor.
			b.open("/service/" + id)
			b.ready("record")
			if got := b.text(`.edit-actions [data-edit="edit"]`); got != msg["edit.action.edit"] {
				t.Errorf("edit button %q, want %q", got, msg["edit.action.edit"])
			}
			var href string
			b.eval(`document.querySelector('.edit-actions [data-edit="edit"]').getAttribute('href')`, &href)
			if href != "/edit/service/"+id {
				t.Errorf("edit button leads to %q", href)
			}
			b.click(`.edit-actions [data-edit="edit"]`)
			b.waitFor(`form #f-capacity`)

			// The form, opened afresh for its first paint.
			b.open("/edit/service/" + id)
			readyMs, fcpMs := b.ready("edit")
			t.Logf("edit form (%s): first contentful paint %.0f ms, ready %.0f ms", lang, fcpMs, readyMs)
			if got := b.value("#f-name"); got != before.Name {
				t.Errorf("name field %q, want %q", got, before.Name)
			}
			if got := b.value("#f-capacity"); got != strconv.Itoa(intp(before.Capacity)) {
				t.Errorf("capacity field %q, want %d", got, intp(before.Capacity))
			}
			if n := b.count(`.picks[data-field="coverageIds"] .picked li`); n != len(before.Coverage) {
				t.Errorf("%d covered territories in the form, the API has %d", n, len(before.Coverage))
			}
			if n := b.count(`.checks[data-field="targetGroupIds"] input:checked`); n != len(before.TargetGroups) {
				t.Errorf("%d target groups ticked, the API has %d", n, len(before.TargetGroups))
			}
			b.axe("service form")
			b.screenshot("edit-service-" + lang)

			// Bad input: the API's problems beside the fields.
			b.fill("#f-name", "")
			b.fill("#f-capacity", "-5")
			b.click("[data-save]")
			b.waitFor("#f-capacity-problem")
			if got := b.text("#f-capacity-problem"); !strings.Contains(got, "must not be negative") {
				t.Errorf("capacity problem %q, want the API's", got)
			}
			if got := b.text("#f-name-problem"); !strings.Contains(got, "is required") {
				t.Errorf("name problem %q, want the API's", got)
			}
			var a11y struct {
				Described, Invalid, Focused string
			}
			b.eval(`({described: document.querySelector('#f-capacity').getAttribute('aria-describedby'),
				invalid: document.querySelector('#f-capacity').getAttribute('aria-invalid'), focused: document.activeElement.id})`, &a11y)
			if !strings.Contains(a11y.Described, "f-capacity-problem") || a11y.Invalid != "true" {
				t.Errorf("capacity field: aria-describedby %q, aria-invalid %q", a11y.Described, a11y.Invalid)
			}
			if a11y.Focused != "f-name" {
				t.Errorf("focus on %q, want the first problem's field f-name", a11y.Focused)
			}
			if got := b.text("#f-available-problem"); !strings.Contains(got, "must not exceed capacity") {
				t.Errorf("free places problem %q, want the API's", got)
			}
			if n := b.count("[data-problems] li"); n != 3 {
				t.Errorf("%d problems in the summary, want 3 (name, capacity, free places)", n)
			}
			b.axe("service form with problems")
			b.screenshot("edit-service-problems-" + lang)
			// A word the form checks itself, before asking.
			b.fill("#f-capacity", "many")
			b.click("[data-save]")
			if got := b.text("#f-capacity-problem"); got != msg["edit.problem.int"] {
				t.Errorf("capacity problem %q, want %q", got, msg["edit.problem.int"])
			}

			// Valid values: saved, and shown on the record page.
			capacity, available := 40+i, 21+i
			b.fill("#f-name", before.Name)
			b.fill("#f-capacity", strconv.Itoa(capacity))
			b.fill("#f-available", strconv.Itoa(available))
			b.click("[data-save]")
			b.ready("record")
			b.waitFor(".record h1")
			after := getService(t, srv, editor, id)
			if intp(after.Capacity) != capacity || intp(after.Available) != available || after.Version != before.Version+1 || after.AvailableUpdatedAt == nil {
				t.Errorf("after saving, the API has capacity %d, available %d, version %d (was %d), availableUpdatedAt %v",
					intp(after.Capacity), intp(after.Available), after.Version, before.Version, after.AvailableUpdatedAt)
			}
			if after.Name != before.Name || len(after.Coverage) != len(before.Coverage) || len(after.TargetGroups) != len(before.TargetGroups) ||
				str(after.Description) != str(before.Description) || str(after.Eligibility) != str(before.Eligibility) || after.Illustrative != before.Illustrative {
				t.Errorf("saving changed what was not edited: %+v", after)
			}
			if got := b.fact(msg["record.capacity"]); got != strconv.Itoa(capacity) {
				t.Errorf("record page capacity %q, want %d", got, capacity)
			}
			if got := b.fact(msg["record.available"]); !strings.HasPrefix(got, strconv.Itoa(available)+" ") {
				t.Errorf("record page free places %q, want %d (as of today)", got, available)
			}

			// A conflict: the record changes behind the form's back.
			b.open("/edit/service/" + id)
			b.ready("edit")
			typed := "Typed in the browser (" + lang + ")"
			b.fill("#f-description", typed)
			b.fill("#f-capacity", "44")
			stored := getService(t, srv, editor, id)
			behind := "Changed behind the form's back"
			in := stored.input()
			in["description"], in["capacity"] = behind, 42
			var upd struct{ UpdateService struct{ Version int } }
			queryAs(t, srv, editor, `mutation($id: ID!, $input: ServiceInput!, $v: Int!) { updateService(id: $id, input: $input, expectedVersion: $v) { version } }`,
				map[string]any{"id": id, "input": in, "v": stored.Version}, &upd)
			b.click("[data-save]")
			b.waitFor("[data-conflict]")
			if got := b.text("[data-conflict] h2"); got != msg["edit.conflict.title"] {
				t.Errorf("conflict title %q", got)
			}
			if got := b.text("[data-conflict] p"); !strings.Contains(got, strconv.Itoa(upd.UpdateService.Version)) {
				t.Errorf("conflict text %q does not give the stored version %d", got, upd.UpdateService.Version)
			}
			for field, want := range map[string][2]string{"description": {typed, behind}, "capacity": {"44", "42"}} {
				mine := b.text(fmt.Sprintf(`[data-conflict] tr[data-field=%q] td[data-mine]`, field))
				theirs := b.text(fmt.Sprintf(`[data-conflict] tr[data-field=%q] td[data-stored]`, field))
				if mine != want[0] || theirs != want[1] {
					t.Errorf("conflict row %s: typed %q, stored %q; want %q, %q", field, mine, theirs, want[0], want[1])
				}
			}
			var focused string
			b.eval(`document.activeElement.getAttribute('data-conflict') !== null ? 'conflict' : document.activeElement.id`, &focused)
			if focused != "conflict" {
				t.Errorf("focus on %q, want the conflict message", focused)
			}
			b.axe("conflict")
			b.screenshot("edit-service-conflict-" + lang)

			// Reloading shows the stored record and keeps what was typed beside it.
			b.click("[data-reload]")
			b.waitFor("[data-kept]")
			if got := b.value("#f-description"); got != behind {
				t.Errorf("after reloading, description %q, want the stored %q", got, behind)
			}
			if got := b.text("#f-description-kept"); !strings.Contains(got, typed) {
				t.Errorf("after reloading, the typed text is not kept beside the field: %q", got)
			}
			// Leaving now asks first.
			b.click(`nav.screens a[data-screen="search"]`)
			b.waitFor("dialog[data-leave]")
			b.click("dialog[data-leave] [data-stay]")
			b.run(chromedp.WaitNotPresent(chromedp.CSS("dialog[data-leave][open]")))
			var path string
			b.eval(`location.pathname`, &path)
			if path != "/edit/service/"+id || b.count("dialog[data-leave][open]") != 0 {
				t.Errorf("after Stay: at %q, dialog open %d", path, b.count("dialog[data-leave][open]"))
			}
			var draft string
			b.eval(fmt.Sprintf(`sessionStorage.getItem('coopgraph.draft.service.%s') || ''`, id), &draft)
			if !strings.Contains(draft, typed) {
				t.Errorf("the typed text is not kept as a draft: %q", draft)
			}
			b.screenshot("edit-service-reloaded-" + lang)
			b.click("#f-description-kept button")
			if got := b.value("#f-description"); got != typed {
				t.Errorf("after Use mine, description %q, want %q", got, typed)
			}
			b.click("[data-save]")
			b.ready("record")
			b.waitFor(".record h1")
			final := getService(t, srv, editor, id)
			if final.Description == nil || *final.Description != typed || intp(final.Capacity) != 42 || final.Version != upd.UpdateService.Version+1 {
				t.Errorf("after saving over the conflict: description %v, capacity %d, version %d", final.Description, intp(final.Capacity), final.Version)
			}
			if got := b.fact(msg["record.description"]); got != typed {
				t.Errorf("record page description %q, want %q", got, typed)
			}
			b.eval(fmt.Sprintf(`sessionStorage.getItem('coopgraph.draft.service.%s') || ''`, id), &draft)
			if draft != "" {
				t.Errorf("the draft outlived the save: %q", draft)
			}
			b.clean()
		})
	}
}

// TestBrowserEditCoordinator: the CSII's coordinator edits its own service's
// free places and its own referral link, sees the provider fixed to its
// organisation, gets no edit button on the Social Assistance Agency's service
// (whose form says it may not), and no stakeholder edit.
func TestBrowserEditCoordinator(t *testing.T) {
	srv := startServer(t, true)
	coord := token("COORDINATOR", "st-csii")
	admin := token("ADMIN", "")
	for i, lang := range []string{"en", "bg"} {
		t.Run(lang, func(t *testing.T) {
			msg := catalogue(t, lang)
			b := newBrowser(t, srv, lang)
			b.signInWith(coord)

			b.open("/service/svc-csii-referral")
			b.ready("record")
			b.click(`.edit-actions [data-edit="edit"]`)
			b.waitFor("#f-available")
			if b.count("#f-providerId[data-fixed][readonly]") != 1 {
				t.Error("the provider is not fixed for a coordinator")
			}
			b.open("/edit/service/svc-csii-referral")
			readyMs, fcpMs := b.ready("edit")
			t.Logf("edit form as coordinator (%s): first contentful paint %.0f ms, ready %.0f ms", lang, fcpMs, readyMs)
			available := 5 + i
			b.fill("#f-available", strconv.Itoa(available))
			b.axe("coordinator's service form")
			b.screenshot("edit-coordinator-" + lang)
			b.click("[data-save]")
			b.ready("record")
			b.waitFor(".record h1")
			if got := b.fact(msg["record.available"]); !strings.HasPrefix(got, strconv.Itoa(available)+" ") {
				t.Errorf("record page free places %q, want %d", got, available)
			}
			if s := getService(t, srv, admin, "svc-csii-referral"); intp(s.Available) != available {
				t.Errorf("the API has %d free places, want %d", intp(s.Available), available)
			}

			// Another stakeholder's service: no edit button, and its form refuses.
			b.open("/service/svc-asa-referral-district")
			b.ready("record")
			if n := b.count(".edit-actions"); n != 0 {
				t.Errorf("%d edit controls on another stakeholder's service", n)
			}
			b.open("/edit/service/svc-asa-referral-district")
			if got := b.text(".signin [data-why=FORBIDDEN]"); got != msg["auth.why.FORBIDDEN"] {
				t.Errorf("another's service form: %q", got)
			}
			// Its own organisation: a new service and its links, not the stakeholder's own fields.
			b.open("/stakeholder/st-csii")
			b.ready("record")
			if b.count(`.edit-actions [data-edit="new-service"]`) != 1 || b.count(`.edit-actions [data-edit="links"]`) != 1 || b.count(`.edit-actions [data-edit="edit"]`) != 0 {
				t.Errorf("the CSII's page offers %d new-service, %d links, %d edit", b.count(`.edit-actions [data-edit="new-service"]`),
					b.count(`.edit-actions [data-edit="links"]`), b.count(`.edit-actions [data-edit="edit"]`))
			}
			b.open("/stakeholder/st-asa-pazardzhik")
			b.ready("record")
			if n := b.count(".edit-actions"); n != 0 {
				t.Errorf("%d edit controls on another stakeholder's page", n)
			}

			// Its referral link to the mental-health centre: PROPOSED, then ACTIVE (and back in bg).
			b.open("/referral-links/st-csii")
			b.ready("links")
			var links struct {
				Stakeholder struct{ ReferralsOut []struct{ ID string } }
			}
			queryAs(t, srv, coord, `{ stakeholder(id: "st-csii") { referralsOut { id } } }`, nil, &links)
			if n := b.count("table.list:first-of-type tbody tr"); n != len(links.Stakeholder.ReferralsOut) {
				t.Errorf("%d outgoing links listed, the API has %d", n, len(links.Stakeholder.ReferralsOut))
			}
			b.axe("referral links")
			b.click(`tr[data-link="ref-csii-mental-health"] a[href^="/edit/"]`)
			b.waitFor("#f-status")
			if b.count("#f-fromId[data-fixed]") != 1 {
				t.Error("the link's from is not fixed for a coordinator")
			}
			status := map[string]string{"en": "ACTIVE", "bg": "PROPOSED"}[lang]
			b.run(chromedp.SetValue(chromedp.CSS("#f-status"), status))
			b.eval(`document.querySelector('#f-status').dispatchEvent(new Event('change', {bubbles: true})), true`, nil)
			b.click("[data-save]")
			b.ready("links")
			b.waitFor(`tr[data-link="ref-csii-mental-health"]`)
			var st struct {
				Stakeholder struct{ ReferralsOut []struct{ ID, Status string } }
			}
			queryAs(t, srv, admin, `{ stakeholder(id: "st-csii") { referralsOut { id status } } }`, nil, &st)
			for _, l := range st.Stakeholder.ReferralsOut {
				if l.ID == "ref-csii-mental-health" && l.Status != status {
					t.Errorf("the link is %s, want %s", l.Status, status)
				}
			}
			if got := b.text(`tr[data-link="ref-csii-mental-health"] td:nth-child(3)`); got != msg["enum.ReferralLinkStatus."+status] {
				t.Errorf("the list shows %q, want %q", got, msg["enum.ReferralLinkStatus."+status])
			}
			b.clean()
		})
	}
}

// TestBrowserEditViewer: a VIEWER sees no edit control on record pages, and a
// form's address leads to the sign-in page saying which role it needs.
func TestBrowserEditViewer(t *testing.T) {
	srv := startServer(t, true)
	for _, lang := range []string{"en", "bg"} {
		t.Run(lang, func(t *testing.T) {
			msg := catalogue(t, lang)
			b := newBrowser(t, srv, lang)
			b.signInWith(token("VIEWER", ""))
			for _, p := range []string{"/service/svc-csii-info-point", "/stakeholder/st-csii", "/territory/tr-lesichovo"} {
				b.open(p)
				b.ready("record")
				if n := b.count(".edit-actions, a[href^='/edit/'], a[href^='/new/']"); n != 0 {
					t.Errorf("%s: %d edit controls for a viewer", p, n)
				}
			}
			for _, p := range []string{"/edit/service/svc-csii-info-point", "/new/stakeholder", "/referral-links/st-csii", "/needs/tr-lesichovo"} {
				b.open(p)
				got := b.text(".signin [data-why=SCREEN]")
				if !strings.Contains(got, msg["enum.Role.COORDINATOR"]) && !strings.Contains(got, msg["enum.Role.EDITOR"]) || !strings.Contains(got, msg["enum.Role.VIEWER"]) {
					t.Errorf("%s as a viewer: %q", p, got)
				}
				if b.count("form #f-name, form #f-capacity") != 0 {
					t.Errorf("%s: a form is shown to a viewer", p)
				}
			}
			b.axe("viewer on a form's address")
			b.screenshot("edit-viewer-" + lang)
			b.clean()
		})
	}
}
