#!/usr/bin/env bash
# Pipes recorded GradBench exchanges through the packaged tool and checks its answers.
#
#   gradbench/run-exchange.sh gmm          # one eval: prints message/response pairs
#   gradbench/run-exchange.sh --check      # every eval, then ExchangeTest checks the answers
#                                          # (ids, shapes, references, finite differences)
#
# Builds target/adjoint-gradbench.jar first if it is missing (mvn -o package, no install).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/adjoint-gradbench.jar"
exchanges="$here/src/test/resources/exchanges"
out="$here/target/exchanges"

if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -o -pl gradbench -am package -DskipTests)
fi
mkdir -p "$out"

run() {
  java -Dadjoint.gradbench.warmup.runs=3 -jar "$jar" < "$exchanges/$1.jsonl" > "$out/$1.jsonl"
}

if [[ "${1:-}" == "--check" ]]; then
  for file in "$exchanges"/*.jsonl; do
    name="$(basename "$file" .jsonl)"
    run "$name"
    echo "$name: $(wc -l < "$out/$name.jsonl") responses to $(wc -l < "$file") messages"
  done
  cd "$root"
  exec mvn -B -q -o -pl gradbench -am test -Dtest=ExchangeTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dadjoint.gradbench.responses="$out"
fi

name="${1:?usage: run-exchange.sh <eval> | --check}"
[[ -f "$exchanges/$name.jsonl" ]] || { echo "no exchange $exchanges/$name.jsonl" >&2; exit 2; }
run "$name"
paste -d '\n' "$exchanges/$name.jsonl" "$out/$name.jsonl" | sed 'n;s/^/  -> /'
