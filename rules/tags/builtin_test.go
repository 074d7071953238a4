package tags_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

func catalogueLocalizer(t *testing.T) *rules.Localizer {
	t.Helper()
	l, err := rules.NewLocalizer(append(precaution.Messages(), tags.Messages()...)...)
	require.NoError(t, err)
	return l
}

// The common built-in tags get codes and messages of their own, worded for
// the person filling the form: characters for strings, values for numbers,
// items for lists. No message shows tag syntax.
func TestBuiltinTagMessages(t *testing.T) {
	v := newValidate(t)
	l := catalogueLocalizer(t)
	type form struct {
		Name    string   `validate:"omitempty,min=2"`
		Nick    string   `validate:"omitempty,max=4"`
		Code    string   `validate:"omitempty,len=6"`
		Age     int      `validate:"omitempty,min=18,max=150"`
		Count   int      `validate:"omitempty,gt=0"`
		Ratio   float64  `validate:"omitempty,lt=1"`
		Limit   uint     `validate:"omitempty,lte=10"`
		Short   string   `validate:"omitempty,gt=3"`
		Tagged  []string `validate:"omitempty,min=2"`
		Choice  []string `validate:"omitempty,max=1"`
		Email   string   `validate:"omitempty,email"`
		Site    string   `validate:"omitempty,url"`
		Long    string   `validate:"omitempty,oneof=true false 'on'"`
		Birth   string   `validate:"omitempty,datetime=2006-01-02"`
		Digits  string   `validate:"omitempty,numeric"`
		Ref     string   `validate:"omitempty,alphanum"`
		Pass    string
		Confirm string `validate:"eqfield=Pass"`
		Colour  string `validate:"omitempty,hexcolor"`
		Need    string `validate:"required_without=Pass"`
		Filled  string `validate:"min=1"`
		Some    []int  `validate:"min=1"`
	}
	tests := []struct {
		reason string
		change func(*form)
		field  string
		code   string
		params []rules.Param
		zh     string // the Simplified Chinese message
		en     string
	}{
		{"a string under min counts characters", func(f *form) { f.Name = "张" }, "Name", "field.too_short",
			[]rules.Param{{Name: "limit", Value: "2"}}, "请至少填写 2 个字符。", "Enter at least 2 characters."},
		{"a string over max", func(f *form) { f.Nick = "abcdef" }, "Nick", "field.too_long",
			[]rules.Param{{Name: "limit", Value: "4"}}, "不能超过 4 个字符。", "Enter at most 4 characters."},
		{"a string of the wrong length", func(f *form) { f.Code = "12345" }, "Code", "field.wrong_length",
			[]rules.Param{{Name: "limit", Value: "6"}}, "请填写 6 个字符。", "Enter exactly 6 characters."},
		{"a number under min is a value, not characters", func(f *form) { f.Age = 10 }, "Age", "field.too_small",
			[]rules.Param{{Name: "limit", Value: "18"}}, "不能小于 18。", "Enter a value of at least 18."},
		{"a number over max", func(f *form) { f.Age = 200 }, "Age", "field.too_large",
			[]rules.Param{{Name: "limit", Value: "150"}}, "不能大于 150。", "Enter a value of at most 150."},
		{"gt on a number", func(f *form) { f.Count = -1 }, "Count", "field.not_greater",
			[]rules.Param{{Name: "limit", Value: "0"}}, "必须大于 0。", "Enter a value greater than 0."},
		{"lt on a float", func(f *form) { f.Ratio = 1.5 }, "Ratio", "field.not_less",
			[]rules.Param{{Name: "limit", Value: "1"}}, "必须小于 1。", "Enter a value less than 1."},
		{"lte on a number", func(f *form) { f.Limit = 11 }, "Limit", "field.too_large",
			[]rules.Param{{Name: "limit", Value: "10"}}, "不能大于 10。", "Enter a value of at most 10."},
		{"gt on a string counts one character more", func(f *form) { f.Short = "abc" }, "Short", "field.too_short",
			[]rules.Param{{Name: "limit", Value: "4"}}, "请至少填写 4 个字符。", "Enter at least 4 characters."},
		{"a list under min counts items", func(f *form) { f.Tagged = []string{"a"} }, "Tagged", "field.too_few",
			[]rules.Param{{Name: "limit", Value: "2"}}, "请至少选择 2 项。", "Choose at least 2 of the options."},
		{"a list over max", func(f *form) { f.Choice = []string{"a", "b"} }, "Choice", "field.too_many",
			[]rules.Param{{Name: "limit", Value: "1"}}, "最多只能选择 1 项。", "Choose at most 1 of the options."},
		{"email", func(f *form) { f.Email = "someone@" }, "Email", "field.invalid_email", nil,
			"请填写有效的电子邮箱地址。", "Enter a valid email address."},
		{"url", func(f *form) { f.Site = "not a url" }, "Site", "field.invalid_url", nil,
			"请填写有效的网址。", "Enter a valid web address."},
		{"oneof lists the choices", func(f *form) { f.Long = "yes" }, "Long", "field.not_one_of",
			[]rules.Param{{Name: "options", Value: "true, false, on"}}, "请从以下选项中选择：true, false, on。", "Choose one of: true, false, on."},
		{"datetime shows the layout as people write it", func(f *form) { f.Birth = "2040/05/01" }, "Birth", "field.invalid_date",
			[]rules.Param{{Name: "format", Value: "YYYY-MM-DD"}}, "请按 YYYY-MM-DD 格式填写日期。", "Enter the date as YYYY-MM-DD."},
		{"numeric", func(f *form) { f.Digits = "12a" }, "Digits", "field.not_number", nil, "请填写数字。", "Enter a number."},
		{"alphanum", func(f *form) { f.Ref = "a-1" }, "Ref", "field.not_alphanumeric", nil, "只能填写字母和数字。", "Use letters and digits only."},
		{"eqfield", func(f *form) { f.Pass, f.Confirm = "a", "b" }, "Confirm", "field.mismatch", nil,
			"两次填写的内容不一致。", "The two entries do not match."},
		{"min=1 on a string only fails when it is empty: required", func(f *form) { f.Filled = "" }, "Filled", "field.required", nil, "此项为必填项。", "This field is required."},
		{"min=1 on a list is required", func(f *form) { f.Some = nil }, "Some", "field.required", nil, "此项为必填项。", "This field is required."},
		{"required_without is required", func(f *form) { f.Need = "" }, "Need", "field.required", nil, "此项为必填项。", "This field is required."},
		{"any other tag is field.invalid, without tag syntax", func(f *form) { f.Colour = "red" }, "Colour", "field.invalid",
			[]rules.Param{{Name: "tag", Value: "hexcolor"}, {Name: "param", Value: ""}}, "此项填写无效，请检查后重试。", "This field is not valid. Check it and try again."},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			f := form{Need: "x", Filled: "x", Some: []int{1}} // valid
			tt.change(&f)
			err := v.Struct(f)
			require.Error(t, err)
			vs := tags.FromValidationErrors(err, schemes.Default())
			require.Len(t, vs, 1, "%+v", vs)
			vi := vs[0]
			assert.Equal(t, tt.field, vi.Field)
			assert.Equal(t, rules.Code(tt.code), vi.Code)
			assert.Equal(t, rules.Reject, vi.Severity)
			assert.Equal(t, tt.params, vi.Params)
			zh := l.Message(language.SimplifiedChinese, vi)
			assert.Equal(t, tt.zh, zh)
			assert.Equal(t, tt.en, l.Message(language.English, vi))
			tw := l.Message(language.TraditionalChinese, vi)
			assert.NotEqual(t, zh, tw, "a Traditional Chinese text of its own")
			for _, msg := range []string{zh, tw} {
				for _, syntax := range []string{"min", "max", "len", "oneof", "datetime", "hexcolor", "=", "2006"} {
					assert.NotContains(t, msg, syntax)
				}
			}
		})
	}
}

// Every code of Messages has a text in the three languages, and the texts
// of the built-in tags never show tag syntax.
func TestMessagesHaveThreeLanguages(t *testing.T) {
	for _, m := range tags.Messages() {
		assert.Len(t, m.Text, 3, m.Code)
		assert.True(t, strings.HasPrefix(string(m.Code), "field."), m.Code)
		for _, text := range m.Text {
			assert.NotContains(t, text, "{tag}", m.Code)
			assert.NotContains(t, text, "{param}", m.Code)
		}
	}
}
