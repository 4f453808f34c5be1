//go:build !race

package analysis_test

const cliRace = false
