#!/usr/bin/env bash
# Installs and starts what the tests need beyond npm, from Debian's packages: chromium (the
# admin dashboard is tested in a real headless browser) and a PostgreSQL server (the storage and
# concurrency tests run a second time against it). Prints the variables to export.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2
fi

version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  $SUDO pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -qx online; then
  $SUDO pg_ctlcluster "$version" main start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
# A password for TCP connections from the tests (the cluster listens on loopback only).
sql="ALTER USER postgres PASSWORD 'postgres'"
if [ -z "$SUDO" ]; then su postgres -c "psql -q -p $port -c \"$sql\"" >&2; else sudo -u postgres psql -q -p "$port" -c "$sql" >&2; fi
echo "export TOLLWAY_POSTGRES_URL=postgres://postgres:postgres@127.0.0.1:${port}/postgres"
