#!/usr/bin/env bash
# Installs the peers the benchmark compares against into bench/peers/ (ignored by git):
# Emmett publishes no licence, so it is never a dependency of practice-ledger; it is
# fetched here, on demand, at the version the issue names.
set -euo pipefail
cd "$(dirname "$0")"
EMMETT=0.42.0
PONGO=0.16.11
installed() {
  node -e "process.exit(require('./peers/node_modules/$1/package.json').version === '$2' ? 0 : 1)" 2>/dev/null
}
if installed @event-driven-io/emmett "$EMMETT" && installed @event-driven-io/emmett-postgresql "$EMMETT" && installed @event-driven-io/pongo "$PONGO"; then
  echo "install-peers: Emmett $EMMETT is installed in bench/peers"
  exit 0
fi
mkdir -p peers
if [ ! -f peers/package.json ]; then
  echo '{ "name": "practice-ledger-bench-peers", "private": true, "description": "Peers installed on demand by npm run bench; not part of practice-ledger" }' > peers/package.json
fi
echo "install-peers: installing Emmett $EMMETT into bench/peers"
npm install --prefix peers --no-audit --no-fund --loglevel=error \
  "@event-driven-io/emmett@$EMMETT" "@event-driven-io/emmett-postgresql@$EMMETT" "@event-driven-io/pongo@$PONGO"
