package binding

import "github.com/realname-go/realname/rules"

// Messages returns the messages of the codes this package reports, in
// English, Simplified Chinese and Traditional Chinese. The limit's message
// does not call every holder authenticated: a slot is held by an
// authenticated account or by an application still under review. The
// violation's "confirmed" and "pending" parameters tell them apart when the
// reserver knows ([LimitViolationOf]); the text stays true when it does not.
func Messages() []rules.Message {
	return []rules.Message{
		rules.Translated(CodeLimitReached, rules.Reject,
			"This certificate is already used by {count} accounts, authenticated or with an application under review; the most allowed is {limit}. Release it from another account or withdraw the application there, or use another certificate.",
			"该证件已被 {count} 个账号使用（已认证或申请正在审核中），最多允许 {limit} 个。请先在其他账号解除绑定或撤回申请，或使用其他证件。",
			"該證件已被 {count} 個帳號使用（已認證或申請正在審核中），最多允許 {limit} 個。請先在其他帳號解除綁定或撤回申請，或使用其他證件。"),
	}
}
