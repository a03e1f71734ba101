package hsds

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ReadJSON reads HSDS 3.x JSON: one object or a list of them — services
// (service_full and service_list shapes), organizations, locations,
// services at locations, taxonomy terms — a paginated API response
// ({"contents": [...], "total_items": ...}), or the tabular form (an object
// of CSV file names to lists of rows). name is the file name the problems
// and the records' Source give. The error is for input that is not JSON or
// not HSDS-shaped at all; everything about single records is in the Result.
func ReadJSON(r io.Reader, name string, opt Options) (Result, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return Result{}, optionsError(err)
	}
	if opt.Source == "" {
		opt.Source = name
	}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return Result{}, fmt.Errorf("hsds: read %s: not JSON: %w", name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Result{}, fmt.Errorf("hsds: read %s: not JSON: more than one value", name)
	}
	rep := newReport()
	switch v := v.(type) {
	case []any:
		d := newDataset(rep, true)
		j := &jsonReader{d: d, file: name}
		j.records(v)
		return finish(d, opt, "3.x"), nil
	case map[string]any:
		if isTabular(v) {
			d := newDataset(rep, false)
			version := d.fromTables(tablesFromJSON(v, name))
			return finish(d, opt, version), nil
		}
		d := newDataset(rep, true)
		j := &jsonReader{d: d, file: name}
		if contents, ok := v["contents"]; ok {
			list, ok := contents.([]any)
			if !ok {
				return Result{}, fmt.Errorf("hsds: read %s: contents is not a list", name)
			}
			j.line = 1
			j.check("page", "page", v)
			j.page(v)
			j.records(list)
		} else {
			j.line = 1
			j.record(v)
		}
		return finish(d, opt, "3.x"), nil
	}
	return Result{}, fmt.Errorf("hsds: read %s: neither an HSDS object nor a list of them", name)
}

type jsonReader struct {
	d    *dataset
	file string
	line int // the number of the top-level record being read
}

func (j *jsonReader) at() src { return src{j.file, j.line} }

func (j *jsonReader) records(list []any) {
	for i, x := range list {
		j.line = i + 1
		obj, ok := x.(map[string]any)
		if !ok {
			j.d.rows++
			j.d.rep.warn(j.at(), "", "", "is not an object; ignored")
			continue
		}
		j.record(obj)
	}
}

// page warns when a paginated response is one page of several: the other
// pages are other requests, which the caller must make.
func (j *jsonReader) page(v map[string]any) {
	num := func(k string) int {
		n, _ := strconv.Atoi(scalar(v[k]))
		return n
	}
	pages, page := num("total_pages"), num("page_number")
	if pages > 1 && page < pages || scalar(v["last_page"]) == "false" {
		j.d.rep.warn(j.at(), "", "page_number", "this is page %d of %d (%s records in all); only its records are imported",
			page, pages, firstOf(scalar(v["total_items"]), "?"))
	}
}

// record reads one top-level object, telling its type by its fields: the
// API's responses do not name it.
func (j *jsonReader) record(obj map[string]any) {
	j.d.rows++
	switch kind := classify(obj); kind {
	case "service":
		j.service(obj, "")
	case "organization":
		j.organization(obj)
	case "taxonomy_term":
		j.term(obj)
	case "location":
		j.location(obj, "")
	case "service_at_location":
		j.serviceAtLocation(obj, nil)
	case "taxonomy":
		j.d.rep.warnOnce(j.at(), scalar(obj["id"]), "taxonomy", ignoredMessage("taxonomy", true))
	case "api":
		j.d.rep.warn(j.at(), "", "", "is the API's description (HSDS %s), not data; ignored", firstOf(scalar(obj["version"]), "version unknown"))
	default:
		j.d.rep.warn(j.at(), scalar(obj["id"]), "", "is not an HSDS service, organization, location, service at location or taxonomy term; ignored")
	}
}

func has(obj map[string]any, keys ...string) bool {
	for _, k := range keys {
		if _, ok := obj[k]; ok {
			return true
		}
	}
	return false
}

