package evidence

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jpegSegment returns a JPEG marker segment.
func jpegSegment(marker byte, payload string) []byte {
	s := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

// withSegment inserts a segment after SOI.
func withSegment(j, seg []byte) []byte {
	return append(append(append([]byte{}, j[:2]...), seg...), j[2:]...)
}

func TestJPEGMetadataSignals(t *testing.T) {
	cam := corpus(t, "good_camera.jpg")
	cases := []struct {
		seg    []byte
		editor string
		reason string
	}{
		{jpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><rdf:Description xmp:CreatorTool=\"Adobe Photoshop 24.1 (Macintosh)\"/></x:xmpmeta>"),
			"Adobe Photoshop 24.1 (Macintosh)", "XMP CreatorTool as an attribute"},
		{jpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\x00<rdf:Description><xmp:CreatorTool>Snapseed 2.0</xmp:CreatorTool></rdf:Description>"),
			"Snapseed 2.0", "XMP CreatorTool as an element"},
		{jpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\x00<stEvt:softwareAgent>MeituPic 9.1</stEvt:softwareAgent>"),
			"MeituPic 9.1", "XMP edit history"},
		{jpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\x00<xmp:CreatorTool>iPhone 15 Pro</xmp:CreatorTool>"),
			"", "a camera as creator tool is not an editor"},
		{jpegSegment(0xED, "Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x00"),
			"Photoshop (APP13)", "Photoshop image resource block"},
	}
	for _, tc := range cases {
		l := scanJPEG(withSegment(cam, tc.seg), true)
		require.Empty(t, l.failure, tc.reason)
		assert.Equal(t, tc.editor, l.meta.editor, tc.reason)
		assert.True(t, l.meta.camera, "the camera EXIF is still read: %s", tc.reason)
	}
}

func TestTrailers(t *testing.T) {
	cam := corpus(t, "good_camera.jpg")
	mpf := withSegment(cam, jpegSegment(0xE2, "MPF\x00II*\x00\x08\x00\x00\x00"))
	cases := []struct {
		b        []byte
		trailing bool
		reason   string
	}{
		{append(bytes.Clone(cam), make([]byte, 100)...), false, "zero padding after EOI"},
		{append(bytes.Clone(mpf), cam...), false, "MPF declares a secondary image after EOI (phone depth maps)"},
		{append(bytes.Clone(cam), cam...), true, "an appended JPEG without MPF"},
		{append(bytes.Clone(cam), "%PDF-1.4 1 0 obj"...), true, "an appended PDF"},
	}
	for _, tc := range cases {
		rep, err := Inspect(context.Background(), bytes.NewReader(tc.b), "a.jpg", "", Certificate, Options{})
		require.NoError(t, err)
		assert.Equal(t, tc.trailing, contains(codes(rep), string(CodeTrailingData)), tc.reason)
	}
}

func TestPNGText(t *testing.T) {
	cases := []struct {
		typ, data string
		editor    string
		reason    string
	}{
		{"tEXt", "Software\x00Adobe ImageReady", "", "ImageReady is not in the list"},
		{"tEXt", "Software\x00PicsArt Photo Studio", "PicsArt Photo Studio", "PicsArt"},
		{"iTXt", "Software\x00\x00\x00zh\x00软件\x00美图秀秀", "美图秀秀", "iTXt with language tags"},
		{"iTXt", "Software\x00\x01\x00\x00\x00compressed", "", "compressed iTXt is not read"},
		{"iTXt", "XML:com.adobe.xmp\x00\x00\x00\x00\x00<xmp:CreatorTool>GIMP 2.10</xmp:CreatorTool>", "GIMP 2.10", "XMP in iTXt"},
	}
	for _, tc := range cases {
		var md metadata
		readPNGText(&md, tc.typ, []byte(tc.data))
		assert.Equal(t, tc.editor, md.editor, tc.reason)
	}
}
