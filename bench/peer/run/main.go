// Command run is make bench-peer's driver: inside a Neo4j started by
// neo4j-launcher/neo4j.sh with (NEO4J_URI etc. set), it loads the demo data
// and a generated graph, starts coopgraph, the @neo4j/graphql peer and the
// floor on free ports, checks that the three give the same answer to each
// query of bench/peer/queries, measures each with wrk in alternating rounds
// and prints the tables (also written to -out).
//
// What is measured, and how:
//   - p50/p99 latency: wrk at 1 connection; requests/s: wrk at 8 connections;
//     each after a warm-up at 8 connections, in rounds that change the order
//     of the systems (round r starts with system r).
//   - statements per request: each system's own counter (coopgraph's
//     coopgraph_cypher_queries_total at /metrics, the peer's wrapped driver
//     sessions, the floor's counter) over a counted run of sequential requests.
//   - db hits: the statements each system runs for the query, as Neo4j shows
//     them in SHOW TRANSACTIONS while the system serves it, run again under
//     PROFILE with their parameters; the db hits of every operator summed.
//   - CPU per request: utime+stime (/proc/PID/stat) of the server process and
//     of Neo4j across the 8-connection measurement, divided by its requests.
//
// make bench-peer runs it with a fresh Neo4j. Against a database that has
// the data already (a quicker round while working on a query):
//
//	NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... go run ./bench/peer/run \
//	    -stakeholders 0 -rounds 1 -duration 2s -out /tmp/peer.md
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var (
	coopgraphBin = flag.String("coopgraph", "bin/coopgraph", "the coopgraph binary")
	floorBin     = flag.String("floor", "bin/bench-peer-floor", "the floor binary (go build ./bench/peer/floor)")
	peerDir      = flag.String("peer", "bench/peer", "directory of the peer (server.mjs, node_modules) and wrk.lua")
	queriesDir   = flag.String("queries", "bench/peer/queries", "directory of the queries")
	outFile      = flag.String("out", "bench/peer/results/latest.md", "where the report is written too")
	stakeholders = flag.Int("stakeholders", 20000, "stakeholders of the generated graph to import; 0: load nothing (the database has the data)")
	duration     = flag.Duration("duration", 4*time.Second, "length of each measurement (whole seconds)")
	warmup       = flag.Duration("warmup", time.Second, "warm-up before each system and query (whole seconds)")
	rounds       = flag.Int("rounds", 3, "rounds")
	counted      = flag.Int("counted", 20, "sequential requests over which statements are counted")
	logLevel     = flag.String("coopgraph-log-level", "warn", "coopgraph's COOPGRAPH_LOG_LEVEL (info logs a line per request)")
)

// A system is one of the three servers.
type system struct {
	name       string
	url        string // where queries are POSTed
	cmd        *exec.Cmd
	exited     chan struct{}           // closed when cmd has exited
	statements func() (float64, error) // statements run so far
}

// A query is one of the five, with the request body of each system.
type query struct {
	File      string `json:"file"`
	Name      string `json:"name"`
	Coopgraph string `json:"coopgraph"` // path of the answer in data, for coopgraph and the floor
	Peer      string `json:"peer"`      // the same for the peer
	CPU       bool   `json:"cpu"`       // measure CPU per request on it
	DBHits    bool   `json:"dbhits"`    // PROFILE the statements of each system
	body      map[string][]byte
	bodyFile  map[string]string
}

// A measurement is one wrk run.
type measurement struct {
	Requests     int     `json:"requests"`
	DurationUS   float64 `json:"duration_us"`
	P50US        float64 `json:"p50_us"`
	P99US        float64 `json:"p99_us"`
	StatusErrors int     `json:"status_errors"`
	SocketErrors int     `json:"socket_errors"`
}

func (m measurement) rps() float64 { return float64(m.Requests) / (m.DurationUS / 1e6) }

