package api

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
	"github.com/coopgraph/coopgraph/internal/network"
)

// matrixCSV serves GET /export/matrix.csv: the supply–demand matrix with
// the arguments of the supplyDemandMatrix query, as a spreadsheet with one
// line per cell. List arguments are comma-separated or repeated
// (categoryIds=a,b or categoryIds=a&categoryIds=b).
func (a *api) matrixCSV(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if !a.mayExport(w, ctx, "matrix.csv", "supplyDemandMatrix") {
		return
	}
	q, err := matrixQueryOf(r)
	if err != nil {
		a.refuse(w, ctx, err)
		return
	}
	m, err := matrix.Compute(ctx, a.opts.Store, q)
	if err != nil {
		a.refuse(w, ctx, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="matrix-`+unsafeChars.ReplaceAllString(q.ScopeID, "_")+`.csv"`)
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"territory_id", "territory", "category_id", "category", "demand", "supply", "gap", "coverage"})
	for i, t := range m.Rows {
		for j, c := range m.Cols {
			f := m.Cells[i][j]
			coverage := ""
			if cv := f.Coverage(); cv != nil {
				coverage = strconv.FormatFloat(*cv, 'f', 4, 64)
			}
			_ = cw.Write([]string{t.ID, t.Name, c.ID, c.Name, strconv.FormatInt(f.Demand, 10), strconv.FormatInt(f.Supply, 10),
				strconv.FormatInt(f.Gap(), 10), coverage})
		}
	}
	cw.Flush()
}

// mayExport names the export in the request's log line and refuses it,
// with FORBIDDEN, to a role that may not run the query field it exports.
func (a *api) mayExport(w http.ResponseWriter, ctx context.Context, name, field string) bool {
	if info := infoFrom(ctx); info != nil {
		info.mu.Lock()
		info.operation, info.kind = name, "export"
		info.mu.Unlock()
	}
	if who, ok := auth.From(ctx); ok {
		if need := leastRole("Query", field); !who.Role.AtLeast(need) {
			a.refuse(w, ctx, &domain.Error{Code: domain.CodeForbidden,
				Message: fmt.Sprintf("%s may not export %s; it takes the %s role or above", who.Role.Article(), name, need)})
			return false
		}
	}
	return true
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// matrixQueryOf reads the matrix arguments of a URL.
func matrixQueryOf(r *http.Request) (matrix.Query, error) {
	v := r.URL.Query()
	list := func(name string) []string {
		var out []string
		for _, x := range v[name] {
			for _, id := range strings.Split(x, ",") {
				if id = strings.TrimSpace(id); id != "" {
					out = append(out, id)
				}
			}
		}
		return out
	}
	q := matrix.Query{ScopeID: v.Get("scopeId"), RowLevel: matrix.DefaultRowLevel,
		CategoryIDs: list("categoryIds"), TargetGroupIDs: list("targetGroupIds")}
	var ps domain.Problems
	if q.ScopeID == "" {
		ps = append(ps, domain.Problem{Field: "scopeId", Message: "is required"})
	}
	if l := v.Get("rowLevel"); l != "" {
		q.RowLevel = domain.TerritoryLevel(l)
		if !slices.Contains(domain.TerritoryLevels, q.RowLevel) {
			ps = append(ps, domain.Problem{Field: "rowLevel", Message: fmt.Sprintf("must be one of %v, got %q", domain.TerritoryLevels, l)})
		}
	}
	if d := v.Get("domain"); d != "" {
		q.Domain = domain.ServiceDomain(d)
		if !slices.Contains(domain.ServiceDomains, q.Domain) {
			ps = append(ps, domain.Problem{Field: "domain", Message: fmt.Sprintf("must be one of %v, got %q", domain.ServiceDomains, d)})
		}
	}
	if y := v.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			ps = append(ps, domain.Problem{Field: "year", Message: fmt.Sprintf("must be a whole number, got %q", y)})
		}
		q.Year = n
	}
	if len(ps) > 0 {
		return q, ps
	}
	return q, nil
}

// networkFile serves GET /export/network.graphml and .gexf: the network
// query's network (same arguments: scopeId, relations=A,B, asOf, maxNodes)
// as a file Gephi opens as it is, with each node's kind, sector,
// territory, community, degree and PageRank.
func (a *api) networkFile(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if !a.mayExport(w, ctx, "network."+format, "network") {
			return
		}
		v := r.URL.Query()
		var ps domain.Problems
		var relations []network.Relation
		for _, x := range v["relations"] {
			for _, rel := range strings.Split(x, ",") {
				if rel = strings.TrimSpace(rel); rel == "" {
					continue
				}
				if !slices.Contains(network.Relations, network.Relation(rel)) {
					ps = append(ps, domain.Problem{Field: "relations", Message: fmt.Sprintf("must be among %v, got %q", network.Relations, rel)})
				}
				relations = append(relations, network.Relation(rel))
			}
		}
		var asOf *domain.Date
		if s := v.Get("asOf"); s != "" {
			d, err := domain.ParseDate(s)
			if err != nil {
				ps = append(ps, domain.Problem{Field: "asOf", Message: fmt.Sprintf("must be a date like 2024-01-31, got %q", s)})
			}
			asOf = &d
		}
		maxNodes := network.DefaultMaxNodes
		if s := v.Get("maxNodes"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				ps = append(ps, domain.Problem{Field: "maxNodes", Message: fmt.Sprintf("must be a whole number, got %q", s)})
			}
			maxNodes = n
		}
		if len(ps) > 0 {
			a.refuse(w, ctx, ps)
			return
		}
		g, _, err := a.networks.Network(ctx, v.Get("scopeId"), relations, asOf, maxNodes)
		if err != nil {
			a.refuse(w, ctx, err)
			return
		}
		name := "network"
		if s := v.Get("scopeId"); s != "" {
			name += "-" + unsafeChars.ReplaceAllString(s, "_")
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+format+`"`)
		if format == "gexf" {
			w.Header().Set("Content-Type", "application/gexf+xml; charset=utf-8")
			err = g.WriteGEXF(w, g.Attributes())
		} else {
			w.Header().Set("Content-Type", "application/graphml+xml; charset=utf-8")
			err = g.WriteGraphML(w, g.Attributes())
		}
		if err != nil {
			a.log.WarnContext(ctx, "network file not written in full", "error", err)
		}
	}
}
