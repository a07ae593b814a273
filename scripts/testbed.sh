#!/usr/bin/env bash
# The project's test bed: a real Docker engine (containerd image store, Buildx) and a real
# registry on 127.0.0.1:5000, installed from Debian packages and started without systemd.
#
#   scripts/testbed.sh up       install what is missing, start what is not running, wait
#   scripts/testbed.sh down [dockerd|registry]...
#                               stop only the processes that `up` started (PIDs in .testbed/)
#   scripts/testbed.sh status   say what runs and who started it
#   scripts/testbed.sh pid NAME print the PID of dockerd or registry if `up` started it and it runs
#
# Facts behind every step: shared TESTBED.md (trixie pin, containerd store, registry config).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${TESTBED_DIR:-$root/.testbed}
registry_addr=127.0.0.1:5000
mkdir -p "$state"

log() { printf 'testbed: %s\n' "$*" >&2; }

alive() { # true when PID runs and is not a zombie waiting to be reaped
  local pid=$1
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  local s; s=$(sed -E 's/^[0-9]+ \(.*\) ([A-Z]).*/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$s" != Z ] && [ "$s" != X ]
}

docker_answers() { timeout 5 docker info >/dev/null 2>&1; }
registry_answers() { curl -fs -o /dev/null --max-time 2 "http://$registry_addr/v2/"; }

install_packages() {
  local need=()
  command -v dockerd >/dev/null || need+=(docker.io/trixie)
  docker buildx version >/dev/null 2>&1 || need+=(docker-buildx/trixie)
  command -v containerd >/dev/null || need+=(containerd/trixie)
  command -v docker-registry >/dev/null || need+=(docker-registry)
  command -v runc >/dev/null || need+=(runc)
  command -v tini >/dev/null || [ -x /usr/bin/docker-init ] || need+=(tini)
  command -v iptables >/dev/null || need+=(iptables)
  [ -x /bin/busybox ] || need+=(busybox-static)
  # the real fixtures' root file systems (npm run fixtures:real)
  command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
  [ ${#need[@]} -eq 0 ] && return 0
  log "installing: ${need[*]}"
  # Trixie beside bookworm, pinned low so nothing else is upgraded (never `-t trixie`).
  if [ ! -f /etc/apt/sources.list.d/trixie.sources ]; then
    cat > /etc/apt/sources.list.d/trixie.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/trixie-low
  fi
  apt-get update -qq
  # The packages' own service starts fail without systemd; that is expected and harmless.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confold "${need[@]}" >"$state/apt.log" 2>&1 \
    || { tail -n 30 "$state/apt.log" >&2; exit 1; }
}

start_dockerd() {
  if docker_answers; then
    log "docker engine already answers"
    docker info --format '{{.DriverStatus}}' 2>/dev/null | grep -q containerd.snapshotter \
      || log "warning: this engine does not use the containerd image store; cache export will fail (TESTBED.md)"
    return 0
  fi
  mkdir -p /etc/docker
  if [ ! -f /etc/docker/daemon.json ]; then
    # The containerd image store: with the classic store cache export fails (TESTBED.md).
    printf '{"features":{"containerd-snapshotter":true}}\n' > /etc/docker/daemon.json
  fi
  log "starting dockerd"
  setsid dockerd >"$state/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$state/dockerd.pid"
  for _ in $(seq 1 120); do docker_answers && return 0; sleep 0.25; done
  tail -n 20 "$state/dockerd.log" >&2; log "dockerd did not answer"; exit 1
}

start_registry() {
  if registry_answers; then log "registry already answers on $registry_addr"; return 0; fi
  mkdir -p "$state/registry"
  cat > "$state/registry.yml" <<YML
version: 0.1
log:
  level: info
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $state/registry
  delete:
    enabled: true
http:
  addr: $registry_addr
YML
  log "starting registry on $registry_addr"
  setsid docker-registry serve "$state/registry.yml" >"$state/registry.log" 2>&1 < /dev/null &
  echo $! > "$state/registry.pid"
  for _ in $(seq 1 80); do registry_answers && return 0; sleep 0.1; done
  tail -n 20 "$state/registry.log" >&2; log "registry did not answer"; exit 1
}

# true when PID is still the program we started (a stale PID file may name a reused PID)
is_ours() {
  local pid=$1 name=$2 comm
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  case $name in
    dockerd) [ "$comm" = dockerd ] ;;
    registry) [ "$comm" = docker-registry ] || [ "$comm" = registry ] ;;
    *) return 1 ;;
  esac
}

stop_pid() {
  local name=$1 file="$state/$1.pid"
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file")
  if alive "$pid" && ! is_ours "$pid" "$name"; then
    log "$name: pid $pid is no longer ours ($(cat "/proc/$pid/comm" 2>/dev/null)); not stopping it"
  elif alive "$pid"; then
    log "stopping $name ($pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

case ${1:-status} in
  up)
    install_packages
    start_dockerd
    start_registry
    ;;
  down)
    shift
    names=("$@")
    [ ${#names[@]} -gt 0 ] || names=(registry dockerd)
    for name in "${names[@]}"; do
      case $name in dockerd|registry) stop_pid "$name" ;; *) echo "usage: $0 down [dockerd|registry]..." >&2; exit 2 ;; esac
    done
    ;;
  pid)
    pid=$(cat "$state/${2:-}.pid" 2>/dev/null || true)
    if alive "$pid" && is_ours "$pid" "${2:-}"; then echo "$pid"; fi
    ;;
  status)
    for name in dockerd registry; do
      pid=$(cat "$state/$name.pid" 2>/dev/null || true)
      if alive "$pid"; then echo "$name: running, started by the test bed (pid $pid)"
      else echo "$name: not started by the test bed"; fi
    done
    docker_answers && echo "docker: answers" || echo "docker: does not answer"
    registry_answers && echo "registry: answers on $registry_addr" || echo "registry: does not answer"
    ;;
  *) echo "usage: $0 up|down [NAME...]|status|pid NAME" >&2; exit 2 ;;
esac
