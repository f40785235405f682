package web

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHostCheck(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hosts := LoopbackHosts(ln.Addr())
	s, err := New(nil, Options{Hosts: hosts})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(s)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	tests := []struct {
		host   string
		status int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST:" + port, 200},
		{"[::1]:" + port, 200},
		{"evil.example:" + port, http.StatusMisdirectedRequest}, // a rebound DNS name
		{"localhost", http.StatusMisdirectedRequest},            // another port
		{"127.0.0.1:1", http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", srv.URL+"/static/app.css", nil)
		req.Host = tt.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("Host %s: status %d, want %d", tt.host, resp.StatusCode, tt.status)
		}
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true, "127.0.0.2:1": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.5:80": false, "[::]:80": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
	a, _ := net.ResolveTCPAddr("tcp", "127.0.0.1:80")
	if h := LoopbackHosts(a); !slices.Contains(h, "localhost") || !slices.Contains(h, "127.0.0.1:80") {
		t.Errorf("LoopbackHosts(:80) = %v", h)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s, err := New(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/static/app.js", nil))
	h := rec.Result().Header
	if rec.Code != 200 || !strings.Contains(h.Get("Content-Type"), "javascript") {
		t.Fatalf("static app.js: %d %s", rec.Code, h.Get("Content-Type"))
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy allows inline script: %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", h.Get("X-Content-Type-Options"))
	}
}

// TestIdleTimeout: a keep-alive connection left idle is closed by the
// server; one that never finishes its header too.
func TestIdleTimeout(t *testing.T) {
	hs := HTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	if hs.IdleTimeout == 0 || hs.ReadHeaderTimeout == 0 || hs.WriteTimeout == 0 || hs.ReadTimeout == 0 {
		t.Fatalf("timeouts not all set: %+v", hs)
	}
	hs.IdleTimeout, hs.ReadHeaderTimeout = 200*time.Millisecond, 200*time.Millisecond
	srv := httptest.NewUnstartedServer(hs.Handler)
	srv.Config = hs
	srv.Start()
	defer srv.Close()
	for _, tt := range []struct{ name, send string }{
		{"idle keep-alive", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"unfinished header", "GET / HTTP/1.1\r\nHost: x\r\n"},
	} {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		c.Write([]byte(tt.send))
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		br := bufio.NewReader(c)
		if strings.HasPrefix(tt.send, "GET / HTTP/1.1\r\nHost: x\r\n\r\n") {
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			resp.Body.Close()
		}
		// The server closes the connection: the read ends with EOF, not
		// with our 5 s deadline.
		start := time.Now()
		_, err = br.ReadByte()
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Errorf("%s: connection still open after %v", tt.name, time.Since(start))
		} else if err == nil {
			// an error response to the unfinished header is fine; the close must follow
			_, err = br.ReadString(0)
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Errorf("%s: connection still open", tt.name)
			}
		}
		c.Close()
	}
}
