package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// The hand-made graph of testdata/referral/graph.json:
//
//	West district: Lesovo (+ Lesovo village), Pesht, Sarn, Far; East district: Quarry
//	neighbours: Pesht–Lesovo 20 km, Sarn–Pesht 30, Far–Sarn 25, Quarry–Lesovo 15
//	categories: Crisis > Crisis accommodation; Information; Home care
//
//	st-co  Coordination centre, Lesovo    Information, covers Lesovo              (the coordinator)
//	st-asa Social assistance agency West  Crisis line, covers the West district, 15 places, violence-affected
//	st-cc  Crisis centre Pesht            accommodation, covers Pesht, 12, violence-affected
//	st-tc  Twin crisis centre Pesht       accommodation, covers Pesht, 12, violence-affected (a tie with st-cc)
//	st-sc  Sarn shelter                   accommodation, covers Sarn (50 km), 20, violence-affected
//	st-fc  Far centre                     accommodation, covers Far (75 km), 50
//	st-qc  Quarry crisis centre           accommodation, covers Quarry (15 km, East), 8
//	st-ls  Lesovo shelter                 accommodation, SUSPENDED
//	st-kc  Lesovo children's crisis unit  accommodation, covers Lesovo, 5, children only
//
//	links: co→asa; asa→cc (Crisis only); asa→tc; asa→sc; co→qc (Home care only);
//	co→sc INACTIVE; co→kc; ls→cc

const referralQuery = `query($in: ReferralPathInput!) { referralPaths(input: $in) {
  from { id } territory { id } category { id }
  paths { steps { stakeholder { id } via { id categories { id } } } provider { id } service { id } hops distanceKm local
          crossesMunicipalityBorder crossesDistrictBorder capacity score }
  unreachableProviders { provider { id } service { id } distanceKm local }
} }`

type referralAnswer struct {
	ReferralPaths struct {
		From, Territory, Category struct{ ID string }
		Paths                     []struct {
			Steps []struct {
				Stakeholder struct{ ID string }
				Via         *struct {
					ID         string
					Categories []struct{ ID string }
				}
			}
			Provider, Service         struct{ ID string }
			Hops                      int
			DistanceKm                float64
			Local                     bool
			CrossesMunicipalityBorder bool
			CrossesDistrictBorder     bool
			Capacity                  *int
			Score                     float64
		}
		UnreachableProviders []struct {
			Provider, Service struct{ ID string }
			DistanceKm        float64
			Local             bool
		}
	}
}

// lines writes an answer compactly: a path is "provider/service hops
// km [flags] chain score", an unreachable provider "provider/service km".
func (a referralAnswer) lines() (paths, unreachable []string) {
	for _, p := range a.ReferralPaths.Paths {
		var chain []string
		for _, s := range p.Steps {
			if s.Via != nil {
				chain = append(chain, "-"+s.Via.ID+"->")
			}
			chain = append(chain, s.Stakeholder.ID)
		}
		flags := ""
		if p.Local {
			flags += " local"
		}
		if p.CrossesMunicipalityBorder {
			flags += " municipality"
		}
		if p.CrossesDistrictBorder {
			flags += " district"
		}
		paths = append(paths, fmt.Sprintf("%s/%s %dh %gkm%s [%s] %.2f", p.Provider.ID, p.Service.ID, p.Hops, p.DistanceKm, flags,
			strings.Join(chain, " "), p.Score))
	}
	for _, u := range a.ReferralPaths.UnreachableProviders {
		unreachable = append(unreachable, fmt.Sprintf("%s/%s %gkm", u.Provider.ID, u.Service.ID, u.DistanceKm))
	}
	return paths, unreachable
}