// result is what one round measured of one system on one query.
type result struct {
	one, eight measurement
	cpuMS      float64 // server CPU per request at 8 connections (cpu queries)
	neoCPUMS   float64 // Neo4j's CPU per request in the same run
}

var (
	systems []*system
	tmp     string
	out     strings.Builder // the report
)

// say prints a progress line (not part of the report).
func say(format string, args ...any) { fmt.Printf("bench-peer: "+format+"\n", args...) }

// report adds to the report and prints it.
func report(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	out.WriteString(s + "\n")
	fmt.Println(s)
}

func fatal(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-peer: "+format+"\n", args...)
	stopAll()
	os.Exit(1)
}

func main() {
	flag.Parse()
	for _, v := range []string{"NEO4J_URI", "NEO4J_PASSWORD"} {
		if os.Getenv(v) == "" {
			fatal("%s is not set: run me inside neo4j-launcher/neo4j.sh with -- (make bench-peer does)", v)
		}
	}
	var err error
	if tmp, err = os.MkdirTemp("", "bench-peer-"); err != nil {
		fatal("%v", err)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fatal("interrupted")
	}()
	start := time.Now()

	driver, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"), neo4j.BasicAuth(envOr("NEO4J_USER", "neo4j"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		fatal("%v", err)
	}
	defer driver.Close(context.Background())

	queries := loadQueries()
	if *stakeholders > 0 {
		load()
	}
	startSystems()
	defer stopAll()

	header(driver)
	check(queries)
	stmts := countStatements(queries)
	hits := dbHits(driver, queries)
	res := measure(queries)
	tables(queries, stmts, hits, res)
	report("\nThe whole run took %s.", time.Since(start).Round(time.Second))

	if err := os.MkdirAll(filepath.Dir(*outFile), 0o755); err != nil {
		fatal("%v", err)
	}
	if err := os.WriteFile(*outFile, []byte(out.String()), 0o644); err != nil {
		fatal("%v", err)
	}
	say("report written to %s; server logs in %s", *outFile, tmp)
}

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

var opName = regexp.MustCompile(`(?m)^\s*query\s+(\w+)`)

func loadQueries() []*query {
	raw, err := os.ReadFile(filepath.Join(*queriesDir, "queries.json"))
	if err != nil {
		fatal("%v", err)
	}
	var qs []*query
	if err := json.Unmarshal(raw, &qs); err != nil {
		fatal("queries.json: %v", err)
	}
	for _, q := range qs {
		q.body, q.bodyFile = map[string][]byte{}, map[string]string{}
		for _, sys := range []string{"coopgraph", "peer", "floor"} {
			src := sys
			if sys == "floor" {
				src = "coopgraph" // the floor takes coopgraph's request
			}
			text, err := os.ReadFile(filepath.Join(*queriesDir, q.File+"."+src+".graphql"))
			if err != nil {
				fatal("%v", err)
			}
			m := opName.FindSubmatch(text)
			if m == nil {
				fatal("%s.%s.graphql: the query needs an operation name", q.File, src)
			}
			b, _ := json.Marshal(map[string]any{"query": string(text), "operationName": string(m[1])})
			q.body[sys] = b
			q.bodyFile[sys] = filepath.Join(tmp, q.File+"."+sys+".json")
			if err := os.WriteFile(q.bodyFile[sys], b, 0o644); err != nil {
				fatal("%v", err)
			}
		}
	}
	return qs
}

// run runs a command to its end, its output going to ours.
func run(name string, args ...string) {
	say("%s %s", name, strings.Join(args, " "))
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fatal("%s %s: %v", name, strings.Join(args, " "), err)
	}
}

