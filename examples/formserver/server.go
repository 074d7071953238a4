package main

import (
	"context"
	"crypto/rand"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/precaution"
)

//go:embed templates/*.html
var templates embed.FS

// accountCookie holds the demo account's ID. A real site takes the account
// from its own session instead.
const accountCookie = "realname_demo_account"

// server is the demo site: the form page, the submission endpoint, the
// review status pages, and the JSON endpoint of the same handler.
type server struct {
	form   *form.Handler
	region language.Region
	pages  *template.Template
	log    *slog.Logger

	mu    sync.Mutex
	cases map[string]*form.Status // by case ID, for the status page
}

// serverOptions configure newServer.
type serverOptions struct {
	Verifier *authn.Verifier
	Region   language.Region // registration region of demo accounts
	Logger   *slog.Logger
}

func newServer(o serverOptions) (*server, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	s := &server{region: o.Region, log: o.Logger, cases: map[string]*form.Status{}}
	h, err := form.New(form.Options{Verifier: o.Verifier, Account: s.account, Document: confirmedDates, Logger: o.Logger})
	if err != nil {
		return nil, err
	}
	s.form = h
	s.pages, err = template.New("").Funcs(template.FuncMap{"t": translate}).ParseFS(templates, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return s, nil
}

// account returns the demo account of the request's cookie.
func (s *server) account(r *http.Request) (precaution.Account, error) {
	c, err := r.Cookie(accountCookie)
	if err != nil || c.Value == "" || len(c.Value) > 64 {
		return precaution.Account{}, fmt.Errorf("no demo account cookie (open the form page first): %w", form.ErrNoSession)
	}
	return precaution.Account{ID: c.Value, RegistrationRegion: s.region}, nil
}

// confirmedDates stands in for the OCR service a real site has, which reads
// the certificate in the uploaded photo. The demo has none: it takes the
// validity dates and the birth date the applicant confirmed, so an expired
// card is refused at once, and leaves the name and number unread, since a
// document built from what was typed would only compare the input with
// itself. Every submission the dates allow therefore waits for a reviewer,
// who compares the name and number with the photos.
func confirmedDates(_ context.Context, s *form.Submission) (precaution.Document, error) {
	f := s.Fields
	var d precaution.Document
	d.Validity.Issued, _ = certificate.ParseDate(f.Issued)
	d.Validity.Expires, _ = certificate.ParseDate(f.Expires)
	d.Validity.LongTerm = f.LongTerm == "true" || f.LongTerm == "on"
	d.Birth, _ = certificate.ParseDate(f.Birth)
	return d, nil
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page)
	mux.HandleFunc("POST /submit", s.submit)
	mux.HandleFunc("GET /status/{id}", s.status)
	mux.Handle("POST /api/authn", s.form)
	return mux
}

// pageData is what the form template shows.
type pageData struct {
	Lang   string
	Fields form.Fields
	Errors map[string][]string // messages by form field; "" for the whole form
	Kinds  []string
}

