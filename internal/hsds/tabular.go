package hsds

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// table is one CSV file of a package, or one list of the tabular JSON form.
type table struct {
	name   string // canonical HSDS table, "" when the file is not one
	file   string
	header []string
	rows   []row
}

const descriptor = "datapackage.json"

// ReadPackage reads an HSDS tabular data package: datapackage.json and the
// CSV files it lists, at the root of fsys. It reads HSDS 3.x packages and
// the older 1.x (and 2.x) ones, telling them apart by their tables. Listed
// files are looked for where the descriptor says, then beside it, then
// under data/ (where published packages keep them whatever their paths
// say). The error is for a package that cannot be read at all (no
// datapackage.json, one that is not JSON, an unreadable file, a listed
// table found nowhere); everything about single rows is in the Result.
func ReadPackage(fsys fs.FS, opt Options) (Result, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return Result{}, optionsError(err)
	}
	if fsys == nil {
		return Result{}, errors.New("hsds: read package: no package directory given")
	}
	rep := newReport()
	tables, pkg, err := readTables(fsys, rep)
	if err != nil {
		return Result{}, err
	}
	opt.Source = firstOf(strings.TrimSpace(pkg.Title), strings.TrimSpace(pkg.Name), opt.Source, descriptor)
	opt.sourceID = strings.TrimSpace(pkg.Name)
	d := newDataset(rep, false)
	version := d.fromTables(tables)
	return finish(d, opt, version), nil
}

type resource struct {
	Name string          `json:"name"`
	Path json.RawMessage `json:"path"` // a string, or a list of parts
}

// descriptorFile is what coopgraph reads of datapackage.json.
type descriptorFile struct {
	Name      string     `json:"name"`
	Title     string     `json:"title"`
	Resources []resource `json:"resources"`
}

// dataDir is where published packages keep their CSV files.
const dataDir = "data"

// readTables reads the CSV files the descriptor lists, then those at the
// root and under data/ it does not list. It returns the descriptor too,
// for the package's name.
func readTables(fsys fs.FS, rep *report) ([]*table, descriptorFile, error) {
	pkg, err := readDescriptor(fsys, rep)
	if err != nil {
		return nil, pkg, err
	}
	var tables []*table
	read := map[string]bool{}
	var moved, missing []string
	for i, res := range pkg.Resources {
		at := src{descriptor, 0}
		field := fmt.Sprintf("resources[%d].path", i)
		var parts []string
		var one string
		if json.Unmarshal(res.Path, &one) == nil {
			parts = []string{one}
		} else if json.Unmarshal(res.Path, &parts) != nil || len(parts) == 0 {
			rep.warn(at, res.Name, field, "is neither a path nor a list of paths; the resource is ignored")
			continue
		}
		for _, p := range parts {
			name := canonicalTable(res.Name)
			if name == "" {
				name = canonicalTable(path.Base(p))
			}
			if strings.Contains(p, "://") {
				rep.warn(at, res.Name, field, "%s is remote; it is not fetched", p)
				continue
			}
			p = path.Clean(p)
			if !fs.ValidPath(p) || !strings.HasSuffix(strings.ToLower(p), ".csv") {
				rep.warn(at, res.Name, field, "%s is not a CSV file in the package; ignored", p)
				continue
			}
			found, ok := locate(fsys, p)
			switch {
			case !ok:
				missing = append(missing, fmt.Sprintf("%s (%s)", firstOf(res.Name, p), strings.Join(candidates(p), ", ")))
				continue
			case read[found]:
				continue
			case found != p:
				moved = append(moved, p+" → "+found)
			}
			t, err := readCSV(fsys, found, name, rep)
			if err != nil {
				return nil, pkg, err
			}
			read[found] = true
			tables = append(tables, t)
		}
	}
	if len(missing) > 0 {
		return nil, pkg, fmt.Errorf("hsds: read %s: %d listed tables are in none of the places looked at: %s",
			descriptor, len(missing), strings.Join(missing, "; "))
	}
	if len(moved) > 0 {
		rep.warn(src{descriptor, 0}, "", "resources", "%d listed files are not at the paths given; found them: %s",
			len(moved), strings.Join(moved, ", "))
	}
	unlisted, err := readUnlisted(fsys, read, len(pkg.Resources) > 0, rep)
	if err != nil {
		return nil, pkg, err
	}
	return append(tables, unlisted...), pkg, nil
}

