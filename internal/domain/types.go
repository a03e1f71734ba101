package domain

import "time"

// Meta is carried by every node of the graph.
type Meta struct {
	// ID is stable and chosen by whoever creates the record (a slug in the
	// demo data); it is the key of every node.
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	// Version starts at 1 and grows by one with every update, so writers can
	// detect lost updates.
	Version   int64  `json:"version"`
	UpdatedBy string `json:"updatedBy,omitempty"`
	// Illustrative marks a record that the source documents do not contain:
	// it was invented so that the demo has something to show.
	Illustrative bool `json:"illustrative,omitempty"`
	// IllustrativeFields names the fields of a factual record whose values
	// were invented (e.g. "capacity", "population").
	IllustrativeFields []string `json:"illustrativeFields,omitempty"`
	// Source says where the facts of the record come from.
	Source string `json:"source,omitempty"`
}

// Territory is a place in the territorial hierarchy, PART_OF its parent.
type Territory struct {
	Meta
	Name       string         `json:"name"`
	NameLocal  string         `json:"nameLocal,omitempty"`
	Level      TerritoryLevel `json:"level"`
	Code       string         `json:"code,omitempty"` // NUTS or LAU code
	Population *int64         `json:"population,omitempty"`
}

// Stakeholder is an organisation: a municipality, agency, NGO, provider...
type Stakeholder struct {
	Meta
	Name        string          `json:"name"`
	NameLocal   string          `json:"nameLocal,omitempty"`
	Acronym     string          `json:"acronym,omitempty"`
	Kind        StakeholderKind `json:"kind"`
	Sector      Sector          `json:"sector"`
	Description string          `json:"description,omitempty"`
	Email       string          `json:"email,omitempty"`
	Phone       string          `json:"phone,omitempty"`
	Website     string          `json:"website,omitempty"`
}

// ServiceCategory is a term of the service taxonomy (HSDS taxonomy_term).
type ServiceCategory struct {
	Meta
	Name        string        `json:"name"`
	NameLocal   string        `json:"nameLocal,omitempty"`
	Code        string        `json:"code,omitempty"`
	Domain      ServiceDomain `json:"domain"`
	Description string        `json:"description,omitempty"`
}

// TargetGroup is a group of residents services are meant for.
type TargetGroup struct {
	Meta
	Name        string `json:"name"`
	NameLocal   string `json:"nameLocal,omitempty"`
	Description string `json:"description,omitempty"`
}

// Service is a social or health service (HSDS service) provided by a
// stakeholder, covering territories (HSDS service_area).
type Service struct {
	Meta
	Name         string        `json:"name"`
	NameLocal    string        `json:"nameLocal,omitempty"`
	Description  string        `json:"description,omitempty"`
	Status       ServiceStatus `json:"status"`
	DeliveryMode DeliveryMode  `json:"deliveryMode"`
	// Eligibility is free text, as in HSDS eligibility_description.
	Eligibility string `json:"eligibility,omitempty"`
	MinAge      *int   `json:"minAge,omitempty"`
	MaxAge      *int   `json:"maxAge,omitempty"`
	// Capacity is the maximum number of places (HSDS service_capacity.maximum).
	Capacity *int64 `json:"capacity,omitempty"`
	// Available is the number of free places now; AvailableUpdatedAt says
	// when it was last counted.
	Available          *int64     `json:"available,omitempty"`
	AvailableUpdatedAt *time.Time `json:"availableUpdatedAt,omitempty"`
	Email              string     `json:"email,omitempty"`
	URL                string     `json:"url,omitempty"`
}

// Need is demand: a target group's need for a service category in a
// territory, in people.
type Need struct {
	Meta
	Description string   `json:"description,omitempty"`
	Volume      int64    `json:"volume"`
	Priority    Priority `json:"priority"`
	// Source of the figure (a survey, a municipal strategy...).
	NeedSource string `json:"needSource,omitempty"`
	Year       int    `json:"year"`
}

