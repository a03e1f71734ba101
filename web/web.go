// Package web serves coopgraph's web app and, in development mode, GraphiQL.
// Both are built from web/src by esbuild into web/dist, which is committed
// (like gqlgen's generated code: `make run` needs no Node, and `make test`
// fails when dist is stale against src) and embedded here, so the binary
// serves every script, style and font itself and the pages make no request
// to any other host.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// CSP is the app's Content-Security-Policy: its own scripts, styles and
// API only, no inline script or style, no frame around it.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// graphiqlCSP is GraphiQL's: its editor and React's style libraries set
// inline styles, so style-src allows them there (a development-only page).
const graphiqlCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// GraphiQLPath is where GraphiQL is mounted; Handler leaves the path to it.
const GraphiQLPath = "/graphiql"

type asset struct {
	body  []byte
	ctype string
	etag  string
}

// assets are dist's files by URL path ("/app.js"), read once.
var assets = func() map[string]asset {
	m := map[string]asset{}
	err := fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m[strings.TrimPrefix(p, "dist")] = asset{body: b, ctype: contentType(p), etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
		return nil
	})
	if err != nil {
		panic("web: reading the embedded dist: " + err.Error())
	}
	return m
}()

// assetExt are the extensions of files: a missing one is a 404, not the
// app (record ids may contain dots, so not every dot is a file).
var assetExt = map[string]bool{".js": true, ".css": true, ".map": true, ".html": true, ".json": true,
	".png": true, ".svg": true, ".ico": true, ".woff2": true, ".woff": true, ".txt": true}

// contentType does not depend on the machine's mime.types for the types
// the app uses.
func contentType(p string) string {
	switch path.Ext(p) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".woff2":
		return "font/woff2"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Handler serves the app: its files, and index.html for every other path
// without a file extension (the app's own routes, such as
// /stakeholder/sh-vratsa-municipality), with CSP. Paths under GraphiQLPath
// are not the app's: 404 unless GraphiQL is mounted before it. Only GET and
// HEAD.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == GraphiQLPath || strings.HasPrefix(p, GraphiQLPath+"/") {
			http.NotFound(w, r)
			return
		}
		a, ok := assets[p]
		if !ok || p == "/index.html" {
			if assetExt[path.Ext(p)] {
				// A file that is not there (an old chunk, a typo): not the app.
				http.NotFound(w, r)
				return
			}
			a = assets["/index.html"]
		}
		serve(w, r, a, CSP, strings.HasPrefix(p, "/chunks/"))
	})
}

// GraphiQL serves GraphiQL at GraphiQLPath and its files under it; mount it
// in development mode only.
func GraphiQL() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == GraphiQLPath || p == GraphiQLPath+"/" {
			p = GraphiQLPath + "/index.html"
		}
		a, ok := assets[p]
		if !ok || !strings.HasPrefix(p, GraphiQLPath+"/") {
			http.NotFound(w, r)
			return
		}
		serve(w, r, a, graphiqlCSP, false)
	})
}

// serve writes an asset with its type, policy and validators. Chunks have
// content hashes in their names and are cached for good; the rest is
// revalidated (their names do not change between builds).
func serve(w http.ResponseWriter, r *http.Request, a asset, csp string, immutable bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", a.etag)
	if immutable {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
