package eval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread"
)

// Config sets what [Run] evaluates.
type Config struct {
	// Seed draws the set: the same seed gives the same images.
	Seed uint64
	// N is the number of zones per layout and tier; Damaged the number of
	// damaged zones per layout; NoZone the number of images with no zone.
	N, Damaged, NoZone int
	// Photos are real images with no zone (see [Photos]).
	Photos []image.Image
	// Reader reads; Today is the date two-digit years are read against.
	Reader *mrzread.Reader
	Today  certificate.Date
	// Tesseract, when set, reads every zone's crop too; the first TessProc
	// crops of each cell are also read one process each, for the time with
	// the process start.
	Tesseract *Tesseract
	TessProc  int
	// Workers generate images in parallel (reading is always one at a
	// time, so the times are of one core). Default 1.
	Workers int
	// Dump, when set, is a directory the first failures of each cell are
	// written to as JPEG files.
	Dump string
	// Log, when set, hears progress and failures.
	Log func(format string, args ...any)
	// MaxDPI, when set, caps the resolution the documents are drawn at
	// (default [MaxDPI]): a cheaper set for tests under the race detector.
	MaxDPI float64
}

// Result counts the reader's outcomes on a set of images.
type Result struct {
	N int
	// Exact: the true zone read. Wrong: another zone read (every check
	// passed). NoZone and Unreadable: the reader's errors.
	Exact, Wrong, NoZone, Unreadable int
	// Time is the total time of the reads.
	Time time.Duration
}

// TessResult counts Tesseract's outcomes on the crops of a set of images.
type TessResult struct {
	N int
	// Exact: the output is the true zone as it is. Accepted: after mapping
	// letters to digits in digit-only cells, every check digit passes;
	// AcceptedExact of those are the true zone, Wrong are not.
	Exact, Accepted, AcceptedExact, Wrong int
	// Chars counts the zone's characters, CharsRight those Tesseract read
	// right in place (lines compared position by position).
	Chars, CharsRight int
	// Batch is the time of reading all N crops in one process; Proc the
	// time of reading ProcN crops one process each.
	Batch time.Duration
	ProcN int
	Proc  time.Duration
}

// Cell is the evaluation of one layout and tier.
type Cell struct {
	Layout mrz.Format
	Tier   Tier
	Ours   Result
	Tess   TessResult
}

// Report is the outcome of [Run].
type Report struct {
	Cells []Cell
	// Damaged: Exact counts zones recovered despite the damage, Wrong the
	// false accepts. NoZone: Wrong counts zones read where there is none.
	Damaged, NoZone Result
	// Tesseract names the Tesseract run ("" when none).
	Tesseract string
	// Failures describes the first failures of each cell.
	Failures []string
}

func (c *Config) maxDPI() float64 {
	if c.MaxDPI >= MinDPI && c.MaxDPI < MaxDPI {
		return c.MaxDPI
	}
	return MaxDPI
}

func (c *Config) log(format string, args ...any) {
	if c.Log != nil {
		c.Log(format, args...)
	}
}

// generate draws n samples by gen in parallel, in chunks, and hands them to
// use in order, one at a time.
func (c *Config) generate(n int, gen func(i int) *Sample, use func(i int, s *Sample) error) error {
	w := max(c.Workers, 1)
	chunk := 2 * w
	for start := 0; start < n; start += chunk {
		end := min(start+chunk, n)
		batch := make([]*Sample, end-start)
		var wg sync.WaitGroup
		next := make(chan int)
		for range w {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					batch[i-start] = gen(i)
				}
			}()
		}
		for i := start; i < end; i++ {
			next <- i
		}
		close(next)
		wg.Wait()
		for i, s := range batch {
			if err := use(start+i, s); err != nil {
				return err
			}
			batch[i] = nil
		}
	}
	return nil
}

// read reads s, times it and counts the outcome into res; it returns the
// outcome's name ("exact", "wrong", "nozone", "unreadable") and the zone.
func (c *Config) read(ctx context.Context, s *Sample, res *Result) (string, *mrzread.Zone, error) {
	start := time.Now()
	z, err := c.Reader.Read(ctx, s.Image)
	res.Time += time.Since(start)
	res.N++
	switch {
	case z != nil && s.Lines != nil && z.Text() == s.Text():
		res.Exact++
		return "exact", z, nil
	case z != nil:
		res.Wrong++
		return "wrong", z, nil
	case errors.Is(err, mrzread.ErrNoZone):
		res.NoZone++
		return "nozone", nil, nil
	case errors.Is(err, mrzread.ErrUnreadable):
		res.Unreadable++
		return "unreadable", nil, nil
	}
	return "", nil, err
}

