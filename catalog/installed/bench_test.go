package installed

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// Targets (issue 14): reading an app's 15 installed @wix packages takes
// ≤ 300 ms of CPU on first run and ≤ 20 ms from the cache. The app is
// synthetic (benchApp), shaped and sized like the real packages: 15
// top-level packages of 4 namespaces, each implementation package with an
// index.d.mts of EventDefinitions and an index.typings.d.mts of ~150 KB of
// interfaces and JSDoc'd functions. WIX_EVENTS_BENCH_APP=<app folder with
// node_modules> measures a real install instead.

const benchPackages, benchNamespaces, benchEvents = 15, 4, 6

func benchApp(b *testing.B) string {
	if app := os.Getenv("WIX_EVENTS_BENCH_APP"); app != "" {
		return app
	}
	dir := b.TempDir()
	write := func(p, s string) {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var deps []string
	for p := 0; p < benchPackages; p++ {
		pkg := fmt.Sprintf("bench%02d", p)
		deps = append(deps, fmt.Sprintf(`"@wix/%s": "^1.0.0"`, pkg))
		write("node_modules/@wix/"+pkg+"/package.json", fmt.Sprintf(`{"name": "@wix/%s", "version": "1.0.%d", "exports": {".": {"types": "./build/es/index.d.mts"}}}`, pkg, p))
		var entry strings.Builder
		for n := 0; n < benchNamespaces; n++ {
			impl := fmt.Sprintf("auto_sdk_%s_ns%d", pkg, n)
			fmt.Fprintf(&entry, "import * as %s from '@wix/%s';\nexport { %s as things%d };\n", strings.ReplaceAll(impl, "-", "_"), impl, strings.ReplaceAll(impl, "-", "_"), n)
			write("node_modules/@wix/"+impl+"/package.json", fmt.Sprintf(`{"name": "@wix/%s", "version": "1.0.7", "exports": {".": {"types": "./build/es/index.d.mts"}}}`, impl))
			var idx, typ strings.Builder
			idx.WriteString("import { EventDefinition } from '@wix/sdk-types';\nexport { a as Thing } from './index.typings.mjs';\n")
			for k := 0; k < 400; k++ {
				fmt.Fprintf(&typ, "/**\n * Field set %d of a thing, with a description long enough to look like the real ones.\n */\ninterface Part%d {\n    /** Identifier. */\n    _id?: string | null;\n    /** Display name. */\n    name?: string;\n    /** When it changed. */\n    _updatedDate?: Date | null;\n    nested?: { a: string; b: number[] };\n}\n", k, k)
			}
			for e := 0; e < benchEvents; e++ {
				fmt.Fprintf(&idx, "declare const onThing%dChanged$1: EventDefinition<Thing%dChangedEnvelope, \"wix.bench.v1.thing%d_changed\">;\n", e, e, e)
				fmt.Fprintf(&typ, "interface Thing%dChangedEnvelope {\n    entity: Part%d;\n    metadata: EventMetadata;\n}\n/**\n * Triggered when thing %d changes.\n * @permissionScope Manage Things\n * @permissionScopeId SCOPE.BENCH.MANAGE\n */\ndeclare function onThing%dChanged(handler: (event: Thing%dChangedEnvelope) => void | Promise<void>): void;\n", e, e, e, e, e)
			}
			typ.WriteString("export { type Part1 as a };\n")
			write("node_modules/@wix/"+impl+"/build/es/index.d.mts", idx.String())
			write("node_modules/@wix/"+impl+"/build/es/index.typings.d.mts", typ.String())
		}
		write("node_modules/@wix/"+pkg+"/build/es/index.d.mts", entry.String())
	}
	write("package.json", `{"name": "bench-app", "dependencies": {`+strings.Join(deps, ", ")+`}}`)
	return dir
}

func reportCPU(b *testing.B, start int64) {
	b.ReportMetric(float64(processCPU().Nanoseconds()-start)/1e6/float64(b.N), "cpu-ms/op")
}

// BenchmarkForAppCold: nothing cached in memory or on disk.
func BenchmarkForAppCold(b *testing.B) {
	app := benchApp(b)
	base := catalog.Default()
	SetCacheDir("")
	b.Cleanup(Reset)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU().Nanoseconds()
	for i := 0; i < b.N; i++ {
		Reset()
		c, err := ForApp(base, app, app)
		if err != nil || c == base {
			b.Fatalf("ForApp: %v (nothing read)", err)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkForAppCached: a new process (memory empty) with the disk cache
// of an earlier run.
func BenchmarkForAppCached(b *testing.B) {
	app := benchApp(b)
	base := catalog.Default()
	SetCacheDir(b.TempDir())
	b.Cleanup(Reset)
	Reset()
	if _, err := ForApp(base, app, app); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU().Nanoseconds()
	for i := 0; i < b.N; i++ {
		Reset()
		c, err := ForApp(base, app, app)
		if err != nil || c == base {
			b.Fatalf("ForApp: %v (nothing read)", err)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkForAppRecheck: after a watched-file change that left the
// installed set as it was (Invalidate, nothing to re-read).
func BenchmarkForAppRecheck(b *testing.B) {
	app := benchApp(b)
	base := catalog.Default()
	SetCacheDir("")
	b.Cleanup(Reset)
	Reset()
	c0, _ := ForApp(base, app, app)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU().Nanoseconds()
	for i := 0; i < b.N; i++ {
		Invalidate()
		if c, _ := ForApp(base, app, app); c != c0 {
			b.Fatal("rebuilt")
		}
	}
	reportCPU(b, cpu)
}