func TestReferralPaths(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/referral/graph.json")
	h := newHandler(st)
	tests := []struct {
		name               string
		in                 map[string]any
		paths, unreachable []string
	}{
		{
			// The agency's crisis line covers the whole West district: local,
			// one hop. The Pesht centres are 20 km away through the agency
			// (asa→cc is restricted to Crisis, which is asked); they tie and
			// go by id. Sarn is 50 km away: in. Far (75 km) is out. co→sc is
			// INACTIVE, so Sarn is two hops, not one. co→qc is for Home care
			// only, so Quarry is unreachable. st-kc serves children only.
			name: "crisis, violence-affected, defaults",
			in:   map[string]any{"fromStakeholderId": "st-co", "categoryId": "k-crisis", "targetGroupIds": []string{"g-violence"}},
			paths: []string{
				"st-asa/svc-asa-line 1h 0km local [st-co -r-co-asa-> st-asa] 900000.15",
				"st-cc/svc-cc-acc 2h 20km municipality [st-co -r-co-asa-> st-asa -r-asa-cc-> st-cc] -201999.88",
				"st-tc/svc-tc-acc 2h 20km municipality [st-co -r-co-asa-> st-asa -r-asa-tc-> st-tc] -201999.88",
				"st-sc/svc-sc-acc 2h 50km municipality [st-co -r-co-asa-> st-asa -r-asa-sc-> st-sc] -204999.80",
			},
			unreachable: []string{"st-qc/svc-qc-acc 15km"},
		},
		{
			name: "a shorter distance cuts Sarn off",
			in:   map[string]any{"fromStakeholderId": "st-co", "categoryId": "k-crisis", "targetGroupIds": []string{"g-violence"}, "maxDistanceKm": 40},
			paths: []string{
				"st-asa/svc-asa-line 1h 0km local [st-co -r-co-asa-> st-asa] 900000.15",
				"st-cc/svc-cc-acc 2h 20km municipality [st-co -r-co-asa-> st-asa -r-asa-cc-> st-cc] -201999.88",
				"st-tc/svc-tc-acc 2h 20km municipality [st-co -r-co-asa-> st-asa -r-asa-tc-> st-tc] -201999.88",
			},
			unreachable: []string{"st-qc/svc-qc-acc 15km"},
		},
		{
			// The sub-category: the agency's line (in Crisis itself) does not
			// qualify; the suspended shelter is skipped.
			name: "crisis accommodation, one hop at most",
			in:   map[string]any{"fromStakeholderId": "st-co", "categoryId": "k-crisis-acc", "targetGroupIds": []string{"g-violence"}, "maxHops": 1, "maxDistanceKm": 80},
			unreachable: []string{"st-qc/svc-qc-acc 15km", "st-cc/svc-cc-acc 20km", "st-tc/svc-tc-acc 20km", "st-sc/svc-sc-acc 50km",
				"st-fc/svc-fc-acc 75km"},
		},
		{
			name:  "children: only the children's unit, one hop, local",
			in:    map[string]any{"fromStakeholderId": "st-co", "categoryId": "k-crisis-acc", "targetGroupIds": []string{"g-children"}},
			paths: []string{"st-kc/svc-kc 1h 0km local [st-co -r-co-kc-> st-kc] 900000.05"},
		},
		{
			name:  "the coordinator's own service: 0 hops",
			in:    map[string]any{"fromStakeholderId": "st-co", "categoryId": "k-info"},
			paths: []string{"st-co/svc-co-info 0h 0km local [st-co] 1000000.30"},
		},
		{
			// Quarry is in the East district: the agency's line (for the West
			// district) and the children's unit (no group asked, so it
			// qualifies) are across both borders, 15 km away; the agency has
			// more places. Pesht is 35 km away: out.
			name: "a person in Quarry, from the coordinator in Lesovo",
			in:   map[string]any{"fromStakeholderId": "st-co", "territoryId": "m-quarry", "categoryId": "k-crisis", "maxDistanceKm": 20},
			paths: []string{
				"st-asa/svc-asa-line 1h 15km municipality district [st-co -r-co-asa-> st-asa] -101499.85",
				"st-kc/svc-kc 1h 15km municipality district [st-co -r-co-kc-> st-kc] -101499.95",
			},
			unreachable: []string{"st-qc/svc-qc-acc 0km"},
		},
		{
			// The Pesht centre has no links of its own: its own service, and
			// everything else unreachable (no group asked: the children's
			// unit qualifies). Quarry is 35 km away through Lesovo.
			name:        "a coordinator without links",
			in:          map[string]any{"fromStakeholderId": "st-cc", "categoryId": "k-crisis-acc"},
			paths:       []string{"st-cc/svc-cc-acc 0h 0km local [st-cc] 1000000.12"},
			unreachable: []string{"st-tc/svc-tc-acc 0km", "st-kc/svc-kc 20km", "st-sc/svc-sc-acc 30km", "st-qc/svc-qc-acc 35km"},
		},
		{
			name:        "first 1",
			in:          map[string]any{"fromStakeholderId": "st-co", "categoryId": "k-crisis", "first": 1},
			paths:       []string{"st-asa/svc-asa-line 1h 0km local [st-co -r-co-asa-> st-asa] 900000.15"},
			unreachable: []string{"st-qc/svc-qc-acc 15km"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got referralAnswer
			r := ok(t, h, st, referralQuery, map[string]any{"in": tc.in}, &got)
			paths, unreachable := got.lines()
			if !slices.Equal(paths, tc.paths) {
				t.Errorf("paths:\n  %s\nwant\n  %s", strings.Join(paths, "\n  "), strings.Join(tc.paths, "\n  "))
			}
			if !slices.Equal(unreachable, tc.unreachable) {
				t.Errorf("unreachable: %v, want %v", unreachable, tc.unreachable)
			}
			if r.queries > 4 {
				t.Errorf("%d Cypher queries, want at most 4", r.queries)
			}
		})
	}
}

