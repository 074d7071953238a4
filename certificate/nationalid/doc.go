// Package nationalid parses national identity numbers issued outside the
// Chinese mainland: one [certificate.Scheme] of kind [certificate.IDCard] per
// region, keyed by ISO 3166-1 alpha-2 code. The PRC Resident Identity Card is
// in package cn.
//
// # Regions
//
// Asia: HK (HKID), MO (BIR, format only), TW (身分證統一編號), SG (NRIC/FIN),
// MY (MyKad), TH, ID (NIK), PH (PhilSys, format only), IN (Aadhaar), JP (My
// Number), KR (RRN). Middle East and Africa: TR, SA, AE (Emirates ID), EG
// (structure only), ZA. Americas: BR (CPF), MX (CURP), CL (RUN), AR (DNI), CO
// (cédula, format only), PE (DNI/CUI). Europe: ES (DNI/NIE), IT (codice
// fiscale), DE (identity card number), NL (BSN), BE, PL (PESEL), SE, NO, FI,
// EE. [Regions] lists them.
//
// The rules follow python-stdnum (https://github.com/arthurdejong/python-stdnum)
// where it has a module, and otherwise validator.js (HK, TW), the idnumbers
// project (https://github.com/identique/idnumbers: MO, PH, AE) and the other
// public sources each parse function names; each parse function's comment
// says what is checked.
//
// # Parsing
//
// [Schemes] returns a fresh slice of schemes; build a [certificate.Registry]
// from it, alone or with other families and schemes of your own. [Scheme]
// returns one region's scheme. A scheme accepts the number as people type
// it: full-width characters, lower case and the separators the region prints
// (A123456(7), 971013-9019902, 111.444.777-35) are folded away, and the
// canonical form is the compact one. An invalid number gives a
// [*certificate.NumberError] whose reason is one of
// [certificate.ErrLength], [certificate.ErrFormat], [certificate.ErrChecksum]
// or [certificate.ErrComponent]; component errors name the part with
// [CodeBirthDate], [CodePlace] or [CodeSex] where one applies.
//
// Where the number encodes them, [certificate.Parsed] carries the birth date
// and sex.
//
// # Two-digit years
//
// Numbers with a two-digit birth year and no century marker (MY, ID, IT, ZA
// and the short Swedish form) are placed in the latest century that does not
// put the year after today's. Their schemes are [certificate.DatedScheme]
// values: ParseOn takes today's date, a [certificate.Registry] with a clock
// ([certificate.Registry.WithClock]) gives its clock's date, and Parse uses
// the zero [certificate.Clock] (the system clock in China Standard Time).
//
// # Performance
//
// Parsing a clean number (already in canonical form) does not allocate.
package nationalid
