#!/bin/sh
# Builds bin/dialtone.jsa, an application class-data-sharing archive of the classes a start-up loads from the class
# path (the launcher, Felix). bin/dialtone uses it when present and when it matches the running JDK; a JDK that does
# not match ignores it silently. Run by the distribution build: starts the assembled server once on a free port,
# waits for "Server is ready", stops it with SIGTERM (the JVM writes the archive as it exits).
# Usage: make-cds-archive.sh <dialtone home>
set -eu
home=$1
jsa="$home/bin/dialtone.jsa"
rm -f "$jsa"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
JAVA_OPTS="-XX:ArchiveClassesAtExit=$jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
  "$home/bin/dialtone" -a 127.0.0.1 -p -1 >"$log" 2>&1 &
pid=$!
i=0
until grep -q 'Server is ready' "$log"; do
  i=$((i + 1))
  if [ $i -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
    echo "make-cds-archive: the server did not start; no archive (start-up is slower without it)" >&2
    cat "$log" >&2
    kill $pid 2>/dev/null || true
    exit 0
  fi
  sleep 0.1
done
kill -TERM $pid
wait $pid || true
# the first run fills the bundle cache; the archive must not ship with that cache
rm -rf "$home/cache"
if [ -f "$jsa" ]; then echo "make-cds-archive: wrote $jsa"; else echo "make-cds-archive: no archive written" >&2; fi
