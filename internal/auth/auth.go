// Package auth tells who a request is: a bearer JWT signed with the
// installation's shared HS256 secret, an API key, or — in development mode
// only — the anonymous local user. It answers with an Identity (subject,
// role, and for coordinators the stakeholder they act for) or
// UNAUTHENTICATED; what each role may do is decided where the work is done.
package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Role is what an identity may do; each includes the ones before it, except
// that a COORDINATOR's writes are bound to its stakeholder.
type Role string

const (
	Viewer      Role = "VIEWER"
	Analyst     Role = "ANALYST"
	Coordinator Role = "COORDINATOR"
	Editor      Role = "EDITOR"
	Admin       Role = "ADMIN"
)

// Roles from the least to the most allowed.
var Roles = []Role{Viewer, Analyst, Coordinator, Editor, Admin}

// Article is the role with its indefinite article, for messages: "an
// ANALYST", "a VIEWER".
func (r Role) Article() string {
	if strings.ContainsRune("AEIOU", rune(string(r + "X")[0])) {
		return "an " + string(r)
	}
	return "a " + string(r)
}

// AtLeast reports whether r includes min.
func (r Role) AtLeast(min Role) bool { return slices.Index(Roles, r) >= slices.Index(Roles, min) }

// Identity is who makes a request.
type Identity struct {
	Subject       string // JWT sub, "apikey:<id>", or "anonymous"
	Role          Role
	StakeholderID string // for coordinators: the stakeholder they act for
}

type identityKey struct{}

// With returns ctx carrying id.
func With(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, identityKey{}, id)
}

// From returns the identity of ctx; ok is false for a request nobody
// authenticated (tests, the CLI).
func From(ctx context.Context) (Identity, bool) {
	id, ok := ctx.Value(identityKey{}).(Identity)
	return id, ok
}

type actorKey struct{}

// WithActor returns ctx whose writes are recorded as made by name: for
// work no request identity stands behind (the CLI and the demo loader
// write as "system", tests as "test").
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// Actor is who a write in ctx is recorded as (updatedBy, a referral's
// history): the name given to WithActor, else the subject of the
// request's identity (a token's sub, "apikey:<id>" or "anonymous"), else
// "api". It travels in the context like the role, so no write function
// takes it as an argument.
func Actor(ctx context.Context) string {
	if name, ok := ctx.Value(actorKey{}).(string); ok && name != "" {
		return name
	}
	if who, ok := From(ctx); ok && who.Subject != "" {
		return who.Subject
	}
	return "api"
}

// KeyStore finds API keys by the hash of their secret.
type KeyStore interface {
	APIKeyByHash(ctx context.Context, hash string) (*APIKey, error)
}

// APIKey is a stored API key: only the hash of its secret is kept.
type APIKey struct {
	ID            string
	Name          string
	Role          Role
	StakeholderID string
	CreatedAt     time.Time
	Revoked       bool
	RevokedAt     time.Time // zero unless revoked
}

// APIKeyPrefix starts every API key, so that a key is told from a JWT.
const APIKeyPrefix = "cgk_"

// HashKey is the stored form of an API key's secret.
func HashKey(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Config says how requests are authenticated.
type Config struct {
	// JWTSecret verifies HS256 bearer tokens (small installs).
	JWTSecret []byte
	// JWKS verifies tokens signed by an OIDC provider (RS256, ES256...),
	// with the keys its JWKS URL publishes (see NewJWKS). Nil: none.
	JWKS     keyfunc.Keyfunc
	Issuer   string // required iss, when set
	Audience string // required aud, when set
	Keys     KeyStore
	// Development lets anonymous requests from this machine act as ADMIN;
	// PublicRead lets other anonymous requests read as VIEWER.
	Development bool
	PublicRead  bool
}

// Authenticator turns requests into identities.
type Authenticator struct {
	cfg  Config
	keys keyCache
}

// New returns an Authenticator.
func New(cfg Config) *Authenticator {
	return &Authenticator{cfg: cfg, keys: keyCache{seen: map[string]cachedKey{}}}
}

// KeyCacheTTL is how long a valid API key is trusted without looking it up
// again: a key revoked on another instance stops working within this time
// (on the instance that revoked it, at once: any write there empties the
// cache).
const KeyCacheTTL = 5 * time.Second

// maxCachedKeys bounds the cache; when full it starts again empty.
const maxCachedKeys = 10000

// Generationer is a KeyStore that counts its writes; a change of count
// empties the key cache (a key revoked here is refused at once).
type Generationer interface{ Generation() int64 }

// keyCache remembers valid API keys by the hash of their secret. Unknown
// and revoked keys are not remembered: random keys would fill it, and the
// API limits lookups per address instead (NeedsLookup).
type keyCache struct {
	mu   sync.Mutex
	gen  int64
	seen map[string]cachedKey
}

type cachedKey struct {
	id    Identity
	until time.Time
}

func (c *keyCache) get(hash string, gen int64, now time.Time) (Identity, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		clear(c.seen)
		c.gen = gen
	}
	k, ok := c.seen[hash]
	if !ok || now.After(k.until) {
		delete(c.seen, hash)
		return Identity{}, false
	}
	return k.id, true
}

func (c *keyCache) put(hash string, gen int64, id Identity, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || len(c.seen) >= maxCachedKeys {
		clear(c.seen)
		c.gen = gen
	}
	c.seen[hash] = cachedKey{id: id, until: now.Add(KeyCacheTTL)}
}

