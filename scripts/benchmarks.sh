#!/usr/bin/env bash
# Runs every benchmark of docs/BENCHMARKS.md in one go, on a quiet machine (about 10 minutes).
# Usage: bash scripts/benchmarks.sh [OLD_PGRL_JAR]
#   OLD_PGRL_JAR: a pgrl.jar built from an earlier commit, measured side by side with this one.
# Needs: mvn -B -q -Pbenchmarks package -DskipTests (builds both jars), and python3 with numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
J=rl-examples/target/pgrl.jar
B=rl-benchmarks/target/benchmarks.jar
OLD=${1:-}
set -x
java -jar "$B" PolicyBenchmark
java -jar "$B" PolicyBenchmark -p path=dense -p blasThreads=1,2
python3 rl-benchmarks/src/main/python/classic_numpy.py --seconds 20
if [[ -n "$OLD" ]]; then java -jar "$OLD" bench --seconds 10 2>/dev/null; fi
java -jar "$J" bench --seconds 10 2>/dev/null
python3 rl-benchmarks/src/main/python/classic_numpy.py --seconds 10
java -jar "$J" bench --seconds 10 --envs 1 2>/dev/null
if [[ -n "$OLD" ]]; then java -jar "$OLD" bench --seconds 10 --envs 1 2>/dev/null; fi
java -jar "$B" PongStepBenchmark
java -jar "$B" PreprocessingBenchmark
java -jar "$B" TrainingBenchmark
java -jar "$J" cartpole bench --seeds 5 --episodes 1000 --target 475 2>/dev/null
