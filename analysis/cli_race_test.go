//go:build race

package analysis_test

// cliRace is true under the race detector, which makes the exhaustive
// robustness tests several times slower; they sample fewer offsets then.
const cliRace = true
