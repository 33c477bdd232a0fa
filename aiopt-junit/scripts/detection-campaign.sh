#!/usr/bin/env bash
# The live check of a calibration (issue 16): N trials of the candidate decision, each as a candidate gets it
# (interleaved with the baseline, the calibrated repeats and sequential looks), of a program slowed by a known
# amount. Prints each trial, the detection rate with its Clopper-Pearson 95% interval, the slowdown the trials
# measured and the power the calibration's baseline runs predict at that slowdown.
#
#   aiopt-junit/scripts/detection-campaign.sh RUN_DIR SLOWED_KIT "BENCH COMMAND" [N, default 20] [WARMUPS, default 1]
#
# RUN_DIR: a run that calibrated (its calibration.json and programs/g0-baseline/kit, which a finished run keeps).
# SLOWED_KIT: a directory with the slowed program's binaries (example-experiments/scripts/README.md shows how
# Experiment A's spin-slowed db_bench is built). BENCH COMMAND: the benchmark at the calibrated length, e.g.
# "./db_bench --benchmarks=fillrandom,stats ... --num=500000 --db=\$AIOPT_SCRATCH/db --wal_dir=\$AIOPT_SCRATCH/db".
# One trial is 2 x 3 x repeats runs at most; on a quiet machine only: the figure is the decision's, not the load's.
#
#   aiopt-junit/scripts/detection-campaign.sh --summarize RUN_DIR FILE
#
# prints the summary of the trial lines in FILE (a campaign's output), for a campaign stopped before its last trial.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [[ ${1:-} == --summarize ]]; then
  ./mvnw -B -q test-compile -pl aiopt-junit
  cp=$(./mvnw -B -q -pl aiopt-junit dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
  exec java -cp "aiopt-junit/target/test-classes:aiopt-junit/target/classes:$cp" \
    dev.aiopt.junit.internal.evolution.DetectionCampaign --summarize "$(cd "${2:?run directory}" && pwd)" \
    "$(realpath "${3:?campaign output}")"
fi
run_dir=$(cd "${1:?usage: detection-campaign.sh RUN_DIR SLOWED_KIT BENCH [N] [WARMUPS]}" && pwd)
kit=$(cd "${2:?slowed kit directory}" && pwd)
bench="${3:?benchmark command}"
n="${4:-20}"
warmups="${5:-1}"
./mvnw -B -q test-compile -pl aiopt-junit
cp=$(./mvnw -B -q -pl aiopt-junit dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "aiopt-junit/target/test-classes:aiopt-junit/target/classes:$cp" \
  dev.aiopt.junit.internal.evolution.DetectionCampaign "$run_dir" "$kit" "$bench" "$n" "$warmups" \
  | tee "$run_dir/detection-campaign.txt"
