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
	// CityLevel is the level of the territories addresses' cities become:
	// MUNICIPALITY (the default, the matrix's default row level) or
	// SETTLEMENT. Below a parent territory at or under that level, cities
	// are SETTLEMENTs.
	CityLevel domain.TerritoryLevel
	// Source names the dataset where it does not name itself (a package's
	// datapackage.json has no title or name): the file or directory name.
	// It names the territory of the records no address places.
	Source string
	// sourceID, when the dataset has an identifier (datapackage.json's
	// name), makes the ids derived from Source.
	sourceID string
}

// CityLevels are the levels Options.CityLevel may be.
var CityLevels = []domain.TerritoryLevel{domain.LevelMunicipality, domain.LevelSettlement}

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
	// Rows is how many rows (CSV) or top-level records (JSON) the input
	// has, of any table: an import that makes nothing of a non-empty input
	// is an error, not a success.
	Rows int
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
	if o.CityLevel == "" {
		o.CityLevel = domain.LevelMunicipality
	}
	// The fields the CLI has flags for are named by their flags: that is
	// what the user typed.
	spaced := func(s string) bool { return strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' }) }
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
		return o, domain.Invalid("ParentLevel", "is set but no parent territory (-hsds-parent) is")
	case !slices.Contains(CityLevels, o.CityLevel):
		return o, domain.Invalid("-city-level", "%q is not one of MUNICIPALITY, SETTLEMENT", o.CityLevel)
	case spaced(o.IDPrefix):
		return o, domain.Invalid("-hsds-id-prefix", "ids must not contain spaces or control characters")
	case spaced(o.ParentTerritoryID):
		return o, domain.Invalid("-hsds-parent", "ids must not contain spaces or control characters")
	}
	return o, nil
}

// finish resolves the references between the records read, maps them onto
// a document and closes the report.
func finish(d *dataset, opt Options, version string) Result {
	d.resolve()
	doc := build(d, opt)
	d.rep.finish()
	return Result{Doc: doc, Version: version, Warnings: d.rep.warnings, Rejected: d.rep.rejected, Rows: d.rows}
}

func optionsError(err error) error { return fmt.Errorf("hsds: options: %w", err) }
