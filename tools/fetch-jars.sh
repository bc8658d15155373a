#!/usr/bin/env bash
# Resolves the jars listed in tools/jars.txt from Maven Central into .cache/jars/, once.
# Maven is used (not a hand-written URL) so its checksum verification and local repository cache apply.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/jars
mkdir -p "$dest"
missing=()
while read -r coord; do
  [[ -z "$coord" || "$coord" == \#* ]] && continue
  IFS=: read -r group artifact version <<<"$coord"
  [[ -s "$dest/$artifact-$version.jar" ]] || missing+=("$coord")
done < tools/jars.txt
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "jars: all present in $dest"
  exit 0
fi
for coord in "${missing[@]}"; do
  echo "jars: fetching $coord"
  mvn -q -B --no-transfer-progress org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$coord" -DoutputDirectory="$dest" -Dmdep.overWriteIfNewer=true -Dmaven.repo.local="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
done
