#!/usr/bin/env bash
# Checks a jgrad tarball the way a user without Java meets it: unpacks it into an empty folder and
# runs bin/jgrad from another empty folder with a bare environment (env -i, HOME in the temp
# folder, JAVA_HOME unset, no java or mvn on PATH). As root, with unshare available, the JDKs under
# /usr/lib/jvm are also hidden behind an empty tmpfs, so only the bundled runtime can run.
# Runs --version, three examples, then train --epochs 1 on the bundled MNIST, eval and predict
# with the model it wrote.
#   tools/dist/check.sh [dist/jgrad-VERSION-linux-ARCH.tar.gz]   (default: the newest in dist/)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
die() { echo "jgrad dist check: $*" >&2; exit 1; }

TARBALL=${1:-$(ls -t "$ROOT"/dist/jgrad-*-linux-*.tar.gz 2>/dev/null | head -n 1)}
[ -n "$TARBALL" ] && [ -f "$TARBALL" ] || die "no tarball given and none in dist/; make one with ./jgrad package"
TARBALL=$(readlink -f "$TARBALL")

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/unpacked" "$TMP/home" "$TMP/work" "$TMP/path"
tar -C "$TMP/unpacked" -xzf "$TARBALL"
APP=$(echo "$TMP"/unpacked/jgrad-*)
[ -x "$APP/bin/jgrad" ] || die "$TARBALL has no jgrad-*/bin/jgrad"

# A PATH with only the tools a Linux user has (no java, javac, mvn: anything from /usr/lib/jvm).
for tool in bash env sh dirname readlink grep cat sed ls wc; do
  ln -s "$(command -v "$tool")" "$TMP/path/$tool"
done

HIDE_JDKS=""
if [ "$(id -u)" = 0 ] && [ -d /usr/lib/jvm ] && command -v unshare >/dev/null \
   && unshare --mount --propagation private true 2>/dev/null; then
  HIDE_JDKS="$(command -v mount) -t tmpfs none /usr/lib/jvm &&"
fi

# Runs "$@" as the user would: from the empty work folder, in the bare environment.
run() {
  local script="cd '$TMP/work' && $HIDE_JDKS exec \"\$@\""
  if [ -n "$HIDE_JDKS" ]; then
    env -i PATH="$TMP/path" HOME="$TMP/home" LANG=C.UTF-8 \
      "$(command -v unshare)" --mount --propagation private "$(command -v bash)" -c "$script" run "$@"
  else
    env -i PATH="$TMP/path" HOME="$TMP/home" LANG=C.UTF-8 "$(command -v bash)" -c "$script" run "$@"
  fi
}

# expect "WHAT" "OUTPUT PATTERN" ARGS...: runs bin/jgrad ARGS, shows its last lines, greps its output.
expect() {
  local what=$1 pattern=$2 out
  shift 2
  echo "== bin/jgrad $*"
  if ! out=$(run "$APP/bin/jgrad" "$@" 2>&1); then
    echo "$out" | tail -n 20
    die "bin/jgrad $* failed ($what)"
  fi
  echo "$out" | tail -n 3
  grep -q -- "$pattern" <<<"$out" || die "bin/jgrad $*: expected '$pattern' ($what)"
  echo "   (found: $(grep -m 1 -- "$pattern" <<<"$out"))"
}

echo "checking $(basename "$TARBALL") ($(du -k "$TARBALL" | cut -f1) KiB) in $TMP"
echo "environment: env -i, PATH without java/mvn${HIDE_JDKS:+, /usr/lib/jvm hidden (unshare + tmpfs)}"
env_check=$(run bash -c 'command -v java javac mvn; echo "JAVA_HOME=${JAVA_HOME:-unset}"; ls -A /usr/lib/jvm 2>/dev/null | wc -l')
[ "$(head -n 1 <<<"$env_check")" = "JAVA_HOME=unset" ] || die "the bare environment still has: $env_check"
[ -z "$HIDE_JDKS" ] || [ "$(tail -n 1 <<<"$env_check")" = 0 ] || die "/usr/lib/jvm is not hidden: $env_check"
VERSION=$(basename "$TARBALL" | sed -n 's/^jgrad-\(.*\)-linux-[^-]*\.tar\.gz$/\1/p')
expect "version from the build" "jgrad $VERSION" --version
expect "scalar engine" "final accuracy 100.0%" example moons
expect "bundled data/iris.csv found" "final test accuracy" example iris
expect "bundled data/mnist found and checked" "test accuracy" example mnist --epochs 1 --limit 1000
# The issue's test: train, then eval and predict with the model it wrote. The picture is MNIST's
# test image 0 (a 7), 28x28 grey, as a user would pass a file of their own.
cp "$ROOT/tools/dist/mnist-test-0-seven.png" "$TMP/work/seven.png"
expect "train on the bundled MNIST" "test accuracy" train --epochs 1 --out run
grep -aq "\"jgrad.version\":\"$VERSION\"" "$TMP/work/run/model.safetensors" \
  || die "run/model.safetensors does not record jgrad.version $VERSION"
expect "eval of the model train wrote" "^accuracy " eval --model run/model.safetensors
expect "predict with the model train wrote" "seven.png: 7 (" predict --model run/model.safetensors seven.png
echo "tarball OK: $(basename "$TARBALL") ($(du -k "$TARBALL" | awk '{printf "%.1f MB", $1 / 1024}'))"
