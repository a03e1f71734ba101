package hsds

import (
	"fmt"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// src locates a record of the input: the file and the CSV line, or the
// number of the top-level JSON record that holds it.
type src struct {
	file string
	line int
}

// report collects the warnings and rejections of one import.
type report struct {
	warnings []domain.Problem
	rejected []domain.Problem
	// once holds, per file and kind, the warning already given, so that
	// something ignored in every record is reported once with a count.
	once map[string]*onceEntry
}

type onceEntry struct {
	i   int // index in warnings
	n   int // occurrences
	msg string
}

func newReport() *report { return &report{once: map[string]*onceEntry{}} }

func problem(at src, record, field, format string, args ...any) domain.Problem {
	return domain.Problem{File: at.file, Line: at.line, Record: record, Field: field, Message: fmt.Sprintf(format, args...)}
}

func (r *report) warn(at src, record, field, format string, args ...any) {
	r.warnings = append(r.warnings, problem(at, record, field, format, args...))
}

// reject leaves a record out; noun is the HSDS record it was
// ("organization", "service", "taxonomy term").
func (r *report) reject(noun string, at src, record, field, format string, args ...any) {
	p := problem(at, record, field, format, args...)
	p.Type = recordTypes[noun]
	r.rejected = append(r.rejected, p)
}

// recordTypes are the coopgraph record types HSDS records become, by HSDS
// noun and table: the types the import's summary counts rejections under.
var recordTypes = map[string]string{
	"organization": "Stakeholder", "service": "Service", "taxonomy term": "ServiceCategory",
	"taxonomy_term": "ServiceCategory", "taxonomy": "ServiceCategory",
}

// warnOnce gives one warning per file and kind, located at the first
// occurrence; finish adds how many records had it.
func (r *report) warnOnce(at src, record, kind, msg string) {
	key := at.file + "\x00" + kind
	if e, ok := r.once[key]; ok {
		e.n++
		return
	}
	r.once[key] = &onceEntry{i: len(r.warnings), n: 1, msg: msg}
	r.warnings = append(r.warnings, problem(at, record, kind, "%s", msg))
}

// finish writes the counts into the warnings given once.
func (r *report) finish() {
	for _, e := range r.once {
		if e.n > 1 {
			r.warnings[e.i].Message = fmt.Sprintf("%s (%d times)", e.msg, e.n)
		}
	}
}
