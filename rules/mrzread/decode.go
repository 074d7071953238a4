package mrzread

import (
	"slices"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// Character classes as bit sets over render.Charset.
const (
	setLetters uint64 = 1<<26 - 1
	setDigits  uint64 = (1<<10 - 1) << 26
	setFiller  uint64 = 1 << 36
	setAll            = setLetters | setDigits | setFiller
)

func bit(c byte) uint64 { return 1 << charIndex(c) }

// classSet maps a class letter of a layout pattern to its characters:
// a letters or filler, x letters, digits or filler, d digit, k digit or
// filler, s sex; P, V and I the first character of the document code (I:
// A, C or I).
func classSet(c byte) uint64 {
	switch c {
	case 'a':
		return setLetters | setFiller
	case 'x':
		return setLetters | setDigits | setFiller
	case 'd':
		return setDigits
	case 'k':
		return setDigits | setFiller
	case 's':
		return bit('M') | bit('F') | bit('X') | setFiller
	case 'P':
		return bit('P')
	case 'V':
		return bit('V')
	case 'I':
		return bit('A') | bit('C') | bit('I')
	}
	return 0
}

// checked reports whether a class is covered by check digits (a reading of
// it may be corrected).
func checked(c byte) bool { return c == 'x' || c == 'd' || c == 'k' }

func rep(c string, n int) string { return strings.Repeat(c, n) }

// patterns gives the class of every cell of each layout (ICAO Doc 9303
// Parts 4–7).
var patterns = map[mrz.Format][]string{
	mrz.TD3:  {"Pa" + rep("a", 42), rep("x", 9) + "daaa" + rep("d", 7) + "s" + rep("d", 7) + rep("x", 14) + "kd"},
	mrz.MRVA: {"Va" + rep("a", 42), rep("x", 9) + "daaa" + rep("d", 7) + "s" + rep("d", 7) + rep("x", 16)},
	mrz.TD2:  {"Ia" + rep("a", 34), rep("x", 9) + "kaaa" + rep("d", 7) + "s" + rep("d", 7) + rep("x", 7) + "d"},
	mrz.MRVB: {"Va" + rep("a", 34), rep("x", 9) + "daaa" + rep("d", 7) + "s" + rep("d", 7) + rep("x", 8)},
	mrz.TD1: {"Iaaaa" + rep("x", 9) + "k" + rep("x", 15), rep("d", 7) + "s" + rep("d", 7) + "aaa" + rep("x", 11) + "d",
		rep("a", 30)},
}

// layoutsFor returns the layouts with lines lines of width cells.
func layoutsFor(lines, width int) []mrz.Format {
	switch {
	case lines == 3 && width == 30:
		return []mrz.Format{mrz.TD1}
	case lines == 2 && width == 44:
		return []mrz.Format{mrz.TD3, mrz.MRVA}
	case lines == 2 && width == 36:
		return []mrz.Format{mrz.TD2, mrz.MRVB}
	}
	return nil
}

// edit replaces the reading of one cell with a close alternative.
type edit struct {
	line, pos int
	ch        byte
	score     float32
	cost      float32
}

// maxEditCost is how much worse than the best reading of its class an
// alternative may score and still be tried; maxEdits bounds the
// alternatives searched.
const (
	maxEditCost = 0.15
	maxEdits    = 14
)

// decoded is a zone read from the cell scores.
type decoded struct {
	lines       []string
	conf        [][]float32
	m           mrz.MRZ
	corrections int
	cost        float32
}

// decode returns the most likely reading of rows in layout f whose check
// digits all pass and that [mrz.Parse] accepts, trying at most maxCorr
// corrections among close alternatives of checked cells.
func decode(rows [][]cellScores, f mrz.Format, today certificate.Date, o *Options) (decoded, bool) {
	pat := patterns[f]
	if len(pat) != len(rows) {
		return decoded{}, false
	}
	lines := make([][]byte, len(rows))
	conf := make([][]float32, len(rows))
	var edits []edit
	for i, row := range rows {
		if len(row) != len(pat[i]) {
			return decoded{}, false
		}
		lines[i] = make([]byte, len(row))
		conf[i] = make([]float32, len(row))
		for j := range row {
			cls := pat[i][j]
			set := classSet(cls)
			bi, bs := row[j].best(set)
			if _, any := row[j].best(setAll); any-bs > maxEditCost {
				// The layout overrules a clearly better reading: the cell
				// holds a character its field does not allow.
				return decoded{}, false
			}
			lines[i][j], conf[i][j] = render.Charset[bi], bs
			if !checked(cls) || o.MaxCorrections == 0 {
				continue
			}
			rest := set &^ (1 << bi)
			for range 2 {
				ai, as := row[j].best(rest)
				if ai < 0 || bs-as > maxEditCost || as < o.MinConfidence {
					break
				}
				edits = append(edits, edit{line: i, pos: j, ch: render.Charset[ai], score: as, cost: bs - as})
				rest &^= 1 << ai
			}
		}
	}
	slices.SortFunc(edits, func(a, b edit) int {
		switch {
		case a.cost < b.cost:
			return -1
		case a.cost > b.cost:
			return 1
		}
		return 0
	})
	if len(edits) > maxEdits {
		edits = edits[:maxEdits]
	}
	text := func() string {
		var b strings.Builder
		for i, l := range lines {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.Write(l)
		}
		return b.String()
	}
	best := decoded{cost: float32(1e9)}
	try := func(cost float32, n int) {
		m, err := mrz.Parse(text(), today)
		if err != nil || !m.Valid() || cost >= best.cost {
			return
		}
		best = decoded{m: m, corrections: n, cost: cost}
		best.lines = make([]string, len(lines))
		best.conf = make([][]float32, len(lines))
		for i, l := range lines {
			best.lines[i] = string(l)
			best.conf[i] = slices.Clone(conf[i])
		}
	}
	try(0, 0)
	// Depth-first over sets of edits at distinct cells, cheapest first.
	var edited [3 * 64]bool
	var search func(start, depth int, cost float32)
	search = func(start, depth int, cost float32) {
		for e := start; e < len(edits); e++ {
			ed := edits[e]
			c := cost + ed.cost
			if c >= best.cost {
				return // edits are sorted: every later one costs more
			}
			cell := ed.line*64 + ed.pos
			if edited[cell] {
				continue
			}
			old, oldConf := lines[ed.line][ed.pos], conf[ed.line][ed.pos]
			edited[cell] = true
			lines[ed.line][ed.pos], conf[ed.line][ed.pos] = ed.ch, ed.score
			try(c, depth+1)
			if depth+1 < o.MaxCorrections {
				search(e+1, depth+1, c)
			}
			lines[ed.line][ed.pos], conf[ed.line][ed.pos] = old, oldConf
			edited[cell] = false
		}
	}
	if best.lines == nil {
		search(0, 0, 0)
	}
	if best.lines == nil {
		return decoded{}, false
	}
	return best, true
}
