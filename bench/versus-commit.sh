#!/usr/bin/env bash
# Dialtone at an earlier commit vs Dialtone as checked out, through the shared harness (ratios: now / then).
# Usage: bench/versus-commit.sh <commit> [bench.sh options, e.g. --only '^pub-']. Builds <commit>'s distribution in a
# temporary git worktree (package only, nothing installed into ~/.m2) and the current one if missing.
set -euo pipefail
then=${1:?usage: versus-commit.sh <commit> [bench.sh options]}; shift
repo="$(cd "$(dirname "$0")/.." && pwd)"; h="$repo/../shared/bench/bench.sh"
[ -x "$h" ] || { echo "versus-commit.sh: shared harness not found at $h" >&2; exit 1; }
wt="$(mktemp -d)/dialtone-$then"; git -C "$repo" worktree add -q --detach "$wt" "$then"
trap 'git -C "$repo" worktree remove --force "$wt"' EXIT
(cd "$wt" && ./mvnw -B -q package -DskipTests -pl distribution -am)
[ -x "$repo/distribution/target/dialtone/bin/dialtone" ] || (cd "$repo" && ./mvnw -B -q package -DskipTests -pl distribution -am)
export DIALTONE_OPTS=-Xmx1g
"$h" --vs "$wt/distribution/target/dialtone/bin/dialtone -a {host} -p {port}" "$@" -- \
  "$repo/distribution/target/dialtone/bin/dialtone" -a {host} -p {port}
