#!/usr/bin/env bash
# Kill test: `pong train` is killed with SIGKILL at random moments, KILLS times, and resumed with --resume
# each time. Afterwards every checkpoint must load, training must have continued from the last checkpoint
# (the episode counter never goes back past it), and metrics.csv must have no broken line and every game
# exactly once, no temporary file may be left, and a second trainer on the folder of a running one is
# refused (exit 2). Usage: bash scripts/kill-test.sh [KILLS] (default 10). Needs rl-examples/target/pgrl.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=rl-examples/target/pgrl.jar
kills=${1:-10}
out=$(mktemp -d)
log="$out/kill-test.log"
train=(java -jar "$jar" pong train --out "$out/run" --envs 2 --batch 4 --checkpoint-minutes 0.03)
echo "kill test in $out ($kills kills)"
"${train[@]}" --episodes 8 >"$log" 2>&1
last_episodes=0
for i in $(seq 1 "$kills"); do
  "${train[@]}" --resume --minutes 5 >>"$log" 2>&1 &
  pid=$!
  delay=$(( RANDOM % 12 + 4 ))
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  eval_json=$(java -jar "$jar" pong eval --checkpoint "$out/run" --games 1 2>/dev/null | tail -n 1)
  games=$(grep -c . "$out/run/metrics.csv")
  echo "kill $i after ${delay}s: checkpoint loads ($eval_json), metrics.csv has $((games - 1)) rows"
done
"${train[@]}" --resume --minutes 5 >>"$log" 2>&1 &
pid=$!
sleep 4
set +e
"${train[@]}" --resume --episodes 1 >"$out/second.log" 2>&1
second=$?
set -e
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
[ "$second" -eq 2 ] && grep -q "is in use by another training run" "$out/second.log" \
  || { echo "FAIL: a second trainer on the folder was not refused (exit $second)"; cat "$out/second.log"; exit 1; }
echo "a second trainer on the folder of a running one was refused: $(head -n 1 "$out/second.log")"
"${train[@]}" --resume --episodes 4 >>"$log" 2>&1
stale=$(find "$out/run" -name '*.tmp')
[ -z "$stale" ] || { echo "FAIL: temporaries left after a resume: $stale"; exit 1; }
echo "no temporary file left after the resume"
python3 - "$out/run/metrics.csv" <<'PY'
import sys
rows = open(sys.argv[1]).read().split("\n")
assert rows[-1] == "", "the file does not end with a newline"
header, body = rows[0].split(","), [r for r in rows[1:] if r]
for r in body:
    assert len(r.split(",")) == len(header), "broken line: " + r
episodes = [int(r.split(",")[0]) for r in body]
assert episodes == list(range(len(episodes))), "games missing or repeated: " + str(episodes[:50])
print(f"metrics.csv: {len(body)} games, each exactly once, no broken line")
PY
for f in "$out"/run/checkpoint.pgrl*; do
  java -jar "$jar" pong eval --checkpoint "$f" --games 1 >/dev/null 2>&1 || { echo "FAIL: $f does not load"; exit 1; }
done
echo "every checkpoint loads: $(ls "$out"/run/checkpoint.pgrl* | xargs -n1 basename | tr '\n' ' ')"
echo "kill test passed"
