#!/usr/bin/env bash
# Deploys pgrl to a folder repository (`mvn deploy` with altDeploymentRepository), then builds and runs the
# standalone project examples/consumer against that folder: it imports rl-bom, depends on rl-core and ND4J,
# implements an environment and trains it (its `mvn verify` fails if the training does not learn).
# The consumer's local Maven repository is a copy of ~/.m2 without pgrl's artifacts, so pgrl can come only
# from the folder. Usage: bash scripts/consumer-check.sh [FOLDER]   (FOLDER kept if given; else a temporary one)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="${1:-$work/repository}"
mkdir -p "$repo"
repo="$(cd "$repo" && pwd)"
mvn -B -q deploy -DskipTests -DaltDeploymentRepository="folder::file://$repo" >"$work/deploy.log" 2>&1 || {
  tail -n 40 "$work/deploy.log"; echo "mvn deploy to $repo failed" >&2; exit 1; }
echo "deployed to $repo:"
(cd "$repo" && find . -name '*.pom' | sort)
local_repo="$work/m2"
m2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
# a copy, not hard links: Maven may rewrite a file of the consumer's repository in place
cp -a "$m2" "$local_repo"
rm -rf "$local_repo/io/github/pgrl"
(cd examples/consumer && mvn -B -q verify -Dmaven.repo.local="$local_repo" -Dpgrl.repository="file://$repo")
echo "consumer: built and trained against $repo"
