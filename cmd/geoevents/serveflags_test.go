package main

import (
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"geoevents/web"
)

// TestServeRefusesBadSettings: settings that would quietly weaken the
// server stop it at start with a clear message (exit 2), before the
// database is touched.
func TestServeRefusesBadSettings(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		args []string
		msg  string
	}{
		{"blank token", map[string]string{"GEOEVENTS_TOKEN": ""}, nil, "GEOEVENTS_TOKEN is set but blank"},
		{"spaces token", map[string]string{"GEOEVENTS_TOKEN": "  \t"}, nil, "GEOEVENTS_TOKEN is set but blank"},
		{"bad query timeout env", map[string]string{"GEOEVENTS_QUERY_TIMEOUT": "soon"}, nil, "GEOEVENTS_QUERY_TIMEOUT"},
		{"negative query timeout", nil, []string{"--query-timeout", "-1s"}, "--query-timeout"},
		{"bad write rate env", map[string]string{"GEOEVENTS_WRITE_RATE": "-3"}, nil, "GEOEVENTS_WRITE_RATE"},
		{"negative max costly", nil, []string{"--max-costly", "-1"}, "--max-costly"},
		{"unknown access log mode", map[string]string{"GEOEVENTS_ACCESS_LOG": "verbose"}, nil, "--access-log"},
		{"bad slow query env", map[string]string{"GEOEVENTS_SLOW_QUERY": "slow"}, nil, "GEOEVENTS_SLOW_QUERY"},
		{"negative slow query", nil, []string{"--slow-query", "-1s"}, "--slow-query"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "never.db")
			args := append([]string{"--db", db, "serve", "--addr", "127.0.0.1:0"}, tc.args...)
			code, _, errOut := runCLI(t, tc.env, args...)
			if code != 2 || !strings.Contains(errOut, tc.msg) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.msg)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("the database was created before the settings were checked")
			}
		})
	}
}

// TestLimitFlags maps the limit flags to the server's configuration.
func TestLimitFlags(t *testing.T) {
	cases := []struct {
		env  map[string]string
		args []string
		want web.Config
	}{
		{nil, nil, web.Config{QueryTimeout: web.DefaultQueryTimeout, WriteRate: web.DefaultWriteRate, AccessLog: "sample", SlowQuery: web.DefaultSlowQuery}},
		{map[string]string{"GEOEVENTS_QUERY_TIMEOUT": "3s", "GEOEVENTS_WRITE_RATE": "0", "GEOEVENTS_ACCESS_LOG": "all", "GEOEVENTS_SLOW_QUERY": "0"}, nil,
			web.Config{QueryTimeout: 3 * time.Second, WriteRate: -1, AccessLog: "all", SlowQuery: -1}},
		{nil, []string{"--query-timeout", "5m", "--max-costly", "4", "--write-rate", "2.5", "--access-log", "off", "--slow-query", "2s"},
			web.Config{QueryTimeout: 5 * time.Minute, WriteTimeout: 5*time.Minute + 2*time.Second, MaxCostly: 4, WriteRate: 2.5, AccessLog: "off", SlowQuery: 2 * time.Second}},
	}
	for _, tc := range cases {
		fs := newTestFlagSet()
		l := limitFlags(fs, func(k string) string { return tc.env[k] })
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		var got web.Config
		if err := l.apply(&got); err != nil {
			t.Fatalf("%v %v: %v", tc.env, tc.args, err)
		}
		if got.QueryTimeout != tc.want.QueryTimeout || got.WriteTimeout != tc.want.WriteTimeout ||
			got.MaxCostly != tc.want.MaxCostly || got.WriteRate != tc.want.WriteRate || got.AccessLog != tc.want.AccessLog ||
			got.SlowQuery != tc.want.SlowQuery {
			t.Errorf("%v %v: %+v, want %+v", tc.env, tc.args, got, tc.want)
		}
	}
}

func newTestFlagSet() *flag.FlagSet { return flag.NewFlagSet("test", flag.ContinueOnError) }

// TestServeBindsBeforeDatabase: with the port taken, serve fails on the
// bind and never creates, migrates or fills the database.
func TestServeBindsBeforeDatabase(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "never.db")
	code, _, errOut := runCLI(t, nil, "--db", db, "serve", "--demo", "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(errOut, "listen") {
		t.Fatalf("exit %d, stderr %q; want 1 and a listen error", code, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the database was created before the port was bound")
	}
}