// load applies the migrations and loads the demo data and the generated graph.
func load() {
	t0 := time.Now()
	run(*coopgraphBin, "migrate")
	run(*coopgraphBin, "seed", "-demo")
	graph := filepath.Join(tmp, "graph.json")
	f, err := os.Create(graph)
	if err != nil {
		fatal("%v", err)
	}
	say("go run ./internal/testdb/gengraph -stakeholders %d > %s", *stakeholders, graph)
	gen := exec.Command(envOr("GO", "go"), "run", "./internal/testdb/gengraph", "-stakeholders", strconv.Itoa(*stakeholders))
	gen.Stdout, gen.Stderr = f, os.Stderr
	if err := gen.Run(); err != nil {
		fatal("gengraph: %v", err)
	}
	f.Close()
	run(*coopgraphBin, "import", graph)
	say("data loaded in %s", time.Since(t0).Round(time.Second))
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fatal("%v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// spawn starts a server with its output in a log file of tmp.
func spawn(name, dir string, env []string, bin string, args ...string) *exec.Cmd {
	logf, err := os.Create(filepath.Join(tmp, name+".log"))
	if err != nil {
		fatal("%v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		fatal("start %s: %v", name, err)
	}
	return cmd
}

// waitFor polls url until it answers 200.
func waitFor(name, u string, s *system) {
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			fatal("%s exited (log: %s)", name, filepath.Join(tmp, name+".log"))
		default:
		}
		resp, err := http.Get(u)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	fatal("%s did not answer at %s (log: %s)", name, u, filepath.Join(tmp, name+".log"))
}

func startSystems() {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			fatal("%v", err)
		}
		return a
	}
	cp := freePort()
	cg := spawn("coopgraph", "", []string{
		"COOPGRAPH_ADDR=127.0.0.1:" + strconv.Itoa(cp), "COOPGRAPH_MODE=development",
		"COOPGRAPH_RATE_LIMIT=0", "COOPGRAPH_LOG_LEVEL=" + *logLevel, "COOPGRAPH_METRICS_ADDR=",
	}, abs(*coopgraphBin), "serve")
	base := "http://127.0.0.1:" + strconv.Itoa(cp)
	systems = append(systems, &system{name: "coopgraph", url: base + "/graphql", cmd: cg,
		statements: func() (float64, error) { return promSum(base+"/metrics", "coopgraph_cypher_queries_total") }})

	pp, pm := freePort(), freePort()
	peer := spawn("peer", abs(*peerDir), []string{"PORT=" + strconv.Itoa(pp), "METRICS_PORT=" + strconv.Itoa(pm)},
		envOr("NODE", "node"), "server.mjs")
	pmURL := "http://127.0.0.1:" + strconv.Itoa(pm) + "/"
	systems = append(systems, &system{name: "peer", url: "http://127.0.0.1:" + strconv.Itoa(pp) + "/", cmd: peer,
		statements: func() (float64, error) { return jsonCounter(pmURL) }})

	fp := freePort()
	fl := spawn("floor", "", nil, abs(*floorBin), "-addr", "127.0.0.1:"+strconv.Itoa(fp), "-queries", abs(*queriesDir))
	fbase := "http://127.0.0.1:" + strconv.Itoa(fp)
	systems = append(systems, &system{name: "floor", url: fbase + "/graphql", cmd: fl,
		statements: func() (float64, error) { return jsonCounter(fbase + "/metrics") }})

	for _, s := range systems {
		s.exited = make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(s.exited) }()
	}
	t0 := time.Now()
	waitFor("coopgraph", base+"/readyz", systems[0])
	say("coopgraph ready (its warm-up of the heavy queries took %s)", time.Since(t0).Round(time.Second))
	waitFor("peer", pmURL, systems[1])
	waitFor("floor", fbase+"/metrics", systems[2])
	say("coopgraph (pid %d) at %s, peer (pid %d) at %s, floor (pid %d) at %s",
		cg.Process.Pid, systems[0].url, peer.Process.Pid, systems[1].url, fl.Process.Pid, systems[2].url)
}

