// Package textfold folds certificate numbers as people type them into the
// characters a scheme expects: full-width forms become ASCII (through
// golang.org/x/text/width), letters become upper case, and separators a
// scheme prints are removed.
package textfold

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// MaxInput is the longest input Compact folds; longer input is returned
// truncated to this many bytes plus one, so callers report a length error
// without unbounded work.
const MaxInput = 256

// Compact returns s with full-width characters narrowed, lower-case ASCII
// letters upper-cased, and every byte in drop (ASCII separators such as
// " -()") removed, along with surrounding white space. When s needs no change
// it is returned as is, without allocating.
func Compact(s, drop string) string {
	if len(s) > MaxInput {
		s = s[:MaxInput+1]
	}
	if clean(s, drop) {
		return s
	}
	if !isASCII(s) {
		s = width.Narrow.String(s)
		s = strings.ReplaceAll(s, "\u3000", " ")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte(drop, c) >= 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				if strings.IndexByte(drop, ' ') < 0 && b.Len() > 0 && !strings.HasSuffix(b.String(), " ") && !trailingSpaceOnly(s[i:]) {
					b.WriteByte(' ')
				}
			}
			continue
		case c >= 'a' && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func trailingSpaceOnly(s string) bool {
	return strings.TrimSpace(s) == ""
}

func clean(s, drop string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'a' && c <= 'z') || c == ' ' || c == '\t' || c == '\n' || c == '\r' || strings.IndexByte(drop, c) >= 0 {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
