package domain

import "fmt"

// Ref is a reference from a record to another record that must exist.
type Ref struct {
	Label string // the referenced record's type: "Territory", "Stakeholder"...
	ID    string
	// Level, for references to territories: the referenced territory must
	// be of a higher level than this one (a parent), or exactly ZONE (a zone).
	BelowLevel TerritoryLevel
	ZoneOnly   bool
	// Where the reference is, for the problem report.
	At Problem
}

// RecordRefs lists the references one record makes. at locates the record
// (file, line, record) and prefixes its field paths.
type refCollector struct {
	at   Problem
	refs []Ref
}

func (c *refCollector) add(label, field, id string) *Ref {
	if id == "" {
		return nil
	}
	at := c.at
	at.Field += field
	c.refs = append(c.refs, Ref{Label: label, ID: id, At: at})
	return &c.refs[len(c.refs)-1]
}

func (c *refCollector) addAll(label, field string, ids []string) {
	for i, id := range ids {
		c.add(label, fmt.Sprintf("%s[%d]", field, i), id)
	}
}

// Refs returns the references of every record of the document, each located
// by the document's array and index ("services[3].providerId").
func (d *Document) Refs() []Ref {
	c := &refCollector{}
	at := func(list string, i int, id string) {
		c.at = Problem{Line: i + 1, Record: id, Field: fmt.Sprintf("%s[%d].", list, i)}
	}
	for i, r := range d.Territories {
		at("territories", i, r.ID)
		if ref := c.add("Territory", "parentId", r.ParentID); ref != nil {
			ref.BelowLevel = r.Level
		}
		for j, z := range r.ZoneIDs {
			if ref := c.add("Territory", fmt.Sprintf("zoneIds[%d]", j), z); ref != nil {
				ref.ZoneOnly = true
			}
		}
		for j, n := range r.Neighbours {
			c.add("Territory", fmt.Sprintf("neighbours[%d].territoryId", j), n.TerritoryID)
		}
	}
	for i, r := range d.ServiceCategories {
		at("serviceCategories", i, r.ID)
		c.add("ServiceCategory", "parentId", r.ParentID)
	}
	for i, r := range d.CooperationAreas {
		at("cooperationAreas", i, r.ID)
		c.addAll("ServiceCategory", "categoryIds", r.CategoryIDs)
	}
	for i, r := range d.Stakeholders {
		at("stakeholders", i, r.ID)
		c.add("Territory", "territoryId", r.TerritoryID)
		c.addAll("CooperationArea", "areaIds", r.AreaIDs)
	}
	for i, r := range d.Projects {
		at("projects", i, r.ID)
		for j, p := range r.Participants {
			c.add("Stakeholder", fmt.Sprintf("participants[%d].stakeholderId", j), p.StakeholderID)
		}
	}
	for i, r := range d.Services {
		at("services", i, r.ID)
		c.add("Stakeholder", "providerId", r.ProviderID)
		c.add("ServiceCategory", "categoryId", r.CategoryID)
		c.addAll("ServiceCategory", "categoryIds", r.CategoryIDs)
		c.addAll("TargetGroup", "targetGroupIds", r.TargetGroupIDs)
		c.addAll("Territory", "coverageIds", r.CoverageIDs)
	}
	for i, r := range d.Needs {
		at("needs", i, r.ID)
		c.add("Territory", "territoryId", r.TerritoryID)
		c.add("ServiceCategory", "categoryId", r.CategoryID)
		c.add("TargetGroup", "targetGroupId", r.TargetGroupID)
	}
	for i, r := range d.Partnerships {
		at("partnerships", i, r.ID)
		for j, p := range r.Parties {
			c.add("Stakeholder", fmt.Sprintf("parties[%d].stakeholderId", j), p.StakeholderID)
		}
		c.add("Territory", "territoryId", r.TerritoryID)
		c.addAll("CooperationArea", "areaIds", r.AreaIDs)
		c.add("Project", "projectId", r.ProjectID)
	}
	for i, r := range d.ReferralLinks {
		at("referralLinks", i, r.ID)
		c.add("Stakeholder", "fromId", r.FromID)
		c.add("Stakeholder", "toId", r.ToID)
		c.addAll("ServiceCategory", "categoryIds", r.CategoryIDs)
	}
	for i, r := range d.Practices {
		at("practices", i, r.ID)
		c.add("Territory", "originId", r.OriginID)
		for j, t := range r.Transfers {
			c.add("Territory", fmt.Sprintf("transfers[%d].territoryId", j), t.TerritoryID)
		}
		c.addAll("Stakeholder", "implementerIds", r.ImplementerIDs)
		c.add("Project", "projectId", r.ProjectID)
	}
	for i, r := range d.Events {
		at("events", i, r.ID)
		c.add("Territory", "territoryId", r.TerritoryID)
		c.add("Project", "projectId", r.ProjectID)
		for j, p := range r.Participants {
			c.add("Stakeholder", fmt.Sprintf("participants[%d].stakeholderId", j), p.StakeholderID)
		}
	}
	return c.refs
}

// validatable is a record with its own rules.
type validatable interface{ Validate() Problems }

