package domain

// TerritoryLevel is a level of the territorial hierarchy, from the largest.
type TerritoryLevel string

const (
	LevelCountry      TerritoryLevel = "COUNTRY"
	LevelRegion       TerritoryLevel = "REGION"
	LevelDistrict     TerritoryLevel = "DISTRICT"
	LevelZone         TerritoryLevel = "ZONE" // a planning zone grouping municipalities
	LevelMunicipality TerritoryLevel = "MUNICIPALITY"
	LevelSettlement   TerritoryLevel = "SETTLEMENT"
)

// TerritoryLevels in order, largest first.
var TerritoryLevels = []TerritoryLevel{LevelCountry, LevelRegion, LevelDistrict, LevelZone, LevelMunicipality, LevelSettlement}

// Rank is the depth of the level: COUNTRY is 0.
func (l TerritoryLevel) Rank() int {
	for i, v := range TerritoryLevels {
		if v == l {
			return i
		}
	}
	return -1
}

type StakeholderKind string

var StakeholderKinds = []StakeholderKind{"MUNICIPALITY", "REGIONAL_AUTHORITY", "STATE_AGENCY",
	"SOCIAL_SERVICE_PROVIDER", "HEALTH_PROVIDER", "NGO", "VOLUNTEER_GROUP", "BUSINESS", "CHAMBER",
	"EDUCATION", "RESEARCH", "MEDIA", "INTERNATIONAL_BODY", "OTHER"}

type Sector string

var Sectors = []Sector{"PUBLIC", "PRIVATE", "NON_PROFIT"}

type ServiceDomain string

var ServiceDomains = []ServiceDomain{"SOCIAL", "HEALTH", "INTEGRATED"}

type ServiceStatus string

var ServiceStatuses = []ServiceStatus{"ACTIVE", "PLANNED", "SUSPENDED"}

type DeliveryMode string

var DeliveryModes = []DeliveryMode{"IN_PERSON", "RESIDENTIAL", "DAY_CARE", "OUTREACH", "REMOTE", "MIXED"}

type Priority string

var Priorities = []Priority{"LOW", "MEDIUM", "HIGH", "CRITICAL"}

type PartnershipKind string

var PartnershipKinds = []PartnershipKind{"AGREEMENT", "MEMORANDUM", "NETWORK", "CONSORTIUM"}

type PartnershipStatus string

var PartnershipStatuses = []PartnershipStatus{"PROPOSED", "ACTIVE", "ENDED"}

type PartyRole string

var PartyRoles = []PartyRole{"LEAD", "PARTNER", "SIGNATORY", "ASSOCIATE"}

type ReferralLinkStatus string

var ReferralLinkStatuses = []ReferralLinkStatus{"ACTIVE", "INACTIVE", "PROPOSED"}

type EventKind string

var EventKinds = []EventKind{"MEETING", "TRAINING", "STUDY_VISIT", "CONFERENCE", "INFO_DAY",
	"PRESS_CONFERENCE", "CAMPAIGN", "OPEN_DAY"}
