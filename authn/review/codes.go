package review

import "github.com/realname-go/realname/rules"

// Reasons a reviewer gives when rejecting, for what no rule can judge
// (precautions 3 and 5: the photo of the certificate is clear, and the applicant holding it shows face and arms, no headwear, in an original photo). Each is retryable: the applicant
// can take another photo. Use them with [Reason].
const (
	// CodeFaceNotVisible: the applicant's face or arms are not fully
	// visible in the handheld photo.
	CodeFaceNotVisible rules.Code = "review.face_not_visible"
	// CodeHeadwear: the applicant wears a hat, mask or other headwear.
	CodeHeadwear rules.Code = "review.headwear"
	// CodeUnreadable: the certificate's photo or text is not clearly
	// readable in one of the images.
	CodeUnreadable rules.Code = "review.unreadable"
	// CodeNotOriginal: the photo is not an original, unmodified photo.
	CodeNotOriginal rules.Code = "review.not_original"
	// CodeDetailsMismatch: what the certificate shows differs from what was
	// typed or read.
	CodeDetailsMismatch rules.Code = "review.details_mismatch"
)

// Reason returns a reviewer's rejection reason: code at field, reject,
// retryable.
func Reason(code rules.Code, field string) rules.Violation {
	return rules.Violate(code, rules.Reject, true).At(field)
}
