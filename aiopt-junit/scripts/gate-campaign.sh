#!/usr/bin/env bash
# Live figures for the regression gate on the embedded write path: an A/A campaign (N gate runs of the
# unchanged target against itself) and a power campaign (N gate runs per effect of a candidate whose
# DB::Write spins inside its lock for 3%, 5%, 10% of its own critical section). Prints the live false-alarm
# and detection rates with Clopper-Pearson 95% intervals beside the same gate simulated under the noise the
# A/A runs measured, and the load average (figures from a busy machine are not the gate's quality).
#
# Usage (from anywhere): aiopt-junit/scripts/gate-campaign.sh [N, default 3] [effects, default 0.03,0.05,0.10] [looks, 1 or 3]
#                        [gate runs per slowed cell, default N] [looks of the A/A gates, default looks]
# One gate run is 2 builds plus 22 benchmark runs (~1-2 minutes on 2 cores); the README's figures need
# N >= 40 for A/A (>= 100 for an upper bound below 5% to mean much) and >= 20 per effect, on a quiet machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
n="${1:-3}"
effects="${2:-0.03,0.05,0.10}"
looks="${3:-1}"
power_n="${4:-$n}"
aa_looks="${5:-$looks}"
echo "load before: $(cat /proc/loadavg) on $(nproc) CPUs"
./mvnw -B -q -pl example-experiments -am test -Dtest=GateCampaign -Dsurefire.failIfNoSpecifiedTests=false \
  -DgateCampaign.n="$n" -DgateCampaign.effects="$effects" -DgateCampaign.looks="$looks" -DgateCampaign.powerN="$power_n" -DgateCampaign.aaLooks="$aa_looks"
echo "load after: $(cat /proc/loadavg)"