// readDescriptor reads datapackage.json, following a symbolic link git
// checked out as a file.
func readDescriptor(fsys fs.FS, rep *report) (descriptorFile, error) {
	var pkg descriptorFile
	b, err := fs.ReadFile(fsys, descriptor)
	if err != nil {
		return pkg, fmt.Errorf("hsds: read %s: %w", descriptor, err)
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		target, ok := linkStub(b)
		if !ok {
			return pkg, fmt.Errorf("hsds: read %s: not JSON: %w", descriptor, err)
		}
		// Git writes a symbolic link as a file holding its target where
		// links are not supported, as in the official examples' csv/. The
		// resources' paths are then read from the package root: the link
		// is there, and the files with it.
		p := path.Clean(target)
		pkg = descriptorFile{}
		if b2, err := fs.ReadFile(fsys, p); !fs.ValidPath(p) || err != nil || json.Unmarshal(b2, &pkg) != nil {
			rep.warn(src{descriptor, 1}, "", "", "is a link to %s, which is not in the package; the tables are found by their file names", target)
			pkg = descriptorFile{}
		}
	}
	return pkg, nil
}

// candidates are the places a listed file is looked for, in order: its
// path, beside datapackage.json, under data/.
func candidates(p string) []string {
	var out []string
	for _, c := range []string{p, path.Base(p), path.Join(dataDir, p), path.Join(dataDir, path.Base(p))} {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// locate returns where a listed file is, false when it is nowhere.
func locate(fsys fs.FS, p string) (string, bool) {
	for _, c := range candidates(p) {
		if fi, err := fs.Stat(fsys, c); err == nil && !fi.IsDir() {
			return c, true
		}
	}
	return "", false
}

// readAs returns the file read whose base name is name, "" when none.
func readAs(read map[string]bool, name string) string {
	for p := range read {
		if strings.EqualFold(path.Base(p), name) {
			return p
		}
	}
	return ""
}

// readUnlisted reads the CSV files at the root and under data/ the
// descriptor does not list (all of them when it lists nothing).
func readUnlisted(fsys fs.FS, read map[string]bool, listed bool, rep *report) ([]*table, error) {
	var tables []*table
	for _, dir := range []string{".", dataDir} {
		entries, err := fs.ReadDir(fsys, dir)
		if errors.Is(err, fs.ErrNotExist) && dir == dataDir {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("hsds: list the package's %s: %w", dir, err)
		}
		for _, e := range entries {
			p := path.Join(dir, e.Name())
			if e.IsDir() || read[p] || !strings.HasSuffix(strings.ToLower(p), ".csv") {
				continue
			}
			// A package that keeps its files both beside the descriptor and
			// under data/ has each table twice: read once.
			if other := readAs(read, e.Name()); other != "" {
				rep.warn(src{p, 0}, "", "", "has the name of %s, already read; it is taken for a copy and not read", other)
				continue
			}
			if listed {
				rep.warn(src{p, 0}, "", "", "is not listed in %s; read by its file name", descriptor)
			}
			t, err := readCSV(fsys, p, canonicalTable(e.Name()), rep)
			if err != nil {
				return nil, err
			}
			read[p] = true
			tables = append(tables, t)
		}
	}
	return tables, nil
}

// linkStub recognises a file that holds only a relative path to a JSON file.
func linkStub(b []byte) (string, bool) {
	s := string(bytes.TrimSpace(b))
	if s == "" || strings.ContainsAny(s, " \t\r\n{[\"") || !strings.HasSuffix(s, ".json") || path.IsAbs(s) {
		return "", false
	}
	return s, true
}

// coreTables are those whose rows become coopgraph records: a row lost
// there is a rejection, elsewhere a warning.
var coreTables = []string{"organization", "service", "taxonomy_term", "taxonomy"}

// readCSV reads one CSV file with its header. Rows that do not parse are
// reported and skipped; only a file that cannot be read is an error.
func readCSV(fsys fs.FS, p, name string, rep *report) (*table, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("hsds: read %s: %w", p, err)
	}
	defer f.Close()
	t := &table{name: name, file: p}
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		rep.warn(src{p, 1}, "", "", "is empty")
		return t, nil
	}
	if err != nil {
		// Without a header no row can be read.
		return nil, fmt.Errorf("hsds: read %s: header: %w", p, err)
	}
	seenCol := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if seenCol[h] {
			rep.warn(src{p, 1}, "", h, "column %d repeats the column name; it is ignored", i+1)
			h = ""
		}
		seenCol[h] = true
		header[i] = h
	}
	t.header = slices.DeleteFunc(slices.Clone(header), func(h string) bool { return h == "" })
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, fmt.Errorf("hsds: read %s: %w", p, err)
			}
			if slices.Contains(coreTables, name) {
				rep.reject(name, src{p, pe.StartLine}, "", "", "does not parse as CSV (%v); the row is left out", pe.Err)
			} else {
				rep.warn(src{p, pe.StartLine}, "", "", "does not parse as CSV (%v); the row is ignored", pe.Err)
			}
			continue
		}
		// Only a record that parsed has fields to ask the position of: after
		// an error FieldPos panics (found by FuzzHSDSPackage).
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			rep.warnOnce(src{p, line}, "", "row length",
				fmt.Sprintf("rows have %d cells where the header has %d; missing cells are empty, extra ones ignored", len(rec), len(header)))
		}
		r := row{src: src{p, line}, vals: make(map[string]string, len(header))}
		blank := true
		for i, cell := range rec {
			if i < len(header) && header[i] != "" {
				r.vals[header[i]] = cell
				blank = blank && strings.TrimSpace(cell) == ""
			}
		}
		if !blank {
			t.rows = append(t.rows, r)
		}
	}
	return t, nil
}

