package referral

import (
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestChangeCheck: every status against every requested status, with and
// without the reason or outcome each needs. Only the loop's arrows pass:
// SENT → ACCEPTED | DECLINED | CANCELLED, ACCEPTED → COMPLETED | CANCELLED.
func TestChangeCheck(t *testing.T) {
	all := []Status{Sent, Accepted, Declined, Completed, Cancelled}
	allowed := map[[2]Status]bool{
		{Sent, Accepted}: true, {Sent, Declined}: true, {Sent, Cancelled}: true,
		{Accepted, Completed}: true, {Accepted, Cancelled}: true,
	}
	for _, from := range all {
		for _, to := range all {
			c := Change{Status: to}
			if to == Declined {
				c.DeclineReason = "NO_CAPACITY"
			}
			if to == Completed {
				c.Outcome = "SERVED"
			}
			err := c.Check(from)
			switch {
			case allowed[[2]Status{from, to}] && err != nil:
				t.Errorf("%s → %s refused: %v", from, to, err)
			case !allowed[[2]Status{from, to}] && domain.ErrorCode(err) != domain.CodeConflict:
				t.Errorf("%s → %s: %v, want CONFLICT", from, to, err)
			}
		}
	}
	bad := []struct {
		name  string
		from  Status
		c     Change
		field string
	}{
		{"ErrDeclineWithoutReason", Sent, Change{Status: Declined}, "input.declineReason"},
		{"ErrDeclineWithUnknownReason", Sent, Change{Status: Declined, DeclineReason: "BUSY"}, "input.declineReason"},
		{"ErrReasonWhenAccepting", Sent, Change{Status: Accepted, DeclineReason: "OTHER"}, "input.declineReason"},
		{"ErrCompleteWithoutOutcome", Accepted, Change{Status: Completed}, "input.outcome"},
		{"ErrOutcomeWhenCancelling", Accepted, Change{Status: Cancelled, Outcome: "SERVED"}, "input.outcome"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			ps, ok := tc.c.Check(tc.from).(domain.Problems)
			if !ok || len(ps) != 1 || ps[0].Field != tc.field {
				t.Fatalf("got %v, want one problem on %s", tc.c.Check(tc.from), tc.field)
			}
		})
	}
}

func TestCheckCaseCode(t *testing.T) {
	tests := []struct {
		code string
		ok   bool
	}{
		{"VR-2024/017", true},
		{"a", true},
		{"CASE_1.2", true},
		{"", false},
		{"Ivan Petrov", false}, // a name, with a space
		{"Иван", false},        // letters outside the code's alphabet
		{"-leading", false},
		{strings.Repeat("a", 64), true},
		{strings.Repeat("a", 65), false},
	}
	for _, tc := range tests {
		if p := CheckCaseCode(tc.code); (p == nil) != tc.ok {
			t.Errorf("CheckCaseCode(%q) = %v, want ok %v", tc.code, p, tc.ok)
		}
	}
}

func TestHoldsPlace(t *testing.T) {
	for s, want := range map[Status]bool{Sent: false, Accepted: true, Declined: false, Completed: false, Cancelled: false} {
		if HoldsPlace(s) != want {
			t.Errorf("HoldsPlace(%s) = %v", s, !want)
		}
	}
}
