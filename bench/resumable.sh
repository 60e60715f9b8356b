#!/usr/bin/env bash
# What resumable (segmented) puts cost against a plain put on the local backend (issue "Scale",
# section 3): RP_MIB (1024) MiB, RP_SEGMENT_MIB (64) MiB segments, RP_ROUNDS (5) interleaved
# rounds; prints the table for docs/BENCHMARKS.md, and md5sum of the same file for scale.
set -euo pipefail
cd "$(dirname "$0")/.."
W="$PWD/target/resumable-bench"
mkdir -p "$W/classes"
[ -d target/classes/org/vosportal/service/blob ] || mvn -B -q -DskipTests compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$W/cp.txt" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$W/cp.txt")"
javac -d "$W/classes" -cp "$CP" bench/ResumablePut.java
java -Xmx256m -cp "$W/classes:$CP" ResumablePut "$W" "${RP_MIB:-1024}" "${RP_SEGMENT_MIB:-64}" "${RP_ROUNDS:-5}"
for i in 1 2 3; do
  s=$( { /usr/bin/time -f %e md5sum "$W/resumable.bin" >/dev/null; } 2>&1 )
  echo "md5sum of the same file, round $i: ${s} s"
done
rm -rf "$W/store"
