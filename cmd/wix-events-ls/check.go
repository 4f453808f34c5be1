package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/catalog/installed"
	"github.com/wix-events-ls/wix-events-ls/config"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
	"github.com/wix-events-ls/wix-events-ls/internal/safefile"
	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// finding is one diagnostic located for output.
type finding struct {
	Path     string    `json:"path"`
	Range    jsonRange `json:"range"`
	Severity int       `json:"severity"`
	Code     string    `json:"code"`
	Message  string    `json:"message"`
	abs      string    // absolute path, for sorting and SARIF
	pos      textpos.Position
}

type jsonPos struct {
	Line      uint32 `json:"line"`
	Character uint32 `json:"character"`
}

type jsonRange struct {
	Start jsonPos `json:"start"`
	End   jsonPos `json:"end"`
}

// checkOptions are check's flags.
type checkOptions struct {
	format      string
	cfgPath     string
	noCache     bool
	cpu         string
	quiet       bool
	maxWarnings int
}

// parseCheckArgs reads flags anywhere in args (`check site --format json`
// as well as `check --format json site`); after "--" every argument is a
// path.
func parseCheckArgs(args []string, stderr io.Writer) (checkOptions, []string, error) {
	var o checkOptions
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.format, "format", "text", "output format: text, json, sarif or github")
	fs.StringVar(&o.cfgPath, "config", "", "configuration file (default: each project's "+config.FileName+")")
	fs.BoolVar(&o.noCache, "no-cache", false, "do not read or write the caches (files esbuild found clean, installed @wix packages read; also: "+syntaxcache.EnvVar+"=off)")
	fs.StringVar(&o.cpu, "cpuprofile", "", "write a CPU profile of the run to this file (as serve does)")
	fs.BoolVar(&o.quiet, "quiet", false, "report errors only")
	fs.IntVar(&o.maxWarnings, "max-warnings", -1, "exit 1 when more than this many warnings are found (-1: no limit)")
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return o, nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return o, append(paths, rest...), nil
		}
		if len(rest) == 0 {
			return o, paths, nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// target is one PATH argument: a file or a folder inside a project.
type target struct {
	arg string // as given, for naming files in the output
	abs string // absolute; links resolved up to the project root only
	dir bool
	// other: a file whose path makes it no Wix file in its project
	// (index.Classify), so its project need not be analysed for it.
	other bool
}

// project is a folder analysed as one workspace root, and the PATHs of it
// to report.
type project struct {
	root    string
	targets []int // indexes into the targets slice
}

// check analyses the project of each PATH (a file or a folder) as a whole,
// since cross-file rules need all of it, and prints the findings of the
// given PATHs only: a file's findings are exactly those `check <project>`
// reports for it.
func check(args []string, stdout, stderr io.Writer) int {
	o, paths, err := parseCheckArgs(args, stderr)
	if err != nil {
		return 2
	}
	stop, err := startCPUProfile(o.cpu)
	if err != nil {
		fmt.Fprintf(stderr, "wix-events-ls check: %v\n", err)
		return 2
	}
	defer stop()
	switch o.format {
	case "text", "json", "sarif", "github":
	default:
		fmt.Fprintf(stderr, "wix-events-ls check: unknown format %q (want text, json, sarif or github)\n", o.format)
		return 2
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "wix-events-ls check: no PATH given")
		usage(stderr)
		return 2
	}
	var extra config.Config
	if o.cfgPath != "" {
		c, err := config.Load(o.cfgPath)
		if err != nil {
			fmt.Fprintf(stderr, "wix-events-ls check: %v\n", err)
			return 2
		}
		extra = c
	}
	targets := make([]target, len(paths))
	var projects []*project
	byRoot := map[string]*project{}
	for i, arg := range paths {
		t, root, err := resolveTarget(arg)
		if err != nil {
			fmt.Fprintf(stderr, "wix-events-ls check: %v\n", err)
			return 2
		}
		targets[i] = t
		p := byRoot[root]
		if p == nil {
			p = &project{root: root}
			byRoot[root] = p
			projects = append(projects, p)
		}
		p.targets = append(p.targets, i)
	}
	// check is a short-lived batch process that builds its index once and
	// exits: collecting garbage half as often costs some memory (a warm
	// run on 10,000 files: ~85 -> ~110 MB) and saves ~15% of its time. An
	// explicit GOGC wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	sc := &analysis.SyntaxChecker{}
	if !o.noCache {
		sc = analysis.NewSyntaxChecker(syntaxcache.Dir())
	} else {
		installed.SetCacheDir("") // nor the installed packages' extractions
	}
	// Each target's findings, in argument order; a file named by two
	// targets is reported once.
	per := make([][]finding, len(targets))
	checked := make([]int, len(targets)) // files under each target
	reported := map[string]bool{}        // files (and configurations) printed
	seen := map[string]bool{}            // files checked, for the summary
	for _, p := range projects {
		needed := false
		for _, ti := range p.targets {
			needed = needed || !targets[ti].other
		}
		if !needed {
			// Only files no rule applies to (what lint-staged passes
			// besides Wix files): nothing to walk.
			for _, ti := range p.targets {
				fmt.Fprintf(stderr, "wix-events-ls check: %s: %s\n", targets[ti].arg, noWixFiles)
			}
			continue
		}
		res, err := analyseProject(p.root, extra, sc)
		if err != nil {
			fmt.Fprintf(stderr, "wix-events-ls check: %s: %v\n", p.root, err)
			return 2
		}
		if res.configErr != nil && !reported[res.configErr.abs] {
			// A broken configuration changes every result of the project:
			// reported whichever of its paths was asked for.
			reported[res.configErr.abs] = true
			t := targets[p.targets[0]]
			f := *res.configErr
			f.Path = displayName(t, f.abs)
			per[p.targets[0]] = append(per[p.targets[0]], f)
		}
		for _, ti := range p.targets {
			t := targets[ti]
			for _, n := range res.notices {
				if t.covers(n.Path) {
					fmt.Fprintf(stderr, "wix-events-ls check: %s: %s\n", displayName(t, n.Path), n.Message)
				}
			}
			for _, f := range res.files {
				if !t.covers(f.Path) {
					continue
				}
				checked[ti]++
				seen[f.Path] = true
				if reported[f.Path] {
					continue
				}
				reported[f.Path] = true
				for _, fd := range res.findings[f.Path] {
					fd.Path = displayName(t, fd.abs)
					per[ti] = append(per[ti], fd)
				}
			}
			if checked[ti] == 0 {
				fmt.Fprintf(stderr, "wix-events-ls check: %s: %s\n", t.arg, noWixFiles)
			}
		}
	}
	// A cache that cannot be written costs the next run time, not this
	// run its result.
	if err := sc.Cache.Save(); err != nil {
		fmt.Fprintf(stderr, "wix-events-ls check: not caching esbuild verdicts: %v\n", err)
	}
	var all []finding
	for i := range per {
		all = append(all, per[i]...)
	}
	if o.quiet {
		kept := all[:0]
		for _, f := range all {
			if f.Severity == int(analysis.SevError) {
				kept = append(kept, f)
			}
		}
		all = kept
	}
	s := summarize(all, len(seen))
	switch o.format {
	case "text":
		writeText(stdout, all, s, useColor(stdout))
	case "github":
		writeGitHub(stdout, all, s)
	case "json":
		writeJSON(stdout, all)
	case "sarif":
		writeSARIF(stdout, all)
	}
	code := 0
	if s.errors > 0 {
		code = 1
	}
	if o.maxWarnings >= 0 && s.warnings > o.maxWarnings {
		fmt.Fprintf(stderr, "wix-events-ls check: too many warnings (%d; maximum: %d)\n", s.warnings, o.maxWarnings)
		code = 1
	}
	return code
}

