package domain

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Validation rules, one place per type, used alike by GraphQL mutations,
// file imports and the demo loader. A Validate method checks a record on its
// own (required fields, lengths, enums, ranges); references to other records
// are checked against the document and the database by the writer, because
// only it knows what exists.

// Length limits, in characters.
const (
	MaxID          = 100
	MaxName        = 300
	MaxDescription = 10000
	MaxShort       = 300 // codes, acronyms, emails, phones, places, sources
)

// checker collects the problems of one record.
type checker struct {
	prefix string
	ps     Problems
}

func (c *checker) add(field, format string, args ...any) {
	c.ps = append(c.ps, Problem{Field: c.prefix + field, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) required(field, v string) {
	if strings.TrimSpace(v) == "" {
		c.add(field, "is required")
	}
}

func (c *checker) maxLen(field, v string, n int) {
	if utf8.RuneCountInString(v) > n {
		c.add(field, "is longer than %d characters", n)
	}
}

func (c *checker) id(field, v string) {
	c.required(field, v)
	c.maxLen(field, v, MaxID)
	if strings.ContainsFunc(v, func(r rune) bool { return r <= ' ' }) {
		c.add(field, "must not contain spaces or control characters")
	}
}

func (c *checker) optID(field, v string) {
	if v != "" {
		c.id(field, v)
	}
}

func (c *checker) ids(field string, vs []string) {
	for i, v := range vs {
		c.id(fmt.Sprintf("%s[%d]", field, i), v)
		if slices.Index(vs, v) < i {
			c.add(fmt.Sprintf("%s[%d]", field, i), "repeats %q", v)
		}
	}
}

func (c *checker) name(field, v string) {
	c.required(field, v)
	c.maxLen(field, v, MaxName)
}

func oneOf[T ~string](c *checker, field string, v T, allowed []T) {
	if !slices.Contains(allowed, v) {
		names := make([]string, len(allowed))
		for i, a := range allowed {
			names[i] = string(a)
		}
		if v == "" {
			c.add(field, "is required (one of %s)", strings.Join(names, ", "))
			return
		}
		c.add(field, "%q is not one of %s", string(v), strings.Join(names, ", "))
	}
}

func (c *checker) nonNegative(field string, v *int64) {
	if v != nil && *v < 0 {
		c.add(field, "must not be negative, got %d", *v)
	}
}

func (c *checker) email(field, v string) {
	if v == "" {
		return
	}
	c.maxLen(field, v, MaxShort)
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
		c.add(field, "%q is not an e-mail address", v)
	}
}

func (c *checker) url(field, v string) {
	if v == "" {
		return
	}
	c.maxLen(field, v, MaxShort)
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.add(field, "%q is not an http(s) URL", v)
	}
}

func (c *checker) meta(m Meta) {
	c.id("id", m.ID)
	c.maxLen("source", m.Source, MaxShort)
	for i, f := range m.IllustrativeFields {
		c.required(fmt.Sprintf("illustrativeFields[%d]", i), f)
	}
}

func (c *checker) text(field, v string) { c.maxLen(field, v, MaxDescription) }

func (r TerritoryRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	oneOf(c, "level", r.Level, TerritoryLevels)
	c.maxLen("code", r.Code, MaxShort)
	c.nonNegative("population", r.Population)
	c.optID("parentId", r.ParentID)
	if r.ParentID != "" && r.ParentID == r.ID {
		c.add("parentId", "a territory cannot be part of itself")
	}
	if r.Level == LevelCountry && r.ParentID != "" {
		c.add("parentId", "a country has no parent")
	}
	c.ids("zoneIds", r.ZoneIDs)
	if len(r.ZoneIDs) > 0 && r.Level != LevelMunicipality && r.Level != LevelSettlement {
		c.add("zoneIds", "only municipalities and settlements belong to planning zones")
	}
	for i, n := range r.Neighbours {
		f := fmt.Sprintf("neighbours[%d]", i)
		c.id(f+".territoryId", n.TerritoryID)
		if n.TerritoryID == r.ID {
			c.add(f+".territoryId", "a territory is not its own neighbour")
		}
		if !(n.DistanceKm > 0) || n.DistanceKm > 5000 {
			c.add(f+".distanceKm", "must be more than 0 and at most 5000 km, got %g", n.DistanceKm)
		}
		for j := range i {
			if r.Neighbours[j].TerritoryID == n.TerritoryID {
				c.add(f+".territoryId", "repeats neighbours[%d]", j)
			}
		}
	}
	return c.ps
}

