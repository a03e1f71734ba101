package store

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// decode maps a node's properties onto a domain type. The property names
// are the type's JSON names; each type's fields are looked up once
// (fieldsOf) and set from the driver's values directly, with no JSON round
// trip: a list of 50 nodes used to cost a marshal and an unmarshal each.
// Properties the type does not have are ignored, a null leaves the zero
// value, and a value of the wrong type is an error naming the field.
func decode[T any](props map[string]any) (*T, error) {
	var out T
	if err := decodeTo(props, reflect.ValueOf(&out).Elem()); err != nil {
		return nil, fmt.Errorf("decode %T: %w", out, err)
	}
	return &out, nil
}

// decodeTo sets the fields of the struct dst from props.
func decodeTo(props map[string]any, dst reflect.Value) error {
	fields := fieldsOf(dst.Type())
	for k, v := range props {
		f, ok := fields[k]
		if !ok || v == nil {
			continue
		}
		if err := setValue(dst.FieldByIndex(f), v); err != nil {
			return fmt.Errorf("property %s: %w", k, err)
		}
	}
	return nil
}

// fieldCache holds, per struct type, the index of the field of each JSON
// name (embedded structs such as Meta flattened, as encoding/json does).
var fieldCache sync.Map // reflect.Type → map[string][]int

func fieldsOf(t reflect.Type) map[string][]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string][]int)
	}
	m := map[string][]int{}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			idx := append(append([]int{}, prefix...), i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type, idx)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" || !f.IsExported() {
				continue
			}
			if _, dup := m[name]; !dup {
				m[name] = idx
			}
		}
	}
	walk(t, nil)
	fieldCache.Store(t, m)
	return m
}

// setValue sets dst from a value as the driver returns it.
func setValue(dst reflect.Value, v any) error {
	if dst.Kind() == reflect.Pointer {
		p := reflect.New(dst.Type().Elem())
		if err := setValue(p.Elem(), v); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	}
	switch dst.Type() {
	case dateType:
		switch t := v.(type) {
		case dbtype.Date:
			dst.Set(reflect.ValueOf(domain.Date{Time: t.Time()}))
			return nil
		case string:
			d, err := domain.ParseDate(t)
			if err != nil {
				return err
			}
			dst.Set(reflect.ValueOf(d))
			return nil
		}
	case timeType:
		switch t := v.(type) {
		case time.Time:
			dst.Set(reflect.ValueOf(t.UTC()))
			return nil
		case dbtype.LocalDateTime:
			dst.Set(reflect.ValueOf(t.Time().UTC()))
			return nil
		}
	}
	switch dst.Kind() {
	case reflect.String:
		if s, ok := v.(string); ok {
			dst.SetString(s)
			return nil
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n, ok := v.(int64); ok {
			dst.SetInt(n)
			return nil
		}
	case reflect.Float64, reflect.Float32:
		switch n := v.(type) {
		case float64:
			dst.SetFloat(n)
			return nil
		case int64:
			dst.SetFloat(float64(n))
			return nil
		}
	case reflect.Bool:
		if b, ok := v.(bool); ok {
			dst.SetBool(b)
			return nil
		}
	case reflect.Slice:
		if list, ok := v.([]any); ok {
			out := reflect.MakeSlice(dst.Type(), len(list), len(list))
			for i, x := range list {
				if x == nil {
					continue
				}
				if err := setValue(out.Index(i), x); err != nil {
					return err
				}
			}
			dst.Set(out)
			return nil
		}
	}
	return fmt.Errorf("cannot read %T into %s", v, dst.Type())
}

// decodeNode decodes the node in a record's column.
func decodeNode[T any](rec *neo4j.Record, key string) (*T, error) {
	v, ok := rec.Get(key)
	if !ok {
		return nil, fmt.Errorf("column %s: absent", key)
	}
	return decodeValue[T](v)
}

// decodeValue decodes a node, or the map of a node's properties that a
// projection such as visible returns.
func decodeValue[T any](v any) (*T, error) {
	props := propsOf(v)
	if props == nil {
		return nil, fmt.Errorf("decode: want a node, got %T", v)
	}
	return decode[T](props)
}

// propsOf returns the properties of a node or of a node's projection; nil
// for anything else.
func propsOf(v any) map[string]any {
	switch n := v.(type) {
	case neo4j.Node:
		return n.Props
	case map[string]any:
		return n
	}
	return nil
}

// encode turns a domain value into node properties under its JSON names:
// empty optional fields are left out, a domain.Date becomes a DATE and the
// Meta fields are skipped (the write queries set them).
func encode(v any) map[string]any {
	props := map[string]any{}
	encodeInto(props, reflect.ValueOf(v))
	return props
}

var (
	metaType = reflect.TypeOf(domain.Meta{})
	dateType = reflect.TypeOf(domain.Date{})
	timeType = reflect.TypeOf(time.Time{})
)

func encodeInto(props map[string]any, v reflect.Value) {
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if f.Anonymous {
			if f.Type == metaType {
				meta := fv.Interface().(domain.Meta)
				props["illustrative"] = meta.Illustrative
				props["illustrativeFields"] = append([]string{}, meta.IllustrativeFields...)
				props["source"] = nilIfEmpty(meta.Source)
				continue
			}
			encodeInto(props, fv)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		props[name] = encodeValue(fv)
	}
}

// encodeValue returns nil for an empty optional value, so that SET removes
// the property instead of storing an empty string.
func encodeValue(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Type() {
	case dateType:
		return dateParam(v.Interface().(domain.Date))
	case timeType:
		// UTC: a time parsed with the machine's own offset carries the
		// Local location, which the driver cannot send as a zone.
		return v.Interface().(time.Time).UTC()
	}
	switch v.Kind() {
	case reflect.String:
		return nilIfEmpty(v.String())
	case reflect.Int, reflect.Int64, reflect.Int32:
		return v.Int()
	case reflect.Float64, reflect.Float32:
		return v.Float()
	case reflect.Bool:
		return v.Bool()
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = encodeValue(v.Index(i))
		}
		return out
	}
	return v.Interface()
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// dateParam is a domain.Date as a Cypher DATE parameter.
func dateParam(d domain.Date) neo4j.Date { return neo4j.DateOf(d.Time) }

// row reads a record's columns by name. The first column that is missing
// or holds another type than asked sets Err, naming the column and the
// columns the query returns, so a changed RETURN fails with a clear error
// rather than a panic. A null reads as T's zero value.
type row struct {
	rec *neo4j.Record
	err error
}

func rowOf(rec *neo4j.Record) *row { return &row{rec: rec} }

// Err is the first column that could not be read.
func (r *row) Err() error { return r.err }

// col returns column key of r as T.
func col[T any](r *row, key string) T {
	var zero T
	if r.err != nil {
		return zero
	}
	v, ok := r.rec.Get(key)
	if !ok {
		r.err = fmt.Errorf("read column %q: the query returns only %v", key, r.rec.Keys)
		return zero
	}
	if v == nil {
		return zero
	}
	t, ok := v.(T)
	if !ok {
		r.err = fmt.Errorf("read column %q: got %T, want %T", key, v, zero)
	}
	return t
}
