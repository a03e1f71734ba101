package api_test

import (
	"encoding/xml"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// The hand-made network of testdata/network/graph.json:
//
//	a, b, c (PUBLIC, Emm one): partnership p-abc since 2020-01-01
//	d, e, f (NON_PROFIT, Emm two): partnership p-def since 2021-06-01
//	c, d: partnership p-cd since 2023-03-01 (the bridge)
//	a, e: the workshop ev-1 on 2022-05-10; b → z: an ACTIVE referral link
//	z (PRIVATE, Emm one): nothing else. Emptydistrict: no stakeholder.

func TestNetworkAnalyses(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/network/graph.json")
	h := newHandler(st)
	run := func(query string, out any) { t.Helper(); ok(t, h, st, query, nil, out) }

	t.Run("stats, partnerships only", func(t *testing.T) {
		var got struct{ NetworkStats map[string]any }
		run(`{ networkStats(scopeId: "n-country", relations: [PARTNERSHIP]) { nodes edges density components largestComponentShare
		  averageDegree averageClustering crossSectorShare isolated { id } } }`, &got)
		// 7 ties among 7; {a..f} and {z}; clustering: a, b, e, f 1, c and
		// d 1/3, z 0; c–d the one cross-sector tie.
		want := map[string]float64{"nodes": 7, "edges": 7, "density": 7.0 / 21, "components": 2, "largestComponentShare": 6.0 / 7,
			"averageDegree": 2, "averageClustering": (4 + 2.0/3) / 7, "crossSectorShare": 1.0 / 7}
		for k, w := range want {
			if g, _ := got.NetworkStats[k].(float64); math.Abs(g-w) > 1e-9 {
				t.Errorf("%s = %v, want %v", k, got.NetworkStats[k], w)
			}
		}
		if fmt.Sprint(got.NetworkStats["isolated"]) != "[map[id:z]]" {
			t.Errorf("isolated %v", got.NetworkStats["isolated"])
		}
	})

	t.Run("betweenness: the bridge", func(t *testing.T) {
		var got struct {
			Centrality struct {
				SampledSources *int
				Scores         []struct {
					Rank        int
					Stakeholder struct{ ID string }
					Score       float64
				}
			}
		}
		run(`{ centrality(scopeId: "n-country", measure: BETWEENNESS, relations: [PARTNERSHIP], first: 3) {
		  sampledSources scores { rank stakeholder { id } score } } }`, &got)
		var lines []string
		for _, s := range got.Centrality.Scores {
			lines = append(lines, fmt.Sprintf("%d %s %g", s.Rank, s.Stakeholder.ID, s.Score))
		}
		// c and d each lie between the 2 × 3 pairs across the bridge.
		if want := []string{"1 c 6", "2 d 6", "3 a 0"}; !slices.Equal(lines, want) || got.Centrality.SampledSources != nil {
			t.Errorf("got %v (sampled %v), want %v", lines, got.Centrality.SampledSources, want)
		}
	})

	t.Run("communities", func(t *testing.T) {
		var got struct {
			Communities struct {
				Modularity  float64
				Communities []struct {
					Size        int
					Members     []struct{ ID string }
					Sectors     []struct{ Label string }
					Territories []struct {
						Label string
						Count int
					}
				}
			}
		}
		run(`{ communities(scopeId: "n-country", relations: [PARTNERSHIP]) { modularity communities { size members { id }
		  sectors { label } territories { label count } } } }`, &got)
		var lines []string
		for _, c := range got.Communities.Communities {
			var ids []string
			for _, m := range c.Members {
				ids = append(ids, m.ID)
			}
			lines = append(lines, fmt.Sprintf("%s %s %s×%d", strings.Join(ids, ""), c.Sectors[0].Label, c.Territories[0].Label, c.Territories[0].Count))
		}
		if want := []string{"abc PUBLIC Emm one×3", "def NON_PROFIT Emm two×3", "z PRIVATE Emm one×1"}; !slices.Equal(lines, want) {
			t.Errorf("communities %v, want %v", lines, want)
		}
		// 2 × (3/7 − (7/14)²); z adds nothing.
		if math.Abs(got.Communities.Modularity-5.0/14) > 1e-9 {
			t.Errorf("modularity %v, want 5/14", got.Communities.Modularity)
		}
	})

	t.Run("as of a date, and the timeline", func(t *testing.T) {
		var got struct {
			NetworkStats struct{ Edges, Components int }
		}
		run(`{ networkStats(relations: [PARTNERSHIP], asOf: "2022-01-01") { edges components } }`, &got)
		if got.NetworkStats.Edges != 6 || got.NetworkStats.Components != 3 {
			t.Errorf("before the bridge: %+v", got.NetworkStats)
		}
		var tl struct {
			NetworkTimeline []struct {
				At    string
				Stats struct{ Edges int }
			}
		}
		run(`{ networkTimeline(scopeId: "n-x", relations: [PARTNERSHIP], from: "2020-03-15", to: "2023-06-30") { at stats { edges } } }`, &tl)
		var lines []string
		for _, s := range tl.NetworkTimeline {
			lines = append(lines, fmt.Sprintf("%s:%d", s.At, s.Stats.Edges))
		}
		if want := []string{"2020-12-31:3", "2021-12-31:6", "2022-12-31:6", "2023-06-30:7"}; !slices.Equal(lines, want) {
			t.Errorf("timeline %v, want %v", lines, want)
		}
	})

	t.Run("network, ego network, connection", func(t *testing.T) {
		var top struct {
			Network struct {
				Truncated bool
				Nodes     []struct {
					Stakeholder struct{ ID string }
					Degree      int
				}
				Edges []struct{ Source, Target, Relation string }
			}
		}
		run(`{ network(scopeId: "n-x", relations: [PARTNERSHIP], maxNodes: 2) { truncated nodes { stakeholder { id } degree } edges { source target relation } } }`, &top)
		if !top.Network.Truncated || len(top.Network.Nodes) != 2 || top.Network.Nodes[0].Stakeholder.ID != "c" ||
			top.Network.Nodes[1].Stakeholder.ID != "d" || len(top.Network.Edges) != 1 || top.Network.Edges[0].Relation != "PARTNERSHIP" {
			t.Errorf("top 2: %+v", top.Network)
		}
		var ego struct {
			EgoNetwork struct {
				Nodes []struct{ Stakeholder struct{ ID string } }
				Edges []struct{ Source, Target, Relation string }
			}
		}
		// Default relations: the workshop ties a to e, the referral b to z.
		run(`{ egoNetwork(stakeholderId: "a", depth: 1) { nodes { stakeholder { id } } edges { source target relation } } }`, &ego)
		var ids, edges []string
		for _, n := range ego.EgoNetwork.Nodes {
			ids = append(ids, n.Stakeholder.ID)
		}
		for _, e := range ego.EgoNetwork.Edges {
			edges = append(edges, e.Source+e.Target+":"+e.Relation)
		}
		if !slices.Equal(ids, []string{"a", "b", "c", "e"}) || !slices.Equal(edges, []string{"ab:PARTNERSHIP", "ac:PARTNERSHIP", "ae:EVENT", "bc:PARTNERSHIP"}) {
			t.Errorf("ego of a: %v %v", ids, edges)
		}
		var conn struct {
			Connection []struct {
				Hops         int
				Stakeholders []struct{ ID string }
			}
		}
		run(`{ connection(fromId: "a", toId: "f", relations: [PARTNERSHIP]) { hops stakeholders { id } } }`, &conn)
		if len(conn.Connection) != 1 || conn.Connection[0].Hops != 3 || fmt.Sprint(conn.Connection[0].Stakeholders) != "[{a} {c} {d} {f}]" {
			t.Errorf("a to f: %+v", conn.Connection)
		}
		run(`{ connection(fromId: "a", toId: "f", relations: [PARTNERSHIP], maxHops: 2) { hops } }`, &conn)
		if len(conn.Connection) != 0 {
			t.Errorf("a to f within 2: %+v", conn.Connection)
		}
	})

	t.Run("partner suggestions", func(t *testing.T) {
		var got struct {
			PartnerSuggestions []struct {
				Stakeholder      struct{ ID string }
				Score            float64
				CommonNeighbours []struct{ ID string }
				Complementary    bool
			}
		}
		run(`{ partnerSuggestions(stakeholderId: "a") { stakeholder { id } score commonNeighbours { id } complementary } }`, &got)
		// a's ties: b, c (partners: never suggested) and e (the workshop),
		// each with 3 ties: d through c and e scores 2/ln 3; f through e
		// and z through b 1/ln 3 each.
		var lines []string
		for _, s := range got.PartnerSuggestions {
			var cn []string
			for _, n := range s.CommonNeighbours {
				cn = append(cn, n.ID)
			}
			lines = append(lines, fmt.Sprintf("%s %.4f %s %v", s.Stakeholder.ID, s.Score, strings.Join(cn, ""), s.Complementary))
		}
		l3 := 1 / math.Log(3)
		want := []string{fmt.Sprintf("d %.4f ce false", 2*l3), fmt.Sprintf("f %.4f e false", l3), fmt.Sprintf("z %.4f b false", l3)}
		if !slices.Equal(lines, want) {
			t.Errorf("got %v, want %v", lines, want)
		}
	})

	t.Run("an empty scope", func(t *testing.T) {
		var got struct {
			NetworkStats struct{ Nodes, Edges int }
			Network      struct{ Nodes []any }
		}
		run(`{ networkStats(scopeId: "n-empty") { nodes edges } network(scopeId: "n-empty") { nodes { degree } } }`, &got)
		if got.NetworkStats.Nodes != 0 || len(got.Network.Nodes) != 0 {
			t.Errorf("empty scope: %+v", got)
		}
	})
}

func TestNetworkBadInput(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/network/graph.json")
	h := newHandler(st)
	for _, tc := range []struct{ name, query, field string }{
		{"ErrUnknownScope", `{ networkStats(scopeId: "n-nope") { nodes } }`, "scopeId"},
		{"ErrMaxNodesZero", `{ network(maxNodes: 0) { truncated } }`, "maxNodes"},
		{"ErrMaxNodesTooMany", `{ network(maxNodes: 5001) { truncated } }`, "maxNodes"},
		{"ErrDepthZero", `{ egoNetwork(stakeholderId: "a", depth: 0) { truncated } }`, "depth"},
		{"ErrDepthFive", `{ egoNetwork(stakeholderId: "a", depth: 5) { truncated } }`, "depth"},
		{"ErrEgoUnknown", `{ egoNetwork(stakeholderId: "nope") { truncated } }`, "stakeholderId"},
		{"ErrFirstTooMany", `{ centrality(first: 501) { nodes } }`, "first"},
		{"ErrResolutionSmall", `{ communities(resolution: 0.05) { modularity } }`, "resolution"},
		{"ErrResolutionLarge", `{ communities(resolution: 11) { modularity } }`, "resolution"},
		{"ErrMaxHops", `{ connection(fromId: "a", toId: "f", maxHops: 7) { hops } }`, "maxHops"},
		{"ErrConnectionUnknown", `{ connection(fromId: "a", toId: "nope") { hops } }`, "toId"},
		{"ErrSuggestionsUnknown", `{ partnerSuggestions(stakeholderId: "nope") { score } }`, "stakeholderId"},
		{"ErrTimelineBackwards", `{ networkTimeline(from: "2023-01-01", to: "2022-01-01") { at } }`, "to"},
		{"ErrTimelineTooLong", `{ networkTimeline(from: "2010-01-01", to: "2020-12-31", interval: MONTH) { at } }`, "interval"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, tc.query, nil, domain.CodeBadUserInput, tc.field)
		})
	}
}

