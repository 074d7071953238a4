package main

import (
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/mrzread"
	"github.com/realname-go/realname/rules/precaution"
)

//go:embed templates/*.html
var templates embed.FS

// accountCookie holds the demo account's ID. A real site takes the account
// from its own session instead.
const accountCookie = "realname_demo_account"

// server is the demo site: the form page, the submission endpoint, the
// review status pages, and the JSON endpoints of the same handler. It keeps
// no state of its own: the review cases live in the verifier's case store,
// beside the binding slots, so a status page shows what a reviewer decided
// in any process.
type server struct {
	form      *form.Handler
	v         *authn.Verifier
	region    language.Region
	pages     *template.Template
	log       *slog.Logger
	vault     vault.Store
	typed     keeper
	reviewers reviewers
	sessions  *sessions
	lease     time.Duration
	now       func() time.Time
	zone      *time.Location
}

// serverOptions configure newServer.
type serverOptions struct {
	Verifier *authn.Verifier
	Region   language.Region // registration region of demo accounts
	Logger   *slog.Logger
	// Kept keeps what each applicant typed, for the desk (default: in
	// memory).
	Kept keeper
	// Reviewers may sign in to the desk; none when empty.
	Reviewers reviewers
	// Lease is how long a reviewer holds a case taken from the queue
	// (default 30 minutes).
	Lease time.Duration
	// Clock tells the desk's time: leases, overdue cases, sessions
	// (default the system clock in China Standard Time).
	Clock certificate.Clock
}

func newServer(o serverOptions) (*server, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Kept == nil {
		o.Kept = newMemoryKeeper()
	}
	if o.Lease <= 0 {
		o.Lease = 30 * time.Minute
	}
	s := &server{v: o.Verifier, region: o.Region, log: o.Logger, vault: o.Verifier.Vault(), typed: o.Kept, reviewers: o.Reviewers,
		sessions: newSessions(), lease: o.Lease, now: o.Clock.Time, zone: o.Clock.Zone()}
	h, err := form.New(form.Options{Verifier: o.Verifier, Account: s.account, Document: confirmedDates, Logger: o.Logger})
	if err != nil {
		return nil, err
	}
	s.form = h
	s.pages, err = template.New("").Funcs(template.FuncMap{
		"t":        translate,
		"langs":    func() []string { return pageLanguages },
		"langName": func(l string) string { return translate(l, "lang_name") },
		"percent":  func(f float64) float64 { return 100 * f },
		"finding":  newShownFinding,
	}).ParseFS(templates, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return s, nil
}

// account returns the demo account of the request's cookie. A request
// that carries a reviewer's session never acts as an applicant.
func (s *server) account(r *http.Request) (precaution.Account, error) {
	if _, ok := s.reviewer(r); ok {
		return precaution.Account{}, fmt.Errorf("a reviewer's session is not an applicant's: %w", form.ErrNoSession)
	}
	c, err := r.Cookie(accountCookie)
	if err != nil || c.Value == "" || len(c.Value) > 64 {
		return precaution.Account{}, fmt.Errorf("no demo account cookie (open the form page first): %w", form.ErrNoSession)
	}
	return precaution.Account{ID: c.Value, RegistrationRegion: s.region}, nil
}

// confirmedDates stands in for the OCR service a real site has. The demo
// has none: it takes the validity dates and the birth date the applicant
// confirmed, so an expired card is refused at once, and leaves the name and
// number unread, since a document built from what was typed would only
// compare the input with itself.
//
// The verifier reads the machine-readable zone of the certificate image
// (-read-zone, on by default): when it read one, the zone fills what this
// Document leaves empty, the name, number, kind and issuing state among
// them, and the typed name, number and region are judged against it, the
// confirmed dates too (application.mrz_mismatch). When nothing read the
// certificate, every submission the dates allow waits for a reviewer, who
// compares the name and number with the photos; for a passport, whose
// issuing state only a reading tells, the region picked stands in for it,
// as it does when the verifier is given no document at all, instead of
// refusing the passport as issued nowhere.
func confirmedDates(_ context.Context, s *form.Submission) (precaution.Document, error) {
	f := s.Fields
	var d precaution.Document
	d.Validity.Issued, _ = certificate.ParseDate(f.Issued)
	d.Validity.Expires, _ = certificate.ParseDate(f.Expires)
	d.Validity.LongTerm = f.LongTerm == "true" || f.LongTerm == "on"
	d.Birth, _ = certificate.ParseDate(f.Birth)
	if kind, _ := certificate.ParseKind(f.Kind); kind == certificate.Passport && !zoneRead(s.Certificate) {
		d.IssuingRegion, _ = language.ParseRegion(f.Region)
	}
	return d, nil
}

// zoneRead reports whether the inspection of the certificate read a
// machine-readable zone in it.
func zoneRead(f *form.File) bool {
	if f == nil {
		return false
	}
	for _, rd := range f.Report.Readings {
		if r, ok := rd.(*mrzread.Reading); ok && r != nil && r.Zone != nil && r.Zone.MRZ != nil {
			return true
		}
	}
	return false
}

// mrzItemFields are the inputs of the items application.mrz_mismatch
// names: the zone disagrees with what the applicant confirmed there.
var mrzItemFields = map[string]string{"number": "number", "birth": "birth", "expiry": "expires"}

// place puts the findings of an answer where the applicant typed what they
// concern, for the page and the JSON endpoint alike: the form handler
// already names the input of the name, number, region and file checks
// (claim.name_mismatch, zone.name_mismatch and claim.name_romanized on
// "name", zone.number_mismatch on "number", claim.region_mismatch on
// "region", zone.not_found and zone.unreadable on "certificate"), but puts
// every application.mrz_mismatch on "mrz", the zone typed by hand, with
// its item untranslated. Here the mismatch of a confirmed date or of the
// number goes next to that input, with the page's message in the
// applicant's language, and a finding the verifier reported twice (the
// zone judged against the document and against the image) is shown once.
func place(lang string, fs []authn.Finding) []authn.Finding {
	if len(fs) == 0 {
		return fs
	}
	out := make([]authn.Finding, 0, len(fs))
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Code == precaution.CodeMRZMismatch {
			item := f.Param("item")
			if field, ok := mrzItemFields[item]; ok {
				f.Field = field
				f.Message = translate(lang, "mrz_mismatch_"+item)
			}
		}
		key := string(f.Code) + "\x00" + f.Field + "\x00" + f.Message
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, f)
	}
	return out
}

