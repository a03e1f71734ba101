package network

import (
	"encoding/xml"
	"io"
	"strconv"
)

// NodeAttributes are the measures written with each node of a file, so
// that Gephi can size and colour by them at once.
type NodeAttributes struct {
	Degree    []float64
	PageRank  []float64
	Community []int
}

// Attributes computes the file attributes of g.
func (g *Graph) Attributes() NodeAttributes {
	membership, _, _ := g.Communities(1)
	return NodeAttributes{Degree: g.Degree(), PageRank: g.PageRank(), Community: membership}
}

// nodeFields are the node attributes of both formats: name, type, value.
func (g *Graph) nodeFields(at NodeAttributes, i int) [][3]string {
	n := g.Nodes[i]
	territory := ""
	if g.Territory != nil {
		territory = g.Territory[i]
	}
	return [][3]string{
		{"kind", "string", string(n.Kind)},
		{"sector", "string", string(n.Sector)},
		{"territory", "string", territory},
		{"community", "integer", strconv.Itoa(at.Community[i])},
		{"degree", "integer", strconv.Itoa(int(at.Degree[i]))},
		{"pagerank", "double", strconv.FormatFloat(at.PageRank[i], 'g', -1, 64)},
	}
}

// GraphML elements (http://graphml.graphdrawing.org/xmlns).
type (
	graphML struct {
		XMLName        xml.Name `xml:"graphml"`
		XMLNS          string   `xml:"xmlns,attr"`
		XSI            string   `xml:"xmlns:xsi,attr"`
		SchemaLocation string   `xml:"xsi:schemaLocation,attr"`
		Keys           []gmlKey `xml:"key"`
		Graph          gmlGraph `xml:"graph"`
	}
	gmlKey struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	gmlGraph struct {
		ID          string    `xml:"id,attr"`
		EdgeDefault string    `xml:"edgedefault,attr"`
		Nodes       []gmlNode `xml:"node"`
		Edges       []gmlEdge `xml:"edge"`
	}
	gmlNode struct {
		ID   string    `xml:"id,attr"`
		Data []gmlData `xml:"data"`
	}
	gmlEdge struct {
		ID     string    `xml:"id,attr"`
		Source string    `xml:"source,attr"`
		Target string    `xml:"target,attr"`
		Data   []gmlData `xml:"data"`
	}
	gmlData struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
)

// gmlTypes maps our attribute types to GraphML's.
var gmlTypes = map[string]string{"string": "string", "integer": "int", "double": "double"}

// WriteGraphML writes g as GraphML, undirected, with the node attributes
// and each edge's relation and weight.
func (g *Graph) WriteGraphML(w io.Writer, at NodeAttributes) error {
	doc := graphML{XMLNS: "http://graphml.graphdrawing.org/xmlns", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
		Graph:          gmlGraph{ID: "coopgraph", EdgeDefault: "undirected"}}
	doc.Keys = append(doc.Keys, gmlKey{ID: "name", For: "node", Name: "name", Type: "string"})
	if len(g.Nodes) > 0 {
		for _, f := range g.nodeFields(at, 0) {
			doc.Keys = append(doc.Keys, gmlKey{ID: f[0], For: "node", Name: f[0], Type: gmlTypes[f[1]]})
		}
	}
	doc.Keys = append(doc.Keys, gmlKey{ID: "relation", For: "edge", Name: "relation", Type: "string"},
		gmlKey{ID: "weight", For: "edge", Name: "weight", Type: "double"})
	for i, n := range g.Nodes {
		node := gmlNode{ID: n.ID, Data: []gmlData{{Key: "name", Value: n.Name}}}
		for _, f := range g.nodeFields(at, i) {
			node.Data = append(node.Data, gmlData{Key: f[0], Value: f[2]})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, node)
	}
	for k, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gmlEdge{ID: "e" + strconv.Itoa(k), Source: g.Nodes[e.A].ID, Target: g.Nodes[e.B].ID,
			Data: []gmlData{{Key: "relation", Value: string(e.Relation)}, {Key: "weight", Value: strconv.FormatFloat(e.Weight, 'g', -1, 64)}}})
	}
	return writeXML(w, doc)
}

// GEXF 1.3 elements (http://gexf.net/1.3).
type (
	gexf struct {
		XMLName xml.Name  `xml:"gexf"`
		XMLNS   string    `xml:"xmlns,attr"`
		Version string    `xml:"version,attr"`
		Graph   gexfGraph `xml:"graph"`
	}
	gexfGraph struct {
		Mode       string           `xml:"mode,attr"`
		EdgeType   string           `xml:"defaultedgetype,attr"`
		Attributes []gexfAttributes `xml:"attributes"`
		Nodes      []gexfNode       `xml:"nodes>node"`
		Edges      []gexfEdge       `xml:"edges>edge"`
	}
	gexfAttributes struct {
		Class      string          `xml:"class,attr"`
		Attributes []gexfAttribute `xml:"attribute"`
	}
	gexfAttribute struct {
		ID    string `xml:"id,attr"`
		Title string `xml:"title,attr"`
		Type  string `xml:"type,attr"`
	}
	gexfNode struct {
		ID     string      `xml:"id,attr"`
		Label  string      `xml:"label,attr"`
		Values []gexfValue `xml:"attvalues>attvalue"`
	}
	gexfEdge struct {
		ID     string      `xml:"id,attr"`
		Source string      `xml:"source,attr"`
		Target string      `xml:"target,attr"`
		Weight string      `xml:"weight,attr"`
		Values []gexfValue `xml:"attvalues>attvalue"`
	}
	gexfValue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
)

// WriteGEXF writes g as GEXF 1.3, undirected and static, with the node
// attributes and each edge's relation (its weight as the edge weight).
func (g *Graph) WriteGEXF(w io.Writer, at NodeAttributes) error {
	doc := gexf{XMLNS: "http://gexf.net/1.3", Version: "1.3", Graph: gexfGraph{Mode: "static", EdgeType: "undirected"}}
	nodeAttrs := gexfAttributes{Class: "node"}
	if len(g.Nodes) > 0 {
		for _, f := range g.nodeFields(at, 0) {
			nodeAttrs.Attributes = append(nodeAttrs.Attributes, gexfAttribute{ID: f[0], Title: f[0], Type: f[1]})
		}
	}
	doc.Graph.Attributes = []gexfAttributes{nodeAttrs, {Class: "edge", Attributes: []gexfAttribute{{ID: "relation", Title: "relation", Type: "string"}}}}
	for i, n := range g.Nodes {
		node := gexfNode{ID: n.ID, Label: n.Name}
		for _, f := range g.nodeFields(at, i) {
			node.Values = append(node.Values, gexfValue{For: f[0], Value: f[2]})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, node)
	}
	for k, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdge{ID: strconv.Itoa(k), Source: g.Nodes[e.A].ID, Target: g.Nodes[e.B].ID,
			Weight: strconv.FormatFloat(e.Weight, 'g', -1, 64), Values: []gexfValue{{For: "relation", Value: string(e.Relation)}}})
	}
	return writeXML(w, doc)
}

func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