func TestReferralPathsBadInput(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/referral/graph.json")
	h := newHandler(st)
	base := func(k string, v any) map[string]any {
		in := map[string]any{"fromStakeholderId": "st-co", "categoryId": "k-crisis"}
		in[k] = v
		return map[string]any{"in": in}
	}
	for _, tc := range []struct {
		name  string
		vars  map[string]any
		field string
	}{
		{"ErrUnknownFrom", base("fromStakeholderId", "st-nope"), "input.fromStakeholderId"},
		{"ErrUnknownCategory", base("categoryId", "k-nope"), "input.categoryId"},
		{"ErrUnknownTerritory", base("territoryId", "m-nope"), "input.territoryId"},
		{"ErrUnknownTargetGroup", base("targetGroupIds", []string{"g-violence", "g-nope"}), "input.targetGroupIds[1]"},
		{"ErrMaxHopsTooMany", base("maxHops", 7), "input.maxHops"},
		{"ErrMaxHopsNegative", base("maxHops", -1), "input.maxHops"},
		{"ErrFirstZero", base("first", 0), "input.first"},
		{"ErrFirstTooMany", base("first", 51), "input.first"},
		{"ErrDistanceNegative", base("maxDistanceKm", -1), "input.maxDistanceKm"},
		{"ErrDistanceTooFar", base("maxDistanceKm", 501), "input.maxDistanceKm"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := failsWith(t, h, st, referralQuery, tc.vars, domain.CodeBadUserInput, tc.field)
			if strings.HasPrefix(tc.name, "ErrMax") || strings.HasPrefix(tc.name, "ErrFirst") || strings.HasPrefix(tc.name, "ErrDistance") {
				if r.queries != 0 {
					t.Errorf("an out-of-range limit ran %d Cypher queries", r.queries)
				}
			}
		})
	}
	// A coordinator searches from its own stakeholder only.
	coord := roleHandlers(st)[auth.Coordinator] // acts for st-csii, not in this graph
	failsWith(t, coord, st, referralQuery, base("first", 5), domain.CodeForbidden, "")
}

