package main

import (
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	const pkg = `"Package":"example.org/p"`
	tests := []struct {
		name       string
		events     []string
		want       []string // lines of output, in order
		wantNot    []string
		wantFailed int
	}{
		{"OK", []string{
			`{"Action":"start",` + pkg + `}`,
			`{"Action":"run",` + pkg + `,"Test":"TestA"}`,
			`{"Action":"output",` + pkg + `,"Test":"TestA","Output":"=== RUN   TestA\n"}`,
			`{"Action":"output",` + pkg + `,"Test":"TestA","Output":"--- PASS: TestA (0.00s)\n"}`,
			`{"Action":"pass",` + pkg + `,"Test":"TestA"}`,
			`{"Action":"output",` + pkg + `,"Output":"PASS\n"}`,
			`{"Action":"output",` + pkg + `,"Output":"ok  \texample.org/p\t0.01s\n"}`,
			`{"Action":"pass",` + pkg + `}`,
		}, []string{"testing example.org/p (1/3)", "ok  \texample.org/p\t0.01s"}, []string{"PASS", "=== RUN", "TestA"}, 0},
		{"Skip", []string{
			`{"Action":"run",` + pkg + `,"Test":"TestB"}`,
			`{"Action":"output",` + pkg + `,"Test":"TestB","Output":"=== RUN   TestB\n"}`,
			`{"Action":"output",` + pkg + `,"Test":"TestB","Output":"    helpers_test.go:12: skipped: needs ../shared/hsds/3.0\n"}`,
			`{"Action":"output",` + pkg + `,"Test":"TestB","Output":"--- SKIP: TestB (0.00s)\n"}`,
			`{"Action":"skip",` + pkg + `,"Test":"TestB"}`,
		}, []string{"    SKIP example.org/p TestB: skipped: needs ../shared/hsds/3.0", "1 tests skipped:"}, []string{"helpers_test.go"}, 0},
		{"Fail", []string{
			`{"Action":"run",` + pkg + `,"Test":"TestC"}`,
			`{"Action":"output",` + pkg + `,"Test":"TestC","Output":"=== RUN   TestC\n"}`,
			`{"Action":"output",` + pkg + `,"Test":"TestC","Output":"    c_test.go:3: boom\n"}`,
			`{"Action":"output",` + pkg + `,"Test":"TestC","Output":"--- FAIL: TestC (0.00s)\n"}`,
			`{"Action":"fail",` + pkg + `,"Test":"TestC"}`,
			`{"Action":"output",` + pkg + `,"Output":"FAIL\n"}`,
			`{"Action":"output",` + pkg + `,"Output":"FAIL\texample.org/p\t0.01s\n"}`,
			`{"Action":"fail",` + pkg + `}`,
		}, []string{"    c_test.go:3: boom", "--- FAIL: TestC (0.00s)", "FAIL", "FAIL\texample.org/p\t0.01s"}, []string{"=== RUN"}, 1},
		{"BuildFailure", []string{
			`{"ImportPath":"example.org/p [example.org/p.test]","Action":"build-output","Output":"p_test.go:1:1: syntax error\n"}`,
			`{"Action":"output",` + pkg + `,"Output":"FAIL\texample.org/p [build failed]\n"}`,
			`{"Action":"fail",` + pkg + `}`,
		}, []string{"p_test.go:1:1: syntax error", "FAIL\texample.org/p [build failed]"}, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			r := newReport(&out, 3)
			r.read(strings.NewReader(strings.Join(tc.events, "\n")))
			r.summary()
			got := out.String()
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w+"\n")
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, got)
				}
				at += i + len(w)
			}
			for _, w := range tc.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("output has %q:\n%s", w, got)
				}
			}
			if r.failed != tc.wantFailed {
				t.Errorf("failed packages %d, want %d", r.failed, tc.wantFailed)
			}
		})
	}
}
