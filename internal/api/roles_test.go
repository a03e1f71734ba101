package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/coopgraph/coopgraph/graph/generated"
	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

var roleSecret = []byte("a-role-test-secret-of-at-least-32-bytes")

// The coordinator of these tests acts for the Centre for Social Initiatives
// and Innovations in Lesichovo, party to 7 of the demo's 18 referral links.
const coordinatorOf = "st-csii"

// roleHandlers returns, per role, the API over st as that role sees it:
// production mode with HS256 tokens, every request carrying the role's
// token.
func roleHandlers(st *store.Store) map[auth.Role]http.Handler {
	out := map[auth.Role]http.Handler{}
	for _, role := range auth.Roles {
		out[role] = tokenHandler(st, role, coordinatorOf)
	}
	return out
}

// tokenHandler returns the API over st with every request carrying a token
// of role (for a COORDINATOR, acting for stakeholder); its subject is
// "test-" and the role in lower case.
func tokenHandler(st *store.Store, role auth.Role, stakeholder string) http.Handler {
	return tokenHandlerWith(role, stakeholder, api.Options{Store: st})
}

// tokenHandlerWith is tokenHandler with the API built from o (in
// production mode, accepting the test tokens).
func tokenHandlerWith(role auth.Role, stakeholder string, o api.Options) http.Handler {
	o.Logger, o.Production = slog.New(slog.NewTextHandler(io.Discard, nil)), true
	o.Auth = auth.New(auth.Config{JWTSecret: roleSecret})
	h := api.New(o)
	claims := jwt.MapClaims{"sub": "test-" + strings.ToLower(string(role)), "coopgraph_role": string(role), "exp": time.Now().Add(time.Hour).Unix()}
	if role == auth.Coordinator {
		claims["coopgraph_stakeholder"] = stakeholder
	}
	token, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(roleSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+token)
		h.ServeHTTP(w, r)
	})
}

// roleTable is the README's role table written out: the least role that
// may run each root field. Fields not listed: queries take VIEWER,
// mutations EDITOR.
var roleTable = map[string]auth.Role{
	"Query.apiKeys":                  auth.Admin,
	"Query.supplyDemandMatrix":       auth.Analyst,
	"Query.serviceGaps":              auth.Analyst,
	"Query.cooperationAreasOverview": auth.Analyst,
	"Query.cooperationOpportunities": auth.Analyst,
	"Query.referralPaths":            auth.Analyst,
	"Query.network":                  auth.Analyst,
	"Query.egoNetwork":               auth.Analyst,
	"Query.centrality":               auth.Analyst,
	"Query.communities":              auth.Analyst,
	"Query.networkStats":             auth.Analyst,
	"Query.networkTimeline":          auth.Analyst,
	"Query.partnerSuggestions":       auth.Analyst,
	"Query.connection":               auth.Analyst,
	"Query.referral":                 auth.Analyst,
	"Query.referrals":                auth.Analyst,
	"Query.referralFlows":            auth.Analyst,
	"Mutation.createReferral":        auth.Coordinator,
	"Mutation.updateReferralStatus":  auth.Coordinator,

	"Mutation.createService":      auth.Coordinator,
	"Mutation.updateService":      auth.Coordinator,
	"Mutation.deleteService":      auth.Coordinator,
	"Mutation.setServiceCoverage": auth.Coordinator,
	"Mutation.addReferralLink":    auth.Coordinator,
	"Mutation.updateReferralLink": auth.Coordinator,
	"Mutation.removeReferralLink": auth.Coordinator,
	"Mutation.createApiKey":       auth.Admin,
	"Mutation.revokeApiKey":       auth.Admin,

	// A nested field: run by nestedOperations below.
	"CooperationArea.overview": auth.Analyst,
}

// nestedOperations reach the nested fields of roleTable.
var nestedOperations = map[string]string{
	"CooperationArea.overview": `{ cooperationArea(id: "area-health-social") { name overview(scopeId: "tr-bg") { partnerships } } }`,
}

