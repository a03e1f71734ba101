package hsds

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// No input may make the readers panic, and whatever they accept must be a
// document the import can write: ids unique, references resolved, the
// domain's rules kept (checkDocument). The seeds are the project's samples
// and, when ../shared is there, the official examples; `go test` runs
// them, `go test -fuzz FuzzHSDSJSON` looks further.

func FuzzHSDSJSON(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(sampleData, "*.json"))
	official, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "hsds", "3.0", "examples", "*.json"))
	for _, p := range append(seeds, official...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`[{"id": "o", "name": "O", "services": [{"id": "s", "name": "S", "service_areas": [{"name": ""}]}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opt := range []Options{{}, {ParentTerritoryID: "tr-p", IDPrefix: "h-", CityLevel: "SETTLEMENT"}} {
			res, err := ReadJSON(bytes.NewReader(data), "in.json", opt)
			if err == nil {
				checkDocument(t, res, opt)
			}
		}
	})
}

// packageFiles are the files FuzzHSDSPackage fills: a 1.x table set, so that
// its seeds are the project's 1.x packages, and the 3.x names of the same
// tables, which the 3.x seed fills.
var packageFiles = []string{"datapackage.json", "organizations.csv", "locations.csv", "physical_addresses.csv",
	"services.csv", "services_at_location.csv", "service_area.csv", "taxonomy.csv", "services_taxonomy.csv",
	"address.csv", "attribute.csv", "service_capacity.csv"}

func FuzzHSDSPackage(f *testing.F) {
	for _, dir := range []string{"v1", "v31", "published", "published-rejects"} {
		var files [12]string
		for i, name := range packageFiles {
			b, err := os.ReadFile(filepath.Join(sampleData, dir, name))
			if err != nil && i > 0 {
				b, err = os.ReadFile(filepath.Join(sampleData, dir, "data", name))
			}
			if err != nil && dir == "v31" {
				// 3.1 names its tables in the singular.
				b, err = os.ReadFile(filepath.Join(sampleData, dir, singular[name]))
			}
			if err == nil {
				files[i] = string(b)
			}
		}
		f.Add(files[0], files[1], files[2], files[3], files[4], files[5], files[6], files[7], files[8], files[9], files[10], files[11])
	}
	f.Fuzz(func(t *testing.T, descriptor, orgs, locs, addrs, svcs, sals, areas, terms, links, addr3, attr3, caps string) {
		fsys := fstest.MapFS{}
		for i, content := range []string{descriptor, orgs, locs, addrs, svcs, sals, areas, terms, links, addr3, attr3, caps} {
			if content != "" {
				name := packageFiles[i]
				if i > 0 && i%3 == 0 {
					name = "data/" + name // some under data/, as published
				}
				fsys[name] = &fstest.MapFile{Data: []byte(content)}
			}
		}
		for _, opt := range []Options{{}, {ParentTerritoryID: "tr-p", ParentLevel: "MUNICIPALITY", IDPrefix: "h-"}} {
			res, err := ReadPackage(fsys, opt)
			if err == nil {
				checkDocument(t, res, opt)
			}
		}
	})
}

var singular = map[string]string{"organizations.csv": "organization.csv", "locations.csv": "location.csv",
	"services.csv": "service.csv", "services_at_location.csv": "service_at_location.csv",
	"taxonomy.csv": "taxonomy_term.csv", "attribute.csv": "attribute.csv", "address.csv": "address.csv",
	"service_capacity.csv": "service_capacity.csv"}