func (r StakeholderRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	c.maxLen("acronym", r.Acronym, MaxShort)
	oneOf(c, "kind", r.Kind, StakeholderKinds)
	oneOf(c, "sector", r.Sector, Sectors)
	c.text("description", r.Description)
	c.email("email", r.Email)
	c.maxLen("phone", r.Phone, MaxShort)
	c.url("website", r.Website)
	c.id("territoryId", r.TerritoryID)
	c.ids("areaIds", r.AreaIDs)
	return c.ps
}

func (r ServiceCategoryRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	c.maxLen("code", r.Code, MaxShort)
	oneOf(c, "domain", r.Domain, ServiceDomains)
	c.text("description", r.Description)
	c.optID("parentId", r.ParentID)
	if r.ParentID != "" && r.ParentID == r.ID {
		c.add("parentId", "a category cannot be its own parent")
	}
	return c.ps
}

func (r TargetGroup) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	c.text("description", r.Description)
	return c.ps
}

func (r ServiceRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	c.text("description", r.Description)
	oneOf(c, "status", r.Status, ServiceStatuses)
	oneOf(c, "deliveryMode", r.DeliveryMode, DeliveryModes)
	c.text("eligibility", r.Eligibility)
	if r.MinAge != nil && (*r.MinAge < 0 || *r.MinAge > 150) {
		c.add("minAge", "must be between 0 and 150, got %d", *r.MinAge)
	}
	if r.MaxAge != nil && (*r.MaxAge < 0 || *r.MaxAge > 150) {
		c.add("maxAge", "must be between 0 and 150, got %d", *r.MaxAge)
	}
	if r.MinAge != nil && r.MaxAge != nil && *r.MaxAge < *r.MinAge {
		c.add("maxAge", "must not be below minAge (%d), got %d", *r.MinAge, *r.MaxAge)
	}
	c.nonNegative("capacity", r.Capacity)
	c.nonNegative("available", r.Available)
	if r.Capacity != nil && r.Available != nil && *r.Available > *r.Capacity {
		c.add("available", "must not exceed capacity (%d), got %d", *r.Capacity, *r.Available)
	}
	c.email("email", r.Email)
	c.url("url", r.URL)
	c.id("providerId", r.ProviderID)
	c.optID("categoryId", r.CategoryID)
	c.ids("categoryIds", r.CategoryIDs)
	if len(r.Categories()) == 0 {
		c.add("categoryIds", "a service is in at least one category")
	}
	c.ids("targetGroupIds", r.TargetGroupIDs)
	c.ids("coverageIds", r.CoverageIDs)
	if len(r.CoverageIDs) == 0 {
		c.add("coverageIds", "a service covers at least one territory")
	}
	return c.ps
}

func (r NeedRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.text("description", r.Description)
	if r.Volume < 0 {
		c.add("volume", "must not be negative, got %d", r.Volume)
	}
	oneOf(c, "priority", r.Priority, Priorities)
	c.maxLen("needSource", r.NeedSource, MaxShort)
	if r.Year < 1900 || r.Year > 2200 {
		c.add("year", "must be a year between 1900 and 2200, got %d", r.Year)
	}
	c.id("territoryId", r.TerritoryID)
	c.id("categoryId", r.CategoryID)
	c.id("targetGroupId", r.TargetGroupID)
	return c.ps
}

func (r CooperationAreaRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	c.text("description", r.Description)
	c.ids("categoryIds", r.CategoryIDs)
	return c.ps
}

