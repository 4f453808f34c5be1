package index_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// Hostile workspaces: what an editor's workspace can contain on a bad day.
// The index must skip what it cannot read with a notice, never follow a link
// out of its roots, never block on a special file, and stay within its
// memory bound.

func write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t testing.TB, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks not supported: %v", err)
	}
}

// walk indexes root in a fresh workspace, failing on a hang.
func walk(t testing.TB, opts index.Options, root string, progress func(int)) (*index.Workspace, index.WalkStats) {
	t.Helper()
	ws := index.New(opts)
	ws.AddRoot(root)
	type res struct {
		st  index.WalkStats
		err error
	}
	done := make(chan res, 1)
	go func() {
		st, err := ws.Walk(context.Background(), root, progress)
		done <- res{st, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("Walk: %v", r.err)
		}
		return ws, r.st
	case <-time.After(60 * time.Second):
		t.Fatal("Walk hung")
	}
	return nil, index.WalkStats{}
}

func notice(st index.WalkStats, path string) string {
	for _, n := range st.Notices {
		if n.Path == path {
			return n.Message
		}
	}
	return ""
}

func TestSizeCap(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"src/backend/events.js":  "export function wixBilling_onInvoicePaid(event) {}\n" + strings.Repeat("// padding\n", 200),
		"src/backend/small.js":   "export const x = 1;\n",
		"src/backend/exact.js":   strings.Repeat("x", 1000),
		"src/backend/over.js":    strings.Repeat("x", 1001),
		"node_modules/big/a.js":  strings.Repeat("x", 5000), // skipped folder: not even looked at
		"src/pages/huge.page.js": strings.Repeat("x", 5000), // not a tracked kind: not read
	})
	ws, st := walk(t, index.Options{MaxFileSize: 1000}, root, nil)
	for _, name := range []string{"src/backend/events.js", "src/backend/over.js"} {
		p := filepath.Join(root, name)
		if msg := notice(st, p); !strings.Contains(msg, "larger than the size cap") {
			t.Errorf("%s: notice %q, want a size-cap notice", name, msg)
		}
		if ws.File(p) != nil {
			t.Errorf("%s over the cap was indexed", name)
		}
	}
	for _, name := range []string{"src/backend/small.js", "src/backend/exact.js"} {
		if ws.File(filepath.Join(root, name)) == nil {
			t.Errorf("%s (within the cap) not indexed", name)
		}
	}
	if len(st.Notices) != 2 {
		t.Errorf("notices %+v, want exactly the two files over the cap", st.Notices)
	}
	// DiskChanged applies the same cap.
	if f := ws.DiskChanged(filepath.Join(root, "src/backend/over.js")); f != nil {
		t.Error("DiskChanged indexed a file over the cap")
	}
}

// TestOpenOverCap: an editor buffer over the cap is kept (the user's text
// is never dropped) but not parsed; it is parsed again once it shrinks.
func TestOpenOverCap(t *testing.T) {
	ws := index.New(index.Options{MaxFileSize: 100})
	root := t.TempDir()
	ws.AddRoot(root)
	p := filepath.Join(root, "src/backend/events.js")
	big := "export function wixBilling_onInvoicePaid(event) {}\n" + strings.Repeat("\n", 200)
	f := ws.Open(p, big, 1)
	if !f.TooLarge || f.Text() != big || len(f.Scan.Exports) != 0 || f.Lines().LineCount() != 1 {
		t.Errorf("over the cap: TooLarge %v, kept text %v, %d exports, %d lines; want kept, unparsed",
			f.TooLarge, f.Text() == big, len(f.Scan.Exports), f.Lines().LineCount())
	}
	if ds := analysis.New(ws).File(f); len(ds) != 0 {
		t.Errorf("analysis of an unparsed buffer: %v", ds)
	}
	f = ws.Open(p, big[:60], 2)
	if f.TooLarge || len(f.Scan.Exports) != 1 {
		t.Errorf("back under the cap: TooLarge %v, %d exports", f.TooLarge, len(f.Scan.Exports))
	}
}

