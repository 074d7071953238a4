package precaution

import "github.com/realname-go/realname/rules"

// numberMessages holds the messages of the number codes: the four generic
// reasons of certificate.NumberError and the specific codes of the PRC
// schemes (certificate/cn). Violations of these codes carry the parameters
// number (masked) and kind; the validity-period code is in messages_rule.go.
func numberMessages() []rules.Message {
	return []rules.Message{
		rules.Translated("number.invalid_length", rules.Reject,
			"The {kind} number {number} has the wrong number of characters. Enter the number exactly as printed on the certificate.",
			"{kind}号码 {number} 的位数不对。请按证件上印制的号码填写。",
			"{kind}號碼 {number} 的位數不對。請按證件上印製的號碼填寫。"),
		rules.Translated("number.invalid_format", rules.Reject,
			"The {kind} number {number} contains characters that are not allowed at their position. Enter the number exactly as printed on the certificate.",
			"{kind}号码 {number} 含有该位置不允许的字符。请按证件上印制的号码填写。",
			"{kind}號碼 {number} 含有該位置不允許的字元。請按證件上印製的號碼填寫。"),
		rules.Translated("number.invalid_checksum", rules.Reject,
			"The {kind} number {number} fails its check digit; a character was probably mistyped. Check the number and try again.",
			"{kind}号码 {number} 的校验码不正确，可能有字符输错。请核对号码后重试。",
			"{kind}號碼 {number} 的檢查碼不正確，可能有字元輸錯。請核對號碼後重試。"),
		rules.Translated("number.invalid_component", rules.Reject,
			"Part of the {kind} number {number} is impossible (for example a date or region code). Check the number and try again.",
			"{kind}号码 {number} 中有不可能出现的部分（如日期或地区代码）。请核对号码后重试。",
			"{kind}號碼 {number} 中有不可能出現的部分（如日期或地區代碼）。請核對號碼後重試。"),
		rules.Translated("number.invalid", rules.Reject,
			"The {kind} number {number} is not valid. Check the number and try again.",
			"{kind}号码 {number} 无效。请核对号码后重试。",
			"{kind}號碼 {number} 無效。請核對號碼後重試。"),
		rules.Translated("number.invalid_birth_date", rules.Reject,
			"The birth date in the {kind} number {number} is not a real date. Check the number and try again.",
			"{kind}号码 {number} 中的出生日期不存在。请核对号码后重试。",
			"{kind}號碼 {number} 中的出生日期不存在。請核對號碼後重試。"),
		rules.Translated("number.birth_date_in_future", rules.Reject,
			"The birth date in the {kind} number {number} is in the future. Check the number and try again.",
			"{kind}号码 {number} 中的出生日期晚于今天。请核对号码后重试。",
			"{kind}號碼 {number} 中的出生日期晚於今天。請核對號碼後重試。"),
		rules.Translated("number.unknown_province", rules.Reject,
			"The {kind} number {number} starts with a province code that does not exist. Check the number and try again.",
			"{kind}号码 {number} 开头的省级行政区划代码不存在。请核对号码后重试。",
			"{kind}號碼 {number} 開頭的省級行政區劃代碼不存在。請核對號碼後重試。"),
		rules.Translated("number.address_code_mismatch", rules.Reject,
			"The address code of the number {number} does not fit a {kind}: residence permits for Hong Kong, Macao and Taiwan residents start with 810000, 820000 or 830000, identity cards never do. Check that you chose the right certificate type.",
			"号码 {number} 的地址码与{kind}不符：港澳台居民居住证号码以 810000、820000 或 830000 开头，居民身份证号码则不会。请确认选择的证件类型是否正确。",
			"號碼 {number} 的地址碼與{kind}不符：港澳台居民居住證號碼以 810000、820000 或 830000 開頭，居民身分證號碼則不會。請確認選擇的證件類型是否正確。"),
		rules.Translated("number.division_not_in_birth_year", rules.Reject,
			"The address code of the {kind} number {number} was not in use in the holder's birth year. Check the number and try again.",
			"{kind}号码 {number} 的地址码在持证人出生年份并未使用。请核对号码后重试。",
			"{kind}號碼 {number} 的地址碼在持證人出生年份並未使用。請核對號碼後重試。"),
		rules.Translated("number.division_unlisted", rules.Review,
			"The address code of the number {number} is not in our table of administrative divisions; a reviewer will check the certificate.",
			"号码 {number} 的地址码不在我们的行政区划代码表中，将由审核人员核对证件。",
			"號碼 {number} 的地址碼不在我們的行政區劃代碼表中，將由審核人員核對證件。"),
		rules.Translated("number.unsupported_scheme", rules.Reject,
			"Numbers of this certificate type from this country or region cannot be checked.",
			"无法校验该国家或地区此类证件的号码。",
			"無法校驗該國家或地區此類證件的號碼。"),
	}
}
