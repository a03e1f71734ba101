package csvio

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Kind is the kind of list a file holds; it is also the start of the file's
// conventional name.
type Kind string

const (
	Stakeholders Kind = "stakeholders"
	Services     Kind = "services"
	Needs        Kind = "needs"
)

// Kinds in the order an import should take them: a service refers to its
// provider, so stakeholders come first.
var Kinds = []Kind{Stakeholders, Services, Needs}

// KindOf tells the kind of list from a file name: stakeholders*.csv,
// services*.csv or needs*.csv, in any case, with or without a directory
// (either slash, since names come from browsers on Windows too).
func KindOf(file string) (Kind, error) {
	base := file[strings.LastIndexAny(file, `/\`)+1:]
	lower := strings.ToLower(base)
	if strings.HasSuffix(lower, ".csv") {
		for _, k := range Kinds {
			if strings.HasPrefix(lower, string(k)) {
				return k, nil
			}
		}
	}
	return "", invalid("%q is not named after the list it holds: expected stakeholders*.csv, services*.csv or needs*.csv", base)
}

// Result is what reading a file gives: the records that could be read, and
// the problems found. A row with any problem is left out of Records and all
// its problems are in Rejected; Warnings are about the file as a whole and
// reject nothing.
type Result[T any] struct {
	Records  []T
	Warnings []domain.Problem
	Rejected []domain.Problem
}

// ReadStakeholders reads a stakeholders file; file names it in problems
// and errors. The error is for input that cannot be read as a list at all
// (see the package documentation); everything else is in the Result.
func ReadStakeholders(r io.Reader, file string) (Result[domain.StakeholderRecord], error) {
	return read(stakeholders, r, file)
}

// ReadServices reads a services file, like ReadStakeholders.
func ReadServices(r io.Reader, file string) (Result[domain.ServiceRecord], error) {
	return read(services, r, file)
}

// ReadNeeds reads a needs file, like ReadStakeholders.
func ReadNeeds(r io.Reader, file string) (Result[domain.NeedRecord], error) {
	return read(needs, r, file)
}

// WriteStakeholders writes a header and one row per record, in the format
// ReadStakeholders reads back into equal records: "," between cells, ";"
// between list items, no BOM. It fails on a list item that could not be
// read back (empty, or containing ";").
func WriteStakeholders(w io.Writer, recs []domain.StakeholderRecord) error {
	return write(stakeholders, w, recs)
}

// WriteServices writes services, like WriteStakeholders.
func WriteServices(w io.Writer, recs []domain.ServiceRecord) error {
	return write(services, w, recs)
}

// WriteNeeds writes needs, like WriteStakeholders.
func WriteNeeds(w io.Writer, recs []domain.NeedRecord) error {
	return write(needs, w, recs)
}

const bom = "\uFEFF"

// invalid is the error for input that is not a list file: BAD_USER_INPUT,
// so that the API shows its message to the user who uploaded the file.
func invalid(format string, args ...any) error {
	return &domain.Error{Code: domain.CodeBadUserInput, Message: fmt.Sprintf(format, args...)}
}

func read[T any](s *schema[T], r io.Reader, file string) (Result[T], error) {
	var res Result[T]
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(bom)); err == nil && string(b) == bom {
		_, _ = br.Discard(len(bom))
	}
	// The delimiter is sniffed from the header line (after the empty lines
	// the CSV reader skips too); what was read for it is then parsed again
	// as part of the whole input, so that line numbers stay right.
	var head strings.Builder
	var headerText string
	for {
		var err error
		headerText, err = br.ReadString('\n')
		head.WriteString(headerText)
		if err != nil && err != io.EOF {
			return res, fmt.Errorf("csvio: reading %s: %w", file, err)
		}
		if err == io.EOF || strings.TrimRight(headerText, "\r\n") != "" {
			break
		}
	}
	comma := sniff(headerText)
	listSep := ";"
	if comma == ';' {
		listSep = "|"
	}
	cd := s.codec(listSep)
	cr := csv.NewReader(io.MultiReader(strings.NewReader(head.String()), br))
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // short rows are read as ending in empty cells, long ones are reported
	cr.TrimLeadingSpace = true

	header, err := cr.Read()
	var pe *csv.ParseError
	switch {
	case err == io.EOF:
		return res, invalid("%s is empty: its first line must name the columns (%s)", file, strings.Join(s.names(), ", "))
	case errors.As(err, &pe):
		return res, invalid("%s: the header (line %d) is not CSV: %v", file, pe.StartLine, pe.Err)
	case err != nil:
		return res, fmt.Errorf("csvio: reading %s: %w", file, err)
	}
	headerLine, _ := cr.FieldPos(0)
	if err := checkUTF8(header, file, headerLine); err != nil {
		return res, err
	}

	lay, warnings, err := s.layout(header, file, headerLine)
	if err != nil {
		return res, err
	}
	res.Warnings = warnings

	idCol := lay.at[s.byName["id"]]
	seen := map[string]int{}      // id → line of the row that has it
	unnamedData := map[int]bool{} // cell index of a column without a name → holds data
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if errors.As(err, &pe) {
			// The reader resumes after the broken row, so one bad quote
			// costs one row, not the file.
			res.Rejected = append(res.Rejected, domain.Problem{File: file, Line: pe.Line, Message: parseMessage(pe)})
			continue
		}
		if err != nil {
			return Result[T]{}, fmt.Errorf("csvio: reading %s: %w", file, err)
		}
		line := func(i int) int {
			l, _ := cr.FieldPos(min(i, len(rec)-1))
			return l
		}
		if err := checkUTF8(rec, file, line(0)); err != nil {
			return Result[T]{}, err
		}
		cell := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		if !slices.ContainsFunc(rec, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			continue // rows of empty cells trail many exported sheets
		}

		var (
			t  T
			ps []domain.Problem
			id = cell(idCol)
		)
		problem := func(i int, field, msg string) {
			ps = append(ps, domain.Problem{File: file, Line: line(i), Record: id, Field: field, Message: msg})
		}
		for i := range header {
			v, j := cell(i), lay.cols[i]
			if j < 0 {
				if v != "" && lay.unnamed[i] {
					unnamedData[i] = true
				}
				continue
			}
			c := s.columns[j]
			switch {
			case v == "" && c.required:
				problem(i, c.name, "is required")
			case v == "":
			default:
				if err := c.set(&t, v, cd); err != nil {
					problem(i, c.name, err.Error())
				}
			}
			if i == idCol && v != "" {
				if l, dup := seen[v]; dup {
					problem(i, c.name, fmt.Sprintf("%q is already the id of the row on line %d", v, l))
				} else {
					seen[v] = line(i)
				}
			}
		}
		for j, c := range s.columns {
			if c.required && lay.at[j] < 0 {
				problem(0, c.name, fmt.Sprintf("is required, and the file has no %s column", c.name))
			}
		}
		if n := lastNonEmpty(rec) + 1; n > len(header) {
			problem(len(header), "", fmt.Sprintf("the row has %d cells but the header names %d columns; is there a %q in a cell that is not quoted?", n, len(header), comma))
		}

		if len(ps) > 0 {
			res.Rejected = append(res.Rejected, ps...)
		} else {
			res.Records = append(res.Records, t)
		}
	}
	for i := range header {
		if unnamedData[i] {
			res.Warnings = append(res.Warnings, domain.Problem{File: file, Line: headerLine,
				Message: fmt.Sprintf("column %s has values but no name in the header; they are ignored", columnLetter(i))})
		}
	}
	return res, nil
}

// layout is where a file keeps each column, as its header says.
type layout struct {
	at      []int  // schema column → cell index in the file, -1 when absent
	cols    []int  // cell index → schema column, -1 when ignored
	unnamed []bool // cell index → the header gives the column no name
}

// layout reads the header: warnings for columns it ignores, an error when
// a column every row needs is missing.
func (s *schema[T]) layout(header []string, file string, line int) (layout, []domain.Problem, error) {
	lay := layout{at: make([]int, len(s.columns)), cols: make([]int, len(header)), unnamed: make([]bool, len(header))}
	for j := range lay.at {
		lay.at[j] = -1
	}
	var warnings []domain.Problem
	for i, h := range header {
		lay.cols[i] = -1
		name := normalizeName(h)
		j, known := s.byName[name]
		switch {
		case name == "":
			// Spreadsheets export formatted but empty columns with no
			// header; they are reported only if they hold data.
			lay.unnamed[i] = true
		case !known:
			warnings = append(warnings, domain.Problem{File: file, Line: line, Field: strings.TrimSpace(h),
				Message: fmt.Sprintf("unknown column, its values are ignored (the columns of %s files are %s)", s.kind, strings.Join(s.names(), ", "))})
		case lay.at[j] >= 0:
			warnings = append(warnings, domain.Problem{File: file, Line: line, Field: name,
				Message: fmt.Sprintf("the column appears twice; the values of the second one (column %s) are ignored", columnLetter(i))})
		default:
			lay.at[j], lay.cols[i] = i, j
		}
	}
	var missing []string
	for _, n := range s.header {
		if lay.at[s.byName[n]] < 0 {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		found := make([]string, len(header))
		for i, h := range header {
			found[i] = fmt.Sprintf("%q", strings.TrimSpace(h))
		}
		return lay, nil, invalid("%s: the header (line %d) has no %s (it has %s); a %s file needs the %s",
			file, line, columnList(missing), strings.Join(found, ", "), s.kind, columnList(s.header))
	}
	return lay, warnings, nil
}

// sniff picks the delimiter that occurs more often outside quotes in the
// header line: ";" for files saved by Excel in locales whose decimal
// separator is ",", as in Bulgaria; "," otherwise.
func sniff(header string) rune {
	var commas, semicolons int
	quoted := false
	for _, r := range header {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == ',':
			commas++
		case r == ';':
			semicolons++
		}
	}
	if semicolons > commas {
		return ';'
	}
	return ','
}

// checkUTF8 fails the whole file rather than a row: a file that is not
// UTF-8 (an Excel workbook, or "CSV" saved in Windows-1251) is unreadable
// in every row that has Cyrillic, and importing only the others would hide
// that.
func checkUTF8(rec []string, file string, line int) error {
	for _, v := range rec {
		if !utf8.ValidString(v) {
			return invalid(`%s: line %d is not UTF-8 text; save the spreadsheet as "CSV UTF-8" (an Excel workbook, or a CSV in Windows-1251, cannot be read)`, file, line)
		}
	}
	return nil
}

func parseMessage(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return `not valid CSV: a " inside a cell that does not start with one; put the cell in quotes and double the quotes inside it`
	case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line:
		return fmt.Sprintf(`not valid CSV: a quoted cell of the row starting on line %d is not closed properly (after the closing " must come the delimiter or the end of the line)`, pe.StartLine)
	case errors.Is(pe.Err, csv.ErrQuote):
		return `not valid CSV: a quoted cell is not closed properly (after the closing " must come the delimiter or the end of the line)`
	}
	return "not valid CSV: " + pe.Err.Error()
}

// columnList names columns in a sentence: `"id" column`, `"id" and "name" columns`.
func columnList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return q[0] + " column"
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1] + " columns"
}

func lastNonEmpty(rec []string) int {
	for i := len(rec) - 1; i >= 0; i-- {
		if strings.TrimSpace(rec[i]) != "" {
			return i
		}
	}
	return -1
}

// columnLetter names a column as spreadsheets do (0 → A, 26 → AA), since
// that is where a user goes looking for it.
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func write[T any](s *schema[T], w io.Writer, recs []T) error {
	cw := csv.NewWriter(w)
	cd := s.codec(";")
	if err := cw.Write(s.names()); err != nil {
		return fmt.Errorf("csvio: writing %s header: %w", s.kind, err)
	}
	row := make([]string, len(s.columns))
	for i := range recs {
		for j, c := range s.columns {
			v, err := c.get(&recs[i], cd)
			if err != nil {
				id, _ := s.columns[s.byName["id"]].get(&recs[i], cd)
				return fmt.Errorf("csvio: writing %s %q: %s: %w", s.noun, id, c.name, err)
			}
			row[j] = v
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("csvio: writing %s: %w", s.kind, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csvio: writing %s: %w", s.kind, err)
	}
	return nil
}
