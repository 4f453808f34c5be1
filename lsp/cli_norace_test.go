//go:build !race

package lsp

const cliRace = false
