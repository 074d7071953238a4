// Package certtest generates valid certificate numbers for tests, so that
// services test with made-up numbers instead of real people's.
//
// Every generator is deterministic: the same seed and arguments give the same
// number on every platform and Go release (it draws from
// [math/rand/v2.PCG]). Arguments left at their zero value are drawn from the
// seed too. Each number is checked with the library's own scheme before it is
// returned, so a generator returns an error rather than an invalid number.
//
// # Numbers issued by Chinese authorities
//
//   - [CNResidentID] and [CNResidentIDLegacy]: PRC Resident Identity Card, 18
//     characters or the legacy 15 digits;
//   - [CNResidencePermit]: Residence Permits for Hong Kong, Macao and Taiwan
//     residents;
//   - [CNHKMOTravelPermit], [CNHKMOTravelPermitNonCitizen]: Mainland Travel
//     Permit for Hong Kong and Macao Residents;
//   - [CNTWTravelPermit]: Mainland Travel Permit for Taiwan Residents.
//
// Generators for other regions' national identity numbers live beside these,
// in the same package.
//
// Generated numbers follow the published formats; they are not known to
// belong to anyone, but a generated identity-card number may coincide with a
// real one, so never use them outside tests.
package certtest
