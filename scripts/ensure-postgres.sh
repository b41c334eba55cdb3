#!/usr/bin/env bash
# Makes sure a PostgreSQL server (initdb, postgres) is installed, for the tests that run
# against a real server: the test setup (test/support/postgres-server.ts) then starts a
# throwaway cluster as an unprivileged user on a free local port and removes it after.
# Installs Debian's packages with apt-get when no server is found (needs root or sudo).
set -euo pipefail

find_server() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

if dir="$(find_server)"; then
  echo "ensure-postgres: PostgreSQL server found in $dir"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgres: no PostgreSQL server found and no apt-get: install PostgreSQL (initdb and postgres on the PATH)," >&2
  echo "ensure-postgres: or point the tests at a server with PRACTICE_LEDGER_TEST_POSTGRES_URL" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "ensure-postgres: installing PostgreSQL needs root (or sudo)" >&2
    exit 1
  fi
fi

echo "ensure-postgres: no PostgreSQL server found; installing Debian's packages"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql

if dir="$(find_server)"; then
  echo "ensure-postgres: PostgreSQL server installed in $dir"
else
  echo "ensure-postgres: PostgreSQL was installed but initdb was not found" >&2
  exit 1
fi
