package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, json, err string
	}{
		{"empty object", `{}`, ""},
		{"full", `{"severity": {"unknown-handler": "error", "deprecated-event": "off"}, "catalog": {"handlers": [{"name": "wixA_onB"}]}, "ignore": ["gen/**"]}`, ""},
		{"unknown field is a typo", `{"severty": {}}`, "unknown field"},
		{"bad level", `{"severity": {"unknown-handler": "loud"}}`, `"loud" is not one of`},
		{"bad glob", `{"ignore": ["[unclosed"]}`, "ignore glob"},
		{"not json", `{`, "invalid configuration"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.json))
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.err)
		}
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, rel string
		want      bool
	}{
		{"generated/**", "generated/a/b.js", true},
		{"generated/**", "generated", true},
		{"generated", "generated/x.js", true}, // a folder glob covers its contents
		{"*.gen.js", "src/backend/events.gen.js", true},
		{"*.gen.js", "src/backend/events.js", false},
		{"src/**/legacy/*.js", "src/backend/legacy/a.js", true},
		{"src/**/legacy/*.js", "src/legacy/a.js", true},
		{"src/**/legacy/*.js", "lib/legacy/a.js", false},
		{"./src/backend", "src/backend/events.js", true},
		{"", "anything", false},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.glob, tt.rel); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.glob, tt.rel, got, tt.want)
		}
	}
}

func TestMergeAndLoadDir(t *testing.T) {
	dir := t.TempDir()
	if c, err := LoadDir(dir); err != nil || len(c.Severity) != 0 {
		t.Fatalf("missing file: %+v, %v", c, err)
	}
	os.WriteFile(filepath.Join(dir, FileName), []byte(`{"severity": {"a": "warning", "b": "hint"}, "ignore": ["x"]}`), 0o644)
	file, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	editor := Config{Severity: map[string]Level{"a": Error}, Ignore: []string{"y"}}
	m := file.Merge(editor)
	if m.Severity["a"] != Error || m.Severity["b"] != Hint || len(m.Ignore) != 2 || !m.Ignored("y/z.js") || !m.Ignored("x") {
		t.Errorf("merge = %+v", m)
	}
	// Merge leaves its inputs alone.
	if file.Severity["a"] != Warning {
		t.Errorf("merge mutated its receiver")
	}
	os.WriteFile(filepath.Join(dir, FileName), []byte(`{"severity": 3}`), 0o644)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), FileName) {
		t.Errorf("bad file: %v, want an error naming the file", err)
	}
}
