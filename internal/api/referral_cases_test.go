package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

const (
	createReferral = `mutation($in: ReferralInput!) { createReferral(input: $in) {
	  id caseCode status from { id } to { id } service { id available } category { id } territory { id }
	  history { status by } } }`
	moveReferral = `mutation($id: ID!, $in: ReferralStatusInput!) { updateReferralStatus(id: $id, input: $in) {
	  id status declineReason outcome service { id available } history { status by } } }`
)

type referralJSON struct {
	ID, CaseCode, Status   string
	DeclineReason, Outcome *string
	From, To, Category     struct{ ID string }
	Territory              struct{ ID string }
	Service                struct {
		ID        string
		Available *int
	}
	History []struct{ Status, By string }
}

func (r referralJSON) statuses() []string {
	var out []string
	for _, h := range r.History {
		out = append(out, h.Status+" by "+h.By)
	}
	return out
}

// TestClosedLoopReferrals walks referrals through their loop on the
// referral test graph: the Lesovo coordination centre (st-co) sends, the
// Pesht crisis centre (st-cc, one place left in svc-cc-acc) receives.
func TestClosedLoopReferrals(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/referral/graph.json")
	co := tokenHandler(st, auth.Coordinator, "st-co")
	cc := tokenHandler(st, auth.Coordinator, "st-cc")
	analyst := tokenHandler(st, auth.Analyst, "")
	send := func(code, service string) referralJSON {
		t.Helper()
		var got struct{ CreateReferral referralJSON }
		ok(t, co, st, createReferral, map[string]any{"in": map[string]any{"caseCode": code, "fromStakeholderId": "st-co",
			"serviceId": service, "categoryId": "k-crisis", "targetGroupId": "g-violence", "territoryId": "m-lesovo"}}, &got)
		return got.CreateReferral
	}
	move := func(h http.Handler, id string, in map[string]any) referralJSON {
		t.Helper()
		var got struct{ UpdateReferralStatus referralJSON }
		ok(t, h, st, moveReferral, map[string]any{"id": id, "in": in}, &got)
		return got.UpdateReferralStatus
	}
	refuse := func(h http.Handler, id string, in map[string]any, code, field string) {
		t.Helper()
		failsWith(t, h, st, moveReferral, map[string]any{"id": id, "in": in}, code, field)
	}

	first := send("LES-2026-001", "svc-cc-acc")
	if first.Status != "SENT" || first.From.ID != "st-co" || first.To.ID != "st-cc" || first.Territory.ID != "m-lesovo" ||
		*first.Service.Available != 1 || !slices.Equal(first.statuses(), []string{"SENT by test-coordinator"}) {
		t.Fatalf("sent: %+v", first)
	}
	// Only the receiving side accepts; only the sending side cancels.
	refuse(co, first.ID, map[string]any{"status": "ACCEPTED"}, domain.CodeForbidden, "")
	refuse(cc, first.ID, map[string]any{"status": "CANCELLED"}, domain.CodeForbidden, "")
	// A status that skips a step, and reasons in the wrong place.
	refuse(cc, first.ID, map[string]any{"status": "COMPLETED", "outcome": "SERVED"}, domain.CodeConflict, "input.status")
	refuse(cc, first.ID, map[string]any{"status": "DECLINED"}, domain.CodeBadUserInput, "input.declineReason")
	refuse(cc, first.ID, map[string]any{"status": "ACCEPTED", "outcome": "SERVED"}, domain.CodeBadUserInput, "input.outcome")

	accepted := move(cc, first.ID, map[string]any{"status": "ACCEPTED"})
	if accepted.Status != "ACCEPTED" || *accepted.Service.Available != 0 {
		t.Fatalf("accepted: %+v", accepted)
	}
	// The last place is taken: a second referral cannot be accepted, and
	// the refusal changes nothing.
	second := send("LES-2026-002", "svc-cc-acc")
	refuse(cc, second.ID, map[string]any{"status": "ACCEPTED"}, domain.CodeConflict, "input.status")
	declined := move(cc, second.ID, map[string]any{"status": "DECLINED", "declineReason": "NO_CAPACITY"})
	if declined.Status != "DECLINED" || *declined.DeclineReason != "NO_CAPACITY" || *declined.Service.Available != 0 ||
		!slices.Equal(declined.statuses(), []string{"SENT by test-coordinator", "DECLINED by test-coordinator"}) {
		t.Fatalf("declined: %+v", declined)
	}
	refuse(cc, second.ID, map[string]any{"status": "ACCEPTED"}, domain.CodeConflict, "input.status") // final

	refuse(cc, first.ID, map[string]any{"status": "COMPLETED"}, domain.CodeBadUserInput, "input.outcome")
	completed := move(cc, first.ID, map[string]any{"status": "COMPLETED", "outcome": "SERVED"})
	if completed.Status != "COMPLETED" || *completed.Outcome != "SERVED" || *completed.Service.Available != 1 || len(completed.History) != 3 {
		t.Fatalf("completed (the place comes back): %+v", completed)
	}
	third := send("LES-2026-003", "svc-tc-acc")
	if cancelled := move(co, third.ID, map[string]any{"status": "CANCELLED"}); cancelled.Status != "CANCELLED" {
		t.Fatalf("cancelled: %+v", cancelled)
	}

	// What each side sees.
	list := func(h http.Handler, filter map[string]any) []string {
		var got struct{ Referrals []struct{ CaseCode string } }
		ok(t, h, st, `query($f: ReferralFilter) { referrals(filter: $f) { caseCode } }`, map[string]any{"f": filter}, &got)
		var out []string
		for _, r := range got.Referrals {
			out = append(out, r.CaseCode)
		}
		slices.Sort(out)
		return out
	}
	if got := list(co, map[string]any{"stakeholderId": "st-co", "direction": "OUT"}); !slices.Equal(got, []string{"LES-2026-001", "LES-2026-002", "LES-2026-003"}) {
		t.Errorf("the sender's list: %v", got)
	}
	if got := list(cc, nil); !slices.Equal(got, []string{"LES-2026-001", "LES-2026-002"}) {
		t.Errorf("the Pesht centre sees only its own: %v", got)
	}
	if got := list(analyst, map[string]any{"statuses": []string{"DECLINED", "CANCELLED"}}); !slices.Equal(got, []string{"LES-2026-002", "LES-2026-003"}) {
		t.Errorf("by status: %v", got)
	}
	if got := list(analyst, map[string]any{"stakeholderId": "st-co", "direction": "IN"}); len(got) != 0 {
		t.Errorf("st-co received none: %v", got)
	}

	// The flows out of Lesovo: three referrals to Pesht, across the border.
	var flows struct {
		ReferralFlows struct {
			Total int
			Flows []struct {
				SourceTerritory, TargetTerritory, Category struct{ ID string }
				Count                                      int
				CrossesMunicipalityBorder                  bool
			}
			ByStatus, ByDeclineReason, ByOutcome []struct {
				Key   string
				Count int
			}
			MedianHoursToAccept, MedianHoursToComplete *float64
		}
	}
	ok(t, analyst, st, `{ referralFlows(scopeId: "d-west") { total flows { sourceTerritory { id } targetTerritory { id } category { id } count crossesMunicipalityBorder }
	  byStatus { key count } byDeclineReason { key count } byOutcome { key count } medianHoursToAccept medianHoursToComplete } }`, nil, &flows)
	f := flows.ReferralFlows
	if f.Total != 3 || len(f.Flows) != 1 || f.Flows[0].SourceTerritory.ID != "m-lesovo" || f.Flows[0].TargetTerritory.ID != "m-pesht" ||
		f.Flows[0].Category.ID != "k-crisis" || f.Flows[0].Count != 3 || !f.Flows[0].CrossesMunicipalityBorder {
		t.Errorf("flows: %+v", f)
	}
	if len(f.ByStatus) != 3 || len(f.ByDeclineReason) != 1 || f.ByDeclineReason[0].Key != "NO_CAPACITY" || len(f.ByOutcome) != 1 || f.ByOutcome[0].Key != "SERVED" {
		t.Errorf("counts: %+v %+v %+v", f.ByStatus, f.ByDeclineReason, f.ByOutcome)
	}
	if f.MedianHoursToAccept == nil || *f.MedianHoursToAccept < 0 || *f.MedianHoursToAccept > 1 || f.MedianHoursToComplete == nil {
		t.Errorf("medians: %v %v", f.MedianHoursToAccept, f.MedianHoursToComplete)
	}
	var none struct{ ReferralFlows struct{ Total int } }
	ok(t, analyst, st, `{ referralFlows(scopeId: "d-east") { total } }`, nil, &none)
	if none.ReferralFlows.Total != 0 {
		t.Errorf("East: %d referrals", none.ReferralFlows.Total)
	}
}