func stopAll() {
	for _, s := range systems {
		if s.cmd == nil || s.cmd.Process == nil {
			continue
		}
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
	}
	timeout := time.After(10 * time.Second)
	for _, s := range systems {
		if s.exited == nil {
			continue
		}
		select {
		case <-s.exited:
		case <-timeout:
			_ = s.cmd.Process.Kill()
		}
	}
	systems = nil
}

func get(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// promSum sums the samples of a Prometheus counter over its labels.
func promSum(u, name string) (float64, error) {
	b, err := get(u)
	if err != nil {
		return 0, err
	}
	var sum float64
	found := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, name+"{") && !strings.HasPrefix(line, name+" ") {
			continue
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %q: %v", u, line, err)
		}
		sum, found = sum+v, true
	}
	if !found {
		return 0, fmt.Errorf("%s: no %s", u, name)
	}
	return sum, nil
}

func jsonCounter(u string) (float64, error) {
	b, err := get(u)
	if err != nil {
		return 0, err
	}
	var v struct{ Statements float64 }
	if err := json.Unmarshal(b, &v); err != nil {
		return 0, fmt.Errorf("%s: %v", u, err)
	}
	return v.Statements, nil
}

// post sends a query and returns the answer's body.
func post(s *system, body []byte) ([]byte, error) {
	resp, err := http.Post(s.url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, b)
	}
	return b, nil
}

func (q *query) path(sys string) string {
	if sys == "peer" {
		return q.Peer
	}
	return q.Coopgraph
}

// answer returns the part of a system's answer that is compared: the value
// at the query's path in data, as indented JSON with sorted keys.
func answer(s *system, q *query) (string, int, error) {
	b, err := post(s, q.body[s.name])
	if err != nil {
		return "", 0, err
	}
	var resp struct {
		Data   any `json:"data"`
		Errors any `json:"errors"`
	}
	if err := json.Unmarshal(b, &resp); err != nil {
		return "", 0, fmt.Errorf("not JSON: %.300s", b)
	}
	if resp.Errors != nil {
		return "", 0, fmt.Errorf("errors: %.500s", b)
	}
	v := resp.Data
	for _, k := range strings.Split(q.path(s.name), ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				return "", 0, fmt.Errorf("no %s in the answer: %.300s", q.path(s.name), b)
			}
			v = x[i]
		default:
			return "", 0, fmt.Errorf("no %s in the answer: %.300s", q.path(s.name), b)
		}
	}
	n := 1
	if l, ok := v.([]any); ok {
		n = len(l)
	}
	norm, _ := json.MarshalIndent(v, "", "  ")
	return string(norm), n, nil
}

// check fails, with a diff, unless the three give the same answer to each query.
func check(queries []*query) {
	report("\n## Answers\n")
	for _, q := range queries {
		var want string
		var counts []string
		for _, s := range systems {
			got, n, err := answer(s, q)
			if err != nil {
				fatal("%s, %s: %v", q.Name, s.name, err)
			}
			counts = append(counts, fmt.Sprintf("%s %d", s.name, n))
			if s == systems[0] {
				want = got
				if n == 0 || strings.TrimSpace(got) == "null" {
					fatal("%s: coopgraph's answer is empty; is the data loaded?\n%s", q.Name, got)
				}
				continue
			}
			if got != want {
				a := filepath.Join(tmp, q.File+".coopgraph.answer.json")
				b := filepath.Join(tmp, q.File+"."+s.name+".answer.json")
				_ = os.WriteFile(a, []byte(want+"\n"), 0o644)
				_ = os.WriteFile(b, []byte(got+"\n"), 0o644)
				d, _ := exec.Command("diff", "-u", a, b).CombinedOutput()
				if len(d) > 6000 {
					d = append(d[:6000], "\n[...]"...)
				}
				fatal("ANSWERS DIFFER: %s: coopgraph and %s (normalised answers in %s and %s):\n%s", q.Name, s.name, a, b, d)
			}
		}
		report("- %s: the same answer from all three (items: %s; %d bytes as indented JSON)", q.Name, strings.Join(counts, ", "), len(want))
	}
}

