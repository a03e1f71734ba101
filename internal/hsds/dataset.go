package hsds

import (
	"strings"
)

// The dataset is HSDS as read, whatever the version and the serialisation:
// the JSON walker and the CSV reader both fill it, then resolve links the
// records to each other and build maps it onto coopgraph's document.

// row is one record's scalar fields by HSDS name.
type row struct {
	src
	vals map[string]string
}

func (r row) get(k string) string { return strings.TrimSpace(r.vals[k]) }

type org struct {
	src
	id, name, alt, desc, email, website string
	phones                              []*phone
	locs                                []*loc
	svcs                                []*svc
}

type loc struct {
	src
	id, orgID, typ string
	addrs          []*addr
	terr           string // the territory its address gives, set by build
}

type addr struct {
	src
	id, locID, typ, city, state, country string
}

type phone struct {
	src
	id, orgID, number, ext string
}

type svc struct {
	src
	id, orgID, name, desc, url, email, status, elig, minAge, maxAge string
	areas                                                           []*area
	locs                                                            []*loc
	terms                                                           []*term
	caps                                                            []*capacity
	eligs                                                           []*elig
}

type area struct {
	src
	id, svcID, name, desc string
}

type capacity struct {
	src
	id, svcID, available, maximum, updated string
}

type elig struct {
	src
	id, svcID, text, minAge, maxAge string
}

type term struct {
	src
	id, name, desc, code, parentID string
}

type sal struct {
	src
	id, svcID, locID string
}

// link puts a service in a taxonomy term: a 3.x attribute (entity is its
// link_entity), a 2.x service_attribute or a 1.x services_taxonomy row.
type link struct {
	src
	id, svcID, termID, entity string
	attribute                 bool
}

type dataset struct {
	rep *report
	// merge says that a record met again is the same record (JSON nests the
	// same organization in every service), rather than a repeated id (CSV).
	merge bool
	rows  int // rows and top-level records read, of any table

	orgs  []*org
	locs  []*loc
	svcs  []*svc
	terms []*term

	orgByID  map[string]*org
	locByID  map[string]*loc
	svcByID  map[string]*svc
	termByID map[string]*term

	// Rows that link records, resolved once everything is read: CSV files
	// may refer to rows of files read later.
	addrs  []*addr
	phones []*phone
	areas  []*area
	sals   []*sal
	links  []*link
	caps   []*capacity
	eligs  []*elig
}

func newDataset(rep *report, merge bool) *dataset {
	return &dataset{rep: rep, merge: merge, orgByID: map[string]*org{}, locByID: map[string]*loc{},
		svcByID: map[string]*svc{}, termByID: map[string]*term{}}
}

// fill sets *dst to v unless it has a value: merging a record met again.
func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// core reports whether a main record (organization, service, term) with
// this id may be added: it has an id and, in CSV, the id is new. It returns
// the record already there when the dataset merges.
func core[T any](d *dataset, r row, noun, id string, byID map[string]*T, line func(*T) int) (prev *T, ok bool) {
	if id == "" {
		d.rep.reject(noun, r.src, noun, "id", "is required; the %s is left out", noun)
		return nil, false
	}
	if p, dup := byID[id]; dup {
		if d.merge {
			return p, false
		}
		d.rep.reject(noun, r.src, id, "id", "repeats the id of the %s on line %d; left out", noun, line(p))
		return nil, false
	}
	return nil, true
}

func (d *dataset) addOrg(r row) *org {
	o := &org{src: r.src, id: r.get("id"), name: r.get("name"), alt: r.get("alternate_name"),
		desc: r.get("description"), email: r.get("email"), website: firstOf(r.get("website"), r.get("url"))}
	prev, ok := core(d, r, "organization", o.id, d.orgByID, func(p *org) int { return p.line })
	if prev != nil {
		fill(&prev.name, o.name)
		fill(&prev.alt, o.alt)
		fill(&prev.desc, o.desc)
		fill(&prev.email, o.email)
		fill(&prev.website, o.website)
		return prev
	}
	if !ok {
		return nil
	}
	d.orgs = append(d.orgs, o)
	d.orgByID[o.id] = o
	return o
}

