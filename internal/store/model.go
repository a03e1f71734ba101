package store

// The graph model. Labels and relationship types are constants of this
// package: Cypher text is built only from these, never from user input.
//
// Every node has the properties id (unique per label), createdAt, updatedAt
// (DATETIME), version (INTEGER, 1 on create), updatedBy, illustrative
// (BOOLEAN: invented for the demo), illustrativeFields (LIST<STRING>), source,
// plus the fields of its domain type (see internal/domain), stored under
// their JSON names. Dates are DATE values, instants DATETIME values.
//
//	(:Territory)-[:PART_OF]->(:Territory)              administrative parent, and planning zones
//	(:Territory)-[:NEIGHBOUR_OF {distanceKm, illustrative}]->(:Territory)
//	                                                   stored once per pair, read in both directions
//	(:Stakeholder)-[:LOCATED_IN]->(:Territory)
//	(:ServiceCategory)-[:SUBCATEGORY_OF]->(:ServiceCategory)
//	(:Stakeholder)-[:PROVIDES]->(:Service)
//	(:Service)-[:IN_CATEGORY]->(:ServiceCategory)
//	(:Service)-[:FOR_GROUP]->(:TargetGroup)
//	(:Service)-[:COVERS]->(:Territory)                 the service area; covers sub-territories too
//	(:Need)-[:IN_TERRITORY]->(:Territory)
//	(:Need)-[:FOR_CATEGORY]->(:ServiceCategory)
//	(:Need)-[:OF_GROUP]->(:TargetGroup)
//	(:CooperationArea)-[:INCLUDES_CATEGORY]->(:ServiceCategory)
//	(:Stakeholder)-[:ACTIVE_IN]->(:CooperationArea)
//	(:Stakeholder)-[:PARTY_TO {role}]->(:Partnership)
//	(:Partnership)-[:IN_TERRITORY]->(:Territory)
//	(:Partnership)-[:COVERS_AREA]->(:CooperationArea)
//	(:Partnership|Practice|Event)-[:IN_PROJECT]->(:Project)
//	(:Stakeholder)-[:REFERS_TO {id, categoryIds, status, since, illustrative, source}]->(:Stakeholder)
//	(:Practice)-[:ORIGINATES_IN]->(:Territory)
//	(:Practice)-[:TRANSFERRED_TO {year}]->(:Territory)
//	(:Stakeholder)-[:IMPLEMENTS]->(:Practice)
//	(:Stakeholder)-[:PARTICIPATES_IN {role}]->(:Project)
//	(:Event)-[:HELD_IN]->(:Territory)
//	(:Stakeholder)-[:PARTICIPATED_IN {role}]->(:Event)
//	(:Migration {version, name, appliedAt})            applied migrations
const (
	LabelTerritory       = "Territory"
	LabelStakeholder     = "Stakeholder"
	LabelServiceCategory = "ServiceCategory"
	LabelTargetGroup     = "TargetGroup"
	LabelService         = "Service"
	LabelNeed            = "Need"
	LabelCooperationArea = "CooperationArea"
	LabelPartnership     = "Partnership"
	LabelPractice        = "Practice"
	LabelProject         = "Project"
	LabelEvent           = "Event"
)

// Labels lists every node label of the model.
var Labels = []string{LabelTerritory, LabelStakeholder, LabelServiceCategory, LabelTargetGroup,
	LabelService, LabelNeed, LabelCooperationArea, LabelPartnership, LabelPractice, LabelProject, LabelEvent}
