// Package checksum implements the check-digit algorithms several number
// schemes share.
//
// # Algorithms
//
//   - [Mod11_2]: ISO 7064 MOD 11-2, the check character of PRC citizen
//     numbers (GB 11643) and of the residence permits.
//   - [Luhn]: the Luhn mod-10 check of several national numbers.
//   - [ICAO] and [ICAOValue]: the 7-3-1 check digit of ICAO Doc 9303
//     machine-readable zones.
//
// # Untrusted input
//
// Every function takes ASCII text and reports false, never panics, on
// characters outside its alphabet.
package checksum
