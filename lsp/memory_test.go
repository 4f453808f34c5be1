package lsp

import (
	"os"
	"testing"
)

// TestBulkGC: a bulk lowers the target once (a second begin keeps the
// first one's saved target), end restores it and frees memory after the
// last server's bulk, and an explicit GOGC in the environment is never
// overridden. The target is a fake: other tests' servers share the real one.
func TestBulkGC(t *testing.T) {
	percent, frees := 100, 0
	target := &gcTarget{
		set:  func(p int) int { prev := percent; percent = p; return prev },
		free: func() { frees++ },
	}
	if v, ok := os.LookupEnv("GOGC"); ok {
		defer os.Setenv("GOGC", v)
	}
	os.Unsetenv("GOGC")
	g, h := bulkGC{target: target}, bulkGC{target: target} // two servers
	for i, step := range []struct {
		do        func()
		want      int
		wantFrees int
	}{
		{g.begin, bulkGCPercent, 0},
		{g.begin, bulkGCPercent, 0},
		{h.begin, bulkGCPercent, 0},
		{g.end, bulkGCPercent, 0}, // h is still in its bulk
		{h.end, 100, 1},
		{g.end, 100, 1}, // no bulk: nothing to restore
	} {
		step.do()
		if percent != step.want || frees != step.wantFrees {
			t.Fatalf("step %d: GC percent %d, %d frees; want %d, %d", i, percent, frees, step.want, step.wantFrees)
		}
	}
	t.Setenv("GOGC", "80")
	g.begin()
	if percent != 100 || g.active {
		t.Errorf("with GOGC set, a bulk changed the target to %d", percent)
	}
	g.end()
	if percent != 100 || frees != 1 {
		t.Errorf("with GOGC set, the end of a bulk set the target to %d (%d frees)", percent, frees)
	}
}