func (d *dataset) addService(r row) *svc {
	s := &svc{src: r.src, id: r.get("id"), orgID: r.get("organization_id"), name: r.get("name"),
		desc: r.get("description"), url: r.get("url"), email: r.get("email"), status: r.get("status"),
		elig: r.get("eligibility_description"), minAge: r.get("minimum_age"), maxAge: r.get("maximum_age")}
	prev, ok := core(d, r, "service", s.id, d.svcByID, func(p *svc) int { return p.line })
	if prev != nil {
		fill(&prev.orgID, s.orgID)
		fill(&prev.name, s.name)
		fill(&prev.desc, s.desc)
		fill(&prev.url, s.url)
		fill(&prev.email, s.email)
		fill(&prev.status, s.status)
		fill(&prev.elig, s.elig)
		fill(&prev.minAge, s.minAge)
		fill(&prev.maxAge, s.maxAge)
		return prev
	}
	if !ok {
		return nil
	}
	d.svcs = append(d.svcs, s)
	d.svcByID[s.id] = s
	return s
}

func (d *dataset) addTerm(r row) *term {
	t := &term{src: r.src, id: r.get("id"), name: r.get("name"), desc: r.get("description"),
		code: r.get("code"), parentID: r.get("parent_id")}
	prev, ok := core(d, r, "taxonomy term", t.id, d.termByID, func(p *term) int { return p.line })
	if prev != nil {
		fill(&prev.name, t.name)
		fill(&prev.desc, t.desc)
		fill(&prev.code, t.code)
		fill(&prev.parentID, t.parentID)
		return prev
	}
	if !ok {
		return nil
	}
	d.terms = append(d.terms, t)
	d.termByID[t.id] = t
	return t
}

// addLocation keeps locations by id; a location is not a coopgraph record,
// so a repeated or missing id is a warning, not a rejection.
func (d *dataset) addLocation(r row) *loc {
	l := &loc{src: r.src, id: r.get("id"), orgID: r.get("organization_id"), typ: strings.ToLower(r.get("location_type"))}
	if l.id == "" {
		d.rep.warn(r.src, "location", "id", "is required; the location is ignored")
		return nil
	}
	if prev, dup := d.locByID[l.id]; dup {
		if !d.merge {
			d.rep.warn(r.src, l.id, "id", "repeats the id of the location on line %d; ignored", prev.line)
		}
		fill(&prev.orgID, l.orgID)
		fill(&prev.typ, l.typ)
		return prev
	}
	d.locs = append(d.locs, l)
	d.locByID[l.id] = l
	return l
}

// addAddress: typ is the address type a 1.x table implies ("physical" for
// physical_addresses), "" to read address_type.
func (d *dataset) addAddress(r row, typ string) {
	d.addrs = append(d.addrs, &addr{src: r.src, id: r.get("id"), locID: r.get("location_id"),
		typ: strings.ToLower(firstOf(typ, r.get("address_type"))), city: r.get("city"),
		state: r.get("state_province"), country: r.get("country")})
}

func (d *dataset) addPhone(r row) {
	d.phones = append(d.phones, &phone{src: r.src, id: r.get("id"), orgID: r.get("organization_id"),
		number: r.get("number"), ext: r.get("extension")})
}

func (d *dataset) addArea(r row) {
	d.areas = append(d.areas, &area{src: r.src, id: r.get("id"), svcID: r.get("service_id"),
		name: firstOf(r.get("name"), r.get("service_area")), desc: r.get("description")})
}

func (d *dataset) addSAL(r row) {
	d.sals = append(d.sals, &sal{src: r.src, id: r.get("id"), svcID: r.get("service_id"), locID: r.get("location_id")})
}

func (d *dataset) addLink(l *link) { d.links = append(d.links, l) }

func (d *dataset) addCapacity(r row) {
	d.caps = append(d.caps, &capacity{src: r.src, id: r.get("id"), svcID: r.get("service_id"),
		available: r.get("available"), maximum: r.get("maximum"), updated: r.get("updated")})
}

func (d *dataset) addEligibility(r row) {
	d.eligs = append(d.eligs, &elig{src: r.src, id: r.get("id"), svcID: r.get("service_id"),
		text: r.get("eligibility"), minAge: r.get("minimum_age"), maxAge: r.get("maximum_age")})
}

