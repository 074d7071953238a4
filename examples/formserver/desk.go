package main

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/precaution"
)

// The reviewer's desk, under /desk: the queue, the case a reviewer holds,
// its files, the reveal of the number, and the decisions. Every page needs
// a reviewer's session (the sign-in page aside); the case pages and files
// need the claim on the case as well.

// queueData is what the queue template shows.
type queueData struct {
	Lang     string
	Reviewer string
	CSRF     string
	Cases    []queueRow
	Stats    review.Stats
	Notice   string
}

type queueRow struct {
	ID, Kind, Region, Number, State, ClaimedBy string
	Due                                        string
	Attempt                                    int
	Overdue                                    bool
}

// deskLanguage is the language of the desk's pages for r.
func (s *server) deskLanguage(r *http.Request) string { return s.form.Language(r).String() }

// requireReviewer returns the signed-in reviewer, or answers: a page
// request is sent to the sign-in page, anything else is refused (403).
func (s *server) requireReviewer(w http.ResponseWriter, r *http.Request) (reviewerSession, bool) {
	rs, ok := s.reviewer(r)
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	}
	if ok && r.Method == http.MethodPost && !validCSRF(r, rs) {
		s.deskError(w, r, http.StatusForbidden, "forbidden")
		return reviewerSession{}, false
	}
	if ok {
		return rs, true
	}
	if r.Method == http.MethodGet && !strings.Contains(r.URL.Path, "/file/") {
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, "/desk/login", http.StatusSeeOther)
		return reviewerSession{}, false
	}
	s.deskError(w, r, http.StatusForbidden, "forbidden")
	return reviewerSession{}, false
}

