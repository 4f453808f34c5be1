//go:build unix

package safefile

import "syscall"

// openFlags: open without blocking (a FIFO's open waits for a writer).
const openFlags = syscall.O_NONBLOCK
