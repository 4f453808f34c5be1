package scan

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestWriteSeeds regenerates the committed FuzzParse seed corpus from the
// fixtures when WRITE_SEEDS=1 (go test -run TestWriteSeeds ./index/scan).
func TestWriteSeeds(t *testing.T) {
	if os.Getenv("WRITE_SEEDS") == "" {
		t.Skip("set WRITE_SEEDS=1 to regenerate testdata/fuzz/FuzzParse")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzParse")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, ff := range loadFixtures(t) {
		data := "go test fuzz v1\nstring(" + strconv.Quote(ff.text) + ")\n"
		name := fmt.Sprintf("%x", sha256.Sum256([]byte(data)))[:16]
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
