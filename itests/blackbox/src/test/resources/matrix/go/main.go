// Client-matrix smoke for nats.go: run as `matrix-go nats://host:port`. Prints one line per step
// ("ok <step>: ..." or "FAIL <step>: ...") and exits 0 only when every step passes. A watchdog ends it
// (exit 3) after 10 s, so it never hangs. Built offline in GOPATH mode against Debian's
// golang-github-nats-io-go-nats-dev (see ClientMatrixTest).
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
)

const wait = 2 * time.Second

func fail(step string, format string, args ...interface{}) {
	fmt.Printf("FAIL %s: %s\n", step, fmt.Sprintf(format, args...))
	os.Exit(1)
}

func ok(step string, format string, args ...interface{}) {
	fmt.Printf("ok %s: %s\n", step, fmt.Sprintf(format, args...))
}

// subjects reads from sub until the sentinel subject arrives, returning every subject seen (sentinel included).
func subjects(step string, sub *nats.Subscription, sentinel string) []string {
	var got []string
	for {
		m, err := sub.NextMsg(wait)
		if err != nil {
			fail(step, "%s: after %v: %v", sub.Subject, got, err)
		}
		got = append(got, m.Subject)
		if m.Subject == sentinel {
			return got
		}
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Println("usage: matrix-go nats://host:port")
		os.Exit(2)
	}
	url := os.Args[1]
	time.AfterFunc(10*time.Second, func() {
		fmt.Println("FAIL watchdog: not finished within 10s")
		os.Exit(3)
	})
	fmt.Printf("client nats.go %s\n", nats.Version)

	// connect
	nc, err := nats.Connect(url, nats.Timeout(wait), nats.NoReconnect(), nats.Name("matrix-go"))
	if err != nil {
		fail("connect", "%v", err)
	}
	ok("connect", "%s server %s %s", nc.ConnectedUrl(), nc.ConnectedServerId(), nc.ConnectedServerVersion())

	// wildcards: matrix.* matches one token, matrix.> one or more
	star, err := nc.SubscribeSync("matrix.*")
	if err != nil {
		fail("wildcards", "subscribe matrix.*: %v", err)
	}
	full, err := nc.SubscribeSync("matrix.>")
	if err != nil {
		fail("wildcards", "subscribe matrix.>: %v", err)
	}
	if err := nc.Flush(); err != nil {
		fail("wildcards", "flush: %v", err)
	}
	for _, s := range []string{"matrix.a", "matrix.a.b", "matrix.end"} {
		if err := nc.Publish(s, []byte(s)); err != nil {
			fail("wildcards", "publish %s: %v", s, err)
		}
	}
	// one connection: messages to a subscription arrive in publish order, so the sentinel comes last
	gotStar := strings.Join(subjects("wildcards", star, "matrix.end"), ",")
	gotFull := strings.Join(subjects("wildcards", full, "matrix.end"), ",")
	if gotStar != "matrix.a,matrix.end" {
		fail("wildcards", "matrix.* got %s, want matrix.a,matrix.end", gotStar)
	}
	if gotFull != "matrix.a,matrix.a.b,matrix.end" {
		fail("wildcards", "matrix.> got %s, want matrix.a,matrix.a.b,matrix.end", gotFull)
	}
	star.Unsubscribe()
	full.Unsubscribe()
	ok("wildcards", "matrix.* got [%s], matrix.> got [%s]", gotStar, gotFull)

	// queue group: 2 members, 20 messages, each delivered exactly once in total
	const n = 20
	q1, err := nc.QueueSubscribeSync("matrix.q", "workers")
	if err != nil {
		fail("queue", "subscribe: %v", err)
	}
	q2, err := nc.QueueSubscribeSync("matrix.q", "workers")
	if err != nil {
		fail("queue", "subscribe: %v", err)
	}
	if err := nc.Flush(); err != nil {
		fail("queue", "flush: %v", err)
	}
	for i := 0; i < n; i++ {
		if err := nc.Publish("matrix.q", []byte(strconv.Itoa(i))); err != nil {
			fail("queue", "publish: %v", err)
		}
	}
	seen := map[string]bool{}
	counts := []int{0, 0}
	deadline := time.Now().Add(wait)
	for len(seen) < n && time.Now().Before(deadline) {
		for i, s := range []*nats.Subscription{q1, q2} {
			m, err := s.NextMsg(10 * time.Millisecond)
			if errors.Is(err, nats.ErrTimeout) {
				continue
			}
			if err != nil {
				fail("queue", "next: %v", err)
			}
			if seen[string(m.Data)] {
				fail("queue", "message %s delivered twice", m.Data)
			}
			seen[string(m.Data)] = true
			counts[i]++
		}
	}
	if len(seen) != n {
		fail("queue", "received %d of %d messages", len(seen), n)
	}
	if err := nc.Flush(); err != nil { // the server has sent all it will for these publishes
		fail("queue", "flush: %v", err)
	}
	for _, s := range []*nats.Subscription{q1, q2} {
		if p, _, _ := s.Pending(); p != 0 {
			fail("queue", "%d extra messages after all %d arrived", p, n)
		}
	}
	q1.Unsubscribe()
	q2.Unsubscribe()
	ok("queue", "%d messages exactly once (%d + %d)", n, counts[0], counts[1])

	// request/reply: a responder on a second connection
	rc, err := nats.Connect(url, nats.Timeout(wait), nats.NoReconnect(), nats.Name("matrix-go-responder"))
	if err != nil {
		fail("request", "responder connect: %v", err)
	}
	if _, err := rc.Subscribe("matrix.rpc", func(m *nats.Msg) { m.Respond(append([]byte("re:"), m.Data...)) }); err != nil {
		fail("request", "responder subscribe: %v", err)
	}
	if err := rc.Flush(); err != nil {
		fail("request", "responder flush: %v", err)
	}
	reply, err := nc.Request("matrix.rpc", []byte("ping"), wait)
	if err != nil {
		fail("request", "%v", err)
	}
	if string(reply.Data) != "re:ping" {
		fail("request", "reply %q, want %q", reply.Data, "re:ping")
	}
	rc.Close()
	ok("request", "reply %q", reply.Data)

	// headers round-trip
	hs, err := nc.SubscribeSync("matrix.h")
	if err != nil {
		fail("headers", "subscribe: %v", err)
	}
	if err := nc.Flush(); err != nil {
		fail("headers", "flush: %v", err)
	}
	out := nats.NewMsg("matrix.h")
	out.Header.Set("X-Matrix", "go")
	out.Header.Add("X-Multi", "one")
	out.Header.Add("X-Multi", "two")
	out.Data = []byte("with headers")
	if err := nc.PublishMsg(out); err != nil {
		fail("headers", "publish: %v", err)
	}
	in, err := hs.NextMsg(wait)
	if err != nil {
		fail("headers", "next: %v", err)
	}
	if in.Header.Get("X-Matrix") != "go" || strings.Join(in.Header.Values("X-Multi"), ",") != "one,two" ||
		string(in.Data) != "with headers" {
		fail("headers", "got header %v data %q", in.Header, in.Data)
	}
	hs.Unsubscribe()
	ok("headers", "X-Matrix=%s X-Multi=%v", in.Header.Get("X-Matrix"), in.Header.Values("X-Multi"))

	// no responders: fails fast (well inside the request timeout) with ErrNoResponders
	start := time.Now()
	_, err = nc.Request("matrix.nobody", []byte("anyone?"), 5*time.Second)
	took := time.Since(start)
	if !errors.Is(err, nats.ErrNoResponders) {
		fail("no-responders", "got %v, want %v", err, nats.ErrNoResponders)
	}
	if took > time.Second {
		fail("no-responders", "took %v: not fast", took)
	}
	ok("no-responders", "%v in %v", err, took.Round(10*time.Microsecond))

	// close
	nc.Close()
	if !nc.IsClosed() {
		fail("close", "connection not closed")
	}
	ok("close", "closed")
	fmt.Println("PASS")
}
