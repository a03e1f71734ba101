package shared

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records Skip and Fatal instead of ending
// the test.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()           {}
func (r *recorder) Skip(args ...any)  { r.skipped = fmt.Sprint(args...) }
func (r *recorder) Fatal(args ...any) { r.failed = fmt.Sprint(args...) }

func TestDir(t *testing.T) {
	tests := []struct {
		name, rel, require string
		wantSkip, wantFail string // substrings; both empty: found
	}{
		{"ErrMissingSkips", "no-such-dir/3.0", "", "skipped: needs ../shared/no-such-dir/3.0 beside the checkout", ""},
		{"ErrMissingFailsWhenRequired", "no-such-dir/3.0", "1", "", "COOPGRAPH_REQUIRE_SHARED is set"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(RequireEnv, tc.require)
			r := &recorder{TB: t}
			got := Dir(r, tc.rel)
			if !strings.Contains(r.skipped, tc.wantSkip) || tc.wantSkip == "" && r.skipped != "" {
				t.Errorf("skipped %q, want %q", r.skipped, tc.wantSkip)
			}
			if !strings.Contains(r.failed, tc.wantFail) || tc.wantFail == "" && r.failed != "" {
				t.Errorf("failed %q, want %q", r.failed, tc.wantFail)
			}
			if got != "" {
				t.Errorf("Dir = %q for a missing directory", got)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		root := t.TempDir()
		for _, d := range []string{"repo/internal/pkg", "shared/hsds/3.0"} {
			if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(root, "repo/go.mod"), []byte("module x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := find(filepath.Join(root, "repo/internal/pkg"), "hsds/3.0")
		if want := filepath.Join(root, "repo/internal/pkg/../../../shared/hsds/3.0"); err != nil || got != want {
			t.Fatalf("find = %q, %v; want %q", got, err, want)
		}
		if _, err := find(filepath.Join(root, "repo/internal/pkg"), "hsds/2.0"); err == nil {
			t.Fatal("found a directory that is not there")
		}
	})
}
