package extract

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var probeFnRE = regexp.MustCompile(`declare (?:function|const) (on[A-Z]\w*?)(?:\$1)?\b`)

func TestZZProbe(t *testing.T) {
	root := os.Getenv("PROBE_ROOT")
	if root == "" {
		t.Skip()
	}
	total := 0
	for _, p := range strings.Split(os.Getenv("PROBE_PKGS"), ",") {
		nm := filepath.Join(root, p, "node_modules")
		if strings.Contains(p, "/") { // a whole node_modules
			nm = filepath.Join(root, "node_modules")
		}
		name := "@wix/" + filepath.Base(p)
		res, err := ExtractSDK(os.DirFS(nm), name)
		if err != nil {
			t.Logf("%s: ERR %v", p, err)
			continue
		}
		total += len(res.Events)
		got := map[string]bool{}
		for _, e := range res.Events {
			got[e.Export] = true
		}
		// names declared anywhere in the implementation packages
		missing := map[string]bool{}
		for _, mod := range res.NSModule {
			d := ResolvePackage(os.DirFS(nm), name, mod)
			if d == "" {
				t.Logf("  unresolved %s", mod)
				continue
			}
			filepath.WalkDir(filepath.Join(nm, d), func(pth string, de fs.DirEntry, err error) error {
				if err != nil || de.IsDir() || !(strings.HasSuffix(pth, ".d.ts") || strings.HasSuffix(pth, ".d.mts")) {
					return nil
				}
				raw, _ := os.ReadFile(pth)
				for _, m := range probeFnRE.FindAllStringSubmatch(string(raw), -1) {
					if !got[m[1]] && strings.Contains(string(raw), "EventDefinition") {
						missing[m[1]+" ("+filepath.Base(d)+")"] = true
					}
				}
				return nil
			})
		}
		var ms []string
		for m := range missing {
			ms = append(ms, m)
		}
		sort.Strings(ms)
		t.Logf("%s %s: %d events, %d ns, %d warnings; declared but not extracted: %v", name, res.Package.Version, len(res.Events), len(res.NSModule), len(res.Warnings), ms)
		for _, w := range res.Warnings {
			if os.Getenv("PROBE_WARN") != "" {
				t.Logf("   warn %s", w)
			}
		}
	}
	t.Logf("total %d", total)
}