// queue lists the open cases by deadline, overdue ones marked.
func (s *server) queue(w http.ResponseWriter, r *http.Request) {
	rs, ok := s.requireReviewer(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	cases, err := s.v.Queue(ctx, review.Query{Limit: 200})
	if err != nil {
		s.unavailable(w, "queue", err)
		return
	}
	stats, err := s.v.Stats(ctx, s.now().Add(-7*24*time.Hour))
	if err != nil {
		s.unavailable(w, "stats", err)
		return
	}
	lang := s.deskLanguage(r)
	d := queueData{Lang: lang, Reviewer: rs.Name, CSRF: rs.CSRF, Stats: stats}
	switch r.URL.Query().Get("done") {
	case "approved", "rejected":
		d.Notice = translate(lang, "done_"+r.URL.Query().Get("done"))
	case "none":
		d.Notice = translate(lang, "queue_empty")
	}
	now := s.now()
	for _, c := range cases {
		row := queueRow{ID: c.ID, Kind: c.Kind.String(), Region: c.Region, State: c.State.String(),
			Due: c.Due.Date.String(), Attempt: c.Attempt, Overdue: !c.Due.At.After(now)}
		if c.Certificate != nil {
			row.Number = c.Certificate.Masked
		}
		if c.ClaimedBy != "" && c.ClaimedUntil.After(now) {
			row.ClaimedBy = c.ClaimedBy
		}
		d.Cases = append(d.Cases, row)
	}
	s.render(w, http.StatusOK, "queue.html", d)
}

// next gives the reviewer the next case through the store's claim.
func (s *server) next(w http.ResponseWriter, r *http.Request) {
	rs, ok := s.requireReviewer(w, r)
	if !ok {
		return
	}
	c, err := s.v.Claim(r.Context(), rs.Name, s.lease)
	switch {
	case errors.Is(err, review.ErrNotFound):
		http.Redirect(w, r, "/desk/?done=none", http.StatusSeeOther)
		return
	case err != nil:
		s.unavailable(w, "claim", err)
		return
	}
	s.log.Info("formserver: case claimed", "case", c.ID, "reviewer", rs.Name)
	http.Redirect(w, r, "/desk/case/"+c.ID, http.StatusSeeOther)
}

// held returns the case id if the reviewer holds it now; otherwise it
// answers 403 (or 404 for an ID that names no case) and returns nil.
func (s *server) held(w http.ResponseWriter, r *http.Request, rs reviewerSession) *review.Case {
	id := r.PathValue("case")
	if !caseID(id) {
		s.deskError(w, r, http.StatusNotFound, "no_case")
		return nil
	}
	c, err := s.v.Case(r.Context(), id)
	switch {
	case errors.Is(err, review.ErrNotFound):
		s.deskError(w, r, http.StatusNotFound, "no_case")
		return nil
	case err != nil:
		s.unavailable(w, "case", err)
		return nil
	}
	if !c.State.Pending() || c.ClaimedBy != rs.Name || !c.ClaimedUntil.After(s.now()) {
		s.deskError(w, r, http.StatusForbidden, "not_held")
		return nil
	}
	return c
}

// caseData is what the case template shows.
type caseData struct {
	Lang, Reviewer, CSRF string
	Case                 *review.Case
	State, Due           string
	Overdue              bool
	ClaimedUntil         string
	Files                []fileView
	Findings             []findingView
	Typed                *typedApplication
	Number               string // masked, or the full number after a reveal
	Revealed             bool
	Checklist            []checkItem
	Reasons              []reasonView
	History              []historyView
	Error                string
}

type fileView struct {
	Role, URL, Format, Name string
	Image                   bool
	Width, Height, Pages    int
	Size                    int64
	Scores                  *evidence.Scores
	Missing                 bool
}

type findingView struct {
	Code, Field, Severity, Message string
}

type checkItem struct {
	ID, Label string
	Checked   bool
}

type reasonView struct {
	Key, Code, Field, Message string
	Others                    []string // the message in the other languages
	Checked                   bool
}

type historyView struct {
	At, From, To, Actor, Action, Note string
}

// casePage shows the held case: the two files, what the machine found, the
// typed data with the number masked, the checklist and the decisions.
func (s *server) casePage(w http.ResponseWriter, r *http.Request) {
	rs, ok := s.requireReviewer(w, r)
	if !ok {
		return
	}
	c := s.held(w, r, rs)
	if c == nil {
		return
	}
	s.showCase(w, r, rs, c, http.StatusOK, caseOptions{})
}

// caseOptions are what a refused decision puts back on the case page.
type caseOptions struct {
	reveal  bool
	err     string
	ticked  []string
	reasons []string
}

func (s *server) showCase(w http.ResponseWriter, r *http.Request, rs reviewerSession, c *review.Case, code int, o caseOptions) {
	ctx := r.Context()
	lang := s.deskLanguage(r)
	tag := language.Make(lang)
	now := s.now()
	d := caseData{Lang: lang, Reviewer: rs.Name, CSRF: rs.CSRF, Case: c, State: translate(lang, c.State.String()),
		Due: c.Due.Date.String(), Overdue: !c.Due.At.After(now), ClaimedUntil: c.ClaimedUntil.In(s.zone).Format("2006-01-02 15:04"),
		Error: o.err}
	app, err := s.application(ctx, c.ID)
	if err != nil && !errors.Is(err, errNotKept) {
		s.unavailable(w, "kept application", err)
		return
	}
	d.Typed = app
	if c.Certificate != nil {
		d.Number = c.Certificate.Masked
	}
	if o.reveal && app != nil {
		d.Number, d.Revealed = app.Fields.Number, true
	}
	names := map[string]string{}
	for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		f := fileView{Role: role.String(), URL: "/desk/case/" + c.ID + "/file/" + role.String(), Missing: true}
		meta, err := s.fileMeta(ctx, c.ID, role)
		switch {
		case err == nil && c.FilesPurgedAt.IsZero():
			f.Missing = false
			f.Format, f.Image, f.Name, f.Size = string(meta.Format), meta.Format.IsImage(), meta.Name, meta.Size
			names[role.String()] = meta.Name
			if fr := app.file(role.String()); fr != nil {
				f.Width, f.Height, f.Pages, f.Scores = fr.Width, fr.Height, fr.Pages, fr.Scores
			}
		case err != nil && !errors.Is(err, vault.ErrNotFound):
			s.log.Error("formserver: desk", "op", "file meta", "case", c.ID, "role", role.String(), "err", err)
		}
		d.Files = append(d.Files, f)
	}
	for _, f := range c.Findings {
		d.Findings = append(d.Findings, findingView{Code: string(f.Code), Field: f.Field, Severity: f.Severity.String(), Message: s.v.Message(tag, f)})
	}
	for _, item := range review.Checklist() {
		d.Checklist = append(d.Checklist, checkItem{ID: item, Label: translate(lang, "check_"+item), Checked: slices.Contains(o.ticked, item)})
	}
	for _, rc := range reasonChoices(names) {
		v := rc.violation
		rv := reasonView{Key: rc.key, Code: string(v.Code), Field: v.Field, Message: s.v.Message(tag, v), Checked: slices.Contains(o.reasons, rc.key)}
		for _, other := range []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese} {
			if other.String() != lang {
				rv.Others = append(rv.Others, s.v.Message(other, v))
			}
		}
		d.Reasons = append(d.Reasons, rv)
	}
	for i, e := range c.History {
		hv := historyView{At: e.At.In(s.zone).Format("2006-01-02 15:04"), To: e.To.String(), Actor: e.Actor, Action: e.Action, Note: e.Note}
		if i > 0 {
			hv.From = e.From.String() // the first event is the submission, from no state
		}
		d.History = append(d.History, hv)
	}
	s.render(w, code, "case.html", d)
}

