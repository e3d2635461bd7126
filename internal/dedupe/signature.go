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

// mix is the splitmix64 finaliser: every bit of a shingle's hash moves
// every bit of the result, which one-permutation hashing needs.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// ShingleWords is the number of consecutive words in a shingle. Five
// Vietnamese syllables are two or three words: long enough that shared
// shingles mean shared sentences, short enough that an edited sentence
// still shares most of its shingles.
const ShingleWords = 5

// Sign returns the MinHash signature of the shingles of words (hashes from
// WordHashes) and how many shingles there were. A text shorter than one
// shingle is one shingle.
//
// The signature is computed by one-permutation hashing (Li, Owen and Zhang,
// 2012): each shingle is hashed once, the top 6 bits of the hash choose one
// of the 64 bins and the bin keeps the least of the rest, so a shingle
// costs one hash instead of 64. Bins no shingle fell in are filled by
// rotation (Shrivastava and Li, 2014): from the next non-empty bin to the
// right, offset by the distance, so two equal sets still fill them alike.
// Computing 64 universal hashes per shingle instead made signatures the
// slowest step of a check, at under 50 MB/s.
func Sign(words []uint64) (Signature, int) {
	const empty = ^uint64(0)
	var mins [Size]uint64
	for i := range mins {
		mins[i] = empty
	}
	n := 0
	add := func(x uint64) {
		n++
		x = mix(x)
		bin, v := x>>58, x&(1<<58-1)
		if v < mins[bin] {
			mins[bin] = v
		}
	}
	if len(words) > 0 && len(words) < ShingleWords {
		add(shingle(words))
	}
	for i := 0; i+ShingleWords <= len(words); i++ {
		add(shingleAt(words, i))
	}
	var sig Signature
	if n == 0 {
		return sig, 0
	}
	for i := range mins {
		v := mins[i]
		for t := 1; v == empty; t++ {
			if next := mins[(i+t)%Size]; next != empty {
				v = next + uint64(t)*0x9E3779B97F4A7C15
			}
		}
		// b-bit minwise hashing keeps the low bits of each minimum: the
		// high bits of the least of many values are all zero.
		sig[i] = uint16(v)
	}
	return sig, n
}

// shingleAt is shingle(words[i:i+ShingleWords]) unrolled: a shingle is
// hashed for every word of every document, and the loop's counting and
// loads were a third of Sign.
func shingleAt(words []uint64, i int) uint64 {
	const k = 0x9E3779B97F4A7C15
	w := (*[ShingleWords]uint64)(words[i : i+ShingleWords])
	h := (bits.RotateLeft64(fnvOffset, 23) ^ w[0]) * k
	h = (bits.RotateLeft64(h, 23) ^ w[1]) * k
	h = (bits.RotateLeft64(h, 23) ^ w[2]) * k
	h = (bits.RotateLeft64(h, 23) ^ w[3]) * k
	return (bits.RotateLeft64(h, 23) ^ w[4]) * k
}

// shingleAt reads five words: a change of ShingleWords is a compile error
// here until it reads that many.
const (
	_ uint = ShingleWords - 5
	_ uint = 5 - ShingleWords
)

func shingle(words []uint64) uint64 {
	h := uint64(fnvOffset)
	for _, w := range words {
		h = bits.RotateLeft64(h, 23) ^ w
		h *= 0x9E3779B97F4A7C15
	}
	return h
}

// Jaccard estimates the Jaccard similarity of the two shingle sets; 0
// when either signature is missing.
func Jaccard(a, b *Signature) float64 {
	if a == nil || b == nil {
		return 0
	}
	// Four values at a time: a lane of the XOR of four packed values is
	// zero where they agree. The index's final pass verifies every
	// candidate pair this way, and comparing value by value was most of
	// it, with one core of two idle while it ran.
	differ := 0
	for i := 0; i < Size; i += 4 {
		x := pack4(a[i:i+4]) ^ pack4(b[i:i+4])
		// A lane's high bit is set when the lane is not zero: its low 15
		// bits carried into it, or it was set already.
		nonzero := ((x & lowBits) + lowBits | x) & highBits
		differ += bits.OnesCount64(nonzero)
	}
	return float64(Size-differ) / Size
}

const (
	lowBits  = 0x7FFF_7FFF_7FFF_7FFF
	highBits = 0x8000_8000_8000_8000
)

// pack4 packs four 16-bit values into one word.
func pack4(v []uint16) uint64 {
	return uint64(v[0]) | uint64(v[1])<<16 | uint64(v[2])<<32 | uint64(v[3])<<48
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

// band returns the key of band k of a signature.
func (s *Signature) band(k int) uint64 {
	// Rows 16-bit values side by side: exact, so that two documents share
	// a band key only when they share the band.
	var key uint64
	for _, v := range s[k*Rows : (k+1)*Rows] {
		key = key<<16 | uint64(v)
	}
	return key
}

// bandKeyBits is how many low bits of a band key can be set.
const bandKeyBits = 16 * Rows
