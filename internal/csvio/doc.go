// Package csvio reads and writes the lists municipalities keep in
// spreadsheets — stakeholders, services and needs — as CSV files, one file
// per kind, mapped onto coopgraph's interchange records
// (domain.StakeholderRecord, domain.ServiceRecord, domain.NeedRecord).
//
// It does no database I/O and checks only what it must to build a record:
// that each cell can be read as its type and that the cells a row cannot do
// without are there. The rest (lengths, e-mail addresses, whether the ids a
// row refers to exist) is left to the import pipeline, so that a CSV file and
// a JSON document are validated by the same code.
//
// # Files
//
// A file holds one kind of list, told by its name (see KindOf):
// stakeholders*.csv, services*.csv or needs*.csv. Its first line is a header
// naming the columns, in any order. Header names are case-insensitive and a
// space may stand for "_" ("Name local" is name_local). A column the kind
// does not have draws one warning and its values are ignored; so does a
// column named twice (the second one is ignored) and a column without a name
// that holds values. Rows whose cells are all empty are skipped.
//
// Files are UTF-8, with or without the byte order mark Excel writes. The
// delimiter is "," or ";", whichever occurs more often in the header line:
// Excel in a Bulgarian locale, like most of Europe, saves "CSV UTF-8" with
// ";". List cells are separated by ";" in a ","-file and by "|" in a
// ";"-file, so that a list never needs quoting.
//
// # Cells
//
// Spaces around a cell or a list item are dropped.
//
//	| format  | accepts                                                           | empty means     |
//	| ------- | ----------------------------------------------------------------- | --------------- |
//	| text    | anything; a cell in quotes may span lines                         | ""              |
//	| list    | items separated by ";" (a pipe in ";"-files), empty ones dropped  | no items (nil)  |
//	| yes/no  | true, false, yes, no, 1, 0, да, не, ИСТИНА, НЕИСТИНА, in any case | false           |
//	| enum    | the value in any case, with spaces or "-" for "_"                 | not given ("")  |
//	| integer | a whole number: 12, -3 (no separators, no decimals)               | not given (nil) |
//	| time    | YYYY-MM-DD (midnight UTC) or RFC 3339 (2022-03-01T09:30:00+02:00) | not given (nil) |
//
// Enum cells take the values of the domain's lists: "social service
// provider" reads as SOCIAL_SERVICE_PROVIDER. Times are kept in UTC, as the
// store keeps them. An integer that is required (volume, year) has no "not
// given": its cell must be filled.
//
// illustrative_fields names fields by their columns (territory_id); they are
// kept in the record by their JSON names (territoryId), which is what the
// rest of coopgraph uses, and written back as columns. Names that are not
// columns of the file are kept as they are.
//
// # Columns
//
// stakeholders.csv (one domain.StakeholderRecord per row):
//
//	| column              | record field       | format | notes                                    |
//	| ------------------- | ------------------ | ------ | ---------------------------------------- |
//	| id                  | id                 | text   | required, unique in the file; e.g. st-…  |
//	| name                | name               | text   | required                                 |
//	| name_local          | nameLocal          | text   | the name in Bulgarian                    |
//	| acronym             | acronym            | text   |                                          |
//	| kind                | kind               | enum   | MUNICIPALITY, REGIONAL_AUTHORITY, STATE_AGENCY, SOCIAL_SERVICE_PROVIDER, HEALTH_PROVIDER, NGO, VOLUNTEER_GROUP, BUSINESS, CHAMBER, EDUCATION, RESEARCH, MEDIA, INTERNATIONAL_BODY, OTHER |
//	| sector              | sector             | enum   | PUBLIC, PRIVATE, NON_PROFIT              |
//	| territory_id        | territoryId        | text   | the territory it is located in (tr-…)    |
//	| area_ids            | areaIds            | list   | cooperation areas it is active in        |
//	| description         | description        | text   |                                          |
//	| email               | email              | text   |                                          |
//	| phone               | phone              | text   |                                          |
//	| website             | website            | text   |                                          |
//	| illustrative        | illustrative       | yes/no | the record is invented                   |
//	| illustrative_fields | illustrativeFields | list   | columns whose values are invented        |
//	| source              | source             | text   | where the facts come from                |
//
// services.csv (one domain.ServiceRecord per row):
//
//	| column               | record field       | format  | notes                                   |
//	| -------------------- | ------------------ | ------- | --------------------------------------- |
//	| id                   | id                 | text    | required, unique in the file; e.g. svc-… |
//	| name                 | name               | text    | required                                |
//	| name_local           | nameLocal          | text    | the name in Bulgarian                   |
//	| provider_id          | providerId         | text    | the stakeholder providing it (st-…)     |
//	| category_id          | categoryIds        | list    | its service categories (cat-…)          |
//	| target_group_ids     | targetGroupIds     | list    | target groups it is for (tg-…)          |
//	| coverage_ids         | coverageIds        | list    | territories it covers (tr-…)            |
//	| status               | status             | enum    | ACTIVE, PLANNED, SUSPENDED              |
//	| delivery_mode        | deliveryMode       | enum    | IN_PERSON, RESIDENTIAL, DAY_CARE, OUTREACH, REMOTE, MIXED |
//	| capacity             | capacity           | integer | places in all                           |
//	| available            | available          | integer | free places now; 0 is not "not given"   |
//	| available_updated_at | availableUpdatedAt | time    | when available was counted              |
//	| min_age              | minAge             | integer |                                         |
//	| max_age              | maxAge             | integer |                                         |
//	| eligibility          | eligibility        | text    |                                         |
//	| description          | description        | text    |                                         |
//	| email                | email              | text    |                                         |
//	| url                  | url                | text    |                                         |
//	| illustrative         | illustrative       | yes/no  | the record is invented                  |
//	| illustrative_fields  | illustrativeFields | list    | columns whose values are invented       |
//	| source               | source             | text    | where the facts come from               |
//
// needs.csv (one domain.NeedRecord per row):
//
//	| column              | record field       | format  | notes                                   |
//	| ------------------- | ------------------ | ------- | --------------------------------------- |
//	| id                  | id                 | text    | required, unique in the file; e.g. need-… |
//	| territory_id        | territoryId        | text    | required; where the need is (tr-…)      |
//	| category_id         | categoryId         | text    | required; the service category needed   |
//	| target_group_id     | targetGroupId      | text    | required; who needs it (tg-…)           |
//	| volume              | volume             | integer | required; people in need                |
//	| priority            | priority           | enum    | LOW, MEDIUM, HIGH, CRITICAL             |
//	| year                | year               | integer | required; the year of the figure        |
//	| need_source         | needSource         | text    | where the figure comes from             |
//	| description         | description        | text    |                                         |
//	| illustrative        | illustrative       | yes/no  | the record is invented                  |
//	| illustrative_fields | illustrativeFields | list    | columns whose values are invented       |
//	| source              | source             | text    | where the facts come from               |
//
// # Problems
//
// Reading returns an error only for input that is not a list at all: an
// empty file, a header that is not CSV or lacks a column every row needs (id
// and name; for needs, id), or text that is not UTF-8 (an Excel workbook, a
// CSV saved in Windows-1251). These errors are BAD_USER_INPUT domain errors
// that say what is missing. Failing to read the input is any other error.
//
// Everything else is a domain.Problem in the Result. A row is rejected, with
// every problem it has, when a cell cannot be read as its format, a required
// cell is empty, its id is already that of an earlier row (the later row is
// rejected), it has more cells than the header has columns, or it is broken
// CSV (a stray quote; the reader goes on with the next row). Each problem
// names the file, the row's id (Record) and the column (Field). Line is the
// physical line of the file (the header is line 1 unless empty lines precede
// it) on which the cell named by Field begins, so a quoted cell spanning lines
// counts as the lines it takes; for a column the file lacks, it is the line
// where the row begins. Broken CSV has neither Record nor Field, only the line
// where the reader gave up on it.
//
// # Writing
//
// The Write functions write a header with every column in the order above,
// then one row per record, with "," between cells, ";" between list items,
// true/false, times as YYYY-MM-DD when at midnight UTC and RFC 3339 in UTC
// otherwise, and no BOM. Reading the output gives records equal to those
// written, nil and zero numbers and Cyrillic text included, when the records
// are in the shape reading produces: text and list items without spaces
// around them, nil rather than empty lists, times in UTC, illustrative fields
// by their JSON names. A list item that could not be read back (empty, with
// spaces around it, containing ";") fails the write.
//
// Cells are written as they are: a value starting with "=", "+", "-" or "@"
// is not escaped against formula injection, since phone numbers start with
// "+" and escaping would break the round trip. Files meant for the public
// should be written from checked data.
package csvio
