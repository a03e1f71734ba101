package api

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// rateLimiter gives each identity a token bucket: rps requests a second on
// average, bursts of burst. Until requests carry an authenticated identity,
// the identity is the client's address. A refused request runs no GraphQL
// and no Cypher, and other identities do not wait for it.
type rateLimiter struct {
	rps   rate.Limit
	burst int
	mu    sync.Mutex
	seen  map[string]*bucket
	last  time.Time // of the last sweep of idle buckets
}

type bucket struct {
	lim  *rate.Limiter
	used time.Time
}

func newRateLimiter(rps float64, burst int) *rateLimiter {
	return &rateLimiter{rps: rate.Limit(rps), burst: burst, seen: map[string]*bucket{}, last: time.Now()}
}

// allow takes a token for id, or says how long to wait for one.
func (l *rateLimiter) allow(id string) (bool, time.Duration) { return l.allowN(id, 1) }

// allowN takes n tokens for id, or says how long to wait for them; a
// charge larger than the burst can never be paid (wait is 0 then).
func (l *rateLimiter) allowN(id string, n int) (bool, time.Duration) {
	if n <= 0 {
		return true, 0
	}
	if n > l.burst {
		return false, 0
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.last) > time.Minute {
		// Forget identities idle for a minute: their buckets are full anyway.
		for k, b := range l.seen {
			if now.Sub(b.used) > time.Minute {
				delete(l.seen, k)
			}
		}
		l.last = now
	}
	b := l.seen[id]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.rps, l.burst)}
		l.seen[id] = b
	}
	b.used = now
	r := b.lim.ReserveN(now, n)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// identity is who an anonymous request counts against: its address.
func identity(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "addr:" + host
}

// rateLimited is the refusal of a request whose identity's bucket cannot
// pay points now; it sets Retry-After.
func rateLimited(info *requestInfo, wait time.Duration, points, burst int) error {
	if wait <= 0 {
		return &domain.Error{Code: domain.CodeRateLimited, Message: fmt.Sprintf(
			"this request costs %d requests of the rate limit, more than the %d a client may make at once: split it into smaller requests", points, burst)}
	}
	secs := int(wait/time.Second) + 1
	if info != nil && info.w != nil {
		info.w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	msg := fmt.Sprintf("too many requests: retry after %d s", secs)
	if points > 1 {
		msg = fmt.Sprintf("too many requests: this one costs %d, retry after %d s", points, secs)
	}
	return &domain.Error{Code: domain.CodeRateLimited, Message: msg}
}
