package csvio

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// roundTrip writes recs and reads them back, and wants them unchanged with
// nothing to report.
func roundTrip[T any](write func(io.Writer, []T) error, read func(io.Reader, string) (Result[T], error), recs []T) func(*testing.T) {
	return func(t *testing.T) {
		var buf bytes.Buffer
		if err := write(&buf, recs); err != nil {
			t.Fatal(err)
		}
		res, err := read(bytes.NewReader(buf.Bytes()), "rt.csv")
		if err != nil {
			t.Fatal(err)
		}
		checkProblems(t, "warnings", res.Warnings, nil)
		checkProblems(t, "rejected", res.Rejected, nil)
		if !reflect.DeepEqual(res.Records, recs) {
			t.Errorf("read back:\n%s\n got %s\nwant %s", buf.String(), show(res.Records), show(recs))
		}
	}
}

func TestRoundTrip(t *testing.T) {
	awkward := domain.StakeholderRecord{
		Stakeholder: domain.Stakeholder{
			Meta: domain.Meta{ID: "st-lesichovo-commission", Illustrative: true,
				IllustrativeFields: []string{"territoryId", "nameLocal", "population"}, Source: "протокол №3, 2018; стр. 2"},
			Name:        `Commission "Minors" – Lesichovo, Pazardzhik; a|b`,
			NameLocal:   "Местна комисия за борба с противообществените прояви на малолетни и непълнолетни – Лесичово",
			Acronym:     "МКБППМН",
			Kind:        "OTHER",
			Sector:      "PUBLIC",
			Description: "Първи ред;\n\nтрети ред, с \"кавички\" и „кавички“.\n=SUM(A1:A2)",
			Phone:       "+359 3514 22 22",
		},
		TerritoryID: "tr-lesichovo",
		AreaIDs:     []string{"area-social-inclusion", "area-violence-protection"},
	}
	bare := domain.StakeholderRecord{Stakeholder: domain.Stakeholder{Meta: domain.Meta{ID: "st-a"}, Name: "A"}}

	zeros := service("svc-zeros", "Zeros", "Нули", "st-a", "cat-a", "SUSPENDED", "REMOTE", []string{"tg-a"}, []string{"tr-a"})
	zeros.Capacity, zeros.Available, zeros.MinAge, zeros.MaxAge = ptr[int64](0), ptr[int64](0), ptr(0), ptr(0)
	zeros.AvailableUpdatedAt = utc("2024-02-29T23:59:59.123456789Z")
	nils := domain.ServiceRecord{Service: domain.Service{Meta: domain.Meta{ID: "svc-nils"}, Name: "Nils"}}
	negative := service("svc-negative", "Negative", "", "", "", "", "", nil, nil)
	negative.Capacity, negative.MaxAge = ptr[int64](-1), ptr(-1) // not valid, but read as written
	negative.AvailableUpdatedAt = utc("1999-12-31T00:00:00Z")

	zeroNeed := domain.NeedRecord{Need: domain.Need{Meta: domain.Meta{ID: "need-zero"}},
		TerritoryID: "tr-peshtera", CategoryID: "cat-mental-health", TargetGroupID: "tg-mental-health"}
	cyrillicNeed := need("tr-pazardzhik", "cat-day-care-disabilities", "tg-disabilities", 35, "CRITICAL", 2021)
	cyrillicNeed.Illustrative, cyrillicNeed.IllustrativeFields = false, []string{"volume", "year"}
	cyrillicNeed.NeedSource = "Анкета на община Пазарджик, 2021"
	cyrillicNeed.Description = "Дневна грижа за хора с увреждания;\nняма свободни места."

	tests := []struct {
		name string
		run  func(*testing.T)
	}{
		{"Stakeholders/Sample", roundTrip(WriteStakeholders, ReadStakeholders, wantStakeholders)},
		{"Stakeholders/AwkwardText", roundTrip(WriteStakeholders, ReadStakeholders, []domain.StakeholderRecord{awkward, bare})},
		{"Stakeholders/None", roundTrip(WriteStakeholders, ReadStakeholders, nil)},
		{"Services/Sample", roundTrip(WriteServices, ReadServices, wantServices)},
		{"Services/ZeroIsNotNil", roundTrip(WriteServices, ReadServices, []domain.ServiceRecord{zeros, nils, negative})},
		{"Needs/Sample", roundTrip(WriteNeeds, ReadNeeds, wantNeeds)},
		{"Needs/ZerosAndCyrillic", roundTrip(WriteNeeds, ReadNeeds, []domain.NeedRecord{zeroNeed, cyrillicNeed})},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestWriteSampleFiles: the sample files are in the writer's format, so
// reading one and writing it again gives the file back byte for byte; this
// pins the written format (column order, quoting, true/false, dates).
func TestWriteSampleFiles(t *testing.T) {
	rewrite := func(file string, buf *bytes.Buffer) error {
		f, err := os.Open(filepath.Join(testdata, file))
		if err != nil {
			return err
		}
		defer f.Close()
		switch k, _ := KindOf(file); k {
		case Stakeholders:
			res, err := ReadStakeholders(f, file)
			if err != nil {
				return err
			}
			return WriteStakeholders(buf, res.Records)
		case Services:
			res, err := ReadServices(f, file)
			if err != nil {
				return err
			}
			return WriteServices(buf, res.Records)
		case Needs:
			res, err := ReadNeeds(f, file)
			if err != nil {
				return err
			}
			return WriteNeeds(buf, res.Records)
		}
		return errors.New("unknown kind")
	}
	for _, file := range []string{"stakeholders.csv", "services.csv", "needs.csv"} {
		t.Run(file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := rewrite(file, &buf); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(testdata, file))
			if err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("written:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	st := func(areas ...string) []domain.StakeholderRecord {
		return []domain.StakeholderRecord{{Stakeholder: domain.Stakeholder{Meta: domain.Meta{ID: "st-a"}, Name: "A"}, AreaIDs: areas}}
	}
	tests := []struct {
		name  string
		write func(io.Writer) error
		msg   string
	}{
		{"SeparatorInItem", func(w io.Writer) error { return WriteStakeholders(w, st("area-a;area-b")) },
			`csvio: writing stakeholder "st-a": area_ids: item "area-a;area-b" contains ";", the list separator`},
		{"EmptyItem", func(w io.Writer) error { return WriteStakeholders(w, st("area-a", "")) },
			`csvio: writing stakeholder "st-a": area_ids: an empty item would be lost`},
		{"SpacesAroundItem", func(w io.Writer) error {
			return WriteServices(w, []domain.ServiceRecord{{Service: domain.Service{Meta: domain.Meta{ID: "svc-a"}}, CoverageIDs: []string{" tr-a"}}})
		}, `csvio: writing service "svc-a": coverage_ids: item " tr-a" has spaces around it`},
		{"IllustrativeField", func(w io.Writer) error {
			return WriteNeeds(w, []domain.NeedRecord{{Need: domain.Need{Meta: domain.Meta{ID: "need-a", IllustrativeFields: []string{"volume;year"}}}}})
		}, `csvio: writing need "need-a": illustrative_fields: item "volume;year" contains ";"`},
		{"WriterFails", func(io.Writer) error { return WriteNeeds(failingWriter{}, wantNeeds) },
			"csvio: writing needs: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.write(io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %v, want one saying %q", err, tt.msg)
			}
		})
	}
}

