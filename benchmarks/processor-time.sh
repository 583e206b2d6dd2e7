#!/usr/bin/env bash
# Processor time against method size: generates @Differentiable methods of growing size, compiles
# each with javac with Adjoint's processor and with -proc:none, and prints one table row per case.
# See benchmarks/README.md ("Processor time") for what the columns mean.
#
# Environment (all optional):
#   CHAIN_SIZES  statements of the straight-line chain     (default "10 100 1000 5000")
#   LOOP_SIZES   statements of the loop body               (default "10 50 200")
#   SUM_SIZES    terms of the one-expression sum           (default "10 100 400 1000")
#   REPEATS      javac runs per case and mode; the median is reported (default 3)
#   TIMEOUT      seconds per javac run; a case over it is "timeout" (default 300)
#   KEEP         a directory to keep the generated inputs and outputs in (default: a temp dir)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHAIN_SIZES=${CHAIN_SIZES:-"10 100 1000 5000"}
LOOP_SIZES=${LOOP_SIZES:-"10 50 200"}
SUM_SIZES=${SUM_SIZES:-"10 100 400 1000"}
REPEATS=${REPEATS:-3}
TIMEOUT=${TIMEOUT:-300}

jar_of() { # the module's main jar, or nothing
  ls "$ROOT/$1"/target/adjoint-"$1"-*.jar 2>/dev/null \
    | grep -v -e '-sources' -e '-javadoc' -e '/original-' | head -1 || true
}

# The packaged processor has JavaPoet shaded in, so it stands alone on the processor path.
if [[ -z "$(jar_of processor)" || -z "$(jar_of annotations)" || -z "$(jar_of runtime)" ]]; then
  echo "building the processor (mvn -pl processor -am package -DskipTests)..." >&2
  (cd "$ROOT" && { mvn -B -q -o -pl processor -am package -DskipTests 2>/dev/null \
    || mvn -B -q -pl processor -am package -DskipTests; }) >&2
fi
PROCESSOR=$(jar_of processor)
CLASSPATH_JARS="$(jar_of annotations):$(jar_of runtime)"

WORK=${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/adjoint-processor-time.XXXXXX")}
mkdir -p "$WORK"
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$WORK"' EXIT

# One statement of the recurrence: uses the previous value four times.
step() { # step NEW OLD
  local a=$2
  printf '    double %s = Math.sin(%s) * x + %s * 0.5 - y / (1 + %s * %s);\n' "$1" "$a" "$a" "$a" \
    "$a"
}

header() { # header CLASS
  printf 'package bench;\n\nimport dev.adjoint.Differentiable;\n\nfinal class %s {\n' "$1"
}

chain() { # chain CLASS N: a0 = x, then N statements a1..aN, each from the one before
  header "$1"
  printf '  @Differentiable(wrt = {"x", "y"})\n  static double f(double x, double y) {\n'
  printf '    double a0 = x;\n'
  for ((k = 1; k <= $2; k++)); do step "a$k" "a$((k - 1))"; done
  printf '    return a%d;\n  }\n}\n' "$2"
}

loop() { # loop CLASS N: a loop whose body is N such statements, carrying a across iterations
  header "$1"
  printf '  @Differentiable(wrt = {"x", "y"})\n  static double f(double x, double y, int n) {\n'
  printf '    double a = x;\n    for (int i = 0; i < n; i++) {\n'
  printf '  '; step b1 a
  for ((k = 2; k <= $2; k++)); do printf '  '; step "b$k" "b$((k - 1))"; done
  printf '      a = b%d;\n    }\n    return a;\n  }\n}\n' "$2"
}

sum() { # sum CLASS N: one return expression of N terms
  header "$1"
  printf '  @Differentiable(wrt = {"x", "y"})\n  static double f(double x, double y) {\n'
  printf '    return Math.sin(x) * y'
  for ((k = 2; k <= $2; k++)); do printf '\n        + Math.sin(x * %d) * y' "$k"; done
  printf ';\n  }\n}\n'
}

now() { date +%s.%N; }

# compile DIR MODE: one javac run; prints "seconds exit-status"
compile() {
  local dir=$1 mode=$2 start status=0
  rm -rf "$dir/out-$mode" "$dir/gen-$mode"
  mkdir -p "$dir/out-$mode" "$dir/gen-$mode"
  local opts=(-proc:none)
  [[ $mode == proc ]] && opts=(-processorpath "$PROCESSOR")
  start=$(now)
  timeout "$TIMEOUT" javac -J-Xss16m -nowarn -cp "$CLASSPATH_JARS" "${opts[@]}" \
    -d "$dir/out-$mode" -s "$dir/gen-$mode" "$dir"/*.java >"$dir/javac-$mode.log" 2>&1 \
    || status=$?
  echo "$(echo "$(now) - $start" | bc -l) $status"
}

median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }

# measure DIR MODE: REPEATS runs (one if the first fails); prints "median status"
measure() {
  local dir=$1 mode=$2 times=() t status
  for ((r = 0; r < REPEATS; r++)); do
    read -r t status < <(compile "$dir" "$mode")
    times+=("$t")
    [[ $status == 0 ]] || break
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $status"
}

outcome() { # outcome DIR STATUS
  if [[ $2 == 0 ]]; then echo ok
  elif [[ $2 == 124 ]]; then echo timeout
  else
    grep -o -m1 '\[adjoint\.[a-z-]*\]' "$1/javac-proc.log" || echo "javac exit $2"
  fi
}

printf '%-12s %6s %12s %12s %12s %10s  %s\n' \
  shape size "javac+proc s" "proc:none s" "processor s" "gen lines" outcome
run() { # run SHAPE N
  local shape=$1 n=$2 dir="$WORK/$1-$2" name
  name="$(tr '[:lower:]' '[:upper:]' <<<"${shape:0:1}")${shape:1}$n"
  mkdir -p "$dir"
  "$shape" "$name" "$n" >"$dir/$name.java"
  local with base status lines
  read -r with status < <(measure "$dir" proc)
  local result
  result=$(outcome "$dir" "$status")
  if [[ $result == timeout ]]; then with=">$TIMEOUT"; fi
  read -r base _ < <(measure "$dir" none)
  # No generated file (an error, a timeout) is 0 lines, not a failed pipeline.
  lines=$(cat "$dir"/gen-proc/bench/*.java 2>/dev/null | wc -l || true)
  local diff=-
  [[ $result == timeout ]] || diff=$(echo "$with - $base" | bc -l | xargs printf '%.2f')
  printf '%-12s %6d %12s %12s %12s %10d  %s\n' "$shape" "$n" "$with" "$base" "$diff" \
    "$lines" "$result"
}

for n in $CHAIN_SIZES; do run chain "$n"; done
for n in $LOOP_SIZES; do run loop "$n"; done
for n in $SUM_SIZES; do run sum "$n"; done
