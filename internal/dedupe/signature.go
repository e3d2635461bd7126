package dedupe

import "math/bits"

// Size is the number of MinHash values in a signature: 64 values of 16
// bits, 128 bytes a document. The standard error of a Jaccard estimate is
// about sqrt(J(1-J)/64), 0.05 at J = 0.8; keeping the low 16 bits of each
// minimum (b-bit minwise hashing) adds a chance of 1/65536 that two
// different minima agree, which is negligible beside it.
const Size = 64

// Bands and Rows split a signature for locality-sensitive hashing: two
// documents become a candidate pair when all Rows values of any one band
// agree. With 21 bands of 3 rows, a pair at Jaccard 0.8 is a candidate
// with probability 1-(1-0.8³)²¹ > 0.9999, one at 0.5 with 0.94 (so that
// contained copies, whose Jaccard is low, are still looked at), one at 0.2
// with 0.16; every candidate is then verified on the whole signature.
const (
	Bands = 21
	Rows  = 3
)

// Signature is a document's MinHash signature.
type Signature [Size]uint16

// mersenne31 is the prime 2^31-1: arithmetic modulo it needs no division,
// and a product of two residues fits in 64 bits.
const mersenne31 = 1<<31 - 1

// permutations are the multipliers and offsets of the Size hash functions
// h_i(x) = (a_i·x + b_i) mod (2^31-1), a universal family, over 31 bits of
// each shingle's hash. Each shingle is hashed once; deriving the Size
// values costs one multiply-add and a reduction each. (A multiply-shift
// over 2^64 is as cheap but its minima are biased: it overestimated a
// Jaccard similarity of 0.33 as 0.45 in TestJaccardEstimate.)
var permutations = func() (p [Size][2]uint64) {
	state := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 { // splitmix64: fixed, so signatures are reproducible
		state += 0x9E3779B97F4A7C15
		z := state
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := range p {
		p[i] = [2]uint64{1 + next()%(mersenne31-1), next() % mersenne31}
	}
	return p
}()

// ShingleWords is the number of consecutive words in a shingle. Five
// Vietnamese syllables are two or three words: long enough that shared
// shingles mean shared sentences, short enough that an edited sentence
// still shares most of its shingles.
const ShingleWords = 5

// Sign returns the MinHash signature of the shingles of words (hashes from
// WordHashes) and how many shingles there were. A text shorter than one
// shingle is one shingle.
func Sign(words []uint64) (Signature, int) {
	var mins [Size]uint64
	for i := range mins {
		mins[i] = mersenne31
	}
	n := 0
	add := func(x uint64) {
		n++
		x = (x ^ x>>31 ^ x>>62) & mersenne31
		for i := range mins {
			v := permutations[i][0]*x + permutations[i][1] // < 2^63
			v = (v & mersenne31) + (v >> 31)
			v = (v & mersenne31) + (v >> 31)
			if v >= mersenne31 {
				v -= mersenne31
			}
			if v < mins[i] {
				mins[i] = v
			}
		}
	}
	if len(words) > 0 && len(words) < ShingleWords {
		add(shingle(words))
	}
	for i := 0; i+ShingleWords <= len(words); i++ {
		add(shingle(words[i : i+ShingleWords]))
	}
	// b-bit minwise hashing keeps the low bits of each minimum: the high
	// bits of the minimum of many values are all zero.
	var sig Signature
	for i, m := range mins {
		sig[i] = uint16(m)
	}
	return sig, n
}

func shingle(words []uint64) uint64 {
	h := uint64(fnvOffset)
	for _, w := range words {
		h = bits.RotateLeft64(h, 23) ^ w
		h *= 0x9E3779B97F4A7C15
	}
	return h
}

// Jaccard estimates the Jaccard similarity of the two shingle sets.
func Jaccard(a, b *Signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / Size
}

// Containment estimates the share of the smaller set's shingles found in
// the larger, from the Jaccard estimate and the two set sizes:
// |A∩B| = J(|A|+|B|)/(1+J).
func Containment(j float64, na, nb int) float64 {
	small := min(na, nb)
	if small == 0 {
		return 0
	}
	inter := j * float64(na+nb) / (1 + j)
	return min(1, inter/float64(small))
}

// band hashes band k of a signature.
func (s *Signature) band(k int) uint64 {
	h := uint64(fnvOffset) ^ uint64(k)
	for _, v := range s[k*Rows : (k+1)*Rows] {
		h = (h ^ uint64(v)) * fnvPrime
	}
	return h
}
