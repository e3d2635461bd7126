package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ConfigFileNames are the names a configuration file is looked for under, in
// the current directory and then each parent.
var ConfigFileNames = []string{".scrapelint.yaml", ".scrapelint.yml"}

// Config is the content of a .scrapelint.yaml file. Every field keeps the
// line it came from, so that a bad value is reported at its place.
type Config struct {
	// Path is the file the configuration was read from.
	Path     string
	Language string
	FailOn   string
	Enable   []string
	Disable  []string
	Include  []string
	Exclude  []string
	// TextField and IDField name the JSON Lines fields; empty means the
	// default.
	TextField, IDField string
	// Baseline is the path of a baseline file, relative to the config file.
	Baseline string
	Rules    []RuleConfig
	Lexicons []LexiconConfig
	Ignores  []IgnoreConfig

	lines map[string]int
}

// RuleConfig is one entry under rules: a severity and option values.
type RuleConfig struct {
	ID       string
	Line     int
	Severity string
	Options  []OptionValue
}

// OptionValue is one option set in the configuration.
type OptionValue struct {
	Name  string
	Value any
	Line  int
}

// LexiconConfig adds entries to a lexicon of the language profile.
type LexiconConfig struct {
	Name     string
	Line     int
	Literals []string
	Patterns []*regexp.Regexp
}

// IgnoreConfig switches rules off for the paths matching a glob; no rules
// means every rule.
type IgnoreConfig struct {
	Path  string
	Rules []string
	Line  int
}

// ConfigError is a problem in a configuration file, at a line.
type ConfigError struct {
	Path string
	Line int
	Err  error
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// FindConfig looks for a configuration file in dir and its parents and
// returns its path, or "" when there is none.
func FindConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, name := range ConfigFileNames {
			p := filepath.Join(dir, name)
			if info, err := os.Stat(p); err == nil && !info.IsDir() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// LoadConfig reads and checks the structure of a configuration file. Which
// rules, options and lexicons exist is checked by Configure.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ConfigError{Path: path, Err: cleanErr(err)}
	}
	return ParseConfig(path, data)
}

// ParseConfig parses configuration data read from path.
func ParseConfig(path string, data []byte) (*Config, error) {
	cfg := &Config{Path: path, lines: map[string]int{}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlError(err)
		return nil, &ConfigError{Path: path, Line: line, Err: fmt.Errorf("not valid YAML: %s", msg)}
	}
	if len(root.Content) == 0 {
		return cfg, nil // an empty file configures nothing
	}
	top := root.Content[0]
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &ConfigError{Path: path, Line: n.Line, Err: fmt.Errorf(format, args...)}
	}
	if top.Kind != yaml.MappingNode {
		return nil, bad(top, "the configuration must be a mapping of keys to values")
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i], top.Content[i+1]
		cfg.lines[key.Value] = key.Line
		var err error
		switch key.Value {
		case "language":
			cfg.Language, err = scalarString(path, val)
		case "fail-on":
			cfg.FailOn, err = scalarString(path, val)
		case "text-field":
			cfg.TextField, err = scalarString(path, val)
		case "id-field":
			cfg.IDField, err = scalarString(path, val)
		case "baseline":
			cfg.Baseline, err = scalarString(path, val)
		case "enable":
			cfg.Enable, err = stringList(path, val)
		case "disable":
			cfg.Disable, err = stringList(path, val)
		case "include":
			cfg.Include, err = globList(path, val)
		case "exclude":
			cfg.Exclude, err = globList(path, val)
		case "rules":
			cfg.Rules, err = parseRules(path, val)
		case "lexicons":
			cfg.Lexicons, err = parseLexicons(path, val)
		case "ignore":
			cfg.Ignores, err = parseIgnores(path, val)
		default:
			err = bad(key, "unknown key %q (keys: baseline, disable, enable, exclude, fail-on, id-field, ignore, include, language, lexicons, rules, text-field)", key.Value)
		}
		if err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// Line returns the line of a top-level key, or 0.
func (c *Config) Line(key string) int { return c.lines[key] }

// yamlError splits the parser's "yaml: line N: message" into its line and
// message, so that the line is said once, in the file:line prefix.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var n int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &n); scanErr == nil {
		return n, strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
	}
	return 0, msg
}

func scalarString(path string, n *yaml.Node) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", &ConfigError{Path: path, Line: n.Line, Err: fmt.Errorf("want a single value")}
	}
	return n.Value, nil
}

func stringList(path string, n *yaml.Node) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		// "enable: a, b" is read like the command line's comma lists.
		return splitList(n.Value), nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, &ConfigError{Path: path, Line: n.Line, Err: fmt.Errorf("want a list of strings")}
	}
	var out []string
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode {
			return nil, &ConfigError{Path: path, Line: item.Line, Err: fmt.Errorf("want a string")}
		}
		out = append(out, item.Value)
	}
	return out, nil
}

