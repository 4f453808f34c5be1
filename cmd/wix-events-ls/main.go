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
	"fmt"
	"io"
	"os"

	"github.com/wix-events-ls/wix-events-ls/catalog"
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
		return serve(stdin, stdout, stderr)
	case "check":
		return check(args, stdout, stderr)
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
  wix-events-ls [serve]                                    run the language server on stdio
  wix-events-ls check [--format text|json|sarif] [--config FILE] PATH...
                                                           report problems; exit 1 on any error
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

func serve(stdin io.Reader, stdout, stderr io.Writer) int {
	srv := lsp.NewServer(stderr)
	return srv.Serve(context.Background(), stdio{stdin, stdout})
}
