package analysis

import (
	"strings"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// KeepCall is the index's policy (index.Options.KeepCall) for which calls
// a closed file's compact parse keeps: exactly the calls some rule reads,
// so the diagnostics of a closed file equal those of the same file open
// (the marker tests check this for every fixture).
//
//   - Velo files: top-level calls only (sdkRegistrations).
//   - CLI builders and src/extensions.ts: every call (builder calls and
//     `.use()` chains; these files are small).
//   - CLI handlers: the calls eventCalls can accept — a chain whose first
//     name is imported from an @wix/ module, or `x.onY(…)` (an event call
//     missing its import). The rest (console.log, the handler's own
//     helpers from relative imports, and their object arguments) is most
//     of the calls in a handler and no rule reads it.
//   - For needs-elevation (keepElevationCall): in events.js, calls through
//     wix-auth and the Velo modules with recorded permissions; in events.js
//     and CLI handlers, calls of the file's own top-level functions (the
//     compact parse keeps those functions' bodies, scan.File.Named).
func KeepCall(k index.Kind, f *scan.File, c *scan.Call) bool {
	switch {
	case k.Velo():
		return c.Depth == 0 || keepElevationCall(k, f, c)
	case k == index.KindCLIHandler:
		if strings.ContainsAny(c.Callee, "()[") {
			return false
		}
		if keepElevationCall(k, f, c) {
			return true
		}
		first, rest, dotted := strings.Cut(c.Callee, ".")
		if dotted && !strings.Contains(rest, ".") && isOnEvent(rest) {
			return true
		}
		for i := range f.Imports {
			im := &f.Imports[i]
			if !wixModule(im.Module) {
				continue
			}
			if im.Namespace == first {
				return true
			}
			for _, n := range im.Names {
				if n.Local == first {
					return true
				}
			}
		}
		return false
	}
	return true
}
