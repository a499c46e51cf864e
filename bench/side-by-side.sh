#!/usr/bin/env bash
# nats-server vs the assembled Dialtone through the shared harness; args (e.g. --scale 0.2 --only pub) go to bench.sh.
h="$(dirname "$0")/../../shared/bench/bench.sh"; [ -x "$h" ] || { echo "side-by-side.sh: shared harness not found (or not executable) at $h; expected /work/shared/bench/bench.sh beside this repo" >&2; exit 1; }
d="$(cd "$(dirname "$0")/.." && pwd)/distribution/target/dialtone/bin/dialtone"; [ -x "$d" ] || { echo "side-by-side.sh: $d missing; build the distribution first (./mvnw -q package -DskipTests)" >&2; exit 1; }
export DIALTONE_OPTS=-Xmx1g; exec "$h" --vs 'nats-server -a {host} -p {port}' "$@" -- "$d" -a {host} -p {port}
