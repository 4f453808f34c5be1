package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// trickySyntax are texts on which esbuild's checks go beyond "does it
// parse": early errors (redeclarations, strict mode, labels, private
// names, duplicate exports), TypeScript-only forms, and one the bundler
// alone rejects (assigning to an import). Each is checked as .js and .ts.
var trickySyntax = []string{
	"let a; let a;", "export {missing}", "function f(){ await x }", "with (a) {}", "var x = 010;", "delete x;",
	"export const a=1; export {a}", "import x from 'y'; x = 1;", "return 1", "super()", "new.target", "a: a: ;",
	"break;", "/a/gg", "'\\08'", "let interface = 1", "eval = 1", "class A { get x(a){} }",
	"class A { constructor(){} constructor(){} }", "class A { m(){ this.#x } }", "<!-- x", "x\n#!/bin",
	"export default 1; export default 2", "import {a} from 'x'; let a;", "for (let a of b) { var a }",
	"'use strict'; with(a){}", "module.exports = 1; with(a){}", "function f(a,a){'use strict'}", "arguments = 1",
	"let let = 1", "yield = 1", "async function f(){ var await }", "export function f(){}\nexport function f(){}",
	"const x;", "label: { break nope; }", "continue;", "if (a) function f(){}", "({a:1} = 1)",
	"import.meta", "require('x')", "export * as a from 'x'; export const a = 1", "`${`", "x = 1n", "0b12",
	"x?.y = 1", "new a?.b()", "#x in y", "class A { static { await } }", "for await (x of y);", "await 1",
	"'\\u{110000}'", "/(?<a>x)(?<a>y)/", "/[/", "x = { __proto__: 1, __proto__: 2 }", "let [a, a] = b",
	"try {} catch ([a, a]) {}", "import x from './self.js'; export { x as y }", "export * from 'wix-events-ls-batch:0'",
	"import 'wix-events-ls-batch:1'; import x from 'wix-events-ls-batch:2'; x()",
	"enum E { A }", "namespace N { export const x = 1 }", "export = x", "import x = require('y')",
	"declare const x: number;", "let x = <T>y;", "const x = <div/>;", "abstract class A { abstract m(): void }",
	"type T = ;", "interface I { a: number }", "const x: = 1", "@dec class A {}", "class A { @dec m(){} }",
	"export type { T } from './x'", "import type X, { Y } from 'x'", "let x!: number;", "const a = b satisfies C;",
	"class A { constructor(private x, private x) {} }", "declare module 'x' { export const a: 1 }",
	"export default interface I {}", "const enum E { A }", "let f = async <T,>(x: T) => x", "\ufeffexport const a = 1",
	"export default contacts.onContactCreated((event) => { console.log(event.entity; });",
	"", "\x00", "\xff\xfe", "/*", "'", "export function wixCrm_onContactCreated(event) {",
}

