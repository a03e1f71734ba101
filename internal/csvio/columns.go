package csvio

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// column is one CSV column of the record type T: how to read a cell into a
// record and how to write it back. The whole format of a file is its list of
// columns (a schema), so reading, writing and the documentation cannot drift
// apart column by column.
type column[T any] struct {
	name     string // header name, snake_case
	field    string // JSON name of the record field, as used in illustrative_fields
	format   string // the name doc.go gives the cell format
	required bool   // an empty cell rejects the row
	// set parses a cell that is not empty (already trimmed) into r. Empty
	// cells are never passed: they leave the zero value (nil for optional
	// numbers), which is what makes nil and 0 round-trip.
	set func(r *T, cell string, c *codec) error
	// get formats the field of r; it fails only for values that could not
	// be read back as they are.
	get func(r *T, c *codec) (string, error)
}

// codec is what reading and writing a cell need beyond the cell: the list
// separator of the file and the schema's names, for illustrative_fields.
type codec struct {
	listSep  string
	toField  map[string]string // normalised column or field name → JSON field name
	toColumn map[string]string // JSON field name → column name
}

// schema is the format of one kind of file.
type schema[T any] struct {
	kind    Kind
	noun    string // one record, in messages: "stakeholder"
	columns []column[T]
	byName  map[string]int // column name → index in columns
	// header lists the columns a file must have for it to be read at all;
	// other required columns are checked per row, so that a file without
	// them still says which rows are affected.
	header   []string
	toField  map[string]string
	toColumn map[string]string
}

func newSchema[T any](kind Kind, noun string, header []string, cols ...column[T]) *schema[T] {
	s := &schema[T]{kind: kind, noun: noun, columns: cols, header: header,
		byName: map[string]int{}, toField: map[string]string{}, toColumn: map[string]string{}}
	for i, c := range cols {
		s.byName[c.name] = i
		s.toField[c.name] = c.field
		s.toField[strings.ToLower(c.field)] = c.field
		s.toColumn[c.field] = c.name
	}
	return s
}

// names returns the column names in order.
func (s *schema[T]) names() []string {
	n := make([]string, len(s.columns))
	for i, c := range s.columns {
		n[i] = c.name
	}
	return n
}

func (s *schema[T]) codec(listSep string) *codec {
	return &codec{listSep: listSep, toField: s.toField, toColumn: s.toColumn}
}

var stakeholders = newSchema(Stakeholders, "stakeholder", []string{"id", "name"},
	metaID(func(r *domain.StakeholderRecord) *domain.Meta { return &r.Meta }),
	required(text("name", "name", func(r *domain.StakeholderRecord) *string { return &r.Name })),
	text("name_local", "nameLocal", func(r *domain.StakeholderRecord) *string { return &r.NameLocal }),
	text("acronym", "acronym", func(r *domain.StakeholderRecord) *string { return &r.Acronym }),
	enum("kind", "kind", "stakeholder kind", domain.StakeholderKinds, func(r *domain.StakeholderRecord) *domain.StakeholderKind { return &r.Kind }),
	enum("sector", "sector", "sector", domain.Sectors, func(r *domain.StakeholderRecord) *domain.Sector { return &r.Sector }),
	text("territory_id", "territoryId", func(r *domain.StakeholderRecord) *string { return &r.TerritoryID }),
	list("area_ids", "areaIds", func(r *domain.StakeholderRecord) *[]string { return &r.AreaIDs }),
	text("description", "description", func(r *domain.StakeholderRecord) *string { return &r.Description }),
	text("email", "email", func(r *domain.StakeholderRecord) *string { return &r.Email }),
	text("phone", "phone", func(r *domain.StakeholderRecord) *string { return &r.Phone }),
	text("website", "website", func(r *domain.StakeholderRecord) *string { return &r.Website }),
	metaIllustrative(func(r *domain.StakeholderRecord) *domain.Meta { return &r.Meta }),
	metaIllustrativeFields(func(r *domain.StakeholderRecord) *domain.Meta { return &r.Meta }),
	metaSource(func(r *domain.StakeholderRecord) *domain.Meta { return &r.Meta }),
)

