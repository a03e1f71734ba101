package hsds

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// UncategorisedName is the category of services the dataset gives no
// taxonomy term: coopgraph requires one.
const UncategorisedName = "Uncategorised (HSDS)"

// builder maps a resolved dataset onto a document.
type builder struct {
	opt  Options
	d    *dataset
	rep  *report
	ids  *registry
	terr *territories
	doc  *domain.Document

	catIDs        map[string]string // HSDS term id → category id
	orgIDs        map[string]string // HSDS organization id → stakeholder id, for those kept
	orgTerr       map[string]string // HSDS organization id → its territory
	uncategorised *domain.ServiceCategoryRecord
	// The records put in the Unplaced territory, by coopgraph id, for the
	// warning that lists them.
	unplacedOrgs, unplacedSvcs []string
	unplacedAt                 src
}

func build(d *dataset, opt Options) *domain.Document {
	b := &builder{opt: opt, d: d, rep: d.rep, doc: &domain.Document{Format: domain.DocumentFormat},
		catIDs: map[string]string{}, orgIDs: map[string]string{}, orgTerr: map[string]string{}}
	b.ids = &registry{prefix: opt.IDPrefix, rep: d.rep, used: map[string]string{}, qualify: map[string]bool{}}
	b.ids.qualifyRepeats(d)
	if opt.ParentTerritoryID != "" {
		b.ids.used[opt.ParentTerritoryID] = "parent territory"
	}
	b.terr = newTerritories(b)
	b.categories()
	chosen := map[*loc]*addr{}
	var addrs []*addr
	for _, l := range d.locs {
		if a := chooseAddress(l); a != nil {
			chosen[l] = a
			addrs = append(addrs, a)
		}
	}
	b.terr.complete(addrs)
	for _, l := range d.locs {
		if a := chosen[l]; a != nil {
			l.terr = b.terr.fromAddress(a)
		}
	}
	b.stakeholders()
	b.services()
	b.reportUnplaced()
	if b.uncategorised != nil {
		b.doc.ServiceCategories = append(b.doc.ServiceCategories, *b.uncategorised)
	}
	refs := map[string]bool{}
	for _, s := range b.doc.Stakeholders {
		refs[s.TerritoryID] = true
	}
	for _, s := range b.doc.Services {
		for _, c := range s.CoverageIDs {
			refs[c] = true
		}
	}
	b.doc.Territories = b.terr.used(refs)
	return b.doc
}

// registry hands out the document's ids: the HSDS id with the prefix, made
// unique across record types (1.x datasets often number each table from 1).
type registry struct {
	prefix  string
	rep     *report
	used    map[string]string // id → what it is the id of
	qualify map[string]bool   // nouns whose ids all get "<noun>-"
}

// qualifyRepeats: when some ids of a type repeat ids of a type mapped
// before it, every id of that type gets its type's name, so that the ids
// of one type stay alike ("service-1", "service-2"...) and do not depend
// on which records happen to be rejected.
func (r *registry) qualifyRepeats(d *dataset) {
	type idsOf struct {
		noun string
		src  src
		ids  []string
	}
	var types []idsOf
	add := func(noun string, at src, ids []string) { types = append(types, idsOf{noun, at, ids}) }
	var ids []string
	for _, t := range d.terms {
		ids = append(ids, t.id)
	}
	if len(d.terms) > 0 {
		add("category", d.terms[0].src, ids)
	}
	ids = nil
	for _, o := range d.orgs {
		ids = append(ids, o.id)
	}
	if len(d.orgs) > 0 {
		add("stakeholder", d.orgs[0].src, ids)
	}
	ids = nil
	for _, s := range d.svcs {
		ids = append(ids, s.id)
	}
	if len(d.svcs) > 0 {
		add("service", d.svcs[0].src, ids)
	}
	earlier := map[string]string{}
	for _, t := range types {
		for _, id := range t.ids {
			if other, ok := earlier[id]; ok && !r.qualify[t.noun] {
				r.qualify[t.noun] = true
				r.rep.warn(t.src, id, "id", "%q is the id of a %s and of a %s; every %s id is prefixed with %q",
					id, other, t.noun, t.noun, t.noun+"-")
			}
		}
		for _, id := range t.ids {
			if _, ok := earlier[id]; !ok {
				earlier[id] = t.noun
			}
		}
	}
}

