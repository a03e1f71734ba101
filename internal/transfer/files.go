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
	for _, in := range inputs {
		w, r, err := read(in, doc, hopt)
		if err != nil {
			return nil, err
		}
		warnings, rejected = append(warnings, w...), append(rejected, r...)
	}
	name := inputs[0].Name
	if len(inputs) > 1 {
		name = fmt.Sprintf("%d files", len(inputs))
	}
	return ImportDocument(ctx, st, doc, name, warnings, rejected, opt)
}

// read adds one input's records to doc. A file that cannot be read as its
// format is the client's input, BAD_USER_INPUT.
func read(in Input, doc *domain.Document, hopt hsds.Options) (warnings, rejected []domain.Problem, err error) {
	warnings, rejected, err = readFormat(in, doc, hopt)
	return warnings, rejected, unreadable(err)
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

func readFormat(in Input, doc *domain.Document, hopt hsds.Options) (warnings, rejected []domain.Problem, err error) {
	if in.Format == FormatHSDSPackage {
		res, err := hsds.ReadPackage(in.FS, hopt)
		if err != nil {
			return nil, nil, err
		}
		merge(doc, res.Doc)
		return res.Warnings, res.Rejected, nil
	}
	rc, err := in.Open()
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	switch in.Format {
	case FormatJSON:
		// Several inputs including a JSON document: read it whole.
		err := scanJSON(func() (io.ReadCloser, error) { return io.NopCloser(rc), nil }, in.Name, ChunkSize,
			func(p domain.Problem) { warnings = append(warnings, p) })(func(b *chunk) error {
			for i, msg := range b.bad {
				rejected = append(rejected, domain.Problem{File: in.Name, Line: b.offset + i + 1,
					Field: fmt.Sprintf("%s[%d]", b.list.name, b.offset+i), Message: msg})
			}
			merge(doc, b.doc)
			return nil
		})
		return warnings, rejected, err
	case FormatStakeholdersCSV:
		res, err := csvio.ReadStakeholders(rc, in.Name)
		doc.Stakeholders = append(doc.Stakeholders, res.Records...)
		return res.Warnings, res.Rejected, err
	case FormatServicesCSV:
		res, err := csvio.ReadServices(rc, in.Name)
		doc.Services = append(doc.Services, res.Records...)
		return res.Warnings, res.Rejected, err
	case FormatNeedsCSV:
		res, err := csvio.ReadNeeds(rc, in.Name)
		doc.Needs = append(doc.Needs, res.Records...)
		return res.Warnings, res.Rejected, err
	case FormatHSDSJSON:
		res, err := hsds.ReadJSON(rc, in.Name, hopt)
		if err != nil {
			return nil, nil, err
		}
		merge(doc, res.Doc)
		return res.Warnings, res.Rejected, nil
	}
	return nil, nil, fmt.Errorf("import %s: unknown format %q", in.Name, in.Format)
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
