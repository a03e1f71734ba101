// Command testprogress runs go test and says what it is doing: a line as
// each package starts, a line every minute naming the tests still running,
// and, for every skipped test, its name and why. Otherwise the output is
// go test's own, without -v: the output of failed tests, then one "ok",
// "FAIL" or "?" line per package, which CI reads. It exits with go test's
// status (1 when a test failed even if go test did not say so).
//
//	go run ./internal/testdb/testprogress [go test flags] PACKAGES...
//
// The arguments that are neither flags nor their values are the package
// patterns, which it lists to count the packages.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	goCmd := cmp.Or(os.Getenv("GO"), "go")
	var patterns []string
	for i, a := range args {
		if !strings.HasPrefix(a, "-") && (i == 0 || !valueFlags[strings.TrimLeft(args[i-1], "-")]) {
			patterns = append(patterns, a)
		}
	}
	total := 0
	if out, err := exec.Command(goCmd, append([]string{"list", "-e"}, patterns...)...).Output(); err == nil {
		total = len(strings.Fields(string(out)))
	}
	cmd := exec.Command(goCmd, append([]string{"test", "-json"}, args...)...)
	cmd.Stderr = stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(stderr, "testprogress:", err)
		return 1
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(stderr, "testprogress:", err)
		return 1
	}
	r := newReport(stdout, total)
	stop := r.heartbeat(time.Minute)
	r.read(pipe)
	stop()
	werr := cmd.Wait()
	code := 0
	if werr != nil {
		code = 1
		if ee, ok := werr.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
	}
	r.summary()
	if r.failed > 0 && code == 0 {
		code = 1
	}
	return code
}

// valueFlags are the go test flags that may take their value as the next
// argument (-p 1), which is then no package pattern.
var valueFlags = map[string]bool{"p": true, "run": true, "skip": true, "bench": true, "benchtime": true, "count": true,
	"timeout": true, "parallel": true, "cpu": true, "tags": true, "coverprofile": true, "shuffle": true}

// event is one line of go test -json (cmd/test2json).
type event struct {
	Time       time.Time
	Action     string
	Package    string
	ImportPath string // build-output, build-fail
	Test       string
	Elapsed    float64
	Output     string
}

type report struct {
	mu      sync.Mutex
	out     io.Writer
	total   int
	started int
	failed  int      // packages
	skips   []string // "pkg TestX: why"
	pkg     string   // the package running now (go test -p 1)
	since   time.Time
	running []string            // top-level tests of pkg running now
	lines   map[string][]string // output of each running test
}

func newReport(out io.Writer, total int) *report {
	return &report{out: out, total: total, lines: map[string][]string{}}
}

func (r *report) read(in io.Reader) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			// Not JSON: something go test printed itself.
			r.print(sc.Text() + "\n")
			continue
		}
		r.handle(e)
	}
}

func (r *report) print(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	io.WriteString(r.out, s)
}

func (r *report) handle(e event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e.Action == "build-output" {
		io.WriteString(r.out, e.Output)
		return
	}
	if e.Test == "" {
		switch e.Action {
		case "start":
			r.started++
			r.pkg, r.since, r.running = e.Package, time.Now(), nil
			n := fmt.Sprint(r.started)
			if r.total > 0 {
				n += fmt.Sprintf("/%d", r.total)
			}
			fmt.Fprintf(r.out, "testing %s (%s)\n", e.Package, n)
		case "output":
			if e.Output != "PASS\n" {
				io.WriteString(r.out, e.Output)
			}
		case "fail":
			r.failed++
		}
		return
	}
	key := e.Package + " " + e.Test
	switch e.Action {
	case "run":
		if !strings.Contains(e.Test, "/") {
			r.running = append(r.running, e.Test)
		}
	case "output":
		if !slices.ContainsFunc([]string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME"}, func(p string) bool {
			return strings.HasPrefix(e.Output, p)
		}) {
			r.lines[key] = append(r.lines[key], e.Output)
		}
	case "pass", "fail", "skip":
		r.running = slices.DeleteFunc(r.running, func(t string) bool { return t == e.Test })
		lines := r.lines[key]
		delete(r.lines, key)
		switch e.Action {
		case "fail":
			io.WriteString(r.out, strings.Join(lines, ""))
		case "skip":
			line := fmt.Sprintf("%s %s: %s", e.Package, e.Test, why(lines))
			r.skips = append(r.skips, line)
			fmt.Fprintf(r.out, "    SKIP %s\n", line)
		}
	}
}

// why is what a skipped test said, without go test's "--- SKIP" line and
// the file:line prefix.
func why(lines []string) string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		if i := strings.Index(l, ": "); i > 0 && strings.Contains(l[:i], ".go:") {
			l = l[i+2:]
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return "(no reason given)"
	}
	return strings.Join(out, "; ")
}

// heartbeat prints, every interval a package runs, the tests it is still
// running; the returned func stops it.
func (r *report) heartbeat(interval time.Duration) func() {
	done := make(chan struct{})
	t := time.NewTicker(interval / 6)
	var last time.Time // of the last line
	go func() {
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				r.mu.Lock()
				if r.pkg != "" && now.Sub(r.since) >= interval && now.Sub(last) >= interval {
					last = now
					fmt.Fprintf(r.out, "    still testing %s after %s: %s\n", r.pkg, now.Sub(r.since).Round(time.Second),
						cmp.Or(strings.Join(r.running, ", "), "(between tests)"))
				}
				r.mu.Unlock()
			}
		}
	}()
	return func() { t.Stop(); close(done) }
}

func (r *report) summary() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.skips) > 0 {
		fmt.Fprintf(r.out, "%d tests skipped:\n", len(r.skips))
		for _, s := range r.skips {
			fmt.Fprintf(r.out, "    %s\n", s)
		}
	}
}
