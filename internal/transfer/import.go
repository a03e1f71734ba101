package transfer

import (
	"context"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

// Sizes of imports.
const (
	// SmallImport is the most records an import writes in one transaction.
	SmallImport = 20000
	// ChunkSize is how many records of one type a chunk of a larger import
	// writes in one transaction.
	ChunkSize = 5000
	// pendingFlush is how many unresolved references pass one holds before
	// it asks the database about them.
	pendingFlush = 20000
)

// Options tune an import.
type Options struct {
	DryRun bool // validate and count; write nothing
	Atomic bool // write nothing when any record is rejected
	// Progress, when set, is told how far the write pass has come.
	Progress func(Progress)
}

// Progress is a point in an import's write pass.
type Progress struct {
	Phase   string // "validate", "nodes", "relationships"
	Done    int    // records handled so far in this phase
	Total   int
	Elapsed time.Duration
}

// Count is what an import did to the records of one type.
type Count struct {
	Created, Updated, Unchanged, Rejected int
}

// Report is the outcome of an import.
type Report struct {
	DryRun   bool
	Written  bool
	Counts   map[string]*Count // by record type: "Stakeholder", "ReferralLink"...
	Problems []domain.Problem  // why records were rejected, each with its Type
	Warnings []domain.Problem  // what was ignored
	// Input is how many records the input held, rejected or not (for HSDS:
	// rows and top-level records of any table), so that an import that
	// makes nothing of a non-empty input can say so.
	Input int
}

// Imported is how many records the import created, updated or found
// unchanged (would have, in a dry run).
func (r *Report) Imported() int {
	n := 0
	for _, c := range r.Counts {
		n += c.Created + c.Updated + c.Unchanged
	}
	return n
}

// Rejected is how many records were rejected, of every type.
func (r *Report) Rejected() int {
	n := 0
	for _, c := range r.Counts {
		n += c.Rejected
	}
	return n
}

// unknownType counts the rejections whose reader did not say of what type
// the record was.
const unknownType = "(unknown type)"

// countRejected counts the readers' rejections by the type they name,
// each record once however many problems it has.
func (r *Report) countRejected(ps []domain.Problem) {
	seen := map[domain.Problem]bool{}
	for _, p := range ps {
		k := domain.Problem{Type: p.Type, File: p.File, Line: p.Line, Record: p.Record}
		if seen[k] && (p.Line > 0 || p.Record != "") {
			continue
		}
		seen[k] = true
		r.count(firstNonEmpty(p.Type, unknownType)).Rejected++
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (r *Report) count(label string) *Count {
	if r.Counts[label] == nil {
		r.Counts[label] = &Count{}
	}
	return r.Counts[label]
}

// Types returns the record types of the report in a stable order.
func (r *Report) Types() []string { return slices.Sorted(maps.Keys(r.Counts)) }

// Summary is one line per type, for the CLI.
func (r *Report) Summary() string {
	var b strings.Builder
	for _, t := range r.Types() {
		c := r.Counts[t]
		fmt.Fprintf(&b, "%-16s created %7d  updated %7d  unchanged %7d  rejected %7d\n", t, c.Created, c.Updated, c.Unchanged, c.Rejected)
	}
	return b.String()
}

// ImportJSON imports an interchange document, streaming it from open
// (called once per pass).
func ImportJSON(ctx context.Context, st *store.Store, open func() (io.ReadCloser, error), file string, opt Options) (*Report, error) {
	rep := &Report{DryRun: opt.DryRun, Counts: map[string]*Count{}}
	scan := scanJSON(open, file, ChunkSize, func(p domain.Problem) { rep.Warnings = append(rep.Warnings, p) })
	return run(ctx, st, scan, file, opt, rep)
}

// ImportDocument imports a document already in memory (from CSV, HSDS or
// a GraphQL request), with the warnings and rejections of its reader.
func ImportDocument(ctx context.Context, st *store.Store, doc *domain.Document, file string, warnings, rejected []domain.Problem, opt Options) (*Report, error) {
	return importDocument(ctx, st, doc, file, warnings, rejected, len(idsOf(doc))+len(rejected), opt)
}

// importDocument is ImportDocument with the size of the input the document
// was read from.
func importDocument(ctx context.Context, st *store.Store, doc *domain.Document, file string, warnings, rejected []domain.Problem, input int, opt Options) (*Report, error) {
	rep := &Report{DryRun: opt.DryRun, Counts: map[string]*Count{}, Warnings: warnings, Problems: rejected, Input: input}
	rep.countRejected(rejected)
	if len(rejected) > 0 && opt.Atomic {
		return rep, nil
	}
	return run(ctx, st, scanDoc(doc, ChunkSize), file, opt, rep)
}

// key locates a record: its list and its index there.
type key struct {
	list  string
	index int
}

// validation is the state of pass one.
type validation struct {
	file     string
	ids      map[uint64]domain.TerritoryLevel // accepted records (by idKey), with territory levels
	banned   map[string][]domain.Problem      // label:id rejected late in an earlier round, with why
	late     map[string][]domain.Problem      // label:id rejected after being accepted
	existing map[uint64]struct{}              // idKeys of the input's records already stored
	rejected map[key]bool
	problems []domain.Problem
	pending  []domain.Ref
	cats     []domain.ServiceCategoryRecord
	catIndex []int // their indexes in the input's serviceCategories
	records  int
}

func (v *validation) known(label, id string) (domain.TerritoryLevel, bool) {
	lv, ok := v.ids[idKey(label, id)]
	return lv, ok
}

// idSeed seeds idKey for this process.
var idSeed = maphash.MakeSeed()

// idKey is a record's type and id as 64 bits. Pass one keeps the key of
// every record of the input, so that memory grows by a few bytes a record,
// not by the record; two of a million ids collide with a chance of about
// 3·10⁻⁸, and would only make a missing reference look present.
func idKey(label, id string) uint64 { return maphash.String(idSeed, label+"\x00"+id) }

// reject records a problem and rejects the record it is about. A record
// already accepted is withdrawn from the known ids and listed as late.
func (v *validation) reject(p domain.Problem) {
	if p.File == "" {
		p.File = v.file
	}
	list, rest, ok := strings.Cut(p.Field, "[")
	var n int
	var err error
	if ok {
		n, err = strconv.Atoi(rest[:max(strings.Index(rest, "]"), 0)])
	}
	if !ok || err != nil {
		v.problems = append(v.problems, p)
		return
	}
	if l, ok := listByName(list); ok && p.Type == "" {
		p.Type = l.label
	}
	v.problems = append(v.problems, p)
	v.rejected[key{list, n}] = true
	if l, ok := listByName(list); ok && p.Record != "" {
		if _, accepted := v.ids[idKey(l.label, p.Record)]; accepted {
			delete(v.ids, idKey(l.label, p.Record))
			v.late[l.label+":"+p.Record] = append(v.late[l.label+":"+p.Record], p)
		}
	}
}

// shift makes a chunk's problem path global: "services[3]" in a chunk that
// starts at 5000 is "services[5003]".
func shift(p domain.Problem, offset int) domain.Problem {
	list, rest, ok := strings.Cut(p.Field, "[")
	if !ok {
		return p
	}
	end := strings.Index(rest, "]")
	n, err := strconv.Atoi(rest[:end])
	if err != nil {
		return p
	}
	p.Field = fmt.Sprintf("%s[%d]%s", list, n+offset, rest[end+1:])
	p.Line = n + offset + 1
	return p
}

func run(ctx context.Context, st *store.Store, scan scanFunc, file string, opt Options, rep *Report) (*Report, error) {
	start := time.Now()
	// Pass one, repeated when records rejected at its end were referred to
	// by records accepted before: those must go too (not atomic only).
	var v *validation
	banned := map[string][]domain.Problem{}
	for round := 0; ; round++ {
		var err error
		v, err = validate(ctx, st, scan, file, banned, opt.Progress, start)
		if err != nil {
			return nil, err
		}
		if rep.Input == 0 {
			rep.Input = v.records // a streamed document: what pass one read
		}
		// Atomic imports take the rounds too, so that the report names the
		// records that would have been left out with the rejected ones.
		late := v.lateRejected()
		if len(late) == 0 || round == 4 {
			break
		}
		for k, ps := range late {
			banned[k] = ps
		}
	}
	rep.Problems = append(rep.Problems, v.problems...)
	for k := range v.rejected {
		l, _ := listByName(k.list)
		rep.count(l.label).Rejected++
	}
	if len(rep.Problems) > 0 && opt.Atomic {
		return rep, nil
	}
	accepted := func(b *chunk) *domain.Document {
		doc := &domain.Document{Format: domain.DocumentFormat}
		b.list.keep(b.doc, doc, func(i int) bool { return !v.rejected[key{b.list.name, b.offset + i}] })
		return doc
	}

	if v.records <= SmallImport {
		// Small enough for one transaction: truly all or nothing, and the
		// store checks again what only it can (territory children levels).
		all := &domain.Document{Format: domain.DocumentFormat}
		if err := scan(func(b *chunk) error { merge(all, accepted(b)); return nil }); err != nil {
			return nil, err
		}
		counts, err := st.Write(ctx, all, store.WriteOptions{DryRun: opt.DryRun})
		if ps, ok := err.(domain.Problems); ok {
			for _, p := range ps {
				p.File = file
				rep.Problems = append(rep.Problems, p)
			}
			return rep, nil
		}
		if err != nil {
			return nil, err
		}
		addCounts(rep, counts)
		rep.Written = !opt.DryRun
		return rep, nil
	}

	if opt.DryRun {
		// Too large to try in a transaction: count new and existing ids.
		err := scan(func(b *chunk) error {
			doc := accepted(b)
			ids := idsOf(doc)
			found, err := st.LookupIDs(ctx, map[string][]string{b.list.label: ids})
			if err != nil {
				return err
			}
			c := rep.count(b.list.label)
			c.Updated += len(found[b.list.label])
			c.Created += len(ids) - len(found[b.list.label])
			return nil
		})
		rep.Warnings = append(rep.Warnings, domain.Problem{File: file, Message: fmt.Sprintf(
			"dry run of more than %d records: records that exist already are counted as updated without comparing them", SmallImport)})
		return rep, err
	}

	// Pass two: all nodes, then all relationships, chunk by chunk (a store.WriteBatch transaction each).
	isNew := func(label, id string) bool { _, ok := v.existing[idKey(label, id)]; return !ok }
	// Records the node pass changed, other than new ones (isNew covers
	// those), so the relationship pass does not count them twice.
	changed := map[uint64]struct{}{}
	done := 0
	err := scan(func(b *chunk) error {
		doc := accepted(b)
		counts, err := st.WriteBatch(ctx, doc, store.BatchPass{Nodes: true, IsNew: isNew,
			Changed: func(label, id string) {
				if !isNew(label, id) {
					changed[idKey(label, id)] = struct{}{}
				}
			}})
		if err != nil {
			return err
		}
		addCounts(rep, counts)
		done += b.list.size(doc)
		progress(opt.Progress, "nodes", done, v.records, start)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: nodes: %w (the records before this batch are written)", file, err)
	}
	done = 0
	err = scan(func(b *chunk) error {
		doc := accepted(b)
		counts, err := st.WriteBatch(ctx, doc, store.BatchPass{IsNew: isNew,
			Skip: func(label, id string) bool {
				_, ok := changed[idKey(label, id)]
				return ok || isNew(label, id)
			}})
		if err != nil {
			return err
		}
		for label, c := range counts {
			// Records whose only change is a relationship were counted
			// unchanged by the node pass.
			rc := rep.count(label)
			rc.Updated += c.Updated
			if label != "ReferralLink" {
				rc.Unchanged -= c.Updated
			} else {
				rc.Created, rc.Unchanged = rc.Created+c.Created, rc.Unchanged+c.Unchanged
			}
		}
		done += b.list.size(doc)
		progress(opt.Progress, "relationships", done, v.records, start)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: relationships: %w (the nodes are written)", file, err)
	}
	rep.Written = true
	return rep, nil
}

func progress(f func(Progress), phase string, done, total int, start time.Time) {
	if f != nil {
		f(Progress{Phase: phase, Done: done, Total: total, Elapsed: time.Since(start)})
	}
}

func addCounts(rep *Report, counts store.WriteCounts) {
	for label, c := range counts {
		rc := rep.count(label)
		rc.Created += c.Created
		rc.Updated += c.Updated
		rc.Unchanged += c.Unchanged
	}
}

func merge(into, doc *domain.Document) {
	for _, l := range lists {
		l.keep(doc, into, func(int) bool { return true })
	}
}

// idsOf lists the ids of a chunk's records.
func idsOf(doc *domain.Document) []string {
	var ids []string
	doc.Each(func(_, id string, _ any) { ids = append(ids, id) })
	return ids
}
