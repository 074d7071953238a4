package mrzread

import (
	"slices"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/internal/checksum"
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

// verified reports whether a check digit covers cell j of line i of layout
// f, whose class is cls: every cell of classes x, d and k but a visa's
// optional data.
func verified(f mrz.Format, i, j int, cls byte) bool {
	if (f == mrz.MRVA || f == mrz.MRVB) && i == 1 && j >= 28 {
		return false
	}
	return checked(cls)
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
// alternatives searched. At most one correction is made per field whose
// own check fails, and none in a visa, whose zone has no composite check
// to confirm it: a correction is chosen by one check and confirmed by
// another.
// maxOverrule is how much better a character outside a cell's class may
// score, in a field no check digit covers, before the cell is unreadable.
const (
	maxOverrule = 0.05
	maxEditCost = 0.10
	maxEdits    = 14
)

// ownCheck is a field with a check digit of its own: cells start to end
// of line, and the digit's cell.
type ownCheck struct {
	line, start, end, digit int
	// long: a TD1 or TD2 document number, which may continue in the
	// optional data from cell ext.
	long bool
	ext  int
}

// ownChecks lists the fields with their own check digit in each layout.
var ownChecks = map[mrz.Format][]ownCheck{
	mrz.TD3:  {{1, 0, 9, 9, false, 0}, {1, 13, 19, 19, false, 0}, {1, 21, 27, 27, false, 0}, {1, 28, 42, 42, false, 0}},
	mrz.TD2:  {{1, 0, 9, 9, true, 28}, {1, 13, 19, 19, false, 0}, {1, 21, 27, 27, false, 0}},
	mrz.MRVA: {{1, 0, 9, 9, false, 0}, {1, 13, 19, 19, false, 0}, {1, 21, 27, 27, false, 0}},
	mrz.MRVB: {{1, 0, 9, 9, false, 0}, {1, 13, 19, 19, false, 0}, {1, 21, 27, 27, false, 0}},
	mrz.TD1:  {{0, 5, 14, 14, true, 15}, {1, 0, 6, 6, false, 0}, {1, 8, 14, 14, false, 0}},
}

// failingFields marks (at line·64 + cell) the cells of every field whose own
// check digit fails in lines, and counts those fields.
func failingFields(f mrz.Format, lines [][]byte) ([3 * 64]bool, int) {
	var out [3 * 64]bool
	n := 0
	for _, c := range ownChecks[f] {
		l := lines[c.line]
		data, digit, end := string(l[c.start:c.end]), l[c.digit], c.digit+1
		if c.long && digit == '<' && l[c.ext] != '<' {
			// A long number: the rest and its check digit follow in the
			// optional data, up to the first filler.
			e := c.ext
			for e < len(l) && l[e] != '<' {
				e++
			}
			data += string(l[c.ext : e-1])
			digit, end = l[e-1], e
		}
		if c.start == 28 && digit == '<' && strings.Trim(data, "<") == "" {
			continue // TD3: no personal number, no check digit
		}
		if want, ok := checksum.ICAO(data); ok && want == digit {
			continue
		}
		n++
		for j := c.start; j < end; j++ {
			out[c.line*64+j] = true
		}
	}
	return out, n
}

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
			limit := float32(maxOverrule)
			if checked(cls) {
				limit = maxEditCost
			}
			if _, any := row[j].best(setAll); any-bs > limit {
				// The layout overrules a clearly better reading: the cell
				// holds a character its field does not allow.
				return decoded{}, false
			}
			lines[i][j], conf[i][j] = render.Charset[bi], bs
			if bs < o.MinUncheckedConfidence && !verified(f, i, j, cls) {
				// No check digit would catch a misreading here.
				return decoded{}, false
			}
		}
	}
	// Corrections are tried only in fields whose own check digit fails: the
	// field's check picks the correction and the composite check, where
	// there is one, confirms it. A field without a check of its own (the
	// optional data of TD1 and TD2, the names) is never corrected, so that
	// a misprinted character there cannot be "fixed" by a coincidence
	// elsewhere.
	failing, nfail := failingFields(f, lines)
	budget := min(o.MaxCorrections, nfail)
	if f == mrz.MRVA || f == mrz.MRVB {
		budget = 0 // no composite check to confirm a correction
	}
	for i, row := range rows {
		for j := range row {
			cls := pat[i][j]
			if !failing[i*64+j] || !checked(cls) || budget == 0 {
				continue
			}
			set := classSet(cls)
			bi, bs := row[j].best(set)
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
			if depth+1 < budget {
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
