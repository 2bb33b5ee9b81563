#!/usr/bin/env bash
# Installs everything Firebreak's tests need on a fresh machine: Debian packages (when root),
# npm dependencies, the build, and the pinned local AWS emulators. Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v aws >/dev/null 2>&1 || need_apt+=(awscli)
# The team server's tests start their own PostgreSQL cluster (initdb + pg_ctl, as the postgres user).
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# The sandbox containment test traces every socket the emulators open.
command -v strace >/dev/null 2>&1 || need_apt+=(strace)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "bootstrap: please install these Debian packages (as root): ${need_apt[*]}" >&2
  fi
fi

# Node 24 is the baseline: on an older machine Node, a project-local one in .tools/node.
source scripts/node24.sh
echo "bootstrap: node $(node --version), npm ci"
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
echo "bootstrap: pinned emulators (LocalStack 4.14.0 host mode with Firebreak's extension, moto server) into .firebreak/"
node bin/firebreak.js sandbox install
