package tags

import "github.com/realname-go/realname/rules"

// Codes of form fields judged through go-playground/validator's built-in
// tags. Each is a rejection: the form cannot be sent as it is. The codes
// that name a limit carry it in the "limit" parameter.
const (
	// CodeFieldRequired: a required form field is empty (reject), from the
	// "required" tags (required_if, required_without, …), and from min=1,
	// gte=1 or gt=0 on a string, a list or a map, which only an empty value
	// fails.
	CodeFieldRequired rules.Code = "field.required"
	// CodeFieldInvalid: a form field breaks a validator tag this package has
	// no message of its own for (reject). Params: tag, param (for logs; the
	// message does not show them).
	CodeFieldInvalid rules.Code = "field.invalid"
	// CodeFieldTooShort: a string has fewer characters than min, gte or gt
	// allows (reject). Params: limit, the least number of characters.
	CodeFieldTooShort rules.Code = "field.too_short"
	// CodeFieldTooLong: a string has more characters than max, lte or lt
	// allows (reject). Params: limit, the most characters.
	CodeFieldTooLong rules.Code = "field.too_long"
	// CodeFieldWrongLength: a string does not have the characters len asks
	// for (reject). Params: limit.
	CodeFieldWrongLength rules.Code = "field.wrong_length"
	// CodeFieldTooSmall: a number is below min or gte (reject). Params:
	// limit, the least value.
	CodeFieldTooSmall rules.Code = "field.too_small"
	// CodeFieldTooLarge: a number is above max or lte (reject). Params:
	// limit, the greatest value.
	CodeFieldTooLarge rules.Code = "field.too_large"
	// CodeFieldNotGreater: a number is not greater than gt's value (reject).
	// Params: limit.
	CodeFieldNotGreater rules.Code = "field.not_greater"
	// CodeFieldNotLess: a number is not less than lt's value (reject).
	// Params: limit.
	CodeFieldNotLess rules.Code = "field.not_less"
	// CodeFieldTooFew: a list or map has fewer items than min, gte or gt
	// allows (reject). Params: limit.
	CodeFieldTooFew rules.Code = "field.too_few"
	// CodeFieldTooMany: a list or map has more items than max, lte or lt
	// allows (reject). Params: limit.
	CodeFieldTooMany rules.Code = "field.too_many"
	// CodeFieldWrongCount: a list or map does not have the items len asks
	// for (reject). Params: limit.
	CodeFieldWrongCount rules.Code = "field.wrong_count"
	// CodeFieldNotOneOf: a value is not one of oneof's (reject). Params:
	// options, the choices separated by ", ".
	CodeFieldNotOneOf rules.Code = "field.not_one_of"
	// CodeFieldInvalidDate: a value does not follow datetime's layout
	// (reject). Params: format, the layout as people write it (2006-01-02
	// becomes YYYY-MM-DD).
	CodeFieldInvalidDate rules.Code = "field.invalid_date"
	// CodeFieldInvalidEmail: a value is not an email address (reject), from
	// the email tag.
	CodeFieldInvalidEmail rules.Code = "field.invalid_email"
	// CodeFieldInvalidURL: a value is not a web address (reject), from the
	// url, http_url, https_url and uri tags.
	CodeFieldInvalidURL rules.Code = "field.invalid_url"
	// CodeFieldNotNumber: a value is not a number (reject), from the numeric
	// and number tags.
	CodeFieldNotNumber rules.Code = "field.not_number"
	// CodeFieldNotAlphanumeric: a value holds other characters than ASCII
	// letters and digits (reject), from the alphanum tag.
	CodeFieldNotAlphanumeric rules.Code = "field.not_alphanumeric"
	// CodeFieldMismatch: a value does not repeat the field it must equal
	// (reject), from the eqfield tag (a password or e-mail typed twice).
	CodeFieldMismatch rules.Code = "field.mismatch"
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
			"This field is not valid. Check it and try again.",
			"此项填写无效，请检查后重试。",
			"此項填寫無效，請檢查後重試。"),
		rules.Translated(CodeFieldTooShort, rules.Reject,
			"Enter at least {limit} characters.",
			"请至少填写 {limit} 个字符。",
			"請至少填寫 {limit} 個字元。"),
		rules.Translated(CodeFieldTooLong, rules.Reject,
			"Enter at most {limit} characters.",
			"不能超过 {limit} 个字符。",
			"不能超過 {limit} 個字元。"),
		rules.Translated(CodeFieldWrongLength, rules.Reject,
			"Enter exactly {limit} characters.",
			"请填写 {limit} 个字符。",
			"請填寫 {limit} 個字元。"),
		rules.Translated(CodeFieldTooSmall, rules.Reject,
			"Enter a value of at least {limit}.",
			"不能小于 {limit}。",
			"不能小於 {limit}。"),
		rules.Translated(CodeFieldTooLarge, rules.Reject,
			"Enter a value of at most {limit}.",
			"不能大于 {limit}。",
			"不能大於 {limit}。"),
		rules.Translated(CodeFieldNotGreater, rules.Reject,
			"Enter a value greater than {limit}.",
			"必须大于 {limit}。",
			"必須大於 {limit}。"),
		rules.Translated(CodeFieldNotLess, rules.Reject,
			"Enter a value less than {limit}.",
			"必须小于 {limit}。",
			"必須小於 {limit}。"),
		rules.Translated(CodeFieldTooFew, rules.Reject,
			"Choose at least {limit} of the options.",
			"请至少选择 {limit} 项。",
			"請至少選擇 {limit} 項。"),
		rules.Translated(CodeFieldTooMany, rules.Reject,
			"Choose at most {limit} of the options.",
			"最多只能选择 {limit} 项。",
			"最多只能選擇 {limit} 項。"),
		rules.Translated(CodeFieldWrongCount, rules.Reject,
			"Choose exactly {limit} of the options.",
			"请选择 {limit} 项。",
			"請選擇 {limit} 項。"),
		rules.Translated(CodeFieldNotOneOf, rules.Reject,
			"Choose one of: {options}.",
			"请从以下选项中选择：{options}。",
			"請從以下選項中選擇：{options}。"),
		rules.Translated(CodeFieldInvalidDate, rules.Reject,
			"Enter the date as {format}.",
			"请按 {format} 格式填写日期。",
			"請按 {format} 格式填寫日期。"),
		rules.Translated(CodeFieldInvalidEmail, rules.Reject,
			"Enter a valid email address.",
			"请填写有效的电子邮箱地址。",
			"請填寫有效的電子郵件地址。"),
		rules.Translated(CodeFieldInvalidURL, rules.Reject,
			"Enter a valid web address.",
			"请填写有效的网址。",
			"請填寫有效的網址。"),
		rules.Translated(CodeFieldNotNumber, rules.Reject,
			"Enter a number.",
			"请填写数字。",
			"請填寫數字。"),
		rules.Translated(CodeFieldNotAlphanumeric, rules.Reject,
			"Use letters and digits only.",
			"只能填写字母和数字。",
			"只能填寫字母和數字。"),
		rules.Translated(CodeFieldMismatch, rules.Reject,
			"The two entries do not match.",
			"两次填写的内容不一致。",
			"兩次填寫的內容不一致。"),
	}
}