// countStatements returns, per query and system, the statements per request.
func countStatements(queries []*query) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for _, q := range queries {
		out[q.File] = map[string]float64{}
		for _, s := range systems {
			if _, err := post(s, q.body[s.name]); err != nil { // the first request may do one-off work
				fatal("%s, %s: %v", q.Name, s.name, err)
			}
			before, err := s.statements()
			if err != nil {
				fatal("%s: statement counter: %v", s.name, err)
			}
			for range *counted {
				if _, err := post(s, q.body[s.name]); err != nil {
					fatal("%s, %s: %v", q.Name, s.name, err)
				}
			}
			after, err := s.statements()
			if err != nil {
				fatal("%s: statement counter: %v", s.name, err)
			}
			out[q.File][s.name] = (after - before) / float64(*counted)
		}
	}
	return out
}

// profiled is one statement a system ran, with its PROFILE's db hits.
type profiled struct {
	cypher string
	hits   int64
	rows   int
}

// dbHits captures, for each query marked dbhits, the statements each system
// runs (SHOW TRANSACTIONS while it serves the query) and PROFILEs them.
func dbHits(driver neo4j.DriverWithContext, queries []*query) map[string][]profiled {
	out := map[string][]profiled{}
	for _, q := range queries {
		if !q.DBHits {
			continue
		}
		for _, s := range systems {
			seen := capture(driver, s, q)
			var ps []profiled
			for cypher, params := range seen {
				p, err := profile(driver, cypher, params)
				if err != nil {
					fatal("PROFILE of %s's statement: %v\n%s", s.name, err, cypher)
				}
				ps = append(ps, p)
			}
			sort.Slice(ps, func(i, j int) bool { return ps[i].cypher < ps[j].cypher })
			out[s.name] = ps
		}
		break // one query is profiled
	}
	return out
}

// capture sends the query to s over and over for a few seconds while
// polling SHOW TRANSACTIONS, and returns the distinct statements seen with
// their parameters.
func capture(driver neo4j.DriverWithContext, s *system, q *query) map[string]map[string]any {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			if _, err := post(s, q.body[s.name]); err != nil {
				return
			}
		}
	}()
	seen := map[string]map[string]any{}
	for ctx.Err() == nil {
		res, err := neo4j.ExecuteQuery(ctx, driver, "SHOW TRANSACTIONS YIELD currentQuery, parameters RETURN currentQuery, parameters",
			nil, neo4j.EagerResultTransformer)
		if err != nil {
			break
		}
		for _, r := range res.Records {
			c, _ := r.Values[0].(string)
			if c == "" || strings.HasPrefix(strings.TrimSpace(c), "SHOW TRANSACTIONS") {
				continue
			}
			params, _ := r.Values[1].(map[string]any)
			seen[c] = params
		}
	}
	<-done
	return seen
}

var cypherPrefix = regexp.MustCompile(`^\s*CYPHER\s+\d+\s*\n?`)

func profile(driver neo4j.DriverWithContext, cypher string, params map[string]any) (profiled, error) {
	stmt := "PROFILE " + cypherPrefix.ReplaceAllString(cypher, "")
	res, err := neo4j.ExecuteQuery(context.Background(), driver, stmt, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return profiled{}, err
	}
	var sum func(p neo4j.ProfiledPlan) int64
	sum = func(p neo4j.ProfiledPlan) int64 {
		n := p.DbHits()
		for _, c := range p.Children() {
			n += sum(c)
		}
		return n
	}
	plan := res.Summary.Profile()
	if plan == nil {
		return profiled{}, fmt.Errorf("no profile in the summary")
	}
	return profiled{cypher: cypher, hits: sum(plan), rows: len(res.Records)}, nil
}

