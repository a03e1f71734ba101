package domain

import "strings"

// Filters of the read API's lists. An empty field means "no condition"; all
// given conditions must hold. A territory or category condition includes
// the sub-territories or sub-categories.

type TerritoryFilter struct {
	Text   string
	IDs    []string
	Levels []TerritoryLevel
	Within string
}

type StakeholderFilter struct {
	Text        string
	IDs         []string
	Kinds       []StakeholderKind
	Sectors     []Sector
	TerritoryID string
	AreaIDs     []string
	CategoryID  string
}

type ServiceCategoryFilter struct {
	Text     string
	IDs      []string
	Domains  []ServiceDomain
	ParentID string
	TopLevel *bool
}

type TargetGroupFilter struct {
	Text string
	IDs  []string
}

type ServiceFilter struct {
	Text           string
	IDs            []string
	Statuses       []ServiceStatus
	DeliveryModes  []DeliveryMode
	CategoryID     string
	TargetGroupIDs []string
	TerritoryID    string
	ProviderID     string
}

type NeedFilter struct {
	IDs            []string
	TerritoryID    string
	CategoryID     string
	TargetGroupIDs []string
	Priorities     []Priority
	Year           int
}

type CooperationAreaFilter struct {
	Text          string
	IDs           []string
	CategoryID    string
	StakeholderID string
}

type PartnershipFilter struct {
	Text          string
	IDs           []string
	Kinds         []PartnershipKind
	Statuses      []PartnershipStatus
	TerritoryID   string
	AreaIDs       []string
	StakeholderID string
	ProjectID     string
	ActiveOn      *Date
}

type PracticeFilter struct {
	Text          string
	IDs           []string
	TerritoryID   string
	ProjectID     string
	StakeholderID string
}

type ProjectFilter struct {
	Text          string
	IDs           []string
	StakeholderID string
}

type EventFilter struct {
	Text          string
	IDs           []string
	Kinds         []EventKind
	TerritoryID   string
	ProjectID     string
	StakeholderID string
	From          *Date
	To            *Date
}

// SortDirection is ASC or DESC.
type SortDirection string

const (
	Asc  SortDirection = "ASC"
	Desc SortDirection = "DESC"
)

// Order is a sort order: Field is one of the list's order fields (NAME,
// CREATED_AT...), empty for the list's default.
type Order struct {
	Field     string
	Direction SortDirection
}

// PageArgs is a page request: skip Offset items, return at most Limit.
type PageArgs struct {
	Offset, Limit int
}

// Page is one page of a list. Total is nil unless it was asked for.
type Page[T any] struct {
	Items   []*T
	Offset  int
	HasNext bool
	Total   *int
}

// MaxSearchChars is the longest full-text search a request may send, in
// characters: search's text and every list's filter.text. It keeps the
// Lucene query that a text becomes (two clauses a word) far below Lucene's
// limits on clauses and automaton size.
const MaxSearchChars = 200

// CheckSearchText refuses a full-text search that is blank or longer than
// MaxSearchChars, naming field (the argument it came in).
func CheckSearchText(field, text string) error {
	if t := []rune(text); len(t) > MaxSearchChars || len(strings.TrimSpace(text)) == 0 {
		return Invalid(field, "must have 1 to %d characters, got %d", MaxSearchChars, len(t))
	}
	return nil
}
