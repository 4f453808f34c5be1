package analysis

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var anyUUID = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

// RenderForTest prints diagnostics with their fixes and related
// locations, sorted, one per line, with UUIDs (fresh in every fix)
// replaced, so two analyses of the same files compare equal as text.
func RenderForTest(ds []Diagnostic) string {
	lines := make([]string, 0, len(ds))
	for _, d := range ds {
		lines = append(lines, fmt.Sprintf("%s %v %s %s %+v %+v", filepath.Base(d.Path), d.Span, d.Code, d.Message, d.Fixes, d.Related))
	}
	sort.Strings(lines)
	return anyUUID.ReplaceAllString(strings.Join(lines, "\n"), "<uuid>")
}

// Test binaries carry no module versions, which turns the verdict cache
// off (see esbuildVersion); the tests here pin one so the cache is tested.
func init() {
	if esbuildVersion() == "" {
		esbuildVersion = func() string { return "test-binary" }
	}
}

// ArchiveNow is the marker tests' clock for an archive: its comment's
// "now: YYYY-MM-DD", else markerNow (the CLI marker tests share it).
var ArchiveNow = archiveNow
