// Command mrzeval runs the evaluation of the zone reader side by side with
// Tesseract 5 and prints the markdown table of the README.
//
//	go run ./rules/mrzread/internal/eval/cmd/mrzeval -n 200 -tesseract
//
// Tesseract needs Debian's tesseract-ocr (which brings the eng
// traineddata); Debian packages no OCR-B or MRZ traineddata.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/mrzread"
	"github.com/realname-go/realname/rules/mrzread/internal/eval"
)

func main() {
	n := flag.Int("n", 200, "zones per layout and tier")
	damaged := flag.Int("damaged", 200, "damaged zones per layout")
	nozone := flag.Int("nozone", 1000, "images with no zone")
	seed := flag.Uint64("seed", 1, "seed of the set")
	tess := flag.Bool("tesseract", false, "read the crops with tesseract too")
	proc := flag.Int("tessproc", 20, "crops per cell read one tesseract process each")
	photos := flag.String("photos", "rules/evidence/testdata/external", "directory of images with no zone")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines generating images")
	dump := flag.String("dump", "", "directory the first failures are written to")
	quiet := flag.Bool("q", false, "no progress")
	photo := flag.Int("photo", 5, "times the 12 MP phone photo is decoded and read (0: not)")
	flag.Parse()

	clock := certificate.Clock{Now: func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }}
	r, err := mrzread.New(mrzread.Options{Clock: clock})
	if err != nil {
		log.Fatal(err)
	}
	c := eval.Config{Seed: *seed, N: *n, Damaged: *damaged, NoZone: *nozone, Reader: r, Today: clock.Today(),
		TessProc: *proc, Workers: *workers, Dump: *dump}
	if !*quiet {
		c.Log = func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) }
	}
	if *photos != "" {
		imgs, names, err := eval.Photos(*photos)
		if err != nil {
			log.Fatal(err)
		}
		for _, name := range names {
			c.Photos = append(c.Photos, imgs[name])
		}
	}
	if *tess {
		if c.Tesseract, err = eval.FindTesseract(); err != nil {
			log.Fatal(err)
		}
	}
	start := time.Now()
	rep, err := eval.Run(context.Background(), c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(rep.Markdown())
	if *photo > 0 {
		dec, read, err := eval.PhotoCost(context.Background(), r, *photo)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("\n12 MP phone photo (4000×3000 JPEG of a passport page): image/jpeg decodes it in %.0f ms, the reader reads the decoded image in %.0f ms: %.2f× the decode (median of %d).\n",
			ms(dec), ms(read), float64(read)/float64(dec), *photo)
	}
	fmt.Printf("\nSeed %d; %d zones per layout and tier, %d damaged per layout, %d with no zone; run took %v.\n",
		*seed, *n, *damaged, *nozone, time.Since(start).Round(time.Second))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
