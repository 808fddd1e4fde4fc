#!/usr/bin/env bash
# Deploys stacks with `cdktf deploy --auto-approve`: platform first and alone (every tenant
# reads its outputs), then the tenants, at most DEPLOY_PARALLELISM at a time because
# Auth0's Management API is rate-limited. A failed tenant does not stop the others; the
# summary (GitHub job summary, or stdout) lists what applied and what failed.
# Usage: scripts/ci/deploy-stacks.sh <stack>...
# Environment: DEPLOY_PARALLELISM (default 4), DEPLOY_LOGS (default deploy-logs),
#              CDKTF_BIN (default "npx cdktf").
set -uo pipefail
parallelism=${DEPLOY_PARALLELISM:-4}
if ! [[ "$parallelism" =~ ^[1-9][0-9]*$ ]]; then
  echo "deploy-stacks: DEPLOY_PARALLELISM must be a positive whole number, got '$parallelism'" >&2
  exit 2
fi
export CDKTF_BIN=${CDKTF_BIN:-npx cdktf}
export DEPLOY_LOGS=${DEPLOY_LOGS:-deploy-logs}
mkdir -p "$DEPLOY_LOGS"
summary=${GITHUB_STEP_SUMMARY:-/dev/stdout}

deploy_one() {
  # --skip-synth: cdktf.out was synthesized once for all stacks by the workflow.
  if $CDKTF_BIN deploy "$1" --auto-approve --skip-synth --ignore-missing-stack-dependencies >"$DEPLOY_LOGS/$1.log" 2>&1; then
    echo "$1 applied"
  else
    echo "$1 failed"
  fi
}
export -f deploy_one

results=$(mktemp)
tenants=()
for stack in "$@"; do
  if [ "$stack" = platform ]; then deploy_one platform >>"$results"; else tenants+=("$stack"); fi
done

if grep -qx "platform failed" "$results"; then
  for stack in "${tenants[@]}"; do echo "$stack skipped" >>"$results"; done
elif [ ${#tenants[@]} -gt 0 ]; then
  printf '%s\n' "${tenants[@]}" | xargs -P "$parallelism" -I{} bash -c 'deploy_one "$1"' _ {} >>"$results"
fi

{
  echo "### Deploy"
  echo
  echo "| stack | result |"
  echo "| --- | --- |"
  sort "$results" | awk '{ print "| " $1 " | " $2 " |" }'
  echo
  echo "Logs: $DEPLOY_LOGS/<stack>.log"
} >>"$summary"

! grep -qE " (failed|skipped)$" "$results"
