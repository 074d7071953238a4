package precaution

import "github.com/realname-go/realname/rules"

// zoneMessages holds the messages of the codes of the zone read from the
// certificate image and of names matched through a romanization.
func zoneMessages() []rules.Message {
	return []rules.Message{
		rules.Translated(CodeZoneNotFound, rules.Review,
			"No machine-readable zone (the lines of letters, digits and < at the bottom of the data page) was found in the passport image; a reviewer will check it. Uploading a photo of the whole data page avoids the wait.",
			"护照图片中未找到机读区（资料页底部由字母、数字和 < 组成的几行字符），将由审核人员核对。上传完整资料页的照片可避免等待。",
			"護照圖片中未找到機讀區（資料頁底部由字母、數字和 < 組成的幾行字元），將由審核人員核對。上傳完整資料頁的照片可避免等待。"),
		rules.Translated(CodeZoneUnreadable, rules.Review,
			"The machine-readable zone of the certificate image could not be read; a reviewer will read it. A sharper photo without glare avoids the wait.",
			"无法识别证件图片中的机读区，将由审核人员核对。上传清晰、无反光的照片可避免等待。",
			"無法辨識證件圖片中的機讀區，將由審核人員核對。上傳清晰、無反光的照片可避免等待。"),
		rules.Translated(CodeZoneNameMismatch, rules.Reject,
			"The name you entered does not match the name in the certificate's machine-readable zone. Enter it exactly as printed on the certificate.",
			"填写的姓名与证件机读区中的姓名不一致。请按证件上的姓名填写。",
			"填寫的姓名與證件機讀區中的姓名不一致。請按證件上的姓名填寫。"),
		rules.Translated(CodeZoneNumberMismatch, rules.Reject,
			"The certificate number you entered ({number}) does not match the number in the certificate's machine-readable zone.",
			"填写的证件号码（{number}）与证件机读区中的号码不一致。",
			"填寫的證件號碼（{number}）與證件機讀區中的號碼不一致。"),
		rules.Translated(CodeClaimRegionMismatch, rules.Reject,
			"You chose {region}, but the certificate was issued by {issuing_region}. Choose the place that issued the certificate.",
			"您选择的是{region}，但证件由{issuing_region}签发。请选择证件的签发地。",
			"您選擇的是{region}，但證件由{issuing_region}簽發。請選擇證件的簽發地。"),
		rules.Translated(CodeNameRomanized, rules.Review,
			"The name you entered matches the romanized name on the certificate only through another reading or spelling of the characters; a reviewer will check it.",
			"填写的姓名与证件上的拼音姓名仅在采用其他读音或拼写方式时一致，将由审核人员核对。",
			"填寫的姓名與證件上的拼音姓名僅在採用其他讀音或拼寫方式時一致，將由審核人員核對。"),
	}
}
