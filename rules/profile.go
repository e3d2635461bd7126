package rules

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/scrapelint/scrapelint/lint"
)

// data holds the lexicons of every language profile: data/LANG/NAME.txt is
// lexicon NAME of profile LANG. One entry a line; a line starting with "re:"
// is an RE2 pattern, "#" starts a comment line, and blank lines are skipped.
//
//go:embed data
var data embed.FS

// Profiles returns the built-in language profiles, keyed by language code.
// It panics if the embedded data is malformed, which a test catches.
func Profiles() map[string]*lint.Profile {
	profiles, err := loadProfiles(data)
	if err != nil {
		panic(err)
	}
	return profiles
}

// Languages lists the codes of the built-in profiles, sorted.
func Languages() []string {
	var langs []string
	for lang := range Profiles() {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	return langs
}

func loadProfiles(fsys fs.FS) (map[string]*lint.Profile, error) {
	profiles := map[string]*lint.Profile{}
	dirs, err := fs.ReadDir(fsys, "data")
	if err != nil {
		return nil, err
	}
	for _, dir := range dirs {
		if !dir.IsDir() {
			continue
		}
		p := &lint.Profile{Lang: dir.Name(), Lexicons: map[string]*lint.Lexicon{}}
		files, err := fs.Glob(fsys, path.Join("data", dir.Name(), "*.txt"))
		if err != nil {
			return nil, err
		}
		for _, file := range files {
			lex, err := readLexicon(fsys, file)
			if err != nil {
				return nil, err
			}
			p.Lexicons[lex.Name] = lex
		}
		profiles[p.Lang] = p
	}
	return profiles, nil
}

func readLexicon(fsys fs.FS, file string) (*lint.Lexicon, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	lex := &lint.Lexicon{Name: strings.TrimSuffix(path.Base(file), ".txt")}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if pat, ok := strings.CutPrefix(line, "re:"); ok {
			re, err := regexp.Compile(strings.TrimSpace(pat))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", file, n, err)
			}
			lex.Patterns = append(lex.Patterns, re)
			continue
		}
		lex.Literals = append(lex.Literals, line)
	}
	return lex, sc.Err()
}