func (a *Authenticator) generation() int64 {
	if g, ok := a.cfg.Keys.(Generationer); ok {
		return g.Generation()
	}
	return 0
}

// NeedsLookup reports whether identifying r takes a database lookup: an
// API key that is not cached. The API limits those per address before
// calling Identify, so random keys cannot make it query the database at
// will.
func (a *Authenticator) NeedsLookup(r *http.Request) bool {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || !strings.HasPrefix(token, APIKeyPrefix) || a.cfg.Keys == nil {
		return false
	}
	_, cached := a.keys.get(HashKey(token), a.generation(), time.Now())
	return !cached
}

func unauthenticated(msg string) error {
	return &domain.Error{Code: domain.CodeUnauthenticated, Message: msg}
}

// Identify authenticates a request. A request without credentials is
// anonymous: allowed locally in development, as a VIEWER with public read,
// UNAUTHENTICATED otherwise. Wrong credentials are UNAUTHENTICATED always.
func (a *Authenticator) Identify(r *http.Request) (Identity, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		switch {
		case a.cfg.Development && isLoopback(r):
			return Identity{Subject: "anonymous", Role: Admin}, nil
		case a.cfg.PublicRead:
			return Identity{Subject: "anonymous", Role: Viewer}, nil
		}
		return Identity{}, unauthenticated("send Authorization: Bearer <token or API key>")
	}
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		return Identity{}, unauthenticated("the Authorization header must be Bearer <token or API key>")
	}
	if strings.HasPrefix(token, APIKeyPrefix) {
		return a.apiKey(r.Context(), token)
	}
	return a.jwt(token)
}

func (a *Authenticator) apiKey(ctx context.Context, secret string) (Identity, error) {
	if a.cfg.Keys == nil {
		return Identity{}, unauthenticated("API keys are not accepted here")
	}
	hash, gen, now := HashKey(secret), a.generation(), time.Now()
	if id, ok := a.keys.get(hash, gen, now); ok {
		return id, nil
	}
	k, err := a.cfg.Keys.APIKeyByHash(ctx, hash)
	if err != nil {
		return Identity{}, err
	}
	if k == nil || k.Revoked {
		return Identity{}, unauthenticated("unknown or revoked API key")
	}
	id := Identity{Subject: "apikey:" + k.ID, Role: k.Role, StakeholderID: k.StakeholderID}
	a.keys.put(hash, gen, id, now)
	return id, nil
}

// claims are the token's claims coopgraph reads.
type claims struct {
	Role          Role   `json:"coopgraph_role"`
	StakeholderID string `json:"coopgraph_stakeholder"`
	jwt.RegisteredClaims
}

func (a *Authenticator) jwt(token string) (Identity, error) {
	var methods []string
	if len(a.cfg.JWTSecret) > 0 {
		methods = append(methods, "HS256")
	}
	if a.cfg.JWKS != nil {
		methods = append(methods, "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
	}
	if len(methods) == 0 {
		return Identity{}, unauthenticated("bearer tokens are not accepted here")
	}
	opts := []jwt.ParserOption{jwt.WithValidMethods(methods), jwt.WithExpirationRequired(), jwt.WithLeeway(30 * time.Second)}
	if a.cfg.Issuer != "" {
		opts = append(opts, jwt.WithIssuer(a.cfg.Issuer))
	}
	if a.cfg.Audience != "" {
		opts = append(opts, jwt.WithAudience(a.cfg.Audience))
	}
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, a.key, opts...)
	if err != nil {
		return Identity{}, unauthenticated(reason(err))
	}
	if c.Subject == "" || !slices.Contains(Roles, c.Role) {
		return Identity{}, unauthenticated(fmt.Sprintf("the token needs a sub and a coopgraph_role (one of %v)", Roles))
	}
	if c.Role == Coordinator && c.StakeholderID == "" {
		return Identity{}, unauthenticated("a COORDINATOR token needs coopgraph_stakeholder")
	}
	return Identity{Subject: c.Subject, Role: c.Role, StakeholderID: c.StakeholderID}, nil
}

// key picks the key that verifies a token: the shared secret for HS256,
// the provider's published key (by the token's kid) for the others. The
// parser has already refused algorithms that are not configured.
func (a *Authenticator) key(t *jwt.Token) (any, error) {
	if _, ok := t.Method.(*jwt.SigningMethodHMAC); ok {
		return a.cfg.JWTSecret, nil
	}
	return a.cfg.JWKS.Keyfunc(t)
}

// NewJWKS fetches an OIDC provider's signing keys from its JWKS URL and
// keeps them fresh in the background until ctx ends (a key the provider
// rotates in is fetched when a token names it).
func NewJWKS(ctx context.Context, url string) (keyfunc.Keyfunc, error) {
	k, err := keyfunc.NewDefaultCtx(ctx, []string{url})
	if err != nil {
		return nil, fmt.Errorf("JWKS %s: %w", url, err)
	}
	return k, nil
}

// reason says why a token was refused without echoing the token.
func reason(err error) string {
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return "the token has expired"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return "the token's signature is not valid"
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return "the token is for another audience"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return "the token is from another issuer"
	case errors.Is(err, keyfunc.ErrKeyfunc):
		return "the token's signing key is not one the identity provider publishes"
	case errors.Is(err, jwt.ErrTokenMalformed):
		return "the token is malformed"
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return "the token lacks a required claim (exp)"
	}
	return "the token is not valid"
}

func isLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
