package main

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progressDelay is how long a run goes before it earns a progress bar: a bar
// that flashes up for a small corpus is noise.
const progressDelay = time.Second

// progress shows bytes and documents per second and an ETA on standard error,
// only on a terminal, never under CI, and only for runs long enough to need
// it.
type progress struct {
	e       *env
	total   int64
	enabled bool
	start   time.Time
	bar     *progressbar.ProgressBar
	bytes   int64
	docs    int
	last    time.Time
}

func newProgress(e *env, cf *corpusFlags, total int64) *progress {
	return &progress{e: e, total: total, enabled: progressWanted(e, cf) && total > 0, start: time.Now()}
}

// progressWanted reports whether a run of a known size shows a bar.
func progressWanted(e *env, cf *corpusFlags) bool {
	return e.stderrTTY && e.getenv("CI") == "" && !cf.quiet && !cf.noProgress
}

// add is called from the reading goroutine only.
func (p *progress) add(bytes, docs int) {
	if !p.enabled {
		return
	}
	p.bytes += int64(bytes)
	p.docs += docs
	now := time.Now()
	if p.bar == nil {
		if now.Sub(p.start) < progressDelay {
			return
		}
		p.bar = progressbar.NewOptions64(p.total,
			progressbar.OptionSetWriter(p.e.stderr),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionFullWidth(),
		)
		_ = p.bar.Set64(p.bytes)
		return
	}
	_ = p.bar.Add(bytes)
	if now.Sub(p.last) > 250*time.Millisecond {
		p.last = now
		rate := float64(p.docs) / now.Sub(p.start).Seconds()
		p.bar.Describe(fmt.Sprintf("%d docs (%.0f docs/s)", p.docs, rate))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
		p.bar = nil
	}
	p.enabled = false
}
