// Command wix-events-ls is the Wix backend events language server (LSP over
// stdio) and its CI linter.
//
//	wix-events-ls [serve]                     LSP over stdio
//	wix-events-ls check [flags] PATH...       lint, exit 1 on errors
//	wix-events-ls version                     version and catalog version
//
// This file only parses arguments and wires packages together.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/internal/memlimit"
	"github.com/wix-events-ls/wix-events-ls/lsp"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve", "--stdio", "-stdio":
		return serve(args, stdin, stdout, stderr)
	case "check":
		return check(args, stdout, stderr)
	case "sample":
		return sampleCmd(args, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "wix-events-ls %s\ncatalog %s\n", lsp.Version, catalog.Default().Version())
		return 0
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "wix-events-ls: unknown command %q\n\n", cmd)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  wix-events-ls [serve] [--cpuprofile FILE] [--memprofile FILE]
                                                           run the language server on stdio;
                                                           the profiles are written when it exits
  wix-events-ls check [--format text|json|sarif|github] [--quiet] [--max-warnings N]
                      [--config FILE] [--no-cache] [--cpuprofile FILE] PATH...
                                                           report problems in files or folders (each
                                                           analysed with its whole project); exit 1
                                                           on any error or too many warnings
  wix-events-ls version                                    print the version and catalog version
`)
}

// stdio joins stdin and stdout into the connection's stream. Closing it
// closes both, which ends the read loop.
type stdio struct {
	io.Reader
	io.Writer
}

func (s stdio) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		c.Close()
	}
	if c, ok := s.Writer.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// serve runs the server. --cpuprofile and --memprofile (as in gopls) write
// pprof profiles of the whole session when it ends, for measuring the
// server as the editor runs it.
func serve(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cpu := fs.String("cpuprofile", "", "write a CPU profile of the session to this file")
	mem := fs.String("memprofile", "", "write a heap profile to this file when the session ends")
	// What LSP clients append: vscode-languageclient adds --stdio for a
	// stdio transport (and --clientProcessId for others). stdio is the only
	// transport, so both are accepted and ignored.
	fs.Bool("stdio", true, "use stdio (the only transport; accepted for LSP clients that pass it)")
	fs.String("clientProcessId", "", "the client's process id (accepted for LSP clients that pass it; unused)")
	memTarget := fs.Int("memory-target", defaultMemoryTarget, "hold the server's memory near this many MiB while its live heap fits (a soft limit that follows the live heap; 0: the Go runtime's default; GOMEMLIMIT in the environment wins)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *mem == "" {
		// No heap profile asked for: no sampling either. The sampler's
		// bucket table alone is ~1.5 MB of a 48 MiB target.
		runtime.MemProfileRate = 0
	}
	if *memTarget > 0 && os.Getenv("GOMEMLIMIT") == "" {
		defer memlimit.Start(int64(*memTarget) << 20).Stop()
	}
	stop, err := startCPUProfile(*cpu)
	if err != nil {
		fmt.Fprintf(stderr, "wix-events-ls: %v\n", err)
		return 2
	}
	defer stop()
	srv := lsp.NewServer(stderr)
	code := srv.Serve(context.Background(), stdio{stdin, stdout})
	if *mem != "" {
		if err := writeHeapProfile(*mem); err != nil {
			fmt.Fprintf(stderr, "wix-events-ls: %v\n", err)
		}
		runtime.KeepAlive(srv) // the profile shows what the session held
	}
	return code
}

// defaultMemoryTarget (MiB) is the Go memory the server aims at: with
// ~11 MB of the binary's own pages resident, a 60 MB process on the
// issue's 10,000-file workspace, whose live heap is ~22 MB (BENCHMARKS.md).
// A workspace whose live heap outgrows it gets 1.5× its live heap.
const defaultMemoryTarget = 48

// startCPUProfile profiles the CPU into path until stop is called; with
// no path it does nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the live heap (after a GC) to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