// classify tells an object's HSDS type by the fields only that type has.
func classify(obj map[string]any) string {
	_, svc := obj["service"].(map[string]any)
	_, loc := obj["location"].(map[string]any)
	switch {
	case has(obj, "openapi_url") || has(obj, "version") && !has(obj, "id"):
		return "api"
	case (svc || loc || has(obj, "service_id") && has(obj, "location_id")) && !has(obj, "status", "location_type"):
		return "service_at_location"
	case has(obj, "status", "service_areas", "service_at_locations", "eligibility_description", "program_id",
		"capacities", "application_process", "fees_description", "interpretation_services"):
		return "service"
	case has(obj, "location_type", "addresses", "latitude", "longitude", "transportation"):
		return "location"
	case has(obj, "parent_id", "taxonomy", "taxonomy_detail", "taxonomy_id", "term_uri", "code"):
		return "taxonomy_term"
	case has(obj, "website", "locations", "services", "programs", "organization_identifiers", "legal_status",
		"year_incorporated", "tax_status", "tax_id", "logo", "parent_organization_id"):
		return "organization"
	case has(obj, "uri", "version") && has(obj, "name"):
		return "taxonomy"
	case has(obj, "id") && has(obj, "name"):
		// id, name and description only: required fields of an
		// organization and of a taxonomy term alike; organizations are the
		// likelier list.
		return "organization"
	}
	return ""
}

func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

func empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// row takes an object's scalar fields.
func (j *jsonReader) row(obj map[string]any) row {
	r := row{src: j.at(), vals: map[string]string{}}
	for k, v := range obj {
		if s := scalar(v); s != "" {
			r.vals[k] = s
		}
	}
	return r
}

// check reports the fields of obj that are not used: the HSDS ones
// coopgraph does not model once per file and kind, the others as unknown.
func (j *jsonReader) check(typ, record string, obj map[string]any) {
	fs := fieldSets[typ]
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := obj[k]
		if fs.used[k] || empty(v) {
			continue
		}
		if !fs.skipped[k] {
			j.d.rep.warnOnce(j.at(), record, typ+"."+k, unknownMessage)
			continue
		}
		_, isList := v.([]any)
		_, isObj := v.(map[string]any)
		if kind, ok := nestedKinds[k]; ok && (isList || isObj) {
			j.d.rep.warnOnce(j.at(), record, kind, ignoredMessage(kind, true))
			continue
		}
		j.d.rep.warnOnce(j.at(), record, typ+"."+k, ignoredMessage(typ+"."+k, false))
	}
}

// objects returns the list of objects in obj[key].
func (j *jsonReader) objects(obj map[string]any, record, key string) []map[string]any {
	v, ok := obj[key]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		j.d.rep.warn(j.at(), record, key, "is not a list; ignored")
		return nil
	}
	out := make([]map[string]any, 0, len(list))
	for i, x := range list {
		o, ok := x.(map[string]any)
		if !ok {
			j.d.rep.warn(j.at(), record, fmt.Sprintf("%s[%d]", key, i), "is not an object; ignored")
			continue
		}
		out = append(out, o)
	}
	return out
}

func (j *jsonReader) object(obj map[string]any, record, key string) map[string]any {
	v, ok := obj[key]
	if !ok || v == nil {
		return nil
	}
	o, ok := v.(map[string]any)
	if !ok {
		j.d.rep.warn(j.at(), record, key, "is not an object; ignored")
	}
	return o
}

// service reads a service and what it nests; orgID is the organization it
// is nested in, if any.
func (j *jsonReader) service(obj map[string]any, orgID string) *svc {
	r := j.row(obj)
	id := r.get("id")
	j.check("service", id, obj)
	if o := j.object(obj, id, "organization"); o != nil {
		if org := j.organization(o); org != nil {
			if cur := r.get("organization_id"); cur != "" && cur != org.id {
				j.d.rep.warn(j.at(), id, "organization_id", "%q is not the id of the nested organization %q, which is used", cur, org.id)
			}
			r.vals["organization_id"] = org.id
		}
	}
	if r.get("organization_id") == "" {
		r.vals["organization_id"] = orgID
	}
	s := j.d.addService(r)
	if s == nil {
		return nil
	}
	for _, a := range j.objects(obj, id, "service_areas") {
		ar := j.row(a)
		j.check("service_area", ar.get("id"), a)
		ar.vals["service_id"] = s.id
		j.d.addArea(ar)
	}
	for _, x := range j.objects(obj, id, "service_at_locations") {
		j.serviceAtLocation(x, s)
	}
	for _, a := range j.objects(obj, id, "attributes") {
		j.attribute(a, s.id)
	}
	for _, c := range j.objects(obj, id, "capacities") {
		cr := j.row(c)
		j.check("service_capacity", cr.get("id"), c)
		cr.vals["service_id"] = s.id
		j.d.addCapacity(cr)
	}
	return s
}