func (r *registry) claim(noun, raw string, at src) string {
	clean := strings.Join(strings.FieldsFunc(raw, func(c rune) bool { return c <= ' ' || unicode.IsSpace(c) }), "-")
	if clean != raw {
		r.rep.warnOnce(at, raw, "id", "ids with spaces or control characters have them replaced by dashes")
	}
	if r.qualify[noun] {
		clean = noun + "-" + clean
	}
	id := r.prefix + clean
	if owner, taken := r.used[id]; taken {
		// Still taken (by a territory's slug, say): number it.
		alt := r.prefix + noun + "-" + clean
		if r.qualify[noun] {
			alt = id + "-2"
		}
		for n := 2; r.used[alt] != ""; n++ {
			alt = fmt.Sprintf("%s-%d", id, n)
		}
		r.rep.warn(at, raw, "id", "%q is already the id of a %s; this %s gets %q", id, owner, noun, alt)
		id = alt
	}
	r.used[id] = noun
	return id
}

func (b *builder) source(at src) string { return "HSDS import (" + at.file + ")" }

// name cuts a name to the domain's limit: a long name is no reason to lose
// the record.
func (b *builder) name(at src, record, what, s string) string {
	return b.cut(at, record, what, s, domain.MaxName)
}

func (b *builder) text(at src, record, what, s string) string {
	return b.cut(at, record, what, s, domain.MaxDescription)
}

func (b *builder) cut(at src, record, what, s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	b.rep.warnOnce(at, record, what, fmt.Sprintf("%s longer than %d characters: cut", what, n))
	return string([]rune(s)[:n-1]) + "…"
}

// sanitize validates a record with the domain's rules and clears the
// optional fields they reject — a malformed e-mail should not cost the
// whole service — warning for each. It returns the problems that remain.
func (b *builder) sanitize(at src, record string, validate func() domain.Problems, clear map[string]func()) domain.Problems {
	for range 3 {
		var rest domain.Problems
		cleared := false
		for _, p := range validate() {
			if c, ok := clear[p.Field]; ok {
				c()
				cleared = true
				b.rep.warn(at, record, p.Field, "%s; the value is dropped", p.Message)
				continue
			}
			rest = append(rest, p)
		}
		if !cleared {
			return rest
		}
	}
	return validate()
}

func (b *builder) rejectAll(at src, record, noun string, ps domain.Problems) {
	for _, p := range ps {
		b.rep.reject(noun, at, record, p.Field, "%s; the %s is left out", p.Message, noun)
	}
}

// categories maps taxonomy terms, parents before children.
func (b *builder) categories() {
	var recs []domain.ServiceCategoryRecord
	var terms []*term
	for _, t := range b.d.terms {
		if t.name == "" {
			b.rep.reject("taxonomy term", t.src, t.id, "name", "is required; the taxonomy term is left out")
			continue
		}
		var rec domain.ServiceCategoryRecord
		rec.ID = b.ids.claim("category", t.id, t.src)
		rec.Source = b.source(t.src)
		rec.Name = b.name(t.src, t.id, "taxonomy term name", t.name)
		rec.Code = t.code
		rec.Domain = b.opt.DefaultDomain
		rec.Description = b.text(t.src, t.id, "taxonomy term description", t.desc)
		ps := b.sanitize(t.src, t.id, func() domain.Problems { return rec.Validate() },
			map[string]func(){"code": func() { rec.Code = "" }})
		if len(ps) > 0 {
			b.rejectAll(t.src, t.id, "taxonomy term", ps)
			continue
		}
		recs = append(recs, rec)
		terms = append(terms, t)
		b.catIDs[t.id] = rec.ID
	}
	for i, t := range terms {
		if t.parentID == "" {
			continue
		}
		if p, ok := b.catIDs[t.parentID]; ok && t.parentID != t.id {
			recs[i].ParentID = p
		} else {
			b.rep.warn(t.src, t.id, "parent_id", "parent term %q is not in the dataset; the category has no parent", t.parentID)
		}
	}
	// A cycle of parents would make the write fail; break it where it closes.
	parent := map[string]string{}
	for _, r := range recs {
		parent[r.ID] = r.ParentID
	}
	for i, r := range recs {
		seen := map[string]bool{r.ID: true}
		for p := parent[r.ID]; p != ""; p = parent[p] {
			if p == r.ID {
				b.rep.warn(terms[i].src, terms[i].id, "parent_id", "the parents of term %q lead back to it; its parent %q is dropped", terms[i].id, terms[i].parentID)
				recs[i].ParentID, parent[r.ID] = "", ""
				break
			}
			if seen[p] {
				break
			}
			seen[p] = true
		}
	}
	b.doc.ServiceCategories = parentsFirst(recs)
}

