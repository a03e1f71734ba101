package store

// Compiled reads: a root field's whole selection in one Cypher statement.
//
// A Selection says what a read wants of each record: the properties, and
// for each relationship field the Hop with its own Selection. The statement
// returns each record as a map projection of exactly those properties, with
// every relationship field as a COLLECT subquery in the same projection
// (ordered and limited per parent), nested as deep as the request is; the
// driver's maps are decoded straight into the domain types. The role rules
// are the same Cypher as in the batched reads: contact details through
// $seeContacts, referral links through the hops' own predicates.

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Selection is what a read asks of each record of one label.
type Selection struct {
	// All asks for every property (reads that are not a client's
	// selection: exports, analyses, internal lookups).
	All bool
	// Props are the properties wanted, by the domain type's JSON names;
	// names the type does not have are ignored, id is always read.
	Props []string
	// Subs are the relationship fields wanted, each read with its parent.
	Subs []*Sub
	// Total asks a root list for its count, in the same statement.
	Total bool
}

// Sub is a relationship field of a Selection: the records reached by Hop,
// at most Limit per parent, with the hop's parameters.
type Sub struct {
	Hop    Hop
	Limit  int
	Params map[string]any
	Sel    *Selection
	// Field is the caller's name of the field (with its arguments), kept
	// for it; the store does not read it.
	Field string
}

// Fetched is a record read by a compiled statement: the domain record
// (*domain.Territory, *domain.Stakeholder, ...), the properties of the
// relationship that reached it (for hops with Rel), and the records of each
// of its Selection's Subs, in order.
type Fetched struct {
	Node any
	// Props are the record's properties as the statement returned them,
	// for callers that write them out directly.
	Props map[string]any
	Rel   map[string]any
	Subs  [][]*Fetched
}

// everything is the selection of reads that want whole records.
var everything = &Selection{All: true}

// Everything selects every property and no relationship, with the count
// when total.
func Everything(total bool) *Selection { return &Selection{All: true, Total: total} }

// nodeTypes are the domain types of the labels a compiled read can return.
var nodeTypes = map[string]reflect.Type{
	LabelTerritory:       reflect.TypeFor[domain.Territory](),
	LabelStakeholder:     reflect.TypeFor[domain.Stakeholder](),
	LabelServiceCategory: reflect.TypeFor[domain.ServiceCategory](),
	LabelTargetGroup:     reflect.TypeFor[domain.TargetGroup](),
	LabelService:         reflect.TypeFor[domain.Service](),
	LabelNeed:            reflect.TypeFor[domain.Need](),
	LabelCooperationArea: reflect.TypeFor[domain.CooperationArea](),
	LabelPartnership:     reflect.TypeFor[domain.Partnership](),
	LabelPractice:        reflect.TypeFor[domain.Practice](),
	LabelProject:         reflect.TypeFor[domain.Project](),
	LabelEvent:           reflect.TypeFor[domain.Event](),
}

// HasProperty reports whether the records of label have the property
// name (their domain type's JSON name).
func HasProperty(label, name string) bool {
	t := nodeTypes[label]
	if t == nil {
		return false
	}
	_, ok := fieldsOf(t)[name]
	return ok
}

// Compilable reports whether the records of a hop's target label can be
// read by a compiled statement.
func Compilable(h Hop) bool { return nodeTypes[h.To] != nil }

// compiler builds one statement; it numbers the subqueries so that their
// parameters and variables never clash.
type compiler struct {
	params map[string]any
	subs   int
}

// subKey is the key of the i-th relationship field in a projection.
func subKey(i int) string { return "sub" + strconv.Itoa(i) }

// relKey is the key of the reaching relationship's properties.
const relKey = "_rel"

// projection returns the map projection of node variable v of label with
// sel, at nesting depth (0 for the root). rel, when not empty, is the
// relationship variable whose properties go under relKey.
func (c *compiler) projection(label, v string, sel *Selection, depth int, rel string) string {
	var parts []string
	contacts := contactLabels[0] == label || contactLabels[1] == label
	if sel.All {
		parts = append(parts, ".*")
		if contacts {
			parts = append(parts, "email: CASE WHEN $seeContacts THEN "+v+".email END",
				"phone: CASE WHEN $seeContacts THEN "+v+".phone END")
		}
	} else {
		fields := fieldsOf(nodeTypes[label])
		seen := map[string]bool{"id": true}
		parts = append(parts, ".id")
		for _, p := range sel.Props {
			// Only the domain type's own names reach the Cypher, so a
			// property name is never text from the request.
			if _, ok := fields[p]; !ok || seen[p] {
				continue
			}
			seen[p] = true
			if contacts && (p == "email" || p == "phone") {
				parts = append(parts, p+": CASE WHEN $seeContacts THEN "+v+"."+p+" END")
				continue
			}
			parts = append(parts, "."+p)
		}
	}
	if rel != "" {
		parts = append(parts, relKey+": properties("+rel+")")
	}
	for i, s := range sel.Subs {
		parts = append(parts, subKey(i)+": "+c.subquery(v, s, depth+1))
	}
	return v + " {" + strings.Join(parts, ", ") + "}"
}

