package authn_test

import (
	"cmp"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

var update = flag.Bool("update", false, "rewrite testdata/messages.golden")

// sampleParams are the parameter values the golden file renders.
var sampleParams = map[string]string{
	"issuing_region":  "HK",
	"account_region":  "CN",
	"region":          "US-CA",
	"kind":            "hkmo_travel_permit",
	"document_kind":   "id_card",
	"expires":         "2026-01-31",
	"issued":          "2027-01-01",
	"number":          "1101**********002X",
	"limit":           "3",
	"count":           "3",
	"days":            "20",
	"min_days":        "30",
	"actual":          "10y",
	"allowed":         "20y",
	"scripts":         "Latin+Cyrillic",
	"issuer":          "XXA",
	"tag":             "max",
	"param":           "150",
	"birth":           "1990-03-07",
	"file_name":       "IMG_2041.HEIC",
	"role":            "handheld",
	"limit_size":      "10 MB",
	"file_limit_size": "10 MB",
	"options":         "true, false, on",
	"format":          "YYYY-MM-DD",
	"confirmed":       "1",
	"pending":         "2",
}

// catalogue returns every message a site using this module shows: the
// verifier's ([authn.Messages]), the form handler's ([form.Messages]) and the
// validator tags' ([tags.Messages]), sorted by code.
func catalogue() []rules.Message {
	all := append(append(authn.Messages(), form.Messages()...), tags.Messages()...)
	slices.SortStableFunc(all, func(a, b rules.Message) int { return cmp.Compare(a.Code, b.Code) })
	return all
}

func catalogueLocalizer(t *testing.T) *rules.Localizer {
	t.Helper()
	l, err := rules.NewLocalizer(catalogue()...)
	require.NoError(t, err)
	return l
}

// renderAll renders every message in every language with sample values.
func renderAll(t *testing.T, l *rules.Localizer) string {
	var b strings.Builder
	for _, m := range catalogue() {
		v := rules.Violation{Code: m.Code, Severity: m.Severity}
		for _, name := range placeholderNames(m.Text[language.English]) {
			val, ok := sampleParams[name]
			if !ok {
				val = "<" + name + ">"
			}
			v.Params = append(v.Params, rules.Param{Name: name, Value: val})
		}
		fmt.Fprintf(&b, "== %s (%s)\n", m.Code, m.Severity)
		for _, tag := range l.Languages() {
			fmt.Fprintf(&b, "%s: %s\n", tag, l.Message(tag, v))
		}
	}
	return b.String()
}

var placeholderRE = regexp.MustCompile(`\{([a-z_][a-z0-9_]*)\}`)

func placeholderNames(s string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

func TestMessagesGolden(t *testing.T) {
	l := catalogueLocalizer(t)
	assert.Equal(t, []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese}, l.Languages())
	got := renderAll(t, l)
	assert.NotContains(t, got, "%!", "no formatting errors")
	assert.NotRegexp(t, `\{[a-z_]+\}`, got, "every placeholder is replaced")
	path := filepath.Join("testdata", "messages.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./authn -run TestMessagesGolden -update")
	assert.Equal(t, string(want), got, "messages changed; review and refresh with -update")
}

func TestMessagesComplete(t *testing.T) {
	verifier := authn.Messages()
	require.NotEmpty(t, verifier)
	for i := 1; i < len(verifier); i++ {
		assert.Less(t, verifier[i-1].Code, verifier[i].Code, "authn.Messages is sorted by code, without repeats")
	}
	seen := map[rules.Code]bool{}
	for _, m := range catalogue() {
		assert.False(t, seen[m.Code], "code %s has two messages (a later one would silently replace the first)", m.Code)
		seen[m.Code] = true
		assert.Regexp(t, `^[a-z]+(\.[a-z0-9_]+)+$`, m.Code)
		assert.Len(t, m.Text, 3, "%s: English, Simplified and Traditional Chinese", m.Code)
		english := m.Text[language.English]
		for _, tag := range []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese} {
			text := m.Text[tag]
			assert.NotEmpty(t, strings.TrimSpace(text), "%s has no %s text", m.Code, tag)
			assert.Equal(t, placeholderNames(english), placeholderNames(text), "%s: %s uses other placeholders than English", m.Code, tag)
		}
		assert.Regexp(t, `\p{Han}`, m.Text[language.SimplifiedChinese], "%s: Simplified Chinese text", m.Code)
		assert.Regexp(t, `\p{Han}`, m.Text[language.TraditionalChinese], "%s: Traditional Chinese text", m.Code)
	}
	catalogueLocalizer(t)
}