func parentsFirst(recs []domain.ServiceCategoryRecord) []domain.ServiceCategoryRecord {
	index := map[string]int{}
	for i, r := range recs {
		index[r.ID] = i
	}
	done := make([]bool, len(recs))
	out := make([]domain.ServiceCategoryRecord, 0, len(recs))
	var visit func(i int)
	visit = func(i int) {
		if done[i] {
			return
		}
		done[i] = true
		if j, ok := index[recs[i].ParentID]; ok {
			visit(j)
		}
		out = append(out, recs[i])
	}
	for i := range recs {
		visit(i)
	}
	return out
}

// chooseAddress picks the address that places a location: a physical one,
// else one of no or another type, else a postal one; never a virtual one.
func chooseAddress(l *loc) *addr {
	if l.typ == "virtual" {
		return nil
	}
	for _, pass := range []func(string) bool{
		func(t string) bool { return t == "physical" },
		func(t string) bool { return t != "physical" && t != "postal" && t != "virtual" },
		func(t string) bool { return t == "postal" },
	} {
		for _, a := range l.addrs {
			if pass(a.typ) && a.city+a.state+a.country != "" {
				return a
			}
		}
	}
	return nil
}

// orgTerritory is where an organization is: its first physical location,
// else the location of one of its services, else the parent territory.
func (b *builder) orgTerritory(o *org) string {
	for _, pass := range []func(string) bool{
		func(t string) bool { return t == "physical" },
		func(t string) bool { return t != "physical" && t != "postal" },
		func(t string) bool { return t == "postal" },
	} {
		for _, l := range o.locs {
			if pass(l.typ) && l.terr != "" {
				return l.terr
			}
		}
	}
	for _, s := range o.svcs {
		for _, l := range s.locs {
			if l.terr != "" {
				b.rep.warn(o.src, o.id, "locations", "the organization has no address of its own; it is located where its service %q is given", s.id)
				return l.terr
			}
		}
	}
	if p := b.opt.ParentTerritoryID; p != "" {
		b.rep.warn(o.src, o.id, "locations", "no address places the organization; it is located in the parent territory %q (-hsds-parent)", p)
		return p
	}
	return b.terr.unplacedFor(o.src)
}

// reportUnplaced lists, in one warning per type, the organizations put in
// the Unplaced territory and the services that cover it for want of any
// place: one line says what to fix in the dataset, or which -hsds-parent to
// give.
func (b *builder) reportUnplaced() {
	if b.terr.unplaced == "" {
		return
	}
	name := b.terr.recs[b.terr.byKey[unplacedKey]].Name
	if n := len(b.unplacedOrgs); n > 0 {
		b.rep.warn(b.unplacedAt, "", "locations", "%d organizations have no address, of their own or of their services, that places them; "+
			"they are located in %q (%s), made for them (give -hsds-parent to put them in an existing territory instead): %s",
			n, name, b.terr.unplaced, strings.Join(b.unplacedOrgs, ", "))
	}
	if n := len(b.unplacedSvcs); n > 0 {
		b.rep.warn(b.unplacedAt, "", "service_areas", "%d services have no service area and no located address, and their organizations are unplaced; "+
			"they cover %q (%s): %s", n, name, b.terr.unplaced, strings.Join(b.unplacedSvcs, ", "))
	}
}

