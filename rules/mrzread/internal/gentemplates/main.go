// Command gentemplates renders the OCR-B glyph templates of package mrzread
// from the font of Debian's fonts-ocr-b package:
//
//	go run ./internal/gentemplates [-font /usr/share/fonts/opentype/ocr-b/OCRBS.otf] [-out templates.bin]
//
// It is run by go generate in rules/mrzread.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// DefaultFont is where fonts-ocr-b installs the font.
const DefaultFont = "/usr/share/fonts/opentype/ocr-b/OCRBS.otf"

func main() {
	fontPath := flag.String("font", DefaultFont, "OCR-B font file")
	out := flag.String("out", "templates.bin", "output file")
	flag.Parse()
	if err := run(*fontPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gentemplates:", err)
		os.Exit(1)
	}
}

func run(fontPath, out string) error {
	data, err := os.ReadFile(fontPath)
	if err != nil {
		return err
	}
	f, err := render.ParseFont(data)
	if err != nil {
		return err
	}
	t, err := render.Templates(f)
	if err != nil {
		return err
	}
	return os.WriteFile(out, t, 0o644)
}