// subquery is the COLLECT subquery of relationship field s of the node
// variable parent: the hop's pattern with its variables and parameters
// renamed for this depth and this subquery, in the hop's order, limited.
func (c *compiler) subquery(parent string, s *Sub, depth int) string {
	k := c.subs
	c.subs++
	d := strconv.Itoa(depth)
	vars := map[string]string{"p": parent, "c": "c" + d, "r": "r" + d, "path": "path" + d, "x": "x" + d}
	prefix := "s" + strconv.Itoa(k) + "_"
	rename := func(s string) string { return renameCypher(s, vars, prefix) }
	for name, v := range s.Params {
		c.params[prefix+name] = v
	}
	c.params[prefix+"limit"] = s.Limit
	child := vars["c"]
	rel := ""
	if s.Hop.Rel {
		rel = vars["r"]
	}
	q := "COLLECT { MATCH " + rename(s.Hop.Pattern)
	if s.Hop.Where != "" {
		q += " WHERE " + rename(s.Hop.Where)
	}
	order := rename(s.Hop.Order) + ", " + child + ".id"
	limit := " LIMIT $" + prefix + "limit"
	proj := c.projection(s.Hop.To, child, s.Sel, depth, rel)
	if s.Hop.Distinct {
		// A node reached along several paths is returned once; a distinct
		// hop has no relationship properties, so its order is on c alone.
		q += " WITH DISTINCT " + child + " ORDER BY " + order + limit + " RETURN " + proj
	} else {
		// Ordered before the projection, on the matched variables (WITH *
		// keeps the relationship and a path the order may use).
		q += " WITH * ORDER BY " + order + limit + " RETURN " + proj
	}
	return q + " }"
}

// renameCypher renames, in a hop's Cypher fragment, the variables in vars
// and every parameter but the access parameters (which prefix gets). It
// skips string literals, property keys (after "."), labels and types
// (after ":").
func renameCypher(s string, vars map[string]string, prefix string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		ch := s[i]
		if ch == '\'' || ch == '"' {
			j := strings.IndexByte(s[i+1:], ch)
			if j < 0 {
				b.WriteString(s[i:])
				break
			}
			b.WriteString(s[i : i+j+2])
			i += j + 2
			continue
		}
		if !isIdent(ch) {
			b.WriteByte(ch)
			i++
			continue
		}
		j := i
		for j < len(s) && isIdent(s[j]) {
			j++
		}
		word := s[i:j]
		prev := byte(0)
		if i > 0 {
			prev = s[i-1]
		}
		switch {
		case prev == '$' && !accessParams[word]:
			b.WriteString(prefix + word)
		case prev != '.' && prev != ':' && prev != '$' && vars[word] != "":
			b.WriteString(vars[word])
		default:
			b.WriteString(word)
		}
		i = j
	}
	return b.String()
}

func isIdent(ch byte) bool {
	return ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9'
}

// accessParams are the parameters withAccess sets, shared by every
// fragment of a statement.
var accessParams = map[string]bool{"seeContacts": true, "allReferrals": true, "party": true}

// fetched decodes a record of label read with sel from its projection.
func fetched(label string, sel *Selection, v any) (*Fetched, error) {
	props, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("decode %s: want a map, got %T", label, v)
	}
	t := nodeTypes[label]
	node := reflect.New(t)
	if err := decodeTo(props, node.Elem()); err != nil {
		return nil, fmt.Errorf("decode %s: %w", label, err)
	}
	f := &Fetched{Node: node.Interface(), Props: props}
	if rel, ok := props[relKey].(map[string]any); ok {
		f.Rel = rel
	}
	if len(sel.Subs) > 0 {
		f.Subs = make([][]*Fetched, len(sel.Subs))
	}
	for i, s := range sel.Subs {
		list, _ := props[subKey(i)].([]any)
		for _, x := range list {
			child, err := fetched(s.Hop.To, s.Sel, x)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.Hop.Name, err)
			}
			f.Subs[i] = append(f.Subs[i], child)
		}
	}
	return f, nil
}
