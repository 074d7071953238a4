//go:build ignore

// Command record writes goexif.json: what github.com/dsoprea/go-exif/v3
// reads from IFD0 of the first EXIF APP1 segment of each JPEG named on the
// command line. It is the cross-check that TestEXIFAgainstGoExif ran live
// until go-exif left go.mod; see README.md beside it for how to run it.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	exif "github.com/dsoprea/go-exif/v3"
)

type entry struct {
	File     string            `json:"file"`
	SHA256   string            `json:"sha256"`
	IFD0     map[string]string `json:"ifd0"`
	TagCount int               `json:"ifd0_tags"`
}

type fixture struct {
	Comment string  `json:"comment"`
	GoExif  string  `json:"go_exif"`
	Files   []entry `json:"files"`
}

func main() {
	base := flag.String("base", ".", "directory the file arguments are relative to; the fixture records them as given")
	flag.Parse()
	version := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/dsoprea/go-exif/v3" {
				version = d.Version
			}
		}
	}
	out := fixture{
		Comment: "Recorded by testdata/goexif/record.go (see README.md there): the IFD0 Make, Model and Software values that go-exif's GetFlatExifData returns for the TIFF block of each file's first EXIF APP1 segment. Do not edit by hand.",
		GoExif:  "github.com/dsoprea/go-exif/v3 " + version + " (MIT)",
	}
	for _, p := range flag.Args() {
		j, err := os.ReadFile(filepath.Join(*base, p))
		check(err)
		i := bytes.Index(j, []byte("Exif\x00\x00"))
		if i < 6 {
			check(fmt.Errorf("%s: no EXIF APP1 segment", p))
		}
		n := int(binary.BigEndian.Uint16(j[i-2:]))
		block := j[i+6 : i-2+n]
		tags, _, err := exif.GetFlatExifData(block, nil)
		check(err)
		sum := sha256.Sum256(j)
		e := entry{File: filepath.ToSlash(p), SHA256: hex.EncodeToString(sum[:]), IFD0: map[string]string{}}
		for _, tg := range tags {
			if tg.IfdPath != "IFD" {
				continue
			}
			e.TagCount++
			switch tg.TagName {
			case "Make", "Model", "Software":
				s, ok := tg.Value.(string)
				if !ok {
					check(fmt.Errorf("%s: %s is %T, not a string", p, tg.TagName, tg.Value))
				}
				e.IFD0[tg.TagName] = s
			}
		}
		out.Files = append(out.Files, e)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	check(enc.Encode(out))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
