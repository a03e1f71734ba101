// Package shared finds the reference files that tests read in place from
// ../shared beside the checkout (the official HSDS 3.0 examples and
// schemas), which a plain clone of the repository does not have. Without
// them a test is skipped with one line saying what is missing; CI sets
// COOPGRAPH_REQUIRE_SHARED=1 (see .ci/run), which turns the skip into a
// failure, so those tests never go quietly unrun there.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// RequireEnv is the environment variable that makes a missing ../shared a
// test failure instead of a skip.
const RequireEnv = "COOPGRAPH_REQUIRE_SHARED"

// Dir returns the path of ../shared/rel (rel in slash form, e.g.
// "hsds/3.0"), relative to the test's package directory, or skips the test
// when it is absent.
func Dir(t testing.TB, rel string) string {
	t.Helper()
	dir, err := find(".", rel)
	if err == nil {
		return dir
	}
	msg := "needs ../shared/" + rel + " beside the checkout, which a plain clone does not have (" + err.Error() + ")"
	if os.Getenv(RequireEnv) != "" {
		t.Fatal(msg + ", and " + RequireEnv + " is set")
		return ""
	}
	t.Skip("skipped: " + msg)
	return ""
}

// find walks up from start (the test's package directory) to the module
// root and looks for ../shared/rel beside it.
func find(start, rel string) (string, error) {
	up := start
	for range 10 {
		if _, err := os.Stat(filepath.Join(up, "go.mod")); err == nil {
			p := filepath.Join(up, "..", "shared", filepath.FromSlash(rel))
			if _, err := os.Stat(p); err != nil {
				return "", errNotFound(p)
			}
			return p, nil
		}
		up = filepath.Join(up, "..")
	}
	return "", errNotFound("go.mod")
}

type errNotFound string

func (e errNotFound) Error() string { return "no " + string(e) }