func TestReferralBadInput(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/referral/graph.json")
	h := newHandler(st)
	in := func(k string, v any) map[string]any {
		m := map[string]any{"caseCode": "LES-1", "fromStakeholderId": "st-co", "serviceId": "svc-cc-acc", "categoryId": "k-crisis", "territoryId": "m-lesovo"}
		m[k] = v
		return map[string]any{"in": m}
	}
	for _, tc := range []struct {
		name  string
		vars  map[string]any
		field string
	}{
		{"ErrCaseCodeWithSpaces", in("caseCode", "Ivan Petrov"), "input.caseCode"},
		{"ErrUnknownFrom", in("fromStakeholderId", "st-nope"), "input.fromStakeholderId"},
		{"ErrUnknownService", in("serviceId", "svc-nope"), "input.serviceId"},
		{"ErrSuspendedService", in("serviceId", "svc-ls-acc"), "input.serviceId"},
		{"ErrServiceNotInCategory", in("serviceId", "svc-co-info"), "input.categoryId"},
		{"ErrUnknownTerritory", in("territoryId", "m-nope"), "input.territoryId"},
		{"ErrUnknownTargetGroup", in("targetGroupId", "g-nope"), "input.targetGroupId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, createReferral, tc.vars, domain.CodeBadUserInput, tc.field)
		})
	}
	failsWith(t, h, st, moveReferral, map[string]any{"id": "rfl-nope", "in": map[string]any{"status": "ACCEPTED"}}, domain.CodeNotFound, "id")
	// A coordinator sends only from its own stakeholder.
	failsWith(t, tokenHandler(st, auth.Coordinator, "st-cc"), st, createReferral, in("caseCode", "X-1"), domain.CodeForbidden, "")
	var got struct{ Referrals []any }
	ok(t, h, st, `{ referrals { id } }`, nil, &got)
	if len(got.Referrals) != 0 {
		t.Errorf("refused referrals were written: %d", len(got.Referrals))
	}
}

