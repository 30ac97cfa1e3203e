#!/usr/bin/env bash
# docker-setup.sh — make a Docker engine and a local Node base image available.
#
# Idempotent. Intended for CI (root, fresh Debian machine, no container registry
# reachable) but also safe on a developer machine that already has a working
# Docker engine (install/start are then skipped entirely).
#
# Usage: scripts/docker-setup.sh [--rebuild]
#   --rebuild        rebuild the base image even if it already exists
# Env:
#   BASE_IMAGE       tag of the base image (default: secpaid/node-base:20)
#   DOCKERD_LOG      dockerd log file (default: /tmp/dockerd.log)
#   DOCKERD_TIMEOUT  seconds to wait for dockerd to answer (default: 60)
#
# Notes:
#   - No image can be pulled, so the base image is built with `docker import`
#     from this machine's own `node` binary plus the libraries `ldd` lists.
#   - dockerd runs with --bridge=none --iptables=false: containers must be run
#     with `--network host`.
set -euo pipefail

BASE_IMAGE="${BASE_IMAGE:-secpaid/node-base:20}"
DOCKERD_LOG="${DOCKERD_LOG:-/tmp/dockerd.log}"
DOCKERD_TIMEOUT="${DOCKERD_TIMEOUT:-60}"
REBUILD=0

log() { printf 'docker-setup: %s\n' "$*" >&2; }
die() { printf 'docker-setup: ERROR: %s\n' "$*" >&2; exit 1; }

for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    -h|--help) sed -n '2,19p' "$0" >&2; exit 0 ;;
    *) die "unknown argument: $arg (usage: $0 [--rebuild])" ;;
  esac
done

docker_ok() { docker info >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $*"
  fi
}

# ---------------------------------------------------------------- engine ----
ensure_engine() {
  if command -v docker >/dev/null 2>&1 && docker_ok; then
    log "docker engine already answering; skipping install/start"
    return 0
  fi

  if command -v dockerd >/dev/null 2>&1; then
    log "dockerd already installed ($(command -v dockerd))"
  else
    command -v apt-get >/dev/null 2>&1 || die "no dockerd and no apt-get to install docker.io"
    log "installing docker.io via apt (no recommends)"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq >/dev/null || die "apt-get update failed"
    # Keep the package's init script from starting a default (bridged) dockerd.
    local added_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
      as_root chmod 755 /usr/sbin/policy-rc.d
      added_policy=1
    fi
    local rc=0
    as_root apt-get install -y -qq --no-install-recommends docker.io >/dev/null || rc=$?
    [ "$added_policy" -eq 1 ] && as_root rm -f /usr/sbin/policy-rc.d
    [ "$rc" -eq 0 ] || die "apt-get install docker.io failed (exit $rc)"
    command -v dockerd >/dev/null 2>&1 || die "docker.io installed but dockerd not on PATH"
  fi
  command -v docker >/dev/null 2>&1 || die "docker client not found on PATH"

  if pgrep -x dockerd >/dev/null 2>&1; then
    log "dockerd already running (pid $(pgrep -x dockerd | head -n1)); not restarting"
  else
    log "starting dockerd --bridge=none --iptables=false (log: $DOCKERD_LOG)"
    # Stale pid/socket files from a previous, killed dockerd block startup.
    as_root rm -f /var/run/docker.pid
    # shellcheck disable=SC2024  # log file is written by the (root) shell
    as_root nohup dockerd --bridge=none --iptables=false >"$DOCKERD_LOG" 2>&1 </dev/null &
    disown || true
  fi

  log "waiting up to ${DOCKERD_TIMEOUT}s for docker engine"
  local deadline=$((SECONDS + DOCKERD_TIMEOUT))
  until docker_ok; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
      die "docker engine did not answer within ${DOCKERD_TIMEOUT}s (see $DOCKERD_LOG)"
    fi
    if ! pgrep -x dockerd >/dev/null 2>&1; then
      tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
      die "dockerd exited during startup (see $DOCKERD_LOG)"
    fi
    sleep 0.5
  done
  log "docker engine up (storage driver: $(docker info --format '{{.Driver}}' 2>/dev/null || echo '?'))"
}

# ------------------------------------------------------------ base image ----
# Copy a file into the rootfs at the same path, dereferencing symlinks.
copy_in() {
  local src="$1" root="$2"
  [ -e "$src" ] || die "missing file for image: $src"
  mkdir -p "$root$(dirname "$src")"
  cp -L "$src" "$root$src"
}

build_base_image() {
  local node_link node_bin root lib
  node_link="$(command -v node)" || die "node not found on PATH"
  node_bin="$(readlink -f "$node_link")"
  [ -x "$node_bin" ] || die "node binary not executable: $node_bin"
  command -v ldd >/dev/null 2>&1 || die "ldd not found"

  log "building $BASE_IMAGE from $node_bin ($("$node_bin" --version))"
  root="$(mktemp -d "${TMPDIR:-/tmp}/node-base.XXXXXX")"
  # shellcheck disable=SC2064  # expand $root now
  trap "rm -rf '$root'" EXIT

  local ldd_out
  ldd_out="$(ldd "$node_bin")" || die "ldd $node_bin failed (static or foreign binary?)"
  if grep -q 'not found' <<<"$ldd_out"; then
    die "node has unresolved libraries: $(grep 'not found' <<<"$ldd_out" | tr -s ' \t' ' ')"
  fi

  # node itself, at both usual locations
  mkdir -p "$root/usr/local/bin" "$root/usr/bin"
  cp -L "$node_bin" "$root/usr/local/bin/node"
  ln -s /usr/local/bin/node "$root/usr/bin/node"

  # Every library ldd lists ("name => /path (addr)" or "/path (addr)"),
  # including the dynamic loader. linux-vdso has no path and is skipped.
  while read -r lib; do
    copy_in "$lib" "$root"
  done < <(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) { print $i; break } }' <<<"$ldd_out")

  # Minimal /etc and dirs
  mkdir -p "$root/etc" "$root/tmp" "$root/home/node" "$root/app" "$root/root"
  chmod 1777 "$root/tmp"
  chmod 700 "$root/root"
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
node:x:1000:1000:node:/home/node:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
node:x:1000:
nogroup:x:65534:
EOF
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
  chown 1000:1000 "$root/home/node"

  local old_id
  old_id="$(docker image inspect --format '{{.Id}}' "$BASE_IMAGE" 2>/dev/null || true)"

  log "importing rootfs ($(du -sh "$root" | cut -f1)) as $BASE_IMAGE"
  tar -C "$root" --numeric-owner -cf - . | docker import \
      --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
      --change 'WORKDIR /app' \
      --change 'CMD ["node"]' \
      - "$BASE_IMAGE" >/dev/null \
    || die "docker import of $BASE_IMAGE failed"

  rm -rf "$root"
  trap - EXIT

  # On --rebuild, drop the previous (now untagged) image; ignore if still in use.
  if [ -n "$old_id" ] && [ "$old_id" != "$(docker image inspect --format '{{.Id}}' "$BASE_IMAGE")" ]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
  fi

  docker run --rm --network host "$BASE_IMAGE" node -e 'process.exit(0)' \
    || die "smoke test of $BASE_IMAGE failed (node does not run in the image)"
}

ensure_base_image() {
  if [ "$REBUILD" -eq 0 ] && docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "image $BASE_IMAGE already present; skipping build (use --rebuild to force)"
    return 0
  fi
  build_base_image
}

ensure_engine
ensure_base_image
echo "docker engine ready; base image $BASE_IMAGE"