// TestDocColumns keeps the column tables of doc.go, which the README
// copies, true to the schemas: every column in order, with its record
// field, its format and whether it is required.
func TestDocColumns(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile(`^// (\w+)\.csv \(`)
	row := regexp.MustCompile(`^//\t\| ([a-z_]+) +\| (\w+) +\| ([a-z/]+) +\| (.*)\|$`)
	type doc struct{ name, field, format, notes string }
	docs := map[Kind][]doc{}
	var kind Kind
	for line := range strings.Lines(string(src)) {
		line = strings.TrimRight(line, "\n")
		if m := heading.FindStringSubmatch(line); m != nil {
			kind = Kind(m[1])
		} else if m := row.FindStringSubmatch(line); m != nil && kind != "" && m[1] != "column" {
			docs[kind] = append(docs[kind], doc{m[1], m[2], m[3], strings.TrimSpace(m[4])})
		}
	}
	toDocs := func(names, fields, formats []string, required []bool) []doc {
		d := make([]doc, len(names))
		for i := range names {
			d[i] = doc{names[i], fields[i], formats[i], ""}
			if required[i] {
				d[i].notes = "required"
			}
		}
		return d
	}
	tests := []struct {
		kind Kind
		want []doc
	}{
		{Stakeholders, toDocs(describe(stakeholders))},
		{Services, toDocs(describe(services))},
		{Needs, toDocs(describe(needs))},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			got := docs[tt.kind]
			if len(got) != len(tt.want) {
				t.Fatalf("doc.go documents %d columns, the schema has %d: %v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.name != w.name || g.field != w.field || g.format != w.format ||
					strings.HasPrefix(g.notes, "required") != (w.notes == "required") {
					t.Errorf("doc.go row %d: %+v, the schema says %+v", i+1, g, w)
				}
			}
		})
	}
}

func describe[T any](s *schema[T]) (names, fields, formats []string, required []bool) {
	for _, c := range s.columns {
		names, fields, formats, required = append(names, c.name), append(fields, c.field), append(formats, c.format), append(required, c.required)
	}
	return
}
