package binding

import "github.com/realname-go/realname/rules"

// Messages returns the messages of the codes this package reports, in
// English, Simplified Chinese and Traditional Chinese. The limit's message
// tells the accounts that are authenticated ("confirmed") from those whose
// application is still under review ("pending"); see [LimitViolationOf].
func Messages() []rules.Message {
	return []rules.Message{
		rules.Translated(CodeLimitReached, rules.Reject,
			"This certificate is already used by {count} accounts ({confirmed} authenticated, {pending} with applications under review), the most allowed is {limit}. Release it from another account or withdraw the application there, or use another certificate.",
			"该证件已被 {count} 个账号使用（{confirmed} 个已认证，{pending} 个的申请正在审核中），最多允许 {limit} 个。请先在其他账号解除绑定或撤回申请，或使用其他证件。",
			"該證件已被 {count} 個帳號使用（{confirmed} 個已認證，{pending} 個的申請正在審核中），最多允許 {limit} 個。請先在其他帳號解除綁定或撤回申請，或使用其他證件。"),
	}
}
