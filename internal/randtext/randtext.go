// Package randtext makes deterministic random texts for tests that hold a
// fast path to the plain code it replaces: strings pieced together from
// fragments chosen to meet at the places where the two could differ.
package randtext

import (
	"math/rand/v2"
	"strings"
)

// Pieced returns n strings of 1 to most pieces each, drawn from pieces with
// the given seed, so that a failure names an input that comes back.
func Pieced(n, most int, pieces []string, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 1 + rng.IntN(most) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}