var services = newSchema(Services, "service", []string{"id", "name"},
	metaID(func(r *domain.ServiceRecord) *domain.Meta { return &r.Meta }),
	required(text("name", "name", func(r *domain.ServiceRecord) *string { return &r.Name })),
	text("name_local", "nameLocal", func(r *domain.ServiceRecord) *string { return &r.NameLocal }),
	text("provider_id", "providerId", func(r *domain.ServiceRecord) *string { return &r.ProviderID }),
	// One category or several (separated as lists are): the column keeps
	// its name from when a service had one, so older files still read.
	list("category_id", "categoryIds", func(r *domain.ServiceRecord) *[]string { return &r.CategoryIDs }),
	list("target_group_ids", "targetGroupIds", func(r *domain.ServiceRecord) *[]string { return &r.TargetGroupIDs }),
	list("coverage_ids", "coverageIds", func(r *domain.ServiceRecord) *[]string { return &r.CoverageIDs }),
	enum("status", "status", "service status", domain.ServiceStatuses, func(r *domain.ServiceRecord) *domain.ServiceStatus { return &r.Status }),
	enum("delivery_mode", "deliveryMode", "delivery mode", domain.DeliveryModes, func(r *domain.ServiceRecord) *domain.DeliveryMode { return &r.DeliveryMode }),
	optNumber("capacity", "capacity", func(r *domain.ServiceRecord) **int64 { return &r.Capacity }),
	optNumber("available", "available", func(r *domain.ServiceRecord) **int64 { return &r.Available }),
	timestamp("available_updated_at", "availableUpdatedAt", func(r *domain.ServiceRecord) **time.Time { return &r.AvailableUpdatedAt }),
	optNumber("min_age", "minAge", func(r *domain.ServiceRecord) **int { return &r.MinAge }),
	optNumber("max_age", "maxAge", func(r *domain.ServiceRecord) **int { return &r.MaxAge }),
	text("eligibility", "eligibility", func(r *domain.ServiceRecord) *string { return &r.Eligibility }),
	text("description", "description", func(r *domain.ServiceRecord) *string { return &r.Description }),
	text("email", "email", func(r *domain.ServiceRecord) *string { return &r.Email }),
	text("url", "url", func(r *domain.ServiceRecord) *string { return &r.URL }),
	metaIllustrative(func(r *domain.ServiceRecord) *domain.Meta { return &r.Meta }),
	metaIllustrativeFields(func(r *domain.ServiceRecord) *domain.Meta { return &r.Meta }),
	metaSource(func(r *domain.ServiceRecord) *domain.Meta { return &r.Meta }),
)

// needs have no name: a need is identified by what, where and for whom, and
// those cells are required instead.
var needs = newSchema(Needs, "need", []string{"id"},
	metaID(func(r *domain.NeedRecord) *domain.Meta { return &r.Meta }),
	required(text("territory_id", "territoryId", func(r *domain.NeedRecord) *string { return &r.TerritoryID })),
	required(text("category_id", "categoryId", func(r *domain.NeedRecord) *string { return &r.CategoryID })),
	required(text("target_group_id", "targetGroupId", func(r *domain.NeedRecord) *string { return &r.TargetGroupID })),
	required(number("volume", "volume", func(r *domain.NeedRecord) *int64 { return &r.Volume })),
	enum("priority", "priority", "priority", domain.Priorities, func(r *domain.NeedRecord) *domain.Priority { return &r.Priority }),
	required(number("year", "year", func(r *domain.NeedRecord) *int { return &r.Year })),
	text("need_source", "needSource", func(r *domain.NeedRecord) *string { return &r.NeedSource }),
	text("description", "description", func(r *domain.NeedRecord) *string { return &r.Description }),
	metaIllustrative(func(r *domain.NeedRecord) *domain.Meta { return &r.Meta }),
	metaIllustrativeFields(func(r *domain.NeedRecord) *domain.Meta { return &r.Meta }),
	metaSource(func(r *domain.NeedRecord) *domain.Meta { return &r.Meta }),
)