// seen answers whether key was met before, for the rows JSON repeats (the
// same address under every copy of a location).
type seen map[string]bool

func (s seen) again(parts ...string) bool {
	k := strings.Join(parts, "\x00")
	if s[k] {
		return true
	}
	s[k] = true
	return false
}

// resolve attaches the linking rows to their records. A row that points to
// nothing is a warning: what it would have added (an address, a phone, a
// service area...) is lost, but no coopgraph record is.
func (d *dataset) resolve() {
	s := seen{}
	for _, a := range d.addrs {
		l := d.locByID[a.locID]
		if l == nil {
			d.rep.warn(a.src, firstOf(a.id, "address"), "location_id", "location %q is not in the dataset; the address is ignored", a.locID)
			continue
		}
		if !s.again("addr", a.locID, a.id, a.typ, a.city, a.state, a.country) {
			l.addrs = append(l.addrs, a)
		}
	}
	for _, l := range d.locs {
		if l.orgID == "" {
			continue
		}
		o := d.orgByID[l.orgID]
		if o == nil {
			d.rep.warn(l.src, l.id, "organization_id", "organization %q is not in the dataset; the location counts only for the services at it", l.orgID)
			continue
		}
		o.locs = append(o.locs, l)
	}
	for _, p := range d.phones {
		if p.orgID == "" {
			d.rep.warnOnce(p.src, p.id, "phone", ignoredMessage("phone", true))
			continue
		}
		o := d.orgByID[p.orgID]
		if o == nil {
			d.rep.warn(p.src, firstOf(p.id, "phone"), "organization_id", "organization %q is not in the dataset; the phone is ignored", p.orgID)
			continue
		}
		if !s.again("phone", p.orgID, p.id, p.number, p.ext) {
			o.phones = append(o.phones, p)
		}
	}
	for _, sv := range d.svcs {
		if o := d.orgByID[sv.orgID]; o != nil {
			o.svcs = append(o.svcs, sv)
		}
	}
	service := func(at src, record, what, id string) *svc {
		sv := d.svcByID[id]
		if sv == nil {
			d.rep.warn(at, firstOf(record, what), "service_id", "service %q is not in the dataset; the %s is ignored", id, what)
		}
		return sv
	}
	for _, a := range d.areas {
		if sv := service(a.src, a.id, "service area", a.svcID); sv != nil && !s.again("area", a.svcID, a.id, a.name, a.desc) {
			sv.areas = append(sv.areas, a)
		}
	}
	for _, x := range d.sals {
		sv := service(x.src, x.id, "service at location", x.svcID)
		l := d.locByID[x.locID]
		if sv != nil && l == nil {
			d.rep.warn(x.src, firstOf(x.id, "service at location"), "location_id", "location %q is not in the dataset; ignored", x.locID)
		}
		if sv != nil && l != nil && !s.again("sal", x.svcID, x.locID) {
			sv.locs = append(sv.locs, l)
		}
	}
	for _, k := range d.links {
		sv := d.svcByID[k.svcID]
		if sv == nil {
			if e := strings.ToLower(k.entity); k.attribute && e != "" && e != "service" {
				// An attribute of an organization, a location...
				d.rep.warnOnce(k.src, k.id, "attribute", ignoredMessage("attribute", true))
			} else {
				d.rep.warn(k.src, firstOf(k.id, "taxonomy link"), "service_id", "service %q is not in the dataset; the taxonomy link is ignored", k.svcID)
			}
			continue
		}
		t := d.termByID[k.termID]
		if t == nil {
			d.rep.warn(k.src, firstOf(k.id, "taxonomy link"), "taxonomy_term_id", "taxonomy term %q is not in the dataset; the link of service %q is ignored", k.termID, k.svcID)
			continue
		}
		if !s.again("link", k.svcID, k.termID) {
			sv.terms = append(sv.terms, t)
		}
	}
	for _, c := range d.caps {
		if sv := service(c.src, c.id, "service capacity", c.svcID); sv != nil && !s.again("cap", c.svcID, c.id, c.maximum, c.available) {
			sv.caps = append(sv.caps, c)
		}
	}
	for _, e := range d.eligs {
		if sv := service(e.src, e.id, "eligibility", e.svcID); sv != nil {
			sv.eligs = append(sv.eligs, e)
		}
	}
}