// tableOrder is the order tables are read in, so that the problems come out
// in the same order whatever the order of the files.
var tableOrder = []string{"organization", "location", "address", "physical_address", "postal_address", "phone",
	"service", "eligibility", "service_area", "service_at_location", "taxonomy_term", "taxonomy", "attribute",
	"service_attribute", "service_taxonomy", "service_capacity"}

// detectVersion tells the HSDS version by the tables only some versions
// have. datapackage.json's version is the dataset's, not HSDS's.
func detectVersion(tables []*table) (string, bool) {
	names := map[string]bool{}
	for _, t := range tables {
		names[t.name] = true
		if t.name == "service" && slices.Contains(t.header, "eligibility_description") {
			names["service 3.x"] = true
		}
	}
	hasAny := func(ns ...string) bool { return slices.ContainsFunc(ns, func(n string) bool { return names[n] }) }
	switch {
	case hasAny("attribute", "address", "service_capacity", "unit", "url", "service 3.x"):
		return "3.x", true
	case hasAny("service_attribute", "other_attribute", "taxonomy_term"):
		return "2.x", true
	case hasAny("service_taxonomy", "physical_address", "postal_address", "eligibility", "regular_schedule",
		"holiday_schedule", "accessibility_for_disabilities", "payment_accepted"):
		return "1.x", true
	}
	return "3.x", false
}

