#!/usr/bin/env bash
# kad4 interop smoke test: our protocol codec against a real amuled 2.3.3 in a private network
# namespace the test creates and removes itself (TEST-NET addresses on the namespace's loopback;
# never the host network, never the internet). Needs root (ip netns), iproute2, amule-daemon.
# usage: src/e2e/amule-kad4-interop.sh        (from the checkout root)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" -ne 0 ]; then
  echo "amule-kad4-interop: needs root for 'ip netns'" >&2
  exit 2
fi
for tool in ip amuled; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "amule-kad4-interop: '$tool' missing; apt-get install -y iproute2 amule-daemon" >&2
    exit 2
  fi
done

exec mvn -B -ntp -pl node -am verify \
  -Dpekkomule.interop=amule \
  -Dtest='AmuleKad4InteropTest' \
  -Dsurefire.failIfNoSpecifiedTests=false
