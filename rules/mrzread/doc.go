// Package mrzread reads the machine-readable zone of an identity document
// from a decoded image, in pure Go.
//
// [Reader.Read] finds the zone (TD1, TD2, TD3, MRV-A or MRV-B) on a reduced
// grayscale copy of the image, in any of the four orientations and with a
// skew of a few degrees, then samples only the zone at full resolution, cuts
// it into the fixed-pitch cells its layout prescribes and classifies each
// cell against OCR-B glyph templates by normalized cross-correlation. The
// check digits act as a language model: among the few best readings of each
// cell, the reader returns the most likely zone whose check digits all pass
// and which [mrz.Parse] accepts, or a coded [*Error]: [ErrNoZone] when no
// zone is in the image, [ErrUnreadable] when one is but no reading passes.
//
// A [Reader] is an [evidence.ImageReader]: set it in
// evidence.Options.Readers and the zone is read from the image the
// inspection decodes, with no second decode.
//
// The templates are rendered from the OCR-B font of Debian's fonts-ocr-b
// package (Norbert Schwarz's OCR-B, "You may freely use, modify and/or
// distribute this file, without limitation"; see NOTICE) by
// internal/gentemplates, run with go generate.
package mrzread
