// Package mrzread reads the machine-readable zone of an identity document
// from a decoded image, in pure Go.
//
// [Reader.Read] works in four steps:
//
//  1. Detection, on a grayscale copy reduced to at most
//     [Options.DetectSide] pixels a side: a locally adaptive threshold,
//     connected components, chains of character-sized components at a fixed
//     pitch (along x and along y, for the four orientations), and groups of
//     two or three long parallel chains spaced like the lines of a zone.
//  2. Rectification: the zone alone is sampled from the full-resolution
//     image, turned upright and deskewed (the angle comes from the fitted
//     text lines) at 32 pixels per character and thresholded locally
//     (glare and shadows); both readings of the line
//     direction are tried, the better-matching first.
//  3. Recognition: each line's centre line, pitch and phase are fitted to
//     its characters and cut into the cells of the layout (TD1 3×30, TD2
//     and MRV-B 2×36, TD3 and MRV-A 2×44); each cell is scored against 37
//     OCR-B glyphs in four weights by normalized cross-correlation, with a
//     search over small shifts and, per line, over the vertical scale.
//  4. Decoding, with the check digits as a language model: each cell takes
//     the best character its field allows (digits in dates, letters in
//     names and states, M/F/X/< for sex) when that is close to its best
//     character overall; where a field's own check digit fails, close
//     second readings (0/O, 1/I, 2/Z, 5/S, 8/B) are tried, at most one per
//     failing field and only in layouts whose composite check confirms the
//     correction; the zone must then pass every check digit and
//     [mrz.Parse], and its characters must clear [Options.MinConfidence]
//     and [Options.MinMeanConfidence], and those no check digit covers
//     (names, states, sex, a visa's optional data) the higher
//     [Options.MinUncheckedConfidence].
//
// It returns a [*Zone], or an [*Error] with [CodeNoZone] when no zone is in
// the image and [CodeUnreadable] when a zone was found but no reading of it
// passes; [ErrNoZone] and [ErrUnreadable] match them with [errors.Is]. The
// context's error is returned as it is.
//
// A [Reader] is an [evidence.ImageReader]: set it in
// evidence.Options.Readers and the zone is read from the image the
// inspection decodes, with no second decode; the [*Reading] it returns
// rides on evidence.Report.Readings.
//
// The templates (templates.bin) are rendered by go generate from the OCR-B
// of Debian's fonts-ocr-b package, whose licence allows any use (see
// NOTICE); a test renders them again from the installed font
// (/usr/share/fonts/opentype/ocr-b/OCRBS.otf) and compares.
package mrzread
