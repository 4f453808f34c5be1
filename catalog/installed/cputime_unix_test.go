//go:build unix

package installed

import (
	"syscall"
	"time"
)

// processCPU is the process's user+system CPU time so far: benchmarks
// report it per operation next to wall time, which on a shared machine
// measures the neighbours as much as the code.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
