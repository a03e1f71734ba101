package api_test

import (
	"encoding/base64"
	"fmt"
	"testing"
)

// ---------------------------------------------------------------------------
// 3. Pagination.

func TestReadPagination(t *testing.T) {
	st, h := demoHandler(t)

	t.Run("OK first 0 is an empty page with hasNextPage", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "first: 0", nil)
		if len(c.Nodes) != 0 || len(c.Edges) != 0 || !c.PageInfo.HasNextPage || c.PageInfo.HasPreviousPage ||
			c.PageInfo.StartCursor != nil || c.PageInfo.EndCursor != nil || c.TotalCount == nil || *c.TotalCount != 41 {
			t.Errorf("got %+v (total %v), want no items, hasNextPage, no cursors, totalCount 41", c.PageInfo, c.TotalCount)
		}
	})
	t.Run("OK first 0 on an empty list has no next page", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", `first: 0, filter: {ids: ["nope"]}`, nil)
		if c.PageInfo.HasNextPage || c.TotalCount == nil || *c.TotalCount != 0 {
			t.Errorf("got %+v (total %v), want no next page, totalCount 0", c.PageInfo, c.TotalCount)
		}
	})
	t.Run("OK first equal to the total has no next page", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "first: 41", nil)
		sameOrder(t, c.ids(), stakeholdersByName)
		if c.PageInfo.HasNextPage || c.PageInfo.HasPreviousPage || *c.TotalCount != 41 {
			t.Errorf("pageInfo %+v, total %v: want a single full page of 41", c.PageInfo, *c.TotalCount)
		}
	})
	t.Run("OK first one less than the total has a next page", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "first: 40", nil)
		sameOrder(t, c.ids(), stakeholdersByName[:40])
		if !c.PageInfo.HasNextPage {
			t.Errorf("pageInfo %+v: want hasNextPage", c.PageInfo)
		}
	})
	t.Run("OK default page size is 20", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "", nil)
		sameOrder(t, c.ids(), stakeholdersByName[:20])
		if !c.PageInfo.HasNextPage {
			t.Errorf("pageInfo %+v: want hasNextPage", c.PageInfo)
		}
	})
	t.Run("OK first 100 is allowed", func(t *testing.T) {
		c := list(t, h, st, "stakeholders", "first: 100", nil)
		sameOrder(t, c.ids(), stakeholdersByName)
		if c.PageInfo.HasNextPage {
			t.Errorf("pageInfo %+v: want no next page", c.PageInfo)
		}
	})

	t.Run("OK walk all stakeholders page by page", func(t *testing.T) {
		var got []string
		var after any
		wantSizes := []int{10, 10, 10, 10, 1}
		for page := 0; ; page++ {
			if page >= len(wantSizes) {
				t.Fatalf("more than %d pages", len(wantSizes))
			}
			vars := map[string]any{"first": 10, "after": after}
			c := list(t, h, st, "stakeholders", "first: $first, after: $after", vars)
			if len(c.Nodes) != wantSizes[page] {
				t.Errorf("page %d has %d items, want %d", page, len(c.Nodes), wantSizes[page])
			}
			if c.PageInfo.HasPreviousPage != (page > 0) {
				t.Errorf("page %d: hasPreviousPage %v", page, c.PageInfo.HasPreviousPage)
			}
			last := page == len(wantSizes)-1
			if c.PageInfo.HasNextPage == last {
				t.Errorf("page %d: hasNextPage %v", page, c.PageInfo.HasNextPage)
			}
			if c.TotalCount == nil || *c.TotalCount != 41 {
				t.Errorf("page %d: totalCount %v", page, c.TotalCount)
			}
			if n := len(c.Edges); n > 0 && (*c.PageInfo.StartCursor != c.Edges[0].Cursor || *c.PageInfo.EndCursor != c.Edges[n-1].Cursor) {
				t.Errorf("page %d: start/end cursors %v/%v do not match the edges", page, *c.PageInfo.StartCursor, *c.PageInfo.EndCursor)
			}
			got = append(got, c.ids()...)
			if !c.PageInfo.HasNextPage {
				// After the last cursor: an empty page.
				vars := map[string]any{"after": *c.PageInfo.EndCursor}
				e := list(t, h, st, "stakeholders", "after: $after", vars)
				if len(e.Nodes) != 0 || e.PageInfo.HasNextPage || !e.PageInfo.HasPreviousPage || e.PageInfo.StartCursor != nil ||
					e.PageInfo.EndCursor != nil || *e.TotalCount != 41 {
					t.Errorf("after the last cursor: %+v, total %v; want an empty page after others", e.PageInfo, *e.TotalCount)
				}
				break
			}
			after = *c.PageInfo.EndCursor
		}
		// Each id exactly once, in name order.
		sameOrder(t, got, stakeholdersByName)
	})

	t.Run("OK edge cursors continue a list", func(t *testing.T) {
		// After the 3rd edge of the first page comes the 4th stakeholder.
		c := list(t, h, st, "stakeholders", "first: 5", nil)
		d := list(t, h, st, "stakeholders", "first: 2, after: $after", map[string]any{"after": c.Edges[2].Cursor})
		sameOrder(t, d.ids(), stakeholdersByName[3:5])
	})

	t.Run("OK totalCount comes from the page's own statement", func(t *testing.T) {
		var out any
		without := ok(t, h, st, `{ stakeholders(first: 5) { nodes { id } pageInfo { hasNextPage } } }`, nil, &out)
		with := ok(t, h, st, `{ stakeholders(first: 5) { totalCount nodes { id } pageInfo { hasNextPage } } }`, nil, &out)
		if without.queries != 1 || with.queries != 1 {
			t.Errorf("statements: %d without totalCount, %d with; want 1 each", without.queries, with.queries)
		}
		sameJSON(t, data(t, h, st, `{ stakeholders(first: 1, filter: {kinds: [MUNICIPALITY]}) { totalCount } }`, nil),
			`{"stakeholders":{"totalCount":8}}`)
	})

	// Each root list accepts first 0 and rejects 101 and -1.
	for _, l := range []string{"territories", "stakeholders", "serviceCategories", "targetGroups", "services", "needs",
		"cooperationAreas", "partnerships", "practices", "projects", "events"} {
		t.Run("OK "+l+" first 0", func(t *testing.T) {
			c := list(t, h, st, l, "first: 0", nil)
			if len(c.Nodes) != 0 || !c.PageInfo.HasNextPage || c.TotalCount == nil || *c.TotalCount == 0 {
				t.Errorf("got %+v, total %v", c.PageInfo, c.TotalCount)
			}
		})
		t.Run("ErrFirstTooLarge "+l, func(t *testing.T) {
			failsWith(t, h, st, `{ `+l+`(first: 101) { nodes { id } } }`, nil, "BAD_USER_INPUT", "first")
		})
		t.Run("ErrFirstNegative "+l, func(t *testing.T) {
			failsWith(t, h, st, `{ `+l+`(first: -1) { nodes { id } } }`, nil, "BAD_USER_INPUT", "first")
		})
		t.Run("ErrBadCursor "+l, func(t *testing.T) {
			failsWith(t, h, st, `{ `+l+`(after: "not a cursor") { nodes { id } } }`, nil, "BAD_USER_INPUT", "after")
		})
	}

	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, bad := range []string{"", "zzz", b64("cursor:-1"), b64("cursor:x"), b64("offset:3"), b64("cursor:")} {
		t.Run("ErrBadCursor "+fmt.Sprintf("%q", bad), func(t *testing.T) {
			failsWith(t, h, st, `query($a: String) { stakeholders(after: $a) { nodes { id } } }`, map[string]any{"a": bad}, "BAD_USER_INPUT", "after")
		})
	}

	// Nested lists: at most 500.
	nested := []struct{ name, query string }{
		{"ErrNestedFirstTooLarge territory children", `{ territory(id: "tr-bg") { children(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge territory stakeholders", `{ territory(id: "tr-bg") { stakeholders(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge stakeholder services", `{ stakeholder(id: "st-csii") { services(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge stakeholder events", `{ stakeholder(id: "st-csii") { events(first: 501) { role } } }`},
		{"ErrNestedFirstTooLarge area stakeholders", `{ cooperationArea(id: "area-volunteering") { stakeholders(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge project events", `{ project(id: "prj-dialog") { events(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge category needs", `{ serviceCategory(id: "cat-health") { needs(first: 501) { id } } }`},
		{"ErrNestedFirstTooLarge in a list", `{ stakeholders(first: 2) { nodes { services(first: 501) { id } } } }`},
		{"ErrNestedFirstNegative", `{ targetGroup(id: "tg-families") { services(first: -1) { id } } }`},
	}
	for _, tc := range nested {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, tc.query, nil, "BAD_USER_INPUT", "first")
		})
	}
}