// Run generates the evaluation set and reads it.
func Run(ctx context.Context, c Config) (*Report, error) {
	rep := &Report{}
	var tmp string
	if c.Tesseract != nil {
		var err error
		if tmp, err = os.MkdirTemp("", "mrzeval-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		rep.Tesseract = fmt.Sprintf("%s, %s traineddata", c.Tesseract.Version, c.Tesseract.Lang)
	}
	for _, tier := range Tiers {
		for _, layout := range Layouts {
			cell := Cell{Layout: layout, Tier: tier}
			var files, truth []string
			dumped := 0
			err := c.generate(c.N, func(i int) *Sample {
				s := zoneSample(c.Seed, layout, tier, i, c.maxDPI())
				s.Name = fmt.Sprintf("%s-%s-%d", layout, tier, i)
				return s
			}, func(i int, s *Sample) error {
				out, z, err := c.read(ctx, s, &cell.Ours)
				if err != nil {
					return err
				}
				if out != "exact" && dumped < 3 {
					dumped++
					c.failure(rep, s, out, z)
				}
				if c.Tesseract != nil {
					name := filepath.Join(tmp, s.Name+".png")
					var buf bytes.Buffer
					if err := png.Encode(&buf, s.Crop(300)); err != nil {
						return err
					}
					if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
						return err
					}
					files = append(files, name)
					truth = append(truth, s.Text())
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			if c.Tesseract != nil {
				if err := c.tesseract(ctx, &cell, files, truth); err != nil {
					return nil, err
				}
			}
			o := cell.Ours
			c.log("%-5s %-8s ours %d/%d exact, %d wrong, %d no zone, %d unreadable, %.1f ms; tesseract %d/%d exact, %d checked, %d wrong",
				layout, tier, o.Exact, o.N, o.Wrong, o.NoZone, o.Unreadable, ms(o.Time, o.N), cell.Tess.Exact, cell.Tess.N, cell.Tess.AcceptedExact, cell.Tess.Wrong)
			rep.Cells = append(rep.Cells, cell)
		}
	}
	for _, layout := range Layouts {
		dumped := 0
		err := c.generate(c.Damaged, func(i int) *Sample {
			s := damagedSample(c.Seed, layout, i, c.maxDPI())
			s.Name = fmt.Sprintf("%s-damaged-%d", layout, i)
			return s
		}, func(i int, s *Sample) error {
			out, z, err := c.read(ctx, s, &rep.Damaged)
			if out == "wrong" && dumped < 3 {
				dumped++
				c.failure(rep, s, out, z)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	dumped := 0
	err := c.generate(c.NoZone, func(i int) *Sample { return noZoneSample(c.Seed, i, c.Photos, c.maxDPI()) },
		func(i int, s *Sample) error {
			out, z, err := c.read(ctx, s, &rep.NoZone)
			if out == "wrong" && dumped < 5 {
				dumped++
				c.failure(rep, s, out, z)
			}
			return err
		})
	if err != nil {
		return nil, err
	}
	c.log("damaged: %+v; no zone: %+v", rep.Damaged, rep.NoZone)
	return rep, nil
}

// failure records (and dumps) a failed read.
func (c *Config) failure(rep *Report, s *Sample, out string, z *mrzread.Zone) {
	b := s.Image.Bounds()
	msg := fmt.Sprintf("%s: %s (%d×%d, %.0f dpi, rotation %.1f°", s.Name, out, b.Dx(), b.Dy(), s.DPI, s.Rotation)
	if s.Scratched > 0 {
		msg += fmt.Sprintf(", %d scratched", s.Scratched)
	}
	msg += ")"
	if z != nil {
		msg += fmt.Sprintf(": read %q", z.Lines)
		if s.Lines != nil {
			msg += fmt.Sprintf(", true %q", s.Lines)
		}
	}
	if c.Dump != "" {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, s.Image, &jpeg.Options{Quality: 92}); err == nil {
			name := filepath.Join(c.Dump, "mrzeval-"+s.Name+".jpg")
			if os.WriteFile(name, buf.Bytes(), 0o644) == nil {
				msg += " → " + name
			}
		}
	}
	rep.Failures = append(rep.Failures, msg)
	c.log("%s", msg)
}

// tesseract reads the crops of a cell, batched by 100 per process, and the
// first TessProc one process each.
func (c *Config) tesseract(ctx context.Context, cell *Cell, files, truth []string) error {
	t := &cell.Tess
	for start := 0; start < len(files); start += 100 {
		end := min(start+100, len(files))
		outs, d, err := c.Tesseract.Batch(ctx, filepath.Dir(files[0]), files[start:end])
		if err != nil {
			return err
		}
		t.Batch += d
		for i, out := range outs {
			lines := Lines(out)
			want := truth[start+i]
			t.N++
			if strings.Join(lines, "\n") == want {
				t.Exact++
			}
			for k, wl := range strings.Split(want, "\n") {
				t.Chars += len(wl)
				if k < len(lines) {
					for j := 0; j < min(len(wl), len(lines[k])); j++ {
						if wl[j] == lines[k][j] {
							t.CharsRight++
						}
					}
				}
			}
			if text, ok := Validate(lines, cell.Layout, c.Today); ok {
				t.Accepted++
				if text == want {
					t.AcceptedExact++
				} else {
					t.Wrong++
				}
			}
		}
	}
	for i := 0; i < min(c.TessProc, len(files)); i++ {
		_, d, err := c.Tesseract.One(ctx, files[i])
		if err != nil {
			return err
		}
		t.ProcN++
		t.Proc += d
	}
	for _, f := range files {
		os.Remove(f)
	}
	return nil
}

func ms(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(d.Microseconds()) / 1000 / float64(n)
}

func pct(a, n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(n))
}

// Markdown returns the evaluation table: per layout and tier, the
// reader's and Tesseract's exact reads, wrong zones passing every check
// and milliseconds per image, then totals per tier and the false accepts
// on damaged zones and images with no zone.
func (r *Report) Markdown() string {
	var b strings.Builder
	tess := r.Tesseract != ""
	if tess {
		b.WriteString("| tier | layout | n | ours exact | ours wrong passing checks | ours ms/image | Tesseract exact | Tesseract characters right | Tesseract exact, checks pass | Tesseract wrong passing checks | Tesseract ms/image (process) | Tesseract ms/image (batched) | speed ratio |\n")
		b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	} else {
		b.WriteString("| tier | layout | n | ours exact | no zone | unreadable | ours wrong passing checks | ours ms/image |\n")
		b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	}
	row := func(tier, layout string, o Result, t TessResult) {
		if !tess {
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %d | %d | %d | %.1f |\n", tier, layout, o.N, pct(o.Exact, o.N), o.NoZone, o.Unreadable, o.Wrong, ms(o.Time, o.N))
			return
		}
		ratio := "–"
		if o.Time > 0 && t.ProcN > 0 {
			ratio = fmt.Sprintf("%.0f× (%.0f× batched)", ms(t.Proc, t.ProcN)/ms(o.Time, o.N), ms(t.Batch, t.N)/ms(o.Time, o.N))
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %d | %.1f | %s | %s | %s | %d | %.0f | %.0f | %s |\n", tier, layout, o.N,
			pct(o.Exact, o.N), o.Wrong, ms(o.Time, o.N), pct(t.Exact, t.N), pct(t.CharsRight, t.Chars), pct(t.AcceptedExact, t.N), t.Wrong,
			ms(t.Proc, t.ProcN), ms(t.Batch, t.N), ratio)
	}
	var all Result
	var allT TessResult
	for _, tier := range Tiers {
		var sum Result
		var sumT TessResult
		for _, c := range r.Cells {
			if c.Tier != tier {
				continue
			}
			row(tier.String(), c.Layout.String(), c.Ours, c.Tess)
			sum.add(c.Ours)
			sumT.add(c.Tess)
		}
		row("**"+tier.String()+"**", "**all**", sum, sumT)
		all.add(sum)
		allT.add(sumT)
	}
	row("**all**", "**all**", all, allT)
	fmt.Fprintf(&b, "\nWrong zones passing every check: %d of %d zone images, %d of %d damaged zones (%d read exactly despite the damage, %d refused), %d of %d images with no zone.\n",
		all.Wrong, all.N, r.Damaged.Wrong, r.Damaged.N, r.Damaged.Exact, r.Damaged.NoZone+r.Damaged.Unreadable, r.NoZone.Wrong, r.NoZone.N)
	if fa := all.Wrong + r.Damaged.Wrong + r.NoZone.Wrong; all.N+r.Damaged.N+r.NoZone.N > 0 {
		fmt.Fprintf(&b, "False-accept rate: %.3f%% (%d of %d images).\n", 100*float64(fa)/float64(all.N+r.Damaged.N+r.NoZone.N), fa, all.N+r.Damaged.N+r.NoZone.N)
	}
	if tess {
		fmt.Fprintf(&b, "Tesseract: %s.\n", r.Tesseract)
	}
	return b.String()
}

func (r *Result) add(o Result) {
	r.N += o.N
	r.Exact += o.Exact
	r.Wrong += o.Wrong
	r.NoZone += o.NoZone
	r.Unreadable += o.Unreadable
	r.Time += o.Time
}

func (t *TessResult) add(o TessResult) {
	t.N += o.N
	t.Exact += o.Exact
	t.Accepted += o.Accepted
	t.AcceptedExact += o.AcceptedExact
	t.Wrong += o.Wrong
	t.Chars += o.Chars
	t.CharsRight += o.CharsRight
	t.Batch += o.Batch
	t.ProcN += o.ProcN
	t.Proc += o.Proc
}
