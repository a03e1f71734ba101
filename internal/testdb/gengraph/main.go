// Command gengraph writes a generated, illustrative coopgraph document for
// benchmarks: go run ./internal/testdb/gengraph -stakeholders 20000 > big.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/coopgraph/coopgraph/internal/testdb"
)

func main() {
	sz := testdb.ImportBenchSize
	flag.IntVar(&sz.Stakeholders, "stakeholders", sz.Stakeholders, "stakeholders (services, needs and the rest scale with them)")
	flag.Parse()
	scale := float64(sz.Stakeholders) / float64(testdb.ImportBenchSize.Stakeholders)
	sz.Needs = int(float64(sz.Needs) * scale)
	sz.Partnerships = int(float64(sz.Partnerships) * scale)
	sz.Events = int(float64(sz.Events) * scale)
	doc := testdb.Generate(sz, 42)
	if err := json.NewEncoder(os.Stdout).Encode(doc); err != nil {
		fmt.Fprintln(os.Stderr, "gengraph:", err)
		os.Exit(1)
	}
}