// TestGrowingFile: a file that grows between the size check and the read
// (a generator writing it while the index reads it) must never be read past
// the cap.
func TestGrowingFile(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "src/backend/gen.js")
	write(t, root, map[string]string{"src/backend/gen.js": ""})
	const limit = 64 << 10
	ws := index.New(index.Options{MaxFileSize: limit})
	ws.AddRoot(root)
	big := bytes.Repeat([]byte("x"), 16*limit)
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			os.WriteFile(p, nil, 0o644)
			fh, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				continue
			}
			for i := 0; i < len(big); i += 4096 {
				fh.Write(big[i : i+4096])
			}
			fh.Close()
		}
	}()
	deadline := time.Now().Add(time.Second)
	for n := 0; time.Now().Before(deadline); n++ {
		if f := ws.DiskChanged(p); f != nil && len(f.Text()) > limit {
			stop.Store(true)
			wg.Wait()
			t.Fatalf("read %d bytes of a file capped at %d (after %d reads)", len(f.Text()), limit, n)
		}
	}
	stop.Store(true)
	wg.Wait()
}

// TestBrokenBytes: invalid UTF-8, NUL bytes, a UTF-16 file and lone
// surrogates are indexed and analysed without a panic, and every position
// the mapper gives back maps to an offset in the text.
func TestBrokenBytes(t *testing.T) {
	texts := map[string]string{
		"src/backend/events.js":                              "\xef\xbb\xbfexport function wixBilling_onInvoicePaid(event) {\x00}\n\xff\xfe\xfd export function wix\x00Bad_onX(e) {}\r\n",
		"src/backend/nul.js":                                 strings.Repeat("\x00", 4096),
		"src/backend/utf16.js":                               "\xff\xfee\x00x\x00p\x00o\x00r\x00t\x00 \x00f\x00",
		"src/backend/surrogates.js":                          "export const wixBilling_onInvoicePaid = (e) => '\xed\xa0\x80\xed\xb0\x80';\n",
		"src/backend/truncated.js":                           "export function wixBilling_onInvoicePaid(event) { return '\xe2\x82",
		"app/package.json":                                   "{\x00\xff}",
		"app/src/extensions.ts":                              "import x from './\xff.extension.ts';\nexport default app().use(x\x00);",
		"app/src/extensions/backend/events/x/x.extension.ts": "export default extensions.event({ id: '\xff\x00', source: '\x00./x.ts' });",
	}
	root := t.TempDir()
	write(t, root, texts)
	ws, st := walk(t, index.Options{}, root, nil)
	if len(st.Notices) != 0 {
		t.Errorf("notices for readable files: %+v", st.Notices)
	}
	an := analysis.New(ws)
	for name, text := range texts {
		p := filepath.Join(root, filepath.FromSlash(name))
		f := ws.File(p)
		if name == "app/package.json" {
			continue
		}
		if f == nil {
			t.Errorf("%s not indexed", name)
			continue
		}
		if f.Text() != text {
			t.Errorf("%s: text changed while indexing", name)
		}
		an.File(f) // must not panic
		for o := 0; o <= len(text); o++ {
			pos := f.Lines().Position(o, 0)
			if back, err := f.Lines().Offset(pos, 0); err != nil || back < 0 || back > len(text) {
				t.Fatalf("%s: offset %d → %v → %d, %v", name, o, pos, back, err)
			}
		}
	}
}

