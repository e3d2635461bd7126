package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/rules"
)

func runRules(e *env, args []string) int {
	var markdown bool
	fs := newFlagSet(e, "rules", "[flags]", "List every rule: id, family, default severity, fix, summary.")
	fs.BoolVar(&markdown, "markdown", false, "print the table as Markdown with an example per rule (the README's rule table)")
	if done, status := parse(fs, args); done {
		return status
	}
	if markdown {
		fmt.Fprint(e.stdout, RulesMarkdown(rules.All))
		return exitClean
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFAMILY\tSEVERITY\tFIX\tSUMMARY")
	for _, r := range rules.All {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Family, r.Severity, r.Fix, r.Summary)
	}
	tw.Flush()
	return exitClean
}

// RulesMarkdown is the README's rule table, generated from the rules' own
// metadata so that the two never disagree (a test compares them).
func RulesMarkdown(all []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("| id | family | default | fix | what it finds | example (before → after) |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, r := range all {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s → %s |\n", r.ID, r.Family, r.Severity, r.Fix,
			mdEscape(r.Summary), mdCode(r.Before), mdCode(r.After))
	}
	return b.String()
}

func mdCode(s string) string {
	s = strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "⏎")
	if len([]rune(s)) > 70 {
		s = string([]rune(s)[:67]) + "…"
	}
	if s == "" {
		return "(empty)"
	}
	return "`" + strings.ReplaceAll(strings.ReplaceAll(s, "`", "'"), "|", `\|`) + "`"
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func runExplain(e *env, args []string) int {
	fs := newFlagSet(e, "explain", "RULE", "Describe a rule: what it finds, why it matters, an example, its fix and options.")
	if done, status := parse(fs, args); done {
		return status
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "scrapelint explain: name one rule (see scrapelint rules)")
		return exitTrouble
	}
	r := rules.ByID(fs.Arg(0))
	if r == nil {
		fmt.Fprintf(e.stderr, "scrapelint explain: unknown rule %q (see scrapelint rules)\n", fs.Arg(0))
		return exitTrouble
	}
	explain(e.stdout, r)
	return exitClean
}

func explain(w io.Writer, r *lint.Rule) {
	sev := r.Severity.String()
	if r.Severity == lint.Off {
		sev = "off by default (enable with --enable " + r.ID + ")"
	}
	fmt.Fprintf(w, "%s — %s\n\nfamily: %s   default severity: %s   fix: %s\n\n", r.ID, r.Summary, r.Family, sev, r.Fix)
	fmt.Fprintf(w, "%s\n\nExample\n  before: %s\n  after:  %s\n\nFix\n%s\n", strings.TrimSpace(r.Doc), quoteBlock(r.Before), quoteBlock(r.After), indent(r.FixDoc))
	if len(r.Options) > 0 {
		fmt.Fprintln(w, "\nOptions (set under rules: in .scrapelint.yaml)")
		for _, o := range r.Options {
			fmt.Fprintf(w, "  %s (default %v): %s\n", o.Name, o.Default, o.Doc)
		}
	}
	if len(r.Lexicons) > 0 {
		fmt.Fprintf(w, "\nLexicons (extend under lexicons: in .scrapelint.yaml): %s\n", strings.Join(r.Lexicons, ", "))
	}
}

func quoteBlock(s string) string {
	return fmt.Sprintf("%q", s)
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return strings.Join(lines, "\n")
}

func runVersion(e *env, args []string) int {
	fs := newFlagSet(e, "version", "", "Print scrapelint's version.")
	if done, status := parse(fs, args); done {
		return status
	}
	fmt.Fprintf(e.stdout, "scrapelint %s\n", version())
	return exitClean
}

// version is the module version the binary was built from, with the VCS
// revision when the build recorded one.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v + " " + info.GoVersion
}
