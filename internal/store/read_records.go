package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// ownedSpecs are the relationships each label's record owns, in the order
// addRecord reads them.
var ownedSpecs = map[string][]relSpec{
	LabelTerritory:       {specParent, specNeighbour},
	LabelServiceCategory: {specCatParent},
	LabelTargetGroup:     {},
	LabelCooperationArea: {specAreaCats},
	LabelStakeholder:     {specLocated, specActiveIn},
	LabelProject:         {specProjParts},
	LabelService:         {specProvider, specSvcCat, specSvcGroups, specCoverage},
	LabelNeed:            {specNeedTerr, specNeedCat, specNeedGroup},
	LabelPartnership:     {specParties, specPsTerr, specPsAreas, specPsProject},
	LabelPractice:        {specOrigin, specTransfers, specImplements, specPrProject},
	LabelEvent:           {specHeldIn, specEvProject, specEvParts},
}

// recordQuery returns the nodes of label selected by where (on n), each with
// its owned relationships as lists of {id, props, level}. NEIGHBOUR_OF pairs
// come once, on the side with the smaller id, as the interchange format
// lists them.
func recordQuery(label, where, tail string) string {
	q := "MATCH (n:" + label + ") " + where + "\nRETURN n"
	for i, s := range ownedSpecs[label] {
		var pat string
		switch {
		case s.additive:
			pat = "(n)-[r:" + s.rel + "]-(o:" + s.other + ") WHERE n.id < o.id"
		case s.out:
			pat = "(n)-[r:" + s.rel + "]->(o:" + s.other + ")"
		default:
			pat = "(n)<-[r:" + s.rel + "]-(o:" + s.other + ")"
		}
		q += ",\n  COLLECT { MATCH " + pat + " RETURN {id: o.id, props: properties(r), level: o.level} AS t ORDER BY t.id } AS r" + strconv.Itoa(i)
	}
	return q + "\n" + tail
}

type target struct {
	id    string
	props map[string]any
	level string
}

func targetsOf(v any) []target {
	var out []target
	for _, x := range v.([]any) {
		m := x.(map[string]any)
		t := target{id: m["id"].(string)}
		t.props, _ = m["props"].(map[string]any)
		t.level, _ = m["level"].(string)
		out = append(out, t)
	}
	return out
}

func idsOf(ts []target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.id)
	}
	return out
}

func firstID(ts []target) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].id
}

func propString(t target, k string) string { s, _ := t.props[k].(string); return s }

