package api_test

import (
	"testing"
)

// ---------------------------------------------------------------------------
// 5. Bad input.

func TestReadBadInput(t *testing.T) {
	st, h := demoHandler(t)

	tests := []struct {
		name, query string
		vars        map[string]any
		field       string
	}{
		{"ErrUnknownEnumLiteral", `{ territories(filter: {levels: [PLANET]}) { nodes { id } } }`, nil, "TerritoryLevel"},
		{"ErrUnknownEnumVariable", `query($l: [TerritoryLevel!]) { territories(filter: {levels: $l}) { nodes { id } } }`,
			map[string]any{"l": []string{"PLANET"}}, "TerritoryLevel"},
		{"ErrUnknownEnumVariableKinds", `query($k: [StakeholderKind!]) { stakeholders(filter: {kinds: $k}) { nodes { id } } }`,
			map[string]any{"k": []string{"MUNICIPALITY", "CASTLE"}}, "StakeholderKind"},
		{"ErrUnknownOrderField", `{ stakeholders(orderBy: {field: POPULATION}) { nodes { id } } }`, nil, "StakeholderOrderField"},
		{"ErrUnknownDirectionVariable", `query($d: SortDirection) { targetGroups(orderBy: {direction: $d}) { nodes { id } } }`,
			map[string]any{"d": "UP"}, "SortDirection"},
		{"ErrBadDateLiteral", `{ events(filter: {from: "2022-13-01"}) { nodes { id } } }`, nil, "events.filter.from"},
		{"ErrBadDateVariable", `query($d: Date) { events(filter: {to: $d}) { nodes { id } } }`, map[string]any{"d": "2022-13-01"}, "events.filter.to"},
		{"ErrBadDateActiveOn", `{ partnerships(filter: {activeOn: "2022-02-30"}) { nodes { id } } }`, nil, "partnerships.filter.activeOn"},
		{"ErrBadDateFormat", `{ events(filter: {from: "22/02/2022"}) { nodes { id } } }`, nil, "events.filter.from"},
		{"ErrDateNotString", `query($d: Date) { events(filter: {from: $d}) { nodes { id } } }`, map[string]any{"d": 20220222}, "events.filter.from"},
		{"ErrNegativeMaxDistance", `{ territory(id: "tr-lesichovo") { neighbours(maxDistanceKm: -1) { distanceKm } } }`, nil, "maxDistanceKm"},
		{"ErrNegativeMaxDistanceVariable", `query($km: Float) { territory(id: "tr-vratsa") { neighbours(maxDistanceKm: $km) { distanceKm } } }`,
			map[string]any{"km": -0.5}, "maxDistanceKm"},
		{"ErrFirstWrongType", `{ stakeholders(first: "ten") { nodes { id } } }`, nil, "Int"},
		{"ErrFirstWrongTypeVariable", `query($n: Int) { stakeholders(first: $n) { nodes { id } } }`, map[string]any{"n": "ten"}, "Int"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, tc.query, tc.vars, "BAD_USER_INPUT", tc.field)
		})
	}

	// maxDistanceKm 0 is allowed and matches nothing in the demo.
	t.Run("OK maxDistanceKm zero", func(t *testing.T) {
		sameJSON(t, data(t, h, st, `{ territory(id: "tr-lesichovo") { neighbours(maxDistanceKm: 0) { distanceKm } } }`, nil),
			`{"territory":{"neighbours":[]}}`)
	})
}
