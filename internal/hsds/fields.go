package hsds

import "strings"

// The HSDS fields the importer knows, per object (JSON) or table (CSV), in
// HSDS 1.x, 2.x and 3.x alike: the ones it uses, and the ones HSDS defines
// but coopgraph does not model, which are reported once per file. Anything
// else is not HSDS and is reported as unknown.

type fieldSet struct {
	used    map[string]bool
	skipped map[string]bool
}

func fields(used, skipped string) fieldSet {
	s := fieldSet{used: map[string]bool{}, skipped: map[string]bool{}}
	for _, f := range strings.Fields(used) {
		s.used[f] = true
	}
	for _, f := range strings.Fields(skipped) {
		s.skipped[f] = true
	}
	return s
}

var addressFields = fields("id location_id city state_province country address_type",
	"attention address_1 address_2 address_3 address_4 region postal_code attributes metadata")

var fieldSets = map[string]fieldSet{
	"organization": fields(
		"id name alternate_name description email website url phones locations services",
		"tax_status tax_id year_incorporated legal_status logo uri parent_organization_id funding contacts programs "+
			"organization_identifiers attributes metadata additional_websites"),
	"service": fields(
		"id organization_id name description url email status eligibility_description minimum_age maximum_age "+
			"service_areas service_at_locations organization attributes capacities",
		"alternate_name program_id interpretation_services application_process fees_description wait_time fees "+
			"accreditations assured_date assurer_email licenses alert last_modified phones schedules languages funding "+
			"cost_options program required_documents contacts metadata additional_urls keywords regular_schedules holiday_schedules"),
	"location": fields("id location_type organization_id addresses",
		"url name alternate_name description transportation latitude longitude external_identifier external_identifier_type "+
			"languages contacts accessibility phones schedules attributes metadata regular_schedules holiday_schedules"),
	"address":          addressFields,
	"physical_address": addressFields,
	"postal_address":   addressFields,
	"phone": fields("id organization_id number extension location_id service_id contact_id service_at_location_id",
		"type description language languages attributes metadata"),
	"service_area": fields("id service_id name service_area description",
		"extent extent_type uri attributes metadata service_at_location_id"),
	"service_at_location": fields("id service_id location_id service location",
		"description contacts phones schedules attributes metadata regular_schedules holiday_schedules"),
	"taxonomy_term": fields("id code name description parent_id",
		"taxonomy taxonomy_detail language taxonomy_id term_uri metadata vocabulary"),
	// taxonomy_1x is the 1.x taxonomy table, whose rows are the terms.
	"taxonomy_1x":       fields("id name parent_id", "parent_name vocabulary"),
	"attribute":         fields("id link_id taxonomy_term_id link_type link_entity taxonomy_term", "value label metadata"),
	"service_taxonomy":  fields("id service_id taxonomy_id", "taxonomy_detail"),
	"service_attribute": fields("id service_id taxonomy_term_id", "value"),
	"eligibility":       fields("id service_id eligibility minimum_age maximum_age", "service_at_location_id"),
	"service_capacity":  fields("id service_id available maximum updated", "unit unit_id description metadata"),
	// page is the envelope of a paginated API response.
	"page": fields("contents total_items total_pages page_number size first_page last_page empty", ""),
}

// nestedKinds names the HSDS table a nested list or object holds, so that,
// say, schedules of services and of locations make one warning.
var nestedKinds = map[string]string{
	"schedules": "schedule", "regular_schedules": "regular_schedule", "holiday_schedules": "holiday_schedule",
	"languages": "language", "contacts": "contact", "funding": "funding", "accessibility": "accessibility",
	"cost_options": "cost_option", "required_documents": "required_document", "metadata": "metadata",
	"program": "program", "programs": "program", "organization_identifiers": "organization_identifier",
	"phones": "phone", "attributes": "attribute", "taxonomy_detail": "taxonomy",
	"additional_websites": "url", "additional_urls": "url", "unit": "unit",
}

// reasons says why something is ignored where "not modelled" is not the
// whole story. Keys are kinds: a table, or object.field.
var reasons = map[string]string{
	"phone":                    "coopgraph keeps the phone number of organizations only; other phone numbers are ignored",
	"attribute":                "coopgraph classifies services only; attributes of other records are ignored",
	"url":                      "coopgraph keeps one website per record; additional URLs are ignored",
	"unit":                     "coopgraph counts capacity in places and keeps no unit; units are ignored",
	"service_capacity.unit_id": "coopgraph counts capacity in places and keeps no unit; units are ignored",
	"service.alternate_name": "coopgraph services have no alternative name (nameLocal is the name in the local " +
		"language); ignored",
	"taxonomy": "coopgraph keeps the taxonomy terms (as service categories) but not the taxonomies they come " +
		"from; ignored",
}

func ignoredMessage(kind string, table bool) string {
	if m, ok := reasons[kind]; ok {
		return m
	}
	if table {
		return "HSDS " + kind + " records are not modelled by coopgraph; ignored"
	}
	return "not modelled by coopgraph; ignored"
}

const unknownMessage = "not an HSDS field; ignored"

// tableAliases maps the names of HSDS tables, as resource names and file
// names of the 1.x, 2.x and 3.x packages spell them, to one name each.
var tableAliases = map[string]string{}

func init() {
	for canon, names := range map[string]string{
		"organization":                   "organization organizations",
		"service":                        "service services",
		"location":                       "location locations",
		"address":                        "address addresses",
		"physical_address":               "physical_address physical_addresses",
		"postal_address":                 "postal_address postal_addresses",
		"phone":                          "phone phones",
		"service_area":                   "service_area service_areas",
		"service_at_location":            "service_at_location service_at_locations services_at_location services_at_locations",
		"eligibility":                    "eligibility eligibilities",
		"taxonomy_term":                  "taxonomy_term taxonomy_terms",
		"taxonomy":                       "taxonomy taxonomies",
		"attribute":                      "attribute attributes",
		"service_attribute":              "service_attribute service_attributes",
		"service_taxonomy":               "service_taxonomy services_taxonomy service_taxonomies",
		"service_capacity":               "service_capacity service_capacities",
		"unit":                           "unit units",
		"program":                        "program programs",
		"contact":                        "contact contacts",
		"schedule":                       "schedule schedules",
		"regular_schedule":               "regular_schedule regular_schedules",
		"holiday_schedule":               "holiday_schedule holiday_schedules",
		"funding":                        "funding fundings",
		"language":                       "language languages",
		"accessibility":                  "accessibility",
		"accessibility_for_disabilities": "accessibility_for_disabilities",
		"cost_option":                    "cost_option cost_options",
		"required_document":              "required_document required_documents",
		"payment_accepted":               "payment_accepted payments_accepted",
		"metadata":                       "metadata",
		"meta_table_description":         "meta_table_description meta_table_descriptions",
		"organization_identifier":        "organization_identifier organization_identifiers",
		"url":                            "url urls",
		"other_attribute":                "other_attribute other_attributes",
	} {
		for _, n := range strings.Fields(names) {
			tableAliases[n] = canon
		}
	}
}

// canonicalTable returns the HSDS table a resource or file name stands for,
// "" when it is none.
func canonicalTable(name string) string {
	name = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), ".csv"))
	return tableAliases[name]
}
