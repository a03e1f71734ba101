package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/coopgraph/coopgraph/internal/domain"
)

func TestCol(t *testing.T) {
	rec := &neo4j.Record{Keys: []string{"id", "n", "none"}, Values: []any{"a", int64(2), nil}}
	t.Run("OK", func(t *testing.T) {
		r := rowOf(rec)
		if id, n, none := col[string](r, "id"), col[int64](r, "n"), col[string](r, "none"); id != "a" || n != 2 || none != "" || r.Err() != nil {
			t.Errorf("got %q %d %q %v", id, n, none, r.Err())
		}
	})
	tests := []struct {
		name string
		read func(r *row)
		want string
	}{
		{"ErrMissing", func(r *row) { col[string](r, "gone") }, `read column "gone": the query returns only [id n none]`},
		{"ErrType", func(r *row) { col[string](r, "n") }, `read column "n": got int64, want string`},
		{"ErrFirstKept", func(r *row) { col[string](r, "n"); col[string](r, "gone") }, `column "n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rowOf(rec)
			tt.read(r)
			if r.Err() == nil || !strings.Contains(r.Err().Error(), tt.want) {
				t.Errorf("got %v, want %q", r.Err(), tt.want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	created := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	pop := int64(12345)
	tests := []struct {
		name  string
		props map[string]any
		want  domain.Territory
		err   string
	}{
		{"AllKinds", map[string]any{
			"id": "t1", "name": "Vratsa", "level": "MUNICIPALITY", "population": int64(12345),
			"createdAt": created.In(time.FixedZone("EET", 7200)), "updatedAt": dbtype.LocalDateTime(created),
			"version": int64(3), "illustrative": true, "illustrativeFields": []any{"population"},
			"unknown": "ignored", "code": nil,
		}, domain.Territory{Meta: domain.Meta{ID: "t1", CreatedAt: created, UpdatedAt: created, Version: 3,
			Illustrative: true, IllustrativeFields: []string{"population"}},
			Name: "Vratsa", Level: domain.TerritoryLevel("MUNICIPALITY"), Population: &pop}, ""},
		{"Empty", map[string]any{}, domain.Territory{}, ""},
		{"WrongType", map[string]any{"name": int64(1)}, domain.Territory{}, "property name: cannot read int64 into string"},
		{"WrongListElement", map[string]any{"illustrativeFields": []any{"a", int64(2)}}, domain.Territory{}, "property illustrativeFields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decode[domain.Territory](tt.props)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
	t.Run("Dates", func(t *testing.T) {
		got, err := decode[domain.Event](map[string]any{"startDate": neo4j.DateOf(created), "endDate": "2026-03-05",
			"feedbackScore": int64(4), "participantCount": int64(30)})
		if err != nil {
			t.Fatal(err)
		}
		if got.StartDate.String() != "2026-03-04" || got.EndDate == nil || got.EndDate.String() != "2026-03-05" ||
			got.FeedbackScore == nil || *got.FeedbackScore != 4 || got.ParticipantCount == nil || *got.ParticipantCount != 30 {
			t.Errorf("got %+v", got)
		}
	})
}
