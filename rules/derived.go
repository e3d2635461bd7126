package rules

import "sync"

// derived holds what rules build from their lexicons (a set, a table of
// limits), once per lexicon rather than per document: building it per
// document cost more than using it. The key is the lexicons' Keys, so an
// extended lexicon gets its own. The value must not be modified.
type derived[K comparable, V any] struct{ m sync.Map }

func (d *derived[K, V]) get(key K, build func() V) V {
	if v, ok := d.m.Load(key); ok {
		return v.(V)
	}
	v, _ := d.m.LoadOrStore(key, build())
	return v.(V)
}
