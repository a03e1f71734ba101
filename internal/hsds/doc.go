// Package hsds reads Open Referral HSDS (Human Services Data Specification)
// datasets and maps them onto coopgraph's interchange document,
// domain.Document: HSDS 3.x JSON (ReadJSON: API responses, paginated or
// not, and the tabular form as one JSON object) and tabular data packages,
// 3.x or the older 1.x and 2.x (ReadPackage: datapackage.json and CSV).
//
// It does no database I/O: it returns records, and the import pipeline
// validates and writes them. The records already pass the domain's own
// rules (Validate): an optional value that does not, like a malformed
// e-mail, is dropped with a warning; a record that still does not is
// rejected. The error return is only for input that cannot be read at all
// (not JSON, no datapackage.json, an unreadable file); everything about
// single records is a warning (the record is in the document, something of
// it was ignored or guessed) or a rejection (the record is left out), each
// with the file, the CSV line or JSON record number, the HSDS id and the
// field.
//
// # Mapping
//
//	HSDS                                     coopgraph
//	---------------------------------------  -------------------------------------------------------------
//	organization                             Stakeholder
//	  id                                     id: IDPrefix + id (see Ids below)
//	  name, description, email               name, description, email
//	  website (1.x: url)                     website ("http://" added to a bare host name, warning)
//	  alternate_name                         acronym when one word of at most 16 characters, else ignored
//	                                         (warning once per file): coopgraph's acronym is "WHO", not
//	                                         a second name
//	  phones[0].number, extension            phone: the organization's first number, "<number> ext. <n>";
//	                                         the quotes the official examples put in the number go
//	  (none)                                 kind = Options.DefaultKind (OTHER),
//	                                         sector = Options.DefaultSector (NON_PROFIT)
//	  first physical location's address      territoryId (LOCATED_IN); else the address of a location of
//	                                         one of its services (warning); else Options.ParentTerritoryID
//	                                         (warning); else the territory "Unplaced — <source>", id
//	                                         "tr-unplaced-<slug>", made for them at the cities' level, PART_OF
//	                                         the dataset's country when its addresses name only one; one
//	                                         warning lists these organizations, one the services that cover
//	                                         it for want of any place. Source is datapackage.json's title
//	                                         (the slug: its name), else Options.Source (the file name)
//	location + address (1.x:                 Territory hierarchy, one record per distinct place:
//	  physical_addresses, postal_addresses)    country        → COUNTRY, code when 2 letters, "tr-<c>"
//	                                           state_province → REGION, "tr-<c>-<state>"
//	                                           city           → Options.CityLevel (MUNICIPALITY, or
//	                                                            SETTLEMENT), "tr-<c>-<state>-<city>"
//	                                         An address without a country is in the dataset's country when
//	                                         the others name only one; one without a state_province is in
//	                                         the state the other addresses of its city name, when only one
//	                                         (a warning each, with a count).
//	                                         Ids are IDPrefix + slugs (Cyrillic and accented letters
//	                                         transliterated; names with one slug are one place: "Враца" =
//	                                         "Vratsa"). A location's physical address is preferred, then
//	                                         an untyped one, then a postal one; virtual locations place
//	                                         nothing. With Options.ParentTerritoryID the levels at or above
//	                                         Options.ParentLevel (default COUNTRY) are not created — the
//	                                         parent stands for them — and the next level is PART_OF it;
//	                                         cities under a parent at or below CityLevel are SETTLEMENTs.
//	                                         Only territories a record refers to are kept (with ancestors).
//	service                                  Service
//	  id, name, description, url, email      id, name, description, url, email
//	  alternate_name                         ignored (warning once per file): nameLocal is the name in the
//	                                         local language, not an alias
//	  status                                 active → ACTIVE; inactive, defunct, temporarily closed →
//	                                         SUSPENDED (coopgraph has no "closed"); missing or anything
//	                                         else → ACTIVE with a warning
//	  eligibility_description                eligibility (1.x eligibility rows' texts joined to it)
//	  minimum_age, maximum_age (3.x: on the  minAge, maxAge; fractions widened to whole years (0.5 → 0,
//	    service; older: eligibility rows)      17.5 → 18), warning; values the domain refuses are dropped
//	  organization_id / nested organization  providerId; missing, unknown or rejected organization → the
//	                                         service is REJECTED (field organization_id)
//	  (none)                                 deliveryMode IN_PERSON; REMOTE when all its locations are
//	                                         virtual, MIXED when some are
//	service_capacity (3.1; JSON:             capacity = maximum, available, availableUpdatedAt = updated;
//	  capacities)                              several → the one with the largest maximum, warning; the
//	                                           unit is ignored (coopgraph counts places)
//	service_area (1.x column service_area)   coverageIds: the one address territory with the same slug,
//	                                         if exactly one; else a Territory per distinct name,
//	                                         "tr-area-<slug>", PART_OF ParentTerritoryID when given. Level:
//	                                         DISTRICT or REGION when a short name says so ("Vratsa
//	                                         district", "Provincia di Trento"), else MUNICIPALITY; always
//	                                         below the parent (SETTLEMENT under a MUNICIPALITY parent).
//	                                         extent/extent_type are a polygon and its format: not read.
//	  no service area                        the territories of its locations (service_at_location), else
//	                                         its organization's territory; a warning either way
//	taxonomy_term (1.x: taxonomy)            ServiceCategory: id, name, description, code; parent_id →
//	                                         parentId (unknown parent: none, warning; a cycle is broken,
//	                                         warning); domain = Options.DefaultDomain (SOCIAL); parents
//	                                         come before children
//	attribute (3.x: link_id, taxonomy_term_  categoryIds: every linked term of the service, each once,
//	  id) / service_attributes (2.x) /         whatever the link_type, in the data's order; none → the
//	  services_taxonomy (1.x)                  catch-all "Uncategorised (HSDS)", id
//	                                           "cat-hsds-uncategorised", created once, warning per service
//	schedules, languages, contacts, funding, ignored: one warning per kind and file, with a count
//	  programs, cost options, accessibility,
//	  required documents, metadata, units,
//	  taxonomies, phones of services and
//	  locations, attributes of other records
//	other HSDS fields (fees, legal_status,   ignored: one warning per field and file (CSV: per column,
//	  latitude, postal_code...)                when some row fills it)
//	fields and columns that are not HSDS     ignored: one warning per field (JSON) or column (CSV)
//
// Every record gets Source "HSDS import (<file>)"; none is illustrative:
// they are the dataset's facts.
//
// # Ids
//
// HSDS ids are kept, after Options.IDPrefix. They must be unique across the
// document, and 1.x datasets often number each table from 1: when ids of a
// type repeat ids of a type mapped before it (categories, then
// stakeholders, then services), every id of that type gets the type's name
// ("service-1"), with a warning. Created territories and the catch-all
// category have ids derived from names, the same on every import.
//
// # What is rejected
//
// Only organizations, services and taxonomy terms become coopgraph records,
// so only they are rejected: for a missing id or name, a repeated id (CSV),
// a broken or rejected organization_id, a CSV row that does not parse, or a
// value the domain refuses that is not optional — never for want of an
// address. Each rejection's Type is the coopgraph record type it leaves out
// (Stakeholder, Service, ServiceCategory), for the import's summary. Locations, addresses, phones, service areas and the other
// linking rows that point to nothing are warnings: what they would have
// added is lost, no record is.
//
// # Versions and files
//
// A package's HSDS version is told by its tables — datapackage.json's
// version is the dataset's, not HSDS's: attributes, addresses,
// service_capacity or units mean 3.x; taxonomy_term or service_attributes
// without those 2.x; services_taxonomy, physical_addresses, eligibility
// and the like 1.x. It decides what the taxonomy table holds: terms in 1.x,
// taxonomies later. Table names are read singular or plural. A listed file
// is looked for at its path, then beside datapackage.json, then under
// data/, where published packages keep their files whatever the paths
// say (one warning lists the files found elsewhere); a listed file found
// nowhere is an error. Unlisted CSV files at the root and under data/ are
// read by their names. A
// datapackage.json that holds only a relative path is a symbolic link git
// checked out as a file (as in the official examples' csv/): it is followed
// when its target is inside the package, else the CSV files are found by
// their names, with a warning.
package hsds