// TestLastPlaceTakenOnce: two coordinators' worth of concurrent accepts on
// a service with one place left: exactly one takes it, the others get
// CONFLICT, and the service ends with no place and no negative count.
func TestLastPlaceTakenOnce(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/referral/graph.json")
	co := tokenHandler(st, auth.Coordinator, "st-co")
	cc := tokenHandler(st, auth.Coordinator, "st-cc")
	var ids []string
	for i := range 4 {
		var got struct{ CreateReferral struct{ ID string } }
		ok(t, co, st, createReferral, map[string]any{"in": map[string]any{"caseCode": fmt.Sprintf("RACE-%d", i), "fromStakeholderId": "st-co",
			"serviceId": "svc-cc-acc", "categoryId": "k-crisis", "territoryId": "m-lesovo"}}, &got)
		ids = append(ids, got.CreateReferral.ID)
	}
	codes := make([]string, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := post(t, cc, st, moveReferral, map[string]any{"id": id, "in": map[string]any{"status": "ACCEPTED"}})
			if len(r.Errors) > 0 {
				codes[i] = r.Errors[0].code()
			} else {
				codes[i] = "OK"
			}
		}()
	}
	wg.Wait()
	slices.Sort(codes)
	if !slices.Equal(codes, []string{domain.CodeConflict, domain.CodeConflict, domain.CodeConflict, "OK"}) {
		t.Errorf("outcomes %v, want one OK and three CONFLICT", codes)
	}
	var svc struct{ Service struct{ Available int } }
	ok(t, newHandler(st), st, `{ service(id: "svc-cc-acc") { available } }`, nil, &svc)
	if svc.Service.Available != 0 {
		t.Errorf("available %d after the race, want 0", svc.Service.Available)
	}
}

