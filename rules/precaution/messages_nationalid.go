package precaution

import "github.com/realname-go/realname/rules"

// nationalIDMessages holds the messages of the codes of national identity
// numbers outside the mainland (certificate/nationalid) and of driving
// licences (certificate/driverlicense). Number violations carry the
// parameters number (masked) and kind. The generic number.invalid_* codes
// are in messages_number.go.
func nationalIDMessages() []rules.Message {
	return []rules.Message{
		// National identity numbers.
		rules.Translated("nationalid.invalid_birth_date", rules.Reject,
			"The birth date encoded in the {kind} number {number} is not a real date. Check the number and try again.",
			"{kind}号码 {number} 中包含的出生日期不存在。请核对号码后重试。",
			"{kind}號碼 {number} 中包含的出生日期不存在。請核對號碼後重試。"),
		rules.Translated("nationalid.invalid_place_code", rules.Reject,
			"The {kind} number {number} contains a place code (state, province or birthplace) that is not assigned. Check the number and try again.",
			"{kind}号码 {number} 中的地区代码（州、省或出生地）不存在。请核对号码后重试。",
			"{kind}號碼 {number} 中的地區代碼（州、省或出生地）不存在。請核對號碼後重試。"),
		rules.Translated("nationalid.invalid_sex_code", rules.Reject,
			"The {kind} number {number} has a sex or century digit that no number uses. Check the number and try again.",
			"{kind}号码 {number} 中表示性别或出生世纪的字符无效。请核对号码后重试。",
			"{kind}號碼 {number} 中表示性別或出生世紀的字元無效。請核對號碼後重試。"),
		rules.Translated("nationalid.checksum_unverifiable", rules.Review,
			"The {kind} number {number} was issued under rules whose check digit is not public, so it cannot be verified automatically. A reviewer will compare it with the certificate.",
			"{kind}号码 {number} 按未公开校验规则签发，无法自动校验，将由审核人员与证件核对。",
			"{kind}號碼 {number} 按未公開檢查規則簽發，無法自動檢查，將由審核人員與證件核對。"),

		// Driving licences: issuing region.
		rules.Translated("driverlicense.region_required", rules.Reject,
			"Choose the country or region that issued the driving licence (for a US licence, the state, such as US-CA).",
			"请选择签发驾驶证的国家或地区（美国驾照请选择州，例如 US-CA）。",
			"請選擇簽發駕駛執照的國家或地區（美國駕照請選擇州，例如 US-CA）。"),
		rules.Translated("driverlicense.invalid_region", rules.Reject,
			"The issuing country or region of the driving licence is not a known ISO 3166 code. Choose it from the list.",
			"驾驶证的签发国家或地区不是有效的 ISO 3166 代码。请从列表中选择。",
			"駕駛執照的簽發國家或地區不是有效的 ISO 3166 代碼。請從清單中選擇。"),
		rules.Translated("driverlicense.issued_in_mainland", rules.Reject,
			"Driving licences issued in the Chinese mainland cannot be used for this authentication. Use your Resident Identity Card or another accepted certificate.",
			"中国内地签发的驾驶证不能用于本认证。请使用居民身份证或其他可接受的证件。",
			"中國內地簽發的駕駛執照不能用於本認證。請使用居民身分證或其他可接受的證件。"),
		rules.Translated("driverlicense.region_refused", rules.Reject,
			"Driving licences issued in this country or region are not accepted here. Use another accepted certificate.",
			"不接受该国家或地区签发的驾驶证。请使用其他可接受的证件。",
			"不接受該國家或地區簽發的駕駛執照。請使用其他可接受的證件。"),

		// Driving licences: UK driver number.
		rules.Translated("driverlicense.invalid_birth_date", rules.Reject,
			"The birth date encoded in the driving licence number {number} is not a real date. Check the number and try again.",
			"驾驶证号码 {number} 中包含的出生日期不存在。请核对号码后重试。",
			"駕駛執照號碼 {number} 中包含的出生日期不存在。請核對號碼後重試。"),
		rules.Translated("driverlicense.surname_mismatch", rules.Review,
			"The surname encoded in the driving licence number does not match the surname entered. A reviewer will check the licence.",
			"驾驶证号码中的姓氏与填写的姓氏不一致，将由审核人员核对驾驶证。",
			"駕駛執照號碼中的姓氏與填寫的姓氏不一致，將由審核人員核對駕駛執照。"),
		rules.Translated("driverlicense.initials_mismatch", rules.Review,
			"The initials encoded in the driving licence number do not match the given names entered. A reviewer will check the licence.",
			"驾驶证号码中的名字首字母与填写的名字不一致，将由审核人员核对驾驶证。",
			"駕駛執照號碼中的名字首字母與填寫的名字不一致，將由審核人員核對駕駛執照。"),
		rules.Translated("driverlicense.birth_date_mismatch", rules.Reject,
			"The birth date encoded in the driving licence number does not match the birth date entered. Check both and try again.",
			"驾驶证号码中的出生日期与填写的出生日期不一致。请核对后重试。",
			"駕駛執照號碼中的出生日期與填寫的出生日期不一致。請核對後重試。"),
		rules.Translated("driverlicense.sex_mismatch", rules.Reject,
			"The sex encoded in the driving licence number does not match the sex entered. Check both and try again.",
			"驾驶证号码中的性别信息与填写的性别不一致。请核对后重试。",
			"駕駛執照號碼中的性別資訊與填寫的性別不一致。請核對後重試。"),

		// Driving licences: EU model licence fields.
		rules.Translated("driverlicense.not_eu_model", rules.Reject,
			"This country or region does not issue the EU model driving licence; enter the licence number only.",
			"该国家或地区不签发欧盟样式驾驶证，请只填写驾驶证号码。",
			"該國家或地區不簽發歐盟樣式駕駛執照，請只填寫駕駛執照號碼。"),
		rules.Translated("driverlicense.invalid_issue_date", rules.Reject,
			"The issue date (field 4a) of the driving licence is not a real date. Enter it as printed, for example 15.03.2020.",
			"驾驶证的签发日期（第 4a 栏）不是有效日期。请按证件填写，例如 15.03.2020。",
			"駕駛執照的簽發日期（第 4a 欄）不是有效日期。請按證件填寫，例如 15.03.2020。"),
		rules.Translated("driverlicense.invalid_expiry_date", rules.Reject,
			"The expiry date (field 4b) of the driving licence is not a real date. Enter it as printed, for example 14.03.2035.",
			"驾驶证的有效期至（第 4b 栏）不是有效日期。请按证件填写，例如 14.03.2035。",
			"駕駛執照的有效期限（第 4b 欄）不是有效日期。請按證件填寫，例如 14.03.2035。"),
		rules.Translated("driverlicense.invalid_validity_period", rules.Reject,
			"The driving licence's expiry date (4b) must be after its issue date (4a) and at most 15 years later. Check both dates.",
			"驾驶证的有效期至（4b）必须晚于签发日期（4a），且不超过 15 年。请核对两个日期。",
			"駕駛執照的有效期限（4b）必須晚於簽發日期（4a），且不超過 15 年。請核對兩個日期。"),
		rules.Translated("driverlicense.invalid_authority", rules.Reject,
			"Enter the issuing authority (field 4c) of the driving licence as printed, in at most 100 characters.",
			"请按证件填写驾驶证的签发机关（第 4c 栏），最多 100 个字符。",
			"請按證件填寫駕駛執照的簽發機關（第 4c 欄），最多 100 個字元。"),
	}
}