// TestChangesDuringWalk: files deleted, renamed, replaced by folders, FIFOs,
// dangling links or links out of the workspace while the walk is reading
// them are skipped with a notice; the walk neither fails nor blocks, and
// indexes nothing that was not there.
func TestChangesDuringWalk(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.js": "export function wixSecret_onLeak() {}\n"})
	const n = 2000
	files := map[string]string{}
	name := func(i int) string { return fmt.Sprintf("src/backend/m%04d.js", i) }
	for i := 0; i < n; i++ {
		files[name(i)] = fmt.Sprintf("export function helper%d() {}\n", i)
	}
	write(t, root, files)
	// Files from first on are changed once the walk is under way; the walk
	// reads in path order, and the first progress report comes at 200.
	const first = 1000
	kinds := []string{"deleted", "renamed", "directory", "fifo", "dangling", "outside", "unreadable", "kept"}
	kindOf := func(i int) string { return kinds[i%len(kinds)] }
	var once sync.Once
	ws, st := walk(t, index.Options{}, root, func(int) {
		once.Do(func() {
			for i := first; i < n; i++ {
				p := filepath.Join(root, filepath.FromSlash(name(i)))
				var err error
				switch kindOf(i) {
				case "deleted":
					err = os.Remove(p)
				case "renamed":
					err = os.Rename(p, p+".old")
				case "directory":
					if err = os.Remove(p); err == nil {
						err = os.Mkdir(p, 0o755)
					}
				case "fifo":
					if err = os.Remove(p); err == nil {
						err = syscall.Mkfifo(p, 0o644)
					}
				case "dangling":
					if err = os.Remove(p); err == nil {
						err = os.Symlink(filepath.Join(root, "nowhere.js"), p)
					}
				case "outside":
					if err = os.Remove(p); err == nil {
						err = os.Symlink(filepath.Join(outside, "secret.js"), p)
					}
				case "unreadable":
					err = os.Chmod(p, 0)
				}
				if err != nil {
					t.Errorf("changing %s: %v", p, err)
				}
			}
		})
	})
	root0 := os.Geteuid() == 0 // root reads mode-000 files
	for i := 0; i < n; i++ {
		p := filepath.Join(root, filepath.FromSlash(name(i)))
		f, msg := ws.File(p), notice(st, p)
		switch k := kindOf(i); {
		case i < first || k == "kept" || k == "unreadable" && root0:
			if f == nil || msg != "" {
				t.Errorf("%s (%s): indexed %v, notice %q; want indexed", name(i), k, f != nil, msg)
			}
		default:
			if f != nil || msg == "" {
				t.Errorf("%s (%s): indexed %v, notice %q; want a notice", name(i), k, f != nil, msg)
			}
			if k == "outside" && !strings.Contains(msg, "outside the workspace") {
				t.Errorf("%s: notice %q, want it to say the link leads outside", name(i), msg)
			}
		}
	}
	for _, f := range ws.Files() {
		if strings.Contains(f.Text(), "wixSecret") || strings.HasSuffix(f.Path, ".old") {
			t.Errorf("indexed %s, which was not in the walked tree", f.Path)
		}
	}
}

