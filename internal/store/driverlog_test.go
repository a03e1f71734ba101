package store

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestDriverLog: the driver's errors are warnings unless they are
// coopgraph's own or the client's; its info lines are debug lines.
func TestDriverLog(t *testing.T) {
	tests := []struct {
		name string
		log  func(d driverLog)
		want string // the level logged, "" for none at info
	}{
		{"OKConnection", func(d driverLog) { d.Error("pool", "1", errors.New("EOF")) }, "level=WARN"},
		{"OKOwnError", func(d driverLog) { d.Error("session", "2", &domain.Error{Code: domain.CodeConflict}) }, ""},
		{"OKProblems", func(d driverLog) { d.Error("session", "3", domain.Problems{{Field: "x"}}) }, ""},
		{"OKClientError", func(d driverLog) {
			d.Error("session", "4", &neo4j.Neo4jError{Code: "Neo.ClientError.Transaction.InvalidBookmark"})
		}, ""},
		{"OKWarn", func(d driverLog) { d.Warnf("router", "5", "no %s", "reader") }, "level=WARN"},
		{"OKInfo", func(d driverLog) { d.Infof("pool", "6", "created") }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tt.log(driverLog{slog.New(slog.NewTextHandler(&buf, nil))})
			if got := buf.String(); tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
