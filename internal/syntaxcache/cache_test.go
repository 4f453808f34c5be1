package syntaxcache

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b := NewKey("v1", "opts", "js", "export function f() {}"), NewKey("v1", "opts", "js", "x")
	c := Open(dir)
	if c.Clean(a) {
		t.Fatal("empty cache reports a verdict")
	}
	c.Add(a)
	if !c.Clean(a) || c.Clean(b) {
		t.Fatal("Add/Clean disagree within a run")
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c2 := Open(dir)
	if !c2.Clean(a) || c2.Clean(b) || c2.Hits() != 1 {
		t.Fatalf("after reopening: a=%v b=%v hits=%d", c2.Clean(a), c2.Clean(b), c2.Hits())
	}
}

func TestKeyParts(t *testing.T) {
	// Length prefixes: moving a byte between parts changes the key.
	if NewKey("ab", "c") == NewKey("a", "bc") || NewKey("x") == NewKey("x", "") {
		t.Fatal("keys of different part lists collide")
	}
	if NewKey("v", "t") != NewKey("v", "t") {
		t.Fatal("keys are not deterministic")
	}
}

func TestDamagedFiles(t *testing.T) {
	k := NewKey("k")
	for name, data := range map[string][]byte{
		"foreign":   []byte("not a cache\n"),
		"truncated": append(append([]byte{}, header...), k[:7]...),
		"unsorted":  append(append(append([]byte{}, header...), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), k[:]...),
		"empty":     {},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, fileName), data, 0o600); err != nil {
				t.Fatal(err)
			}
			c := Open(dir)
			if c.Clean(k) {
				t.Fatal("a damaged file yielded a verdict")
			}
			c.Add(k)
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			if !Open(dir).Clean(k) {
				t.Fatal("the damaged file was not replaced")
			}
		})
	}
}

func TestDisabled(t *testing.T) {
	var c *Cache // Open("") and WIX_EVENTS_LS_CACHE=off
	c.Add(NewKey("k"))
	if c.Clean(NewKey("k")) || c.Save() != nil || c.Hits() != 0 {
		t.Fatal("a nil cache remembered something")
	}
	if Open("") != nil {
		t.Fatal(`Open("") is not disabled`)
	}
	t.Setenv(EnvVar, "off")
	if Dir() != "" {
		t.Fatal("WIX_EVENTS_LS_CACHE=off leaves a folder")
	}
	t.Setenv(EnvVar, "/some/where")
	if Dir() != "/some/where" {
		t.Fatal("WIX_EVENTS_LS_CACHE does not name the folder")
	}
}

// Two processes saving one after the other keep both runs' verdicts.
func TestMergeOnSave(t *testing.T) {
	dir := t.TempDir()
	c1, c2 := Open(dir), Open(dir)
	c1.Add(NewKey("one"))
	c2.Add(NewKey("two"))
	if err := c1.Save(); err != nil {
		t.Fatal(err)
	}
	if err := c2.Save(); err != nil {
		t.Fatal(err)
	}
	c := Open(dir)
	if !c.Clean(NewKey("one")) || !c.Clean(NewKey("two")) {
		t.Fatal("a concurrent save lost the other run's verdicts")
	}
}

func TestConcurrentUse(t *testing.T) {
	c := Open(t.TempDir())
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := NewKey(fmt.Sprint(g, i))
				c.Add(k)
				if !c.Clean(k) {
					t.Error("lost a verdict")
				}
			}
			_ = c.Save()
		}()
	}
	wg.Wait()
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if n := len(load(c.path)); n != 8*200 {
		t.Fatalf("saved %d verdicts, want %d", n, 8*200)
	}
}