// TestDemoReferralFromLesichovo: the demo's coordinator, the CSII in
// Kalugerovo (a village of Lesichovo municipality), and needs Lesichovo
// cannot serve itself; the neighbour search starts from the municipality. Crisis accommodation:
// the CSII's direct protocol with the Peshtera crisis centre is INACTIVE,
// so the chain goes through the Social Assistance Agency in Pazardzhik,
// 45 km (Lesichovo–Pazardzhik 25 + Pazardzhik–Peshtera 20). Community
// mental health: the protocol with the Pazardzhik centre is only PROPOSED,
// so the centre is a provider worth a protocol.
func TestDemoReferralFromLesichovo(t *testing.T) {
	st, h := demoHandler(t)
	for _, tc := range []struct {
		category           string
		paths, unreachable []string
	}{
		{"cat-crisis-accommodation", []string{"st-crisis-centre-peshtera/svc-peshtera-crisis-accommodation 2h 45km municipality " +
			"[st-csii -ref-csii-asa-> st-asa-pazardzhik -ref-asa-crisis-peshtera-> st-crisis-centre-peshtera] -204499.88"}, nil},
		{"cat-mental-health", nil, []string{"st-mh-centre-pazardzhik/svc-pazardzhik-mental-health 25km"}},
	} {
		t.Run(tc.category, func(t *testing.T) {
			var got referralAnswer
			ok(t, h, st, referralQuery, map[string]any{"in": map[string]any{"fromStakeholderId": "st-csii", "categoryId": tc.category}}, &got)
			paths, unreachable := got.lines()
			if !slices.Equal(paths, tc.paths) || !slices.Equal(unreachable, tc.unreachable) {
				t.Errorf("paths %v, unreachable %v; want %v, %v", paths, unreachable, tc.paths, tc.unreachable)
			}
			if got.ReferralPaths.Territory.ID != "tr-kalugerovo" {
				t.Errorf("territory %q, want the CSII's, tr-kalugerovo", got.ReferralPaths.Territory.ID)
			}
		})
	}
}

// stepsQuery asks referralPaths for each step's link as the role may see
// it: its id, status and category restriction, or that it is hidden.
const stepsQuery = `query($in: ReferralPathInput!) { referralPaths(input: $in) {
  paths { provider { id } steps { stakeholder { id } viaHidden via { id status categories { id } } } }
} }`

type stepsAnswer struct {
	ReferralPaths struct {
		Paths []struct {
			Provider struct{ ID string }
			Steps    []struct {
				Stakeholder struct{ ID string }
				ViaHidden   bool
				Via         *struct {
					ID, Status string
					Categories []struct{ ID string }
				}
			}
		}
	}
}

// chains writes each path as "provider: a -link STATUS [categories]-> b
// -hidden-> c"; "[]" means the link is for every category.
func (a stepsAnswer) chains(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, p := range a.ReferralPaths.Paths {
		var b strings.Builder
		b.WriteString(p.Provider.ID + ":")
		for i, s := range p.Steps {
			switch {
			case s.Via != nil && s.ViaHidden:
				t.Errorf("step %d to %s: viaHidden with a link %+v", i, s.Stakeholder.ID, s.Via)
			case i == 0 && (s.Via != nil || s.ViaHidden):
				t.Errorf("the first step (%s) has a link or a hidden one", s.Stakeholder.ID)
			case s.ViaHidden:
				b.WriteString(" -hidden->")
			case s.Via != nil:
				var cats []string
				for _, c := range s.Via.Categories {
					cats = append(cats, c.ID)
				}
				slices.Sort(cats)
				fmt.Fprintf(&b, " -%s %s [%s]->", s.Via.ID, s.Via.Status, strings.Join(cats, " "))
			case i > 0:
				t.Errorf("step %d to %s: neither a link nor hidden", i, s.Stakeholder.ID)
			}
			b.WriteString(" " + s.Stakeholder.ID)
		}
		out = append(out, b.String())
	}
	return out
}