// reasonChoice is a reason a reviewer may reject with, by form key.
type reasonChoice struct {
	key       string
	violation rules.Violation
}

// reasonChoices are the reasons the desk offers: the reviewer's own codes
// (what only a person can judge) and the evidence and precaution codes a
// person may confirm on looking at the files.
func reasonChoices(names map[string]string) []reasonChoice {
	name := func(role string) string {
		if names[role] != "" {
			return names[role]
		}
		return role
	}
	file := func(code rules.Code, role string) rules.Violation {
		return rules.Violate(code, rules.Reject, true, "role", role, "file_name", name(role)).At(role)
	}
	return []reasonChoice{
		{"headwear", review.Reason(review.CodeHeadwear, roleHandheld)},
		{"face_not_visible", review.Reason(review.CodeFaceNotVisible, roleHandheld)},
		{"unreadable", review.Reason(review.CodeUnreadable, roleCertificate)},
		{"not_original", review.Reason(review.CodeNotOriginal, roleHandheld)},
		{"details_mismatch", review.Reason(review.CodeDetailsMismatch, "number")},
		{"name_mismatch", review.Reason(precaution.CodeNameMismatch, "name")},
		{"blurry", file(evidence.CodeBlurry, roleCertificate)},
		{"glare", file(evidence.CodeGlare, roleCertificate)},
		{"grayscale", file(evidence.CodeGrayscale, roleCertificate)},
	}
}

