package review

import "github.com/realname-go/realname/rules"

// Messages returns the messages of the reasons a reviewer gives, in English,
// Simplified Chinese and Traditional Chinese.
func Messages() []rules.Message {
	return []rules.Message{
		rules.Translated("review.face_not_visible", rules.Reject,
			"Your face and arms must be fully visible in the photo of you holding the certificate. Take a new photo.",
			"手持证件照中须完整露出面部和手臂。请重新拍摄。",
			"手持證件照中須完整露出面部和手臂。請重新拍攝。"),
		rules.Translated("review.headwear", rules.Reject,
			"Do not wear a hat, mask or other headwear in the photo of you holding the certificate. Take a new photo.",
			"手持证件照中请勿佩戴帽子、口罩等遮挡物。请重新拍摄。",
			"手持證件照中請勿佩戴帽子、口罩等遮擋物。請重新拍攝。"),
		rules.Translated("review.unreadable", rules.Reject,
			"The certificate's photo or text cannot be read clearly. Upload a sharper image without glare.",
			"证件照片或文字无法清晰辨认。请上传清晰、无反光的图片。",
			"證件照片或文字無法清晰辨認。請上傳清晰、無反光的圖片。"),
		rules.Translated("review.not_original", rules.Reject,
			"The photo is not an original, unmodified photo. Upload the photo as taken, without editing.",
			"照片不是未经修改的原始照片。请上传未经编辑的原始照片。",
			"照片不是未經修改的原始照片。請上傳未經編輯的原始照片。"),
		rules.Translated("review.details_mismatch", rules.Reject,
			"The details on the certificate differ from those you entered. Check them and submit again.",
			"证件上的信息与您填写的不一致。请核对后重新提交。",
			"證件上的資訊與您填寫的不一致。請核對後重新提交。"),
	}
}