// TestRoleOperationTable runs every root field of the schema as every role.
// A role below the field's least role gets FORBIDDEN naming the field
// before any Cypher runs; a role at or above it gets past that check (its placeholder
// arguments then fail validation or find nothing). The graph is unchanged
// at the end.
func TestRoleOperationTable(t *testing.T) {
	st := testdb.OpenDemo(t)
	hs := roleHandlers(st)
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	before := fingerprint(t, st)

	var fields []string
	for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range root.Fields {
			if !strings.HasPrefix(f.Name, "__") {
				fields = append(fields, root.Name+"."+f.Name)
			}
		}
	}
	for key := range roleTable {
		typeName, field, _ := strings.Cut(key, ".")
		if def := schema.Types[typeName]; def == nil || def.Fields.ForName(field) == nil {
			t.Errorf("the role table names %s, which the schema does not have", key)
		}
		if typeName != "Query" && typeName != "Mutation" && nestedOperations[key] == "" {
			t.Errorf("no operation in nestedOperations reaches %s", key)
		}
	}
	for _, key := range fields {
		rootName, name, _ := strings.Cut(key, ".")
		root := schema.Query
		if rootName == "Mutation" {
			root = schema.Mutation
		}
		op := operation(schema, root, root.Fields.ForName(name))
		checkRoles(t, hs, st, key, name, op)
	}
	for key, op := range nestedOperations {
		_, name, _ := strings.Cut(key, ".")
		checkRoles(t, hs, st, key, name, op)
	}
	if after := fingerprint(t, st); after != before {
		t.Errorf("the walk changed the graph: %s, then %s", before, after)
	}
}

// checkRoles runs op, which uses the field key (named name), as every role,
// and checks who is refused at the edge against roleTable.
func checkRoles(t *testing.T, hs map[auth.Role]http.Handler, st *store.Store, key, name, op string) {
	least, listed := roleTable[key]
	if !listed {
		least = auth.Viewer
		if strings.HasPrefix(key, "Mutation.") {
			least = auth.Editor
		}
	}
	for _, role := range auth.Roles {
		t.Run(key+"/"+string(role), func(t *testing.T) {
			r := post(t, hs[role], st, op, nil)
			// The edge's refusal names the field; the store's own
			// (a coordinator's placeholder input is not its stakeholder's)
			// does not.
			refused := len(r.Errors) > 0 && r.Errors[0].code() == domain.CodeForbidden && r.Errors[0].Extensions["field"] == name
			if want := !role.AtLeast(least); refused != want {
				t.Fatalf("%s as %s: refused at the edge = %v, want %v (least role %s)\n%s\nerrors: %+v",
					key, role, refused, want, least, op, r.Errors)
			}
			if refused && r.queries != 0 {
				t.Errorf("refused, but after %d Cypher queries", r.queries)
			}
			for _, e := range r.Errors {
				if c := e.code(); c == domain.CodeInternal || c == domain.CodeUnauthenticated {
					t.Errorf("%s as %s: %s %s", key, role, c, e.Message)
				}
			}
		})
	}
}

// operation writes a request for one root field with placeholder values
// for its required arguments: empty strings and ids, so that no create or
// update can succeed.
func operation(s *ast.Schema, root *ast.Definition, f *ast.FieldDefinition) string {
	var args []string
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			args = append(args, a.Name+": "+placeholder(s, a.Type))
		}
	}
	call := f.Name
	if len(args) > 0 {
		call += "(" + strings.Join(args, ", ") + ")"
	}
	if k := s.Types[f.Type.Name()].Kind; k == ast.Object || k == ast.Union || k == ast.Interface {
		call += " { __typename }"
	}
	return strings.ToLower(root.Name) + " { " + call + " }"
}

func placeholder(s *ast.Schema, t *ast.Type) string {
	if t.Elem != nil {
		return "[" + placeholder(s, t.Elem) + "]"
	}
	def := s.Types[t.NamedType]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		var fs []string
		for _, f := range def.Fields {
			if f.Type.NonNull && f.DefaultValue == nil {
				fs = append(fs, f.Name+": "+placeholder(s, f.Type))
			}
		}
		return "{" + strings.Join(fs, ", ") + "}"
	}
	switch def.Name {
	case "Int":
		return "1"
	case "Float":
		return "1.5"
	case "Boolean":
		return "false"
	case "Date":
		return `"2025-01-01"`
	case "DateTime":
		return `"2025-01-01T00:00:00Z"`
	case "JSON":
		return "{}"
	}
	return `""`
}

