package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
	"github.com/coopgraph/coopgraph/internal/referral"
)

// Warmed says what Warm ran and how long it took.
type Warmed struct {
	Queries  int64 // Cypher queries run
	Duration time.Duration
	// Skipped is why nothing ran (an empty database), empty when it ran.
	Skipped string
}

// Warm runs the heavy analyses once — the supply–demand matrix with its
// cells' providers and nearest supply, the service gaps and the referral
// paths — on ids picked from the database, so that Neo4j has planned their
// Cypher (and the JVM compiled it) before the first user asks: cold, the
// first serviceGaps of a district took 9 s, later ones under 200 ms. What
// the queries return is thrown away.
func (s *Store) Warm(ctx context.Context) (Warmed, error) {
	start := time.Now()
	ctx = CountQueries(ctx)
	w, err := s.warm(ctx)
	w.Queries, w.Duration = QueryCount(ctx), time.Since(start)
	return w, err
}

func (s *Store) warm(ctx context.Context) (Warmed, error) {
	// Returns, for each territory level down to municipalities, the
	// territory of that level with the most territories in it; two
	// stakeholders located somewhere; two categories of active services
	// (fewer in a smaller database, none in an empty one).
	const pick = `RETURN
  COLLECT { MATCH (t:Territory) WHERE t.level IN $levels
    WITH t ORDER BY COUNT { (t)<-[:PART_OF*]-(:Territory) } DESC, t.id
    WITH t.level AS level, collect(t.id)[0] AS id RETURN id } AS scopes,
  COLLECT { MATCH (p:Stakeholder)-[:LOCATED_IN]->(:Territory) RETURN p.id ORDER BY p.id LIMIT 2 } AS froms,
  COLLECT { MATCH (:Service {status: 'ACTIVE'})-[:IN_CATEGORY]-(c:ServiceCategory) RETURN DISTINCT c.id ORDER BY c.id LIMIT 2 } AS categories`
	var levels []string
	for _, l := range domain.TerritoryLevels[:levelRank(domain.LevelMunicipality)+1] {
		levels = append(levels, string(l))
	}
	recs, err := s.read(ctx, pick, map[string]any{"levels": levels})
	if err != nil {
		return Warmed{}, fmt.Errorf("warm-up: pick ids: %w", err)
	}
	r := rowOf(recs[0])
	scopes, froms, categories := stringList(col[[]any](r, "scopes")), stringList(col[[]any](r, "froms")), stringList(col[[]any](r, "categories"))
	if err := r.Err(); err != nil {
		return Warmed{}, fmt.Errorf("warm-up: pick ids: %w", err)
	}
	if len(scopes) == 0 || len(froms) == 0 || len(categories) == 0 {
		return Warmed{Skipped: "no territory, located stakeholder or active service to run them on"}, nil
	}
	// A scope of each level: a plan's first run on a scope of another
	// level still took 0.4 to 1 s after the first level's run. Referral
	// paths likewise twice, from other ids.
	var errs []error
	for i, scope := range scopes {
		for _, leaves := range []bool{false, true} { // supplyDemandMatrix, then serviceGaps
			if err := s.warmMatrix(ctx, matrix.Query{ScopeID: scope, RowLevel: domain.LevelMunicipality, Leaves: leaves}); err != nil {
				errs = append(errs, err)
			}
		}
		if i < 2 {
			q := referral.Query{FromID: froms[min(i, len(froms)-1)], CategoryID: categories[min(i, len(categories)-1)],
				MaxHops: referral.DefaultMaxHops, MaxDistanceKm: referral.DefaultMaxDistanceKm, First: referral.DefaultFirst}
			if err := s.warmReferral(ctx, q); err != nil {
				errs = append(errs, err)
			}
		}
		if len(errs) > 0 {
			break
		}
	}
	return Warmed{}, errors.Join(errs...)
}

// warmMatrix runs what supplyDemandMatrix (cells with their providers and
// nearest supply) and serviceGaps (the nearby supply of up to 3) ask.
func (s *Store) warmMatrix(ctx context.Context, q matrix.Query) error {
	m, err := matrix.Compute(ctx, s, q)
	var derr *domain.Error
	var ps domain.Problems
	if errors.As(err, &derr) || errors.As(err, &ps) {
		return nil // e.g. a scope below the row level: nothing to warm with it
	}
	if err != nil {
		return fmt.Errorf("warm-up: matrix: %w", err)
	}
	// A few rows and columns plan the cells' queries as well as all of
	// them, and all the cells of a big graph's country kept the warm-up
	// beyond its deadline.
	rows, cols := keysOf(m.Rows), keysOf(m.Cols)
	rows, cols = rows[:min(len(rows), 5)], cols[:min(len(cols), 5)]
	var cells []matrix.CellKey
	for _, r := range rows {
		for _, c := range cols {
			cells = append(cells, matrix.CellKey{Row: r, Col: c})
		}
	}
	if len(cells) == 0 {
		return nil
	}
	for _, local := range []bool{true, false} {
		if _, err := s.MatrixProviders(ctx, q, rows, cols, local); err != nil {
			return fmt.Errorf("warm-up: matrix providers: %w", err)
		}
	}
	for _, limit := range []int{1, 3} {
		if _, err := s.MatrixNearby(ctx, q, cells, limit); err != nil {
			return fmt.Errorf("warm-up: matrix nearby: %w", err)
		}
	}
	return nil
}

// warmReferral runs the three queries of referralPaths.
func (s *Store) warmReferral(ctx context.Context, q referral.Query) error {
	if _, err := referral.Find(ctx, s, q); err != nil {
		return fmt.Errorf("warm-up: referral paths: %w", err)
	}
	return nil
}
