// Package passport validates passport numbers as typed by applicants and
// reads the passport number out of a machine-readable zone.
//
// # Schemes
//
// [Schemes] returns [certificate.Scheme] values for the passport kind:
//
//   - [Generic] (region "") accepts any ICAO document number: one to nine
//     characters A–Z and 0–9 after width folding, upper-casing and removing
//     spaces and hyphens. A registry falls back to it for every region
//     without a scheme of its own.
//   - [China] (CN) accepts the PRC formats (validator.js isPassportNumber
//     for E and G; unofficial summaries for the rest): E + 8 digits
//     (2012–2017 e-passports), E + a letter other than I and O + 7 digits
//     (since 2017), G + 8 digits and 14/15 + 7 digits (older ordinary
//     passports), PE, SE and DE + 7 digits (public-affairs, service and
//     diplomatic), S + 8 digits and D + 7 digits (older service and
//     diplomatic). An HKSAR passport number (K + 8 digits), which reaches
//     this scheme because HKSAR passports name CHN in their zone, is
//     accepted with the review code [CodeHKSARNumber]. Anything else is
//     rejected.
//   - Hong Kong (HK, K + 8 digits), Macao (MO, MA + 7 digits) and Taiwan (TW,
//     9 digits) formats are weakly sourced: a number that passes [Generic] but
//     not the regional pattern is accepted with the review code
//     [CodeUnexpectedFormat], never rejected.
//
// # Machine-readable zones
//
// [FromMRZ] takes a parsed TD3 zone and returns the passport number,
// checked by the scheme of the issuing region, with the date of birth and
// sex of the zone and the issuing region (ISO 3166-1 alpha-2, "" for
// organisations, stateless persons, refugees and the specimen state). Note
// that HKSAR passports carry CHN as issuing state, so their region is CN.
package passport
