package textpos

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestWriteSeeds regenerates the committed fuzz seed corpora when
// WRITE_SEEDS=1.
func TestWriteSeeds(t *testing.T) {
	if os.Getenv("WRITE_SEEDS") == "" {
		t.Skip("set WRITE_SEEDS=1 to regenerate testdata/fuzz")
	}
	texts := []string{
		"", "\n", "\r", "\r\n", "a\r\nb\rc\nd", "\uFEFFexport function f() {}\r\n", "a😀b\U0001F600\n", "é\u2028x\u2029y",
		"\xff\xfe\xe2\x82 invalid", "line1\nline2\n", "\r\r\n\n\r", "\x00\x01", "ab\rcd\r\n\r\nef",
	}
	write := func(dir, data string) {
		name := fmt.Sprintf("%x", sha256.Sum256([]byte(data)))[:16]
		if err := os.WriteFile(filepath.Join("testdata", "fuzz", dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range texts {
		write("FuzzRoundTrip", "go test fuzz v1\nstring("+strconv.Quote(s)+")\n")
		ops := []byte{byte(i), byte(i * 7), byte(i * 3), byte(i), 9, 1, 0, 2, byte(len(s)), 0, 7, 1}
		write("FuzzApply", "go test fuzz v1\nstring("+strconv.Quote(s)+")\n[]byte("+strconv.Quote(string(ops))+")\n")
	}
}
