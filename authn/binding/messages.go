package binding

import "github.com/realname-go/realname/rules"

// Messages returns the messages of the codes this package reports, in
// English, Simplified Chinese and Traditional Chinese.
func Messages() []rules.Message {
	return []rules.Message{
		rules.Translated(CodeLimitReached, rules.Reject,
			"This certificate already authenticates {count} accounts, the most allowed is {limit}. Release it from another account, or use another certificate.",
			"该证件已认证 {count} 个账号，最多允许 {limit} 个。请先在其他账号解除绑定，或使用其他证件。",
			"該證件已認證 {count} 個帳號，最多允許 {limit} 個。請先在其他帳號解除綁定，或使用其他證件。"),
	}
}
