#!/bin/bash
# Before/after, interleaved, same harness in both trees (copy benchmarks/.../Harness/*.cs into the "before" worktree).
# Usage: run.sh BEFORE_WORKTREE AFTER_WORKTREE OUT_DIR   (each tree built first:
#   dotnet build -c Release benchmarks/HumanSecurityAlerts.Benchmarks)
set -u
BEFORE=$1; AFTER=$2; OUT=$3; mkdir -p "$OUT"
EXE=benchmarks/HumanSecurityAlerts.Benchmarks/bin/Release/net10.0/HumanSecurityAlerts.Benchmarks
run() { name=$1; shift; for side in before after; do d=$BEFORE; [ $side = after ] && d=$AFTER
  echo "=== $name $side $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/order.txt"
  (cd "$d" && timeout 900 "$d/$EXE" harness "$@" > "$OUT/$name-$side.txt" 2>&1); echo "exit $?" >> "$OUT/order.txt"; done; }
run webhooks1 webhooks --count 5000
run webhooks2 webhooks --count 5000
run email1 email --count 2000
run email4 email --count 2000 --set Smtp:Connections=4
run fanout10k-1 fanout --subscribers 10000
run fanout10k-2 fanout --subscribers 10000
run fanout100k fanout --subscribers 100000
run storage storage --count 5000
run latency1 latency --releases 30
run latency1000 latency --releases 30 --subscribers 1000
run webhooks3 webhooks --count 5000
run email1b email --count 2000
