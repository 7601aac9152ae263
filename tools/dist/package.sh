#!/usr/bin/env bash
# Makes dist/jgrad-<version>-linux-<arch>.tar.gz: the command line with its own Java runtime
# (jlink, only the JDK modules jdeps finds in the jars, plus jdk.incubator.vector), the data it
# uses by default, LICENSE and NOTICE. Run through `./jgrad package`, which passes the entry point
# (its MAIN_MODULE and MAIN_CLASS, the one place they are set) and the Maven command:
#   tools/dist/package.sh MODULE MAIN_CLASS MAVEN_COMMAND...
# Needs JAVA_HOME set to a JDK >= 21 (the launcher sets it); JGRAD_JVM_FLAGS are the JVM flags
# that bin/jgrad passes (the launcher's JVM_FLAGS).
set -euo pipefail

die() { echo "jgrad package: $*" >&2; exit 1; }

[ $# -ge 3 ] || die "usage: tools/dist/package.sh MODULE MAIN_CLASS MAVEN_COMMAND... (run ./jgrad package)"
MODULE=$1 MAIN_CLASS=$2
shift 2
MVN=("$@")
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JVM_FLAGS=${JGRAD_JVM_FLAGS:---add-modules jdk.incubator.vector}
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jlink" ] || die "needs JAVA_HOME set to a JDK >= 21 with jlink (./jgrad package sets it)."

case "$(uname -m)" in
  x86_64 | amd64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=aarch64 ;;
  *) ARCH=$(uname -m) ;;
esac

DIST="$ROOT/dist"
mkdir -p "$DIST"
WORK=$(mktemp -d "$DIST/.package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOG="$WORK/maven.log"

# The jars: the entry module's own jar and its runtime dependencies (jgrad-core, picocli, ...).
echo "jgrad package: building $MODULE and its runtime dependencies..." >&2
if ! "${MVN[@]}" -q -pl "$MODULE" -am -DskipTests package dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$WORK/lib" >"$LOG" 2>&1; then
  cat "$LOG" >&2
  die "the Maven build failed (log above)"
fi
VERSION=$(sed -n 's/^version=//p' "$ROOT/core/target/classes/jgrad/version.properties")
[[ "$VERSION" =~ ^[0-9] ]] || die "no version in core/target/classes/jgrad/version.properties (found '$VERSION')"
NAME="jgrad-$VERSION"
APP="$WORK/$NAME"
mkdir -p "$APP/bin"
mv "$WORK/lib" "$APP/lib"
shopt -s nullglob
main_jars=("$ROOT/$MODULE"/target/*-"$VERSION".jar)
shopt -u nullglob
[ ${#main_jars[@]} -eq 1 ] || die "expected one jar $MODULE/target/*-$VERSION.jar, found ${#main_jars[@]}"
cp "${main_jars[0]}" "$APP/lib/"

# The JDK modules the jars use. jdk.incubator.vector is always added: it is named on the command
# line (--add-modules), not only imported.
# (jdeps may also print a "Warning: split package" line for a multi-release jar such as picocli's: not a module)
MODULES=$("$JAVA_HOME/bin/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps \
  --class-path "$APP/lib/*" "$APP"/lib/*.jar 2> >(grep -v '^WARNING: Using incubator modules' >&2) | grep -v '^Warning: ')
MODULES="$MODULES,jdk.incubator.vector"
MODULES=$(tr ',' '\n' <<<"$MODULES" | sed '/^$/d' | sort -u | paste -sd, -)
echo "jgrad package: jlink runtime with $MODULES" >&2
if ! "$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
      --compress=zip-9 --output "$APP/runtime" >"$WORK/jlink.log" 2>&1; then
  grep -v '^WARNING: Using incubator modules' "$WORK/jlink.log" >&2
  [ -d "$JAVA_HOME/jmods" ] || die "jlink failed: $JAVA_HOME has no jmods/ and cannot link its own runtime; install the JDK's jmods (e.g. 'apt-get install openjdk-21-jmods') or use a JDK 24+ from adoptium.net."
  die "jlink failed (messages above)"
fi
JDK_VERSION=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$APP/runtime/release")

# bin/jgrad, the data the commands use by default, the licence files.
subst() {
  sed -e "s|@VERSION@|$VERSION|g" -e "s|@MAIN_CLASS@|$MAIN_CLASS|g" -e "s|@JVM_FLAGS@|$JVM_FLAGS|g" \
      -e "s|@JDK_VERSION@|$JDK_VERSION|g" -e "s|@MODULES@|${MODULES//,/, }|g" "$1"
}
subst "$ROOT/tools/dist/jgrad.sh" >"$APP/bin/jgrad"
chmod 755 "$APP/bin/jgrad"
subst "$ROOT/tools/dist/README.txt" >"$APP/README.txt"
mkdir -p "$APP/data"
cp -r "$ROOT/data/mnist" "$ROOT/data/iris.csv" "$ROOT/data/README.md" "$APP/data/"
cp "$ROOT/LICENSE" "$ROOT/NOTICE" "$APP/"

# The archive: files in name order, owned by root, dated at the last commit (no build-machine owner or times).
MTIME=$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)
OUT="$DIST/$NAME-linux-$ARCH.tar.gz"
tar -C "$WORK" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$MTIME" -cf - "$NAME" \
  | gzip -9 -n >"$WORK/out.tar.gz"
mv -f "$WORK/out.tar.gz" "$OUT"
echo "wrote ${OUT#"$ROOT"/} ($(du -k "$OUT" | cut -f1) KiB; unpacked $(du -sk "$APP" | cut -f1) KiB, of which runtime $(du -sk "$APP/runtime" | cut -f1) KiB)"