// TestSymlinks: loops terminate, links out of the workspace (to a file, to
// a folder, to a FIFO) are never followed, links inside it are.
func TestSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, outside, map[string]string{
		"secret.js":                  "export function wixSecret_onLeak() {}\n",
		"site/src/backend/events.js": "export function wixSecret_onLeak() {}\n",
	})
	if err := syscall.Mkfifo(filepath.Join(outside, "fifo.js"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	write(t, root, map[string]string{
		"src/backend/events.js": "export function wixBilling_onInvoicePaid(event) {}\n",
		"src/backend/real.js":   "export function helper() {}\n",
	})
	b := filepath.Join(root, "src/backend")
	symlink(t, "a.js", filepath.Join(b, "b.js"))                                 // b → a → b
	symlink(t, "b.js", filepath.Join(b, "a.js"))                                 //
	symlink(t, "self.js", filepath.Join(b, "self.js"))                           // self-loop
	symlink(t, ".", filepath.Join(b, "dot"))                                     // folder loop
	symlink(t, "..", filepath.Join(b, "up"))                                     // folder loop
	symlink(t, root, filepath.Join(b, "root"))                                   // absolute loop
	symlink(t, filepath.Join(outside, "secret.js"), filepath.Join(b, "leak.js")) // file outside
	symlink(t, "../../../"+filepath.Base(outside)+"/secret.js", filepath.Join(b, "rel.js"))
	symlink(t, filepath.Join(outside, "site"), filepath.Join(root, "linked-site")) // folder outside
	symlink(t, filepath.Join(outside, "fifo.js"), filepath.Join(b, "fifo.js"))     // FIFO outside
	symlink(t, "real.js", filepath.Join(b, "alias.js"))                            // inside: followed
	if err := syscall.Mkfifo(filepath.Join(b, "pipe.js"), 0o644); err != nil {     // FIFO inside
		t.Fatal(err)
	}

	ws, st := walk(t, index.Options{}, root, nil)
	for _, l := range []string{"a.js", "b.js", "self.js", "leak.js", "rel.js", "fifo.js", "pipe.js"} {
		p := filepath.Join(b, l)
		if ws.File(p) != nil || notice(st, p) == "" {
			t.Errorf("%s: indexed %v, notice %q; want skipped with a notice", l, ws.File(p) != nil, notice(st, p))
		}
	}
	for _, l := range []string{"leak.js", "rel.js", "fifo.js"} {
		if msg := notice(st, filepath.Join(b, l)); !strings.Contains(msg, "outside the workspace") {
			t.Errorf("%s: notice %q", l, msg)
		}
	}
	if f := ws.File(filepath.Join(b, "alias.js")); f == nil || !strings.Contains(f.Text(), "helper") {
		t.Error("a link to a file inside the workspace was not followed")
	}
	for _, f := range ws.Files() {
		if strings.Contains(f.Text(), "wixSecret") {
			t.Errorf("read %s from outside the workspace", f.Path)
		}
		if strings.Contains(f.Rel, "dot/") || strings.Contains(f.Rel, "up/") || strings.Contains(f.Rel, "root/") || strings.HasPrefix(f.Rel, "linked-site/") {
			t.Errorf("walked into a linked folder: %s", f.Rel)
		}
	}
	// The same rules hold for a watcher event and for Exists.
	for _, p := range []string{filepath.Join(b, "leak.js"), filepath.Join(root, "linked-site/src/backend/events.js"), filepath.Join(b, "fifo.js"), filepath.Join(b, "a.js")} {
		done := make(chan *index.File, 1)
		go func() { done <- ws.DiskChanged(p) }()
		select {
		case f := <-done:
			if f != nil {
				t.Errorf("DiskChanged(%s) indexed it", p)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("DiskChanged(%s) blocked", p)
		}
		if ws.Exists(p) {
			t.Errorf("Exists(%s) = true for a path leading outside", p)
		}
	}
}

// TestSourceOutsideWorkspace: a builder's source leading out of the app or
// the workspace is reported and never read. The targets are FIFOs: reading
// one would block, so a hang is a read.
func TestSourceOutsideWorkspace(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "ws")
	write(t, parent, map[string]string{"secret.ts": "export default contacts.onContactCreated(() => {});\n"})
	if err := syscall.Mkfifo(filepath.Join(parent, "fifo.ts"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	builder := func(id, source string) string {
		return "import { extensions } from '@wix/astro/builders';\nexport default extensions.event({\n  id: '" + id + "',\n  source: '" + source + "',\n});\n"
	}
	ext := "app/src/extensions/backend/events/"
	write(t, root, map[string]string{
		"app/package.json":       `{"name":"app"}`,
		"app/src/extensions.ts":  "import { app } from '@wix/astro/builders';\nimport a from './extensions/backend/events/a/a.extension.ts';\nimport b from './extensions/backend/events/b/b.extension.ts';\nimport c from './extensions/backend/events/c/c.extension.ts';\nimport d from './extensions/backend/events/d/d.extension.ts';\nexport default app().use(a).use(b).use(c).use(d);\n",
		ext + "a/a.extension.ts": builder("11111111-1111-4111-8111-111111111111", "../../../../../secret.ts"),
		ext + "b/b.extension.ts": builder("22222222-2222-4222-8222-222222222222", "../../../../../fifo.ts"),
		ext + "c/c.extension.ts": builder("33333333-3333-4333-8333-333333333333", "../../../../../../../../../../../../../../etc/shadow"),
		ext + "d/d.extension.ts": builder("44444444-4444-4444-8444-444444444444", "./extensions/backend/events/d/link.ts"),
		"shared/x.ts":            "export default 1;\n",
	})
	// d's source is inside the app, but a link to the FIFO outside.
	symlink(t, filepath.Join(parent, "fifo.ts"), filepath.Join(root, ext+"d/link.ts"))
	ws, _ := walk(t, index.Options{}, root, nil)
	an := analysis.New(ws)
	done := make(chan map[string][]analysis.Diagnostic, 1)
	go func() {
		out := map[string][]analysis.Diagnostic{}
		for _, f := range ws.Files() {
			out[f.Rel] = an.File(f)
		}
		done <- out
	}()
	var got map[string][]analysis.Diagnostic
	select {
	case got = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("analysis blocked: it opened a FIFO outside the workspace")
	}
	for _, x := range []string{"a", "b", "c", "d"} {
		rel := ext + x + "/" + x + ".extension.ts"
		found := false
		for _, d := range got[rel] {
			if d.Code == "missing-source" {
				found = true
				if x != "d" && !strings.Contains(d.Message, "outside") {
					t.Errorf("%s: %q does not say the source leads outside", rel, d.Message)
				}
			}
		}
		if !found {
			t.Errorf("%s: no missing-source diagnostic; got %+v", rel, got[rel])
		}
	}
	for _, f := range ws.Files() {
		if !index.Within(root, f.Path) {
			t.Errorf("indexed %s, outside the workspace", f.Path)
		}
	}
	if ws.File(filepath.Join(parent, "secret.ts")) != nil {
		t.Error("the source outside the workspace was indexed")
	}
}

// TestHundredThousandFiles indexes a generated tree of 100,000 files
// (50,000 tracked backend files, the rest page code, assets and
// node_modules) and checks the heap the index holds stays within its
// bound: 4 KiB per indexed file for these small files (see SECURITY.md).
func TestHundredThousandFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 files")
	}
	root := t.TempDir()
	const sites, perSite = 1000, 100
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for w := 0; w < 32; w++ { // creating files is I/O-bound: write in parallel
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for s := w; s < sites; s += 32 {
				if err := writeSite(filepath.Join(root, fmt.Sprintf("site%04d", s)), perSite); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d files in %v", sites*perSite, time.Since(start).Round(time.Millisecond))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start = time.Now()
	ws, st := walk(t, index.Options{}, root, nil)
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	files := ws.Files()
	want := sites * 50
	if len(files) != want || st.Indexed != want {
		t.Fatalf("indexed %d (%d in the index), want %d", st.Indexed, len(files), want)
	}
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	perFile := heap / int64(want)
	t.Logf("100,000 files (%d indexed) in %v: heap %.1f MiB held (%d B per indexed file), %.1f MiB allocated in total, peak heap %.1f MiB",
		want, took.Round(time.Millisecond), float64(heap)/(1<<20), perFile,
		float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), float64(after.HeapSys)/(1<<20))
	if perFile > 4096 {
		t.Errorf("index holds %d bytes per small file, over the 4 KiB bound", perFile)
	}
	runtime.KeepAlive(ws)
}

// writeSite writes one generated site of n files: half tracked backend
// files, the rest page code, assets and node_modules.
func writeSite(dir string, n int) error {
	for _, d := range []string{"src/backend", "src/pages", "src/public", "node_modules/pkg"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	for i := 0; i < n; i++ {
		var rel, text string
		switch {
		case i == 0:
			rel, text = "src/backend/events.js", "export function wixBilling_onInvoicePaid(event) {\n  console.log(event);\n}\n"
		case i < n/2:
			rel, text = fmt.Sprintf("src/backend/m%02d.js", i), fmt.Sprintf("import { x } from './m%02d';\nexport function helper%d(a) { return a + %d; }\n", i-1, i, i)
		case i < n*3/4:
			rel, text = fmt.Sprintf("src/pages/p%02d.js", i), "$w.onReady(function () {});\n"
		case i < n*9/10:
			rel, text = fmt.Sprintf("src/public/a%02d.css", i), "body{}\n"
		default:
			rel, text = fmt.Sprintf("node_modules/pkg/n%02d.js", i), "module.exports = {};\n"
		}
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// TestConfigFileHostile: .wix-events.json is read under the same rules as
// every other file: a link out of the workspace, a FIFO, a device or a huge
// file is reported as a configuration problem, never read (or blocked on).
func TestConfigFileHostile(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.json": `{"severity": {"unknown-handler": "off"}}`})
	if err := syscall.Mkfifo(filepath.Join(outside, "fifo"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	cases := map[string]func(root, cfg string) error{
		"link outside":   func(root, cfg string) error { return os.Symlink(filepath.Join(outside, "secret.json"), cfg) },
		"link to a FIFO": func(root, cfg string) error { return os.Symlink(filepath.Join(outside, "fifo"), cfg) },
		"FIFO":           func(root, cfg string) error { return syscall.Mkfifo(cfg, 0o644) },
		"device":         func(root, cfg string) error { return os.Symlink("/dev/zero", cfg) },
		"folder":         func(root, cfg string) error { return os.Mkdir(cfg, 0o755) },
		"over the cap": func(root, cfg string) error {
			return os.WriteFile(cfg, []byte(`{"ignore": ["`+strings.Repeat("x", 3<<20)+`"]}`), 0o644)
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			if err := mk(root, filepath.Join(root, ".wix-events.json")); err != nil {
				t.Skip(err)
			}
			ws := index.New(index.Options{})
			done := make(chan *index.Root, 1)
			go func() { done <- ws.AddRoot(root) }()
			select {
			case r := <-done:
				if r.ConfigErr == nil {
					t.Errorf("no configuration error (%d severities, %d ignore globs read)", len(r.Config.Severity), len(r.Config.Ignore))
				}
				if r.Config.Severity["unknown-handler"] == "off" {
					t.Error("read the configuration from outside the workspace")
				}
			case <-time.After(10 * time.Second):
				t.Fatal("reading .wix-events.json blocked")
			}
		})
	}
	// A good one, and a link to one inside the root, still work.
	root := t.TempDir()
	write(t, root, map[string]string{"conf/real.json": `{"severity": {"unknown-handler": "error"}}`})
	symlink(t, "conf/real.json", filepath.Join(root, ".wix-events.json"))
	if r := index.New(index.Options{}).AddRoot(root); r.ConfigErr != nil || r.Config.Severity["unknown-handler"] != "error" {
		t.Errorf("linked configuration inside the root: %+v, %v", r.Config, r.ConfigErr)
	}
}

// FuzzWithin checks the containment test every "inside the workspace"
// decision rests on against its definition: after cleaning, path is dir or
// starts with dir and a separator. "..", ".", doubled separators and
// prefixes that are not folder boundaries ("/a/bc" in "/a/b") must not
// fool it.
func FuzzWithin(f *testing.F) {
	for _, s := range [][2]string{
		{"/a/b", "/a/b/c"}, {"/a/b", "/a/bc"}, {"/a/b", "/a/b/../c"}, {"/a/b", "/a/b/./c/.."},
		{"/", "/x"}, {"/a/b/", "/a/b"}, {"a", "a/../../b"}, {"/a/b", "/a/b/.."}, {"/a/b", "/a/b/c/../../b/d"},
		{"/a/b", "//a//b//c"}, {"/a/b/..", "/a"}, {"/a/b", "/a/b/..."}, {"/a/b", "/a/b/..x"}, {"/a/./b", "/a/b/c"},
		{"", "x"}, {".", ".."}, {"/a/b", "/a/b\\..\\c"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, dir, path string) {
		if strings.ContainsRune(dir+path, 0) {
			return // not a path
		}
		got := index.Within(dir, path)
		d, err1 := filepath.Abs(dir)
		p, err2 := filepath.Abs(path)
		if err1 != nil || err2 != nil {
			return
		}
		want := p == d || strings.HasPrefix(p, strings.TrimSuffix(d, string(filepath.Separator))+string(filepath.Separator))
		if got != want {
			t.Fatalf("Within(%q, %q) = %v; cleaned %q in %q is %v", dir, path, got, p, d, want)
		}
	})
}
