package analysis_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// BenchmarkCLIKeystroke measures what one edit of a handler file costs in
// an app of 100 event extensions: the server re-diagnoses every file of
// the app (Analyzer.Dependents).
func BenchmarkCLIKeystroke(b *testing.B) {
	dir := b.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("package.json", "{}")
	var imps, uses strings.Builder
	evs := analysis.New(index.New(index.Options{KeepCall: analysis.KeepCall})).Catalog("").AllSDKEvents()
	for i := 0; i < 100; i++ {
		e := evs[i*3]
		name := fmt.Sprintf("ext-%03d", i)
		d := "src/extensions/backend/events/" + name + "/"
		write(d+name+".extension.ts", fmt.Sprintf("import { extensions } from '@wix/astro/builders';\nexport default extensions.event({ id: '%s', source: './extensions/backend/events/%s/%s.ts' });\n", analysis.NewUUID(), name, name))
		write(d+name+".ts", fmt.Sprintf("import { %s } from '%s';\nexport default %s.%s((event) => {\n  console.log(event);\n});\n", e.Namespace, e.ImportPath, e.Namespace, e.Export))
		fmt.Fprintf(&imps, "import e%d from './extensions/backend/events/%s/%s.extension.ts';\n", i, name, name)
		fmt.Fprintf(&uses, ".use(e%d)", i)
	}
	write("src/extensions.ts", "import { app } from '@wix/astro/builders';\n"+imps.String()+"export default app()"+uses.String()+";\n")
	ws := index.New(index.Options{KeepCall: analysis.KeepCall})
	ws.AddRoot(dir)
	if _, err := ws.Walk(context.Background(), dir, nil); err != nil {
		b.Fatal(err)
	}
	an := analysis.New(ws)
	target := filepath.Join(dir, "src/extensions/backend/events/ext-000/ext-000.ts")
	text := ws.File(target).Text()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		f := ws.Open(target, text+strings.Repeat(" ", i%7), int32(i))
		for _, g := range an.Dependents(f) {
			n += len(an.File(g))
		}
	}
	_ = n
}
