//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles: a FIFO, /dev/zero and links to them are refused at
// once (a read of either would hang or never end); a regular file is read;
// one over the cap is refused.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	os.Symlink(fifo, filepath.Join(dir, "fifo-link"))
	os.Symlink("/dev/zero", filepath.Join(dir, "zero-link"))
	regular := filepath.Join(dir, "regular")
	os.WriteFile(regular, []byte("hello"), 0o644)
	os.Symlink(regular, filepath.Join(dir, "regular-link"))

	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, name := range []string{fifo, filepath.Join(dir, "fifo-link"), "/dev/zero", filepath.Join(dir, "zero-link")} {
			if _, err := ReadFile(name, 1<<20); !errors.Is(err, ErrNotRegular) {
				t.Errorf("ReadFile(%s): %v, want ErrNotRegular", name, err)
			}
			if _, err := Stat(name); !errors.Is(err, ErrNotRegular) {
				t.Errorf("Stat(%s): %v, want ErrNotRegular", name, err)
			}
		}
		for _, name := range []string{regular, filepath.Join(dir, "regular-link")} {
			if b, err := ReadFile(name, 1<<20); err != nil || string(b) != "hello" {
				t.Errorf("ReadFile(%s) = %q, %v", name, b, err)
			}
			if _, err := Stat(name); err != nil {
				t.Errorf("Stat(%s): %v", name, err)
			}
		}
		if _, err := Stat(dir); err != nil {
			t.Errorf("Stat(folder): %v", err)
		}
		if _, err := ReadFile(regular, 4); !errors.Is(err, ErrTooLarge) {
			t.Errorf("ReadFile over the cap: %v, want ErrTooLarge", err)
		}
		_, err := ReadFile(fifo, 1)
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("the error does not say what the file is: %v", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("hung on a special file")
	}
}
