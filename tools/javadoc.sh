#!/usr/bin/env bash
# Builds the API reference of core, charts, cli and spark with maven-javadoc-plugin's aggregate goal
# into target/reports/apidocs, and checks it with every doclint group (missing comments included).
#   tools/javadoc.sh MAVEN-COMMAND...   (./jgrad javadoc passes the Maven command)
# Prints the warning count by kind; the full list goes to target/reports/javadoc-warnings.txt.
# Fails on any warning (a missing comment, @param, @return or @throws included).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "jgrad javadoc: $*" >&2; exit 1; }

[ $# -gt 0 ] || die "usage: tools/javadoc.sh MAVEN-COMMAND... (or run ./jgrad javadoc)"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javadoc" ] || die "JAVA_HOME must point to a JDK with bin/javadoc (./jgrad javadoc sets it)"

SITE="$ROOT/target/reports/apidocs"
REPORT="$ROOT/target/reports/javadoc-warnings.txt"
LOG="$ROOT/target/reports/javadoc-build.log"
mkdir -p "$ROOT/target/reports"
# The plugin skips javadoc when its inputs look unchanged; drop its stamp so every run checks.
rm -rf "$SITE" "$ROOT/target/maven-javadoc-plugin-stale-data.txt"

# debug=true keeps the exact javadoc command line the plugin ran (options, packages): the plugin
# 3.12.0 does not pass javadoc's own warnings on to Maven's log here, so they are read by running
# that command line once more.
if ! "$@" -q javadoc:aggregate -Ddebug=true >"$LOG" 2>&1; then
  cat "$LOG" >&2
  die "mvn javadoc:aggregate failed (log above, also in ${LOG#"$ROOT"/})"
fi
[ -f "$SITE/options" ] && [ -f "$SITE/packages" ] || die "the plugin wrote no $SITE/options; see ${LOG#"$ROOT"/}"
(cd "$SITE" && "$JAVA_HOME/bin/javadoc" @options @packages) >"$REPORT.all" 2>&1 \
  || { cat "$REPORT.all" >&2; die "javadoc failed (errors above)"; }
rm -f "$SITE/options" "$SITE/packages" "$SITE/argfile" "$SITE/javadoc.sh" "$SITE/files"

# javadoc reports each warning as "FILE:LINE: warning: TEXT", then the line and a caret.
grep ': warning: ' "$REPORT.all" | sed "s#^$ROOT/##" >"$REPORT" || true
rm -f "$REPORT.all"
tags=$(grep -cE ': warning: no @(param for |return$)' "$REPORT" || true)
comments=$(grep -c ': warning: \(no comment\|use of default constructor\)' "$REPORT" || true)
total=$(wc -l <"$REPORT")
other=$((total - tags - comments))
echo "API reference: ${SITE#"$ROOT"/}/index.html"
echo "javadoc -Xdoclint:all: $total warnings: $comments missing comments, $tags missing @param/@return tags, $other other"
if [ "$total" -gt 0 ]; then
  echo "  (list: ${REPORT#"$ROOT"/}; by module: $(cut -d/ -f1 "$REPORT" | sort | uniq -c | awk '{printf "%s %s  ", $2, $1}'))"
  head -n 50 "$REPORT" >&2
  die "$total warnings (first 50 above): write the missing comments and tags (STYLE.md B.5)"
fi
