package index

import (
	"path"
	"strings"
)

// Kind says what role a file plays for Wix events; it decides which rules,
// completions and hovers apply to it.
type Kind uint8

// The file kinds the index tracks. Files of KindOther are not loaded.
const (
	KindOther Kind = iota
	// KindVeloEvents is a Velo site's or Velo package's backend/events.js.
	KindVeloEvents
	// KindVeloData is backend/data.js, where data hooks belong.
	KindVeloData
	// KindVeloBackend is any other backend module (*.js, *.jsw, *.web.js):
	// Wix never calls event handlers exported from these.
	KindVeloBackend
	// KindCLIBuilder is a Wix CLI `<name>.extension.ts` builder file.
	KindCLIBuilder
	// KindCLIRegistration is a Wix CLI app's src/extensions.ts.
	KindCLIRegistration
	// KindCLIHandler is a TypeScript file under an events folder of a Wix CLI
	// app; whether a builder's `source` names it is a cross-file fact.
	KindCLIHandler
)

var kindNames = [...]string{"other", "velo-events", "velo-data", "velo-backend", "cli-builder", "cli-registration", "cli-handler"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Velo reports whether k belongs to a Velo site.
func (k Kind) Velo() bool { return k == KindVeloEvents || k == KindVeloData || k == KindVeloBackend }

// CLI reports whether k belongs to a Wix CLI app.
func (k Kind) CLI() bool {
	return k == KindCLIBuilder || k == KindCLIRegistration || k == KindCLIHandler
}

// Classify returns the kind of the file at rel, a slash-separated path
// relative to its workspace root. It looks only at the path, so it is cheap
// enough to run on every entry of a 100,000-file walk.
func Classify(rel string) Kind {
	base := path.Base(rel)
	dir := path.Dir(rel)
	segs := strings.Split(dir, "/")
	switch {
	case strings.HasSuffix(base, ".extension.ts"):
		return KindCLIBuilder
	case base == "extensions.ts" && path.Base(dir) == "src":
		return KindCLIRegistration
	case strings.HasSuffix(base, ".ts") && !strings.HasSuffix(base, ".d.ts") && hasEventsFolder(segs):
		return KindCLIHandler
	}
	if !hasSeg(segs, "backend") {
		return KindOther
	}
	switch {
	case base == "events.js":
		return KindVeloEvents
	case base == "data.js":
		return KindVeloData
	case strings.HasSuffix(base, ".js") || strings.HasSuffix(base, ".jsw"):
		return KindVeloBackend
	}
	return KindOther
}

// hasEventsFolder reports a `backend/events/` pair in the folder chain, the
// home of CLI event handlers in both the current
// (src/extensions/backend/events/<name>/) and older (src/backend/events/<name>/)
// layouts.
func hasEventsFolder(segs []string) bool {
	for i := 0; i+1 < len(segs); i++ {
		if segs[i] == "backend" && segs[i+1] == "events" {
			return true
		}
	}
	return false
}

func hasSeg(segs []string, s string) bool {
	for _, x := range segs {
		if x == s {
			return true
		}
	}
	return false
}

// SiteScope returns the folder that scopes handler-name uniqueness for a Velo
// events.js at rel: the site root for the site's own events.js
// (<site>/src/backend/events.js or <site>/backend/events.js), and the file's
// own folder for any other events.js (a Velo package's), because each package
// is a separate module whose handlers Wix calls independently.
func SiteScope(rel string) (scope string, pkg bool) {
	dir := path.Dir(rel)
	if path.Base(dir) != "backend" {
		return dir, true
	}
	parent := path.Dir(dir)
	if path.Base(parent) == "src" {
		parent = path.Dir(parent)
	}
	if strings.Contains("/"+parent+"/", "/packages/") || strings.Contains("/"+parent+"/", "/@velo/") {
		return dir, true
	}
	return parent, false
}