// TestReferralPathsLinkVisibility: every role that may search sees every
// chain's stakeholders; ANALYST and above see every link with its real
// category restriction, a COORDINATOR only the links its stakeholder is an
// end of, the others hidden (via null, viaHidden true; never an empty
// category list, which would mean "every category").
func TestReferralPathsLinkVisibility(t *testing.T) {
	t.Run("test graph", func(t *testing.T) {
		st := testdb.Open(t)
		testdb.LoadFile(t, st, "../../testdata/referral/graph.json")
		in := map[string]any{"in": map[string]any{"fromStakeholderId": "st-co", "categoryId": "k-crisis", "targetGroupIds": []string{"g-violence"}}}
		// The chains of TestReferralPaths' first case. r-asa-cc is
		// restricted to Crisis, the other links to nothing.
		all := []string{
			"st-asa: st-co -r-co-asa ACTIVE []-> st-asa",
			"st-cc: st-co -r-co-asa ACTIVE []-> st-asa -r-asa-cc ACTIVE [k-crisis]-> st-cc",
			"st-tc: st-co -r-co-asa ACTIVE []-> st-asa -r-asa-tc ACTIVE []-> st-tc",
			"st-sc: st-co -r-co-asa ACTIVE []-> st-asa -r-asa-sc ACTIVE []-> st-sc",
		}
		// st-co is an end of r-co-asa only.
		coordinator := []string{
			"st-asa: st-co -r-co-asa ACTIVE []-> st-asa",
			"st-cc: st-co -r-co-asa ACTIVE []-> st-asa -hidden-> st-cc",
			"st-tc: st-co -r-co-asa ACTIVE []-> st-asa -hidden-> st-tc",
			"st-sc: st-co -r-co-asa ACTIVE []-> st-asa -hidden-> st-sc",
		}
		for _, tc := range []struct {
			name string
			role auth.Role
			want []string
		}{
			{"ANALYST", auth.Analyst, all},
			{"COORDINATOR of st-co", auth.Coordinator, coordinator},
			{"EDITOR", auth.Editor, all},
			{"ADMIN", auth.Admin, all},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var got stepsAnswer
				ok(t, tokenHandler(st, tc.role, "st-co"), st, stepsQuery, in, &got)
				if chains := got.chains(t); !slices.Equal(chains, tc.want) {
					t.Errorf("chains:\n  %s\nwant\n  %s", strings.Join(chains, "\n  "), strings.Join(tc.want, "\n  "))
				}
			})
		}
	})

	// The demo case of issue 11: the CSII's coordinator gets no links out
	// of the agency in Pazardzhik from referralsOut, so referralPaths must
	// not show the agency's link to Peshtera either; an analyst sees it,
	// restricted to crisis accommodation.
	t.Run("demo", func(t *testing.T) {
		st := testdb.OpenDemo(t)
		hs := roleHandlers(st)
		in := map[string]any{"in": map[string]any{"fromStakeholderId": coordinatorOf, "categoryId": "cat-crisis-accommodation"}}
		first := "st-csii -ref-csii-asa ACTIVE [cat-crisis cat-referral-case-mgmt]-> st-asa-pazardzhik"
		for _, tc := range []struct {
			role auth.Role
			want string
		}{
			{auth.Analyst, "st-crisis-centre-peshtera: " + first + " -ref-asa-crisis-peshtera ACTIVE [cat-crisis-accommodation]-> st-crisis-centre-peshtera"},
			{auth.Coordinator, "st-crisis-centre-peshtera: " + first + " -hidden-> st-crisis-centre-peshtera"},
			{auth.Admin, "st-crisis-centre-peshtera: " + first + " -ref-asa-crisis-peshtera ACTIVE [cat-crisis-accommodation]-> st-crisis-centre-peshtera"},
		} {
			t.Run(string(tc.role), func(t *testing.T) {
				var got stepsAnswer
				ok(t, hs[tc.role], st, stepsQuery, in, &got)
				if chains := got.chains(t); !slices.Equal(chains, []string{tc.want}) {
					t.Errorf("chains %q, want %q", chains, tc.want)
				}
				// The raw answer never names a link the role may not see.
				r := post(t, hs[tc.role], st, stepsQuery, in)
				if tc.role == auth.Coordinator && strings.Contains(string(r.Data), "ref-asa-crisis-peshtera") {
					t.Errorf("the coordinator's answer names the hidden link: %s", r.Data)
				}
			})
		}
	})
}
