package main

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// reviewerCookie holds a reviewer's session token. It is a cookie of its
// own, scoped to /desk, so a browser never sends it with an applicant's
// request and the applicant's cookie never opens a reviewer page.
const reviewerCookie = "realname_reviewer"

// reviewerSessionAge is how long a reviewer's sign-in lasts.
const reviewerSessionAge = 8 * time.Hour

// reviewers are the demo desk's credentials: name to SHA-256 of the
// password. A real site signs its staff in through its own identity
// provider instead.
type reviewers map[string][32]byte

// parseReviewers reads "name:password,name:password" (-reviewers, or
// REALNAME_REVIEWERS). Names are 1 to 32 letters, digits, '-' or '_';
// passwords at least 8 bytes.
func parseReviewers(s string) (reviewers, error) {
	out := reviewers{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		name, pass, ok := strings.Cut(pair, ":")
		if !ok || !reviewerName(name) {
			return nil, errors.New("reviewers: each entry is name:password, the name 1 to 32 letters, digits, '-' or '_'")
		}
		if len(pass) < 8 {
			return nil, fmt.Errorf("reviewers: the password of %q is shorter than 8 bytes", name)
		}
		out[name] = sha256.Sum256([]byte(pass))
	}
	return out, nil
}

func reviewerName(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// check reports whether pass is name's password. It compares SHA-256
// digests in constant time, against the zero digest for an unknown name,
// so the time taken tells neither the password nor whether the name exists.
func (rs reviewers) check(name, pass string) bool {
	want, known := rs[name]
	got := sha256.Sum256([]byte(pass))
	same := subtle.ConstantTimeCompare(got[:], want[:]) == 1
	return known && same
}

// reviewerSession is a signed-in reviewer.
type reviewerSession struct {
	Name    string
	CSRF    string // token every desk form posts back
	Expires time.Time
}

// sessions are the signed-in reviewers, by token. They live in the
// process: a restart signs every reviewer out.
type sessions struct {
	mu sync.Mutex
	m  map[string]reviewerSession
}

func newSessions() *sessions { return &sessions{m: map[string]reviewerSession{}} }

// open signs name in until now+reviewerSessionAge and returns the token.
func (s *sessions) open(name string, now time.Time) (string, reviewerSession) {
	token, csrf := rand.Text()+rand.Text(), rand.Text()
	rs := reviewerSession{Name: name, CSRF: csrf, Expires: now.Add(reviewerSessionAge)}
	s.mu.Lock()
	defer s.mu.Unlock()
	for t, old := range s.m { // forget ended sessions
		if !old.Expires.After(now) {
			delete(s.m, t)
		}
	}
	s.m[token] = rs
	return token, rs
}

// get returns the live session of token.
func (s *sessions) get(token string, now time.Time) (reviewerSession, bool) {
	if token == "" {
		return reviewerSession{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rs, ok := s.m[token]
	if !ok || !rs.Expires.After(now) {
		return reviewerSession{}, false
	}
	return rs, true
}

func (s *sessions) close(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, token)
}

// reviewer returns the signed-in reviewer of r.
func (s *server) reviewer(r *http.Request) (reviewerSession, bool) {
	c, err := r.Cookie(reviewerCookie)
	if err != nil {
		return reviewerSession{}, false
	}
	return s.sessions.get(c.Value, s.now())
}

// validCSRF reports whether r posts the session's form token.
func validCSRF(r *http.Request, rs reviewerSession) bool {
	got := r.PostFormValue("csrf")
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(rs.CSRF)) == 1
}

// loginData is what the login template shows.
type loginData struct {
	Lang  string
	Error bool
	Name  string
}

func (s *server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "login.html", loginData{Lang: s.form.Language(r).String()})
}

// login signs a reviewer in with the demo credentials.
func (s *server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	name, pass := r.PostFormValue("name"), r.PostFormValue("password")
	if !s.reviewers.check(name, pass) {
		s.log.Warn("formserver: reviewer sign-in refused")
		s.render(w, http.StatusUnauthorized, "login.html", loginData{Lang: s.form.Language(r).String(), Error: true, Name: clipText(name, 32)})
		return
	}
	token, _ := s.sessions.open(name, s.now())
	http.SetCookie(w, &http.Cookie{Name: reviewerCookie, Value: token, Path: "/desk", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode, MaxAge: int(reviewerSessionAge / time.Second)})
	s.log.Info("formserver: reviewer signed in", "reviewer", name)
	http.Redirect(w, r, "/desk/", http.StatusSeeOther)
}

func (s *server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(reviewerCookie); err == nil {
		if rs, ok := s.sessions.get(c.Value, s.now()); ok && validCSRF(r, rs) {
			s.sessions.close(c.Value)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: reviewerCookie, Value: "", Path: "/desk", HttpOnly: true, MaxAge: -1})
	http.Redirect(w, r, "/desk/login", http.StatusSeeOther)
}

func clipText(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return strings.ToValidUTF8(s, "")
}
