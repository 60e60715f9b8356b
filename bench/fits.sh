#!/usr/bin/env bash
# FITS views on a large image (issue "Astronomy"): META and a 100x100 SUB of a FITS_MIB (2048)
# image, and the 1024-pixel PNG preview of a FITS_PREVIEW_SIDE² (16384², 1 GiB) image, each as a
# ratio to reading the whole file in the same run, FITS_ROUNDS (5) rounds, and the bytes each read. The first full read also fills the page cache, so the ratios are against
# a warm read of the whole file (a cold one is slower: the ratios are then smaller still).
#   bench/fits.sh           # builds the classes if needed; prints the table for docs/BENCHMARKS.md
set -euo pipefail
cd "$(dirname "$0")/.."
W="$PWD/target/fits-bench"
mkdir -p "$W/classes"
[ -d target/classes/org/vosportal/fits ] || mvn -B -q -DskipTests compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$W/cp.txt" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$W/cp.txt")"
javac -d "$W/classes" -cp "$CP" bench/FitsBench.java
java -Xmx256m -cp "$W/classes:$CP" FitsBench "$W" "${FITS_MIB:-2048}" "${FITS_ROUNDS:-5}" "${FITS_PREVIEW_SIDE:-16384}"
