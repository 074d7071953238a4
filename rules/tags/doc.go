// Package tags lets form structs validated with
// github.com/go-playground/validator/v10 use the checks of package
// rules/precaution, and report their findings as the same violations with
// the same messages. It is the one package under rules that imports the
// validator.
//
// # Tags
//
// [RegisterValidations] adds four tags to a *validator.Validate, numbers
// being parsed with a certificate.Registry:
//
//   - [TagCNResidentID] ("cn_resident_id"): a PRC Resident Identity Card
//     number (GB 11643-1999), 18 characters or the legacy 15 digits;
//   - [TagCertificateKind] ("certificate_kind"): a certificate kind
//     identifier such as "passport" or "id_card";
//   - [TagCertificateNumber] ("certificate_number=id_card CN"): a number of
//     the scheme for a kind and region, given literally or as the names of
//     sibling fields;
//   - [TagPersonName] ("person_name"): a name that
//     [precaution.NameWellFormed] does not refuse.
//
// Empty values pass every tag; combine them with "required".
//
// # Violations
//
// [FromValidationErrors] turns the validator's errors into
// [rules.Violation] values whose field is the struct field's path: the tags
// above get the codes of package rules/precaution (number.invalid_checksum,
// claim.kind_invalid, name.invisible_character, …), "required" gives
// [CodeFieldRequired] and any other tag [CodeFieldInvalid]. Numbers appear
// masked.
//
// # Messages
//
// [Messages] holds the texts of the two codes this package adds; the others
// are precaution.Messages. A localizer of both renders every violation:
//
//	l, err := rules.NewLocalizer(append(precaution.Messages(), tags.Messages()...)...)
package tags
