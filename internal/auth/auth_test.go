package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"maps"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

var secret = []byte("a-test-secret-of-at-least-32-bytes!!")

func token(t *testing.T, key []byte, method jwt.SigningMethod, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type keys map[string]*auth.APIKey

func (k keys) APIKeyByHash(_ context.Context, hash string) (*auth.APIKey, error) { return k[hash], nil }

func TestIdentify(t *testing.T) {
	now := time.Now()
	good := jwt.MapClaims{"sub": "ana", "coopgraph_role": "EDITOR", "exp": now.Add(time.Hour).Unix(), "aud": "coopgraph", "iss": "https://id.example.org"}
	with := func(k string, v any) jwt.MapClaims {
		c := jwt.MapClaims{}
		for a, b := range good {
			c[a] = b
		}
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	st := keys{
		auth.HashKey("cgk_live"):    {ID: "key-1", Role: auth.Analyst},
		auth.HashKey("cgk_revoked"): {ID: "key-2", Role: auth.Admin, Revoked: true},
	}
	a := auth.New(auth.Config{JWTSecret: secret, Issuer: "https://id.example.org", Audience: "coopgraph", Keys: st})
	tests := []struct {
		name, header, remote string
		cfg                  *auth.Config
		want                 auth.Identity
		wantErr              string
	}{
		{name: "OK token", header: "Bearer " + token(t, secret, jwt.SigningMethodHS256, good), want: auth.Identity{Subject: "ana", Role: auth.Editor}},
		{name: "OK coordinator token", header: "Bearer " + token(t, secret, jwt.SigningMethodHS256, merge(with("coopgraph_role", "COORDINATOR"), "coopgraph_stakeholder", "st-csii")),
			want: auth.Identity{Subject: "ana", Role: auth.Coordinator, StakeholderID: "st-csii"}},
		{name: "OK API key", header: "Bearer cgk_live", want: auth.Identity{Subject: "apikey:key-1", Role: auth.Analyst}},
		{name: "ErrExpired", header: "Bearer " + token(t, secret, jwt.SigningMethodHS256, with("exp", now.Add(-time.Hour).Unix())), wantErr: "expired"},
		{name: "ErrNoExpiry", header: "Bearer " + token(t, secret, jwt.SigningMethodHS256, with("exp", nil)), wantErr: "exp"},
		{name: "ErrWrongSignature", header: "Bearer " + token(t, []byte("another-secret-of-at-least-32-bytes!"), jwt.SigningMethodHS256, good), wantErr: "signature"},
		{name: "ErrWrongAudience", header: "Bearer " + token(t, secret, jwt.SigningMethodHS256, with("aud", "other")), wantErr: "audience"},
		{name: "ErrWrongIssuer", header: "Bearer " + token(t, secret, jwt.SigningMethodHS256, with("iss", "https://evil.example")), wantErr: "issuer"},
		{name: "ErrAlgorithmHS512", header: "Bearer " + token(t, secret, jwt.SigningMethodHS512, good), wantErr: "not valid"},
		{name: "ErrMalformed", header: "Bearer not.a.token", wantErr: "malformed"},
		{name: "ErrNoRole", header: "Bearer " + token(t, secret, jwt.SigningMethodHS256, with("coopgraph_role", nil)), wantErr: "coopgraph_role"},
		{name: "ErrCoordinatorWithoutStakeholder", header: "Bearer " + token(t, secret, jwt.SigningMethodHS256, with("coopgraph_role", "COORDINATOR")), wantErr: "coopgraph_stakeholder"},
		{name: "ErrRevokedKey", header: "Bearer cgk_revoked", wantErr: "revoked"},
		{name: "ErrUnknownKey", header: "Bearer cgk_nope", wantErr: "unknown"},
		{name: "ErrNotBearer", header: "Basic YTpi", wantErr: "Bearer"},
		{name: "ErrAnonymousInProduction", wantErr: "Authorization"},
		{name: "OK anonymous local in development", remote: "127.0.0.1:5000", cfg: &auth.Config{Development: true},
			want: auth.Identity{Subject: "anonymous", Role: auth.Admin}},
		{name: "ErrAnonymousRemoteInDevelopment", remote: "203.0.113.5:5000", cfg: &auth.Config{Development: true}, wantErr: "Authorization"},
		{name: "OK anonymous with public read", remote: "203.0.113.5:5000", cfg: &auth.Config{PublicRead: true},
			want: auth.Identity{Subject: "anonymous", Role: auth.Viewer}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/graphql", nil)
			if tc.header != "" {
				r.Header.Set("Authorization", tc.header)
			}
			if tc.remote != "" {
				r.RemoteAddr = tc.remote
			}
			az := a
			if tc.cfg != nil {
				az = auth.New(*tc.cfg)
			}
			got, err := az.Identify(r)
			if tc.wantErr != "" {
				if domain.ErrorCode(err) != domain.CodeUnauthenticated || !contains(err.Error(), tc.wantErr) {
					t.Fatalf("want UNAUTHENTICATED mentioning %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func merge(c jwt.MapClaims, k string, v any) jwt.MapClaims {
	c[k] = v
	return c
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// jwksServer publishes the public half of key under kid, as an OIDC
// provider does.
func jwksServer(t *testing.T, kid string, key *rsa.PrivateKey) string {
	t.Helper()
	b64 := func(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
	body, _ := json.Marshal(map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig",
		"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
	}}})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/.well-known/jwks.json"
}

func TestIdentifyOIDC(t *testing.T) {
	provider, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	stranger, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	jwks, err := auth.NewJWKS(ctx, jwksServer(t, "k1", provider))
	if err != nil {
		t.Fatal(err)
	}
	a := auth.New(auth.Config{JWKS: jwks, Issuer: "https://id.example.org", Audience: "coopgraph"})
	now := time.Now()
	good := jwt.MapClaims{"sub": "maria", "coopgraph_role": "ANALYST", "exp": now.Add(time.Hour).Unix(), "aud": "coopgraph", "iss": "https://id.example.org"}
	sign := func(key *rsa.PrivateKey, kid string, c jwt.MapClaims) string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
		tok.Header["kid"] = kid
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name, token, wantErr string
	}{
		{name: "OK provider token", token: sign(provider, "k1", good)},
		{name: "ErrSignedByAnotherKey", token: sign(stranger, "k1", good), wantErr: "signature"},
		{name: "ErrUnknownKid", token: sign(stranger, "k9", good), wantErr: "signing key"},
		{name: "ErrWrongAudience", token: sign(provider, "k1", merge(maps.Clone(good), "aud", "other")), wantErr: "audience"},
		{name: "ErrExpired", token: sign(provider, "k1", merge(maps.Clone(good), "exp", now.Add(-time.Hour).Unix())), wantErr: "expired"},
		// No shared secret is configured, so HS256 is refused outright (an
		// HS256 token "signed" with the public key must never pass).
		{name: "ErrHS256WithoutSecret", token: token(t, []byte("a-test-secret-of-at-least-32-bytes!!"), jwt.SigningMethodHS256, good), wantErr: "not valid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/graphql", nil)
			r.Header.Set("Authorization", "Bearer "+tc.token)
			got, err := a.Identify(r)
			if tc.wantErr != "" {
				if domain.ErrorCode(err) != domain.CodeUnauthenticated || !contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %+v, %v; want UNAUTHENTICATED mentioning %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != (auth.Identity{Subject: "maria", Role: auth.Analyst}) {
				t.Fatalf("got %+v, %v", got, err)
			}
		})
	}
}

func TestRoleArticle(t *testing.T) {
	type Role = auth.Role
	for role, want := range map[Role]string{auth.Viewer: "a VIEWER", auth.Analyst: "an ANALYST", auth.Coordinator: "a COORDINATOR", auth.Editor: "an EDITOR", auth.Admin: "an ADMIN"} {
		if got := role.Article(); got != want {
			t.Errorf("%s.Article() = %q, want %q", role, got, want)
		}
	}
}