func (b *builder) stakeholders() {
	for _, o := range b.d.orgs {
		if o.name == "" {
			b.rep.reject("organization", o.src, o.id, "name", "is required; the organization is left out")
			continue
		}
		terr := b.orgTerritory(o)
		rec := domain.StakeholderRecord{TerritoryID: terr}
		rec.ID = b.ids.claim("stakeholder", o.id, o.src)
		rec.Source = b.source(o.src)
		rec.Name = b.name(o.src, o.id, "organization name", o.name)
		rec.Kind = b.opt.DefaultKind
		rec.Sector = b.opt.DefaultSector
		rec.Description = b.text(o.src, o.id, "organization description", o.desc)
		rec.Email = b.email(o.email)
		rec.Website = b.url(o.src, o.id, o.website)
		rec.Phone = phoneOf(o)
		if o.alt != "" {
			if isAcronym(o.alt) {
				rec.Acronym = o.alt
			} else {
				b.rep.warnOnce(o.src, o.id, "organization.alternate_name",
					"alternate names that are not acronyms (one word of at most 16 characters) are not modelled; ignored")
			}
		}
		ps := b.sanitize(o.src, o.id, func() domain.Problems { return rec.Validate() }, map[string]func(){
			"email": func() { rec.Email = "" }, "website": func() { rec.Website = "" },
			"phone": func() { rec.Phone = "" }, "acronym": func() { rec.Acronym = "" },
		})
		if len(ps) > 0 {
			b.rejectAll(o.src, o.id, "organization", ps)
			continue
		}
		b.doc.Stakeholders = append(b.doc.Stakeholders, rec)
		if terr == b.terr.unplaced {
			if len(b.unplacedOrgs) == 0 {
				b.unplacedAt = o.src
			}
			b.unplacedOrgs = append(b.unplacedOrgs, rec.ID)
		}
		b.orgIDs[o.id] = rec.ID
		b.orgTerr[o.id] = terr
	}
}

// isAcronym: coopgraph's acronym is a short name like "WHO"; a longer
// alternate name would read wrongly there.
func isAcronym(s string) bool {
	return utf8.RuneCountInString(s) <= 16 && !strings.ContainsFunc(s, unicode.IsSpace)
}

// phoneOf is the organization's first phone number, with its extension.
// The official examples quote the number inside the string; the quotes go.
func phoneOf(o *org) string {
	for _, p := range o.phones {
		n := strings.TrimSpace(strings.Trim(p.number, "\"' "))
		if n == "" {
			continue
		}
		if p.ext != "" && p.ext != "0" {
			n += " ext. " + p.ext
		}
		return n
	}
	return ""
}

func (b *builder) email(s string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "mailto:"))
}

// url adds the scheme a bare host name lacks ("www.example.org"), which
// coopgraph requires.
func (b *builder) url(at src, record, s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.Contains(s, "://") && strings.Contains(s, ".") && !strings.ContainsAny(s, " @") {
		b.rep.warnOnce(at, record, "url scheme", "URLs without a scheme are taken as http://")
		return "http://" + s
	}
	return s
}

