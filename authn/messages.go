package authn

import (
	"cmp"
	"slices"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/precaution"
)

// flowMessages holds the messages of the codes this package reports.
func flowMessages() []rules.Message {
	return []rules.Message{
		rules.Translated("application.file_missing", rules.Reject,
			"This file is missing. Upload it and submit again.",
			"缺少此文件。请上传后重新提交。",
			"缺少此檔案。請上傳後重新提交。"),
	}
}

// Messages returns the messages of every code a [Verifier] reports, sorted
// by code: its own, the precautions' (and the certificate codes they
// report), the evidence files', the binding store's and the reviewer's
// reasons. The form handler adds its own (package authn/form), and so do
// the validator tags (package rules/tags).
func Messages() []rules.Message {
	var all []rules.Message
	for _, part := range [][]rules.Message{
		flowMessages(),
		precaution.Messages(),
		evidence.Messages(),
		binding.Messages(),
		review.Messages(),
	} {
		all = append(all, part...)
	}
	slices.SortStableFunc(all, func(a, b rules.Message) int { return cmp.Compare(a.Code, b.Code) })
	return all
}
