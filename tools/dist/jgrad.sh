#!/usr/bin/env bash
# jgrad @VERSION@: runs the jgrad command line on the Java runtime bundled in this folder, so no
# JDK is needed. JGRAD_JAVA_OPTS adds JVM options; JGRAD_DATA names another data folder (without
# it, jgrad.data.DataDir takes a data/ folder holding mnist/ in the working directory or above
# it, else the data/ folder next to bin/).
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
JAVA="$HERE/runtime/bin/java"
[ -x "$JAVA" ] || { echo "jgrad: $JAVA is missing; unpack the whole jgrad-@VERSION@ tarball again." >&2; exit 1; }

# Hides only the JDK's one-line notice that the Vector API is an incubator module.
exec "$JAVA" @JVM_FLAGS@ ${JGRAD_JAVA_OPTS:-} -cp "$HERE/lib/*" @MAIN_CLASS@ "$@" \
  2> >(grep -v '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2)
