#!/usr/bin/env bash
# Builds HEAD twice, each time from a fresh clone in its own folder, and compares every artifact the
# build writes (jars, sources and Javadoc jars, test-jars, the shaded pgrl.jar, POMs and SBOMs) byte for
# byte. Exit 0 and "reproducible: N files identical" when all are; otherwise the differing files and exit 1.
# Usage: bash scripts/reproducible-build.sh   (Maven takes dependencies from ~/.m2, as the main build does)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in 1 2; do
  # a different path each time: nothing of the folder's name may reach the artifacts
  git clone -q "$root" "$work/build-$i"
  (cd "$work/build-$i" && mvn -B -q package -DskipTests >"$work/build-$i.log" 2>&1) || {
    tail -n 40 "$work/build-$i.log"; echo "build $i failed" >&2; exit 1; }
done
artifacts() {
  (cd "$1" && find . -maxdepth 3 -path '*/target/*' -type f \
      \( -name '*.jar' -o -name '*.pom' -o -name 'bom.json' -o -name 'bom.xml' \) | sort)
}
diff <(artifacts "$work/build-1") <(artifacts "$work/build-2") >/dev/null || {
  echo "the two builds wrote different sets of files" >&2; exit 1; }
count=0
different=0
while read -r f; do
  count=$((count + 1))
  if ! cmp -s "$work/build-1/$f" "$work/build-2/$f"; then
    echo "differs: $f"
    different=$((different + 1))
  fi
done < <(artifacts "$work/build-1")
if [[ $count -eq 0 ]]; then echo "no artifacts found" >&2; exit 1; fi
if [[ $different -ne 0 ]]; then echo "not reproducible: $different of $count files differ" >&2; exit 1; fi
echo "reproducible: $count files identical"
(cd "$work/build-1" && find . -maxdepth 3 -path '*/target/*' -type f -name '*.jar' | sort | xargs sha256sum)
