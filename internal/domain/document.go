package domain

import "slices"

// Document is coopgraph's interchange format: the whole graph, or a part of
// it, as one JSON object. Relationships travel inside the record that owns
// them as ids of the other end. The demo dataset is a Document, and so is
// what export writes and import reads.
type Document struct {
	Format            string                  `json:"format"` // "coopgraph/v1"
	Territories       []TerritoryRecord       `json:"territories,omitempty"`
	ServiceCategories []ServiceCategoryRecord `json:"serviceCategories,omitempty"`
	TargetGroups      []TargetGroup           `json:"targetGroups,omitempty"`
	CooperationAreas  []CooperationAreaRecord `json:"cooperationAreas,omitempty"`
	Stakeholders      []StakeholderRecord     `json:"stakeholders,omitempty"`
	Projects          []ProjectRecord         `json:"projects,omitempty"`
	Services          []ServiceRecord         `json:"services,omitempty"`
	Needs             []NeedRecord            `json:"needs,omitempty"`
	Partnerships      []PartnershipRecord     `json:"partnerships,omitempty"`
	ReferralLinks     []ReferralLink          `json:"referralLinks,omitempty"`
	Practices         []PracticeRecord        `json:"practices,omitempty"`
	Events            []EventRecord           `json:"events,omitempty"`
}

// DocumentFormat is the value of Document.Format this version writes.
const DocumentFormat = "coopgraph/v1"

type TerritoryRecord struct {
	Territory
	ParentID   string      `json:"parentId,omitempty"`   // PART_OF: the administrative parent
	ZoneIDs    []string    `json:"zoneIds,omitempty"`    // PART_OF: planning zones the territory belongs to
	Neighbours []Neighbour `json:"neighbours,omitempty"` // NEIGHBOUR_OF, each pair listed once
}

type ServiceCategoryRecord struct {
	ServiceCategory
	ParentID string `json:"parentId,omitempty"` // SUBCATEGORY_OF
}

type CooperationAreaRecord struct {
	CooperationArea
	CategoryIDs []string `json:"categoryIds,omitempty"` // INCLUDES_CATEGORY
}

type StakeholderRecord struct {
	Stakeholder
	TerritoryID string   `json:"territoryId"`       // LOCATED_IN
	AreaIDs     []string `json:"areaIds,omitempty"` // ACTIVE_IN
}

type ProjectRecord struct {
	Project
	Participants []Participation `json:"participants,omitempty"` // PARTICIPATES_IN
}

type ServiceRecord struct {
	Service
	ProviderID     string   `json:"providerId"`               // PROVIDES (from the stakeholder)
	CategoryIDs    []string `json:"categoryIds,omitempty"`    // IN_CATEGORY, at least one
	TargetGroupIDs []string `json:"targetGroupIds,omitempty"` // FOR_GROUP
	CoverageIDs    []string `json:"coverageIds"`              // COVERS
	// CategoryID is the single category of documents and clients from
	// before services had several; read, never written (Categories).
	CategoryID string `json:"categoryId,omitempty"`
}

// Categories are the service's category ids: CategoryIDs, with the legacy
// CategoryID first when it is given and not among them.
func (r ServiceRecord) Categories() []string {
	if r.CategoryID == "" || slices.Contains(r.CategoryIDs, r.CategoryID) {
		return r.CategoryIDs
	}
	return append([]string{r.CategoryID}, r.CategoryIDs...)
}

type NeedRecord struct {
	Need
	TerritoryID   string `json:"territoryId"`   // IN_TERRITORY
	CategoryID    string `json:"categoryId"`    // FOR_CATEGORY
	TargetGroupID string `json:"targetGroupId"` // OF_GROUP
}

type PartnershipRecord struct {
	Partnership
	Parties     []Party  `json:"parties,omitempty"`     // PARTY_TO {role}
	TerritoryID string   `json:"territoryId,omitempty"` // IN_TERRITORY
	AreaIDs     []string `json:"areaIds,omitempty"`     // COVERS_AREA
	ProjectID   string   `json:"projectId,omitempty"`   // IN_PROJECT
}

type PracticeRecord struct {
	Practice
	OriginID       string             `json:"originId,omitempty"`       // ORIGINATES_IN
	Transfers      []PracticeTransfer `json:"transfers,omitempty"`      // TRANSFERRED_TO {year}
	ImplementerIDs []string           `json:"implementerIds,omitempty"` // IMPLEMENTS (from the stakeholder)
	ProjectID      string             `json:"projectId,omitempty"`      // IN_PROJECT
}

type EventRecord struct {
	Event
	TerritoryID  string          `json:"territoryId,omitempty"`  // HELD_IN
	ProjectID    string          `json:"projectId,omitempty"`    // IN_PROJECT
	Participants []Participation `json:"participants,omitempty"` // PARTICIPATED_IN {role}
}

// Each calls f with every record of the document, list by list in the
// order above, with the record's type ("Territory", …, "ReferralLink") and
// id.
func (d *Document) Each(f func(typ, id string, rec any)) {
	for _, r := range d.Territories {
		f("Territory", r.ID, r)
	}
	for _, r := range d.ServiceCategories {
		f("ServiceCategory", r.ID, r)
	}
	for _, r := range d.TargetGroups {
		f("TargetGroup", r.ID, r)
	}
	for _, r := range d.CooperationAreas {
		f("CooperationArea", r.ID, r)
	}
	for _, r := range d.Stakeholders {
		f("Stakeholder", r.ID, r)
	}
	for _, r := range d.Projects {
		f("Project", r.ID, r)
	}
	for _, r := range d.Services {
		f("Service", r.ID, r)
	}
	for _, r := range d.Needs {
		f("Need", r.ID, r)
	}
	for _, r := range d.Partnerships {
		f("Partnership", r.ID, r)
	}
	for _, r := range d.ReferralLinks {
		f("ReferralLink", r.ID, r)
	}
	for _, r := range d.Practices {
		f("Practice", r.ID, r)
	}
	for _, r := range d.Events {
		f("Event", r.ID, r)
	}
}
