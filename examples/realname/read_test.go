package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// zoneImage names an image of testdata/zone, rendered in OCR-B by package
// rules/mrzread/internal/render: zhangsan.png is 张三's passport (TD3) at
// 200 dpi, zhangsan-rotated.png the same turned 92°, td1.png ICAO's TD1
// specimen at 300 dpi, unreadable.png a passport zone whose check digits
// are wrong, nozone.png a card without a zone.
func zoneImage(name string) string { return filepath.Join("testdata", "zone", name) }

func readLines(t *testing.T, out *bytes.Buffer) []readResult {
	t.Helper()
	var res []readResult
	sc := bufio.NewScanner(out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r readResult
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r), sc.Text())
		res = append(res, r)
	}
	return res
}

func TestCmdRead(t *testing.T) {
	var out, errOut bytes.Buffer
	status := run([]string{"read", "-today", "2026-11-25", zoneImage("zhangsan.png"), zoneImage("zhangsan-rotated.png"),
		zoneImage("td1.png"), zoneImage("unreadable.png"), zoneImage("nozone.png")}, nil, &out, &errOut)
	assert.Equal(t, 0, status, errOut.String())
	res := readLines(t, &out)
	require.Len(t, res, 5)

	z := res[0]
	assert.True(t, z.Found)
	assert.Equal(t, "TD3", z.Layout)
	assert.Equal(t, []string{"P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "E123456782CHN9003071M3401011<<<<<<<<<<<<<<<0"}, z.Lines)
	require.Len(t, z.Confidence, 2)
	for i, l := range z.Confidence {
		assert.Len(t, l, 44, "a confidence per character of line %d", i+1)
		for _, c := range l {
			assert.True(t, c > 0 && c <= 1, "confidence %v", c)
		}
	}
	assert.Greater(t, z.MeanConfidence, 0.5)
	require.NotNil(t, z.Fields)
	assert.True(t, z.Fields.Valid)
	assert.Equal(t, "E12345678", z.Fields.DocumentNumber)
	assert.Equal(t, "ZHANG", z.Fields.Surname)
	assert.Equal(t, "SAN", z.Fields.GivenNames)
	assert.Equal(t, "1990-03-07", z.Fields.BirthDate)
	assert.Equal(t, "2034-01-01", z.Fields.ExpiryDate)
	assert.Equal(t, "CN", z.Fields.IssuingRegion)
	assert.Empty(t, z.Codes)
	assert.Len(t, z.Box, 4)

	assert.True(t, res[1].Found)
	assert.Equal(t, 90, res[1].Orientation, "turned a quarter")
	assert.Equal(t, z.Lines, res[1].Lines)

	assert.Equal(t, "TD1", res[2].Layout)
	assert.Equal(t, "D23145890", res[2].Fields.DocumentNumber)
	assert.Equal(t, "ERIKSSON", res[2].Fields.Surname)

	assert.False(t, res[3].Found)
	assert.Equal(t, []string{"zone.unreadable"}, res[3].Codes)
	assert.Equal(t, "TD3", res[3].Layout, "the layout of the zone found")
	assert.Nil(t, res[3].Fields)

	assert.False(t, res[4].Found)
	assert.Equal(t, []string{"zone.not_found"}, res[4].Codes)
}

// TestCmdReadRefuses: not regular files, missing files, files that are not
// images, and usage errors.
func TestCmdReadRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "zone.png")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	var out, errOut bytes.Buffer
	status := run([]string{"read", fifo, "/dev/null", filepath.Join(dir, "missing.png"), zoneImage("nozone.png")}, nil, &out, &errOut)
	assert.Equal(t, 1, status, "a file that could not be read")
	res := readLines(t, &out)
	require.Len(t, res, 4)
	assert.Contains(t, res[0].Error, "named pipe", "a FIFO is refused, never waited on")
	assert.Contains(t, res[1].Error, "device")
	assert.NotEmpty(t, res[2].Error)
	assert.Empty(t, res[3].Error, "the other files are still read")

	out.Reset()
	status = run([]string{"read", filepath.Join("..", "..", "rules", "evidence", "testdata", "corpus", "good_2page.pdf")}, nil, &out, &errOut)
	assert.Equal(t, 0, status)
	res = readLines(t, &out)
	require.Len(t, res, 1)
	assert.False(t, res[0].Found)
	assert.Equal(t, []string{"zone.not_found"}, res[0].Codes, "a PDF is not read")

	for _, args := range [][]string{{"read"}, {"read", "-today", "yesterday", "x.png"}, {"read", "-nope", "x.png"}} {
		assert.Equal(t, 2, run(args, nil, &out, &errOut), args)
	}
}
