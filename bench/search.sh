#!/usr/bin/env bash
# Metadata search timings (issue #12), store level, on H2 and PostgreSQL: a tree of two homes of
# FOLDERS x PER_FOLDER files (100 x 1,000: 100,100 nodes below the home searched), each search
# beside two baselines of the same run (one node by name, a 100-row listing page). Prints
# Markdown tables (docs/BENCHMARKS.md, "Metadata search"). PostgreSQL is the test server
# (testsupport.PostgresServer, port 25432), started if it is not running.
#
#   bench/search.sh [FOLDERS PER_FOLDER ROUNDS REPS [h2|postgresql|both]]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-search.cp -Dmdep.includeScope=test >/dev/null
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-search.cp)" \
    org.vosportal.service.store.SearchBench "$@"
