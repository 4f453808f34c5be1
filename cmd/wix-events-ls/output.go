package main

// check's output formats: text (with a summary line, colored on a
// terminal), json, sarif and github (workflow annotation commands).

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/lsp"
)

// repoURL is the project's home; rulesDocURL + "#" + code documents a rule
// (docs/rules.md, generated from analysis.Rules and checked by a test).
const (
	repoURL     = "https://github.com/wix-events-ls/wix-events-ls"
	rulesDocURL = repoURL + "/blob/main/docs/rules.md"
)

// summary counts the findings printed.
type summary struct {
	errors, warnings, others int
	files                    int // files with findings
	checked                  int // files checked
}

func summarize(all []finding, checked int) summary {
	s := summary{checked: checked}
	seen := map[string]bool{}
	for _, f := range all {
		switch analysis.Severity(f.Severity) {
		case analysis.SevError:
			s.errors++
		case analysis.SevWarning:
			s.warnings++
		default:
			s.others++
		}
		if !seen[f.abs] {
			seen[f.abs] = true
			s.files++
		}
	}
	return s
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// line is the summary, in ESLint's words: `✖ 19 problems (13 errors, 6
// warnings) in 11 files`, or `✔ no problems (4 files checked)`; "" when
// no file was checked at all (stderr said why).
func (s summary) line() string {
	n := s.errors + s.warnings + s.others
	if n == 0 {
		if s.checked == 0 {
			return ""
		}
		return fmt.Sprintf("✔ no problems (%s checked)", plural(s.checked, "file"))
	}
	counts := plural(s.errors, "error") + ", " + plural(s.warnings, "warning")
	if s.others > 0 {
		counts += ", " + plural(s.others, "note")
	}
	return fmt.Sprintf("✖ %s (%s) in %s", plural(n, "problem"), counts, plural(s.files, "file"))
}

// ANSI styles for the text format.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// useColor decides whether the text format is colored: FORCE_COLOR (as
// Node tools read it: set and not "0" or "false" forces color, "0" or
// "false" turns it off) wins over NO_COLOR (set and not empty: no color);
// otherwise color when stdout is a terminal and TERM is not "dumb".
func useColor(w io.Writer) bool {
	if v, ok := os.LookupEnv("FORCE_COLOR"); ok {
		return v != "0" && v != "false"
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// writeText prints `path:line:col: severity: message [code]` per finding
// (1-based line and UTF-16 column), then the summary line.
func writeText(w io.Writer, all []finding, s summary, color bool) {
	paint := func(style, text string) string {
		if !color {
			return text
		}
		return style + text + ansiReset
	}
	for _, f := range all {
		sev := analysis.Severity(f.Severity).String()
		switch analysis.Severity(f.Severity) {
		case analysis.SevError:
			sev = paint(ansiRed, sev)
		case analysis.SevWarning:
			sev = paint(ansiYellow, sev)
		case analysis.SevInfo:
			sev = paint(ansiCyan, sev)
		default:
			sev = paint(ansiDim, sev)
		}
		loc := fmt.Sprintf("%s:%d:%d:", f.Path, f.pos.Line+1, f.pos.Character+1)
		fmt.Fprintf(w, "%s %s: %s %s\n", paint(ansiBold, loc), sev, f.Message, paint(ansiDim, "["+f.Code+"]"))
	}
	line := s.line()
	if line == "" {
		return
	}
	style := ansiGreen
	switch {
	case s.errors > 0:
		style = ansiBold + ansiRed
	case s.warnings+s.others > 0:
		style = ansiBold + ansiYellow
	}
	if len(all) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, paint(style, line))
}

func writeJSON(w io.Writer, all []finding) {
	b, _ := json.MarshalIndent(all, "", "  ")
	if len(all) == 0 {
		b = []byte("[]")
	}
	fmt.Fprintln(w, string(b))
}

// GitHub workflow commands escape their message (data) and, more
// strictly, their properties.
var (
	ghData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProp = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// writeGitHub prints one workflow command per finding, which GitHub
// Actions shows as an annotation on the file and line (1-based columns,
// end exclusive as in SARIF), then the summary as a plain log line.
func writeGitHub(w io.Writer, all []finding, s summary) {
	for _, f := range all {
		cmd := "notice"
		switch analysis.Severity(f.Severity) {
		case analysis.SevError:
			cmd = "error"
		case analysis.SevWarning:
			cmd = "warning"
		}
		title := f.Code
		if r, ok := analysis.RuleByCode(f.Code); ok {
			title = r.Summary + " (" + f.Code + ")"
		}
		fmt.Fprintf(w, "::%s file=%s,line=%d,endLine=%d,col=%d,endColumn=%d,title=%s::%s\n", cmd,
			ghProp.Replace(f.Path), f.Range.Start.Line+1, f.Range.End.Line+1, f.Range.Start.Character+1, f.Range.End.Character+1,
			ghProp.Replace(title), ghData.Replace(f.Message))
	}
	if line := s.line(); line != "" {
		fmt.Fprintln(w, line)
	}
}

// sarifURI is a file's artifact URI: its slash path, percent-encoded.
func sarifURI(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
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
		Help             msg    `json:"help"`
		HelpURI          string `json:"helpUri"`
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
		ru := rule{ID: r.Code, Name: r.Summary, ShortDescription: msg{r.Summary}, FullDescription: msg{r.HelpText},
			Help: msg{r.HelpText}, HelpURI: rulesDocURL + "#" + r.Code}
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
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		RuleIndex int        `json:"ruleIndex"`
		Level     string     `json:"level"`
		Message   msg        `json:"message"`
		Locations []location `json:"locations"`
	}
	results := []result{}
	for _, f := range all {
		r := result{RuleID: f.Code, RuleIndex: idx[f.Code], Level: level(f.Severity), Message: msg{f.Message}}
		r.Locations = make([]location, 1)
		pl := &r.Locations[0].PhysicalLocation
		pl.ArtifactLocation.URI = sarifURI(f.Path)
		// SARIF columns are 1-based; UTF-16 units, like the JSON format.
		pl.Region = region{f.Range.Start.Line + 1, f.Range.Start.Character + 1, f.Range.End.Line + 1, f.Range.End.Character + 1}
		results = append(results, r)
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "wix-events-ls", "version": lsp.Version, "semanticVersion": lsp.Version,
				"informationUri": repoURL, "rules": rules,
				"properties": map[string]any{"catalog": catalog.Default().Version()},
			}},
			"columnKind": "utf16CodeUnits",
			"results":    results,
		}},
	}
	b, _ := json.MarshalIndent(doc, "", "  ")
	fmt.Fprintln(w, string(b))
}
