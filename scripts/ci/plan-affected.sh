#!/usr/bin/env bash
# Plans the stacks an affected list names (`tenants affected --format json`) and writes their
# Markdown summary; with no stack affected it plans nothing and writes no summary.
# Usage: scripts/ci/plan-affected.sh <affected.json> <plans-dir> <summary.md>
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 <affected.json> <plans-dir> <summary.md>" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
# The stacks' secrets (STACK_SECRETS) go to the plan script alone, not to the summary.
stack_secrets=${STACK_SECRETS-}
unset STACK_SECRETS
stacks=()
while IFS= read -r stack; do stacks+=("$stack"); done < <(jq -r '.stacks[]' "$1")
# The loop above cannot see jq fail; read it again where -e can.
jq -e '.stacks | type == "array"' "$1" >/dev/null
if [ ${#stacks[@]} -eq 0 ]; then
  echo "plan-affected: no stack affected; nothing to plan."
  exit 0
fi
STACK_SECRETS=$stack_secrets "$root/scripts/ci/plan-stacks.sh" "$2" "${stacks[@]}"
node "$root/dist/src/cli/main.js" plan-summary "$2"/*.plan.json --output "$3"
