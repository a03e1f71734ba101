package referral

import (
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// A closed-loop referral carries no personal data: a case code the
// coordinator chooses, the need's category and target group, the territory
// where the person lives, and the service it is sent to. Its status moves
//
//	SENT → ACCEPTED | DECLINED | CANCELLED
//	ACCEPTED → COMPLETED | CANCELLED
//
// and every transition is recorded with its time and who made it.

// Status is where a referral is in its loop.
type Status string

const (
	Sent      Status = "SENT"
	Accepted  Status = "ACCEPTED"
	Declined  Status = "DECLINED"
	Completed Status = "COMPLETED"
	Cancelled Status = "CANCELLED"
)

// Why a referral was declined.
var DeclineReasons = []string{"NO_CAPACITY", "OUT_OF_SERVICE_AREA", "NOT_ELIGIBLE", "MISSING_DOCUMENTS", "OTHER"}

// How a completed referral ended.
var Outcomes = []string{"SERVED", "PARTIALLY_SERVED", "NOT_SERVED"}

// next lists the statuses each status may move to.
var next = map[Status][]Status{
	Sent:     {Accepted, Declined, Cancelled},
	Accepted: {Completed, Cancelled},
}

// Referral is a closed-loop referral.
type Referral struct {
	ID            string
	CaseCode      string
	Status        Status
	FromID        string // the referring stakeholder
	ToID          string // the provider of the service
	ServiceID     string
	CategoryID    string
	TargetGroupID string // optional
	TerritoryID   string
	DeclineReason string
	Outcome       string
	History       []Transition
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Transition is one change of status.
type Transition struct {
	Status Status
	At     time.Time
	By     string
}

// Change is a requested change of status.
type Change struct {
	Status        Status
	DeclineReason string
	Outcome       string
}

var caseCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$`)

// CheckCaseCode checks a case code: 1 to 64 letters, digits and . _ / -,
// so that it is a code and not a person's name with spaces.
func CheckCaseCode(code string) *domain.Problem {
	if !caseCode.MatchString(code) {
		return &domain.Problem{Field: "input.caseCode", Message: "must be 1 to 64 letters, digits, '.', '_', '/' or '-', starting with a letter or digit (a code, never a person's name)"}
	}
	return nil
}

// Check checks a change of a referral in status from: CONFLICT for a
// transition the loop does not have, BAD_USER_INPUT for a missing or
// misplaced reason or outcome.
func (c Change) Check(from Status) error {
	var ps domain.Problems
	switch {
	case c.Status == Declined && !slices.Contains(DeclineReasons, c.DeclineReason):
		ps = append(ps, domain.Problem{Field: "input.declineReason", Message: fmt.Sprintf("is required to decline: one of %v", DeclineReasons)})
	case c.Status != Declined && c.DeclineReason != "":
		ps = append(ps, domain.Problem{Field: "input.declineReason", Message: "is only for DECLINED"})
	}
	switch {
	case c.Status == Completed && !slices.Contains(Outcomes, c.Outcome):
		ps = append(ps, domain.Problem{Field: "input.outcome", Message: fmt.Sprintf("is required to complete: one of %v", Outcomes)})
	case c.Status != Completed && c.Outcome != "":
		ps = append(ps, domain.Problem{Field: "input.outcome", Message: "is only for COMPLETED"})
	}
	if len(ps) > 0 {
		return ps
	}
	if !slices.Contains(next[from], c.Status) {
		return &domain.Error{Code: domain.CodeConflict, Field: "input.status",
			Message: fmt.Sprintf("a %s referral cannot become %s (allowed: %v)", from, c.Status, next[from])}
	}
	return nil
}

// HoldsPlace reports whether a referral in status s holds a place of its
// service: accepting takes one, completing or cancelling gives it back.
func HoldsPlace(s Status) bool { return s == Accepted }