// TestUnseenIsUnknown: whatever a coordinator addresses by id — a referral
// link or a referral — one it may not see answers exactly as an id that
// does not exist (same code, field, message once the id is masked, data
// and HTTP status), so that no answer tells it the record exists. Ones it
// may see but not change stay FORBIDDEN (TestCoordinatorWrites,
// TestClosedLoopReferrals).
func TestUnseenIsUnknown(t *testing.T) {
	st := testdb.OpenDemo(t)
	hs := roleHandlers(st) // the coordinator acts for st-csii
	// A referral between two others: the agency in Pazardzhik sends one
	// to the Peshtera crisis centre.
	var made struct{ CreateReferral struct{ ID string } }
	ok(t, hs[auth.Admin], st, createReferral, map[string]any{"in": map[string]any{"caseCode": "PZ-1", "fromStakeholderId": "st-asa-pazardzhik",
		"serviceId": "svc-peshtera-crisis-accommodation", "categoryId": "cat-crisis-accommodation", "territoryId": "tr-peshtera"}}, &made)
	others := made.CreateReferral.ID
	const unknown = "no-such-id"

	// answer writes a response with the id masked.
	answer := func(r response, id string) string {
		var errs []string
		for _, e := range r.Errors {
			errs = append(errs, fmt.Sprintf("%s field=%v %q", e.code(), e.Extensions["field"], strings.ReplaceAll(e.Message, id, "<id>")))
		}
		return fmt.Sprintf("%d data=%s errors=%v", r.status, strings.ReplaceAll(string(r.Data), id, "<id>"), errs)
	}
	for _, tc := range []struct {
		name, query string
		vars        func(id string) map[string]any
		hidden      string // an id the coordinator may not see
		want        string // the answer to both, hand-written
	}{
		{
			name:   "removeReferralLink",
			query:  `mutation($id: ID!) { removeReferralLink(id: $id) { deleted { id } } }`,
			vars:   func(id string) map[string]any { return map[string]any{"id": id} },
			hidden: "ref-asa-homecare",
			want:   `200 data=null errors=[NOT_FOUND field=id "id: no referral link with id \"<id>\""]`,
		},
		{
			name:  "updateReferralLink",
			query: `mutation($id: ID!, $in: ReferralLinkInput!) { updateReferralLink(id: $id, input: $in) { id } }`,
			vars: func(id string) map[string]any {
				return map[string]any{"id": id, "in": map[string]any{"fromId": coordinatorOf, "toId": "st-homecare-pazardzhik", "status": "ACTIVE"}}
			},
			hidden: "ref-asa-homecare",
			want:   `200 data=null errors=[NOT_FOUND field=id "id: no referral link with id \"<id>\""]`,
		},
		{
			name:  "updateReferralStatus accept",
			query: moveReferral,
			vars: func(id string) map[string]any {
				return map[string]any{"id": id, "in": map[string]any{"status": "ACCEPTED"}}
			},
			hidden: others,
			want:   `200 data=null errors=[NOT_FOUND field=id "id: no referral with id \"<id>\""]`,
		},
		{
			name:  "updateReferralStatus cancel",
			query: moveReferral,
			vars: func(id string) map[string]any {
				return map[string]any{"id": id, "in": map[string]any{"status": "CANCELLED"}}
			},
			hidden: others,
			want:   `200 data=null errors=[NOT_FOUND field=id "id: no referral with id \"<id>\""]`,
		},
		{
			name:   "referral",
			query:  `query($id: ID!) { referral(id: $id) { id } }`,
			vars:   func(id string) map[string]any { return map[string]any{"id": id} },
			hidden: others,
			want:   `200 data={"referral":null} errors=[]`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, id := range []string{tc.hidden, unknown} {
				if got := answer(post(t, hs[auth.Coordinator], st, tc.query, tc.vars(id)), id); got != tc.want {
					t.Errorf("id %s: %s\nwant %s", id, got, tc.want)
				}
			}
		})
	}

	// Nothing was changed, and an analyst still sees both records.
	var got struct {
		Referral    struct{ Status string }
		Stakeholder struct{ ReferralsOut []struct{ ID string } }
	}
	ok(t, hs[auth.Analyst], st, `query($id: ID!) { referral(id: $id) { status } stakeholder(id: "st-asa-pazardzhik") { referralsOut { id } } }`,
		map[string]any{"id": others}, &got)
	if got.Referral.Status != "SENT" || len(got.Stakeholder.ReferralsOut) != 2 {
		t.Errorf("after the refusals: %+v", got)
	}

	// addReferralLink with a taken id cannot succeed, so it cannot answer
	// as for a free id; it is a CONFLICT that names no owner.
	failsWith(t, hs[auth.Coordinator], st, `mutation { addReferralLink(input: {id: "ref-asa-homecare", fromId: "st-csii", toId: "st-homecare-pazardzhik", status: ACTIVE}) { id } }`,
		nil, domain.CodeConflict, "input.id")
}
