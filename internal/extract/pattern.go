package extract

import (
	"regexp"
	"sync"
)

// pattern is a regular expression of the rule tables, compiled when it is
// first used. The package has about a hundred of them; compiled at
// package initialisation they cost every command about 60 ms of CPU and
// 6 MB of allocations before main ran, serving and exporting included,
// which never extract. Compiled on first use, only the commands that read
// articles pay, once. The methods are those of regexp.Regexp the rules
// call, so a rule reads the same either way.
type pattern struct {
	src     string
	once    sync.Once
	re      *regexp.Regexp
	preOnce sync.Once
	pre     prefilter
}

// pat returns the pattern of expr, to be compiled on first use. A bad
// expression panics then, as regexp.MustCompile would at start-up;
// TestPatternsCompile compiles every pattern of the tables so that a typo
// still fails the tests.
func pat(expr string) *pattern { return &pattern{src: expr} }

// rx returns the compiled expression.
func (p *pattern) rx() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.src) })
	return p.re
}

// prefilter returns the pattern's prefilter (see newPrefilter), derived
// on first use.
func (p *pattern) prefilter() *prefilter {
	p.preOnce.Do(func() { p.pre = newPrefilter(p.rx()) })
	return &p.pre
}

// String returns the source text of the pattern.
func (p *pattern) String() string { return p.src }

// MatchString is regexp.Regexp.MatchString.
func (p *pattern) MatchString(s string) bool { return p.rx().MatchString(s) }

// FindString is regexp.Regexp.FindString.
func (p *pattern) FindString(s string) string { return p.rx().FindString(s) }

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (p *pattern) FindStringIndex(s string) []int { return p.rx().FindStringIndex(s) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (p *pattern) FindStringSubmatch(s string) []string { return p.rx().FindStringSubmatch(s) }

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (p *pattern) FindStringSubmatchIndex(s string) []int {
	return p.rx().FindStringSubmatchIndex(s)
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	return p.rx().FindAllStringIndex(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (p *pattern) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return p.rx().FindAllStringSubmatchIndex(s, n)
}