func (b *builder) services() {
	for _, s := range b.d.svcs {
		if s.name == "" {
			b.rep.reject("service", s.src, s.id, "name", "is required; the service is left out")
			continue
		}
		provider, ok := b.orgIDs[s.orgID]
		switch {
		case ok:
		case s.orgID == "":
			b.rep.reject("service", s.src, s.id, "organization_id", "is missing: a coopgraph service needs its provider; the service is left out")
			continue
		case b.d.orgByID[s.orgID] != nil:
			b.rep.reject("service", s.src, s.id, "organization_id", "organization %q is left out (see its rejection), and so is its service", s.orgID)
			continue
		default:
			b.rep.reject("service", s.src, s.id, "organization_id", "organization %q is not in the dataset; the service is left out", s.orgID)
			continue
		}
		rec := domain.ServiceRecord{ProviderID: provider}
		rec.ID = b.ids.claim("service", s.id, s.src)
		rec.Source = b.source(s.src)
		rec.Name = b.name(s.src, s.id, "service name", s.name)
		rec.Description = b.text(s.src, s.id, "service description", s.desc)
		rec.Status = b.status(s)
		rec.DeliveryMode = deliveryMode(s)
		rec.Eligibility = b.text(s.src, s.id, "eligibility", eligibility(s))
		rec.MinAge, rec.MaxAge = b.ages(s)
		b.capacity(s, &rec)
		rec.Email = b.email(s.email)
		rec.URL = b.url(s.src, s.id, s.url)
		rec.CategoryIDs = b.serviceCategories(s)
		rec.CoverageIDs = b.coverage(s)
		ps := b.sanitize(s.src, s.id, func() domain.Problems { return rec.Validate() }, map[string]func(){
			"email": func() { rec.Email = "" }, "url": func() { rec.URL = "" },
			"minAge": func() { rec.MinAge = nil }, "maxAge": func() { rec.MaxAge = nil },
			"capacity": func() { rec.Capacity = nil }, "available": func() { rec.Available = nil; rec.AvailableUpdatedAt = nil },
		})
		if len(ps) > 0 {
			b.rejectAll(s.src, s.id, "service", ps)
			continue
		}
		b.doc.Services = append(b.doc.Services, rec)
		if b.terr.unplaced != "" && slices.Equal(rec.CoverageIDs, []string{b.terr.unplaced}) {
			b.unplacedSvcs = append(b.unplacedSvcs, rec.ID)
		}
	}
}

// status: HSDS's inactive, defunct and temporarily closed services are not
// running, which coopgraph calls SUSPENDED (it has no "closed for good").
func (b *builder) status(s *svc) domain.ServiceStatus {
	st, ok := mapStatus(s.status)
	switch {
	case ok:
	case s.status == "":
		b.rep.warn(s.src, s.id, "status", "is missing; the service is taken as ACTIVE")
	default:
		b.rep.warn(s.src, s.id, "status", "%q is not an HSDS status (active, inactive, defunct, temporarily closed); the service is taken as ACTIVE", s.status)
	}
	return st
}

// mapStatus maps an HSDS status, forgiving case and separators; ok is
// false when it is not one, and the status then ACTIVE: a directory lists
// the services that run, unless it says otherwise.
func mapStatus(s string) (st domain.ServiceStatus, ok bool) {
	switch strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(strings.ToLower(s))), " ") {
	case "active":
		return "ACTIVE", true
	case "inactive", "defunct", "temporarily closed":
		return "SUSPENDED", true
	}
	return "ACTIVE", false
}

// deliveryMode: HSDS has no such field; a service given only at virtual
// locations is REMOTE, at virtual and other locations MIXED, else IN_PERSON.
func deliveryMode(s *svc) domain.DeliveryMode {
	virtual, other := 0, 0
	for _, l := range s.locs {
		if l.typ == "virtual" {
			virtual++
		} else {
			other++
		}
	}
	switch {
	case virtual > 0 && other > 0:
		return "MIXED"
	case virtual > 0:
		return "REMOTE"
	}
	return "IN_PERSON"
}

// eligibility joins the 3.x eligibility_description and the texts of the
// 1.x eligibility rows.
func eligibility(s *svc) string {
	var texts []string
	for _, t := range append([]string{s.elig}, eligTexts(s)...) {
		if t != "" && !slices.Contains(texts, t) {
			texts = append(texts, t)
		}
	}
	return strings.Join(texts, "; ")
}

func eligTexts(s *svc) []string {
	out := make([]string, len(s.eligs))
	for i, e := range s.eligs {
		out[i] = e.text
	}
	return out
}

// ages: the service's minimum_age and maximum_age (3.x), else the first
// eligibility row that has them (older versions).
func (b *builder) ages(s *svc) (minAge, maxAge *int) {
	lo, hi := s.minAge, s.maxAge
	for _, e := range s.eligs {
		lo, hi = firstOf(lo, e.minAge), firstOf(hi, e.maxAge)
	}
	return b.age(s, "minimum_age", lo, false), b.age(s, "maximum_age", hi, true)
}

