#!/usr/bin/env bash
# The fault campaign of issue 13: kill -9 a run at N random moments (model replay, build, verify, bench,
# journal), resume it each time, then check that the user's tree is byte-identical, no process of the run is
# alive, every planned candidate landed exactly once, the run's recording replays, no temporary file is left
# outside target/, and the final lineage equals an uninterrupted run's (deterministic target of ResumeTest).
#
#   aiopt-junit/scripts/fault-campaign.sh [N] [seed]      (N defaults to 20)
#
# Prints the kill moments, resume times and hashes; they are also kept in
# aiopt-junit/target/fault-campaign/campaign-notes.txt. Also a SIGTERM stop-and-resume.
set -euo pipefail
n="${1:-20}"
seed="${2:-$(date +%s)}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
./mvnw -B -q test -pl aiopt-junit -Dtest=FaultCampaignTest -Dsurefire.failIfNoSpecifiedTests=false \
    -DfaultCampaign.kills="$n" -DfaultCampaign.seed="$seed" >/dev/null || {
    echo "fault campaign FAILED (N=$n, seed $seed); see aiopt-junit/target/surefire-reports/" \
        "dev.aiopt.junit.internal.evolution.FaultCampaignTest.txt" >&2
    exit 1
}
cat aiopt-junit/target/fault-campaign/campaign-notes.txt
echo "fault campaign passed (N=$n, seed $seed)"
