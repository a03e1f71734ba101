package transfer

import (
	"encoding/json"
	"fmt"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

// list describes one array of the interchange document.
type list struct {
	name  string // JSON key
	label string // record type (store label, or "ReferralLink")
	// decode appends one element to doc.
	decode func(dec *json.Decoder, doc *domain.Document) error
	size   func(doc *domain.Document) int
	// keep returns doc's records of this list whose index passes ok.
	keep func(doc, into *domain.Document, ok func(i int) bool)
}

func decodeInto[T any](dec *json.Decoder, dst *[]T) error {
	var v T
	err := dec.Decode(&v)
	*dst = append(*dst, v) // kept even on a type error, to keep indexes aligned
	return err
}

func keepInto[T any](src []T, dst *[]T, ok func(int) bool) {
	for i, v := range src {
		if ok(i) {
			*dst = append(*dst, v)
		}
	}
}

// lists are the document's arrays in dependency order: a record refers only
// to records of earlier lists (and of its own), which is the order export
// writes and the order that keeps an import's pending references few.
var lists = []list{
	{"territories", store.LabelTerritory,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.Territories) },
		func(doc *domain.Document) int { return len(doc.Territories) },
		func(doc, into *domain.Document, ok func(int) bool) { keepInto(doc.Territories, &into.Territories, ok) }},
	{"serviceCategories", store.LabelServiceCategory,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.ServiceCategories) },
		func(doc *domain.Document) int { return len(doc.ServiceCategories) },
		func(doc, into *domain.Document, ok func(int) bool) {
			keepInto(doc.ServiceCategories, &into.ServiceCategories, ok)
		}},
	{"targetGroups", store.LabelTargetGroup,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.TargetGroups) },
		func(doc *domain.Document) int { return len(doc.TargetGroups) },
		func(doc, into *domain.Document, ok func(int) bool) {
			keepInto(doc.TargetGroups, &into.TargetGroups, ok)
		}},
	{"cooperationAreas", store.LabelCooperationArea,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.CooperationAreas) },
		func(doc *domain.Document) int { return len(doc.CooperationAreas) },
		func(doc, into *domain.Document, ok func(int) bool) {
			keepInto(doc.CooperationAreas, &into.CooperationAreas, ok)
		}},
	{"stakeholders", store.LabelStakeholder,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.Stakeholders) },
		func(doc *domain.Document) int { return len(doc.Stakeholders) },
		func(doc, into *domain.Document, ok func(int) bool) {
			keepInto(doc.Stakeholders, &into.Stakeholders, ok)
		}},
	{"projects", store.LabelProject,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.Projects) },
		func(doc *domain.Document) int { return len(doc.Projects) },
		func(doc, into *domain.Document, ok func(int) bool) { keepInto(doc.Projects, &into.Projects, ok) }},
	{"services", store.LabelService,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.Services) },
		func(doc *domain.Document) int { return len(doc.Services) },
		func(doc, into *domain.Document, ok func(int) bool) { keepInto(doc.Services, &into.Services, ok) }},
	{"needs", store.LabelNeed,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.Needs) },
		func(doc *domain.Document) int { return len(doc.Needs) },
		func(doc, into *domain.Document, ok func(int) bool) { keepInto(doc.Needs, &into.Needs, ok) }},
	{"partnerships", store.LabelPartnership,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.Partnerships) },
		func(doc *domain.Document) int { return len(doc.Partnerships) },
		func(doc, into *domain.Document, ok func(int) bool) {
			keepInto(doc.Partnerships, &into.Partnerships, ok)
		}},
	{"referralLinks", "ReferralLink",
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.ReferralLinks) },
		func(doc *domain.Document) int { return len(doc.ReferralLinks) },
		func(doc, into *domain.Document, ok func(int) bool) {
			keepInto(doc.ReferralLinks, &into.ReferralLinks, ok)
		}},
	{"practices", store.LabelPractice,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.Practices) },
		func(doc *domain.Document) int { return len(doc.Practices) },
		func(doc, into *domain.Document, ok func(int) bool) { keepInto(doc.Practices, &into.Practices, ok) }},
	{"events", store.LabelEvent,
		func(d *json.Decoder, doc *domain.Document) error { return decodeInto(d, &doc.Events) },
		func(doc *domain.Document) int { return len(doc.Events) },
		func(doc, into *domain.Document, ok func(int) bool) { keepInto(doc.Events, &into.Events, ok) }},
}

func listByName(name string) (list, bool) {
	for _, l := range lists {
		if l.name == name {
			return l, true
		}
	}
	return list{}, false
}

// typeError turns a JSON type error into a problem about the record's field.
func typeError(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		if te.Field != "" {
			return fmt.Sprintf("%s: a %s cannot hold %s", te.Field, te.Type, te.Value)
		}
		return fmt.Sprintf("a %s cannot hold %s", te.Type, te.Value)
	}
	return err.Error()
}
