package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// API keys are (:ApiKey {id, hash, name, role, stakeholderId, createdAt,
// revokedAt}) nodes; the secret itself is never stored.

// CreateAPIKey makes a key and returns its secret, which is shown once.
// Only admins (and trusted callers: the CLI) may; the name is required, the
// role must be one of auth.Roles, and a COORDINATOR key needs an existing
// stakeholder. Problems name the fields name, role and stakeholderId.
func (s *Store) CreateAPIKey(ctx context.Context, name string, role auth.Role, stakeholderID string) (string, *auth.APIKey, error) {
	if err := mustBe(ctx, auth.Admin, "manage API keys"); err != nil {
		return "", nil, err
	}
	var ps domain.Problems
	if name = strings.TrimSpace(name); name == "" || len(name) > 200 {
		ps = append(ps, domain.Problem{Field: "name", Message: "is required, at most 200 characters"})
	}
	if !slices.Contains(auth.Roles, role) {
		ps = append(ps, domain.Problem{Field: "role", Message: fmt.Sprintf("must be one of %v, got %q", auth.Roles, role)})
	}
	if role == auth.Coordinator && stakeholderID == "" {
		ps = append(ps, domain.Problem{Field: "stakeholderId", Message: "is required for a COORDINATOR key"})
	}
	if len(ps) > 0 {
		return "", nil, ps
	}
	var b [24]byte
	_, _ = rand.Read(b[:])
	secret := auth.APIKeyPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	k := &auth.APIKey{ID: NewID("ApiKey"), Name: name, Role: role, StakeholderID: stakeholderID, CreatedAt: time.Now().UTC()}
	// Creates the key when its stakeholder, if any, exists; returns a row
	// when it did.
	recs, err := s.write(ctx, `OPTIONAL MATCH (s:Stakeholder {id: $st})
WITH s WHERE $st IS NULL OR s IS NOT NULL
CREATE (:ApiKey {id: $id, hash: $hash, name: $name, role: $role, stakeholderId: $st, createdAt: $at})
RETURN 1`,
		map[string]any{"id": k.ID, "hash": auth.HashKey(secret), "name": name, "role": string(role), "st": nilIfEmpty(stakeholderID), "at": k.CreatedAt})
	if err != nil {
		return "", nil, fmt.Errorf("create API key: %w", err)
	}
	if len(recs) == 0 {
		return "", nil, domain.Problems{{Field: "stakeholderId", Message: fmt.Sprintf("no stakeholder with id %q", stakeholderID)}}
	}
	return secret, k, nil
}

// apiKeyFrom reads the key k of a record.
func apiKeyFrom(rec *neo4j.Record) (*auth.APIKey, error) {
	r := rowOf(rec)
	k := col[neo4j.Node](r, "k")
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("read API key: %w", err)
	}
	return apiKeyOf(k.Props), nil
}

// APIKeyByHash returns the key with that secret hash, or nil.
func (s *Store) APIKeyByHash(ctx context.Context, hash string) (*auth.APIKey, error) {
	// Returns the key with the hash (through its uniqueness index).
	recs, err := s.read(ctx, "MATCH (k:ApiKey {hash: $hash}) RETURN k", map[string]any{"hash": hash})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return apiKeyFrom(recs[0])
}

// APIKey returns the key with id, or nil. ADMIN only.
func (s *Store) APIKey(ctx context.Context, id string) (*auth.APIKey, error) {
	if err := mustBe(ctx, auth.Admin, "manage API keys"); err != nil {
		return nil, err
	}
	// Returns the key with the id.
	recs, err := s.read(ctx, "MATCH (k:ApiKey {id: $id}) RETURN k", map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return apiKeyFrom(recs[0])
}

// APIKeys lists every key, newest first.
func (s *Store) APIKeys(ctx context.Context) ([]*auth.APIKey, error) {
	if err := mustBe(ctx, auth.Admin, "manage API keys"); err != nil {
		return nil, err
	}
	// Returns every API key (there are few).
	recs, err := s.read(ctx, "MATCH (k:ApiKey) RETURN k ORDER BY k.createdAt DESC", nil)
	if err != nil {
		return nil, fmt.Errorf("list API keys: %w", err)
	}
	out := make([]*auth.APIKey, len(recs))
	for i, rec := range recs {
		if out[i], err = apiKeyFrom(rec); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RevokeAPIKey revokes a key; it reports whether there was one.
func (s *Store) RevokeAPIKey(ctx context.Context, id string) (bool, error) {
	if err := mustBe(ctx, auth.Admin, "manage API keys"); err != nil {
		return false, err
	}
	// Marks the key revoked; returns it if it exists.
	recs, err := s.write(ctx, "MATCH (k:ApiKey {id: $id}) SET k.revokedAt = coalesce(k.revokedAt, datetime()) RETURN k.id",
		map[string]any{"id": id})
	if err != nil {
		return false, fmt.Errorf("revoke API key %s: %w", id, err)
	}
	return len(recs) > 0, nil
}

func apiKeyOf(p map[string]any) *auth.APIKey {
	k := &auth.APIKey{}
	k.ID, _ = p["id"].(string)
	k.Name, _ = p["name"].(string)
	role, _ := p["role"].(string)
	k.Role = auth.Role(role)
	k.StakeholderID, _ = p["stakeholderId"].(string)
	k.CreatedAt, _ = p["createdAt"].(time.Time)
	k.RevokedAt, k.Revoked = p["revokedAt"].(time.Time)
	return k
}

var _ auth.KeyStore = (*Store)(nil)
