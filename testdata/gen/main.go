// Command gen writes a generated Wix monorepo for the benchmarks:
//
//	go run ./testdata/gen -apps 40 -exts 100 -sites 500 -noise 20000 -out DIR
//
// The defaults give about 10,000 files the server indexes (see
// testdata/gen/genws). The output is deterministic for a given -seed.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/wix-events-ls/wix-events-ls/testdata/gen/genws"
)

func main() {
	d := genws.Default()
	apps := flag.Int("apps", d.Apps, "Wix CLI apps")
	exts := flag.Int("exts", d.Exts, "event extensions per app")
	sites := flag.Int("sites", d.Sites, "Velo sites")
	noise := flag.Int("noise", d.Noise, "files under node_modules (skipped by the index)")
	big := flag.Int("biglines", d.BigLines, "lines of the first site's events.js (0: a normal one)")
	seed := flag.Uint64("seed", d.Seed, "random seed")
	out := flag.String("out", "", "output folder (required; should be empty)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./testdata/gen [-apps N] [-exts N] [-sites N] [-noise N] [-biglines N] [-seed N] -out DIR")
		os.Exit(2)
	}
	if ents, err := os.ReadDir(*out); err == nil && len(ents) > 0 {
		fmt.Fprintf(os.Stderr, "gen: %s is not empty\n", *out)
		os.Exit(2)
	}
	start := time.Now()
	res, err := genws.Generate(*out, genws.Options{Apps: *apps, Exts: *exts, Sites: *sites, Noise: *noise, BigLines: *big, Seed: *seed})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files (%d relevant, %.1f MB) to %s in %v\n", res.Written, len(res.Relevant), float64(res.Bytes)/1e6, res.Root, time.Since(start).Round(time.Millisecond))
}