func (j *jsonReader) organization(obj map[string]any) *org {
	r := j.row(obj)
	id := r.get("id")
	j.check("organization", id, obj)
	o := j.d.addOrg(r)
	if o == nil {
		return nil
	}
	for _, p := range j.objects(obj, id, "phones") {
		pr := j.row(p)
		j.check("phone", pr.get("id"), p)
		pr.vals["organization_id"] = o.id
		j.d.addPhone(pr)
	}
	for _, l := range j.objects(obj, id, "locations") {
		j.location(l, o.id)
	}
	for _, s := range j.objects(obj, id, "services") {
		j.service(s, o.id)
	}
	return o
}

func (j *jsonReader) location(obj map[string]any, orgID string) *loc {
	r := j.row(obj)
	id := r.get("id")
	j.check("location", id, obj)
	if r.get("organization_id") == "" {
		r.vals["organization_id"] = orgID
	}
	l := j.d.addLocation(r)
	if l == nil {
		return nil
	}
	for _, a := range j.objects(obj, id, "addresses") {
		ar := j.row(a)
		j.check("address", ar.get("id"), a)
		ar.vals["location_id"] = l.id
		j.d.addAddress(ar, "")
	}
	return l
}

func (j *jsonReader) serviceAtLocation(obj map[string]any, parent *svc) {
	r := j.row(obj)
	j.check("service_at_location", r.get("id"), obj)
	if parent != nil {
		r.vals["service_id"] = parent.id
	} else if so := j.object(obj, r.get("id"), "service"); so != nil {
		if s := j.service(so, ""); s != nil {
			r.vals["service_id"] = s.id
		}
	}
	if lo := j.object(obj, r.get("id"), "location"); lo != nil {
		if l := j.location(lo, ""); l != nil {
			r.vals["location_id"] = l.id
		}
	}
	if r.get("service_id") != "" && r.get("location_id") != "" {
		j.d.addSAL(r)
	}
}

func (j *jsonReader) term(obj map[string]any) *term {
	r := j.row(obj)
	j.check("taxonomy_term", r.get("id"), obj)
	return j.d.addTerm(r)
}

// attribute links the service it is nested in to its taxonomy term, given
// nested or by id.
func (j *jsonReader) attribute(obj map[string]any, svcID string) {
	r := j.row(obj)
	j.check("attribute", r.get("id"), obj)
	termID := r.get("taxonomy_term_id")
	if t := j.object(obj, r.get("id"), "taxonomy_term"); t != nil {
		if tm := j.term(t); tm != nil {
			termID = tm.id
		}
	}
	if termID == "" {
		j.d.rep.warn(j.at(), firstOf(r.get("id"), "attribute"), "taxonomy_term_id", "is missing; the attribute is ignored")
		return
	}
	j.d.addLink(&link{src: r.src, id: r.get("id"), svcID: svcID, termID: termID, entity: "service", attribute: true})
}

// isTabular: the tabular example (and exports like it) is an object of CSV
// file names to their rows.
func isTabular(v map[string]any) bool {
	if len(v) == 0 {
		return false
	}
	for k, x := range v {
		if _, ok := x.([]any); !ok || !strings.HasSuffix(strings.ToLower(k), ".csv") {
			return false
		}
	}
	return true
}

// tablesFromJSON turns the tabular JSON form into the tables a package
// would have.
func tablesFromJSON(v map[string]any, name string) []*table {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []*table
	for _, k := range keys {
		t := &table{name: canonicalTable(k), file: name + "#" + k}
		cols := map[string]bool{}
		for i, x := range v[k].([]any) {
			obj, _ := x.(map[string]any)
			r := row{src: src{t.file, i + 1}, vals: map[string]string{}}
			for c, cell := range obj {
				if !cols[c] {
					cols[c] = true
					t.header = append(t.header, c)
				}
				if s := scalar(cell); s != "" {
					r.vals[c] = s
				}
			}
			t.rows = append(t.rows, r)
		}
		slices.Sort(t.header)
		out = append(out, t)
	}
	return out
}
