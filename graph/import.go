package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"io"

	"github.com/99designs/gqlgen/graphql"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/hsds"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/transfer"
)

var importFormats = map[model.ImportFormat]transfer.Format{
	model.ImportFormatCoopgraphJSON:   transfer.FormatJSON,
	model.ImportFormatStakeholdersCSV: transfer.FormatStakeholdersCSV,
	model.ImportFormatServicesCSV:     transfer.FormatServicesCSV,
	model.ImportFormatNeedsCSV:        transfer.FormatNeedsCSV,
	model.ImportFormatHsdsJSON:        transfer.FormatHSDSJSON,
}

// importGraph runs an import from an inline document or an uploaded file.
func importGraph(ctx context.Context, st *store.Store, document map[string]any, upload *graphql.Upload, format model.ImportFormat, dryRun, atomic bool) (*model.ImportReport, error) {
	in := transfer.Input{Format: importFormats[format]}
	switch {
	case (document == nil) == (upload == nil):
		return nil, domain.Invalid("document", "give exactly one of document and upload")
	case document != nil:
		if format != model.ImportFormatCoopgraphJSON && format != model.ImportFormatHsdsJSON {
			return nil, domain.Invalid("format", "an inline document is JSON: COOPGRAPH_JSON or HSDS_JSON, got %s", format)
		}
		b, err := json.Marshal(document)
		if err != nil {
			return nil, domain.Invalid("document", "is not JSON: %v", err)
		}
		in.Name = "document"
		in.Open = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	default:
		in.Name = upload.Filename
		in.Open = func() (io.ReadCloser, error) {
			if _, err := upload.File.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
			return io.NopCloser(upload.File), nil
		}
	}
	rep, err := transfer.Import(ctx, st, []transfer.Input{in},
		transfer.Options{DryRun: dryRun, Atomic: atomic}, hsds.Options{IDPrefix: "hsds-"})
	if err != nil {
		return nil, err
	}
	out := &model.ImportReport{DryRun: rep.DryRun, Written: rep.Written}
	for _, t := range rep.Types() {
		c := rep.Counts[t]
		out.Counts = append(out.Counts, &model.ImportCount{Type: t, Created: c.Created, Updated: c.Updated,
			Unchanged: c.Unchanged, Rejected: c.Rejected})
	}
	for i := range rep.Problems {
		out.Problems = append(out.Problems, &rep.Problems[i])
	}
	for i := range rep.Warnings {
		out.Warnings = append(out.Warnings, &rep.Warnings[i])
	}
	return out, nil
}
