package transfer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

// validate is pass one: it streams the input once and returns every
// problem, the rejected records, and the ids of the accepted ones. Records
// named in banned (rejected in an earlier round) count as absent.
func validate(ctx context.Context, st *store.Store, scan scanFunc, file string, banned map[string][]domain.Problem, pf func(Progress), start time.Time) (*validation, error) {
	v := &validation{file: file, ids: map[uint64]domain.TerritoryLevel{}, banned: banned,
		rejected: map[key]bool{}, late: map[string][]domain.Problem{}, existing: map[uint64]struct{}{}}
	linkIDs := map[uint64]struct{}{}
	err := scan(func(b *chunk) error {
		for i, msg := range b.bad {
			v.reject(domain.Problem{Line: b.offset + i + 1, Field: fmt.Sprintf("%s[%d]", b.list.name, b.offset+i), Message: msg})
		}
		for _, p := range b.doc.Validate() {
			v.reject(shift(p, b.offset))
		}
		// Register the accepted records; an id met twice rejects the second.
		for i, id := range idsOf(b.doc) {
			k := key{b.list.name, b.offset + i}
			if v.rejected[k] {
				continue
			}
			_, dup := linkIDs[idKey("ReferralLink", id)]
			if b.list.label != "ReferralLink" {
				_, dup = v.ids[idKey(b.list.label, id)]
			}
			switch {
			case dup:
				v.reject(domain.Problem{Line: k.index + 1, Record: id, Field: fmt.Sprintf("%s[%d].id", k.list, k.index),
					Message: "repeats the id of an earlier record"})
			case banned[b.list.label+":"+id] != nil:
				v.rejected[k] = true
				v.problems = append(v.problems, banned[b.list.label+":"+id]...)
			case b.list.label == "ReferralLink":
				linkIDs[idKey("ReferralLink", id)] = struct{}{}
			default:
				var level domain.TerritoryLevel
				if b.list.label == store.LabelTerritory {
					level = b.doc.Territories[i].Level
				}
				v.ids[idKey(b.list.label, id)] = level
			}
		}
		// Which of the chunk's records exist already: the write pass creates
		// the others without looking for them again.
		ids := idsOf(b.doc)
		if b.list.label == "ReferralLink" {
			exist, err := st.LookupLinkIDs(ctx, ids)
			if err != nil {
				return err
			}
			for id := range exist {
				v.existing[idKey("ReferralLink", id)] = struct{}{}
			}
		} else {
			found, err := st.LookupIDs(ctx, map[string][]string{b.list.label: ids})
			if err != nil {
				return err
			}
			for id := range found[b.list.label] {
				v.existing[idKey(b.list.label, id)] = struct{}{}
			}
		}
		for i, c := range b.doc.ServiceCategories {
			if !v.rejected[key{b.list.name, b.offset + i}] {
				v.cats = append(v.cats, c)
				v.catIndex = append(v.catIndex, b.offset+i)
			}
		}
		// References: those to records already seen are checked now, the
		// others wait until the input or the database can answer.
		var now []domain.Ref
		for _, r := range b.doc.Refs() {
			r.At = shift(r.At, b.offset)
			r.At.File = file
			if v.rejected[key{b.list.name, r.At.Line - 1}] {
				continue
			}
			if _, ok := v.known(r.Label, r.ID); ok {
				now = append(now, r)
			} else {
				v.pending = append(v.pending, r)
			}
		}
		for _, p := range domain.CheckRefs(now, v.known) {
			v.reject(p)
		}
		v.records += b.list.size(b.doc)
		if len(v.pending) >= pendingFlush {
			if err := v.resolve(ctx, st, false); err != nil {
				return err
			}
		}
		progress(pf, "validate", v.records, 0, start)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := v.resolve(ctx, st, true); err != nil {
		return nil, err
	}
	// Categories must not end up below themselves, through the input's
	// parents or the stored ones.
	var parents []string
	for _, c := range v.cats {
		if c.ParentID != "" {
			parents = append(parents, c.ParentID)
		}
	}
	stored, err := st.StoredCategoryParents(ctx, parents)
	if err != nil {
		return nil, err
	}
	for _, p := range domain.CategoryCycles(v.cats, func(id string) string { return stored[id] }) {
		i := p.Line - 1
		p.Line, p.File = v.catIndex[i]+1, file
		p.Field = strings.Replace(p.Field, fmt.Sprintf("[%d]", i), fmt.Sprintf("[%d]", v.catIndex[i]), 1)
		v.reject(p)
	}
	return v, nil
}

// resolve checks the pending references against the input's ids and the
// database. Unless final, references found nowhere stay pending: their
// record may come later in the input.
func (v *validation) resolve(ctx context.Context, st *store.Store, final bool) error {
	want := map[string][]string{}
	for _, r := range v.pending {
		if _, ok := v.known(r.Label, r.ID); !ok {
			want[r.Label] = append(want[r.Label], r.ID)
		}
	}
	stored, err := st.LookupIDs(ctx, want)
	if err != nil {
		return err
	}
	found := func(label, id string) (domain.TerritoryLevel, bool) {
		if lv, ok := v.known(label, id); ok {
			return lv, true
		}
		if v.banned[label+":"+id] != nil {
			return "", false
		}
		lv, ok := stored[label][id]
		return lv, ok
	}
	var check, keep []domain.Ref
	for _, r := range v.pending {
		if _, ok := found(r.Label, r.ID); ok || final {
			check = append(check, r)
		} else {
			keep = append(keep, r)
		}
	}
	for _, p := range domain.CheckRefs(check, found) {
		v.reject(p)
	}
	v.pending = keep
	return nil
}

// lateRejected returns, by label:id, the records rejected after they were
// accepted, with their problems: records checked in between may refer to
// them.
func (v *validation) lateRejected() map[string][]domain.Problem { return v.late }
