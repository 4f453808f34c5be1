package main

import (
	"context"
	"encoding/json"
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

// check runs the server's analysis over each PATH (a folder, walked as a
// workspace root, or a single file) and prints the findings.
func check(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json or sarif")
	cfgPath := fs.String("config", "", "configuration file (default: each root's "+config.FileName+")")
	noCache := fs.Bool("no-cache", false, "do not read or write the cache of files esbuild found clean (also: "+syntaxcache.EnvVar+"=off)")
	cpu := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (as serve does)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	stop, err := startCPUProfile(*cpu)
	if err != nil {
		fmt.Fprintf(stderr, "wix-events-ls check: %v\n", err)
		return 2
	}
	defer stop()
	if *format != "text" && *format != "json" && *format != "sarif" {
		fmt.Fprintf(stderr, "wix-events-ls check: unknown format %q (want text, json or sarif)\n", *format)
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "wix-events-ls check: no PATH given")
		usage(stderr)
		return 2
	}
	var extra config.Config
	if *cfgPath != "" {
		c, err := config.Load(*cfgPath)
		if err != nil {
			fmt.Fprintf(stderr, "wix-events-ls check: %v\n", err)
			return 2
		}
		extra = c
	}
	// check is a short-lived batch process that builds its index once and
	// exits: collecting garbage half as often costs some memory (a warm
	// run on 10,000 files: ~85 -> ~110 MB) and saves ~15% of its time. An
	// explicit GOGC wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	sc := &analysis.SyntaxChecker{}
	if !*noCache {
		sc = analysis.NewSyntaxChecker(syntaxcache.Dir())
	}
	var all []finding
	for _, arg := range fs.Args() {
		st, err := safefile.Stat(arg) // a FIFO or a device would hang the read
		if err != nil {
			fmt.Fprintf(stderr, "wix-events-ls check: %v\n", err)
			return 2
		}
		fs, err := checkPath(arg, st.IsDir(), extra, sc, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "wix-events-ls check: %s: %v\n", arg, err)
			return 2
		}
		all = append(all, fs...)
	}
	// A cache that cannot be written costs the next run time, not this
	// run its result.
	if err := sc.Cache.Save(); err != nil {
		fmt.Fprintf(stderr, "wix-events-ls check: not caching esbuild verdicts: %v\n", err)
	}
	switch *format {
	case "text":
		for _, f := range all {
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s [%s]\n", f.Path, f.pos.Line+1, f.pos.Character+1, analysis.Severity(f.Severity), f.Message, f.Code)
		}
	case "json":
		b, _ := json.MarshalIndent(all, "", "  ")
		if len(all) == 0 {
			b = []byte("[]")
		}
		fmt.Fprintln(stdout, string(b))
	case "sarif":
		writeSARIF(stdout, all)
	}
	for _, f := range all {
		if f.Severity == int(analysis.SevError) {
			return 1
		}
	}
	return 0
}

func checkPath(arg string, dir bool, extra config.Config, sc *analysis.SyntaxChecker, stderr io.Writer) ([]finding, error) {
	abs, err := filepath.Abs(arg)
	if err != nil {
		return nil, err
	}
	root := abs
	if !dir {
		root = filepath.Dir(abs)
	}
	ws := index.New(index.Options{Config: extra, KeepCall: analysis.KeepCall})
	r := ws.AddRoot(root)
	var out []finding
	if r.ConfigErr != nil {
		cfgFile := filepath.Join(root, config.FileName)
		out = append(out, finding{Path: rel(arg, dir, root, cfgFile), abs: cfgFile, Severity: int(analysis.SevError),
			Code: "invalid-config", Message: r.ConfigErr.Error()})
	}
	// esbuild's syntax check is most of the work: it starts on the first
	// files read and runs in batches (each spreads over the cores by
	// itself) while the walk goes on, then beside the scanner-level rules.
	syntax := sc.Stream()
	var files []*index.File
	if dir {
		stats, err := ws.WalkEach(context.Background(), root, nil, syntax.Add)
		if err != nil {
			syntax.Wait()
			return nil, err
		}
		for _, n := range stats.Notices {
			fmt.Fprintf(stderr, "wix-events-ls check: %s: %s\n", n.Path, n.Message)
		}
		files = ws.Files()
	} else {
		f := ws.DiskChanged(abs)
		if f == nil {
			// Say why nothing was checked: unreadable, or not a file Wix
			// events live in. Opening is enough to tell (never read: the
			// path may be a FIFO or a device).
			syntax.Wait()
			fh, err := os.Open(abs)
			if err != nil {
				return nil, err
			}
			fh.Close()
			return out, nil
		}
		files = []*index.File{f}
		syntax.Add(f)
	}
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
					per[i] = append(per[i], locate(f, d, rel(arg, dir, root, f.Path)))
				}
			}
		}()
	}
	wg.Wait()
	found := syntax.Wait()
	for i, f := range files {
		for _, d := range analysis.ApplySeverity(found[f], ws.ConfigFor(f.Path)) {
			per[i] = append(per[i], locate(f, d, rel(arg, dir, root, f.Path)))
		}
	}
	for _, fs := range per {
		out = append(out, fs...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].abs != out[j].abs {
			return out[i].abs < out[j].abs
		}
		if out[i].pos.Line != out[j].pos.Line {
			return out[i].pos.Line < out[j].pos.Line
		}
		return out[i].pos.Character < out[j].pos.Character
	})
	return out, nil
}