// placeOutcome places the findings of out (see place).
func placeOutcome(out *form.Outcome) {
	lang := out.Language.String()
	placeStatus := func(st *form.Status) {
		if st != nil {
			st.Signals = place(lang, st.Signals)
			st.Reasons = place(lang, st.Reasons)
		}
	}
	if p := out.Problem; p != nil {
		p.Violations = place(lang, p.Violations)
		placeStatus(p.Review)
	}
	placeStatus(out.Status)
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page)
	mux.HandleFunc("POST /submit", s.submit)
	mux.HandleFunc("GET /status/{case}", s.status)
	mux.HandleFunc("POST /status/{case}/withdraw", s.withdraw)
	mux.HandleFunc("POST /api/authn", s.api)
	mux.HandleFunc("GET /api/authn/{case}", s.apiStatus)

	mux.HandleFunc("GET /desk/login", s.loginPage)
	mux.HandleFunc("POST /desk/login", s.login)
	mux.HandleFunc("POST /desk/logout", s.logout)
	mux.HandleFunc("GET /desk/{$}", s.queue)
	mux.HandleFunc("POST /desk/next", s.next)
	mux.HandleFunc("GET /desk/case/{case}", s.casePage)
	mux.HandleFunc("GET /desk/case/{case}/file/{role}", s.file)
	mux.HandleFunc("POST /desk/case/{case}/reveal", s.reveal)
	mux.HandleFunc("POST /desk/case/{case}/approve", s.approve)
	mux.HandleFunc("POST /desk/case/{case}/reject", s.reject)
	return s.languages(mux)
}

// langCookie keeps the language picked with ?lang=, for applicants and
// reviewers alike.
const langCookie = "realname_lang"

// pageLanguages are the languages of the switch on every page.
var pageLanguages = []string{"en", "zh-Hans", "zh-Hant"}

// languages lets ?lang= (kept in a cookie) override the browser's
// Accept-Language: the handler and the pages answer in that language.
func (s *server) languages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := r.URL.Query().Get("lang")
		if slices.Contains(pageLanguages, lang) {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		} else if c, err := r.Cookie(langCookie); err == nil && slices.Contains(pageLanguages, c.Value) {
			lang = c.Value
		} else {
			lang = ""
		}
		if lang != "" {
			r = r.Clone(r.Context())
			r.Header.Set("Accept-Language", lang)
		}
		next.ServeHTTP(w, r)
	})
}

