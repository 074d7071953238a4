package tags

import "github.com/realname-go/realname/rules"

// Codes of form fields judged through go-playground/validator tags that have
// no code of their own.
const (
	// CodeFieldRequired: a required form field is empty (reject), from a
	// go-playground/validator "required" tag.
	CodeFieldRequired rules.Code = "field.required"
	// CodeFieldInvalid: a form field breaks a validator tag this package does
	// not translate precisely (reject). Params: tag, param.
	CodeFieldInvalid rules.Code = "field.invalid"
)

// Messages returns the messages of the codes this package adds, in English,
// Simplified Chinese and Traditional Chinese. The tags it registers report
// the codes of package rules/precaution, whose messages are there.
func Messages() []rules.Message {
	return []rules.Message{
		rules.Translated(CodeFieldRequired, rules.Reject,
			"This field is required.",
			"此项为必填项。",
			"此項為必填項。"),
		rules.Translated(CodeFieldInvalid, rules.Reject,
			"This field is not valid ({tag} {param}).",
			"此项填写无效（{tag} {param}）。",
			"此項填寫無效（{tag} {param}）。"),
	}
}
