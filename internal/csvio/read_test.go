package csvio

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/coopgraph/coopgraph/internal/domain"
)

const testdata = "../../testdata/csv"

// reader is a Read function with its Result flattened, so that one table
// can hold cases of every kind.
type reader func(io.Reader, string) (records any, warnings, rejected []domain.Problem, err error)

func readerOf[T any](read func(io.Reader, string) (Result[T], error)) reader {
	return func(r io.Reader, file string) (any, []domain.Problem, []domain.Problem, error) {
		res, err := read(r, file)
		return res.Records, res.Warnings, res.Rejected, err
	}
}

var (
	readStakeholders = readerOf(ReadStakeholders)
	readServices     = readerOf(ReadServices)
	readNeeds        = readerOf(ReadNeeds)
)

// p is an expected problem: File, Line, Record and Field must be equal, and
// the message must contain Message, which holds the part that tells the
// user what was expected.
func p(file string, line int, record, field, message string) domain.Problem {
	return domain.Problem{File: file, Line: line, Record: record, Field: field, Message: message}
}

func checkProblems(t *testing.T, what string, got, want []domain.Problem) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		g, w := got[i], want[i]
		ok = g.File == w.File && g.Line == w.Line && g.Record == w.Record && g.Field == w.Field &&
			strings.Contains(g.Message, w.Message)
	}
	if !ok {
		t.Errorf("%s:\n got %s\nwant %s", what, show(got), show(want))
	}
}

func checkRecords(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("records:\n got %s\nwant %s", show(got), show(want))
	}
}