func globList(path string, n *yaml.Node) ([]string, error) {
	globs, err := stringList(path, n)
	if err != nil {
		return nil, err
	}
	for _, g := range globs {
		if !ValidGlob(g) {
			return nil, &ConfigError{Path: path, Line: n.Line, Err: fmt.Errorf("invalid glob %q", g)}
		}
	}
	return globs, nil
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func parseRules(path string, n *yaml.Node) ([]RuleConfig, error) {
	if n.Kind != yaml.MappingNode {
		return nil, &ConfigError{Path: path, Line: n.Line, Err: fmt.Errorf("rules: want a mapping from rule id to its settings")}
	}
	var out []RuleConfig
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		rc := RuleConfig{ID: key.Value, Line: key.Line}
		switch val.Kind {
		case yaml.ScalarNode:
			// "repeated-line: off" sets the severity alone.
			rc.Severity = val.Value
		case yaml.MappingNode:
			for j := 0; j+1 < len(val.Content); j += 2 {
				k, v := val.Content[j], val.Content[j+1]
				if k.Value == "severity" {
					s, err := scalarString(path, v)
					if err != nil {
						return nil, err
					}
					rc.Severity = s
					continue
				}
				value, err := optionValue(path, v)
				if err != nil {
					return nil, err
				}
				rc.Options = append(rc.Options, OptionValue{Name: k.Value, Value: value, Line: k.Line})
			}
		default:
			return nil, &ConfigError{Path: path, Line: val.Line, Err: fmt.Errorf("rule %s: want a severity or a mapping of severity and options", key.Value)}
		}
		out = append(out, rc)
	}
	return out, nil
}

func optionValue(path string, n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, &ConfigError{Path: path, Line: n.Line, Err: err}
		}
		return v, nil
	case yaml.SequenceNode:
		return stringList(path, n)
	}
	return nil, &ConfigError{Path: path, Line: n.Line, Err: fmt.Errorf("want a number, a string, true/false or a list of strings")}
}

func parseLexicons(path string, n *yaml.Node) ([]LexiconConfig, error) {
	if n.Kind != yaml.MappingNode {
		return nil, &ConfigError{Path: path, Line: n.Line, Err: fmt.Errorf("lexicons: want a mapping from lexicon name to literals and patterns")}
	}
	var out []LexiconConfig
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		lc := LexiconConfig{Name: key.Value, Line: key.Line}
		if val.Kind != yaml.MappingNode {
			return nil, &ConfigError{Path: path, Line: val.Line, Err: fmt.Errorf("lexicon %s: want literals: [...] and/or patterns: [...]", key.Value)}
		}
		for j := 0; j+1 < len(val.Content); j += 2 {
			k, v := val.Content[j], val.Content[j+1]
			list, err := stringList(path, v)
			if err != nil {
				return nil, err
			}
			switch k.Value {
			case "literals":
				lc.Literals = append(lc.Literals, list...)
			case "patterns":
				for idx, p := range list {
					re, err := regexp.Compile(p)
					if err != nil {
						line := v.Line
						if v.Kind == yaml.SequenceNode && idx < len(v.Content) {
							line = v.Content[idx].Line
						}
						return nil, &ConfigError{Path: path, Line: line, Err: fmt.Errorf("lexicon %s: invalid RE2 pattern %q: %w", key.Value, p, err)}
					}
					lc.Patterns = append(lc.Patterns, re)
				}
			default:
				return nil, &ConfigError{Path: path, Line: k.Line, Err: fmt.Errorf("lexicon %s: unknown key %q (want literals or patterns)", key.Value, k.Value)}
			}
		}
		out = append(out, lc)
	}
	return out, nil
}

func parseIgnores(path string, n *yaml.Node) ([]IgnoreConfig, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, &ConfigError{Path: path, Line: n.Line, Err: fmt.Errorf("ignore: want a list of {path: GLOB, rules: [ID...]}")}
	}
	var out []IgnoreConfig
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			return nil, &ConfigError{Path: path, Line: item.Line, Err: fmt.Errorf("ignore: want {path: GLOB, rules: [ID...]}")}
		}
		ic := IgnoreConfig{Line: item.Line}
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			var err error
			switch k.Value {
			case "path":
				ic.Path, err = scalarString(path, v)
				if err == nil && !ValidGlob(ic.Path) {
					err = &ConfigError{Path: path, Line: v.Line, Err: fmt.Errorf("invalid glob %q", ic.Path)}
				}
			case "rules":
				ic.Rules, err = stringList(path, v)
			default:
				err = &ConfigError{Path: path, Line: k.Line, Err: fmt.Errorf("ignore: unknown key %q (want path and rules)", k.Value)}
			}
			if err != nil {
				return nil, err
			}
		}
		if ic.Path == "" {
			return nil, &ConfigError{Path: path, Line: item.Line, Err: fmt.Errorf("ignore: entry without a path")}
		}
		out = append(out, ic)
	}
	return out, nil
}