// TestDemoCommunities: over partnerships and events, the demo's network
// falls into the groups the source texts describe. The six foreign
// partners of the DIALOG consortium form a community of their own (the
// Vratsa chamber, the seventh party, sits with its Vratsa platform
// partners), and the NGOs and agencies trained in Lesichovo on 19
// September 2018 form another.
func TestDemoCommunities(t *testing.T) {
	st, h := demoHandler(t)
	var got struct {
		Communities struct {
			Modularity  float64
			Communities []struct{ Members []struct{ ID string } }
		}
	}
	ok(t, h, st, `{ communities(relations: [PARTNERSHIP, EVENT]) { modularity communities { members { id } } } }`, nil, &got)
	community := map[string]int{}
	for c, com := range got.Communities.Communities {
		for _, m := range com.Members {
			community[m.ID] = c
		}
	}
	dialog := []string{"st-esf-flanders", "st-ftc", "st-jccm", "st-ls-ministry", "st-pat", "st-ticino-vet"}
	c := community[dialog[0]]
	for _, id := range dialog {
		if community[id] != c {
			t.Errorf("DIALOG partner %s is in community %d, not %d", id, community[id], c)
		}
	}
	if n := len(got.Communities.Communities[c].Members); n != len(dialog) {
		t.Errorf("the DIALOG community has %d members, want the %d foreign partners", n, len(dialog))
	}
	if community["st-cci-vratsa"] != community["st-vratsa-municipality"] {
		t.Error("the Vratsa chamber is not with its platform partners")
	}
	trained := []string{"st-asa-pazardzhik", "st-naso", "st-cts", "st-iga-fund", "st-equal-start", "st-rural-initiative", "st-lesichovo-commission"}
	t0 := community[trained[0]]
	for _, id := range trained {
		if community[id] != t0 {
			t.Errorf("trainee %s is in community %d, not %d", id, community[id], t0)
		}
	}
	if t0 == c {
		t.Error("the trainees and the DIALOG partners are one community")
	}
	if got.Communities.Modularity < 0.4 {
		t.Errorf("modularity %v: no clear groups", got.Communities.Modularity)
	}
}

