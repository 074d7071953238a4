package textfold_test

import (
	"strings"
	"testing"

	"github.com/realname-go/realname/internal/textfold"
)

// FuzzCompact checks that Compact never panics, that its output stays
// bounded whatever the input, and that folding folded text changes nothing,
// for the separator sets the schemes use (drop holds separators, never
// letters) and one a scheme could use that keeps spaces.
func FuzzCompact(f *testing.F) {
	// Seeds: a clean number, full-width digits and a full-width lower-case x,
	// an ideographic space, brackets around a check character, invalid UTF-8,
	// and input longer than MaxInput that ends inside a full-width character.
	for _, s := range []string{"11010519491231002X", "１１０１０５１９４９１２３１００２ｘ", "110105\u300019491231002x",
		"A123456(7)", "\xff\xfe12", strings.Repeat("9", textfold.MaxInput) + "１", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, drop := range []string{" -", " -()", " -./()[]", "-0"} {
			out := textfold.Compact(s, drop)
			if len(out) > 3*(textfold.MaxInput+1) {
				t.Fatalf("Compact returned %d bytes", len(out))
			}
			if len(out) > textfold.MaxInput {
				continue // cut again on the second pass: bounded, not idempotent
			}
			if again := textfold.Compact(out, drop); again != out {
				t.Fatalf("Compact(%q) is not idempotent: %q then %q", drop, out, again)
			}
		}
	})
}