// fromTables reads the tables into the dataset and returns the HSDS version
// they were read as.
func (d *dataset) fromTables(tables []*table) string {
	version, sure := detectVersion(tables)
	if !sure && len(tables) > 0 {
		d.rep.warn(src{tables[0].file, 0}, "", "", "the tables do not tell the HSDS version; read as 3.x")
	}
	slices.SortStableFunc(tables, func(a, b *table) int {
		ia, ib := slices.Index(tableOrder, a.name), slices.Index(tableOrder, b.name)
		if ia < 0 {
			ia = len(tableOrder)
		}
		if ib < 0 {
			ib = len(tableOrder)
		}
		return ia - ib
	})
	for _, t := range tables {
		d.rows += len(t.rows)
		typ, add := d.tableReader(t, version)
		at := src{t.file, 1}
		if add == nil {
			switch {
			case t.name == "":
				d.rep.warn(at, "", "", "is not an HSDS table; ignored")
			case len(t.rows) > 0:
				d.rep.warn(at, "", "", "%s", ignoredMessage(t.name, true))
			}
			continue
		}
		d.checkColumns(t, typ)
		for _, r := range t.rows {
			add(r)
		}
	}
	return version
}

// tableReader returns the field set name and the row reader of a table, nil
// for tables coopgraph does not model.
func (d *dataset) tableReader(t *table, version string) (string, func(row)) {
	switch t.name {
	case "organization":
		return t.name, func(r row) { d.addOrg(r) }
	case "service":
		return t.name, func(r row) { d.addService(r) }
	case "location":
		return t.name, func(r row) { d.addLocation(r) }
	case "address":
		return t.name, func(r row) { d.addAddress(r, "") }
	case "physical_address":
		return t.name, func(r row) { d.addAddress(r, "physical") }
	case "postal_address":
		return t.name, func(r row) { d.addAddress(r, "postal") }
	case "phone":
		return t.name, func(r row) { d.addPhone(r) }
	case "service_area":
		return t.name, func(r row) { d.addArea(r) }
	case "service_at_location":
		return t.name, func(r row) { d.addSAL(r) }
	case "eligibility":
		return t.name, func(r row) { d.addEligibility(r) }
	case "service_capacity":
		return t.name, func(r row) { d.addCapacity(r) }
	case "taxonomy_term":
		return t.name, func(r row) { d.addTerm(r) }
	case "taxonomy":
		// 1.x's taxonomy table holds the terms; later versions' taxonomies
		// table describes the taxonomies, which coopgraph does not keep.
		if version == "1.x" || slices.ContainsFunc(t.header, func(h string) bool {
			return h == "parent_id" || h == "parent_name" || h == "vocabulary"
		}) {
			return "taxonomy_1x", func(r row) { d.addTerm(r) }
		}
	case "attribute":
		return t.name, func(r row) {
			d.addLink(&link{src: r.src, id: r.get("id"), svcID: r.get("link_id"), termID: r.get("taxonomy_term_id"),
				entity: r.get("link_entity"), attribute: true})
		}
	case "service_attribute":
		return t.name, func(r row) {
			d.addLink(&link{src: r.src, id: r.get("id"), svcID: r.get("service_id"), termID: r.get("taxonomy_term_id")})
		}
	case "service_taxonomy":
		return t.name, func(r row) {
			d.addLink(&link{src: r.src, id: r.get("id"), svcID: r.get("service_id"), termID: r.get("taxonomy_id")})
		}
	}
	return "", nil
}

// checkColumns reports, once each, the columns coopgraph does not use: the
// HSDS ones when some row fills them, the unknown ones always.
func (d *dataset) checkColumns(t *table, typ string) {
	set := fieldSets[typ]
	for _, h := range t.header {
		if set.used[h] {
			continue
		}
		at := src{t.file, 1}
		if !set.skipped[h] {
			d.rep.warnOnce(at, "", h, "not an HSDS column; ignored")
			continue
		}
		filled := slices.ContainsFunc(t.rows, func(r row) bool { return r.get(h) != "" })
		if filled {
			kind := t.name + "." + h
			if typ == "taxonomy_1x" {
				kind = "taxonomy." + h
			}
			d.rep.warnOnce(at, "", h, ignoredMessage(kind, false))
		}
	}
}
