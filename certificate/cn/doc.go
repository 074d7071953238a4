// Package cn parses the numbers of certificates issued by authorities of the
// People's Republic of China: the Resident Identity Card, the Residence
// Permits for Hong Kong, Macao and Taiwan residents, and the Mainland Travel
// Permits for Hong Kong and Macao residents and for Taiwan residents. Each
// scheme implements [certificate.Scheme]; [Schemes] returns them all.
//
// # Identity cards and residence permits
//
// [IDCardScheme] checks the 18-character GB 11643 number: 17 digits and an ISO 7064
// MOD 11-2 check character, a real birth date that is not after today, and
// the address code against a table of administrative-division codes. The
// legacy 15-digit number is canonicalised to 18 characters. [ResidencePermitScheme]
// checks the same layout with the address code 810000 (Hong Kong), 820000
// (Macao) or 830000 (Taiwan) and reports the holder's region.
//
// # Today
//
// Both are [certificate.DatedScheme] values. Parse judges the birth date by
// the zero [certificate.Clock]: the system clock, with calendar dates in China
// Standard Time. ParseOn takes today's date instead, and a
// [certificate.Registry] with a clock ([certificate.Registry.WithClock])
// gives its clock's date to them. The package reads no clock of its own.
//
// # Division codes
//
// The table is generated (gen.go) from the union of the python-stdnum
// division data, compiled from zh.wikipedia with the years each name was in
// use, and every code in the official releases from 1980 to 2019; see
// [DivisionDataVersion]. The source files, with their provenance and
// licences, are in the module (internal/data), so go generate rebuilds the
// table from a clone. An unknown province is a component error
// ([CodeUnknownProvince]). A county code missing from the table is valid but
// flagged with [CodeDivisionUnlisted] in [certificate.Parsed.Review], because
// real people hold numbers whose codes no table lists. [Options.StrictBirthYear]
// rejects instead, and also rejects a code not in use in the birth year
// ([CodeDivisionNotInBirthYear]). [DivisionListed] and [DivisionInUse] expose
// the table.
//
// # Travel permits
//
// [HKMOTravelPermitScheme] accepts H or M and 8 digits, the 1999 card's 11
// characters (canonicalised to the 9-character lifelong number) and the HA/MA
// card for non-Chinese citizens; the number region is HK or MO.
// [TWTravelPermitScheme] accepts the 8-digit lifelong number and canonicalises the
// old booklet's 10 digits and authority code to it.
//
// # Errors
//
// Every failure is a [*certificate.NumberError] matching one of
// [certificate.ErrLength], [certificate.ErrFormat], [certificate.ErrChecksum]
// and [certificate.ErrComponent], with a stable code: the generic code of the
// reason, or one of this package's Code constants.
package cn
