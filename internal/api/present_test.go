package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestPresentClientCancel: a client that went away mid-request is not a
// server fault: TIMEOUT, not INTERNAL, and no error in the log; a deadline
// the server set is still logged.
func TestPresentClientCancel(t *testing.T) {
	tests := []struct {
		name     string
		ctx      func() context.Context
		err      error
		wantCode string
		wantLog  bool
	}{
		{"client cancelled", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, fmt.Errorf("hop Stakeholder.services: %w", context.Canceled), domain.CodeTimeout, false},
		{"server deadline", context.Background, &domain.Error{Code: domain.CodeTimeout, Message: "the request took too long", Err: context.DeadlineExceeded},
			domain.CodeTimeout, true},
		{"a real fault", context.Background, fmt.Errorf("decode stakeholder: %w", errors.New("boom")), domain.CodeInternal, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			a := &api{log: slog.New(slog.NewTextHandler(&logs, nil))}
			gerr := a.presentError(tc.ctx(), tc.err)
			if gerr.Extensions["code"] != tc.wantCode {
				t.Errorf("code %v, want %s", gerr.Extensions["code"], tc.wantCode)
			}
			if logged := strings.Contains(logs.String(), "level=ERROR"); logged != tc.wantLog {
				t.Errorf("logged as error = %v, want %v:\n%s", logged, tc.wantLog, logs.String())
			}
		})
	}
}