// goFiles calls fn with every non-test Go file of the module (the parent
// of this package's directory), parsed; it skips testdata, vendor and
// hidden directories, and files that do not parse (one another engineer is
// writing).
func goFiles(t *testing.T, fset *token.FileSet, fn func(path string, f *ast.File)) {
	t.Helper()
	root := ".."
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || n == "vendor" || strings.HasPrefix(n, ".") && path != root {
				return filepath.SkipDir
			}
			// Conformance suites make up codes as fixtures, and the
			// working-day tables' error codes are for operators, not
			// applicants: neither is a violation a catalogue translates.
			// The command-line tool's own outcome codes are for scripts
			// reading its JSON, not messages to applicants.
			if n := d.Name(); n == "reviewtest" || n == "bindingtest" || path == filepath.Join(root, "authn", "workday") || path == filepath.Join(root, "examples", "realname") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return nil
		}
		fn(path, f)
		return nil
	})
	require.NoError(t, err)
}

// TestCodeConstantsHaveMessages parses the module's source and checks that
// every constant of type Code (rules.Code, or Code inside package rules)
// has a message in the catalogue.
func TestCodeConstantsHaveMessages(t *testing.T) {
	l := catalogueLocalizer(t)
	fset := token.NewFileSet()
	var found int
	goFiles(t, fset, func(_ string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			switch typ := vs.Type.(type) {
			case *ast.Ident:
				if typ.Name != "Code" || f.Name.Name != "rules" {
					return true
				}
			case *ast.SelectorExpr:
				if x, ok := typ.X.(*ast.Ident); !ok || x.Name != "rules" || typ.Sel.Name != "Code" {
					return true
				}
			default:
				return true
			}
			for i, v := range vs.Values {
				lit, ok := v.(*ast.BasicLit)
				if !ok {
					continue
				}
				code, _ := strconv.Unquote(lit.Value)
				found++
				assert.True(t, l.Has(rules.Code(code)), "%s (%s at %s) has no message", vs.Names[i].Name, code, fset.Position(lit.Pos()))
			}
			return true
		})
	})
	assert.Greater(t, found, 30, "the parser found the code constants")
}

// TestEmittedCodesHaveMessages scans the module's Go source for string
// literals used as violation codes and checks that each has a message. A
// literal counts as a code where codes are written: in a constant or
// variable whose name starts with "code", as the value of a Code field, as
// an argument of Violate, Code or NewNumberError, or returned by a function
// or method named Code. A new code written anywhere without a message fails
// here.
func TestEmittedCodesHaveMessages(t *testing.T) {
	l := catalogueLocalizer(t)
	codeRE := regexp.MustCompile(`^[a-z]+\.[a-z][a-z0-9_]*[a-z0-9]$`)
	fset := token.NewFileSet()
	var missing []string
	var found int
	seen := map[token.Position]bool{}
	consider := func(e ast.Expr) {
		if c, ok := e.(*ast.CallExpr); ok && len(c.Args) == 1 { // Code("x.y")
			e = c.Args[0]
		}
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || !codeRE.MatchString(s) {
			return
		}
		pos := fset.Position(lit.Pos())
		if seen[pos] {
			return
		}
		seen[pos] = true
		found++
		if !l.Has(rules.Code(s)) {
			missing = append(missing, fmt.Sprintf("%s (%s)", s, pos))
		}
	}
	codeCalls := map[string]bool{"Violate": true, "Code": true, "NewNumberError": true}
	goFiles(t, fset, func(_ string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if strings.HasPrefix(strings.ToLower(name.Name), "code") && i < len(n.Values) {
						consider(n.Values[i])
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Code" {
					consider(n.Value)
				}
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if codeCalls[name] {
					for _, a := range n.Args {
						consider(a)
					}
				}
			case *ast.FuncDecl:
				if n.Name.Name == "Code" && n.Body != nil {
					ast.Inspect(n.Body, func(m ast.Node) bool {
						if r, ok := m.(*ast.ReturnStmt); ok {
							for _, e := range r.Results {
								consider(e)
							}
						}
						return true
					})
				}
			}
			return true
		})
	})
	assert.Greater(t, found, 30, "the scan found the codes")
	slices.Sort(missing)
	assert.Empty(t, missing, "codes without a message: add them to the Messages of the package that reports them")
}

