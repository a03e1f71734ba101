package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

//go:embed migrations/*.cypher
var migrationFiles embed.FS

// Migration is one versioned file of schema statements.
type Migration struct {
	Version    int
	Name       string
	Statements []string
}

// Migrations returns the embedded migrations in version order. A file is
// named NNN_name.cypher and holds statements ended by ";" (comments start
// with //).
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.cypher")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".cypher")
		num, label, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNN_name.cypher", name)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: label, Statements: splitStatements(string(b))})
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	return out, nil
}

func splitStatements(src string) []string {
	var lines []string
	for _, l := range strings.Split(src, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "//") {
			lines = append(lines, l)
		}
	}
	var out []string
	for _, s := range strings.Split(strings.Join(lines, "\n"), ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Migrate applies the migrations the database has not recorded yet, in
// order, and waits for the indexes to come online. It is idempotent: every
// statement uses IF NOT EXISTS, so a migration interrupted half-way is simply
// applied again. It returns the versions it applied.
func (s *Store) Migrate(ctx context.Context) ([]int, error) {
	migrations, err := Migrations()
	if err != nil {
		return nil, err
	}
	applied := map[int]bool{}
	// Returns the versions already applied (none before the first migration).
	recs, err := s.read(ctx, "MATCH (m:Migration) RETURN m.version AS v", nil)
	if err != nil {
		return nil, fmt.Errorf("migrate: read applied versions: %w", err)
	}
	for _, rec := range recs {
		r := rowOf(rec)
		if v := col[int64](r, "v"); r.Err() == nil && v != 0 {
			applied[int(v)] = true
		}
	}
	var done []int
	for _, m := range migrations {
		if applied[m.Version] {
			continue
		}
		// Schema statements cannot share a transaction with data writes, so
		// each runs on its own and the record is written last.
		for _, stmt := range m.Statements {
			if _, err := s.write(ctx, stmt, nil); err != nil && !alreadyExists(err) {
				return done, fmt.Errorf("migration %03d_%s: %w", m.Version, m.Name, err)
			}
		}
		// Records the migration; returns nothing.
		const record = `MERGE (m:Migration {version: $version})
			SET m.name = $name, m.appliedAt = datetime()`
		if _, err := s.write(ctx, record, map[string]any{"version": m.Version, "name": m.Name}); err != nil {
			return done, fmt.Errorf("migration %03d_%s: record: %w", m.Version, m.Name, err)
		}
		done = append(done, m.Version)
	}
	// Returns nothing; blocks until every index is online, so the first
	// query after start can use them.
	if _, err := s.write(ctx, "CALL db.awaitIndexes(300)", nil); err != nil {
		return done, fmt.Errorf("migrate: await indexes: %w", err)
	}
	return done, nil
}

// alreadyExists recognises the error of IF NOT EXISTS losing a race with
// another instance migrating at the same moment: the rule exists, which is
// what the statement wanted.
func alreadyExists(err error) bool {
	var nerr *neo4j.Neo4jError
	return errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.Schema.") &&
		strings.Contains(nerr.Code, "AlreadyExists")
}
