package textfold

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCompact(t *testing.T) {
	cases := []struct {
		reason, in, drop, want string
	}{
		{"clean input is unchanged", "11010519491231002X", " -", "11010519491231002X"},
		{"lower-case check letter", "11010519491231002x", " -", "11010519491231002X"},
		{"full-width digits and letter", "１１０１０５１９４９１２３１００２ｘ", " -", "11010519491231002X"},
		{"spaces and hyphens dropped", " 110105 1949-1231 002X\n", " -", "11010519491231002X"},
		{"brackets dropped", "A123456(7)", "()", "A1234567"},
		{"ideographic space dropped", "H1234\u30005678", " ", "H12345678"},
		{"inner space kept when not dropped", " ab  c ", "", "AB C"},
		// Found by FuzzCompact (testdata/fuzz/FuzzCompact/78d1cdbd2d925344):
		// a space followed only by dropped bytes used to stay at the end.
		{"no trailing space before dropped bytes", "1 0", "0", "1"},
		{"no trailing space before a dropped hyphen", "12345 -", "-", "12345"},
		// Found by FuzzCompact (testdata/fuzz/FuzzCompact/5898181e26695813):
		// dropping a separator between stray bytes used to join them into a
		// full-width digit that the next fold narrowed.
		{"separators do not join invalid bytes", "\xef-\xbc\x91", " -", "\ufffd\ufffd"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Compact(c.in, c.drop), c.reason)
	}
}

func TestCompactCleanDoesNotAllocate(t *testing.T) {
	n := testing.AllocsPerRun(100, func() { _ = Compact("11010519491231002X", " -") })
	assert.Zero(t, n)
}

func TestCompactBoundsInput(t *testing.T) {
	long := make([]byte, 10000)
	for i := range long {
		long[i] = '1'
	}
	assert.Len(t, Compact(string(long), ""), MaxInput+1)
}