// fingerprint sums up the graph: node and relationship counts and the sum
// of the records' versions, so that any write shows.
func fingerprint(t *testing.T, st *store.Store) string {
	t.Helper()
	h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var out struct {
		S struct{ TotalCount int }                `json:"stakeholders"`
		V struct{ TotalCount int }                `json:"services"`
		N struct{ TotalCount int }                `json:"needs"`
		T struct{ TotalCount int }                `json:"territories"`
		G struct{ TotalCount int }                `json:"targetGroups"`
		E struct{ Nodes []struct{ Version int } } `json:"stakeholdersV"`
	}
	ok(t, h, st, `{ stakeholders { totalCount } services { totalCount } needs { totalCount }
		territories { totalCount } targetGroups { totalCount }
		stakeholdersV: stakeholders(first: 100) { nodes { version } } }`, nil, &out)
	sum := 0
	for _, n := range out.E.Nodes {
		sum += n.Version
	}
	n, err := st.CountRelationships(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d stakeholders, %d services, %d needs, %d territories, %d target groups, %d relationships, versions %d",
		out.S.TotalCount, out.V.TotalCount, out.N.TotalCount, out.T.TotalCount, out.G.TotalCount, n, sum)
}

// TestRoleVisibility: what each role sees of contact details and referral
// links, through every way of reaching them — a record, a list, a search,
// a relationship field, a link by id — and that totals count only what it
// sees.
func TestRoleVisibility(t *testing.T) {
	st := testdb.OpenDemo(t)
	hs := roleHandlers(st)

	// The chamber of commerce in Vratsa is the one stakeholder whose e-mail
	// and phone the sources print.
	const contactQuery = `{
	  stakeholder(id: "st-cci-vratsa") { email phone }
	  stakeholders(filter: {ids: ["st-cci-vratsa"]}) { nodes { email } }
	  search(text: "Vratsa chamber", types: [STAKEHOLDER], first: 1) { node { ... on Stakeholder { email } } }
	  territory(id: "tr-vratsa") { stakeholders { id email } }
	}`
	type contacts struct {
		Stakeholder  struct{ Email, Phone *string }
		Stakeholders struct{ Nodes []struct{ Email *string } }
		Search       []struct{ Node struct{ Email *string } }
		Territory    struct {
			Stakeholders []struct {
				ID    string
				Email *string
			}
		}
	}
	for _, role := range auth.Roles {
		t.Run("contacts/"+string(role), func(t *testing.T) {
			var got contacts
			ok(t, hs[role], st, contactQuery, nil, &got)
			var seen []*string
			seen = append(seen, got.Stakeholder.Email, got.Stakeholder.Phone, got.Stakeholders.Nodes[0].Email, got.Search[0].Node.Email)
			for _, s := range got.Territory.Stakeholders {
				if s.ID == "st-cci-vratsa" {
					seen = append(seen, s.Email)
				}
			}
			if len(seen) != 5 {
				t.Fatalf("the chamber is missing from a list: %+v", got)
			}
			for i, v := range seen {
				if role == auth.Viewer && v != nil {
					t.Errorf("a VIEWER sees contact detail %d: %q", i, *v)
				}
				if role != auth.Viewer && v == nil {
					t.Errorf("a %s does not see contact detail %d", role, i)
				}
			}
		})
	}

	// Referral links: what each role sees around the regional social
	// assistance directorate, which the coordinator's centre refers to and
	// which refers on to two others.
	const linkQuery = `{
	  stakeholder(id: "st-asa-pazardzhik") { referralsOut { id } referralsIn { id } }
	  csii: stakeholder(id: "st-csii") { referralsOut { id } }
	}`
	csiiOut := []string{"ref-csii-asa", "ref-csii-crisis-peshtera", "ref-csii-gp", "ref-csii-lesichovo", "ref-csii-mental-health", "ref-csii-volunteers"}
	wantLinks := map[auth.Role][3][]string{
		auth.Viewer:      {nil, nil, nil},
		auth.Analyst:     {{"ref-asa-crisis-peshtera", "ref-asa-homecare"}, {"ref-csii-asa"}, csiiOut},
		auth.Coordinator: {nil, {"ref-csii-asa"}, csiiOut},
		auth.Editor:      {{"ref-asa-crisis-peshtera", "ref-asa-homecare"}, {"ref-csii-asa"}, csiiOut},
		auth.Admin:       {{"ref-asa-crisis-peshtera", "ref-asa-homecare"}, {"ref-csii-asa"}, csiiOut},
	}
	for _, role := range auth.Roles {
		t.Run("referrals/"+string(role), func(t *testing.T) {
			var got struct {
				Stakeholder struct{ ReferralsOut, ReferralsIn []struct{ ID string } }
				Csii        struct{ ReferralsOut []struct{ ID string } }
			}
			ok(t, hs[role], st, linkQuery, nil, &got)
			ids := func(ls []struct{ ID string }) []string {
				var out []string
				for _, l := range ls {
					out = append(out, l.ID)
				}
				sort.Strings(out)
				return out
			}
			want := wantLinks[role]
			for i, g := range [][]string{ids(got.Stakeholder.ReferralsOut), ids(got.Stakeholder.ReferralsIn), ids(got.Csii.ReferralsOut)} {
				if !slices.Equal(g, want[i]) {
					t.Errorf("list %d: got %v, want %v", i, g, want[i])
				}
			}
		})
	}

	// A link the role may not see is not found by id either: removing it
	// answers NOT_FOUND, as for an id that does not exist
	// (TestUnseenIsUnknown compares the two).
	t.Run("hidden link cannot be removed by a coordinator", func(t *testing.T) {
		failsWith(t, hs[auth.Coordinator], st, `mutation { removeReferralLink(id: "ref-asa-homecare") { deleted { id } } }`, nil,
			domain.CodeNotFound, "id")
		var got struct {
			Stakeholder struct{ ReferralsOut []struct{ ID string } }
		}
		ok(t, hs[auth.Analyst], st, `{ stakeholder(id: "st-asa-pazardzhik") { referralsOut { id } } }`, nil, &got)
		if len(got.Stakeholder.ReferralsOut) != 2 {
			t.Fatalf("the refused removal removed something: %+v", got)
		}
	})
}

