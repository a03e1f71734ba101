package logging

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"OK", WithRequestID(context.Background(), "abc123"), "request_id=abc123"},
		{"NoRequestID", context.Background(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			// Wrapped twice: the id is still added once.
			log := slog.New(NewHandler(NewHandler(slog.NewTextHandler(&buf, nil))))
			log.With("k", "v").InfoContext(tt.ctx, "hello")
			got := buf.String()
			if n := strings.Count(got, "request_id="); tt.want == "" && n != 0 || tt.want != "" && (n != 1 || !strings.Contains(got, tt.want)) {
				t.Errorf("got %q, want %q once", got, tt.want)
			}
			if !strings.Contains(got, "k=v") {
				t.Errorf("got %q, want the logger's attributes kept", got)
			}
		})
	}
}
