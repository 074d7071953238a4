package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCmdFile(t *testing.T) {
	corpus := filepath.Join("..", "..", "rules", "evidence", "testdata", "corpus")
	cases := []struct {
		args    []string
		verdict []string
		codes   [][]string
		status  int
		reason  string
	}{
		{[]string{filepath.Join(corpus, "good_camera.jpg"), filepath.Join(corpus, "heic.jpg"), filepath.Join(corpus, "blurry.jpg")},
			[]string{"accept", "reject", "review"}, [][]string{{}, {"file.format_heic"}, {"file.blurry"}}, 0,
			"one object per file, pixel checks on by default"},
		{[]string{"-role", "handheld", filepath.Join(corpus, "good_2page.pdf")},
			[]string{"reject"}, [][]string{{"file.not_image"}}, 0, "a handheld photo is never a PDF"},
		{[]string{"-pixels=false", filepath.Join(corpus, "blurry.jpg")},
			[]string{"accept"}, [][]string{{}}, 0, "pixel checks off"},
		{[]string{filepath.Join(corpus, "does-not-exist.jpg")},
			[]string{"error"}, [][]string{{}}, 1, "unreadable path"},
	}
	for _, tc := range cases {
		var out, errOut bytes.Buffer
		status := run(append([]string{"file"}, tc.args...), nil, &out, &errOut)
		assert.Equal(t, tc.status, status, tc.reason)
		sc := bufio.NewScanner(&out)
		i := 0
		for sc.Scan() {
			var got map[string]any
			require.NoError(t, json.Unmarshal(sc.Bytes(), &got), tc.reason)
			require.Less(t, i, len(tc.verdict), tc.reason)
			assert.Equal(t, tc.verdict[i], got["verdict"], tc.reason)
			codes := []string{}
			for _, c := range got["codes"].([]any) {
				codes = append(codes, c.(string))
			}
			assert.Equal(t, tc.codes[i], codes, tc.reason)
			i++
		}
		assert.Equal(t, len(tc.verdict), i, tc.reason)
	}
	var out, errOut bytes.Buffer
	run([]string{"file", filepath.Join(corpus, "good_2page.pdf"), filepath.Join(corpus, "good_camera.jpg")}, nil, &out, &errOut)
	var pdf, jpg fileResult
	dec := json.NewDecoder(&out)
	require.NoError(t, dec.Decode(&pdf))
	require.NoError(t, dec.Decode(&jpg))
	assert.Equal(t, 2, pdf.Pages)
	assert.Equal(t, "pdf", pdf.Format)
	assert.Equal(t, 800, jpg.Width)
	assert.Equal(t, 600, jpg.Height)
	assert.Contains(t, jpg.Scores, "sharpness")
	assert.Equal(t, 2, run([]string{"file", "-role", "selfie", "x.jpg"}, nil, &out, &errOut), "unknown role")
	assert.Equal(t, 2, run([]string{"file"}, nil, &out, &errOut), "no paths")
}
