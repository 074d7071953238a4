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
// # The region of a number
//
// An empty region means to [TagCertificateNumber] what it means to the
// verifier ([precaution.Application.NumberRegion]): the region the kind
// always has (CN for the Hong Kong, Macao and Taiwan residence permits, TW
// for the Taiwan travel permit, none for the Home Return Permit, whose
// scheme tells HK from MO by the number's letter); else the account's
// registration region, which the tag reads from a sibling field named
// AccountRegion, else Account (a [precaution.Account], a
// [golang.org/x/text/language.Region] or a string such as "CN"); else none.
// Fill that field from the session, never from the request (tag it json:"-"
// form:"-" so that no binding fills it). The tag fails
// exactly when [precaution.ValidNumber] would reject the same claim: a kind
// and region the registry has no scheme for (an id_card without region or
// account) pass, since the verifier sends them to a person
// (number.unsupported), so the same input gets the same answer from the
// form and from the verifier.
//
// # Field names
//
// Unless the validator already has a tag-name function, RegisterValidations
// registers [FieldName]: fields go by their json name, else their form
// name, else their Go name, in the validator's errors, in their
// translations and in violations. A function registered before
// RegisterValidations is kept; one registered after it wins.
//
// # Violations
//
// [FromValidationErrors] turns the validator's errors into
// [rules.Violation] values whose field is the struct field's path: the tags
// above get the codes of package rules/precaution (number.invalid_checksum,
// claim.kind_invalid, name.invisible_character, …). The common built-in
// tags get codes of this package, with messages that speak to the person
// filling the form rather than show tag syntax, worded by the field's kind
// (characters of a string, the value of a number, the items of a list):
//
//	required, required_*       field.required
//	min, gte, gt (string)      field.too_short     "请至少填写 2 个字符。"
//	max, lte, lt (string)      field.too_long      "不能超过 64 个字符。"
//	len (string)               field.wrong_length
//	min, gte / max, lte (num)  field.too_small / field.too_large
//	gt / lt (number)           field.not_greater / field.not_less
//	min, max, len (list, map)  field.too_few / field.too_many / field.wrong_count
//	oneof                      field.not_one_of    (the choices)
//	datetime                   field.invalid_date  (the layout as YYYY-MM-DD)
//	email                      field.invalid_email
//	url, http_url, uri         field.invalid_url
//	numeric, number            field.not_number
//	alphanum                   field.not_alphanumeric
//	eqfield                    field.mismatch
//	any other tag              field.invalid
//
// Numbers appear masked.
//
// # Messages
//
// [Messages] holds the texts of the codes this package adds; the others are
// precaution.Messages. A localizer of both renders every violation:
//
//	l, err := rules.NewLocalizer(append(precaution.Messages(), tags.Messages()...)...)
//
// # Translations
//
// For callers of [validator.ValidationErrors.Translate],
// [RegisterTranslations] registers on a universal translator (from
// [NewUniversalTranslator]: English, Simplified and Traditional Chinese) the
// catalogue's messages for the four tags and validator's own translations
// for the built-in tags, in one call. [Translator] picks the translator for
// an Accept-Language header:
//
//	v := validator.New() // or gin's binding.Validator.Engine().(*validator.Validate)
//	reg := schemes.Default()
//	uni := tags.NewUniversalTranslator()
//	if err := tags.RegisterValidations(v, reg); err != nil { … }
//	if err := tags.RegisterTranslations(v, uni, reg); err != nil { … }
//	…
//	var ves validator.ValidationErrors
//	if errors.As(err, &ves) {
//		msgs := ves.Translate(tags.Translator(uni, r.Header.Get("Accept-Language")))
//	}
package tags
