#!/usr/bin/env bash
# One go-client scenario against nats-server and Dialtone that stay up between runs, alternated, so that from the
# second run on Dialtone's JIT has settled (the side-by-side harness gives each server a 0.3 s warm-up, and the
# first seconds of C2 compilation fall inside its timed phase; see bench/profile.sh).
#   bench/warm-vs.sh [RUNS] [gobench args...]   default: 4 runs of -mode pubsub -subs 1 -size 16 -n 7000000 -warm 100000
# Prints one line per run: msgs/s and server CPU per message of each, and the Dialtone/nats-server ratios.
set -euo pipefail
runs=${1:-4}; shift || true
args=("$@"); [ ${#args[@]} -gt 0 ] || args=(-mode pubsub -subs 1 -size 16 -n 7000000 -warm 100000)
root="$(cd "$(dirname "$0")/.." && pwd)"; shared="$root/../shared/bench"
dist="$root/distribution/target/dialtone/bin/dialtone"
[ -x "$dist" ] || { echo "warm-vs.sh: build the distribution first (./mvnw -q package -DskipTests)" >&2; exit 1; }
gobench="${BENCH_BUILD:-$shared/.build}/gobench"
[ -x "$gobench" ] || { echo "warm-vs.sh: run $shared/bench.sh --list --build once to build the load generator" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
dir="$(mktemp -d "${TMPDIR:-/tmp}/dialtone-warm.XXXXXX")"
np=$(free_port); nats-server -a 127.0.0.1 -p "$np" > "$dir/nats-server.log" 2>&1 & npid=$!
dp=$(free_port); DIALTONE_OPTS=-Xmx1g "$dist" -a 127.0.0.1 -p "$dp" > "$dir/dialtone.log" 2>&1 & dpid=$!
trap 'kill $npid $dpid 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 1 120); do grep -q 'Server is ready' "$dir/dialtone.log" && grep -q 'Server is ready' "$dir/nats-server.log" && break; sleep 0.25; done
dj=$(pgrep -P "$dpid" java || echo "$dpid")
run() { "$gobench" -url "nats://127.0.0.1:$1" -q -srvpids "$2" "${args[@]}" | grep RESULT \
          | sed -E 's/.*RESULT [^ ]+ ([0-9]+) .*srv_us_per_msg=([0-9.]+).*/\1 \2/'; }
for i in $(seq 1 "$runs"); do
  read -r nr nc < <(run "$np" "$npid"); read -r dr dc < <(run "$dp" "$dj")
  awk -v i="$i" -v nr="$nr" -v nc="$nc" -v dr="$dr" -v dc="$dc" 'BEGIN { printf "run %d: nats-server %d msgs/s %.3f us/msg, Dialtone %d msgs/s %.3f us/msg: msgs/s %.3f, cpu/msg %.3f\n", i, nr, nc, dr, dc, dr/nr, dc/nc }'
done