// age reads a number of years; a fraction (0.5 for six months) is widened
// to whole years, which keeps everyone eligible who was.
func (b *builder) age(s *svc, field, v string, up bool) *int {
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e6 {
		b.rep.warn(s.src, s.id, field, "%q is not a number; ignored", v)
		return nil
	}
	n := math.Floor(f)
	if up {
		n = math.Ceil(f)
	}
	if n != f {
		b.rep.warn(s.src, s.id, field, "%s is not a whole number of years; taken as %d", v, int(n))
	}
	i := int(n)
	return &i
}

// capacity takes the service capacity with the largest maximum: coopgraph
// keeps one per service.
func (b *builder) capacity(s *svc, rec *domain.ServiceRecord) {
	if len(s.caps) == 0 {
		return
	}
	maxOf := func(c *capacity) float64 {
		f, err := strconv.ParseFloat(c.maximum, 64)
		if err != nil {
			return math.Inf(-1)
		}
		return f
	}
	best := s.caps[0]
	for _, c := range s.caps[1:] {
		if maxOf(c) > maxOf(best) {
			best = c
		}
	}
	if len(s.caps) > 1 {
		b.rep.warn(s.src, s.id, "capacities", "the service has %d capacities; coopgraph keeps one, the largest: %q (maximum %s)",
			len(s.caps), best.id, firstOf(best.maximum, "none"))
	}
	rec.Capacity = b.count(best, "maximum", best.maximum)
	rec.Available = b.count(best, "available", best.available)
	if best.updated != "" {
		if t, ok := parseTime(best.updated); ok {
			rec.AvailableUpdatedAt = &t
		} else {
			b.rep.warn(best.src, firstOf(best.id, s.id), "updated", "%q is not a date-time; ignored", best.updated)
		}
	}
}

func (b *builder) count(c *capacity, field, v string) *int64 {
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
		b.rep.warn(c.src, firstOf(c.id, c.svcID), field, "%q is not a number; ignored", v)
		return nil
	}
	if n := math.Floor(f); n != f {
		b.rep.warn(c.src, firstOf(c.id, c.svcID), field, "%s is not a whole number of places; taken as %d", v, int64(n))
		f = n
	}
	n := int64(f)
	return &n
}

func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// serviceCategories are the categories of the service's taxonomy terms, each
// once; a service without a term goes to the Uncategorised category.
func (b *builder) serviceCategories(s *svc) []string {
	var kept []string
	for _, t := range s.terms {
		id, ok := b.catIDs[t.id]
		if !ok || slices.Contains(kept, id) {
			continue // the term was rejected, and said so; or a repeat
		}
		kept = append(kept, id)
	}
	if len(kept) > 0 {
		return kept
	}
	b.rep.warn(s.src, s.id, "attributes", "the service has no taxonomy term; it is put in %q", UncategorisedName)
	if b.uncategorised == nil {
		c := &domain.ServiceCategoryRecord{}
		c.ID = b.ids.claim("category", "cat-hsds-uncategorised", s.src)
		c.Source = b.source(s.src)
		c.Name = UncategorisedName
		c.Domain = b.opt.DefaultDomain
		c.Description = "Services the HSDS dataset gives no taxonomy term."
		b.uncategorised = c
	}
	return []string{b.uncategorised.ID}
}

// coverage: the service's areas; without them the territories of its
// locations; without those its organization's territory.
func (b *builder) coverage(s *svc) []string {
	var ids []string
	add := func(id string) {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, a := range s.areas {
		add(b.terr.area(a))
	}
	if len(ids) > 0 {
		return ids
	}
	for _, l := range s.locs {
		add(l.terr)
	}
	if len(ids) > 0 {
		b.rep.warn(s.src, s.id, "service_areas", "the service has no service area; it covers the territories of its locations")
		return ids
	}
	b.rep.warn(s.src, s.id, "service_areas", "the service has no service area and no located address; it covers its organization's territory")
	return []string{b.orgTerr[s.orgID]}
}
