package network

import (
	"sync"
	"time"
)

// Cache keeps projections, so that the analyses of one network (its
// measures, communities, stats, ego networks) do not project it again. An
// entry is stale when the store has written since it was built (gen
// differs) or when it is older than the TTL: writes made by other API
// instances reach this one within the TTL.
type Cache struct {
	ttl time.Duration
	max int

	mu      sync.Mutex
	entries map[string]*entry
}

type entry struct {
	once  sync.Once
	g     *Graph
	err   error
	gen   int64
	built time.Time
}

// NewCache returns a cache of at most max projections.
func NewCache(ttl time.Duration, max int) *Cache {
	return &Cache{ttl: ttl, max: max, entries: map[string]*entry{}}
}

// Get returns the projection under key built at generation gen, building
// it with build when there is none fresh; concurrent callers of a missing
// key wait for one build.
func (c *Cache) Get(key string, gen int64, build func() (*Graph, error)) (*Graph, error) {
	c.mu.Lock()
	e := c.entries[key]
	if e == nil || e.gen != gen || (!e.built.IsZero() && time.Since(e.built) > c.ttl) {
		if len(c.entries) >= c.max {
			c.entries = map[string]*entry{} // simple and rare: start over
		}
		e = &entry{gen: gen}
		c.entries[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		e.g, e.err = build()
		// built is read under c.mu by the next Get of the key.
		c.mu.Lock()
		e.built = time.Now()
		c.mu.Unlock()
	})
	if e.err != nil {
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key) // do not keep failures
		}
		c.mu.Unlock()
	}
	return e.g, e.err
}
