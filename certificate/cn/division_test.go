package cn

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dataDir holds the source data of the generated table (see its README.md).
const dataDir = "internal/data"

func readSource(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dataDir, name))
	require.NoError(t, err, "the source data is part of the module")
	return b
}

// TestDivisionTableMatchesSource re-reads both source files and checks that
// the generated table holds exactly their union plus 830000, that every dated
// name of the numdb file is in use in its years, and that the version
// constant names the files' current hashes. Run go generate when it fails.
func TestDivisionTableMatchesSource(t *testing.T) {
	dat := readSource(t, "cn-division-codes.dat")
	mca := readSource(t, "cn-division-codes-mca.tsv")

	h1 := sha256.Sum256(dat)
	h2 := sha256.Sum256(mca)
	assert.Contains(t, DivisionDataVersion, "cn-division-codes.dat@"+hex.EncodeToString(h1[:6]))
	assert.Contains(t, DivisionDataVersion, "cn-division-codes-mca.tsv@"+hex.EncodeToString(h2[:6]))

	union := map[uint32]bool{830000: true}
	provinces := map[int]bool{83: true}
	type dated struct {
		code     uint32
		from, to int
	}
	var ranges []dated

	sc := bufio.NewScanner(strings.NewReader(string(dat)))
	province := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		if !strings.HasPrefix(line, "  ") {
			p, err := strconv.Atoi(line[:2])
			require.NoError(t, err, line)
			province = p
			provinces[p] = true
			continue
		}
		c, err := strconv.Atoi(line[2:6])
		require.NoError(t, err, line)
		code := uint32(province*10000 + c)
		union[code] = true
		// Each "[a-b]name" must be in use in a and b when given.
		_, value, _ := strings.Cut(line, `county="`)
		for _, name := range strings.Split(strings.TrimSuffix(value, `"`), ",") {
			if !strings.HasPrefix(name, "[") {
				// No range: no known limits.
				ranges = append(ranges, dated{code: code, from: 1900, to: 2100})
				continue
			}
			r := name[1:strings.IndexByte(name, ']')]
			a, b, _ := strings.Cut(r, "-")
			d := dated{code: code, from: -1, to: -1}
			if a != "" {
				d.from, _ = strconv.Atoi(a)
			}
			if b != "" {
				d.to, _ = strconv.Atoi(b)
			}
			ranges = append(ranges, d)
		}
	}
	require.NoError(t, sc.Err())

	sc = bufio.NewScanner(strings.NewReader(string(mca)))
	mcaRows := 0
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 3 || len(f[0]) != 6 || f[0] == "code" {
			continue
		}
		n, err := strconv.Atoi(f[0])
		require.NoError(t, err)
		union[uint32(n)] = true
		first, err1 := strconv.Atoi(f[1])
		last, err2 := strconv.Atoi(f[2])
		require.NoError(t, err1)
		require.NoError(t, err2)
		// A code is in use from its first release's year to its last one's.
		ranges = append(ranges, dated{code: uint32(n), from: first / 100, to: last / 100})
		if n%10000 == 0 {
			provinces[n/10000] = true
		}
		mcaRows++
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, 7042, mcaRows, "data README: 7,042 codes in the MCA file")

	assert.Equal(t, len(union), divisionCount)
	for code := range union {
		assert.GreaterOrEqual(t, divisionIndex(code), 0, "code %06d missing from the table", code)
	}
	for i := 1; i < len(divisionCodes); i++ {
		require.Less(t, divisionCodes[i-1], divisionCodes[i], "table sorted and unique")
	}
	for p := 0; p < 100; p++ {
		assert.Equal(t, provinces[p], provinceKnown(p), "province %02d", p)
	}
	for _, d := range ranges {
		i := divisionIndex(d.code)
		if d.from >= 0 {
			assert.True(t, inUse(i, d.from), "%06d in use in %d", d.code, d.from)
		}
		if d.to >= 0 {
			assert.True(t, inUse(i, d.to), "%06d in use in %d", d.code, d.to)
		}
	}
}

// go generate reproduces the committed table byte for byte from the data in
// the module.
func TestGeneratedTableIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out := filepath.Join(t.TempDir(), "divisions_table.go")
	cmd := exec.Command(goTool, "run", "gen.go", "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	want, err := os.ReadFile("divisions_table.go")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "divisions_table.go is not what gen.go makes of internal/data: run go generate")
}

func TestDivisionLookups(t *testing.T) {
	tests := []struct {
		reason string
		code   string
		year   int
		listed bool
		inUse  bool
	}{
		{"Beijing Dongcheng, in use throughout", "110101", 1950, true, true},
		{"Beijing Chongwen, merged in 2010", "110103", 2011, true, false},
		{"Beijing Chongwen before the merge", "110103", 2009, true, true},
		{"Tianjin 120110 under its first name", "120110", 1985, true, true},
		{"Taiwan residence-permit code added by the generator", "830000", 2019, true, true},
		{"830000 did not exist before 2018", "830000", 2000, true, false},
		{"Hong Kong code from 1997 (numdb)", "810000", 1997, true, true},
		{"code no table lists", "110199", 2000, false, false},
		{"not six digits", "11010", 2000, false, false},
		{"letters", "11010A", 2000, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			assert.Equal(t, tc.listed, DivisionListed(tc.code))
			assert.Equal(t, tc.inUse, DivisionInUse(tc.code, tc.year))
		})
	}
	assert.True(t, ProvinceKnown("71"))
	assert.True(t, ProvinceKnown("830000"))
	assert.False(t, ProvinceKnown("91"), "validator.js accepts 91 (abroad); no table lists it")
	assert.False(t, ProvinceKnown("1"))
	assert.False(t, ProvinceKnown("x1"))
}
