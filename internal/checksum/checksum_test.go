package checksum

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMod11_2(t *testing.T) {
	cases := []struct {
		reason, in string
		want       byte
	}{
		{"GB 11643 example with X", "11010519491231002", 'X'},
		{"converted legacy number (GB 11643-1999: 19 inserted before the year)", "11010119491001001", 'X'},
	}
	for _, c := range cases {
		got, ok := Mod11_2(c.in)
		assert.True(t, ok, c.reason)
		assert.Equal(t, string(c.want), string(got), c.reason)
	}
	_, ok := Mod11_2("1101A5")
	assert.False(t, ok, "letters are not digits")
}

func TestLuhn(t *testing.T) {
	assert.True(t, Luhn("79927398713"), "classic Luhn example")
	assert.False(t, Luhn("79927398710"), "wrong check digit")
	assert.False(t, Luhn(""), "empty")
	assert.False(t, Luhn("7992a"), "non-digit")
}

func TestICAO(t *testing.T) {
	cases := []struct {
		reason, in string
		want       byte
	}{
		{"ICAO Part 3 example date", "520727", '3'},
		{"ICAO Part 3 example number", "AB2134<<<", '5'},
		{"TD3 composite example", "HA672242<658022549601086<<<<<<<<<<<<<<0", '8'},
	}
	for _, c := range cases {
		got, ok := ICAO(c.in)
		assert.True(t, ok, c.reason)
		assert.Equal(t, string(c.want), string(got), c.reason)
	}
	_, ok := ICAO("ab")
	assert.False(t, ok, "lower case is outside the alphabet")
}