// TestNetworkFiles reads the GraphML and GEXF files back with an XML
// parser and checks them against the rules of the two formats: every
// attribute used is declared with a type and its values parse as that
// type; every edge joins declared nodes; the graph is undirected.
func TestNetworkFiles(t *testing.T) {
	st := testdb.Open(t)
	testdb.LoadFile(t, st, "../../testdata/network/graph.json")
	h := newHandler(st)
	get := func(url string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
		return rec
	}
	checkValue := func(typ, v string) error {
		var err error
		switch typ {
		case "int", "integer":
			_, err = strconv.Atoi(v)
		case "double":
			_, err = strconv.ParseFloat(v, 64)
		}
		return err
	}

	t.Run("GraphML", func(t *testing.T) {
		rec := get("/export/network.graphml?scopeId=n-country&relations=PARTNERSHIP")
		if rec.Code != http.StatusOK {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		var doc struct {
			XMLName xml.Name
			Keys    []struct {
				ID   string `xml:"id,attr"`
				For  string `xml:"for,attr"`
				Type string `xml:"attr.type,attr"`
			} `xml:"key"`
			Graph struct {
				EdgeDefault string `xml:"edgedefault,attr"`
				Nodes       []struct {
					ID   string `xml:"id,attr"`
					Data []struct {
						Key   string `xml:"key,attr"`
						Value string `xml:",chardata"`
					} `xml:"data"`
				} `xml:"node"`
				Edges []struct {
					Source string `xml:"source,attr"`
					Target string `xml:"target,attr"`
					Data   []struct {
						Key   string `xml:"key,attr"`
						Value string `xml:",chardata"`
					} `xml:"data"`
				} `xml:"edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" || doc.XMLName.Local != "graphml" || doc.Graph.EdgeDefault != "undirected" {
			t.Fatalf("root %v, edgedefault %q", doc.XMLName, doc.Graph.EdgeDefault)
		}
		keys := map[string]string{}
		for _, k := range doc.Keys {
			if k.For != "node" && k.For != "edge" || !slices.Contains([]string{"string", "int", "double"}, k.Type) {
				t.Errorf("key %+v", k)
			}
			keys[k.For+"/"+k.ID] = k.Type
		}
		nodes := map[string]bool{}
		pagerank := 0.0
		for _, n := range doc.Graph.Nodes {
			nodes[n.ID] = true
			for _, d := range n.Data {
				typ, declared := keys["node/"+d.Key]
				if err := checkValue(typ, d.Value); !declared || err != nil {
					t.Errorf("node %s data %s=%q: declared %v, %v", n.ID, d.Key, d.Value, declared, err)
				}
				if d.Key == "pagerank" {
					v, _ := strconv.ParseFloat(d.Value, 64)
					pagerank += v
				}
			}
		}
		for _, e := range doc.Graph.Edges {
			if !nodes[e.Source] || !nodes[e.Target] {
				t.Errorf("edge %s-%s joins undeclared nodes", e.Source, e.Target)
			}
			for _, d := range e.Data {
				if typ, declared := keys["edge/"+d.Key]; !declared || checkValue(typ, d.Value) != nil {
					t.Errorf("edge data %s=%q", d.Key, d.Value)
				}
			}
		}
		if len(doc.Graph.Nodes) != 7 || len(doc.Graph.Edges) != 7 || math.Abs(pagerank-1) > 1e-6 {
			t.Errorf("%d nodes, %d edges, PageRank sums to %v", len(doc.Graph.Nodes), len(doc.Graph.Edges), pagerank)
		}
	})

	t.Run("GEXF", func(t *testing.T) {
		rec := get("/export/network.gexf?relations=PARTNERSHIP,EVENT&maxNodes=6")
		if rec.Code != http.StatusOK {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		type values struct {
			Values []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
		}
		var doc struct {
			XMLName xml.Name
			Version string `xml:"version,attr"`
			Graph   struct {
				EdgeType   string `xml:"defaultedgetype,attr"`
				Attributes []struct {
					Class      string `xml:"class,attr"`
					Attributes []struct {
						ID   string `xml:"id,attr"`
						Type string `xml:"type,attr"`
					} `xml:"attribute"`
				} `xml:"attributes"`
				Nodes []struct {
					ID string `xml:"id,attr"`
					values
				} `xml:"nodes>node"`
				Edges []struct {
					Source string `xml:"source,attr"`
					Target string `xml:"target,attr"`
					Weight string `xml:"weight,attr"`
					values
				} `xml:"edges>edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.XMLName.Space != "http://gexf.net/1.3" || doc.Version != "1.3" || doc.Graph.EdgeType != "undirected" {
			t.Fatalf("root %v %q %q", doc.XMLName, doc.Version, doc.Graph.EdgeType)
		}
		types := map[string]string{}
		for _, as := range doc.Graph.Attributes {
			for _, a := range as.Attributes {
				types[as.Class+"/"+a.ID] = a.Type
			}
		}
		nodes := map[string]bool{}
		for _, n := range doc.Graph.Nodes {
			nodes[n.ID] = true
			for _, v := range n.Values {
				if typ, ok := types["node/"+v.For]; !ok || checkValue(typ, v.Value) != nil {
					t.Errorf("node %s attvalue %s=%q", n.ID, v.For, v.Value)
				}
			}
		}
		for _, e := range doc.Graph.Edges {
			if _, err := strconv.ParseFloat(e.Weight, 64); err != nil || !nodes[e.Source] || !nodes[e.Target] {
				t.Errorf("edge %+v", e)
			}
		}
		// maxNodes 6 keeps the six tied stakeholders and drops z.
		if len(doc.Graph.Nodes) != 6 || nodes["z"] {
			t.Errorf("nodes %v", nodes)
		}
	})

	for _, tc := range []struct{ name, url, field string }{
		{"ErrRelation", "/export/network.graphml?relations=FRIENDSHIP", "relations"},
		{"ErrMaxNodes", "/export/network.gexf?maxNodes=0", "maxNodes"},
		{"ErrAsOf", "/export/network.gexf?asOf=yesterday", "asOf"},
		{"ErrScope", "/export/network.gexf?scopeId=n-nope", "scopeId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(tc.url)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"field":"`+tc.field+`"`) {
				t.Errorf("%d %s", rec.Code, rec.Body)
			}
		})
	}
	if rec := httptest.NewRecorder(); true {
		roleHandlers(st)[auth.Viewer].ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/export/network.graphml", nil))
		if rec.Code != http.StatusForbidden {
			t.Errorf("a VIEWER's export: %d", rec.Code)
		}
	}
}
