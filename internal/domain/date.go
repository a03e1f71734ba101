package domain

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date without time of day or zone (YYYY-MM-DD).
type Date struct{ time.Time }

const dateLayout = "2006-01-02"

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return Date{t}, nil
}

// NewDate builds a Date.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

func (d Date) String() string { return d.Format(dateLayout) }

func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

func (d *Date) UnmarshalJSON(b []byte) error {
	p, err := ParseDate(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	*d = p
	return nil
}
