package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/coopgraph/coopgraph/internal/csvio"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/hsds"
	"github.com/coopgraph/coopgraph/internal/store"
)

// Format is a kind of input an import reads.
type Format string

const (
	FormatJSON            Format = "coopgraph-json" // the interchange document, streamed
	FormatStakeholdersCSV Format = "stakeholders-csv"
	FormatServicesCSV     Format = "services-csv"
	FormatNeedsCSV        Format = "needs-csv"
	FormatHSDSJSON        Format = "hsds-json"    // Open Referral HSDS 3.x JSON
	FormatHSDSPackage     Format = "hsds-package" // HSDS 3.x or 1.x tabular data package (a directory)
)

// Input is one input of an import: its format, its name for problems, and
// how to open it (again).
type Input struct {
	Format Format
	Name   string
	Open   func() (io.ReadCloser, error)
	FS     fs.FS // for FormatHSDSPackage
}

// Import imports inputs together, as one import: a service in one CSV file
// may name a provider in another. A single JSON document is streamed; the
// other formats are read into memory first (spreadsheets and service
// directories are small next to the graph).
func Import(ctx context.Context, st *store.Store, inputs []Input, opt Options, hopt hsds.Options) (*Report, error) {
	if len(inputs) == 1 && inputs[0].Format == FormatJSON {
		return ImportJSON(ctx, st, inputs[0].Open, inputs[0].Name, opt)
	}
	doc := &domain.Document{Format: domain.DocumentFormat}
	var warnings, rejected []domain.Problem
	rows := 0
	for _, in := range inputs {
		r, err := read(in, doc, hopt)
		if err != nil {
			return nil, err
		}
		warnings, rejected, rows = append(warnings, r.warnings...), append(rejected, r.rejected...), rows+r.rows
	}
	name := inputs[0].Name
	if len(inputs) > 1 {
		name = fmt.Sprintf("%d files", len(inputs))
	}
	return importDocument(ctx, st, doc, name, warnings, rejected, rows, opt)
}

// readResult is what reading one input gave besides its records.
type readResult struct {
	warnings, rejected []domain.Problem
	rows               int // records or rows in the input, rejected or not
}

// read adds one input's records to doc. A file that cannot be read as its
// format is the client's input, BAD_USER_INPUT.
func read(in Input, doc *domain.Document, hopt hsds.Options) (readResult, error) {
	if hopt.Source == "" {
		hopt.Source = in.Name
	}
	before := len(idsOf(doc))
	r, err := readFormat(in, doc, hopt)
	if r.rows == 0 {
		r.rows = len(idsOf(doc)) - before + len(r.rejected)
	}
	return r, unreadable(err)
}

// typed sets the record type of rejections of a reader that reads one type.
func typed(ps []domain.Problem, label string) []domain.Problem {
	for i := range ps {
		if ps[i].Type == "" {
			ps[i].Type = label
		}
	}
	return ps
}

// unreadable marks an error of reading a file as the client's (a domain
// error, from a store lookup for example, keeps its code).
func unreadable(err error) error {
	var derr *domain.Error
	if err == nil || errors.As(err, &derr) {
		return err
	}
	return &domain.Error{Code: domain.CodeBadUserInput, Message: "the file cannot be read: " + err.Error(), Err: err}
}

func readFormat(in Input, doc *domain.Document, hopt hsds.Options) (readResult, error) {
	if in.Format == FormatHSDSPackage {
		if in.FS == nil {
			return readResult{}, fmt.Errorf("import %s: an HSDS package is a directory, or the path of its datapackage.json", in.Name)
		}
		res, err := hsds.ReadPackage(in.FS, hopt)
		if err != nil {
			return readResult{}, err
		}
		merge(doc, res.Doc)
		return readResult{res.Warnings, res.Rejected, res.Rows}, nil
	}
	rc, err := in.Open()
	if err != nil {
		return readResult{}, err
	}
	defer rc.Close()
	var r readResult
	switch in.Format {
	case FormatJSON:
		// Several inputs including a JSON document: read it whole.
		err := scanJSON(func() (io.ReadCloser, error) { return io.NopCloser(rc), nil }, in.Name, ChunkSize,
			func(p domain.Problem) { r.warnings = append(r.warnings, p) })(func(b *chunk) error {
			for i, msg := range b.bad {
				r.rejected = append(r.rejected, domain.Problem{File: in.Name, Line: b.offset + i + 1, Type: b.list.label,
					Field: fmt.Sprintf("%s[%d]", b.list.name, b.offset+i), Message: msg})
			}
			merge(doc, b.doc)
			return nil
		})
		return r, err
	case FormatStakeholdersCSV:
		res, err := csvio.ReadStakeholders(rc, in.Name)
		doc.Stakeholders = append(doc.Stakeholders, res.Records...)
		return readResult{warnings: res.Warnings, rejected: typed(res.Rejected, store.LabelStakeholder)}, err
	case FormatServicesCSV:
		res, err := csvio.ReadServices(rc, in.Name)
		doc.Services = append(doc.Services, res.Records...)
		return readResult{warnings: res.Warnings, rejected: typed(res.Rejected, store.LabelService)}, err
	case FormatNeedsCSV:
		res, err := csvio.ReadNeeds(rc, in.Name)
		doc.Needs = append(doc.Needs, res.Records...)
		return readResult{warnings: res.Warnings, rejected: typed(res.Rejected, store.LabelNeed)}, err
	case FormatHSDSJSON:
		res, err := hsds.ReadJSON(rc, in.Name, hopt)
		if err != nil {
			return readResult{}, err
		}
		merge(doc, res.Doc)
		return readResult{res.Warnings, res.Rejected, res.Rows}, nil
	}
	return readResult{}, fmt.Errorf("import %s: unknown format %q", in.Name, in.Format)
}

// CSVFormat returns the CSV format of a file from its name
// (stakeholders*.csv, services*.csv, needs*.csv).
func CSVFormat(name string) (Format, error) {
	k, err := csvio.KindOf(name)
	if err != nil {
		return "", err
	}
	return Format(string(k) + "-csv"), nil
}

// ExportCSV writes the records of one CSV kind.
func ExportCSV(ctx context.Context, st *store.Store, kind csvio.Kind, w io.Writer) (int, error) {
	l, ok := listByName(string(kind))
	if !ok {
		return 0, fmt.Errorf("export: unknown CSV kind %q", kind)
	}
	all := &domain.Document{}
	// The CSV writers take whole lists; a municipality's spreadsheet is small
	// next to memory, unlike the JSON export of the whole graph.
	err := eachRecord(ctx, st, l, func(v any) error {
		switch r := v.(type) {
		case domain.StakeholderRecord:
			all.Stakeholders = append(all.Stakeholders, r)
		case domain.ServiceRecord:
			all.Services = append(all.Services, r)
		case domain.NeedRecord:
			all.Needs = append(all.Needs, r)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	switch kind {
	case csvio.Stakeholders:
		return len(all.Stakeholders), csvio.WriteStakeholders(w, all.Stakeholders)
	case csvio.Services:
		return len(all.Services), csvio.WriteServices(w, all.Services)
	case csvio.Needs:
		return len(all.Needs), csvio.WriteNeeds(w, all.Needs)
	}
	return 0, fmt.Errorf("export: unknown CSV kind %q", kind)
}
