package tags_test

import (
	"fmt"

	"github.com/go-playground/validator/v10"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

func ExampleRegisterValidations() {
	type Form struct {
		Name   string `validate:"required,person_name"`
		Number string `validate:"required,cn_resident_id"`
	}
	v := validator.New()
	if err := tags.RegisterValidations(v, schemes.Default()); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Struct(Form{Name: "张三", Number: "11010519491231002x"}))
	fmt.Println(v.Struct(Form{Name: "张三", Number: "11010519491231002"}) != nil)
	// Output:
	// <nil>
	// true
}

func ExampleFromValidationErrors() {
	type Form struct {
		Kind   string `validate:"required,certificate_kind"`
		Number string `validate:"required,certificate_number=id_card CN"`
		Email  string `validate:"required,email"`
	}
	reg := schemes.Default()
	v := validator.New()
	if err := tags.RegisterValidations(v, reg); err != nil {
		fmt.Println(err)
		return
	}
	err := v.Struct(Form{Kind: "visa", Number: "360426199101010072"})
	vs := tags.FromValidationErrors(err, reg)
	for _, vi := range vs {
		fmt.Println(vi.Field, vi.Code, vi.Params)
	}
	// The codes come from package precaution and from this package; a
	// localizer of both renders them.
	l, err := rules.NewLocalizer(append(precaution.Messages(), tags.Messages()...)...)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, vi := range vs {
		fmt.Println(l.Message(language.SimplifiedChinese, vi))
	}
	// Output:
	// Kind claim.kind_invalid []
	// Number number.invalid_checksum [{number 3604**********0072} {kind id_card}]
	// Email field.required []
	// 请选择证件类型。
	// 身份证号码 3604**********0072 的校验码不正确，可能有字符输错。请核对号码后重试。
	// 此项为必填项。
}

func ExampleMessages() {
	for _, m := range tags.Messages() {
		fmt.Println(m.Code, m.Severity, m.Text[language.English])
	}
	// Output:
	// field.required reject This field is required.
	// field.invalid reject This field is not valid ({tag} {param}).
}