func (r PartnershipRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	oneOf(c, "kind", r.Kind, PartnershipKinds)
	oneOf(c, "status", r.Status, PartnershipStatuses)
	if r.ValidFrom != nil && r.ValidTo != nil && r.ValidTo.Before(r.ValidFrom.Time) {
		c.add("validTo", "must not be before validFrom (%s), got %s", r.ValidFrom, r.ValidTo)
	}
	c.text("description", r.Description)
	for i, p := range r.Parties {
		f := fmt.Sprintf("parties[%d]", i)
		c.id(f+".stakeholderId", p.StakeholderID)
		oneOf(c, f+".role", p.Role, PartyRoles)
		for j := range i {
			if r.Parties[j].StakeholderID == p.StakeholderID {
				c.add(f+".stakeholderId", "%q is already a party (parties[%d])", p.StakeholderID, j)
			}
		}
	}
	c.optID("territoryId", r.TerritoryID)
	c.ids("areaIds", r.AreaIDs)
	c.optID("projectId", r.ProjectID)
	return c.ps
}

// Validate checks a referral link on its own.
func (l ReferralLink) Validate() Problems {
	c := &checker{}
	c.id("id", l.ID)
	c.id("fromId", l.FromID)
	c.id("toId", l.ToID)
	if l.FromID != "" && l.FromID == l.ToID {
		c.add("toId", "a stakeholder cannot refer to itself")
	}
	c.ids("categoryIds", l.CategoryIDs)
	oneOf(c, "status", l.Status, ReferralLinkStatuses)
	c.maxLen("source", l.Source, MaxShort)
	return c.ps
}

func (r PracticeRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	c.text("description", r.Description)
	c.optID("originId", r.OriginID)
	for i, t := range r.Transfers {
		f := fmt.Sprintf("transfers[%d]", i)
		c.id(f+".territoryId", t.TerritoryID)
		if t.Year != 0 && (t.Year < 1900 || t.Year > 2200) {
			c.add(f+".year", "must be a year between 1900 and 2200, got %d", t.Year)
		}
	}
	c.ids("implementerIds", r.ImplementerIDs)
	c.optID("projectId", r.ProjectID)
	return c.ps
}

func (r ProjectRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	c.maxLen("acronym", r.Acronym, MaxShort)
	c.maxLen("programme", r.Programme, MaxShort)
	if r.StartDate != nil && r.EndDate != nil && r.EndDate.Before(r.StartDate.Time) {
		c.add("endDate", "must not be before startDate (%s), got %s", r.StartDate, r.EndDate)
	}
	c.text("description", r.Description)
	participations(c, r.Participants)
	return c.ps
}

func (r EventRecord) Validate() Problems {
	c := &checker{}
	c.meta(r.Meta)
	c.name("name", r.Name)
	c.maxLen("nameLocal", r.NameLocal, MaxName)
	oneOf(c, "kind", r.Kind, EventKinds)
	if r.StartDate.IsZero() {
		c.add("startDate", "is required")
	}
	if r.EndDate != nil && r.EndDate.Before(r.StartDate.Time) {
		c.add("endDate", "must not be before startDate (%s), got %s", r.StartDate, r.EndDate)
	}
	c.maxLen("place", r.Place, MaxShort)
	if r.ParticipantCount != nil && *r.ParticipantCount < 0 {
		c.add("participantCount", "must not be negative, got %d", *r.ParticipantCount)
	}
	if r.FeedbackScore != nil && (*r.FeedbackScore < 1 || *r.FeedbackScore > 5) {
		c.add("feedbackScore", "must be between 1 and 5, got %g", *r.FeedbackScore)
	}
	c.text("description", r.Description)
	c.optID("territoryId", r.TerritoryID)
	c.optID("projectId", r.ProjectID)
	participations(c, r.Participants)
	return c.ps
}

func participations(c *checker, ps []Participation) {
	for i, p := range ps {
		f := fmt.Sprintf("participants[%d]", i)
		c.id(f+".stakeholderId", p.StakeholderID)
		c.maxLen(f+".role", p.Role, MaxShort)
		for j := range i {
			if ps[j].StakeholderID == p.StakeholderID {
				c.add(f+".stakeholderId", "%q is already a participant (participants[%d])", p.StakeholderID, j)
			}
		}
	}
}