// TestCoordinatorWrites: a coordinator manages its stakeholder's services
// and the referral links from it, and nothing else; every refusal is
// FORBIDDEN (NOT_FOUND for a link it may not see) and writes nothing.
func TestCoordinatorWrites(t *testing.T) {
	st := testdb.OpenDemo(t)
	h := roleHandlers(st)[auth.Coordinator]
	service := func(id, provider string) map[string]any {
		return map[string]any{"input": map[string]any{"id": id, "name": "Evening helpline", "status": "ACTIVE", "deliveryMode": "REMOTE",
			"providerId": provider, "categoryId": "cat-info-referral", "coverageIds": []string{"tr-lesichovo"}}}
	}
	const create = `mutation($input: ServiceInput!) { createService(input: $input) { id version updatedBy provider { id } } }`

	var made struct {
		CreateService struct {
			ID, UpdatedBy string
			Version       int
		}
	}
	ok(t, h, st, create, service("svc-csii-helpline", coordinatorOf), &made)
	if made.CreateService.UpdatedBy != "test-coordinator" {
		t.Errorf("updatedBy = %q, want the token's subject", made.CreateService.UpdatedBy)
	}
	ok(t, h, st, `mutation { setServiceCoverage(serviceId: "svc-csii-helpline", territoryIds: ["tr-lesichovo", "tr-pazardzhik-district"]) { id } }`, nil, &struct{}{})
	ok(t, h, st, `mutation { addReferralLink(input: {id: "ref-csii-homecare", fromId: "st-csii", toId: "st-homecare-pazardzhik", status: ACTIVE}) { id } }`, nil, &struct{}{})
	ok(t, h, st, `mutation { removeReferralLink(id: "ref-csii-homecare") { deleted { id } } }`, nil, &struct{}{})
	ok(t, h, st, `mutation { deleteService(id: "svc-csii-helpline") { deleted { id } } }`, nil, &struct{}{})

	before := fingerprint(t, st)
	refused := []struct {
		name, query string
		vars        map[string]any
	}{
		{"ErrCreateForAnother", create, service("svc-asa-helpline", "st-asa-pazardzhik")},
		{"ErrUpdateAnothersService", `mutation($input: ServiceInput!) { updateService(id: "svc-asa-referral-district", expectedVersion: 1, input: $input) { id } }`,
			service("svc-asa-referral-district", coordinatorOf)},
		{"ErrDeleteAnothersService", `mutation { deleteService(id: "svc-asa-referral-district") { deleted { id } } }`, nil},
		{"ErrCoverAnothersService", `mutation { setServiceCoverage(serviceId: "svc-asa-referral-district", territoryIds: ["tr-lesichovo"]) { id } }`, nil},
		{"ErrLinkFromAnother", `mutation { addReferralLink(input: {fromId: "st-asa-pazardzhik", toId: "st-csii", status: ACTIVE}) { id } }`, nil},
		{"ErrTakeOverLinkToIt", `mutation { updateReferralLink(id: "ref-lesichovo-csii", input: {fromId: "st-csii", toId: "st-lesichovo-municipality", status: ACTIVE}) { id } }`, nil},
		{"ErrGiveAwayOwnLink", `mutation { updateReferralLink(id: "ref-csii-gp", input: {fromId: "st-asa-pazardzhik", toId: "st-gp-lesichovo", status: ACTIVE}) { id } }`, nil},
		{"ErrRegistryWrite", `mutation { updateTargetGroup(id: "tg-older-people", expectedVersion: 1, input: {name: "x"}) { id } }`, nil},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, h, st, tc.query, tc.vars, domain.CodeForbidden, "")
		})
	}
	// A link the coordinator may not see (neither end is its stakeholder)
	// is not found, as an unknown id (TestUnseenIsUnknown).
	t.Run("ErrTakeOverAnothersLink", func(t *testing.T) {
		failsWith(t, h, st, `mutation { updateReferralLink(id: "ref-asa-homecare", input: {fromId: "st-csii", toId: "st-homecare-pazardzhik", status: ACTIVE}) { id } }`,
			nil, domain.CodeNotFound, "id")
	})
	if after := fingerprint(t, st); after != before {
		t.Errorf("a refused write changed the graph: %s, then %s", before, after)
	}
}

