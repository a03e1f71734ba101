// Package cli holds the import and export commands of the coopgraph binary:
// they parse their own flags, talk to the store through package transfer,
// and report progress and a summary on stderr.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/csvio"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/hsds"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/transfer"
)

// ImportFlags adds the import command's flags to fs and returns them.
func ImportFlags(fs *flag.FlagSet) *ImportOptions {
	o := &ImportOptions{}
	fs.BoolVar(&o.DryRun, "dry-run", false, "validate and count, write nothing")
	fs.BoolVar(&o.Atomic, "atomic", true, "write nothing when any record is rejected (-atomic=false writes the valid ones)")
	fs.StringVar(&o.Format, "format", "", "input format: coopgraph-json, stakeholders-csv, services-csv, needs-csv, hsds-json, hsds-package (default: from the file name)")
	fs.StringVar(&o.Report, "report", "", "also write the full report (problems, warnings, counts) as JSON to this file")
	fs.StringVar(&o.HSDS.ParentTerritoryID, "hsds-parent", "", "HSDS: existing territory (e.g. the country) the dataset's places hang under")
	fs.StringVar(&o.HSDS.IDPrefix, "hsds-id-prefix", "hsds-", "HSDS: prefix of every created id")
	fs.Func("city-level", "HSDS: the level of the addresses' cities, MUNICIPALITY (default, the matrix's default rows) or SETTLEMENT",
		func(s string) error {
			l := domain.TerritoryLevel(strings.ToUpper(strings.TrimSpace(s)))
			if !slices.Contains(hsds.CityLevels, l) {
				return fmt.Errorf("%q is not one of MUNICIPALITY, SETTLEMENT", s)
			}
			o.HSDS.CityLevel = l
			return nil
		})
	return o
}

// ImportOptions are the import command's flags.
type ImportOptions struct {
	DryRun, Atomic bool
	Format, Report string
	HSDS           hsds.Options
}

// Import runs `coopgraph import FILE...`.
func Import(ctx context.Context, st *store.Store, files []string, o *ImportOptions, stderr io.Writer) error {
	if len(files) == 0 {
		return errors.New("import: name the files to import")
	}
	var inputs []transfer.Input
	for _, f := range files {
		in, err := input(f, o.Format)
		if err != nil {
			return err
		}
		inputs = append(inputs, in)
	}
	ctx = auth.WithActor(ctx, "system")
	opt := transfer.Options{DryRun: o.DryRun, Atomic: o.Atomic,
		Progress: func(p transfer.Progress) {
			if p.Phase != "validate" && (p.Done%50000 < transfer.ChunkSize || p.Done == p.Total) {
				fmt.Fprintf(stderr, "%s: %d/%d records, %.1f s\n", p.Phase, p.Done, p.Total, p.Elapsed.Seconds())
			}
		}}
	rep, err := transfer.Import(ctx, st, inputs, opt, o.HSDS)
	if err != nil {
		return err
	}
	for _, p := range rep.Warnings {
		fmt.Fprintln(stderr, "warning:", p)
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, "rejected:", p)
	}
	// The summary comes last, after the lines it sums up.
	fmt.Fprint(stderr, rep.Summary())
	if o.Report != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(o.Report, b, 0o644); err != nil {
			return fmt.Errorf("import: write the report %s: %w", o.Report, err)
		}
	}
	if rep.DryRun {
		fmt.Fprintln(stderr, "dry run: nothing written")
	}
	return outcome(rep, o.Atomic)
}

// outcome is the import's exit: an error, so a non-zero exit, when
// something was rejected (unless -atomic=false asked to write the rest) or
// when a non-empty input gave nothing to import, which is never what was
// meant.
func outcome(rep *transfer.Report, atomic bool) error {
	what := "nothing written"
	if rep.DryRun {
		what = "nothing would be written"
	}
	switch {
	case len(rep.Problems) > 0 && atomic:
		return fmt.Errorf("import: %d problems (%d records rejected); %s (-atomic=false writes the valid records)",
			len(rep.Problems), rep.Rejected(), what)
	case rep.Imported() == 0 && rep.Input > 0:
		return fmt.Errorf("import: the input has %d records, none of which could be imported (%d rejected); %s",
			rep.Input, rep.Rejected(), what)
	case !rep.DryRun && !rep.Written && len(rep.Problems) > 0:
		return fmt.Errorf("import: %d problems; nothing written", len(rep.Problems))
	}
	return nil
}

// input works out a file's format. An HSDS package is its directory or its
// datapackage.json; both name the package after the directory.
func input(path, format string) (transfer.Input, error) {
	in := transfer.Input{Format: transfer.Format(format), Name: filepath.Base(path),
		Open: func() (io.ReadCloser, error) { return os.Open(path) }}
	info, err := os.Stat(path)
	if err != nil {
		return in, fmt.Errorf("import %s: %w", path, err)
	}
	isDescriptor := filepath.Base(path) == "datapackage.json"
	switch {
	case info.IsDir():
		if in.Format != "" && in.Format != transfer.FormatHSDSPackage {
			return in, fmt.Errorf("import %s: a directory is an HSDS package, not %s", path, format)
		}
		in.Format, in.FS, in.Name = transfer.FormatHSDSPackage, os.DirFS(path), dirName(path)
		return in, nil
	case isDescriptor && (in.Format == "" || in.Format == transfer.FormatHSDSPackage):
		dir := filepath.Dir(path)
		in.Format, in.FS, in.Name = transfer.FormatHSDSPackage, os.DirFS(dir), dirName(dir)
		return in, nil
	case in.Format == transfer.FormatHSDSPackage:
		return in, fmt.Errorf("import %s: -format hsds-package reads a package directory or its datapackage.json", path)
	}
	if in.Format != "" {
		return in, nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		in.Format = transfer.FormatJSON
	case ".csv":
		in.Format, err = transfer.CSVFormat(path)
	default:
		err = fmt.Errorf("import %s: cannot tell the format from the name; give -format", path)
	}
	return in, err
}

// dirName is a directory's own name, also for "." and "pkg/".
func dirName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Base(dir)
}

// Export runs `coopgraph export`: the whole graph as an interchange
// document, or one CSV list, to w.
func Export(ctx context.Context, st *store.Store, format string, w io.Writer, stderr io.Writer) error {
	switch format {
	case "", string(transfer.FormatJSON), "json":
		counts, err := transfer.ExportJSON(ctx, st, w)
		if err != nil {
			return err
		}
		total := 0
		for _, n := range counts {
			total += n
		}
		fmt.Fprintf(stderr, "exported %d records\n", total)
		return nil
	case string(transfer.FormatStakeholdersCSV), string(transfer.FormatServicesCSV), string(transfer.FormatNeedsCSV):
		n, err := transfer.ExportCSV(ctx, st, csvio.Kind(strings.TrimSuffix(format, "-csv")), w)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "exported %d records\n", n)
		return nil
	}
	return &domain.Error{Code: domain.CodeBadUserInput, Field: "format",
		Message: fmt.Sprintf("%q is not one of coopgraph-json, stakeholders-csv, services-csv, needs-csv", format)}
}