func show(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func TestReadFiles(t *testing.T) {
	const bad = "services_bad.csv"
	badRecords := func() []domain.ServiceRecord {
		patronage := service("svc-lesichovo-patronage", "Home social patronage – Lesichovo", "", "st-lesichovo-municipality",
			"cat-home-patronage", "ACTIVE", "OUTREACH", []string{"tg-older-people", "tg-disabilities"}, []string{"tr-lesichovo"})
		patronage.Capacity, patronage.Available = ptr[int64](40), ptr[int64](3)
		patronage.AvailableUpdatedAt = utc("2022-03-01T00:00:00Z")
		patronage.MinAge = ptr(18)
		patronage.Eligibility = "Older people and persons with disabilities."

		crisis := service("svc-peshtera-crisis-accommodation", "Crisis accommodation – Peshtera", "", "st-crisis-centre-peshtera",
			"cat-crisis-accommodation", "ACTIVE", "RESIDENTIAL", []string{"tg-violence-affected"}, []string{"tr-peshtera", "tr-bratsigovo"})
		crisis.Capacity, crisis.Available = ptr[int64](12), ptr[int64](3)
		crisis.Eligibility = "Persons affected by violence."
		crisis.Description = "Временно настаняване\nдо 6 месеца,\nс психологическа подкрепа."

		health := service("svc-peshtera-home-health", "Home health care – Peshtera", "", "st-homehealth-peshtera",
			"cat-home-health", "ACTIVE", "OUTREACH", []string{"tg-older-people", "tg-disabilities"}, []string{"tr-peshtera"})
		health.Capacity, health.Available = ptr[int64](30), ptr[int64](6)
		health.Eligibility = "Bedridden or chronically ill patients."
		return []domain.ServiceRecord{patronage, crisis, health}
	}()

	tests := []struct {
		file     string
		read     reader
		want     any
		warnings []domain.Problem
		rejected []domain.Problem
	}{
		{file: "stakeholders.csv", read: readStakeholders, want: wantStakeholders},
		// The same records as Excel in a Bulgarian locale saves them: BOM,
		// ";" between cells and "|" in lists, CRLF, columns in another order
		// and spelled as a person would, enums in any case, yes/no in
		// Bulgarian, and a trailing row of empty cells.
		{file: "stakeholders_excel_bg.csv", read: readStakeholders, want: wantStakeholders},
		{file: "services.csv", read: readServices, want: wantServices},
		{file: "needs.csv", read: readNeeds, want: wantNeeds},
		{
			file: bad, read: readServices, want: badRecords,
			warnings: []domain.Problem{p(bad, 1, "", "notes", "unknown column, its values are ignored")},
			rejected: []domain.Problem{
				// Lines 3–5 are one row: its description spans three lines.
				p(bad, 6, "svc-csri-offenders", "status", `"open" is not a service status (one of ACTIVE, PLANNED, SUSPENDED)`),
				p(bad, 6, "svc-csri-offenders", "capacity", `"about 25" is not a whole number`),
				p(bad, 7, "svc-asa-referral", "name", "is required"),
				p(bad, 8, "svc-lesichovo-patronage", "id", `"svc-lesichovo-patronage" is already the id of the row on line 2`),
				p(bad, 9, "svc-pazardzhik-mental-health", "delivery_mode", `"community" is not a delivery mode (one of IN_PERSON,`),
				p(bad, 9, "svc-pazardzhik-mental-health", "available_updated_at", `"01.03.2022" is not a date (YYYY-MM-DD)`),
				// After a description that spans lines 9–10.
				p(bad, 10, "svc-pazardzhik-mental-health", "illustrative", `"maybe" is not a yes/no value`),
				// Line 11 is a row of empty cells.
				p(bad, 12, "svc-pazardzhik-home-care", "", `the row has 19 cells but the header names 18 columns; is there a ',' in a cell that is not quoted?`),
				p(bad, 13, "svc-pazardzhik-medical-rehab", "min_age", `"12.5" is not a whole number`),
				p(bad, 14, "", "", `a " inside a cell that does not start with one`),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(testdata, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, warnings, rejected, err := tt.read(f, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			checkRecords(t, got, tt.want)
			checkProblems(t, "warnings", warnings, tt.warnings)
			checkProblems(t, "rejected", rejected, tt.rejected)
		})
	}
}

// TestReadCells covers what the sample files do not: each format's
// spellings and failures, and the shapes of rows and headers.
func TestReadCells(t *testing.T) {
	const file = "in.csv"
	st := func(id, name string) domain.StakeholderRecord {
		return domain.StakeholderRecord{Stakeholder: domain.Stakeholder{Meta: domain.Meta{ID: id}, Name: name}}
	}
	svc := func(id, name string) domain.ServiceRecord {
		return domain.ServiceRecord{Service: domain.Service{Meta: domain.Meta{ID: id}, Name: name}}
	}
	nd := func(id string, volume int64, year int) domain.NeedRecord {
		return domain.NeedRecord{Need: domain.Need{Meta: domain.Meta{ID: id}, Volume: volume, Year: year},
			TerritoryID: "tr-lesichovo", CategoryID: "cat-home-patronage", TargetGroupID: "tg-older-people"}
	}
	with := func(r domain.StakeholderRecord, f func(*domain.StakeholderRecord)) domain.StakeholderRecord {
		f(&r)
		return r
	}
	withSvc := func(r domain.ServiceRecord, f func(*domain.ServiceRecord)) domain.ServiceRecord { f(&r); return r }

	tests := []struct {
		name     string
		in       string
		read     reader
		want     any
		warnings []domain.Problem
		rejected []domain.Problem
	}{
		{
			name: "Booleans",
			in:   "id,name,illustrative\na,A,TRUE\nb,B,Yes\nc,C,1\nd,D,Да\ne,E,false\nf,F,NO\ng,G,0\nh,H,\ni,I,sometimes\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{
				with(st("a", "A"), func(r *domain.StakeholderRecord) { r.Illustrative = true }),
				with(st("b", "B"), func(r *domain.StakeholderRecord) { r.Illustrative = true }),
				with(st("c", "C"), func(r *domain.StakeholderRecord) { r.Illustrative = true }),
				with(st("d", "D"), func(r *domain.StakeholderRecord) { r.Illustrative = true }),
				st("e", "E"), st("f", "F"), st("g", "G"), st("h", "H"),
			},
			rejected: []domain.Problem{p(file, 10, "i", "illustrative", `"sometimes" is not a yes/no value (true, false, yes, no, 1 or 0)`)},
		},
		{
			name: "Enums",
			in:   "id,name,kind,sector\na,A,social service provider,Non-Profit\nb,B,  volunteer   group ,public\nc,C,FOO,\nd,D,,\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{
				with(st("a", "A"), func(r *domain.StakeholderRecord) { r.Kind, r.Sector = "SOCIAL_SERVICE_PROVIDER", "NON_PROFIT" }),
				with(st("b", "B"), func(r *domain.StakeholderRecord) { r.Kind, r.Sector = "VOLUNTEER_GROUP", "PUBLIC" }),
				st("d", "D"), // empty is not given; the pipeline decides whether that is allowed
			},
			rejected: []domain.Problem{p(file, 4, "c", "kind",
				`"FOO" is not a stakeholder kind (one of MUNICIPALITY, REGIONAL_AUTHORITY, STATE_AGENCY, SOCIAL_SERVICE_PROVIDER, HEALTH_PROVIDER, NGO, VOLUNTEER_GROUP, BUSINESS, CHAMBER, EDUCATION, RESEARCH, MEDIA, INTERNATIONAL_BODY, OTHER)`)},
		},
		{
			name: "Times",
			in: "id,name,available_updated_at\n" +
				"a,A,2022-03-01\nb,B,2022-03-01T09:30:00+02:00\nc,C,2022-03-01T07:30:00.25Z\n" +
				"d,D,01.03.2022\ne,E,2022-02-30\nf,F,2022-03-01 09:30\n",
			read: readServices,
			want: []domain.ServiceRecord{
				withSvc(svc("a", "A"), func(r *domain.ServiceRecord) { r.AvailableUpdatedAt = utc("2022-03-01T00:00:00Z") }),
				withSvc(svc("b", "B"), func(r *domain.ServiceRecord) { r.AvailableUpdatedAt = utc("2022-03-01T07:30:00Z") }),
				withSvc(svc("c", "C"), func(r *domain.ServiceRecord) { r.AvailableUpdatedAt = utc("2022-03-01T07:30:00.25Z") }),
			},
			rejected: []domain.Problem{
				p(file, 5, "d", "available_updated_at", `"01.03.2022" is not a date (YYYY-MM-DD) or a time (RFC 3339`),
				p(file, 6, "e", "available_updated_at", `"2022-02-30" is not a date`),
				p(file, 7, "f", "available_updated_at", `"2022-03-01 09:30" is not a date`),
			},
		},
		{
			name: "Numbers",
			in: "id,name,capacity,available,min_age,max_age\n" +
				"a,A,,,,\nb,B,0,0,0,0\nc,C,1600,-1,+18,65\n" +
				"d,D,1 600,12.0,99999999999999999999,x\n",
			read: readServices,
			want: []domain.ServiceRecord{
				svc("a", "A"), // empty is nil, not zero
				withSvc(svc("b", "B"), func(r *domain.ServiceRecord) {
					r.Capacity, r.Available, r.MinAge, r.MaxAge = ptr[int64](0), ptr[int64](0), ptr(0), ptr(0)
				}),
				// Negative numbers are read; ranges are the pipeline's to check.
				withSvc(svc("c", "C"), func(r *domain.ServiceRecord) {
					r.Capacity, r.Available, r.MinAge, r.MaxAge = ptr[int64](1600), ptr[int64](-1), ptr(18), ptr(65)
				}),
			},
			rejected: []domain.Problem{
				p(file, 5, "d", "capacity", `"1 600" is not a whole number`),
				p(file, 5, "d", "available", `"12.0" is not a whole number`),
				p(file, 5, "d", "min_age", `"99999999999999999999" is out of range`),
				p(file, 5, "d", "max_age", `"x" is not a whole number`),
			},
		},
		{
			name: "Lists",
			in:   "id,name,target_group_ids,coverage_ids\na,A, tg-families ; tg-older-people ;,tr-peshtera\nb,B,;,\n",
			read: readServices,
			want: []domain.ServiceRecord{
				withSvc(svc("a", "A"), func(r *domain.ServiceRecord) {
					r.TargetGroupIDs, r.CoverageIDs = []string{"tg-families", "tg-older-people"}, []string{"tr-peshtera"}
				}),
				svc("b", "B"), // nothing but separators is no items
			},
		},
		{
			name: "SemicolonFileListsUsePipes",
			in:   "id;name;area_ids;illustrative_fields\nst-a;A, B and C;area-x|area-y;sector|territory id\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{with(st("st-a", "A, B and C"), func(r *domain.StakeholderRecord) {
				r.AreaIDs, r.IllustrativeFields = []string{"area-x", "area-y"}, []string{"sector", "territoryId"}
			})},
		},
		{
			name: "IllustrativeFieldsByColumnOrFieldName",
			in:   "id,name,illustrative_fields\nst-a,A,Territory_ID;nameLocal;areaids;population\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{with(st("st-a", "A"), func(r *domain.StakeholderRecord) {
				r.IllustrativeFields = []string{"territoryId", "nameLocal", "areaIds", "population"}
			})},
		},
		{
			name: "TrimsSpacesAndNoBreakSpaces",
			in:   " ID , Name ,Name  Local\n  st-a ,\u00a0Община Пещера\u00a0, \" quoted \"\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{with(st("st-a", "Община Пещера"), func(r *domain.StakeholderRecord) { r.NameLocal = "quoted" })},
		},
		{
			name: "ShortRowsEndInEmptyCells",
			in:   "id,name,acronym,kind\nst-a,A\nst-b\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{st("st-a", "A")},
			rejected: []domain.Problem{
				p(file, 3, "st-b", "name", "is required"),
			},
		},
		{
			name: "EveryProblemOfARow",
			in: "id,name,status,delivery_mode,capacity,min_age,illustrative\n" +
				",,closed,by post,many,1.5,maybe\n",
			read: readServices,
			rejected: []domain.Problem{
				p(file, 2, "", "id", "is required"),
				p(file, 2, "", "name", "is required"),
				p(file, 2, "", "status", `"closed" is not a service status`),
				p(file, 2, "", "delivery_mode", `"by post" is not a delivery mode`),
				p(file, 2, "", "capacity", `"many" is not a whole number`),
				p(file, 2, "", "min_age", `"1.5" is not a whole number`),
				p(file, 2, "", "illustrative", `"maybe" is not a yes/no value`),
			},
		},
		{
			// The id is taken by the first row even when that row is
			// rejected: which of the two was meant is for a person to say.
			name: "DuplicateOfRejectedRow",
			in:   "id,name,kind\nst-a,A,FOO\nst-a,A,NGO\nst-b,B,NGO\nst-b,B,NGO\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{with(st("st-b", "B"), func(r *domain.StakeholderRecord) { r.Kind = "NGO" })},
			rejected: []domain.Problem{
				p(file, 2, "st-a", "kind", `"FOO" is not a stakeholder kind`),
				p(file, 3, "st-a", "id", `"st-a" is already the id of the row on line 2`),
				p(file, 5, "st-b", "id", `"st-b" is already the id of the row on line 4`),
			},
		},
		{
			name: "NeedsRequiredCells",
			in: "id,territory_id,category_id,target_group_id,volume,priority,year\n" +
				"need-a,tr-lesichovo,cat-home-patronage,tg-older-people,0,,2022\n" +
				"need-b,,,,,HIGH,\n",
			read: readNeeds,
			want: []domain.NeedRecord{nd("need-a", 0, 2022)}, // 0 is a volume; empty is not
			rejected: []domain.Problem{
				p(file, 3, "need-b", "territory_id", "is required"),
				p(file, 3, "need-b", "category_id", "is required"),
				p(file, 3, "need-b", "target_group_id", "is required"),
				p(file, 3, "need-b", "volume", "is required"),
				p(file, 3, "need-b", "year", "is required"),
			},
		},
		{
			// Only id is needed to read a needs file at all; a missing
			// required column then rejects each row, which says which rows
			// need filling in.
			name: "NeedsWithoutRequiredColumns",
			in:   "id,territory_id,category_id,target_group_id,volume\nneed-a,tr-lesichovo,cat-home-patronage,tg-older-people,12\n",
			read: readNeeds,
			rejected: []domain.Problem{
				p(file, 2, "need-a", "year", "is required, and the file has no year column"),
			},
		},
		{
			name: "HeaderWarnings",
			in:   "id,name,Name,Notes,,\nst-a,A,B,note,,x\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{st("st-a", "A")},
			warnings: []domain.Problem{
				p(file, 1, "", "name", "the column appears twice; the values of the second one (column C) are ignored"),
				p(file, 1, "", "Notes", "unknown column, its values are ignored (the columns of stakeholders files are id, name, name_local,"),
				p(file, 1, "", "", "column F has values but no name in the header; they are ignored"),
			},
		},
		{
			name: "EmptyLinesAndCRLF",
			in:   "\r\n\nid;name\r\n\r\nst-a;\"A\r\nB\"\r\n;\r\nst-b;\r\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord{st("st-a", "A\nB")},
			rejected: []domain.Problem{
				p(file, 8, "st-b", "name", "is required"),
			},
		},
		{
			name: "UnclosedQuote",
			in:   "id,name,description\nst-a,A,\"never closed\nst-b,B,\n",
			read: readStakeholders,
			rejected: []domain.Problem{
				p(file, 3, "", "", "a quoted cell of the row starting on line 2 is not closed properly"),
			},
		},
		{
			name: "HeaderOnly",
			in:   "id,name\n",
			read: readStakeholders,
			want: []domain.StakeholderRecord(nil),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, rejected, err := tt.read(strings.NewReader(tt.in), file)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				tt.want = reflect.Zero(reflect.TypeOf(got)).Interface()
			}
			checkRecords(t, got, tt.want)
			checkProblems(t, "warnings", warnings, tt.warnings)
			checkProblems(t, "rejected", rejected, tt.rejected)
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   io.Reader
		read reader
		code string   // domain error code
		msg  []string // parts of the message
	}{
		{"Empty", strings.NewReader(""), readStakeholders, domain.CodeBadUserInput,
			[]string{"f.csv is empty", "id, name, name_local"}},
		{"OnlyBOM", strings.NewReader("\uFEFF\r\n"), readServices, domain.CodeBadUserInput,
			[]string{"f.csv is empty"}},
		{"NoIDColumn", strings.NewReader("name,kind\nA,NGO\n"), readStakeholders, domain.CodeBadUserInput,
			[]string{`f.csv: the header (line 1) has no "id" column (it has "name", "kind"); a stakeholders file needs the "id" and "name" columns`}},
		{"NoNameColumn", strings.NewReader("\uFEFFid;Име\nsvc-a;Патронаж\n"), readServices, domain.CodeBadUserInput,
			[]string{`has no "name" column (it has "id", "Име")`}},
		{"NoIDNorName", strings.NewReader("st-a,Lesichovo Municipality\n"), readStakeholders, domain.CodeBadUserInput,
			[]string{`has no "id" and "name" columns`}},
		{"NeedsNoID", strings.NewReader("territory_id,volume\ntr-lesichovo,3\n"), readNeeds, domain.CodeBadUserInput,
			[]string{`has no "id" column (it has "territory_id", "volume"); a needs file needs the "id" column`}},
		{"NotCSVHeader", strings.NewReader("id,\"name\n"), readStakeholders, domain.CodeBadUserInput,
			[]string{"the header (line 1) is not CSV"}},
		// "Община Лесичово" as Excel's "CSV (comma delimited)" saves it in a
		// Bulgarian locale: Windows-1251.
		{"Windows1251", strings.NewReader("id,name\nst-a,\xce\xe1\xf9\xe8\xed\xe0 \xcb\xe5\xf1\xe8\xf7\xee\xe2\xee\n"), readStakeholders,
			domain.CodeBadUserInput, []string{"f.csv: line 2 is not UTF-8 text", `"CSV UTF-8"`}},
		{"ExcelWorkbook", strings.NewReader("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa4\xfe"), readNeeds,
			domain.CodeBadUserInput, []string{"line 1 is not UTF-8 text"}},
		// Not the user's fault: not BAD_USER_INPUT, so it is not shown.
		{"ReaderFails", failingReader{}, readStakeholders, domain.CodeInternal,
			[]string{"csvio: reading f.csv: connection reset"}},
		{"ReaderFailsLater", io.MultiReader(strings.NewReader("id,name\nst-a,A\n"), iotest.ErrReader(errors.New("timeout"))),
			readStakeholders, domain.CodeInternal, []string{"csvio: reading f.csv: timeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := tt.read(tt.in, "f.csv")
			if err == nil {
				t.Fatal("no error")
			}
			if code := domain.ErrorCode(err); code != tt.code {
				t.Errorf("code %s, want %s (%v)", code, tt.code, err)
			}
			for _, m := range tt.msg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not say %q", err, m)
				}
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		file string
		want Kind // "" for an error
	}{
		{"stakeholders.csv", Stakeholders},
		{"Stakeholders_Lesichovo_2024.CSV", Stakeholders},
		{"/uploads/services.csv", Services},
		{`C:\Users\obshtina\Desktop\services-peshtera.csv`, Services},
		{"needs2022.csv", Needs},
		{"needs.xlsx", ""},
		{"stakeholders", ""},
		{"nuzhdi.csv", ""},
		{"my-stakeholders.csv", ""},
		{"stakeholders/needs.txt", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := KindOf(tt.file)
			if got != tt.want {
				t.Errorf("KindOf(%q) = %q, want %q", tt.file, got, tt.want)
			}
			if (err != nil) != (tt.want == "") {
				t.Errorf("KindOf(%q) error = %v", tt.file, err)
			}
			if err != nil && domain.ErrorCode(err) != domain.CodeBadUserInput {
				t.Errorf("KindOf(%q) error code %s", tt.file, domain.ErrorCode(err))
			}
		})
	}
}
