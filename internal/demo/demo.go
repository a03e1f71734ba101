// Package demo holds coopgraph's demo dataset: a domain.Document describing
// cooperation in social and health services around two Bulgarian EU-funded
// projects — the SOCIAL-D pilot action of DIALOG (Interreg Europe) in Vratsa
// and the 2018 Lesichovo Municipality project that transferred two Italian
// social practices.
//
// Facts taken from the two source press releases carry their file name in
// Source. Everything the sources do not contain — every service, need and
// referral link, a few stakeholders, a planning zone, distances, capacities,
// volumes and approximate populations — is marked Illustrative (a whole
// record) or listed in IllustrativeFields (single fields of a factual record).
package demo

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"

	"github.com/coopgraph/coopgraph/internal/domain"
)

//go:embed demo.json
var raw []byte

// JSON returns the raw demo document as embedded in the binary.
func JSON() []byte { return bytes.Clone(raw) }

// Document decodes the embedded demo dataset strictly: unknown fields, a
// second JSON value after the document or a wrong format are errors.
func Document() (*domain.Document, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var doc domain.Document
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("demo: decode demo.json: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("demo: decode demo.json: trailing data after the document")
	}
	if doc.Format != domain.DocumentFormat {
		return nil, fmt.Errorf("demo: demo.json has format %q, want %q", doc.Format, domain.DocumentFormat)
	}
	return &doc, nil
}
