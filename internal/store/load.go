package store

import "context"

// IsEmpty reports whether the database holds no node of the model.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	// Returns one row when any model node exists; uses the id indexes.
	recs, err := s.read(ctx, `MATCH (n) WHERE n:Territory OR n:Stakeholder OR n:Service RETURN 1 LIMIT 1`, nil)
	if err != nil {
		return false, err
	}
	return len(recs) == 0, nil
}
