package graph

// Direct rendering: a compiled root field's answer written straight from
// the statement's maps.
//
// gqlgen resolves every field of every item through its executor (a field
// context, a goroutine per list item and per concurrent field), which for a
// page of a few hundred nested records costs several times the CPU of the
// statement itself. When every field a root field selects is a property, a
// compiled relationship field or a relationship property (recordPlan.direct),
// the resolver renders the answer itself from the statement's maps, with
// gqlgen's own scalar marshalers, and RenderRoot hands it to gqlgen in place
// of the executor's. Any other selection, and any value the executor would
// refuse (a required field without a value), takes the executor's way, so
// the two answer alike; TestCompiledStatements compares them.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

type fieldKind int

const (
	propField     fieldKind = iota // a property of the record
	typenameField                  // __typename
	hopKind                        // a compiled relationship field
	nodeField                      // a wrapper's reached record
	parentField                    // a wrapper's parent record
	relField                       // a wrapper's relationship property
)

// recordPlan renders the fields selected of a record of type typ; direct
// is false when one of them (or of the records below) cannot be rendered
// from the statement alone.
type recordPlan struct {
	typ    string
	fields []renderField
	direct bool
}

type renderField struct {
	alias string
	typ   *ast.Type
	kind  fieldKind
	prop  string      // propField, relField
	sub   int         // hopKind: the index of its Sub in the parent's Selection
	one   bool        // hopKind: a to-one field
	child *recordPlan // hopKind without wrapper, nodeField, parentField
	wrap  *recordPlan // hopKind with a wrapper type
}

// relProps are the fields of the wrapper types read from the relationship's
// properties, as their resolvers read them.
var relProps = map[string]map[string]bool{
	"PartnershipParty":   {"role": true},
	"ProjectParticipant": {"role": true},
	"EventParticipant":   {"role": true},
	"NeighbourLink":      {"distanceKm": true, "illustrative": true},
	"PracticeTransfer":   {"year": true},
	"ReferralLink":       {"id": true, "status": true, "since": true, "illustrative": true},
}

// listPlan renders a root list's connection.
type listPlan struct {
	fields []connField
	direct bool
}

type connField struct {
	alias, name string
	typ         *ast.Type
	node        *recordPlan // nodes, edges.node
	sub         []connField // pageInfo's and edges' fields
}

// directRenders counts the root fields answered by direct rendering.
var directRenders atomic.Int64

// DirectRenders is the number of root fields this process answered by
// direct rendering (for tests).
func DirectRenders() int64 { return directRenders.Load() }

// errNotDirect stops a rendering the executor must do instead.
var errNotDirect = errors.New("not renderable directly")

type directKey struct{}

// directSlot receives a root field's directly rendered answer.
type directSlot struct{ out []byte }

// RenderRoot is the root field middleware that lets a compiled root field
// answer with its directly rendered JSON (see the package comment above).
func RenderRoot(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	slot := &directSlot{}
	m := next(context.WithValue(ctx, directKey{}, slot))
	if slot.out == nil {
		return m
	}
	return graphql.WriterFunc(func(w io.Writer) { _, _ = w.Write(slot.out) })
}

// direct returns the slot of the current field when it is a root field
// that may be rendered directly; never for a field below a root field
// (Viewer.stakeholder reads its record with get too, but its answer is a
// part of its root field's).
func (r *Resolver) direct(ctx context.Context) *directSlot {
	fc, root := graphql.GetFieldContext(ctx), graphql.GetRootFieldContext(ctx)
	if r.Batched || fc == nil || root == nil || fc.Field.Field != root.Field.Field {
		return nil
	}
	slot, _ := ctx.Value(directKey{}).(*directSlot)
	return slot
}

// renderList renders a page of a root list into slot, and reports whether
// it did.
func renderList[T any](slot *directSlot, plan *listPlan, p domain.Page[T], fetched []*store.Fetched) bool {
	if slot == nil || plan == nil || !plan.direct {
		return false
	}
	var b bytes.Buffer
	if err := writeConnection(&b, plan.fields, p.Offset, p.HasNext, p.Total, fetched); err != nil {
		return false
	}
	slot.out = b.Bytes()
	directRenders.Add(1)
	return true
}

// renderOne renders a root getter's record (nil: null) into slot.
func renderOne(slot *directSlot, plan *recordPlan, f *store.Fetched) bool {
	if slot == nil || plan == nil || !plan.direct {
		return false
	}
	var b bytes.Buffer
	if f == nil {
		b.WriteString("null")
	} else if err := writeRecord(&b, plan, f); err != nil {
		return false
	}
	slot.out = b.Bytes()
	directRenders.Add(1)
	return true
}

