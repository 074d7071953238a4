package checksum_test

import (
	"fmt"

	"github.com/realname-go/realname/internal/checksum"
)

func Example() {
	// Mod11_2 on the worked example of GB 11643-1999: 11010519491231002 has
	// check X.
	c, ok := checksum.Mod11_2("11010519491231002")
	fmt.Println(string(c), ok)
	// Output: X true
}

func ExampleLuhn() {
	// The South African identity number of python-stdnum's za.idnr doctest.
	fmt.Println(checksum.Luhn("7503305044089"), checksum.Luhn("8503305044089"))
	// Output: true false
}

func ExampleICAO() {
	// ICAO Doc 9303 Part 4 specimen: document number L898902C3, check 6.
	c, ok := checksum.ICAO("L898902C3")
	fmt.Println(string(c), ok)
	// Output: 6 true
}

func ExampleICAOValue() {
	for _, c := range []byte{'7', 'C', '<', '#'} {
		v, ok := checksum.ICAOValue(c)
		fmt.Println(string(c), v, ok)
	}
	// Output:
	// 7 7 true
	// C 12 true
	// < 0 true
	// # 0 false
}