// file serves one of the held case's files: no-store, nosniff, the type of
// the stored format, inline.
func (s *server) file(w http.ResponseWriter, r *http.Request) {
	rs, ok := s.requireReviewer(w, r)
	if !ok {
		return
	}
	c := s.held(w, r, rs)
	if c == nil {
		return
	}
	var role evidence.Role
	switch r.PathValue("role") {
	case roleCertificate:
		role = evidence.Certificate
	case roleHandheld:
		role = evidence.Handheld
	default:
		s.deskError(w, r, http.StatusNotFound, "no_file")
		return
	}
	b, meta, err := s.v.Evidence(r.Context(), c.ID, role)
	switch {
	case errors.Is(err, vault.ErrNotFound), errors.Is(err, authn.ErrNoVault):
		s.deskError(w, r, http.StatusNotFound, "no_file")
		return
	case err != nil:
		s.unavailable(w, "kept file", err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType(meta.Format))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", `inline; filename="`+role.String()+"."+string(meta.Format)+`"`)
	if meta.Format != evidence.PDF {
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	}
	s.log.Info("formserver: file shown", "case", c.ID, "role", role, "reviewer", rs.Name)
	_, _ = w.Write(b)
}

// reveal records the reviewer's deliberate reveal of the number in the
// case history, then shows the case with the full number.
func (s *server) reveal(w http.ResponseWriter, r *http.Request) {
	rs, ok := s.requireReviewer(w, r)
	if !ok {
		return
	}
	c := s.held(w, r, rs)
	if c == nil {
		return
	}
	why := clipText(strings.TrimSpace(r.PostFormValue("why")), 200)
	if why == "" {
		s.showCase(w, r, rs, c, http.StatusUnprocessableEntity, caseOptions{err: translate(s.deskLanguage(r), "reveal_why")})
		return
	}
	switch _, err := s.application(r.Context(), c.ID); {
	case errors.Is(err, errNotKept):
		// Nothing holds the number any more (or never did): the masked
		// number is all there is, and nothing is revealed.
		s.showCase(w, r, rs, c, http.StatusNotFound, caseOptions{err: translate(s.deskLanguage(r), "no_number")})
		return
	case err != nil:
		s.unavailable(w, "kept application", err)
		return
	}
	c, err := s.v.RevealNumber(r.Context(), c.ID, rs.Name, why)
	switch {
	case errors.Is(err, authn.ErrNotHeld), errors.Is(err, review.ErrLeaseHeld):
		// The lease ended between the check above and the store's.
		s.deskError(w, r, http.StatusForbidden, "not_held")
		return
	case err != nil:
		s.unavailable(w, "reveal", err)
		return
	}
	s.log.Info("formserver: number revealed", "case", c.ID, "reviewer", rs.Name)
	s.showCase(w, r, rs, c, http.StatusOK, caseOptions{reveal: true})
}

// approve approves the held case; every checklist item must be ticked.
func (s *server) approve(w http.ResponseWriter, r *http.Request) {
	rs, ok := s.requireReviewer(w, r)
	if !ok {
		return
	}
	c := s.held(w, r, rs)
	if c == nil {
		return
	}
	lang := s.deskLanguage(r)
	ticked := r.PostForm["checklist"]
	for _, item := range review.Checklist() {
		if !slices.Contains(ticked, item) {
			s.showCase(w, r, rs, c, http.StatusUnprocessableEntity, caseOptions{err: translate(lang, "tick_all"), ticked: ticked})
			return
		}
	}
	note := clipText(strings.TrimSpace(r.PostFormValue("note")), 500)
	_, err := s.v.Approve(r.Context(), c.ID, rs.Name, note, review.Checklist()...)
	if msg := s.decisionError(lang, err); msg != "" {
		s.showCase(w, r, rs, c, http.StatusConflict, caseOptions{err: msg, ticked: ticked})
		return
	} else if err != nil {
		s.unavailable(w, "approve", err)
		return
	}
	s.log.Info("formserver: case approved", "case", c.ID, "reviewer", rs.Name)
	http.Redirect(w, r, "/desk/?done=approved", http.StatusSeeOther)
}

// reject rejects the held case with the reasons the reviewer chose.
func (s *server) reject(w http.ResponseWriter, r *http.Request) {
	rs, ok := s.requireReviewer(w, r)
	if !ok {
		return
	}
	c := s.held(w, r, rs)
	if c == nil {
		return
	}
	lang := s.deskLanguage(r)
	names := map[string]string{}
	for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		if meta, err := s.fileMeta(r.Context(), c.ID, role); err == nil {
			names[role.String()] = meta.Name
		}
	}
	chosen := r.PostForm["reason"]
	var reasons []rules.Violation
	for _, rc := range reasonChoices(names) {
		if slices.Contains(chosen, rc.key) {
			reasons = append(reasons, rc.violation)
		}
	}
	if len(reasons) == 0 {
		s.showCase(w, r, rs, c, http.StatusUnprocessableEntity, caseOptions{err: translate(lang, "choose_reason")})
		return
	}
	_, err := s.v.Reject(r.Context(), c.ID, rs.Name, reasons...)
	if msg := s.decisionError(lang, err); msg != "" {
		s.showCase(w, r, rs, c, http.StatusConflict, caseOptions{err: msg, reasons: chosen})
		return
	} else if err != nil {
		s.unavailable(w, "reject", err)
		return
	}
	s.log.Info("formserver: case rejected", "case", c.ID, "reviewer", rs.Name)
	http.Redirect(w, r, "/desk/?done=rejected", http.StatusSeeOther)
}

// decisionError returns the desk's message for a refused decision, or ""
// for no error or an outage.
func (s *server) decisionError(lang string, err error) string {
	var te *review.TransitionError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, review.ErrLeaseHeld):
		return translate(lang, "lease_held")
	case errors.Is(err, authn.ErrSlotLost), errors.Is(err, review.ErrSlotMissing):
		return translate(lang, "slot_lost")
	case errors.As(err, &te):
		return translate(lang, "decided")
	case errors.Is(err, authn.ErrChecklistItem):
		return translate(lang, "tick_all")
	}
	return ""
}

// deskError answers a refused desk request with a page that shows nothing
// of any case.
func (s *server) deskError(w http.ResponseWriter, r *http.Request, code int, key string) {
	s.render(w, code, "desk_error.html", struct{ Lang, Message string }{s.deskLanguage(r), translate(s.deskLanguage(r), key)})
}

func (s *server) unavailable(w http.ResponseWriter, what string, err error) {
	s.log.Error("formserver: desk", "op", what, "err", err)
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
}
