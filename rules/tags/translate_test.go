package tags_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-playground/locales/fr"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/tags"
)

type translateForm struct {
	Name   string `json:"name" validate:"required,person_name"`
	Number string `json:"number" validate:"required,cn_resident_id"`
	Region string `json:"region" validate:"max=6"`
}

// ValidationErrors.Translate gives the catalogue's message for the tags of
// this package, and validator's own translations for the built-in tags, in
// each of the three languages.
func TestTranslate(t *testing.T) {
	reg := schemes.Default()
	v := newValidate(t)
	uni := tags.NewUniversalTranslator()
	require.NoError(t, tags.RegisterTranslations(v, uni, reg))
	l := catalogueLocalizer(t)

	err := v.Struct(translateForm{Name: "张三", Number: "360426199101010072", Region: "ABCDEFGH"})
	var ves validator.ValidationErrors
	require.True(t, errors.As(err, &ves))
	checksum := rules.Violate("number.invalid_checksum", rules.Reject, true, "number", "3604**********0072", "kind", "id_card")
	for _, c := range []struct {
		locale string
		lang   language.Tag
		max    string
	}{
		{tags.LocaleEnglish, language.English, "region must be a maximum of 6 characters in length"},
		{tags.LocaleSimplifiedChinese, language.SimplifiedChinese, "region长度不能超过6个字符"},
		{tags.LocaleTraditionalChinese, language.TraditionalChinese, "region長度不能超過6個字元"},
	} {
		trans, found := uni.GetTranslator(c.locale)
		require.True(t, found, c.locale)
		got := ves.Translate(trans)
		assert.Equal(t, l.Message(c.lang, checksum), got["translateForm.number"], c.locale)
		assert.NotContains(t, got["translateForm.number"], "failed on the")
		assert.Equal(t, c.max, got["translateForm.region"], c.locale)
	}

	// required, and a name the tag refuses.
	err = v.Struct(translateForm{Name: "张\u200b三"})
	require.True(t, errors.As(err, &ves))
	zh, _ := uni.GetTranslator(tags.LocaleSimplifiedChinese)
	got := ves.Translate(zh)
	assert.Equal(t, "number为必填字段", got["translateForm.number"])
	assert.Contains(t, got["translateForm.name"], "不可见", "the name's catalogue message: %q", got["translateForm.name"])
	for _, msg := range got {
		assert.NotContains(t, msg, "failed on the")
	}
}

// Every tag this package registers has a translation in every language.
func TestTranslateEveryTag(t *testing.T) {
	type form struct {
		ID     string `validate:"cn_resident_id"`
		Kind   string `validate:"certificate_kind"`
		Number string `validate:"certificate_number=id_card CN"`
		ByKind string `validate:"certificate_number=Kind"`
		Name   string `validate:"person_name"`
	}
	reg := schemes.Default()
	v := newValidate(t)
	uni := tags.NewUniversalTranslator()
	require.NoError(t, tags.RegisterTranslations(v, uni, reg))
	err := v.Struct(form{ID: "1", Kind: "visa", Number: "1", ByKind: "1", Name: "\u200b"})
	var ves validator.ValidationErrors
	require.True(t, errors.As(err, &ves))
	require.Len(t, ves, 5)
	for _, locale := range []string{tags.LocaleEnglish, tags.LocaleSimplifiedChinese, tags.LocaleTraditionalChinese} {
		trans, _ := uni.GetTranslator(locale)
		for field, msg := range ves.Translate(trans) {
			assert.NotContains(t, msg, "failed on the", "%s %s", locale, field)
			assert.NotContains(t, msg, "{", "%s %s", locale, field)
			assert.NotEmpty(t, msg)
		}
	}
}

// The translator for an Accept-Language header.
func TestTranslator(t *testing.T) {
	uni := tags.NewUniversalTranslator()
	for header, want := range map[string]string{
		"zh-CN,zh;q=0.9": "zh", "zh-TW": "zh_Hant_TW", "zh-HK": "zh_Hant_TW", "zh-Hant": "zh_Hant_TW",
		"en-GB": "en", "fr": "en", "": "en", "!!": "en",
	} {
		assert.Equal(t, want, tags.Translator(uni, header).Locale(), header)
	}
}

// Texts of the caller's override the catalogue's, as in rules.NewLocalizer.
func TestRegisterTranslationsOverride(t *testing.T) {
	v := newValidate(t)
	uni := tags.NewUniversalTranslator()
	mine := rules.Translated("claim.kind_invalid", rules.Reject, "Pick a document.", "请选择证件。", "請選擇證件。")
	require.NoError(t, tags.RegisterTranslations(v, uni, schemes.Default(), mine))
	type form struct {
		Kind string `validate:"certificate_kind"`
	}
	var ves validator.ValidationErrors
	require.True(t, errors.As(v.Struct(form{Kind: "visa"}), &ves))
	trans, _ := uni.GetTranslator("zh")
	assert.Equal(t, "请选择证件。", ves[0].Translate(trans))
}

func TestRegisterTranslationsErrors(t *testing.T) {
	var ce *rules.ConfigError
	uni := tags.NewUniversalTranslator()
	assert.ErrorAs(t, tags.RegisterTranslations(nil, uni, schemes.Default()), &ce)
	assert.ErrorAs(t, tags.RegisterTranslations(validator.New(), nil, schemes.Default()), &ce)
	assert.ErrorAs(t, tags.RegisterTranslations(validator.New(), uni, certificate.Registry{}), &ce)
	bad := rules.Translated("x", rules.Reject, "{a}", "{b}", "{a}")
	assert.ErrorAs(t, tags.RegisterTranslations(validator.New(), tags.NewUniversalTranslator(), schemes.Default(), bad), &ce)
	// A translator of other languages only: nothing to register.
	err := tags.RegisterTranslations(validator.New(), ut.New(fr.New()), schemes.Default())
	assert.ErrorAs(t, err, &ce)
	assert.True(t, strings.Contains(err.Error(), "en"), err)
}