// addRecord decodes one row of recordQuery into the document.
func addRecord(doc *domain.Document, label string, rec *neo4j.Record) error {
	r := rowOf(rec)
	props := col[neo4j.Node](r, "n").Props
	rels := make([][]target, len(ownedSpecs[label]))
	for i := range rels {
		rels[i] = targetsOf(col[[]any](r, "r"+strconv.Itoa(i)))
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("read %s record: %w", label, err)
	}
	var err error
	switch label {
	case LabelTerritory:
		var r domain.TerritoryRecord
		err = decodeInto(props, &r.Territory)
		for _, t := range rels[0] {
			if t.level == string(domain.LevelZone) && r.Level != domain.LevelZone {
				r.ZoneIDs = append(r.ZoneIDs, t.id)
			} else {
				r.ParentID = t.id
			}
		}
		for _, t := range rels[1] {
			d, _ := t.props["distanceKm"].(float64)
			ill, _ := t.props["illustrative"].(bool)
			r.Neighbours = append(r.Neighbours, domain.Neighbour{TerritoryID: t.id, DistanceKm: d, Illustrative: ill})
		}
		doc.Territories = append(doc.Territories, r)
	case LabelServiceCategory:
		var r domain.ServiceCategoryRecord
		err = decodeInto(props, &r.ServiceCategory)
		r.ParentID = firstID(rels[0])
		doc.ServiceCategories = append(doc.ServiceCategories, r)
	case LabelTargetGroup:
		var r domain.TargetGroup
		err = decodeInto(props, &r)
		doc.TargetGroups = append(doc.TargetGroups, r)
	case LabelCooperationArea:
		var r domain.CooperationAreaRecord
		err = decodeInto(props, &r.CooperationArea)
		r.CategoryIDs = idsOf(rels[0])
		doc.CooperationAreas = append(doc.CooperationAreas, r)
	case LabelStakeholder:
		var r domain.StakeholderRecord
		err = decodeInto(props, &r.Stakeholder)
		r.TerritoryID, r.AreaIDs = firstID(rels[0]), idsOf(rels[1])
		doc.Stakeholders = append(doc.Stakeholders, r)
	case LabelProject:
		var r domain.ProjectRecord
		err = decodeInto(props, &r.Project)
		for _, t := range rels[0] {
			r.Participants = append(r.Participants, domain.Participation{StakeholderID: t.id, Role: propString(t, "role")})
		}
		doc.Projects = append(doc.Projects, r)
	case LabelService:
		var r domain.ServiceRecord
		err = decodeInto(props, &r.Service)
		r.ProviderID, r.CategoryIDs = firstID(rels[0]), idsOf(rels[1])
		r.TargetGroupIDs, r.CoverageIDs = idsOf(rels[2]), idsOf(rels[3])
		doc.Services = append(doc.Services, r)
	case LabelNeed:
		var r domain.NeedRecord
		err = decodeInto(props, &r.Need)
		r.TerritoryID, r.CategoryID, r.TargetGroupID = firstID(rels[0]), firstID(rels[1]), firstID(rels[2])
		doc.Needs = append(doc.Needs, r)
	case LabelPartnership:
		var r domain.PartnershipRecord
		err = decodeInto(props, &r.Partnership)
		for _, t := range rels[0] {
			r.Parties = append(r.Parties, domain.Party{StakeholderID: t.id, Role: domain.PartyRole(propString(t, "role"))})
		}
		r.TerritoryID, r.AreaIDs, r.ProjectID = firstID(rels[1]), idsOf(rels[2]), firstID(rels[3])
		doc.Partnerships = append(doc.Partnerships, r)
	case LabelPractice:
		var r domain.PracticeRecord
		err = decodeInto(props, &r.Practice)
		r.OriginID = firstID(rels[0])
		for _, t := range rels[1] {
			y, _ := t.props["year"].(int64)
			r.Transfers = append(r.Transfers, domain.PracticeTransfer{TerritoryID: t.id, Year: int(y)})
		}
		r.ImplementerIDs, r.ProjectID = idsOf(rels[2]), firstID(rels[3])
		doc.Practices = append(doc.Practices, r)
	case LabelEvent:
		var r domain.EventRecord
		err = decodeInto(props, &r.Event)
		r.TerritoryID, r.ProjectID = firstID(rels[0]), firstID(rels[1])
		for _, t := range rels[2] {
			r.Participants = append(r.Participants, domain.Participation{StakeholderID: t.id, Role: propString(t, "role")})
		}
		doc.Events = append(doc.Events, r)
	default:
		return fmt.Errorf("read records: unknown label %q", label)
	}
	return err
}

// decodeInto is decode into an existing value.
func decodeInto[T any](props map[string]any, dst *T) error {
	v, err := decode[T](props)
	if err != nil {
		return err
	}
	*dst = *v
	return nil
}

// readRecords returns the records of label with the given ids, with the
// relationships they own, as a document.
func readRecords(ctx context.Context, tx runner, label string, ids []string) (*domain.Document, error) {
	recs, err := collect(ctx, tx, recordQuery(label, "WHERE n.id IN $ids", "ORDER BY n.id"), map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("read %s records: %w", label, err)
	}
	doc := &domain.Document{Format: domain.DocumentFormat}
	for _, rec := range recs {
		if err := addRecord(doc, label, rec); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// linkOf turns a REFERS_TO relationship's properties into a link.
func linkOf(from, to string, props map[string]any) domain.ReferralLink {
	l := domain.ReferralLink{FromID: from, ToID: to}
	l.ID, _ = props["id"].(string)
	s, _ := props["status"].(string)
	l.Status = domain.ReferralLinkStatus(s)
	l.Illustrative, _ = props["illustrative"].(bool)
	l.Source, _ = props["source"].(string)
	if cats, ok := props["categoryIds"].([]any); ok {
		for _, c := range cats {
			l.CategoryIDs = append(l.CategoryIDs, c.(string))
		}
	}
	if d, ok := props["since"].(neo4j.Date); ok {
		l.Since = &domain.Date{Time: d.Time()}
	}
	return l
}

// LinkOf is linkOf for the read API, which finds links through hops (the
// one way a link is read from its properties).
func LinkOf(from, to string, props map[string]any) domain.ReferralLink {
	return linkOf(from, to, props)
}
