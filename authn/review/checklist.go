package review

// The items of the reviewer's checklist: what the precautions ask that only
// a person can judge, ticked one by one and kept with the decision
// ([Decision.Checklist], [Event.Checklist]).
const (
	ItemFaceVisible  = "face_visible"         // the applicant's face is clearly visible
	ItemArmsVisible  = "arms_visible"         // both arms are visible, holding the certificate
	ItemNoHeadwear   = "no_headwear"          // no hat, mask or other headwear
	ItemReadable     = "certificate_readable" // everything on the certificate can be read
	ItemOriginal     = "photo_original"       // the photo looks original and unmodified
	ItemDetailsMatch = "details_match"        // the typed name and number match the certificate
)

// Checklist returns the items a reviewer ticks before approving, in the
// order a desk shows them.
func Checklist() []string {
	return []string{ItemFaceVisible, ItemArmsVisible, ItemNoHeadwear, ItemReadable, ItemOriginal, ItemDetailsMatch}
}
