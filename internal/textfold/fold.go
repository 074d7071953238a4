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
		// Invalid bytes become U+FFFD first, so that removing a separator
		// between them cannot join them into a character.
		s = strings.ToValidUTF8(s, "\uFFFD")
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
				if strings.IndexByte(drop, ' ') < 0 && b.Len() > 0 && !strings.HasSuffix(b.String(), " ") && !separatorsOnly(s[i:], drop) {
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

// separatorsOnly reports whether s holds nothing but white space and bytes of
// drop, so that a space before them would end the result.
func separatorsOnly(s, drop string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' && strings.IndexByte(drop, c) < 0 {
			return false
		}
	}
	return true
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
