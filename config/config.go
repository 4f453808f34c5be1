// Package config holds the user's settings for wix-events-ls: severity per
// rule, extra catalog entries and ignore globs.
//
// The same settings reach the server from three places (initializationOptions,
// workspace/configuration section "wixEvents", and a .wix-events.json file at a
// workspace root) and reach `check` from the file or --config. Keeping one
// type and one merge order here is what makes the editor and CI agree.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/internal/safefile"
)

// FileName is the workspace configuration file read by the server and by check.
const FileName = ".wix-events.json"

// Level is a rule severity as users write it.
type Level string

// The levels users may set per rule; Off silences a rule entirely.
const (
	Off     Level = "off"
	Hint    Level = "hint"
	Info    Level = "info"
	Warning Level = "warning"
	Error   Level = "error"
)

// Valid reports whether l is one of the five levels.
func (l Level) Valid() bool {
	switch l {
	case Off, Hint, Info, Warning, Error:
		return true
	}
	return false
}

// Config is the merged configuration. The zero value is valid: defaults
// everywhere, no extra entries, nothing ignored.
type Config struct {
	// Severity overrides the default level of a rule, keyed by rule code.
	Severity map[string]Level `json:"severity,omitempty"`
	// Catalog adds entries for events newer than the embedded catalog, so a
	// stale catalog never forces a false warning on anyone.
	Catalog catalog.Extra `json:"catalog"`
	// Ignore lists slash-separated globs, relative to the workspace root, of
	// files and folders the index skips. "**" matches any number of folders.
	Ignore []string `json:"ignore,omitempty"`
}

// Parse decodes a configuration from JSON and validates it. Unknown fields are
// rejected so a typo ("severty") is reported instead of silently ignored.
func Parse(data []byte) (Config, error) {
	var c Config
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("invalid configuration: %w", err)
	}
	return c, c.Validate()
}

// Validate checks severity levels and ignore globs.
func (c Config) Validate() error {
	var errs []error
	keys := make([]string, 0, len(c.Severity))
	for k := range c.Severity {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !c.Severity[k].Valid() {
			errs = append(errs, fmt.Errorf("severity of %q: %q is not one of off, hint, info, warning, error", k, c.Severity[k]))
		}
	}
	for _, g := range c.Ignore {
		if _, err := path.Match(strings.ReplaceAll(g, "**", "*"), ""); err != nil {
			errs = append(errs, fmt.Errorf("ignore glob %q: %v", g, err))
		}
	}
	return errors.Join(errs...)
}

// MaxFileSize caps a configuration file: far above any real one, and a
// bound on what a mistaken name (a device, a log file) can make us read.
const MaxFileSize = 1 << 20

// Load reads the configuration file at name: a regular file (a FIFO would
// hang the read, /dev/zero never end it) of at most MaxFileSize bytes.
func Load(name string) (Config, error) {
	data, err := safefile.ReadFile(name, MaxFileSize)
	if err != nil {
		return Config{}, err
	}
	c, err := Parse(data)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// LoadDir reads root/.wix-events.json; a missing file is not an error.
func LoadDir(root string) (Config, error) {
	c, err := Load(filepath.Join(root, FileName))
	if errors.Is(err, os.ErrNotExist) {
		return Config{}, nil
	}
	return c, err
}

// Merge returns c overlaid by o: o's severities win per rule, catalog entries
// and ignore globs accumulate.
func (c Config) Merge(o Config) Config {
	out := Config{Severity: map[string]Level{}}
	for k, v := range c.Severity {
		out.Severity[k] = v
	}
	for k, v := range o.Severity {
		out.Severity[k] = v
	}
	out.Catalog.Handlers = append(append([]catalog.Handler(nil), c.Catalog.Handlers...), o.Catalog.Handlers...)
	out.Catalog.SDKEvents = append(append([]catalog.SDKEvent(nil), c.Catalog.SDKEvents...), o.Catalog.SDKEvents...)
	out.Ignore = append(append([]string(nil), c.Ignore...), o.Ignore...)
	return out
}

// Ignored reports whether rel (slash-separated, relative to the workspace
// root) matches one of the ignore globs. A glob matches a path or any of its
// parent folders, so "generated/**" and "generated" both skip a folder.
func (c Config) Ignored(rel string) bool {
	for _, g := range c.Ignore {
		if MatchGlob(g, rel) {
			return true
		}
	}
	return false
}

// MatchGlob matches a slash-separated path against a glob where "*" matches
// within one segment and "**" matches any number of segments. A glob without
// a slash matches the base name of any segment ("*.gen.js").
func MatchGlob(glob, rel string) bool {
	glob = strings.TrimPrefix(strings.TrimSuffix(glob, "/"), "./")
	if glob == "" {
		return false
	}
	segs := strings.Split(rel, "/")
	if !strings.Contains(glob, "/") {
		for _, s := range segs {
			if ok, _ := path.Match(glob, s); ok {
				return true
			}
		}
		return false
	}
	g := strings.Split(glob, "/")
	// Match rel or any prefix of it (a folder glob covers its contents).
	for n := 1; n <= len(segs); n++ {
		if matchSegs(g, segs[:n]) {
			return true
		}
	}
	return false
}

func matchSegs(g, s []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			if len(g) == 1 {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if matchSegs(g[1:], s[i:]) {
					return true
				}
			}
			return false
		}
		if len(s) == 0 {
			return false
		}
		if ok, _ := path.Match(g[0], s[0]); !ok {
			return false
		}
		g, s = g[1:], s[1:]
	}
	return len(s) == 0
}
