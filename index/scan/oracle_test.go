package scan

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// esbuildExports returns the export names esbuild's metafile lists for
// text, or ok=false with the errors when esbuild rejects it.
func esbuildExports(t *testing.T, text string, ts bool) ([]string, []api.Message) {
	loader := api.LoaderJS
	name := "input.js"
	if ts {
		loader, name = api.LoaderTS, "input.ts"
	}
	r := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: text, Loader: loader, Sourcefile: name},
		Metafile: true,
		Bundle:   false,
		Write:    false,
		Outdir:   "out",
		LogLevel: api.LogLevelSilent,
	})
	if len(r.Errors) > 0 {
		return nil, r.Errors
	}
	var meta struct {
		Outputs map[string]struct {
			Exports []string `json:"exports"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(r.Metafile), &meta); err != nil {
		t.Fatal(err)
	}
	var out []string
	for path, o := range meta.Outputs {
		if strings.HasSuffix(path, ".map") {
			continue
		}
		out = append(out, o.Exports...)
	}
	sort.Strings(out)
	return out, nil
}

// TestEsbuildOracle checks, for every valid fixture file (input.*), that
// the scanner's runtime export names equal the names esbuild reports.
func TestEsbuildOracle(t *testing.T) {
	n := 0
	for _, ff := range loadFixtures(t) {
		if !ff.valid {
			continue
		}
		n++
		want, errs := esbuildExports(t, ff.text, ff.ts)
		if errs != nil {
			t.Errorf("%s/%s: esbuild rejects a valid fixture: %v", ff.archive, ff.name, errs[0].Text)
			continue
		}
		got := runtimeExportNames(Parse(ff.text))
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s/%s:\n scanner %q\n esbuild %q", ff.archive, ff.name, got, want)
		}
	}
	if n == 0 {
		t.Fatal("no valid fixtures")
	}
}

// BenchmarkEsbuildTransform is the baseline the scanner is compared with
// (same inputs as BenchmarkParse/events2000lines).
func BenchmarkEsbuildTransform(b *testing.B) {
	src := eventsJS(2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		api.Transform(src, api.TransformOptions{Loader: api.LoaderJS})
	}
}
