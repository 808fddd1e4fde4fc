#!/usr/bin/env bash
# Nightly drift check with the fleet scheduler (`tenants drift`): plans the given stacks
# (default: every synthesized stack) without the state lock, platform first, then tenants
# in parallel within Auth0's rate limit, and writes the result table to the job summary.
# With DRIFT_SHARDS=n the fleet is checked over n nights: tonight's shard is the day of
# the year modulo n (or DRIFT_SHARD=i/n).
# Exits 1 when a stack drifted or its plan failed.
# Environment: DRIFT_SHARDS, DRIFT_SHARD, TENANTS_BIN (default: node dist/src/cli/main.js of this checkout).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
read -ra tenants <<<"${TENANTS_BIN:-node $here/dist/src/cli/main.js}"
args=()
shards=${DRIFT_SHARDS:-1}
if [ -n "${DRIFT_SHARD:-}" ]; then
  args+=(--shard "$DRIFT_SHARD")
elif [ "$shards" != 1 ]; then
  if ! [[ "$shards" =~ ^[1-9][0-9]*$ ]]; then
    echo "drift-check: DRIFT_SHARDS must be a positive whole number, got '$shards'" >&2
    exit 2
  fi
  day=$((10#$(date -u +%j)))
  args+=(--shard "$((day % shards + 1))/$shards")
fi
exec "${tenants[@]}" drift "${args[@]}" "$@"
