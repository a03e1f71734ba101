package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestClassify: driver errors get their code however deeply the operation
// wrapped them (a write in flight when Neo4j dies is UNAVAILABLE, not
// INTERNAL).
func TestClassify(t *testing.T) {
	conn := &neo4j.ConnectivityError{Inner: io.EOF}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"ConnectivityError", conn, domain.CodeUnavailable},
		{"ConnectivityErrorWrappedOnce", fmt.Errorf("create service sv-1: %w", conn), domain.CodeUnavailable},
		{"ConnectivityErrorWrappedTwice", fmt.Errorf("write: %w", fmt.Errorf("create service sv-1: %w", conn)), domain.CodeUnavailable},
		{"TransientNeo4jError", fmt.Errorf("x: %w", &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"}), domain.CodeUnavailable},
		{"ConstraintWrapped", fmt.Errorf("x: %w", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}), domain.CodeConflict},
		{"Deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), domain.CodeTimeout},
		{"AnythingElseStaysInternal", errors.New("a bug"), domain.CodeInternal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.ErrorCode(classify(context.Background(), tc.err)); got != tc.want {
				t.Errorf("classify(%v) is %s, want %s", tc.err, got, tc.want)
			}
		})
	}
}
