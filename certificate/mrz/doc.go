// Package mrz parses and verifies the machine-readable zones of ICAO Doc 9303
// travel documents: passports (TD3), identity cards (TD1, TD2) and visas
// (MRV-A, MRV-B).
//
// # Parsing
//
// [Parse] reads a zone as text, as an OCR engine or a person types it: two or
// three lines separated by "\n" or "\r\n", white space around the zone
// ignored. Anything else outside A–Z, 0–9 and the filler '<', lower-case
// letters included, is an [*Error] naming the line and position; nothing is
// corrected. Input beyond [MaxInput] bytes is refused before it is read.
//
// The result, an [MRZ], holds the fields with fillers removed: the document
// code, the issuing [State] and nationality, the document number (a long TD1
// or TD2 number joined from its two parts, Part 5 §4.2.4), the dates as
// [certificate.Date], the sex, the primary and secondary identifiers with
// their components separated by single spaces, and the optional data. A
// name that fills its field is marked [MRZ.Truncated]: it may have been cut.
//
// # Dates
//
// Two-digit years are resolved against a reference date the caller passes,
// never the system clock: the date of birth is the latest date not after
// today, the date of expiry lies within [MaxExpiryYears] of today. A date
// that does not exist (month 13, 30 February) is an error; a date of birth
// written as fillers is unknown ([MRZ.BirthUnknown]).
//
// # Check digits
//
// Every check digit of the layout is verified — document number, date of
// birth, date of expiry, the TD3 personal number (which may be '<' or 0 when
// it is empty) and the composite — and reported by name, pass or fail,
// through [MRZ.Checks], like an audit report. [MRZ.Valid] is true when all
// passed; [MRZ.Verify] returns a [*CheckError] naming the failures. Expiry is
// not part of validity: ask [MRZ.ExpiredOn].
//
// # States
//
// State codes map to ISO 3166-1 regions ([State.Region]) following ICAO Doc
// 9303 Part 3 §5: D is Germany, GBD, GBN, GBO, GBP and GBS are the United
// Kingdom, EUE the European Union (EU), RKS and XKX Kosovo (XK). Organisations (UNO,
// UNA, UNK, XPO and other X codes), stateless persons (XXA), refugees (XXB, XXC),
// unspecified nationality (XXX), withdrawn codes (ANT, NTZ, …) and the
// specimen state Utopia (UTO) parse with no region, and their [Class] says
// which. Any other code is an error matching [ErrState].
//
// # Cost
//
// Parsing and verifying a TD3 zone takes about half a microsecond and one
// allocation (only for names with more than one component); see the
// benchmarks.
package mrz