func (s *server) page(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(accountCookie); err != nil {
		http.SetCookie(w, &http.Cookie{Name: accountCookie, Value: "demo-" + rand.Text()[:16], Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	tag := s.form.Language(r)
	s.render(w, http.StatusOK, "form.html", pageData{Lang: tag.String(), Fields: form.Fields{Kind: "id_card", Region: s.region.String()}, Kinds: kinds()})
}

func (s *server) submit(w http.ResponseWriter, r *http.Request) {
	out := s.form.Process(w, r)
	if out.Status != nil {
		s.mu.Lock()
		s.cases[out.Status.Case] = out.Status
		s.mu.Unlock()
		http.Redirect(w, r, "/status/"+out.Status.Case, http.StatusSeeOther)
		return
	}
	d := pageData{Lang: out.Language.String(), Errors: map[string][]string{}, Kinds: kinds()}
	if out.Submission != nil {
		d.Fields = out.Submission.Fields
	}
	if p := out.Problem; p != nil {
		if len(p.Violations) == 0 || p.Code != form.CodeInvalid {
			d.Errors[""] = append(d.Errors[""], p.Detail)
		}
		for _, v := range p.Violations {
			key := v.Field
			if !knownInput(key) {
				key = ""
			}
			d.Errors[key] = append(d.Errors[key], v.Message)
		}
	}
	s.render(w, out.HTTPStatus, "form.html", d)
}

func (s *server) status(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	st, ok := s.cases[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	tag := s.form.Language(r)
	s.render(w, http.StatusOK, "status.html", struct {
		Lang   string
		Status *form.Status
	}{tag.String(), st})
}

func (s *server) render(w http.ResponseWriter, code int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if err := s.pages.ExecuteTemplate(w, name, data); err != nil {
		s.log.Error("formserver: template", "err", err)
	}
}

func kinds() []string {
	return []string{"id_card", "passport", "hkmo_travel_permit", "tw_travel_permit", "hkmo_residence_permit", "tw_residence_permit", "driver_license"}
}

func knownInput(field string) bool {
	switch field {
	case "name", "kind", "region", "number", "issued", "expires", "long_term", "birth", "mrz", "certificate", "handheld":
		return true
	}
	return false
}

// labels are the page's own texts; violation messages come from the
// library's catalog.
var labels = map[string][3]string{ // English, Simplified, Traditional
	"title":       {"Real-name authentication", "实名认证", "實名認證"},
	"name":        {"Full name", "姓名", "姓名"},
	"kind":        {"Certificate type", "证件类型", "證件類型"},
	"region":      {"Issuing country or region", "签发国家或地区", "簽發國家或地區"},
	"number":      {"Certificate number", "证件号码", "證件號碼"},
	"issued":      {"Valid from (YYYY-MM-DD)", "有效期起始日（YYYY-MM-DD）", "有效期起始日（YYYY-MM-DD）"},
	"expires":     {"Valid until (YYYY-MM-DD)", "有效期截止日（YYYY-MM-DD）", "有效期截止日（YYYY-MM-DD）"},
	"long_term":   {"Long-term", "长期", "長期"},
	"birth":       {"Date of birth (YYYY-MM-DD)", "出生日期（YYYY-MM-DD）", "出生日期（YYYY-MM-DD）"},
	"mrz":         {"Machine-readable zone (passports)", "机读区（护照）", "機讀區（護照）"},
	"certificate": {"Photo or scan of the certificate (JPG, PNG, BMP or PDF, at most 10 MB)", "证件照片或扫描件（JPG、PNG、BMP 或 PDF，不超过 10 MB）", "證件照片或掃描檔（JPG、PNG、BMP 或 PDF，不超過 10 MB）"},
	"handheld":    {"Photo of you holding the certificate (face and arms visible, no headwear)", "手持证件照（露出面部和手臂，不戴帽子）", "手持證件照（露出面部和手臂，不戴帽子）"},
	"submit":      {"Submit", "提交", "提交"},
	"status":      {"Application received", "申请已提交", "申請已提交"},
	"state":       {"State", "状态", "狀態"},
	"case":        {"Case", "编号", "編號"},
	"due":         {"A reviewer answers by the end of", "审核将在以下日期结束前完成", "審核將在以下日期結束前完成"},
	"estimated":   {"(estimated: the official calendar of that year is not yet published)", "（估算：该年度官方日历尚未发布）", "（估算：該年度官方日曆尚未發佈）"},
	"signals":     {"A reviewer will look at", "审核人员将关注", "審核人員將關注"},
	"submitted":   {"submitted, waiting for a reviewer", "已提交，等待审核", "已提交，等待審核"},
	"approved":    {"approved", "已通过", "已通過"},
}

func translate(lang, key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	switch {
	case strings.HasPrefix(lang, "zh-Hant"):
		return l[2]
	case strings.HasPrefix(lang, "zh"):
		return l[1]
	}
	return l[0]
}
