package store

import (
	"context"
	"fmt"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// docIDs lists the ids a document defines, per label, with the levels of
// its territories.
func docIDs(doc *domain.Document) (map[string]map[string]bool, map[string]domain.TerritoryLevel) {
	ids := map[string]map[string]bool{}
	levels := map[string]domain.TerritoryLevel{}
	doc.Each(func(label, id string, rec any) {
		if ids[label] == nil {
			ids[label] = map[string]bool{}
		}
		ids[label][id] = true
		if t, ok := rec.(domain.TerritoryRecord); ok {
			levels[id] = t.Level
		}
	})
	return ids, levels
}

// checkRefs returns a problem for every reference of the document to a
// record that exists neither in the document nor in the database (nor in
// known, the rest of an import), for territories of the wrong level, and for
// category cycles.
func checkRefs(ctx context.Context, tx runner, doc *domain.Document) (domain.Problems, error) {
	return checkRefsKnown(ctx, tx, doc, nil)
}

// Known answers for records defined elsewhere in the same import.
type Known func(label, id string) (domain.TerritoryLevel, bool)

func checkRefsKnown(ctx context.Context, tx runner, doc *domain.Document, known Known) (domain.Problems, error) {
	ids, levels := docIDs(doc)
	refs := doc.Refs()
	want := map[string][]string{}
	for _, r := range refs {
		if ids[r.Label][r.ID] {
			continue
		}
		if known != nil {
			if _, ok := known(r.Label, r.ID); ok {
				continue
			}
		}
		want[r.Label] = append(want[r.Label], r.ID)
	}
	stored, err := lookupIDs(ctx, tx, want)
	if err != nil {
		return nil, err
	}
	ps := domain.CheckRefs(refs, func(label, id string) (domain.TerritoryLevel, bool) {
		if ids[label][id] {
			return levels[id], true
		}
		if known != nil {
			if lv, ok := known(label, id); ok {
				return lv, true
			}
		}
		lv, ok := stored[label][id]
		return lv, ok
	})
	more, err := checkChildLevels(ctx, tx, doc)
	if err != nil {
		return nil, err
	}
	ps = append(ps, more...)
	more, err = checkCategoryCycles(ctx, tx, doc)
	if err != nil {
		return nil, err
	}
	return append(ps, more...), nil
}

// lookupIDs returns which of the wanted ids exist, per label, one query per
// label, with the level of territories.
func lookupIDs(ctx context.Context, tx runner, want map[string][]string) (map[string]map[string]domain.TerritoryLevel, error) {
	found := map[string]map[string]domain.TerritoryLevel{}
	for label, list := range want {
		found[label] = map[string]domain.TerritoryLevel{}
		// Returns the ids that exist, with the level for territories.
		recs, err := collect(ctx, tx, "UNWIND $ids AS id MATCH (n:"+label+" {id: id}) RETURN DISTINCT id, n.level AS level",
			map[string]any{"ids": list})
		if err != nil {
			return nil, fmt.Errorf("check references to %s: %w", label, err)
		}
		for _, rec := range recs {
			r := rowOf(rec)
			found[label][col[string](r, "id")] = domain.TerritoryLevel(col[string](r, "level"))
			if err := r.Err(); err != nil {
				return nil, fmt.Errorf("check references to %s: %w", label, err)
			}
		}
	}
	return found, nil
}

// checkChildLevels: a territory written with a new level must stay above the
// territories already PART_OF it (those the document does not rewrite).
func checkChildLevels(ctx context.Context, tx runner, doc *domain.Document) (domain.Problems, error) {
	if len(doc.Territories) == 0 {
		return nil, nil
	}
	rows := make([]map[string]any, len(doc.Territories))
	inDoc := make([]string, len(doc.Territories))
	for i, t := range doc.Territories {
		rows[i] = map[string]any{"i": i, "id": t.ID, "rank": t.Level.Rank()}
		inDoc[i] = t.ID
	}
	// Returns existing children not in the document whose level is not
	// below the new level of their parent.
	const cypher = `UNWIND $rows AS row
MATCH (c:Territory)-[:PART_OF]->(:Territory {id: row.id})
WHERE NOT c.id IN $inDoc
WITH row, c, [i IN range(0, size($levels) - 1) WHERE $levels[i] = c.level][0] AS childRank
WHERE childRank <= row.rank
RETURN row.i AS i, c.id AS child, c.level AS level`
	levels := make([]string, len(domain.TerritoryLevels))
	for i, l := range domain.TerritoryLevels {
		levels[i] = string(l)
	}
	recs, err := collect(ctx, tx, cypher, map[string]any{"rows": rows, "inDoc": inDoc, "levels": levels})
	if err != nil {
		return nil, fmt.Errorf("check territory levels: %w", err)
	}
	var ps domain.Problems
	for _, rec := range recs {
		r := rowOf(rec)
		i, child, level := int(col[int64](r, "i")), col[string](r, "child"), col[string](r, "level")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("check territory levels: %w", err)
		}
		t := doc.Territories[i]
		ps = append(ps, domain.Problem{Line: i + 1, Record: t.ID, Field: fmt.Sprintf("territories[%d].level", i),
			Message: fmt.Sprintf("%s is not above its part %q, a %s", t.Level, child, level)})
	}
	return ps, nil
}

// checkCategoryCycles: following SUBCATEGORY_OF from a written category —
// the document's parents first, the database's for the others — must not
// come back to it.
func checkCategoryCycles(ctx context.Context, tx runner, doc *domain.Document) (domain.Problems, error) {
	if len(doc.ServiceCategories) == 0 {
		return nil, nil
	}
	var parents []string
	for _, c := range doc.ServiceCategories {
		if c.ParentID != "" {
			parents = append(parents, c.ParentID)
		}
	}
	stored, err := storedParents(ctx, tx, parents)
	if err != nil {
		return nil, err
	}
	return domain.CategoryCycles(doc.ServiceCategories, func(id string) string { return stored[id] }), nil
}

// storedParents returns the stored SUBCATEGORY_OF parent of the given
// categories and of everything above them.
func storedParents(ctx context.Context, tx runner, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	// Returns the stored chains of parents above the given categories.
	recs, err := collect(ctx, tx, `UNWIND $ids AS id
MATCH path = (:ServiceCategory {id: id})-[:SUBCATEGORY_OF*1..]->(:ServiceCategory)
RETURN [n IN nodes(path) | n.id] AS chain`, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("check category cycles: %w", err)
	}
	for _, rec := range recs {
		r := rowOf(rec)
		chain := stringList(col[[]any](r, "chain"))
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("check category cycles: %w", err)
		}
		for i := 0; i+1 < len(chain); i++ {
			out[chain[i]] = chain[i+1]
		}
	}
	return out, nil
}

// validate returns the problems of a document about to be written: own
// (its records' own rules, checked before the transaction) and those of
// its references against the document and the database (checkRefs).
func validate(ctx context.Context, tx runner, doc *domain.Document, own domain.Problems) error {
	refs, err := checkRefs(ctx, tx, doc)
	if err != nil {
		return err
	}
	if ps := append(own, refs...); len(ps) > 0 {
		return ps
	}
	return nil
}
