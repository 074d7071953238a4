// Package precaution holds the built-in checks of individual real-name
// authentication on typed values: what the applicant typed, what was read
// from the certificate, and the account that applies. Each check is a
// [rules.Rule] of [Application]; [New] composes them all.
//
// # The precautions
//
// The checks enforce the precautions every application must meet; doc
// comments refer to them by number:
//
//  1. The place that issued the certificate equals the account's
//     registration country or region ([IssuingRegion]).
//  2. The certificate is valid: well-formed, check digits right, not
//     expired, not yet-to-start ([ValidNumber], [CertificateValid],
//     [ZoneAgrees], [Consistent]).
//  3. The photo on the certificate is clearly visible (package
//     rules/evidence).
//  4. The typed name and number match the certificate ([NameMatches],
//     [NumberMatches]).
//  5. A photo of the applicant holding the certificate (package
//     rules/evidence).
//  6. Files are JPG, JPEG, BMP, PNG or PDF of at most 10 MB (package
//     rules/evidence).
//  7. One certificate number authenticates at most three accounts (package
//     authn/binding).
//  8. Partner-program accounts cannot authenticate as individuals
//     ([AccountEligible]).
//
// # Input
//
// An [Application] holds the [Account], the [Claim] (what the applicant
// typed) and the [Document] (what the caller's reader, a machine-readable
// zone or a person read from the certificate; fields not read stay zero).
// [Application.Now], when set, is the time of this one judgement.
//
// # Assembly
//
// [Checks] is the one assembly of the built-in checks: it returns them in
// order, each under its name ([CheckAccount], [CheckKind],
// [CheckTypedName], [CheckRegion], [CheckNumber], [CheckValidity],
// [CheckZone], [CheckConsistency], [CheckNameMatch], [CheckNumberMatch],
// [CheckZoneRead]).
// [New] composes them with [rules.All]; package authn runs them one by one
// to report each. Two checks refuse a driving licence issued in the Chinese
// mainland from different sides; [New] reports it once, and callers of
// [Checks] do the same with [DropRepeats] ([ReportedOnce]). [DVLAMatches],
// for UK driving licences, is optional: compose it with [rules.All].
//
// [Options] configures everything, one option type per check:
// [AccountOptions], [KindPolicy], [NameOptions], [RegionOptions] (with
// [DefaultRegionPolicy] and [KindRegion]), [ValidityOptions] and
// [MatchOptions]. The zero value of each is the default policy. A broken
// option is a [*rules.ConfigError] from [Checks] and [New], never a silent
// pass.
//
// # One clock
//
// [Options.Clock], a [certificate.Clock], is the one clock and time zone of
// every check that needs a date: the number schemes (through
// [certificate.Registry.ParseOn]: a birth date after today is refused), the
// validity period and the two-digit years of a machine-readable zone. Its
// zero value is the system clock with calendar dates in China Standard Time
// (UTC+8). [Application.Now] overrides the time for one application; no
// check reads the system clock otherwise.
//
// # Issuing region
//
// [IssuingRegion] finds the region that issued the certificate as
// [DefaultRegionPolicy] says per kind: the machine-readable zone's issuing
// state for passports, the number scheme's region for identity cards, H or
// M for the Home Return Permit, TW for the Taiwan travel permit, CN for the
// residence permits, and the licence itself for driving licences (refused
// when issued in CN). Issuing-state codes are read by package
// certificate/mrz, the table of ICAO Doc 9303 Part 3 §5 with ICAO's own
// codes (D, GBN, RKS, …): the specimen state UTO is [CodeSpecimen];
// organisations, stateless persons and refugees are [CodeIssuerNotState];
// unknown codes are [CodeRegionUnknown]; codes ISO 3166-1 withdrew (ANT,
// YUG, …) ask for review.
//
// # Validity
//
// [CertificateValid] compares calendar dates: the expiry date itself is
// valid. The period must fit the document and the holder's age: a PRC
// identity card is valid 5 years under 16, 10 years from 16 to 25, 20 years
// from 26 to 45 and long-term from 46 (Law of the PRC on Resident Identity
// Cards, article 5); a residence permit 5 years (State Council General
// Office, Guo Ban Fa [2018] No. 81). The holder's age comes from the birth
// date read, else from the one the number encodes (GB 11643-1999, digits
// 7–14).
//
// # Consistency
//
// [Consistent] compares what the document states twice: the birth date and
// sex read from a PRC identity card or residence permit (or a national
// identity number that records them) against those its number encodes
// ([CodeBirthContradicts], [CodeSexContradicts]). [ZoneAgrees] compares a
// machine-readable zone with the data page: number, birth date, expiry date
// and sex ([CodeMRZMismatch]).
//
// # Names and numbers
//
// [NameMatches] compares a name typed in Chinese characters with a
// romanized one through Hanyu Pinyin (package certificate/name/pinyin):
// another reading of a character, a Wade–Giles spelling or a Cantonese
// romanization of the surname asks for review ([CodeNameRomanized]).
//
// # The zone read from the image
//
// [Application.Zone] holds what a reader of machine-readable zones (package
// rules/mrzread, run by authn on the decoded certificate image) found;
// [ZoneDocument] turns a zone into a [Document] marked [SourceZone].
// [ZoneMatches] judges it: a passport image without a zone
// ([CodeZoneNotFound]) and a zone that could not be read
// ([CodeZoneUnreadable]) ask for review; a zone read must agree with the
// claim and with the caller's Document, when there is one (both are
// compared). [Document.Source] says who read a Document: only a machine
// ([Source.Machine]) lets authn approve automatically.
//
// [NameWellFormed] refuses typed names with control, bidirectional or
// invisible characters, as the FreeformClass of PRECIS (RFC 8264) does, and
// asks for review of look-alike scripts; [NameViolations] applies it with
// the default options. [NameMatches] compares names through package
// certificate/name (ICAO Doc 9303 Part 3 transliteration, surname order,
// the middle dot). [ValidNumber] and [NumberMatches] parse numbers with a
// [certificate.Registry] and compare canonical forms, so a legacy 15-digit
// PRC number matches its 18-digit form; [NumberViolation] turns a parse
// error into the violation they report.
//
// # Messages
//
// Every code these checks report, their own and those of the certificate
// packages, has a message in English, Simplified Chinese and Traditional
// Chinese: [Messages]. Build a localizer with
// rules.NewLocalizer(precaution.Messages()...), adding the messages of the
// other packages a service uses.
package precaution