func writeConnection(b *bytes.Buffer, fields []connField, offset int, hasNext bool, total *int, items []*store.Fetched) error {
	b.WriteByte('{')
	for i, cf := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		writeKey(b, cf.alias)
		switch cf.name {
		case "__typename":
			graphql.MarshalString(cf.typ.Name()).MarshalGQL(b)
		case "totalCount":
			if total == nil {
				return errNotDirect
			}
			graphql.MarshalInt(*total).MarshalGQL(b)
		case "nodes":
			if err := writeArray(b, len(items), func(j int) error { return writeRecord(b, cf.node, items[j]) }); err != nil {
				return err
			}
		case "edges":
			b.WriteByte('[')
			for j, it := range items {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('{')
				for k, ef := range cf.sub {
					if k > 0 {
						b.WriteByte(',')
					}
					writeKey(b, ef.alias)
					switch ef.name {
					case "cursor":
						graphql.MarshalString(encodeCursor(offset + j)).MarshalGQL(b)
					case "node":
						if err := writeRecord(b, ef.node, it); err != nil {
							return err
						}
					case "__typename":
						graphql.MarshalString(ef.typ.Name()).MarshalGQL(b)
					default:
						return errNotDirect
					}
				}
				b.WriteByte('}')
			}
			b.WriteByte(']')
		case "pageInfo":
			b.WriteByte('{')
			for k, pf := range cf.sub {
				if k > 0 {
					b.WriteByte(',')
				}
				writeKey(b, pf.alias)
				switch pf.name {
				case "hasNextPage":
					graphql.MarshalBoolean(hasNext).MarshalGQL(b)
				case "hasPreviousPage":
					graphql.MarshalBoolean(offset > 0).MarshalGQL(b)
				case "startCursor", "endCursor":
					if len(items) == 0 {
						b.WriteString("null")
						continue
					}
					at := offset
					if pf.name == "endCursor" {
						at += len(items) - 1
					}
					graphql.MarshalString(encodeCursor(at)).MarshalGQL(b)
				case "__typename":
					graphql.MarshalString(pf.typ.Name()).MarshalGQL(b)
				default:
					return errNotDirect
				}
			}
			b.WriteByte('}')
		default:
			return errNotDirect
		}
	}
	b.WriteByte('}')
	return nil
}

// writeRecord writes the fields of plan of record f. For an item that
// wraps a reached record (writeHop), f is the reached record and parent
// the record whose field it is.
func writeRecord(b *bytes.Buffer, plan *recordPlan, f *store.Fetched, parent ...*store.Fetched) error {
	b.WriteByte('{')
	for i, rf := range plan.fields {
		if i > 0 {
			b.WriteByte(',')
		}
		writeKey(b, rf.alias)
		var err error
		switch rf.kind {
		case typenameField:
			graphql.MarshalString(plan.typ).MarshalGQL(b)
		case propField:
			err = writeValue(b, rf.typ, f.Props[rf.prop])
		case hopKind:
			err = writeHop(b, rf, f.Subs[rf.sub], f)
		case nodeField:
			err = writeRecord(b, rf.child, f)
		case parentField:
			err = writeRecord(b, rf.child, parent[0])
		case relField:
			err = writeValue(b, rf.typ, f.Rel[rf.prop])
		}
		if err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// writeHop writes a relationship field of parent: its records (the first
// or null for a to-one field), plain or wrapped.
func writeHop(b *bytes.Buffer, rf renderField, items []*store.Fetched, parent *store.Fetched) error {
	item := func(it *store.Fetched) error {
		if rf.wrap == nil {
			return writeRecord(b, rf.child, it)
		}
		return writeRecord(b, rf.wrap, it, parent)
	}
	if rf.one {
		if len(items) == 0 {
			if rf.typ.NonNull {
				return errNotDirect
			}
			b.WriteString("null")
			return nil
		}
		return item(items[0])
	}
	return writeArray(b, len(items), func(i int) error { return item(items[i]) })
}

// writeArray writes a JSON array of n elements, each written by elem.
func writeArray(b *bytes.Buffer, n int, elem func(i int) error) error {
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := elem(i); err != nil {
			return err
		}
	}
	b.WriteByte(']')
	return nil
}

func writeKey(b *bytes.Buffer, k string) {
	graphql.MarshalString(k).MarshalGQL(b)
	b.WriteByte(':')
}

// writeValue writes a property value as the executor would marshal the
// domain field decoded from it: a missing value is the Go zero value (false,
// 0, an empty list), an empty String is null (model.MarshalString); what
// the executor would refuse as null for a required field stops the
// direct rendering.
func writeValue(b *bytes.Buffer, t *ast.Type, v any) error {
	if t.Elem != nil {
		list, _ := v.([]any)
		if v != nil && list == nil {
			return errNotDirect
		}
		return writeArray(b, len(list), func(i int) error { return writeValue(b, t.Elem, list[i]) })
	}
	var m graphql.Marshaler
	switch t.NamedType {
	case "Boolean":
		x, _ := v.(bool)
		m = graphql.MarshalBoolean(x)
	case "Int":
		x, _ := v.(int64)
		if v == nil && !t.NonNull {
			m = graphql.Null
		} else {
			m = graphql.MarshalInt64(x)
		}
	case "Float":
		x, ok := v.(float64)
		if n, isInt := v.(int64); isInt {
			x, ok = float64(n), true
		}
		if v == nil && !t.NonNull {
			m = graphql.Null
		} else if ok || v == nil {
			m = graphql.MarshalFloat(x)
		}
	case "String":
		x, _ := v.(string)
		m = model.MarshalString(x)
	case "Date":
		if d, ok := v.(dbtype.Date); ok {
			m = model.MarshalDate(domain.Date{Time: d.Time()})
		} else if v == nil {
			m = graphql.Null
		}
	case "DateTime":
		switch x := v.(type) {
		case time.Time:
			m = graphql.MarshalTime(x.UTC())
		case dbtype.LocalDateTime:
			m = graphql.MarshalTime(x.Time().UTC())
		case nil:
			m = graphql.Null
		}
	default: // ID and the enums: strings, written as they are
		if x, ok := v.(string); ok {
			m = graphql.MarshalString(x)
		} else if v == nil && t.NamedType == "ID" && t.NonNull {
			m = graphql.MarshalString("")
		} else if v == nil {
			m = graphql.Null
		}
	}
	if m == nil || (m == graphql.Null && t.NonNull) {
		return errNotDirect
	}
	m.MarshalGQL(b)
	return nil
}
