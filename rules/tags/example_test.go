package tags_test

import (
	"errors"
	"fmt"
	"reflect"

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
	// field.invalid reject This field is not valid. Check it and try again.
	// field.too_short reject Enter at least {limit} characters.
	// field.too_long reject Enter at most {limit} characters.
	// field.wrong_length reject Enter exactly {limit} characters.
	// field.too_small reject Enter a value of at least {limit}.
	// field.too_large reject Enter a value of at most {limit}.
	// field.not_greater reject Enter a value greater than {limit}.
	// field.not_less reject Enter a value less than {limit}.
	// field.too_few reject Choose at least {limit} of the options.
	// field.too_many reject Choose at most {limit} of the options.
	// field.wrong_count reject Choose exactly {limit} of the options.
	// field.not_one_of reject Choose one of: {options}.
	// field.invalid_date reject Enter the date as {format}.
	// field.invalid_email reject Enter a valid email address.
	// field.invalid_url reject Enter a valid web address.
	// field.not_number reject Enter a number.
	// field.not_alphanumeric reject Use letters and digits only.
	// field.mismatch reject The two entries do not match.
}

// Fields go by their json name, else their form name, else their Go name;
// the built-in tags get messages of their own, worded by the field's kind.
func ExampleFromValidationErrors_fieldNames() {
	type Form struct {
		Name     string `json:"name" validate:"required,min=2,max=64"`
		Age      int    `json:"age" validate:"omitempty,min=18"`
		Birth    string `form:"birth" validate:"omitempty,datetime=2006-01-02"`
		LongTerm string `form:"long_term" validate:"omitempty,oneof=true false"`
	}
	reg := schemes.Default()
	v := validator.New()
	if err := tags.RegisterValidations(v, reg); err != nil {
		fmt.Println(err)
		return
	}
	l, err := rules.NewLocalizer(append(precaution.Messages(), tags.Messages()...)...)
	if err != nil {
		fmt.Println(err)
		return
	}
	err = v.Struct(Form{Name: "张", Age: 16, Birth: "2000/01/02", LongTerm: "yes"})
	for _, vi := range tags.FromValidationErrors(err, reg) {
		fmt.Println(vi.Field, vi.Code, l.Message(language.SimplifiedChinese, vi))
	}
	// Output:
	// name field.too_short 请至少填写 2 个字符。
	// age field.too_small 不能小于 18。
	// birth field.invalid_date 请按 YYYY-MM-DD 格式填写日期。
	// long_term field.not_one_of 请从以下选项中选择：true, false。
}

// An empty region takes the account's, from a field named AccountRegion
// (or Account), as the verifier does; a residence permit is always CN's.
func ExampleRegisterValidations_accountRegion() {
	type Form struct {
		AccountRegion string `json:"-" form:"-"` // from the session, never bound from the request
		Kind          string `json:"kind" validate:"required,certificate_kind"`
		Region        string `json:"region"`
		Number        string `json:"number" validate:"required,certificate_number"`
	}
	reg := schemes.Default()
	v := validator.New()
	if err := tags.RegisterValidations(v, reg); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Struct(Form{AccountRegion: "CN", Kind: "id_card", Number: "11010519491231002X"}))
	fmt.Println(v.Struct(Form{AccountRegion: "HK", Kind: "id_card", Number: "A123456(3)"}))
	fmt.Println(v.Struct(Form{AccountRegion: "HK", Kind: "hkmo_residence_permit", Number: "810000199001010027"}))
	err := v.Struct(Form{AccountRegion: "CN", Kind: "id_card", Number: "A123456(3)"})
	for _, vi := range tags.FromValidationErrors(err, reg) {
		fmt.Println(vi.Field, vi.Code)
	}
	// Output:
	// <nil>
	// <nil>
	// <nil>
	// number claim.number_invalid
}

func ExampleRegisterTranslations() {
	type Form struct {
		Name   string `json:"name" validate:"required,person_name"`
		Number string `json:"number" validate:"required,cn_resident_id"`
		Region string `json:"region" validate:"max=6"`
	}
	reg := schemes.Default()
	v := validator.New()
	uni := tags.NewUniversalTranslator()
	if err := tags.RegisterValidations(v, reg); err != nil {
		fmt.Println(err)
		return
	}
	if err := tags.RegisterTranslations(v, uni, reg); err != nil {
		fmt.Println(err)
		return
	}
	err := v.Struct(Form{Number: "360426199101010072", Region: "US-CA-XX"})
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return
	}
	for _, locale := range []string{tags.LocaleEnglish, tags.LocaleSimplifiedChinese, tags.LocaleTraditionalChinese} {
		trans, _ := uni.GetTranslator(locale)
		for _, fe := range ves {
			fmt.Println(fe.Field(), fe.Translate(trans))
		}
	}
	// Output:
	// name name is a required field
	// number The identity card number 3604**********0072 fails its check digit; a character was probably mistyped. Check the number and try again.
	// region region must be a maximum of 6 characters in length
	// name name为必填字段
	// number 身份证号码 3604**********0072 的校验码不正确，可能有字符输错。请核对号码后重试。
	// region region长度不能超过6个字符
	// name name為必填欄位
	// number 身分證號碼 3604**********0072 的檢查碼不正確，可能有字元輸錯。請核對號碼後重試。
	// region region長度不能超過6個字元
}

func ExampleNewUniversalTranslator() {
	uni := tags.NewUniversalTranslator()
	for _, locale := range []string{tags.LocaleEnglish, tags.LocaleSimplifiedChinese, tags.LocaleTraditionalChinese, "fr"} {
		trans, found := uni.GetTranslator(locale)
		fmt.Println(locale, found, trans.Locale())
	}
	// Output:
	// en true en
	// zh true zh
	// zh_Hant_TW true zh_Hant_TW
	// fr false en
}

func ExampleTranslator() {
	uni := tags.NewUniversalTranslator()
	for _, header := range []string{"zh-CN,zh;q=0.9", "zh-HK,zh;q=0.9", "en-GB", "fr-FR"} {
		fmt.Println(header, tags.Translator(uni, header).Locale())
	}
	// Output:
	// zh-CN,zh;q=0.9 zh
	// zh-HK,zh;q=0.9 zh_Hant_TW
	// en-GB en
	// fr-FR en
}

func ExampleFieldName() {
	type Form struct {
		Name   string `json:"name,omitempty" form:"full_name"`
		Number string `form:"number"`
		Secret string `json:"-"`
	}
	t := reflect.TypeFor[Form]()
	for i := range t.NumField() {
		fmt.Printf("%s %q\n", t.Field(i).Name, tags.FieldName(t.Field(i)))
	}
	// Output:
	// Name "name"
	// Number "number"
	// Secret ""
}