// Selection is what the command line says about rules; it overrides the
// configuration file.
type Selection struct {
	Lang    string
	Enable  []string
	Disable []string
}

// Configure builds the rule set of a run from every known rule, the language
// profiles, an optional configuration file and the command line. Unknown
// rule ids, options, lexicons and languages are errors naming their line.
func Configure(all []*Rule, profiles map[string]*Profile, cfg *Config, sel Selection) (*RuleSet, error) {
	if cfg == nil {
		cfg = &Config{Path: "(defaults)"}
	}
	lang := "vi"
	if cfg.Language != "" {
		lang = cfg.Language
	}
	if sel.Lang != "" {
		lang = sel.Lang
	}
	profile, ok := profiles[lang]
	if !ok {
		return nil, &ConfigError{Path: cfg.Path, Line: cfg.Line("language"), Err: fmt.Errorf("unknown language %q (profiles: %s)", lang, strings.Join(profileNames(profiles), ", "))}
	}
	byID := map[string]*Settings{}
	var settings []*Settings
	for _, r := range all {
		s := NewSettings(r, profile)
		byID[r.ID] = s
		settings = append(settings, s)
	}
	unknown := func(line int, id string) error {
		return &ConfigError{Path: cfg.Path, Line: line, Err: fmt.Errorf("unknown rule %q (see scrapelint rules)", id)}
	}
	enable := func(s *Settings) {
		if s.Severity == Off {
			s.Severity = s.Rule.Severity
			if s.Severity == Off {
				s.Severity = Warning
			}
		}
	}
	for _, id := range cfg.Enable {
		s := byID[id]
		if s == nil {
			return nil, unknown(cfg.Line("enable"), id)
		}
		enable(s)
	}
	for _, id := range cfg.Disable {
		s := byID[id]
		if s == nil {
			return nil, unknown(cfg.Line("disable"), id)
		}
		s.Severity = Off
	}
	for _, rc := range cfg.Rules {
		s := byID[rc.ID]
		if s == nil {
			return nil, unknown(rc.Line, rc.ID)
		}
		if rc.Severity != "" {
			sev, err := ParseSeverity(rc.Severity)
			if err != nil {
				return nil, &ConfigError{Path: cfg.Path, Line: rc.Line, Err: err}
			}
			s.Severity = sev
		}
		for _, o := range rc.Options {
			if err := s.SetOption(o.Name, o.Value); err != nil {
				return nil, &ConfigError{Path: cfg.Path, Line: o.Line, Err: err}
			}
		}
	}
	for _, lc := range cfg.Lexicons {
		used := false
		for _, s := range settings {
			if _, ok := s.lexicons[lc.Name]; ok {
				used = true
				if err := s.ExtendLexicon(lc.Name, lc.Literals, lc.Patterns); err != nil {
					return nil, &ConfigError{Path: cfg.Path, Line: lc.Line, Err: err}
				}
			}
		}
		if !used {
			return nil, &ConfigError{Path: cfg.Path, Line: lc.Line, Err: fmt.Errorf("no rule reads a lexicon %q (lexicons: %s)", lc.Name, strings.Join(lexiconNames(all), ", "))}
		}
	}
	for _, ic := range cfg.Ignores {
		for _, id := range ic.Rules {
			if byID[id] == nil {
				return nil, unknown(ic.Line, id)
			}
		}
	}
	for _, id := range sel.Enable {
		s := byID[id]
		if s == nil {
			return nil, fmt.Errorf("--enable: unknown rule %q (see scrapelint rules)", id)
		}
		enable(s)
	}
	for _, id := range sel.Disable {
		s := byID[id]
		if s == nil {
			return nil, fmt.Errorf("--disable: unknown rule %q (see scrapelint rules)", id)
		}
		s.Severity = Off
	}
	rs := &RuleSet{Lang: lang}
	for _, s := range settings {
		if s.Severity != Off {
			rs.Settings = append(rs.Settings, s)
		}
	}
	if len(cfg.Ignores) > 0 {
		ignores := cfg.Ignores
		rs.Ignore = func(path, rule string) bool {
			for _, ic := range ignores {
				if !matchAny([]string{ic.Path}, path, filepath.Base(path)) {
					continue
				}
				if len(ic.Rules) == 0 {
					return true
				}
				for _, id := range ic.Rules {
					if id == rule {
						return true
					}
				}
			}
			return false
		}
	}
	return rs, nil
}

func profileNames(profiles map[string]*Profile) []string {
	var names []string
	for n := range profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func lexiconNames(all []*Rule) []string {
	seen := map[string]bool{}
	var names []string
	for _, r := range all {
		for _, l := range r.Lexicons {
			if !seen[l] {
				seen[l] = true
				names = append(names, l)
			}
		}
	}
	sort.Strings(names)
	return names
}

// SplitList splits a comma-separated command-line list of rule ids.
func SplitList(values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, splitList(v)...)
	}
	return out
}
