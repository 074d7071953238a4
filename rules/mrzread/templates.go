package mrzread

import (
	_ "embed" // the template table
	"math"
	"sync"

	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

//go:embed templates.bin
var templateData []byte

const (
	tw, th   = render.TemplateW, render.TemplateH
	tn       = tw * th
	nchars   = len(render.Charset)
	variants = render.TemplateVariants
	// capTop and capBase are the rows of the cap height in a template.
	capTop, capBase = render.TemplateTop, render.TemplateBase
)

// templateSet holds each character's variants as zero-mean, unit-norm
// vectors.
type templateSet struct {
	v [nchars][variants][tn]float32
}

// charIndex maps a zone character to its index in render.Charset.
func charIndex(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= '0' && c <= '9':
		return 26 + int(c-'0')
	case c == '<':
		return 36
	}
	return -1
}

var loadTemplates = sync.OnceValue(func() *templateSet {
	d := templateData
	if len(d) != render.TemplateHeader+nchars*variants*tn || string(d[:4]) != "MRZT" ||
		d[4] != render.TemplateVersion || string(d[9:render.TemplateHeader]) != render.Charset {
		panic("mrzread: templates.bin does not match this version; run go generate")
	}
	t := new(templateSet)
	p := d[render.TemplateHeader:]
	for c := range nchars {
		for v := range variants {
			src := p[(c*variants+v)*tn:][:tn]
			dst := &t.v[c][v]
			// Ink is dark: the template is 255 - coverage, like the image.
			mean := 0.0
			for i, x := range src {
				dst[i] = float32(255 - int(x))
				mean += float64(dst[i])
			}
			mean /= tn
			norm := 0.0
			for i := range dst {
				dst[i] -= float32(mean)
				norm += float64(dst[i]) * float64(dst[i])
			}
			norm = math.Sqrt(norm)
			for i := range dst {
				dst[i] /= float32(norm)
			}
		}
	}
	return t
})