func TestMatchLanguage(t *testing.T) {
	tests := []struct {
		reason string
		accept string
		want   language.Tag
	}{
		{"Taiwan gets Traditional Chinese", "zh-TW", language.TraditionalChinese},
		{"Hong Kong gets Traditional Chinese", "zh-HK,zh;q=0.9", language.TraditionalChinese},
		{"Macao gets Traditional Chinese", "zh-MO", language.TraditionalChinese},
		{"the mainland gets Simplified Chinese", "zh-CN,zh;q=0.9,en;q=0.8", language.SimplifiedChinese},
		{"plain zh is Simplified", "zh", language.SimplifiedChinese},
		{"Singapore is Simplified", "zh-SG", language.SimplifiedChinese},
		{"an explicit script wins", "zh-Hant-CN", language.TraditionalChinese},
		{"British English is English", "en-GB", language.English},
		{"quality values are honoured", "fr;q=1.0,zh-TW;q=0.5", language.TraditionalChinese},
		{"an unsupported language falls back to English", "fr", language.English},
		{"empty", "", language.English},
		{"malformed", ";;;q=x", language.English},
	}
	l := catalogueLocalizer(t)
	for _, tt := range tests {
		assert.Equal(t, tt.want, l.Match(tt.accept), tt.reason)
	}
}

func TestLocalizerMessage(t *testing.T) {
	l, err := rules.NewLocalizer(authn.Messages()...)
	require.NoError(t, err)
	v := rules.Violate(precaution.CodeRegionMismatch, rules.Reject, true, "issuing_region", "HK", "account_region", "CN")
	assert.Equal(t, "The certificate was issued in Hong Kong SAR China, but the account is registered in China. Use a certificate issued in China.",
		l.Message(language.English, v))
	assert.Contains(t, l.Message(language.SimplifiedChinese, v), "中国香港特别行政区", "region names from x/text/language/display")
	assert.Contains(t, l.Message(language.MustParse("zh-TW"), v), "中國香港特別行政區", "zh-TW renders Traditional Chinese")
	assert.Contains(t, l.Message(language.French, v), "Hong Kong", "unsupported languages fall back to English")
	assert.Equal(t, "x.unknown", l.Message(language.English, rules.Violation{Code: "x.unknown"}), "an unknown code renders as itself")

	custom, err := rules.NewLocalizer(rules.Translated("acme.vip_only", rules.Reject,
		"Only {tier} members, 100% sure.", "仅限{tier}会员。", "僅限{tier}會員。"))
	require.NoError(t, err)
	assert.Equal(t, "Only gold members, 100% sure.", custom.Message(language.English, rules.Violate("acme.vip_only", rules.Reject, false, "tier", "gold")),
		"extra messages, with a literal percent sign")

	_, err = rules.NewLocalizer(rules.Translated("acme.bad", rules.Reject, "{a}", "{b}", "{a}"))
	var ce *rules.ConfigError
	assert.ErrorAs(t, err, &ce, "placeholders must agree across languages")
	_, err = rules.NewLocalizer(rules.Translated("acme.empty", rules.Reject, "x", " ", "x"))
	assert.ErrorAs(t, err, &ce, "a language given must have a text")
	_, err = rules.NewLocalizer(rules.Message{Code: "acme.chinese_only", Text: map[language.Tag]string{language.SimplifiedChinese: "仅中文。"}})
	assert.ErrorAs(t, err, &ce, "English is required: it is the fallback of every language")
}
