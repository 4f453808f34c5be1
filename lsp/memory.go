package lsp

import (
	"os"
	"runtime/debug"
	"sync"
)

// bulkGCPercent is the collector's target while the server reads, parses
// and checks a whole workspace (the first index, a folder added, a new
// configuration): that bulk allocates most of what a session ever
// allocates, its live heap peaks above the settled one, and with the
// default target the heap grows to twice that peak, memory the runtime
// then keeps mapped long after (on the benchmark workspace: peak RSS
// ~110 MB, ~30 MB of it idle heap). Collecting twice as often during the
// bulk only costs ~0.1-0.2 s of CPU once; editing afterwards runs at the
// default target.
const bulkGCPercent = 50

// bulkGC switches the collector's target for one server's bulk and back.
// The target is the process's: with several servers in one process (tests),
// it is lowered while any of them is in a bulk. An explicit GOGC in the
// environment is the user's choice and is left alone.
type bulkGC struct {
	mu     sync.Mutex
	active bool
	target *gcTarget // nil: processGC
}

// gcTarget counts the servers in a bulk and keeps the target to restore.
type gcTarget struct {
	mu   sync.Mutex
	n    int
	prev int
	set  func(percent int) (previous int) // debug.SetGCPercent
	free func()                           // debug.FreeOSMemory
}

var processGC = &gcTarget{set: debug.SetGCPercent, free: debug.FreeOSMemory}

func (g *bulkGC) t() *gcTarget {
	if g.target == nil {
		return processGC
	}
	return g.target
}

// begin lowers the target for a bulk (a no-op while one is under way).
func (g *bulkGC) begin() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.active || os.Getenv("GOGC") != "" {
		return
	}
	g.active = true
	t := g.t()
	t.mu.Lock()
	if t.n++; t.n == 1 {
		t.prev = t.set(bulkGCPercent)
	}
	t.mu.Unlock()
}

// end restores the target once no server is in a bulk, and returns the
// bulk's freed pages to the system, so the editor's machine stops paying
// for the peak.
func (g *bulkGC) end() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.active {
		return
	}
	g.active = false
	t := g.t()
	t.mu.Lock()
	t.n--
	last := t.n == 0
	if last {
		t.set(t.prev)
	}
	t.mu.Unlock()
	if last {
		t.free()
	}
}
