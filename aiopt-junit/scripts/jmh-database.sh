#!/usr/bin/env bash
# Benchmarks the program database and the prompt builder (issue 3's budget: under 5 ms per candidate at 10,000
# programs) and measures their heap. Short by design (one fork, few iterations): the machines are shared.
# Extra arguments go to JMH, e.g. `scripts/jmh-database.sh -p populationLimit=1000 -prof gc`.
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(dirname "$module")"
cd "$root"
./mvnw -q -B -pl aiopt-junit test-compile
./mvnw -q -B -pl aiopt-junit dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$module/target/jmh-classpath.txt"
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/jmh-classpath.txt")"
java -cp "$classpath" org.openjdk.jmh.Main 'dev\.aiopt\.junit\.internal\.(database\.bench\..*|evolution\.LandingBenchmark.*)' -prof gc "$@"
java -Xmx3g -cp "$classpath" dev.aiopt.junit.internal.database.bench.DatabaseMemory
