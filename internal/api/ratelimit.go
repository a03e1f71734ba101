package api

import (
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
func (l *rateLimiter) allow(id string) (bool, time.Duration) {
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
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// identity is who a request counts against.
func identity(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "addr:" + host
}

// limit refuses requests over the identity's rate with 429 and
// RATE_LIMITED, before anything else runs.
func (l *rateLimiter) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := l.allow(identity(r)); !ok {
			secs := int(wait/time.Second) + 1
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"errors":[{"message":"too many requests: retry after ` + strconv.Itoa(secs) +
				` s","extensions":{"code":"` + domain.CodeRateLimited + `"}}]}`))
			return
		}
		next.ServeHTTP(w, r)
	})
}