// Validate checks every record of the document on its own, and that ids are
// not repeated within a type. References are the writer's to check (Refs).
func (d *Document) Validate() Problems {
	var ps Problems
	check := func(list string, i int, id string, v validatable, seen map[string]int) {
		for _, p := range v.Validate() {
			p.Line, p.Record, p.Field = i+1, id, fmt.Sprintf("%s[%d].%s", list, i, p.Field)
			ps = append(ps, p)
		}
		if j, dup := seen[id]; dup && id != "" {
			ps = append(ps, Problem{Line: i + 1, Record: id, Field: fmt.Sprintf("%s[%d].id", list, i),
				Message: fmt.Sprintf("repeats the id of %s[%d]", list, j)})
		}
		seen[id] = i
	}
	if d.Format != "" && d.Format != DocumentFormat {
		ps = append(ps, Problem{Field: "format", Message: fmt.Sprintf("%q is not %q", d.Format, DocumentFormat)})
	}
	each := func(list string, n int, get func(int) (string, validatable)) {
		seen := map[string]int{}
		for i := range n {
			id, v := get(i)
			check(list, i, id, v, seen)
		}
	}
	each("territories", len(d.Territories), func(i int) (string, validatable) { return d.Territories[i].ID, d.Territories[i] })
	each("serviceCategories", len(d.ServiceCategories), func(i int) (string, validatable) {
		return d.ServiceCategories[i].ID, d.ServiceCategories[i]
	})
	each("targetGroups", len(d.TargetGroups), func(i int) (string, validatable) { return d.TargetGroups[i].ID, d.TargetGroups[i] })
	each("cooperationAreas", len(d.CooperationAreas), func(i int) (string, validatable) {
		return d.CooperationAreas[i].ID, d.CooperationAreas[i]
	})
	each("stakeholders", len(d.Stakeholders), func(i int) (string, validatable) { return d.Stakeholders[i].ID, d.Stakeholders[i] })
	each("projects", len(d.Projects), func(i int) (string, validatable) { return d.Projects[i].ID, d.Projects[i] })
	each("services", len(d.Services), func(i int) (string, validatable) { return d.Services[i].ID, d.Services[i] })
	each("needs", len(d.Needs), func(i int) (string, validatable) { return d.Needs[i].ID, d.Needs[i] })
	each("partnerships", len(d.Partnerships), func(i int) (string, validatable) { return d.Partnerships[i].ID, d.Partnerships[i] })
	each("referralLinks", len(d.ReferralLinks), func(i int) (string, validatable) { return d.ReferralLinks[i].ID, d.ReferralLinks[i] })
	each("practices", len(d.Practices), func(i int) (string, validatable) { return d.Practices[i].ID, d.Practices[i] })
	each("events", len(d.Events), func(i int) (string, validatable) { return d.Events[i].ID, d.Events[i] })
	return ps
}

// LabelName is the word messages use for a record type ("service category").
func LabelName(label string) string { return labelNames[label] }

// labelNames are the words problems use for record types.
var labelNames = map[string]string{
	"Territory": "territory", "Stakeholder": "stakeholder", "ServiceCategory": "service category",
	"TargetGroup": "target group", "Service": "service", "Need": "need",
	"CooperationArea": "cooperation area", "Partnership": "partnership", "Practice": "practice",
	"Project": "project", "Event": "event", "ReferralLink": "referral link", "Referral": "referral",
}

// CheckRefs returns a problem for every reference to a record that found
// does not know, and for territory references of the wrong level: a parent
// must be of a higher level than its child and not a planning zone, a zone
// reference must be a ZONE. found says whether a record exists (in the
// input or in the database) and, for territories, its level.
func CheckRefs(refs []Ref, found func(label, id string) (TerritoryLevel, bool)) Problems {
	var ps Problems
	for _, r := range refs {
		level, ok := found(r.Label, r.ID)
		p := r.At
		switch {
		case !ok:
			p.Message = fmt.Sprintf("no %s with id %q", labelNames[r.Label], r.ID)
		case r.ZoneOnly && level != LevelZone:
			p.Message = fmt.Sprintf("%q is a %s, not a planning zone", r.ID, level)
		case r.BelowLevel != "" && level == LevelZone:
			p.Message = fmt.Sprintf("%q is a planning zone: list it in zoneIds, the parent is the administrative one", r.ID)
		case r.BelowLevel != "" && level.Rank() >= r.BelowLevel.Rank():
			p.Message = fmt.Sprintf("the parent must be of a higher level than %s, but %q is a %s", r.BelowLevel, r.ID, level)
		default:
			continue
		}
		ps = append(ps, p)
	}
	return ps
}

// CategoryCycles returns a problem for every category of the document that
// would end up below itself, following the document's parents for its own
// categories and parent (which may answer from the database) for others.
func CategoryCycles(cats []ServiceCategoryRecord, parent func(id string) string) Problems {
	own := map[string]string{}
	for _, c := range cats {
		own[c.ID] = c.ParentID
	}
	up := func(id string) string {
		if p, ok := own[id]; ok {
			return p
		}
		return parent(id)
	}
	var ps Problems
	for i, c := range cats {
		seen := map[string]bool{c.ID: true}
		for p := up(c.ID); p != ""; p = up(p) {
			if seen[p] {
				if p == c.ID {
					ps = append(ps, Problem{Line: i + 1, Record: c.ID, Field: fmt.Sprintf("serviceCategories[%d].parentId", i),
						Message: fmt.Sprintf("%q would be below itself (a cycle through %q)", c.ID, c.ParentID)})
				}
				break
			}
			seen[p] = true
		}
	}
	return ps
}
