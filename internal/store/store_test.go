package store_test

import (
	"context"
	"testing"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/demo"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

func TestFulltextQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Враца", "(враца^2 OR враца*)"},
		{"Lesichovo CSII", "(lesichovo^2 OR lesichovo*) AND (csii^2 OR csii*)"},
		{"ТПП-Враца", "(тпп^2 OR тпп*) AND (враца^2 OR враца*)"},
		{`a AND (b`, "(a^2 OR a*) AND (and^2 OR and*) AND (b^2 OR b*)"},
		{`* " \ : ~`, `""`},
		{"", `""`},
	}
	for _, tc := range tests {
		if got := store.FulltextQuery(tc.in); got != tc.want {
			t.Errorf("FulltextQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMigrations(t *testing.T) {
	ms, err := store.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 6 || ms[0].Version != 1 || ms[5].Version != 6 {
		t.Fatalf("migrations: %+v", ms)
	}
	for _, m := range ms {
		if len(m.Statements) == 0 {
			t.Errorf("migration %d has no statements", m.Version)
		}
	}
	st := testdb.Open(t) // applies them
	again, err := st.Migrate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Errorf("second migrate applied %v, want nothing", again)
	}
}

// TestLoadDocumentIdempotent: loading the demo twice changes nothing the
// second time, and what is read back equals what was loaded.
func TestLoadDocumentIdempotent(t *testing.T) {
	st := testdb.Open(t)
	doc := testdb.LoadDemo(t, st)
	ctx := context.Background()
	nodes := len(doc.Territories) + len(doc.ServiceCategories) + len(doc.TargetGroups) + len(doc.CooperationAreas) +
		len(doc.Stakeholders) + len(doc.Projects) + len(doc.Services) + len(doc.Needs) + len(doc.Partnerships) +
		len(doc.Practices) + len(doc.Events)
	again, err := st.Write(auth.WithActor(ctx, "test"), doc, store.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	unchanged := 0
	for label, c := range again {
		if c.Created != 0 || c.Updated != 0 {
			t.Errorf("second load changed %s: %+v", label, *c)
		}
		if label != "ReferralLink" {
			unchanged += c.Unchanged
		}
	}
	if unchanged != nodes {
		t.Fatalf("second load: %d unchanged, want all %d", unchanged, nodes)
	}

	want := doc.Events[0].Event
	got, err := store.Get[domain.Event](ctx, st, store.LabelEvent, want.ID)
	if err != nil || got == nil {
		t.Fatalf("get event: %v %v", got, err)
	}
	if got.Name != want.Name || got.StartDate != want.StartDate || got.Kind != want.Kind || got.Version != 1 ||
		got.UpdatedBy != "test" || got.CreatedAt.IsZero() {
		t.Errorf("event read back: %+v, want %+v (version 1, by test)", got, want)
	}

	// A changed record gets a new version; the others stay.
	changed, _ := demo.Document()
	changed.Stakeholders = changed.Stakeholders[:1]
	changed.Stakeholders[0].Description = "changed"
	only := &domain.Document{Format: domain.DocumentFormat, Stakeholders: changed.Stakeholders}
	c, err := st.Write(auth.WithActor(ctx, "test2"), only, store.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s := c[store.LabelStakeholder]; s.Updated != 1 || s.Created != 0 {
		t.Errorf("changed load: %+v", *s)
	}
	s, _ := store.Get[domain.Stakeholder](ctx, st, store.LabelStakeholder, changed.Stakeholders[0].ID)
	if s.Version != 2 || s.Description != "changed" || s.UpdatedBy != "test2" {
		t.Errorf("updated stakeholder: version %d description %q by %q", s.Version, s.Description, s.UpdatedBy)
	}
}