// rel names a file relative to the PATH the user gave, slash-separated.
func rel(arg string, dir bool, root, path string) string {
	if !dir {
		return filepath.ToSlash(arg)
	}
	r, err := filepath.Rel(root, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(filepath.Join(arg, r))
}

func locate(f *index.File, d analysis.Diagnostic, name string) finding {
	a := f.Lines().Position(int(d.Span.Start), textpos.UTF16)
	b := f.Lines().Position(int(d.Span.End), textpos.UTF16)
	return finding{
		Path: name, abs: f.Path, pos: a,
		Range:    jsonRange{Start: jsonPos{a.Line, a.Character}, End: jsonPos{b.Line, b.Character}},
		Severity: int(d.Severity), Code: d.Code, Message: d.Message,
	}
}

// writeSARIF prints SARIF 2.1.0 with one rule per diagnostic code.
func writeSARIF(w io.Writer, all []finding) {
	type msg struct {
		Text string `json:"text"`
	}
	type rule struct {
		ID               string `json:"id"`
		Name             string `json:"name"`
		ShortDescription msg    `json:"shortDescription"`
		FullDescription  msg    `json:"fullDescription"`
		DefaultConfig    struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	level := func(sev int) string {
		switch analysis.Severity(sev) {
		case analysis.SevError:
			return "error"
		case analysis.SevWarning:
			return "warning"
		}
		return "note"
	}
	var rules []rule
	idx := map[string]int{}
	for i, r := range analysis.Rules {
		ru := rule{ID: r.Code, Name: strings.ReplaceAll(r.Summary, " ", ""), ShortDescription: msg{r.Summary}, FullDescription: msg{r.HelpText}}
		ru.DefaultConfig.Level = level(int(r.Default))
		rules = append(rules, ru)
		idx[r.Code] = i
	}
	type region struct {
		StartLine   uint32 `json:"startLine"`
		StartColumn uint32 `json:"startColumn"`
		EndLine     uint32 `json:"endLine"`
		EndColumn   uint32 `json:"endColumn"`
	}
	type result struct {
		RuleID    string `json:"ruleId"`
		RuleIndex int    `json:"ruleIndex"`
		Level     string `json:"level"`
		Message   msg    `json:"message"`
		Locations []struct {
			PhysicalLocation struct {
				ArtifactLocation struct {
					URI string `json:"uri"`
				} `json:"artifactLocation"`
				Region region `json:"region"`
			} `json:"physicalLocation"`
		} `json:"locations"`
	}
	results := []result{}
	for _, f := range all {
		r := result{RuleID: f.Code, RuleIndex: idx[f.Code], Level: level(f.Severity), Message: msg{f.Message}}
		r.Locations = make([]struct {
			PhysicalLocation struct {
				ArtifactLocation struct {
					URI string `json:"uri"`
				} `json:"artifactLocation"`
				Region region `json:"region"`
			} `json:"physicalLocation"`
		}, 1)
		pl := &r.Locations[0].PhysicalLocation
		pl.ArtifactLocation.URI = f.Path
		// SARIF columns are 1-based; UTF-16 units, like the JSON format.
		pl.Region = region{f.Range.Start.Line + 1, f.Range.Start.Character + 1, f.Range.End.Line + 1, f.Range.End.Character + 1}
		results = append(results, r)
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "wix-events-ls", "informationUri": "https://dev.wix.com/docs/", "rules": rules,
			}},
			"columnKind": "utf16CodeUnits",
			"results":    results,
		}},
	}
	b, _ := json.MarshalIndent(doc, "", "  ")
	fmt.Fprintln(w, string(b))
}