// pageData is what the form template shows.
type pageData struct {
	Lang   string
	Fields form.Fields
	Errors map[string][]string // messages by form field; "" for the whole form
	Kinds  []string
}

// page shows the form. ?retry_of=ID, from the status page of a rejected
// case, makes the submission the next attempt of that case.
func (s *server) page(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(accountCookie); err != nil {
		http.SetCookie(w, &http.Cookie{Name: accountCookie, Value: "demo-" + rand.Text()[:16], Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	tag := s.form.Language(r)
	f := form.Fields{Kind: "id_card", Region: s.region.String()}
	if id := r.URL.Query().Get("retry_of"); caseID(id) {
		f.RetryOf = id
	}
	s.render(w, http.StatusOK, "form.html", pageData{Lang: tag.String(), Fields: f, Kinds: kinds()})
}

// api is the form handler's JSON endpoint, keeping what was typed for the
// desk as submit does.
func (s *server) api(w http.ResponseWriter, r *http.Request) {
	out := s.form.Process(w, r)
	placeOutcome(out)
	if out.Status != nil {
		if err := s.keep(r.Context(), out); err != nil {
			s.log.Error("formserver: keep the application for review", "case", out.Status.Case, "err", err)
		}
	}
	s.form.Write(w, out)
}

// apiStatus is the form handler's status as JSON, its findings placed as
// the status page shows them.
func (s *server) apiStatus(w http.ResponseWriter, r *http.Request) {
	out := s.form.CaseStatus(r, r.PathValue("case"))
	placeOutcome(out)
	s.form.Write(w, out)
}

// caseID reports whether id looks like a case ID, as form.Fields.RetryOf
// requires: 1 to 64 ASCII letters and digits.
func caseID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

func (s *server) submit(w http.ResponseWriter, r *http.Request) {
	out := s.form.Process(w, r)
	placeOutcome(out)
	if out.Status != nil {
		// The case waits for a reviewer: keep what was typed for the desk
		// (the verifier kept the files).
		if err := s.keep(r.Context(), out); err != nil {
			s.log.Error("formserver: keep the application for review", "case", out.Status.Case, "err", err)
		}
		http.Redirect(w, r, "/status/"+out.Status.Case, http.StatusSeeOther)
		return
	}
	p := out.Problem
	if p != nil && p.Code == form.CodePending && p.Review != nil {
		// The account's application is still waiting: show it, with why
		// nothing new was taken.
		s.render(w, out.HTTPStatus, "status.html", statusData{Lang: out.Language.String(), Status: p.Review, Notice: p.Detail})
		return
	}
	d := pageData{Lang: out.Language.String(), Errors: map[string][]string{}, Kinds: kinds()}
	if out.Submission != nil {
		d.Fields = out.Submission.Fields
	}
	if p != nil {
		switch {
		case p.Code == form.CodeNotFound, p.Code == form.CodeNotRetryable:
			// The case named by retry_of cannot be retried: the next
			// submission is a new application.
			d.Fields.RetryOf = ""
		case p.Review != nil && p.Review.State == review.Rejected.String():
			// Rejected at once: the corrected submission is the next
			// attempt of this case.
			d.Fields.RetryOf = p.Review.Case
		}
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

// statusData is what the status template shows.
type statusData struct {
	Lang   string
	Status *form.Status
	Notice string // why the applicant sees this page instead of a new case
}

// status shows the applicant's case, read from the case store: only the
// account's own cases are found.
func (s *server) status(w http.ResponseWriter, r *http.Request) {
	out := s.form.CaseStatus(r, r.PathValue("case"))
	if out.Status == nil {
		s.problem(w, out)
		return
	}
	placeOutcome(out)
	s.render(w, http.StatusOK, "status.html", statusData{Lang: out.Language.String(), Status: out.Status})
}

// withdraw withdraws the account's pending case at the applicant's request,
// releasing its binding slot, and shows the case again.
func (s *server) withdraw(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("case")
	out := s.form.CaseStatus(r, id) // the account's own case, or 401/404
	if out.Status == nil {
		s.problem(w, out)
		return
	}
	acct, err := s.account(r)
	if err == nil {
		_, err = s.v.Withdraw(r.Context(), id, acct.ID)
	}
	var te *review.TransitionError
	if err != nil && !errors.As(err, &te) { // a decided case stays as it is
		s.log.Error("formserver: withdraw", "case", id, "err", err)
		http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
		return
	}
	http.Redirect(w, r, "/status/"+id, http.StatusSeeOther)
}

// problem shows a refusal of the status page (401, 404, 503) as a page.
func (s *server) problem(w http.ResponseWriter, out *form.Outcome) {
	detail := http.StatusText(out.HTTPStatus)
	if out.Problem != nil {
		detail = out.Problem.Detail
	}
	s.render(w, out.HTTPStatus, "status.html", statusData{Lang: out.Language.String(), Notice: detail})
}

func (s *server) render(w http.ResponseWriter, code int, name string, data any) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	// No script anywhere; the desk embeds its own images and PDFs only.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; object-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(code)
	if err := s.pages.ExecuteTemplate(w, name, data); err != nil {
		s.log.Error("formserver: template", "err", err)
	}
}

// shownFinding is a finding as the status page lists it: with the short
// name of the input it concerns, when it concerns one.
type shownFinding struct {
	Code        string
	Field, Name string
	Message     string
}

func newShownFinding(lang string, f authn.Finding) shownFinding {
	sf := shownFinding{Code: string(f.Code), Field: f.Field, Message: f.Message}
	if knownInput(f.Field) {
		sf.Name = translate(lang, "field_"+f.Field)
	}
	return sf
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
	"title":                      {"Real-name authentication", "实名认证", "實名認證"},
	"name":                       {"Full name", "姓名", "姓名"},
	"kind":                       {"Certificate type", "证件类型", "證件類型"},
	"region":                     {"Issuing country or region", "签发国家或地区", "簽發國家或地區"},
	"number":                     {"Certificate number", "证件号码", "證件號碼"},
	"issued":                     {"Valid from (YYYY-MM-DD)", "有效期起始日（YYYY-MM-DD）", "有效期起始日（YYYY-MM-DD）"},
	"expires":                    {"Valid until (YYYY-MM-DD)", "有效期截止日（YYYY-MM-DD）", "有效期截止日（YYYY-MM-DD）"},
	"long_term":                  {"Long-term", "长期", "長期"},
	"birth":                      {"Date of birth (YYYY-MM-DD)", "出生日期（YYYY-MM-DD）", "出生日期（YYYY-MM-DD）"},
	"mrz":                        {"Machine-readable zone (passports)", "机读区（护照）", "機讀區（護照）"},
	"certificate":                {"Photo or scan of the certificate (JPG, PNG, BMP or PDF, at most 10 MB)", "证件照片或扫描件（JPG、PNG、BMP 或 PDF，不超过 10 MB）", "證件照片或掃描檔（JPG、PNG、BMP 或 PDF，不超過 10 MB）"},
	"handheld":                   {"Photo of you holding the certificate (face and arms visible, no headwear)", "手持证件照（露出面部和手臂，不戴帽子）", "手持證件照（露出面部和手臂，不戴帽子）"},
	"submit":                     {"Submit", "提交", "提交"},
	"status":                     {"Your application", "您的实名认证申请", "您的實名認證申請"},
	"state":                      {"State", "状态", "狀態"},
	"case":                       {"Case", "编号", "編號"},
	"due":                        {"A reviewer answers by the end of", "审核将在以下日期结束前完成", "審核將在以下日期結束前完成"},
	"estimated":                  {"(estimated: the official calendar of that year is not yet published)", "（估算：该年度官方日历尚未发布）", "（估算：該年度官方日曆尚未發佈）"},
	"signals":                    {"A reviewer will look at", "审核人员将关注", "審核人員將關注"},
	"attempt":                    {"Attempt", "第几次申请", "第幾次申請"},
	"previous":                   {"Retries case", "重新提交自", "重新提交自"},
	"reasons":                    {"Why it was rejected", "驳回原因", "駁回原因"},
	"retry":                      {"Correct and submit again", "修改后重新提交", "修改後重新提交"},
	"withdraw":                   {"Withdraw this application", "撤回此申请", "撤回此申請"},
	"form":                       {"Back to the form", "返回表单", "返回表單"},
	"submitted":                  {"submitted, waiting for a reviewer", "已提交，等待审核", "已提交，等待審核"},
	"under_review":               {"a reviewer is looking at it", "审核中", "審核中"},
	"approved":                   {"approved", "已通过", "已通過"},
	"rejected":                   {"rejected", "已驳回", "已駁回"},
	"withdrawn":                  {"withdrawn", "已撤回", "已撤回"},
	"approved_note":              {"Your real-name authentication is complete.", "您的实名认证已完成。", "您的實名認證已完成。"},
	"lang_name":                  {"English", "简体中文", "繁體中文"},
	"kind_id_card":               {"Resident identity card", "居民身份证", "居民身份證"},
	"kind_passport":              {"Passport", "护照", "護照"},
	"kind_hkmo_travel_permit":    {"Mainland Travel Permit for Hong Kong and Macao Residents", "港澳居民来往内地通行证", "港澳居民來往內地通行證"},
	"kind_tw_travel_permit":      {"Mainland Travel Permit for Taiwan Residents", "台湾居民来往大陆通行证", "台灣居民來往大陸通行證"},
	"kind_hkmo_residence_permit": {"Residence Permit for Hong Kong and Macao Residents", "港澳居民居住证", "港澳居民居住證"},
	"kind_tw_residence_permit":   {"Residence Permit for Taiwan Residents", "台湾居民居住证", "台灣居民居住證"},
	"kind_driver_license":        {"Driving licence", "机动车驾驶证", "機動車駕駛證"},
	"hint_certificate": {"For a passport, photograph the whole data page, with the two lines of letters, digits and < at its bottom: they are read and compared with what you enter.",
		"护照请拍摄完整的资料页，包括底部由字母、数字和 < 组成的两行字符：系统会读取这两行并与您填写的信息核对。",
		"護照請拍攝完整的資料頁，包括底部由字母、數字和 < 組成的兩行字元：系統會讀取這兩行並與您填寫的資料核對。"},

	// Short names of the inputs, before the findings on the status page.
	"field_name":        {"Full name", "姓名", "姓名"},
	"field_kind":        {"Certificate type", "证件类型", "證件類型"},
	"field_region":      {"Issuing country or region", "签发国家或地区", "簽發國家或地區"},
	"field_number":      {"Certificate number", "证件号码", "證件號碼"},
	"field_issued":      {"Valid from", "有效期起始日", "有效期起始日"},
	"field_expires":     {"Valid until", "有效期截止日", "有效期截止日"},
	"field_long_term":   {"Long-term", "长期", "長期"},
	"field_birth":       {"Date of birth", "出生日期", "出生日期"},
	"field_mrz":         {"Machine-readable zone", "机读区", "機讀區"},
	"field_certificate": {"Certificate image", "证件图片", "證件圖片"},
	"field_handheld":    {"Photo holding the certificate", "手持证件照", "手持證件照"},

	// application.mrz_mismatch next to the input of its item.
	"mrz_mismatch_number": {"The number you entered differs from the number in the certificate's machine-readable zone.",
		"填写的证件号码与证件机读区中的号码不一致。", "填寫的證件號碼與證件機讀區中的號碼不一致。"},
	"mrz_mismatch_birth": {"The date of birth you entered differs from the one in the certificate's machine-readable zone. Enter it as printed on the certificate.",
		"填写的出生日期与证件机读区中的出生日期不一致。请按证件填写。", "填寫的出生日期與證件機讀區中的出生日期不一致。請按證件填寫。"},
	"mrz_mismatch_expiry": {"The expiry date you entered differs from the one in the certificate's machine-readable zone. Enter it as printed on the certificate.",
		"填写的有效期截止日与证件机读区中的日期不一致。请按证件填写。", "填寫的有效期截止日與證件機讀區中的日期不一致。請按證件填寫。"},

	// The reviewer's desk.
	"desk":                       {"Reviewer's desk", "审核台", "審核台"},
	"reviewer_name":              {"Reviewer", "审核员", "審核員"},
	"password":                   {"Password", "密码", "密碼"},
	"sign_in":                    {"Sign in", "登录", "登入"},
	"sign_out":                   {"Sign out", "退出", "登出"},
	"signed_in_as":               {"Signed in as", "当前审核员", "目前審核員"},
	"login_failed":               {"Wrong name or password.", "用户名或密码错误。", "使用者名稱或密碼錯誤。"},
	"queue":                      {"Open cases", "待审核案件", "待審核案件"},
	"pending":                    {"Pending", "待审核", "待審核"},
	"overdue":                    {"Overdue", "已超期", "已逾期"},
	"overdue_mark":               {"OVERDUE", "超期", "逾期"},
	"take_next":                  {"Take the next case", "领取下一个案件", "領取下一個案件"},
	"due_short":                  {"Due", "截止日期", "截止日期"},
	"held_by":                    {"Held by", "审核员", "審核員"},
	"held_until":                 {"held until", "领取至", "領取至"},
	"queue_empty":                {"No case is waiting.", "没有待审核的案件。", "沒有待審核的案件。"},
	"done_approved":              {"The case was approved.", "案件已通过。", "案件已通過。"},
	"done_rejected":              {"The case was rejected.", "案件已驳回。", "案件已駁回。"},
	"role_certificate":           {"Certificate", "证件", "證件"},
	"role_handheld":              {"Holding the certificate", "手持证件照", "手持證件照"},
	"pages":                      {"pages", "页", "頁"},
	"no_file":                    {"The file is not available (not kept, or purged).", "文件不可用（未保存或已清除）。", "檔案不可用（未保存或已清除）。"},
	"open_pdf":                   {"Open the PDF", "打开 PDF", "開啟 PDF"},
	"sharpness":                  {"sharpness", "清晰度", "清晰度"},
	"brightness":                 {"brightness", "亮度", "亮度"},
	"glare":                      {"glare", "反光", "反光"},
	"chroma":                     {"colour", "色彩", "色彩"},
	"found":                      {"What the machine found", "机器检查结果", "機器檢查結果"},
	"nothing_found":              {"Nothing.", "无。", "無。"},
	"typed":                      {"What the applicant typed", "申请人填写的信息", "申請人填寫的資料"},
	"reveal":                     {"Reveal the number", "显示完整号码", "顯示完整號碼"},
	"reveal_why":                 {"Why you need the full number (kept in the case history)", "查看完整号码的原因（记录在案件历史中）", "查看完整號碼的原因（記錄在案件歷史中）"},
	"no_number":                  {"The typed number is not kept: only the masked number can be shown.", "未保存填写的号码：只能显示打码后的号码。", "未保存填寫的號碼：只能顯示遮蔽後的號碼。"},
	"history":                    {"History", "历史记录", "歷史紀錄"},
	"approve":                    {"Approve", "通过", "通過"},
	"reject":                     {"Reject", "驳回", "駁回"},
	"note":                       {"Note (optional)", "备注（可选）", "備註（選填）"},
	"tick_all":                   {"Tick every item of the checklist before approving.", "通过前请勾选检查清单的所有项目。", "通過前請勾選檢查清單的所有項目。"},
	"choose_reason":              {"Choose at least one reason.", "请至少选择一个原因。", "請至少選擇一個原因。"},
	"lease_held":                 {"Another reviewer holds this case now.", "该案件目前由其他审核员领取。", "該案件目前由其他審核員領取。"},
	"slot_lost":                  {"The certificate's slot is gone: other accounts took the certificate meanwhile. Reject the case instead.", "该证件的名额已被其他账号占用。请改为驳回。", "該證件的名額已被其他帳號佔用。請改為駁回。"},
	"decided":                    {"The case was decided already.", "案件已有结论。", "案件已有結論。"},
	"forbidden":                  {"Sign in as a reviewer to see this page.", "请以审核员身份登录后查看此页面。", "請以審核員身分登入後查看此頁面。"},
	"not_held":                   {"You do not hold this case. Take a case from the queue.", "您未领取此案件。请从队列中领取案件。", "您未領取此案件。請從佇列中領取案件。"},
	"no_case":                    {"No such case.", "没有此案件。", "沒有此案件。"},
	"check_face_visible":         {"The face is clearly visible", "面部清晰可见", "面部清晰可見"},
	"check_arms_visible":         {"Both arms are visible, holding the certificate", "双臂可见并手持证件", "雙臂可見並手持證件"},
	"check_no_headwear":          {"No hat, mask or other headwear", "未佩戴帽子、口罩等遮挡物", "未佩戴帽子、口罩等遮擋物"},
	"check_certificate_readable": {"Everything on the certificate is readable", "证件上的所有信息清晰可读", "證件上的所有資訊清晰可讀"},
	"check_photo_original":       {"The photo looks original and unmodified", "照片为未经修改的原始照片", "照片為未經修改的原始照片"},
	"check_details_match":        {"The typed name and number match the certificate", "填写的姓名和号码与证件一致", "填寫的姓名和號碼與證件一致"},
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
