package eval

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
)

// Whitelist is the 37 characters of a zone, Tesseract's only choices.
const Whitelist = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

// Tesseract runs the tesseract program (Debian's tesseract-ocr) on zone
// crops, one thread (OMP_THREAD_LIMIT=1) as the reader uses one.
type Tesseract struct {
	Path string
	// Lang is the traineddata: "mrz" or "ocrb" when installed, else "eng".
	Lang    string
	Version string
}

// FindTesseract looks up tesseract on PATH and picks its traineddata.
func FindTesseract() (*Tesseract, error) {
	p, err := exec.LookPath("tesseract")
	if err != nil {
		return nil, err
	}
	t := &Tesseract{Path: p, Lang: "eng"}
	out, err := exec.Command(p, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("tesseract --list-langs: %v: %s", err, out)
	}
	for _, l := range strings.Fields(string(out)) {
		if l == "mrz" || l == "ocrb" {
			t.Lang = l
		}
	}
	if v, err := exec.Command(p, "--version").CombinedOutput(); err == nil {
		t.Version = strings.TrimSpace(strings.SplitN(string(v), "\n", 2)[0])
	}
	return t, nil
}

func (t *Tesseract) cmd(ctx context.Context, input string) *exec.Cmd {
	c := exec.CommandContext(ctx, t.Path, input, "stdout", "-l", t.Lang, "--psm", "6",
		"-c", "tessedit_char_whitelist="+Whitelist)
	c.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	return c
}

// One reads one image file in a process of its own and returns the text
// and the time taken, process start included.
func (t *Tesseract) One(ctx context.Context, file string) (string, time.Duration, error) {
	start := time.Now()
	out, err := t.cmd(ctx, file).Output()
	return string(out), time.Since(start), err
}

// Batch reads the files in one process (through a list file) and returns
// the text of each and the total time: one process start for all.
func (t *Tesseract) Batch(ctx context.Context, dir string, files []string) ([]string, time.Duration, error) {
	list := filepath.Join(dir, fmt.Sprintf("list-%d.txt", time.Now().UnixNano()))
	if err := os.WriteFile(list, []byte(strings.Join(files, "\n")+"\n"), 0o644); err != nil {
		return nil, 0, err
	}
	defer os.Remove(list)
	start := time.Now()
	out, err := t.cmd(ctx, list).Output()
	d := time.Since(start)
	if err != nil {
		return nil, d, err
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	if len(pages) != len(files) {
		return nil, d, fmt.Errorf("tesseract: %d pages for %d files", len(pages), len(files))
	}
	return pages, d, nil
}

// Lines returns the non-empty lines of Tesseract's output, spaces removed.
func Lines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.ReplaceAll(strings.TrimSpace(l), " ", "")
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// digitCells lists, per layout and line, the cells that hold only digits
// (dates and check digits; not those a filler may take).
var digitCells = map[mrz.Format][][]int{
	mrz.TD1:  {{}, {0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 29}, {}},
	mrz.TD2:  {{}, {9, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 35}},
	mrz.TD3:  {{}, {9, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 43}},
	mrz.MRVA: {{}, {9, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27}},
	mrz.MRVB: {{}, {9, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27}},
}

var toDigit = map[byte]byte{'O': '0', 'D': '0', 'Q': '0', 'I': '1', 'L': '1', 'Z': '2', 'S': '5', 'B': '8', 'G': '6', 'T': '7', 'A': '4'}

// Validate is what a careful caller of Tesseract does: it maps letters to
// the digits they resemble in the cells of layout that hold only digits,
// then parses the zone and accepts it only when every check digit passes.
// It returns the zone text and whether it was accepted.
func Validate(lines []string, layout mrz.Format, today certificate.Date) (string, bool) {
	fixed := make([]string, len(lines))
	copy(fixed, lines)
	cells := digitCells[layout]
	if len(fixed) == len(cells) {
		for i, cs := range cells {
			b := []byte(fixed[i])
			for _, c := range cs {
				if c < len(b) {
					if d, ok := toDigit[b[c]]; ok {
						b[c] = d
					}
				}
			}
			fixed[i] = string(b)
		}
	}
	text := strings.Join(fixed, "\n")
	m, err := mrz.Parse(text, today)
	return text, err == nil && m.Valid()
}