// TestAPIKeyMutations: an admin creates a key (its secret shown once),
// lists it, and revokes it, after which the key is UNAUTHENTICATED; bad
// input names the field.
func TestAPIKeyMutations(t *testing.T) {
	st := testdb.OpenDemo(t)
	h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Production: true,
		Auth: auth.New(auth.Config{JWTSecret: roleSecret, Keys: st})})
	hs := roleHandlers(st)
	admin := hs[auth.Admin]

	var made struct {
		CreateApiKey struct {
			Secret string
			Key    struct {
				ID, Role    string
				Stakeholder struct{ ID string }
				RevokedAt   *string
			}
		}
	}
	ok(t, admin, st, `mutation { createApiKey(input: {name: "csii desk", role: COORDINATOR, stakeholderId: "st-csii"}) {
	  secret key { id role stakeholder { id } revokedAt } } }`, nil, &made)
	k := made.CreateApiKey
	if !strings.HasPrefix(k.Secret, auth.APIKeyPrefix) || k.Key.Role != "COORDINATOR" || k.Key.Stakeholder.ID != "st-csii" || k.Key.RevokedAt != nil {
		t.Fatalf("created %+v", k)
	}
	withKey := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+k.Secret)
		h.ServeHTTP(w, r)
	})
	var me struct {
		Me struct{ Subject, Role string }
	}
	ok(t, withKey, st, `{ me { subject role } }`, nil, &me)
	if me.Me.Subject != "apikey:"+k.Key.ID || me.Me.Role != "COORDINATOR" {
		t.Fatalf("me = %+v", me.Me)
	}
	var list struct {
		ApiKeys []struct {
			ID          string
			Stakeholder *struct{ ID string }
		}
	}
	r := ok(t, admin, st, `{ apiKeys { id stakeholder { id } } }`, nil, &list)
	if len(list.ApiKeys) != 1 || list.ApiKeys[0].ID != k.Key.ID || r.queries > 3 {
		t.Fatalf("apiKeys = %+v after %d queries", list.ApiKeys, r.queries)
	}
	ok(t, admin, st, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, map[string]any{"id": k.Key.ID}, &struct{}{})
	r = post(t, withKey, st, `{ me { role } }`, nil)
	if r.status != http.StatusUnauthorized || len(r.Errors) != 1 || r.Errors[0].code() != domain.CodeUnauthenticated {
		t.Fatalf("a revoked key: %d %+v", r.status, r.Errors)
	}

	bad := []struct{ name, input, field string }{
		{"ErrNoName", `{name: "", role: VIEWER}`, "input.name"},
		{"ErrCoordinatorWithoutStakeholder", `{name: "x", role: COORDINATOR}`, "input.stakeholderId"},
		{"ErrUnknownStakeholder", `{name: "x", role: COORDINATOR, stakeholderId: "st-nope"}`, "input.stakeholderId"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			failsWith(t, admin, st, `mutation { createApiKey(input: `+tc.input+`) { secret } }`, nil, domain.CodeBadUserInput, tc.field)
		})
	}
	failsWith(t, admin, st, `mutation { revokeApiKey(id: "key-nope") { id } }`, nil, domain.CodeNotFound, "id")
	var after struct{ ApiKeys []json.RawMessage }
	ok(t, admin, st, `{ apiKeys { id } }`, nil, &after)
	if len(after.ApiKeys) != 1 {
		t.Fatalf("bad input created keys: %d", len(after.ApiKeys))
	}
}
