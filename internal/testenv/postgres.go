package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// PostgresEnv names the environment variable holding the test server's
// DSN: a postgres:// URL of a database whose role may create databases.
const PostgresEnv = "GEOEVENTS_TEST_POSTGRES"

// template is the database every test database is copied from: PostGIS
// and unaccent already created, so a copy takes a fraction of a second.
const template = "geoevents_test_template"

// PostgresDSN returns the DSN of a new, empty database on the test server,
// dropped when t ends. Without GEOEVENTS_TEST_POSTGRES it skips t, unless
// CI=true: CI must run the PostgreSQL tests, so there it fails.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		if InCI() {
			t.Fatalf("%s is not set (CI=true: the PostgreSQL tests must run; .ci/postgres.sh starts a server)", PostgresEnv)
		}
		t.Skipf("%s not set: no PostgreSQL server to test against", PostgresEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to %s: %v", PostgresEnv, err)
	}
	defer admin.Close(ctx)
	if err := ensureTemplate(ctx, admin, dsn); err != nil {
		t.Fatalf("test template database: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "geoevents_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+template); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop test database: %v", err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return withDatabase(dsn, name)
}

// ensureTemplate creates the template database once, under an advisory
// lock, as test binaries of several packages run at once.
func ensureTemplate(ctx context.Context, admin *pgx.Conn, dsn string) error {
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock(7411)"); err != nil {
		return err
	}
	defer admin.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(7411)") //nolint:errcheck // the session ends soon anyway
	var have bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", template).Scan(&have); err != nil {
		return err
	}
	if have {
		return nil
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+template); err != nil {
		return err
	}
	c, err := pgx.Connect(ctx, withDatabase(dsn, template))
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	for _, q := range []string{"CREATE EXTENSION IF NOT EXISTS postgis", "CREATE EXTENSION IF NOT EXISTS unaccent"} {
		if _, err := c.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// withDatabase returns dsn with its database name replaced.
func withDatabase(dsn, name string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	u.Path = "/" + name
	return u.String()
}
