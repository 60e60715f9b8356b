#!/usr/bin/env bash
# The S3 blob backend against s3proxy directly (issue "Scale"): a put and a whole read of
# S3_MIB (256) MiB through S3BlobStore against the AWS SDK's one PutObject / GetObject of the
# same file, S3_ROUNDS (5) rounds; prints the table for docs/BENCHMARKS.md. Starts s3proxy
# (deploy/s3proxy.sh) if it is not running.
set -euo pipefail
cd "$(dirname "$0")/.."
W="$PWD/target/s3-bench"
mkdir -p "$W/classes"
deploy/s3proxy.sh start
[ -d target/classes/org/vosportal/service/blob/s3 ] || mvn -B -q -DskipTests compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$W/cp.txt" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$W/cp.txt")"
javac -d "$W/classes" -cp "$CP" bench/S3Bench.java
java -Xmx256m -cp "$W/classes:$CP" S3Bench "$W" "http://127.0.0.1:${S3PROXY_PORT:-23900}" "${S3_MIB:-256}" "${S3_ROUNDS:-5}"
