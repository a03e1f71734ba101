package domain

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with one input: a field of a GraphQL input, a
// cell of a CSV file, a record of an import document.
type Problem struct {
	File    string `json:"file,omitempty"`   // the input file, when there is one
	Line    int    `json:"line,omitempty"`   // 1-based line (CSV) or record number (JSON), 0 when unknown
	Record  string `json:"record,omitempty"` // the record's id or type, when known
	Field   string `json:"field"`            // the field path, e.g. "input.validTo" or "parties[2].role"
	Message string `json:"message"`
	// Type is the record type a rejection leaves out ("Stakeholder",
	// "Service"...), so that summaries count rejections per type; empty
	// for warnings and problems about no one record.
	Type string `json:"type,omitempty"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	if p.Record != "" {
		b.WriteString(p.Record + ": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is a list of problems; as an error it is BAD_USER_INPUT and
// lists them all.
type Problems []Problem

func (ps Problems) Error() string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "; ")
}

// InRecord names the problems of a one-record document as fields of that
// record, after prefix: "stakeholders[0].kind" becomes prefix+"kind". The
// API's single-record mutations report them so; imports keep the document
// path.
func (ps Problems) InRecord(prefix string) Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		if open := strings.Index(p.Field, "["); open > 0 {
			if _, rest, ok := strings.Cut(p.Field, "]."); ok && !strings.Contains(p.Field[:open], ".") {
				p.Field = prefix + rest
			}
		}
		p.Line, p.Record = 0, ""
		out[i] = p
	}
	return out
}
