#!/usr/bin/env bash
# A real Slurm cluster on this machine, for the `slurm`-tagged tests and for trying the Slurm executor:
# munged, slurmctld and 1-3 slurmd "nodes" (n1..n3) on 127.0.0.1, with a private MUNGE key and a private
# slurm.conf in a directory of their own (no systemd, nothing under /etc is changed).
#
#   scripts/local-slurm.sh start [nodes]   start (or leave running) the cluster; prints the SLURM_CONF line
#   scripts/local-slurm.sh stop            stop every daemon by its PID file
#   scripts/local-slurm.sh status          the daemons and `sinfo` per node
#
# Environment: AIOPT_SLURM_DIR (default /tmp/aiopt-slurm), AIOPT_SLURM_PORT (slurmctld's port, default
# 16817; node i listens on PORT+83+i), AIOPT_SLURMD_TIMEOUT (seconds before a silent node is DOWN, default 6).
# Installs Debian's slurmctld slurmd slurm-client munge when missing (needs root and apt-get).
set -euo pipefail

DIR=${AIOPT_SLURM_DIR:-/tmp/aiopt-slurm}
PORT=${AIOPT_SLURM_PORT:-16817}
SLURMD_TIMEOUT=${AIOPT_SLURMD_TIMEOUT:-6}
CONF=$DIR/slurm.conf
SOCKET=$DIR/munge/munge.socket.2

log() { echo "local-slurm: $*" >&2; }

alive() { # alive <pid-file>: the process named by the file exists (and is not a zombie)
  [ -s "$1" ] || return 1
  local pid state
  pid=$(cat "$1")
  state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
  [ -n "$state" ] && [ "${state#Z}" = "$state" ]
}

install_missing() {
  local missing=()
  command -v slurmctld >/dev/null 2>&1 || missing+=(slurmctld)
  command -v slurmd >/dev/null 2>&1 || missing+=(slurmd)
  command -v sbatch >/dev/null 2>&1 || missing+=(slurm-client)
  command -v munged >/dev/null 2>&1 || missing+=(munge)
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >&2
}

path_of() { command -v "$1" 2>/dev/null || echo "/usr/sbin/$1"; }

write_config() {
  local nodes=$1 mem_mb cpus node_mem names=""
  cpus=$(nproc)
  mem_mb=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)
  # The nodes share one host: each claims an equal slice of its memory, so `--mem` requests stay honest.
  node_mem=$(( mem_mb / nodes / 2 ))
  cat >"$CONF" <<EOF
ClusterName=aiopt-local
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$PORT
CommunicationParameters=NoInAddrAny
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool/%n
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd-%n.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$(( node_mem / cpus ))
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
MailProg=/bin/true
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
MinJobAge=600
KillWait=5
SlurmdTimeout=$SLURMD_TIMEOUT
SlurmctldTimeout=10
MessageTimeout=5
# Partition "urgent" preempts (cancels) jobs of "debug" on the same nodes: what a shared cluster does to us.
PreemptType=preempt/partition_prio
PreemptMode=CANCEL
EOF
  for i in $(seq 1 "$nodes"); do
    echo "NodeName=n$i NodeAddr=127.0.0.1 NodeHostname=localhost Port=$(( PORT + 83 + i )) CPUs=$cpus RealMemory=$node_mem State=UNKNOWN" >>"$CONF"
    names="$names${names:+,}n$i"
  done
  echo "PartitionName=debug Nodes=$names Default=YES MaxTime=INFINITE State=UP PriorityTier=1" >>"$CONF"
  echo "PartitionName=urgent Nodes=$names MaxTime=INFINITE State=UP PriorityTier=2" >>"$CONF"
}

start() {
  local nodes=${1:-3}
  case "$nodes" in 1|2|3) ;; *) log "nodes must be 1, 2 or 3, not '$nodes'"; exit 2 ;; esac
  install_missing
  mkdir -p "$DIR"/munge "$DIR"/state "$DIR"/log
  if alive "$DIR/slurmctld.pid"; then
    local configured
    configured=$(grep -c '^NodeName=' "$CONF" || true)
    if [ "$configured" != "$nodes" ]; then
      log "running with $configured node(s); run '$0 stop' first to change to $nodes"
      exit 1
    fi
  fi
  export SLURM_CONF=$CONF

  if ! alive "$DIR/munged.pid"; then
    if [ ! -s "$DIR/munge/munge.key" ]; then
      dd if=/dev/urandom bs=1024 count=1 of="$DIR/munge/munge.key" status=none
      chmod 0400 "$DIR/munge/munge.key"
    fi
    chmod 0700 "$DIR/munge"
    # --force: munged refuses to run as root otherwise.
    "$(path_of munged)" --force --socket="$SOCKET" --key-file="$DIR/munge/munge.key" \
      --pid-file="$DIR/munged.pid" --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munge.seed"
  fi
  munge -n -S "$SOCKET" | unmunge -S "$SOCKET" >/dev/null

  if ! alive "$DIR/slurmctld.pid"; then
    write_config "$nodes"
    "$(path_of slurmctld)" -f "$CONF" -i
  fi
  for _ in $(seq 1 100); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.1; done
  scontrol ping | grep -q UP || { log "slurmctld does not answer; see $DIR/log/slurmctld.log"; exit 1; }

  for i in $(seq 1 "$nodes"); do
    mkdir -p "$DIR/spool/n$i"
    alive "$DIR/slurmd-n$i.pid" || "$(path_of slurmd)" -f "$CONF" -N "n$i"
  done
  for _ in $(seq 1 150); do
    [ "$(sinfo -h -N -p debug -o '%N %t' | grep -c -E ' (idle|mix|alloc)$')" -ge "$nodes" ] && break
    sleep 0.2
  done
  local ready
  ready=$(sinfo -h -N -p debug -o '%N %t' | grep -c -E ' (idle|mix|alloc)$' || true)
  [ "$ready" -ge "$nodes" ] || { log "only $ready of $nodes node(s) came up:"; sinfo -N >&2; exit 1; }
  echo "export SLURM_CONF=$CONF"
}

stop() {
  local f pid
  # slurmd first, so no node reports to a dying controller; munged last, everyone authenticates through it.
  for f in "$DIR"/slurmd-*.pid "$DIR/slurmctld.pid" "$DIR/munged.pid"; do
    [ -e "$f" ] || continue
    if alive "$f"; then
      pid=$(cat "$f")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do alive "$f" || break; sleep 0.1; done
      alive "$f" && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  log "stopped (state and logs stay in $DIR)"
}

status() {
  local f any=1
  for f in "$DIR/munged.pid" "$DIR/slurmctld.pid" "$DIR"/slurmd-*.pid; do
    [ -e "$f" ] || continue
    if alive "$f"; then echo "$(basename "$f" .pid) running (pid $(cat "$f"))"; any=0
    else echo "$(basename "$f" .pid) not running"; fi
  done
  if [ "$any" -ne 0 ]; then echo "not running"; return 3; fi
  SLURM_CONF=$CONF sinfo -N -p debug -o '%N %t %c %m' || true
  echo "export SLURM_CONF=$CONF"
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [1|2|3] | stop | status" >&2; exit 2 ;;
esac
