// Package driverlicense parses driving-licence numbers issued outside the
// Chinese mainland, as [certificate.Scheme] values of kind
// [certificate.DriverLicense].
//
// # Issuing region
//
// The issuing region is required: ISO 3166-1 alpha-2 ("FR") or, for the
// United States, ISO 3166-2 ("US-CA"). A licence issued in the Chinese
// mainland (CN, or a CN-xx subdivision) is refused with
// [CodeIssuedInMainland]. Hong Kong, Macao and Taiwan licences (HK, MO, TW;
// CN-HK, CN-MO and CN-TW are read as those) are accepted by default; list
// them in [Options.Refuse] to refuse them with [CodeRegionRefused]. A missing
// region, or "US" without a state, is [CodeRegionRequired].
//
// # Formats
//
//   - GB: the 16-character DVLA driver number (surname, birth date with
//     month plus 50 for women, initials, check characters) or the 8-digit
//     Northern Ireland number. [CheckDVLA] compares a driver number with the
//     holder's surname, initials, birth date and sex.
//   - US-XX: the 53 jurisdictions' published formats, generated from the
//     USDLRegex table ([USFormatsVersion], [USStates], [USFormat]), kept
//     with its provenance in the module (internal/data); each scheme compiles
//     its expression on first use.
//   - Every other region: 4 to 20 letters and digits, through a
//     [certificate.RegionalScheme] registered for the empty region, so any
//     region code works with [certificate.Registry.Parse].
//
// # EU model licence
//
// [ParseEU] checks the numbered fields of the EU model card (Directive
// 2006/126/EC, Annex I): 4a issue date, 4b expiry date, 4c issuing
// authority and 5 licence number, and returns an [EULicence] whose
// [certificate.Validity] feeds the validity rules. Each wrong field is a
// [*FieldError].
package driverlicense
