package transfer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// chunk is up to n consecutive records of one list of the input.
type chunk struct {
	list   list
	offset int // index in its list of the chunk's first record
	doc    *domain.Document
	// bad are the records that could not be decoded, by index in the chunk.
	bad map[int]string
}

// scanFunc replays an input: it calls fn with the input's chunks, in
// order. Imports scan their input more than once, so it must be repeatable.
type scanFunc func(fn func(b *chunk) error) error

// scanJSON streams an interchange document: it never holds more than one
// chunk of records. Unknown keys at the top level are skipped with a
// warning; fields a record does not know are ignored.
func scanJSON(open func() (io.ReadCloser, error), file string, n int, warn func(domain.Problem)) scanFunc {
	first := true
	return func(fn func(b *chunk) error) error {
		rc, err := open()
		if err != nil {
			return err
		}
		defer rc.Close()
		w := func(p domain.Problem) {
			if first {
				warn(p)
			}
		}
		defer func() { first = false }()
		dec := json.NewDecoder(rc)
		if err := expectDelim(dec, '{'); err != nil {
			return unreadable(fmt.Errorf("%s: not a coopgraph document: %w", file, err))
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return unreadable(fmt.Errorf("%s: %w", file, err))
			}
			key, _ := tok.(string)
			if key == "format" {
				var f string
				if err := dec.Decode(&f); err != nil || f != domain.DocumentFormat {
					return unreadable(fmt.Errorf("%s: format %q is not %q", file, f, domain.DocumentFormat))
				}
				continue
			}
			l, ok := listByName(key)
			if !ok {
				w(domain.Problem{File: file, Field: key, Message: "not part of the coopgraph document format; ignored"})
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return unreadable(fmt.Errorf("%s: %s: %w", file, key, err))
				}
				continue
			}
			if err := expectDelim(dec, '['); err != nil {
				return unreadable(fmt.Errorf("%s: %s must be an array: %w", file, key, err))
			}
			b := &chunk{list: l, doc: &domain.Document{}, bad: map[int]string{}}
			for i := 0; dec.More(); i++ {
				if err := l.decode(dec, b.doc); err != nil {
					var te *json.UnmarshalTypeError
					if !errors.As(err, &te) {
						return unreadable(fmt.Errorf("%s: %s[%d]: %w", file, key, i, err))
					}
					b.bad[i-b.offset] = typeError(err)
				}
				if l.size(b.doc) == n {
					if err := fn(b); err != nil {
						return err
					}
					b = &chunk{list: l, offset: i + 1, doc: &domain.Document{}, bad: map[int]string{}}
				}
			}
			if l.size(b.doc) > 0 {
				if err := fn(b); err != nil {
					return err
				}
			}
			if err := expectDelim(dec, ']'); err != nil {
				return unreadable(fmt.Errorf("%s: %s: %w", file, key, err))
			}
		}
		return expectDelim(dec, '}')
	}
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q, got %v", want, tok)
	}
	return nil
}

// scanDoc replays a document held in memory (CSV and HSDS imports, inline
// GraphQL documents).
func scanDoc(doc *domain.Document, n int) scanFunc {
	return func(fn func(b *chunk) error) error {
		for _, l := range lists {
			size := l.size(doc)
			for off := 0; off < size; off += n {
				b := &chunk{list: l, offset: off, doc: &domain.Document{}, bad: map[int]string{}}
				l.keep(doc, b.doc, func(i int) bool { return i >= off && i < off+n })
				if err := fn(b); err != nil {
					return err
				}
			}
		}
		return nil
	}
}