// Column constructors. Each takes the column name, the JSON field name and
// a function returning a pointer to the field of a record.

func required[T any](c column[T]) column[T] {
	c.required = true
	return c
}

func metaID[T any](m func(*T) *domain.Meta) column[T] {
	return required(text("id", "id", func(r *T) *string { return &m(r).ID }))
}

func metaIllustrative[T any](m func(*T) *domain.Meta) column[T] {
	return flag("illustrative", "illustrative", func(r *T) *bool { return &m(r).Illustrative })
}

func metaSource[T any](m func(*T) *domain.Meta) column[T] {
	return text("source", "source", func(r *T) *string { return &m(r).Source })
}

// metaIllustrativeFields names fields by their column names in the file
// (territory_id), which is what a spreadsheet user sees, and by their JSON
// names in the record (territoryId), which is what the rest of coopgraph
// uses. Names that are not columns of the file pass through unchanged.
func metaIllustrativeFields[T any](m func(*T) *domain.Meta) column[T] {
	return column[T]{name: "illustrative_fields", field: "illustrativeFields", format: "list",
		set: func(r *T, cell string, c *codec) error {
			items := splitList(cell, c.listSep)
			for i, it := range items {
				if f, ok := c.toField[normalizeName(it)]; ok {
					items[i] = f
				}
			}
			m(r).IllustrativeFields = items
			return nil
		},
		get: func(r *T, c *codec) (string, error) {
			items := slices.Clone(m(r).IllustrativeFields)
			for i, it := range items {
				if n, ok := c.toColumn[it]; ok {
					items[i] = n
				}
			}
			return joinList(items, c.listSep)
		},
	}
}

func text[T any](name, field string, f func(*T) *string) column[T] {
	return column[T]{name: name, field: field, format: "text",
		set: func(r *T, cell string, _ *codec) error { *f(r) = cell; return nil },
		get: func(r *T, _ *codec) (string, error) { return *f(r), nil },
	}
}

func list[T any](name, field string, f func(*T) *[]string) column[T] {
	return column[T]{name: name, field: field, format: "list",
		set: func(r *T, cell string, c *codec) error { *f(r) = splitList(cell, c.listSep); return nil },
		get: func(r *T, c *codec) (string, error) { return joinList(*f(r), c.listSep) },
	}
}

func flag[T any](name, field string, f func(*T) *bool) column[T] {
	return column[T]{name: name, field: field, format: "yes/no",
		set: func(r *T, cell string, _ *codec) error {
			b, err := parseBool(cell)
			*f(r) = b
			return err
		},
		get: func(r *T, _ *codec) (string, error) { return strconv.FormatBool(*f(r)), nil },
	}
}

func enum[T any, E ~string](name, field, what string, allowed []E, f func(*T) *E) column[T] {
	return column[T]{name: name, field: field, format: "enum",
		set: func(r *T, cell string, _ *codec) error {
			v, err := parseEnum(cell, what, allowed)
			*f(r) = v
			return err
		},
		get: func(r *T, _ *codec) (string, error) { return string(*f(r)), nil },
	}
}

// integer is the set of number types the records use.
type integer interface{ ~int | ~int64 }

func number[T any, N integer](name, field string, f func(*T) *N) column[T] {
	return column[T]{name: name, field: field, format: "integer",
		set: func(r *T, cell string, _ *codec) error {
			n, err := parseInt[N](cell)
			*f(r) = n
			return err
		},
		get: func(r *T, _ *codec) (string, error) { return strconv.FormatInt(int64(*f(r)), 10), nil },
	}
}

