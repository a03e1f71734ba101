package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

func sha(q string) string {
	s := sha256.Sum256([]byte(q))
	return hex.EncodeToString(s[:])
}

// TestAllowList: in allow-list mode a registered operation runs, sent as
// text or as its hash alone; anything else is FORBIDDEN with no Cypher run.
func TestAllowList(t *testing.T) {
	st := testdb.OpenDemo(t)
	const registered = `query TargetGroup { targetGroup(id: "tg-older-people") { name } }`
	h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		PersistedQueries: map[string]string{sha(registered): registered}})
	send := func(body map[string]any) response { return postBody(t, h, st, body) }
	hashOnly := func(h string) map[string]any {
		return map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": h}}}
	}
	const want = `{"targetGroup":{"name":"Older people"}}`
	for name, body := range map[string]map[string]any{"text": {"query": registered}, "hash": hashOnly(sha(registered))} {
		if r := send(body); len(r.Errors) > 0 || string(r.Data) != want {
			t.Errorf("registered operation as %s: %s %+v", name, r.Data, r.Errors)
		}
	}
	for name, body := range map[string]map[string]any{
		"ErrOtherQuery":       {"query": `{ targetGroups { totalCount } }`},
		"ErrChangedByASpace":  {"query": registered + " "},
		"ErrUnknownHash":      hashOnly(sha("{ me { role } }")),
		"ErrHashOfOtherQuery": {"query": `{ targetGroups { totalCount } }`, "extensions": hashOnly(sha(registered))["extensions"]},
	} {
		t.Run(name, func(t *testing.T) {
			r := send(body)
			if len(r.Errors) != 1 || r.Errors[0].code() != domain.CodeForbidden || r.queries != 0 || r.Errors[0].Extensions["requestId"] == nil {
				t.Fatalf("got %s %+v after %d queries; want FORBIDDEN, no Cypher", r.Data, r.Errors, r.queries)
			}
		})
	}
}

func TestLoadPersistedQueries(t *testing.T) {
	const q = `{ me { role } }`
	dir := t.TempDir()
	tests := []struct {
		name, file, wantErr string
	}{
		{name: "OK array", file: `["` + q + `"]`},
		{name: "OK manifest", file: `{"` + sha(q) + `": "` + q + `"}`},
		{name: "ErrWrongHash", file: `{"` + sha("other") + `": "` + q + `"}`, wantErr: "not the SHA-256"},
		{name: "ErrNotJSON", file: `query { me }`, wantErr: "JSON array"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(tc.file), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := api.LoadPersistedQueries(path)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want an error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || len(got) != 1 || got[sha(q)] != q {
				t.Fatalf("got %v, %v", got, err)
			}
		})
	}
	if _, err := api.LoadPersistedQueries(filepath.Join(dir, "absent.json")); err == nil {
		t.Error("a missing file loaded")
	}
}

// TestAutomaticPersistedQueries: without an allow-list, a client sends a
// hash, is told the server does not know it, sends the text with the hash,
// and from then on the hash alone.
func TestAutomaticPersistedQueries(t *testing.T) {
	st, h := demoHandler(t)
	const q = `{ targetGroup(id: "tg-older-people") { name } }`
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": sha(q)}}
	send := func(body map[string]any) response { return postBody(t, h, st, body) }
	if r := send(map[string]any{"extensions": ext}); len(r.Errors) != 1 || r.Errors[0].Message != "PersistedQueryNotFound" || r.Errors[0].code() != domain.CodeBadUserInput {
		t.Fatalf("unknown hash: %+v", r.Errors)
	}
	const want = `{"targetGroup":{"name":"Older people"}}`
	for _, body := range []map[string]any{{"query": q, "extensions": ext}, {"extensions": ext}} {
		if r := send(body); len(r.Errors) > 0 || string(r.Data) != want {
			t.Fatalf("%v: %s %+v", body, r.Data, r.Errors)
		}
	}
}
