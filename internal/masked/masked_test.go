package masked_test

import (
	"fmt"
	"testing"

	"github.com/realname-go/realname/internal/masked"
)

type secret struct{ full string }

func (s secret) Format(f fmt.State, verb rune) {
	masked.Format(f, verb, "12****78", func() string { return `secret{"12****78"}` })
}

func TestFormat(t *testing.T) {
	s := secret{"12345678"}
	for format, want := range map[string]string{
		"%v":   "12****78",
		"%+v":  "12****78",
		"%s":   "12****78",
		"%10s": "  12****78",
		"%-9v": "12****78 ",
		"%q":   `"12****78"`,
		"%x":   "31322a2a2a2a3738",
		"%d":   "%!d(string=12****78)",
		"%#v":  `secret{"12****78"}`,
	} {
		if got := fmt.Sprintf(format, s); got != want {
			t.Errorf("Sprintf(%q) = %q, want %q", format, got, want)
		}
	}
	if got := fmt.Sprintf("%v %+v %#v", []secret{s}, struct{ S secret }{s}, &s); got != `[12****78] {S:12****78} secret{"12****78"}` {
		t.Errorf("nested: %q", got)
	}
}