func optNumber[T any, N integer](name, field string, f func(*T) **N) column[T] {
	return column[T]{name: name, field: field, format: "integer",
		set: func(r *T, cell string, _ *codec) error {
			n, err := parseInt[N](cell)
			if err == nil {
				*f(r) = &n
			}
			return err
		},
		get: func(r *T, _ *codec) (string, error) {
			if p := *f(r); p != nil {
				return strconv.FormatInt(int64(*p), 10), nil
			}
			return "", nil
		},
	}
}

func timestamp[T any](name, field string, f func(*T) **time.Time) column[T] {
	return column[T]{name: name, field: field, format: "time",
		set: func(r *T, cell string, _ *codec) error {
			t, err := parseTime(cell)
			if err == nil {
				*f(r) = &t
			}
			return err
		},
		get: func(r *T, _ *codec) (string, error) {
			if p := *f(r); p != nil {
				return formatTime(*p), nil
			}
			return "", nil
		},
	}
}

// Cell parsers. Their errors are the messages users read, so they quote the
// cell and say what was expected.

// normalizeName turns a header cell or an enum cell into the spelling the
// schema uses: "Name Local" → "name_local".
func normalizeName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), "_"))
}

func parseEnum[E ~string](cell, what string, allowed []E) (E, error) {
	v := E(strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(cell, "-", " ")), "_")))
	if slices.Contains(allowed, v) {
		return v, nil
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", fmt.Errorf("%q is not a %s (one of %s)", cell, what, strings.Join(names, ", "))
}

// parseBool also takes the Bulgarian да/не and the TRUE/FALSE that Excel in
// a Bulgarian locale writes (ИСТИНА/НЕИСТИНА), since those are the
// spreadsheets this package exists for.
func parseBool(cell string) (bool, error) {
	switch strings.ToLower(cell) {
	case "true", "yes", "1", "да", "истина":
		return true, nil
	case "false", "no", "0", "не", "неистина":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a yes/no value (true, false, yes, no, 1 or 0)", cell)
}

func parseInt[N integer](cell string) (N, error) {
	i, err := strconv.ParseInt(cell, 10, 64)
	if n := N(i); err == nil && int64(n) == i {
		return n, nil
	}
	if errors.Is(err, strconv.ErrRange) || err == nil {
		return 0, fmt.Errorf("%q is out of range", cell)
	}
	return 0, fmt.Errorf("%q is not a whole number", cell)
}

// parseTime reads a date (as midnight UTC) or an RFC 3339 time, and returns
// it in UTC, as the store keeps times.
func parseTime(cell string) (time.Time, error) {
	if d, err := domain.ParseDate(cell); err == nil {
		return d.Time, nil
	}
	if t, err := time.Parse(time.RFC3339, cell); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD) or a time (RFC 3339, e.g. 2022-03-01T09:30:00+02:00)", cell)
}

// formatTime writes midnight UTC as a bare date, which is how a spreadsheet
// user enters it, and anything else as RFC 3339 in UTC.
func formatTime(t time.Time) string {
	t = t.UTC()
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return domain.Date{Time: t}.String()
	}
	return t.Format(time.RFC3339Nano)
}

// splitList drops empty items, so "a;;b;" is [a b] and an empty cell is nil.
func splitList(cell, sep string) []string {
	var items []string
	for it := range strings.SplitSeq(cell, sep) {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return items
}

// joinList refuses items that would not read back as themselves.
func joinList(items []string, sep string) (string, error) {
	for _, it := range items {
		switch {
		case strings.TrimSpace(it) == "":
			return "", errors.New("an empty item would be lost")
		case strings.TrimSpace(it) != it:
			return "", fmt.Errorf("item %q has spaces around it, which reading drops", it)
		case strings.Contains(it, sep):
			return "", fmt.Errorf("item %q contains %q, the list separator", it, sep)
		}
	}
	return strings.Join(items, sep), nil
}