// noWixFiles is the note for a PATH holding no file any rule applies to.
const noWixFiles = "no Wix backend-event files (Velo backend .js/.jsw files, Wix CLI *.extension.ts, src/extensions.ts and backend/events/ handlers)"

// covers reports whether the file or notice at path is one of the target's.
func (t target) covers(path string) bool {
	if t.dir {
		return index.Within(t.abs, path)
	}
	return path == t.abs
}

// displayName names path (inside the target) as the user named the
// target: the argument itself for a file, the argument joined with the
// path below it for a folder; slash-separated. A path outside the target
// (a project's configuration file) is named relative to the working
// directory.
func displayName(t target, path string) string {
	if !t.covers(path) {
		if wd, err := os.Getwd(); err == nil {
			if r, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(r, "..") {
				return filepath.ToSlash(r)
			}
		}
		return filepath.ToSlash(path)
	}
	if !t.dir {
		return filepath.ToSlash(t.arg)
	}
	r, err := filepath.Rel(t.abs, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(filepath.Join(t.arg, r))
}

// projectMarkers are what make a folder a project root: a Velo site
// (src/backend), a Wix CLI app or Studio project (src/extensions.ts,
// package.json, wix.config.json), or a repository.
var projectMarkers = []string{"src/backend", "src/extensions.ts", "package.json", "wix.config.json", ".git"}

// resolveTarget checks a PATH argument (a regular file or a folder; never
// opened, so a FIFO or a device cannot block) and finds its project root:
// the nearest folder at or above it holding a project marker. Links are
// resolved in the root's own path only; inside the project, the walk
// decides (it never follows a link out of the root).
func resolveTarget(arg string) (target, string, error) {
	st, err := safefile.Stat(arg) // a folder, or a regular file: a FIFO or a device would hang a read
	if err != nil {
		return target{}, "", err
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return target{}, "", err
	}
	t := target{arg: arg, abs: abs, dir: st.IsDir()}
	start := abs
	if !t.dir {
		start = filepath.Dir(abs)
	}
	root := findProjectRoot(start)
	if root == "" {
		// No marker anywhere above: the folder itself, or for a file the
		// nearest folder from which it is a Wix file (backend/events.js
		// seen from above its backend folder).
		root = start
		if !t.dir {
			for d := start; ; d = filepath.Dir(d) {
				if r, err := filepath.Rel(d, abs); err == nil && index.Classify(filepath.ToSlash(r)) != index.KindOther {
					root = d
					break
				}
				if filepath.Dir(d) == d {
					break
				}
			}
		}
	}
	if !t.dir {
		r, err := filepath.Rel(root, abs)
		t.other = err != nil || index.Classify(filepath.ToSlash(r)) == index.KindOther
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return target{}, "", err
	}
	if real != root {
		r, err := filepath.Rel(root, abs)
		if err != nil {
			return target{}, "", err
		}
		t.abs = filepath.Join(real, r)
		root = real
	}
	return t, root, nil
}

// findProjectRoot returns the nearest folder at or above dir holding one
// of projectMarkers, or "".
func findProjectRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		for _, m := range projectMarkers {
			st, err := os.Stat(filepath.Join(d, filepath.FromSlash(m)))
			if err != nil {
				continue
			}
			if m == "src/backend" && !st.IsDir() {
				continue
			}
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// analysed is one project's analysis: every indexed file with its
// findings (sorted by position; Path left to the caller).
type analysed struct {
	files     []*index.File // sorted by path
	findings  map[string][]finding
	configErr *finding
	notices   []index.Notice
}

// analyseProject walks root as one workspace root and runs every rule on
// every file, as the server does.
func analyseProject(root string, extra config.Config, sc *analysis.SyntaxChecker) (*analysed, error) {
	ws := index.New(index.Options{Config: extra, KeepCall: analysis.KeepCall, Snapshot: true})
	r := ws.AddRoot(root)
	res := &analysed{findings: map[string][]finding{}}
	if r.ConfigErr != nil {
		cfgFile := filepath.Join(root, config.FileName)
		res.configErr = &finding{abs: cfgFile, Severity: int(analysis.SevError),
			Code: "invalid-config", Message: r.ConfigErr.Error()}
	}
	// esbuild's syntax check is most of the work: it starts on the first
	// files read and runs in batches (each spreads over the cores by
	// itself) while the walk goes on, then beside the scanner-level rules.
	syntax := sc.Stream()
	stats, err := ws.WalkEach(context.Background(), root, nil, syntax.Add)
	if err != nil {
		syntax.Wait()
		return nil, err
	}
	res.notices = stats.Notices
	files := ws.Files()
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	res.files = files
	an := analysis.New(ws)
	per := make([][]finding, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				f := files[i]
				for _, d := range an.File(f) {
					per[i] = append(per[i], locate(f, d))
				}
			}
		}()
	}
	wg.Wait()
	found := syntax.Wait()
	for i, f := range files {
		for _, d := range analysis.ApplySeverity(found[f], ws.ConfigFor(f.Path)) {
			per[i] = append(per[i], locate(f, d))
		}
		fs := per[i]
		sort.SliceStable(fs, func(i, j int) bool {
			if fs[i].pos.Line != fs[j].pos.Line {
				return fs[i].pos.Line < fs[j].pos.Line
			}
			return fs[i].pos.Character < fs[j].pos.Character
		})
		if len(fs) > 0 {
			res.findings[f.Path] = fs
		}
	}
	return res, nil
}

func locate(f *index.File, d analysis.Diagnostic) finding {
	a := f.Lines().Position(int(d.Span.Start), textpos.UTF16)
	b := f.Lines().Position(int(d.Span.End), textpos.UTF16)
	return finding{
		abs: f.Path, pos: a,
		Range:    jsonRange{Start: jsonPos{a.Line, a.Character}, End: jsonPos{b.Line, b.Character}},
		Severity: int(d.Severity), Code: d.Code, Message: d.Message,
	}
}