// TestBatchMatchesTransform: CheckAll (batched Builds) must give exactly
// what Check (one Transform per file) gives, file by file, on tricky
// snippets, every fixture and sample file, and mutations of them that
// break them in many ways, all in the same batches.
func TestBatchMatchesTransform(t *testing.T) {
	root := t.TempDir()
	var files []*index.File
	add := func(name, text string) {
		p := filepath.Join(root, fmt.Sprintf("s%d", len(files)), filepath.FromSlash(name))
		files = append(files, index.NewFile(root, p, text, 0, false))
	}
	for _, s := range trickySyntax {
		add("src/backend/x.js", s)
		add("src/backend/events/x/x.ts", s)
	}
	var corpus []string
	for _, glob := range []string{"testdata/*/*.txtar", "../lsp/testdata/*/*.txtar"} {
		archives, _ := filepath.Glob(glob)
		for _, a := range archives {
			ar, err := txtar.ParseFile(a)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range ar.Files {
				if index.Classify(f.Name) != index.KindOther {
					add(f.Name, string(f.Data))
					corpus = append(corpus, f.Name, string(f.Data))
				}
			}
		}
	}
	filepath.WalkDir("../testdata/sample", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(p, "/src/") {
			rel := p[strings.Index(p, "/src/")+1:]
			if index.Classify(rel) != index.KindOther {
				b, _ := os.ReadFile(p)
				add(rel, string(b))
				corpus = append(corpus, rel, string(b))
			}
		}
		return nil
	})
	if len(corpus) < 40 {
		t.Fatalf("only %d corpus files found", len(corpus)/2)
	}
	// Mutations: a character deleted, a bracket or quote inserted, a line
	// duplicated (redeclarations), at spread positions.
	for i := 0; i < len(corpus); i += 2 {
		name, text := corpus[i], corpus[i+1]
		for k := 1; k <= 6 && len(text) > 0; k++ {
			at := len(text) * k / 7
			add(name, text[:at]+text[min(at+1, len(text)):])
			add(name, text[:at]+"({'`"[k%4:k%4+1]+text[at:])
			if nl := strings.IndexByte(text[at:], '\n'); nl >= 0 {
				line := text[:at+nl+1]
				line = line[strings.LastIndexByte(line[:len(line)-1], '\n')+1:]
				add(name, text[:at+nl+1]+line+text[at+nl+1:])
			}
		}
	}
	// The batch's own verdicts, before CheckAll's Transform of the flagged:
	// a file it passes must be clean for Transform (the claim CheckAll
	// rests on), and it may flag only a few clean ones (it is stricter).
	stricter := 0
	var bp batchParser
	defer bp.release()
	for lo := 0; lo < len(files); lo += batchFiles {
		chunk := files[lo:min(lo+batchFiles, len(files))]
		flagged, ok := bp.parse(chunk)
		if !ok {
			t.Fatalf("batch at %d: an error could not be placed in a file", lo)
		}
		for j, f := range chunk {
			bad := len(SyntaxCheck(f)) > 0
			switch {
			case bad && !flagged[j]:
				t.Errorf("%s %q: Transform finds errors, the batch none", f.Rel, trunc(f.Text()))
			case flagged[j] && !bad:
				stricter++
			}
		}
	}
	if stricter > 10 {
		t.Errorf("the batch flagged %d files Transform finds clean; expected only a few (assignments to imports)", stricter)
	}
	batched := (&SyntaxChecker{}).CheckAll(files)
	flagged := 0
	for i, f := range files {
		want := RenderForTest(SyntaxCheck(f))
		if got := RenderForTest(batched[i]); got != want {
			t.Errorf("%s %q:\nbatched:\n%s\nTransform:\n%s", f.Rel, trunc(f.Text()), got, want)
		}
		if want != "" {
			flagged++
		}
	}
	// The corpus must exercise both verdicts in volume.
	if flagged < len(files)/4 || flagged > len(files)*3/4 {
		t.Errorf("%d of %d files have syntax errors; the corpus should mix both", flagged, len(files))
	}
	t.Logf("%d files, %d with syntax errors, %d flagged only by the batch", len(files), flagged, stricter)
}

// TestCheckAllCache: CheckAll records clean verdicts and skips them the
// next time, as Check does, and never records a file with errors.
func TestCheckAllCache(t *testing.T) {
	root := t.TempDir()
	clean := index.NewFile(root, filepath.Join(root, "src/backend/events.js"), "export function wixCrm_onContactCreated(event) {}\n", 0, false)
	broken := index.NewFile(root, filepath.Join(root, "src/backend/data.js"), "export function x( {}\n", 0, false)
	sc := &SyntaxChecker{Cache: syntaxcache.Open(t.TempDir())}
	for run := 0; run < 2; run++ {
		got := sc.CheckAll([]*index.File{clean, nil, broken})
		if len(got) != 3 || len(got[0]) != 0 || len(got[1]) != 0 || len(got[2]) != 1 {
			t.Fatalf("run %d: %v", run, got)
		}
	}
	if hits := sc.Cache.Hits(); hits != 1 {
		t.Errorf("cache hits = %d, want 1 (the clean file, second run)", hits)
	}
}

func trunc(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// TestBatchReadsNothing: a batch resolves nothing and reads nothing from
// disk. Run from a folder whose tsconfig.json, package.json and
// node_modules would break the parse (or point imports at broken files) if
// esbuild looked at them, files importing bare, relative and absolute
// paths are clean.
func TestBatchReadsNothing(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"tsconfig.json":               "{ this is not json",
		"package.json":                "{ nor is this",
		"node_modules/x/package.json": `{"main": "index.js"}`,
		"node_modules/x/index.js":     "export const = ;",
		"y.js":                        "export const = ;",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	root := t.TempDir()
	var files []*index.File
	for i, text := range []string{
		"import x from 'x'; export function wixCrm_onContactCreated(event) { x(event) }",
		"import { y } from './y.js'; import z from '" + filepath.ToSlash(filepath.Join(dir, "y.js")) + "'; y(z);",
		"import { contacts } from '@wix/crm'; export default contacts.onContactCreated(async (event) => { await import('./y.js') });",
		"const x = require('x'); const y = require('./y.js'); module.exports = { x, y };",
	} {
		files = append(files, index.NewFile(root, filepath.Join(root, fmt.Sprintf("src/backend/events/f%d/f%d.ts", i, i)), text, 0, false))
	}
	var bp batchParser
	defer bp.release()
	flagged, ok := bp.parse(files)
	if !ok {
		t.Fatal("the batch failed")
	}
	for i, f := range files {
		if flagged[i] {
			t.Errorf("%q flagged: the batch read or resolved something on disk", f.Text())
		}
	}
}