// cpuTicks is utime+stime of a process, in clock ticks (1/100 s on Linux).
func cpuTicks(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:]) // fields from the 3rd (state) on
	u, _ := strconv.ParseFloat(f[11], 64)                    // field 14
	st, _ := strconv.ParseFloat(f[12], 64)                   // field 15
	return u + st
}

// neo4jPid finds the process listening on NEO4J_URI's port, 0 if none.
func neo4jPid() int {
	u, err := url.Parse(os.Getenv("NEO4J_URI"))
	if err != nil || u.Port() == "" {
		return 0
	}
	port, _ := strconv.Atoi(u.Port())
	hexPort := fmt.Sprintf(":%04X", port)
	inodes := map[string]bool{}
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, _ := os.ReadFile(f)
		for _, line := range strings.Split(string(b), "\n") {
			x := strings.Fields(line)
			if len(x) > 9 && strings.HasSuffix(x[1], hexPort) && x[3] == "0A" {
				inodes["socket:["+x[9]+"]"] = true
			}
		}
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range procs {
		if l, err := os.Readlink(fd); err == nil && inodes[l] {
			pid, _ := strconv.Atoi(strings.Split(fd, "/")[2])
			return pid
		}
	}
	return 0
}

func wrk(s *system, q *query, conns int, d time.Duration) measurement {
	threads := min(conns, 2)
	secs := max(1, int(d.Round(time.Second)/time.Second)) // wrk takes whole seconds
	args := []string{"-t" + strconv.Itoa(threads), "-c" + strconv.Itoa(conns), "-d" + strconv.Itoa(secs) + "s",
		"-s", filepath.Join(*peerDir, "wrk.lua"), s.url, "--", q.bodyFile[s.name]}
	b, err := exec.Command(envOr("WRK", "wrk"), args...).CombinedOutput()
	if err != nil {
		fatal("wrk %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	i := bytes.Index(b, []byte("wrk-result "))
	if i < 0 {
		fatal("wrk %s: no result line\n%s", strings.Join(args, " "), b)
	}
	var m measurement
	line, _, _ := bytes.Cut(b[i+len("wrk-result "):], []byte("\n"))
	if err := json.Unmarshal(line, &m); err != nil {
		fatal("wrk: %v: %s", err, line)
	}
	if m.StatusErrors > 0 || m.SocketErrors > 0 || m.Requests == 0 {
		fatal("wrk against %s on %q: %d requests, %d non-2xx answers, %d socket errors\n%s", s.name, q.Name,
			m.Requests, m.StatusErrors, m.SocketErrors, b)
	}
	return m
}

// measure runs the rounds; result[round][query][system].
func measure(queries []*query) []map[string]map[string]result {
	neo := neo4jPid()
	if neo == 0 {
		say("Neo4j's process was not found: its CPU per request is not measured")
	}
	report("\n## Rounds\n")
	report("Each round, for each query, each system in the round's order: a %s warm-up at 8 connections, %s at 1 connection, %s at 8 connections.\n",
		*warmup, *duration, *duration)
	var all []map[string]map[string]result
	for r := range *rounds {
		order := slices.Clone(systems)
		for range r % len(order) {
			order = append(order[1:], order[0])
		}
		up, _ := exec.Command("uptime").Output()
		names := make([]string, len(order))
		for i, s := range order {
			names[i] = s.name
		}
		report("- round %d (%s), `uptime` before: %s", r+1, strings.Join(names, ", "), strings.TrimSpace(string(up)))
		round := map[string]map[string]result{}
		for _, q := range queries {
			round[q.File] = map[string]result{}
			for _, s := range order {
				wrk(s, q, 8, *warmup)
				var res result
				res.one = wrk(s, q, 1, *duration)
				pid := s.cmd.Process.Pid
				c0, n0 := cpuTicks(pid), cpuTicks(neo)
				res.eight = wrk(s, q, 8, *duration)
				c1, n1 := cpuTicks(pid), cpuTicks(neo)
				res.cpuMS = (c1 - c0) * 10 / float64(res.eight.Requests)
				if neo != 0 {
					res.neoCPUMS = (n1 - n0) * 10 / float64(res.eight.Requests)
				}
				round[q.File][s.name] = res
				say("round %d, %s, %s: p50 %.2f ms, %.0f req/s", r+1, q.File, s.name, res.one.P50US/1000, res.eight.rps())
			}
		}
		all = append(all, round)
	}
	return all
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// num formats a figure with about three significant digits.
func num(x float64) string {
	switch {
	case x == float64(int64(x)) && x < 1e6:
		return strconv.FormatInt(int64(x), 10)
	case x < 10:
		return strconv.FormatFloat(x, 'f', 2, 64)
	case x < 100:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 0, 64)
}

func header(driver neo4j.DriverWithContext) {
	ctx := context.Background()
	one := func(cypher string) any {
		res, err := neo4j.ExecuteQuery(ctx, driver, cypher, nil, neo4j.EagerResultTransformer)
		if err != nil || len(res.Records) == 0 {
			return "?"
		}
		return res.Records[0].Values[0]
	}
	cpu := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
				break
			}
		}
	}
	nodeV, _ := exec.Command(envOr("NODE", "node"), "--version").Output()
	var lib struct{ Version string }
	if b, err := os.ReadFile(filepath.Join(*peerDir, "node_modules/@neo4j/graphql/package.json")); err == nil {
		_ = json.Unmarshal(b, &lib)
	}
	commit, _ := exec.Command("git", "describe", "--always", "--dirty").Output()
	wrkV, _ := exec.Command(envOr("WRK", "wrk"), "-v").CombinedOutput()
	wrkLine, _, _ := strings.Cut(string(wrkV), "\n")
	report("# coopgraph, @neo4j/graphql and the floor, side by side (make bench-peer)\n")
	report("- when: %s; coopgraph at `%s` (the working tree as built)", time.Now().UTC().Format("2006-01-02 15:04 UTC"), strings.TrimSpace(string(commit)))
	report("- machine: %d cores (%s)", numCPU(), cpu)
	report("- Neo4j %v, heap %s, page cache %s; graph: %v nodes, %v relationships (the demo data and a generated graph of %d stakeholders)",
		one("CALL dbms.components() YIELD versions RETURN versions[0]"), envOr("NEO4J_HEAP", "1g"), envOr("NEO4J_PAGECACHE", "256m"),
		one("MATCH (n) RETURN count(n)"), one("MATCH ()-[r]->() RETURN count(r)"), *stakeholders)
	report("- the district of \"inside a district\": g-district-48, %v stakeholders inside it at any depth",
		one("MATCH (:Territory {id: 'g-district-48'})<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(s:Stakeholder) RETURN count(DISTINCT s)"))
	report("- coopgraph: `serve`, COOPGRAPH_MODE=development, COOPGRAPH_RATE_LIMIT=0, COOPGRAPH_LOG_LEVEL=%s", *logLevel)
	report("- peer: @neo4j/graphql %s on Apollo Server (standalone), Node %s", lib.Version, strings.TrimSpace(string(nodeV)))
	report("- floor: bench/peer/floor, one hand-written Cypher statement per query")
	report("- load: %s (wrk.lua POSTs each query)", strings.TrimSpace(wrkLine))
}

