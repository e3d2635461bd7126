package main

import (
	"os"

	"golang.org/x/term"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// colorAllowed follows the NO_COLOR convention (no-color.org): any non-empty
// value turns colour off, as does a dumb terminal.
func colorAllowed(e *env, tty bool) bool {
	return tty && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
}
