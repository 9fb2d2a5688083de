#!/usr/bin/env bash
# Healthcheck for the gnzsnz/ib-gateway container (the image ships none): healthy only when IB Gateway itself
# answers the TWS API handshake, not merely when something accepts TCP.
#
# Why a handshake and not a TCP connect: socat listens on 4003/4004 whether or not the Gateway behind it is up
# (and the Gateway's own 4001/4002 only opens after login), so a connect to the relay port succeeds while the
# Gateway is still at its login screen, waiting for 2FA, or restarting. We send what every TWS API client sends
# first, "API\0" + a 4-byte big-endian length + "v100..193", and require the framed reply the Gateway sends before
# anything else: "<server version>\0<connection time>\0". No client id is claimed (we never send START_API), so
# the probe cannot collide with hydra's session; the Gateway just logs a client that connected and left.
#
# Uses only bash (/dev/tcp), head, od, tr and timeout, which the image has (it has no curl, nc or python).
# Usage: healthcheck.sh [host] [port] [timeout seconds]; defaults 127.0.0.1 4004 (the paper socat relay) 5.
# Exit 0 healthy, 1 unhealthy (Docker reserves 2), with one line saying why.
set -uo pipefail

host="${1:-127.0.0.1}"
port="${2:-4004}"
limit="${3:-5}"

if [[ -z "${IB_HEALTHCHECK_INNER:-}" ]]; then
  # Run the probe under one overall deadline: a relay that accepts and then says nothing must not hang us.
  IB_HEALTHCHECK_INNER=1 timeout --kill-after=1 "$limit" bash "$0" "$host" "$port" "$limit"
  rc=$?
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then
    echo "unhealthy: no handshake reply from ${host}:${port} within ${limit}s (Gateway starting, at login or 2FA?)"
  fi
  [[ $rc -eq 0 ]] && exit 0 || exit 1
fi

fail() {
  echo "unhealthy: $*"
  exit 1
}

{ exec 3<>"/dev/tcp/${host}/${port}"; } 2>/dev/null || fail "nothing accepts connections on ${host}:${port}"
# "API\0", length 9, "v100..193" (the range @stoqey/ib 1.6.10 asks for; a Gateway answers min(its max, 193)).
printf 'API\000\000\000\000\011v100..193' >&3 || fail "cannot write to ${host}:${port}"

read -r b0 b1 b2 b3 < <(head -c 4 <&3 2>/dev/null | od -An -tu1)
[[ -n "${b3:-}" ]] || fail "${host}:${port} closed the connection without answering the handshake (Gateway down behind the relay?)"
len=$(((b0 << 24) | (b1 << 16) | (b2 << 8) | b3))
((len > 0 && len < 256)) || fail "${host}:${port} answered with a frame of ${len} bytes: not a TWS API handshake"

mapfile -t fields < <(head -c "$len" <&3 2>/dev/null | tr '\0' '\n')
version="${fields[0]:-}"
[[ "$version" =~ ^[0-9]+$ ]] || fail "${host}:${port} answered, but not with a server version"
((version >= 100 && version <= 193)) || fail "server version ${version} is outside 100..193"
exec 3>&-

echo "healthy: TWS API server version ${version}, connection time ${fields[1]:-?}"
exit 0