func numCPU() int {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return 0
	}
	return strings.Count(string(b), "\nprocessor") + 1
}

func tables(queries []*query, stmts map[string]map[string]float64, hits map[string][]profiled, res []map[string]map[string]result) {
	med := func(q, sys string, f func(result) float64) float64 {
		var xs []float64
		for _, round := range res {
			xs = append(xs, f(round[q][sys]))
		}
		return median(xs)
	}
	p50 := func(r result) float64 { return r.one.P50US / 1000 }
	rps := func(r result) float64 { return r.eight.rps() }

	report("\n## Medians of the %d rounds\n", len(res))
	report("| query | statements per request (coopgraph / peer / floor) | p50 at 1 connection, coopgraph ÷ floor | requests/s at 8 connections, coopgraph ÷ peer |")
	report("|---|---|---|---|")
	for _, q := range queries {
		st := stmts[q.File]
		report("| %s | %s / %s / %s | %s | %s |", q.Name, num(st["coopgraph"]), num(st["peer"]), num(st["floor"]),
			num(med(q.File, "coopgraph", p50)/med(q.File, "floor", p50)), num(med(q.File, "coopgraph", rps)/med(q.File, "peer", rps)))
	}
	report("\n| query | p50 ms at 1 connection (coopgraph / peer / floor) | requests/s at 8 connections (coopgraph / peer / floor) |")
	report("|---|---|---|")
	for _, q := range queries {
		report("| %s | %s / %s / %s | %s / %s / %s |", q.Name,
			num(med(q.File, "coopgraph", p50)), num(med(q.File, "peer", p50)), num(med(q.File, "floor", p50)),
			num(med(q.File, "coopgraph", rps)), num(med(q.File, "peer", rps)), num(med(q.File, "floor", rps)))
	}

	for _, q := range queries {
		if !q.CPU {
			continue
		}
		report("\n## CPU per request: %s (at 8 connections; utime+stime from /proc/PID/stat over the measurement ÷ its requests)\n", q.Name)
		report("| system | server process, ms per request (rounds) | median | Neo4j, ms per request (rounds) | median |")
		report("|---|---|---|---|---|")
		for _, s := range []string{"coopgraph", "peer", "floor"} {
			var cs, ns []string
			for _, round := range res {
				cs = append(cs, num(round[q.File][s].cpuMS))
				ns = append(ns, num(round[q.File][s].neoCPUMS))
			}
			report("| %s | %s | %s | %s | %s |", s, strings.Join(cs, ", "), num(med(q.File, s, func(r result) float64 { return r.cpuMS })),
				strings.Join(ns, ", "), num(med(q.File, s, func(r result) float64 { return r.neoCPUMS })))
		}
	}

	for _, q := range queries {
		if !q.DBHits {
			continue
		}
		report("\n## db hits: %s\n", q.Name)
		report("The statements each system ran for the query, as SHOW TRANSACTIONS showed them while it served it (statements shorter than one poll may be missed), each run again under PROFILE with the same parameters.\n")
		report("| system | statements per request (its counter) | distinct statements seen | db hits (sum over them) |")
		report("|---|---|---|---|")
		for _, s := range []string{"coopgraph", "peer", "floor"} {
			var sum int64
			for _, p := range hits[s] {
				sum += p.hits
			}
			report("| %s | %s | %d | %d |", s, num(stmts[q.File][s]), len(hits[s]), sum)
		}
		for _, s := range []string{"coopgraph", "peer", "floor"} {
			for i, p := range hits[s] {
				report("\n%s, statement %d of %d: %d db hits, %d rows\n\n```cypher\n%s\n```", s, i+1, len(hits[s]), p.hits, p.rows, strings.TrimSpace(p.cypher))
			}
		}
		break
	}

	report("\n## Every round\n")
	report("| round | query | system | p50 ms (1 conn) | p99 ms (1 conn) | requests/s (8 conn) | p99 ms (8 conn) |")
	report("|---|---|---|---|---|---|---|")
	for r, round := range res {
		for _, q := range queries {
			for _, s := range []string{"coopgraph", "peer", "floor"} {
				x := round[q.File][s]
				report("| %d | %s | %s | %s | %s | %s | %s |", r+1, q.Name, s, num(x.one.P50US/1000), num(x.one.P99US/1000),
					num(x.eight.rps()), num(x.eight.P99US/1000))
			}
		}
	}
}
