#!/usr/bin/env bash
# Metadata search timings (issue #12), store level, on H2 and PostgreSQL: a tree of two homes of
# FOLDERS x PER_FOLDER files (100 x 1,000: 100,100 nodes below the home searched), each search
# beside two baselines of the same run (one node by name, a 100-row listing page). Prints
# Markdown tables (docs/BENCHMARKS.md, "Metadata search"); then a folder of 100,000 children
# listed whole in keyset pages of 1,000 beside one page. PostgreSQL is the test server
# (testsupport.PostgresServer: port 25432, or POSTGRES_PORT), started if it is not running, and
# loaded with COPY FROM STDIN; H2 (in memory) with JDBC batches.
#
#   [POSTGRES_PORT=...] [BENCH_JAVA_OPTS=-Dbench.list-children=N] \
#   bench/search.sh [FOLDERS PER_FOLDER ROUNDS REPS [h2|postgresql|both]]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-search.cp -Dmdep.includeScope=test >/dev/null
java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-search.cp)" \
    org.vosportal.service.store.SearchBench "$@"
