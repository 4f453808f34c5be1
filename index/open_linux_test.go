package index

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadBeneath: the walk's fast read answers for regular files inside
// the root and defers (ok false) for every link, so readInside decides
// links with its notices; FIFOs are refused without blocking, the cap holds,
// and a path through a folder swapped for a link out of the root is never
// read.
func TestReadBeneath(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	mk := func(dir, name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mk(root, "src/backend/events.js", "export function wixCrm_onContactCreated(event) {}\n")
	mk(root, "src/backend/empty.js", "")
	mk(root, "src/backend/big.js", strings.Repeat("x", 2000))
	mk(outside, "backend/secret.js", "secret\n")
	if err := syscall.Mkfifo(filepath.Join(root, "src/backend/pipe.js"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	link("events.js", "src/backend/alias.js")                                // inside, relative
	link(filepath.Join(root, "src/backend/events.js"), "src/backend/abs.js") // inside, absolute
	link(filepath.Join(outside, "backend/secret.js"), "src/backend/leak.js")
	link(filepath.Join(outside, "backend"), "src/linked") // a folder leading out

	d := openRootDir(root)
	defer d.close()
	if d.fd < 0 {
		t.Skip("no root handle")
	}
	for i, tc := range []struct {
		rel     string
		text    string // when read
		err     string // when refused
		deferTo bool   // ok false: readInside decides
	}{
		{rel: "src/backend/events.js", text: "export function wixCrm_onContactCreated(event) {}\n"},
		{rel: "src/backend/empty.js", text: ""},
		{rel: "src/backend/big.js", err: "larger than the size cap"},
		{rel: "src/backend/pipe.js", err: "not a regular file"},
		{rel: "src/backend/missing.js", err: "no such file"},
		{rel: "src/backend/alias.js", deferTo: true},
		{rel: "src/backend/abs.js", deferTo: true},
		{rel: "src/backend/leak.js", deferTo: true},
		{rel: "src/linked/secret.js", deferTo: true},
		{rel: "../" + filepath.Base(outside) + "/backend/secret.js", deferTo: true},
	} {
		done := make(chan struct{})
		var text string
		var err error
		var ok bool
		go func() {
			defer close(done)
			// Every other read goes through a walk worker's chunks.
			var a *loadAlloc
			if i%2 == 1 {
				a = new(loadAlloc)
			}
			text, err, ok = readBeneath(d, filepath.FromSlash(tc.rel), filepath.Join(root, tc.rel), 1000, a)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: blocked", tc.rel)
		}
		switch {
		case tc.deferTo:
			if ok {
				t.Errorf("%s: answered (%q, %v); want it left to readInside", tc.rel, text, err)
			}
		case !ok:
			t.Errorf("%s: deferred; want an answer", tc.rel)
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err %v; want %q", tc.rel, err, tc.err)
			}
			if tc.err == "larger than the size cap" && !errors.Is(err, ErrTooLarge) {
				t.Errorf("%s: %v is not ErrTooLarge", tc.rel, err)
			}
		case err != nil || text != tc.text:
			t.Errorf("%s: (%q, %v); want %q", tc.rel, text, err, tc.text)
		}
	}
}
