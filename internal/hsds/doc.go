// Package hsds reads Open Referral HSDS (Human Services Data Specification)
// datasets — 3.x JSON (API responses and documents), 3.x tabular data
// packages and the older 1.x (and 2.x) packages — and maps them onto
// coopgraph's interchange document, domain.Document.
//
// It does no database I/O: it returns the records, and the import pipeline
// validates and writes them. The records it returns already pass the
// domain's own rules (Validate): an optional value that does not (a
// malformed e-mail) is dropped with a warning, a record that still does not
// is rejected. The error return is only for input that cannot be read at
// all (not JSON, no datapackage.json); everything about single records is a
// warning (the record is in the document, something of it was ignored or
// guessed) or a rejection (the record is not), each with the file, the CSV
// line or JSON record number, the HSDS id and the field.
//
// # Mapping
//
//	HSDS                                     coopgraph
//	---------------------------------------  -------------------------------------------------------------
//	organization                             Stakeholder
//	  id                                     id (IDPrefix + id; unique across types, else "<type>-" is added)
//	  name, description, email               name, description, email
//	  website (1.x: url)                     website ("http://" added to a bare host name)
//	  alternate_name                         acronym when one word of at most 16 characters; else ignored
//	                                         (warning once per file)
//	  phones[0].number (+ extension)         phone (first phone of the organization; quotes stripped)
//	  (none)                                 kind = Options.DefaultKind (OTHER), sector =
//	                                         Options.DefaultSector (NON_PROFIT)
//	  first physical location's address      territoryId (LOCATED_IN); else the first address of a location
//	                                         of one of its services (warning); else Options.ParentTerritoryID
//	                                         (warning); else the organization is REJECTED
//	location / address (1.x:                 Territory hierarchy, one record per distinct place:
//	  physical_address, postal_address)        country → COUNTRY (code when 2 letters), id "tr-<country>"
//	                                           state_province → REGION, id "tr-<country>-<state>"
//	                                           city → SETTLEMENT, id "tr-<country>-<state>-<city>"
//	                                         ids are IDPrefix + slugs (Cyrillic and accents transliterated).
//	                                         A physical address is preferred, then untyped, then postal;
//	                                         virtual locations place nothing. With ParentTerritoryID, the
//	                                         levels at or above Options.ParentLevel (COUNTRY by default) are
//	                                         not created and the next level hangs under the parent. Only
//	                                         territories some record refers to are kept (with ancestors).
//	service                                  Service
//	  id, name, description, url, email      id, name, description, url, email
//	  alternate_name                         ignored (warning once per file): nameLocal is the name in the
//	                                         local language, not an alias
//	  status                                 active → ACTIVE; inactive, defunct, temporarily closed →
//	                                         SUSPENDED; missing or other → ACTIVE with a warning
//	  eligibility_description                eligibility (joined with the texts of 1.x eligibility rows)
//	  minimum_age, maximum_age (3.x service; minAge, maxAge (fractions widened to whole years, warning)
//	    older versions: eligibility row)
//	  organization_id / nested organization  providerId; missing, unknown or rejected organization →
//	                                         the service is REJECTED (field organization_id)
//	  (none)                                 deliveryMode: IN_PERSON; REMOTE when all its locations are
//	                                         virtual; MIXED when some are
//	service_capacity (3.1: capacities)       capacity = maximum, available, availableUpdatedAt = updated;
//	                                         several → the one with the largest maximum, warning; the unit
//	                                         is ignored (coopgraph counts places)
//	service_area                             coverageIds: the address territory of the same name when
//	                                         exactly one exists, else a Territory per distinct name
//	                                         (1.x: service_area column), level MUNICIPALITY (SETTLEMENT
//	                                         under a MUNICIPALITY parent), PART_OF ParentTerritoryID when
//	                                         given, id "tr-area-<slug>". extent/extent_type are a polygon's
//	                                         format, not a level, and are not read.
//	  no service area                        the territories of its locations (service_at_location), else
//	                                         its organization's territory; warning either way
//	taxonomy_term (1.x: taxonomy)            ServiceCategory: id, name, description, code, parent_id →
//	                                         parentId (unknown parent: none, warning; a cycle is broken),
//	                                         domain = Options.DefaultDomain (SOCIAL)
//	attribute (3.x; link_id, taxonomy_       categoryId: the service's first linked term, whatever the
//	  term_id) / service_attribute (2.x) /     link_type; more → the others dropped, warning; none → the
//	  services_taxonomy (1.x)                  catch-all category "Uncategorised (HSDS)"
//	                                           (id "cat-hsds-uncategorised"), created once, warning
//	schedules, languages, contacts, funding, ignored, one warning per kind and file with a count
//	  programs, cost options, accessibility,
//	  required documents, metadata, phones
//	  of services and locations, attributes
//	  of other records, taxonomies, units...
//	HSDS fields not listed above             ignored, one warning per field and file
//	fields / columns that are not HSDS       ignored, one warning per field (JSON) or column (CSV)
//
// Every record gets Source "HSDS import (<file>)"; none is illustrative.
// Locations, addresses, phones and the other linking rows are not coopgraph
// records: one that points to a record that is not there is a warning, not
// a rejection. Only organizations, services and taxonomy terms are
// rejected.
//
// The version of a package is told by its tables (datapackage.json's
// version is the dataset's): attributes, addresses, service_capacity or
// units mean 3.x; taxonomy_term or service_attributes without those 2.x;
// services_taxonomy, physical_addresses, eligibility and the like 1.x. It
// matters for the taxonomy table, whose rows are terms in 1.x and
// taxonomies later.
package hsds
