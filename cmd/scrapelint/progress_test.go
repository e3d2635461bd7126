package main

import (
	"bytes"
	"testing"
)

func TestProgressOnlyOnATerminalOutsideCI(t *testing.T) {
	for _, tt := range []struct {
		name       string
		tty        bool
		ci         string
		quiet, off bool
		want       bool
	}{
		{"terminal", true, "", false, false, true},
		{"pipe", false, "", false, false, false},
		{"CI set", true, "true", false, false, false},
		{"--quiet", true, "", true, false, false},
		{"--no-progress", true, "", false, true, false},
	} {
		e := &env{stderr: &bytes.Buffer{}, stderrTTY: tt.tty, getenv: func(k string) string {
			if k == "CI" {
				return tt.ci
			}
			return ""
		}}
		p := newProgress(e, &corpusFlags{quiet: tt.quiet, noProgress: tt.off}, 1<<20)
		if p.enabled != tt.want {
			t.Errorf("%s: progress enabled=%v, want %v", tt.name, p.enabled, tt.want)
		}
	}
}
