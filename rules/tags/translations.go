package tags

import (
	"strings"
	"sync"

	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/zh"
	"github.com/go-playground/locales/zh_Hant_TW"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	entrans "github.com/go-playground/validator/v10/translations/en"
	zhtrans "github.com/go-playground/validator/v10/translations/zh"
	zhtwtrans "github.com/go-playground/validator/v10/translations/zh_tw"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// The universal-translator locales of the three languages, as
// [NewUniversalTranslator] builds them and [RegisterTranslations] looks them
// up.
const (
	LocaleEnglish            = "en"
	LocaleSimplifiedChinese  = "zh"
	LocaleTraditionalChinese = "zh_Hant_TW"
)

// translationLocales are the locales RegisterTranslations serves: the
// language of this package's messages and validator's built-in
// translations for each.
var translationLocales = []struct {
	locale   string
	lang     language.Tag
	builtins func(*validator.Validate, ut.Translator) error
}{
	{LocaleEnglish, language.English, entrans.RegisterDefaultTranslations},
	{LocaleSimplifiedChinese, language.SimplifiedChinese, zhtrans.RegisterDefaultTranslations},
	{"zh_Hans", language.SimplifiedChinese, zhtrans.RegisterDefaultTranslations},
	{"zh_Hans_CN", language.SimplifiedChinese, zhtrans.RegisterDefaultTranslations},
	{"zh_Hans_SG", language.SimplifiedChinese, zhtrans.RegisterDefaultTranslations},
	{LocaleTraditionalChinese, language.TraditionalChinese, zhtwtrans.RegisterDefaultTranslations},
	{"zh_Hant", language.TraditionalChinese, zhtwtrans.RegisterDefaultTranslations},
	{"zh_Hant_HK", language.TraditionalChinese, zhtwtrans.RegisterDefaultTranslations},
	{"zh_Hant_MO", language.TraditionalChinese, zhtwtrans.RegisterDefaultTranslations},
}

// NewUniversalTranslator returns a universal translator of English (the
// fallback), Simplified Chinese and Traditional Chinese, with the locales
// [LocaleEnglish], [LocaleSimplifiedChinese] and [LocaleTraditionalChinese]
// of github.com/go-playground/locales. Pass it to [RegisterTranslations].
func NewUniversalTranslator() *ut.UniversalTranslator {
	return ut.New(en.New(), en.New(), zh.New(), zh_Hant_TW.New())
}

// RegisterTranslations registers on v, for each translator of uni in
// English, Simplified Chinese or Traditional Chinese (the locales of
// [NewUniversalTranslator]; zh_Hans, zh_Hans_CN, zh_Hans_SG, zh_Hant,
// zh_Hant_HK and zh_Hant_MO as well), the translations
// [validator.ValidationErrors.Translate] gives:
//
//   - for the tags of [RegisterValidations], the message of the violation
//     [FromValidationErrors] reports, numbers being parsed with reg, from
//     the messages of package rules/precaution and of this package, then
//     msgs (a later message of a code replaces an earlier one, as in
//     [rules.NewLocalizer]); several violations of one field (a name) are
//     joined by a space;
//   - for the built-in tags (required, max, email, …), validator's own
//     translations (packages translations/en, translations/zh and
//     translations/zh_tw of github.com/go-playground/validator/v10), which
//     name the field: "name为必填字段".
//
// Register once per translator: validator's built-in translations refuse
// to be added twice to one, so give each *validator.Validate a universal
// translator of its own. A nil v or uni, a registry without an id_card
// scheme for CN, a uni with none of the locales, or a message msgs breaks
// is a [*rules.ConfigError].
func RegisterTranslations(v *validator.Validate, uni *ut.UniversalTranslator, reg certificate.Registry, msgs ...rules.Message) error {
	switch {
	case v == nil:
		return &rules.ConfigError{Rule: "validator", Reason: "nil *validator.Validate"}
	case uni == nil:
		return &rules.ConfigError{Rule: "validator", Reason: "nil *ut.UniversalTranslator"}
	}
	if _, ok := reg.Lookup(certificate.IDCard, "CN"); !ok {
		return &rules.ConfigError{Rule: "validator", Reason: "registry has no id_card scheme for CN"}
	}
	l, err := rules.NewLocalizer(append(append(precaution.Messages(), Messages()...), msgs...)...)
	if err != nil {
		return err
	}
	var done int
	for _, c := range translationLocales {
		trans, found := uni.GetTranslator(c.locale)
		if !found {
			continue
		}
		if err := c.builtins(v, trans); err != nil {
			return &rules.ConfigError{Rule: "validator", Reason: "translations " + c.locale + ": " + err.Error()}
		}
		translate := func(_ ut.Translator, fe validator.FieldError) string {
			vs := fieldViolations(fe, reg)
			texts := make([]string, len(vs))
			for i, vi := range vs {
				texts[i] = l.Message(c.lang, vi)
			}
			return strings.Join(texts, " ")
		}
		for _, tag := range [...]string{TagCNResidentID, TagCertificateKind, TagCertificateNumber, TagPersonName} {
			if err := v.RegisterTranslation(tag, trans, func(ut.Translator) error { return nil }, translate); err != nil {
				return &rules.ConfigError{Rule: "validator", Reason: "translations " + c.locale + ": " + err.Error()}
			}
		}
		done++
	}
	if done == 0 {
		return &rules.ConfigError{Rule: "validator", Reason: "universal translator has none of the locales en, zh, zh_Hant_TW"}
	}
	return nil
}

// matchLocalizer matches Accept-Language headers to the three languages.
var matchLocalizer = sync.OnceValue(func() *rules.Localizer {
	l, err := rules.NewLocalizer(Messages()...)
	if err != nil {
		panic(err) // the built-in messages are valid; tags_test checks them
	}
	return l
})

// Translator returns the translator of uni for an Accept-Language header
// value, matched as [rules.Localizer.Match] does: zh, zh-CN and zh-SG give
// [LocaleSimplifiedChinese]; zh-TW, zh-HK, zh-MO and zh-Hant give
// [LocaleTraditionalChinese]; anything else [LocaleEnglish]. A locale uni
// lacks gives its fallback.
func Translator(uni *ut.UniversalTranslator, acceptLanguage string) ut.Translator {
	locale := LocaleEnglish
	switch matchLocalizer().Match(acceptLanguage) {
	case language.SimplifiedChinese:
		locale = LocaleSimplifiedChinese
	case language.TraditionalChinese:
		locale = LocaleTraditionalChinese
	}
	trans, _ := uni.GetTranslator(locale)
	return trans
}
