// Package eval is the accuracy and speed evaluation of the zone reader
// (package mrzread) side by side with Tesseract 5.
//
// It generates a deterministic evaluation set: zones of every layout
// rendered into document-like images (a card or passport page on a desk or
// scanner bed, with a photo-like block, printed fields, a security pattern
// and, for passports, the facing page's printed text) at 150–600 dpi,
// turned by 0, 90, 180 or 270 degrees plus up to ±5°, in three degradation
// tiers; images with no zone (real photos, text pages, noise); and damaged
// zones whose characters are scratched out. [Run] reads every image with
// the reader and, when asked, gives Tesseract the true zone box, turned
// upright and scaled to 300 dpi (every advantage), with the 37-character
// whitelist. [Report.Markdown] prints the table of the README.
//
// Tesseract runs only here, as an external program (Debian's tesseract-ocr
// with its eng traineddata; Debian packages no OCR-B or MRZ model), never
// in the library.
//
// The command cmd/mrzeval runs the full evaluation; TestAccuracy runs a
// small one in CI without Tesseract.
package eval