// CooperationArea is a thematic area of cooperation, linked to service
// categories, in which stakeholders are active.
type CooperationArea struct {
	Meta
	Name        string `json:"name"`
	NameLocal   string `json:"nameLocal,omitempty"`
	Description string `json:"description,omitempty"`
}

// Partnership is an agreement, memorandum, network or project consortium.
type Partnership struct {
	Meta
	Name        string            `json:"name"`
	NameLocal   string            `json:"nameLocal,omitempty"`
	Kind        PartnershipKind   `json:"kind"`
	Status      PartnershipStatus `json:"status"`
	ValidFrom   *Date             `json:"validFrom,omitempty"`
	ValidTo     *Date             `json:"validTo,omitempty"`
	Description string            `json:"description,omitempty"`
}

// Practice is a way of working that originates in one territory and is
// transferred to others.
type Practice struct {
	Meta
	Name        string `json:"name"`
	NameLocal   string `json:"nameLocal,omitempty"`
	Description string `json:"description,omitempty"`
}

// Project is a funded project (DIALOG, the Lesichovo project...).
type Project struct {
	Meta
	Name        string `json:"name"`
	NameLocal   string `json:"nameLocal,omitempty"`
	Acronym     string `json:"acronym,omitempty"`
	Programme   string `json:"programme,omitempty"`
	StartDate   *Date  `json:"startDate,omitempty"`
	EndDate     *Date  `json:"endDate,omitempty"`
	Description string `json:"description,omitempty"`
}

// Event is a meeting, training, visit, conference, info day... with
// participating stakeholders.
type Event struct {
	Meta
	Name      string    `json:"name"`
	NameLocal string    `json:"nameLocal,omitempty"`
	Kind      EventKind `json:"kind"`
	StartDate Date      `json:"startDate"`
	EndDate   *Date     `json:"endDate,omitempty"`
	Place     string    `json:"place,omitempty"`
	Online    bool      `json:"online,omitempty"`
	// ParticipantCount is the number of people who took part, when known.
	ParticipantCount *int `json:"participantCount,omitempty"`
	// FeedbackScore is the mean satisfaction from feedback surveys, 1 to 5.
	FeedbackScore *float64 `json:"feedbackScore,omitempty"`
	Description   string   `json:"description,omitempty"`
}

// ReferralLink is a referral protocol: From refers people to To, for the
// listed categories (and their sub-categories) or for every category when
// CategoryIDs is empty. Stored as a REFERS_TO relationship.
type ReferralLink struct {
	ID           string             `json:"id"`
	FromID       string             `json:"fromId"`
	ToID         string             `json:"toId"`
	CategoryIDs  []string           `json:"categoryIds,omitempty"`
	Status       ReferralLinkStatus `json:"status"`
	Since        *Date              `json:"since,omitempty"`
	Illustrative bool               `json:"illustrative,omitempty"`
	Source       string             `json:"source,omitempty"`
}

// Neighbour is one end of a NEIGHBOUR_OF link between two territories.
type Neighbour struct {
	TerritoryID  string  `json:"territoryId"`
	DistanceKm   float64 `json:"distanceKm"`
	Illustrative bool    `json:"illustrative,omitempty"`
}

// Party is a stakeholder's part in a partnership.
type Party struct {
	StakeholderID string    `json:"stakeholderId"`
	Role          PartyRole `json:"role"`
}

// Participation is a stakeholder's part in a project or event.
type Participation struct {
	StakeholderID string `json:"stakeholderId"`
	Role          string `json:"role,omitempty"`
}

// PracticeTransfer is the transfer of a practice into a territory.
type PracticeTransfer struct {
	TerritoryID string `json:"territoryId"`
	Year        int    `json:"year,omitempty"`
}

// Key returns the record's id; the batch loader registers records by it.
func (m Meta) Key() string { return m.ID }
