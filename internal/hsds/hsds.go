package hsds

import (
	"fmt"
	"slices"
	"strings"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Options say what HSDS does not: the values coopgraph requires that an HSDS
// dataset has no field for, and where the created records attach to the
// existing graph.
type Options struct {
	// DefaultKind is the kind of every organization; HSDS does not classify
	// organizations. Default OTHER.
	DefaultKind domain.StakeholderKind
	// DefaultSector is the sector of every organization. Default NON_PROFIT.
	DefaultSector domain.Sector
	// DefaultDomain is the domain of every taxonomy term. Default SOCIAL.
	DefaultDomain domain.ServiceDomain
	// ParentTerritoryID, optional, is an existing territory (usually the
	// country the dataset is about) under which the created territories
	// hang. It also locates organizations that have no address.
	ParentTerritoryID string
	// ParentLevel is the level of ParentTerritoryID, COUNTRY when empty.
	// Address parts at or above it (the country, for a country parent) are
	// not created: the parent stands for them, and a territory must be
	// below its parent.
	ParentLevel domain.TerritoryLevel
	// IDPrefix, optional, starts every created id (e.g. "hsds-"), so that an
	// import cannot take over ids already in the graph.
	IDPrefix string
}

// Result is what an HSDS dataset becomes: a document for the import
// pipeline to validate and write, and what was left behind on the way.
type Result struct {
	Doc *domain.Document
	// Version is the HSDS version the input was read as: "1.x", "2.x" or
	// "3.x".
	Version string
	// Warnings say what was ignored, guessed or changed; the records they
	// are about are in Doc.
	Warnings []domain.Problem
	// Rejected are records left out of Doc, each with its file, line or
	// record number, id and the field at fault.
	Rejected []domain.Problem
}

// withDefaults fills the defaults and checks the options against the
// domain's enums, so that a typo fails the import rather than every record.
func (o Options) withDefaults() (Options, error) {
	if o.DefaultKind == "" {
		o.DefaultKind = "OTHER"
	}
	if o.DefaultSector == "" {
		o.DefaultSector = "NON_PROFIT"
	}
	if o.DefaultDomain == "" {
		o.DefaultDomain = "SOCIAL"
	}
	if o.ParentTerritoryID != "" && o.ParentLevel == "" {
		o.ParentLevel = domain.LevelCountry
	}
	switch {
	case !slices.Contains(domain.StakeholderKinds, o.DefaultKind):
		return o, domain.Invalid("DefaultKind", "%q is not a stakeholder kind", o.DefaultKind)
	case !slices.Contains(domain.Sectors, o.DefaultSector):
		return o, domain.Invalid("DefaultSector", "%q is not a sector", o.DefaultSector)
	case !slices.Contains(domain.ServiceDomains, o.DefaultDomain):
		return o, domain.Invalid("DefaultDomain", "%q is not a service domain", o.DefaultDomain)
	case o.ParentLevel != "" && o.ParentLevel.Rank() < 0:
		return o, domain.Invalid("ParentLevel", "%q is not a territory level", o.ParentLevel)
	case o.ParentLevel != "" && o.ParentTerritoryID == "":
		return o, domain.Invalid("ParentLevel", "is set but ParentTerritoryID is not")
	case strings.ContainsFunc(o.IDPrefix+o.ParentTerritoryID, func(r rune) bool { return r <= ' ' }):
		return o, domain.Invalid("IDPrefix", "ids must not contain spaces or control characters")
	}
	return o, nil
}

// finish resolves the references between the records read, maps them onto
// a document and closes the report.
func finish(d *dataset, opt Options, version string) Result {
	d.resolve()
	doc := build(d, opt)
	d.rep.finish()
	return Result{Doc: doc, Version: version, Warnings: d.rep.warnings, Rejected: d.rep.rejected}
}

func optionsError(err error) error { return fmt.Errorf("hsds: options: %w", err) }
