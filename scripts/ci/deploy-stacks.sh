#!/usr/bin/env bash
# Deploys what changed since the last successful deploy, with the fleet scheduler
# (`tenants deploy`: platform first, then tenants in parallel within Auth0's rate limit,
# retries on 429, a result table in the job summary), then records the deployed commit.
#
# Which stacks: REQUESTED_STACKS (space-separated, from workflow_dispatch) when set;
# otherwise `tenants affected --base <DEPLOYED_REF>`: every change since the commit the
# last successful deploy recorded, so what a failed or cancelled run missed goes out now.
# Without that tag yet (the first deploy) every stack is deployed.
#
# Environment (all optional):
#   REQUESTED_STACKS   stacks to deploy instead of the affected ones (does not move the tag)
#   DEPLOYED_REF       tag recording the last deployed commit (default deployed/main)
#   REVIEWED_PLANS     folder with the merged pull request's plans (<stack>.tfplan, .plan.json)
#   ALLOW_RISK         "true" when that pull request's high risks were approved
#   RECORD_DEPLOY      "push" to push the tag to origin (CI); otherwise it is only set locally
#   STACK_SECRETS      the stacks' secrets, a JSON object of variable name to value (only tenants deploy gets it)
#   TENANTS_BIN        the tenants command (default: node dist/src/cli/main.js of this checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
read -ra tenants <<<"${TENANTS_BIN:-node $here/dist/src/cli/main.js}"
deployed_ref=${DEPLOYED_REF:-deployed/main}
# The stacks' secrets (a JSON object) go to tenants deploy alone, which masks them and gives
# each stack's Terraform commands only its own variables; git and affected never see them.
stack_secrets=${STACK_SECRETS-}
unset STACK_SECRETS
stack_name='^(platform|tenant-[a-z0-9_-]+)$'

stacks=()
record=true
if [ -n "${REQUESTED_STACKS:-}" ]; then
  read -ra stacks <<<"$REQUESTED_STACKS"
  record=false
elif git rev-parse -q --verify "refs/tags/$deployed_ref" >/dev/null; then
  # set -e and pipefail: a failed affected (unknown base, an active tenant's file deleted) fails the job.
  "${tenants[@]}" affected --base "$deployed_ref" --format json >affected.json
  mapfile -t stacks < <(jq -r '.stacks[]' affected.json)
  if [ ${#stacks[@]} -eq 0 ]; then
    echo "deploy-stacks: no stack changed since $deployed_ref ($(git rev-parse --short "refs/tags/$deployed_ref"))."
  fi
else
  echo "deploy-stacks: no $deployed_ref tag yet: deploying every stack."
fi

for stack in "${stacks[@]}"; do
  if ! [[ "$stack" =~ $stack_name ]]; then
    printf 'deploy-stacks: %q is not a stack name (platform or tenant-<a-z 0-9 _ ->); nothing was deployed.\n' "$stack" >&2
    exit 2
  fi
done

if [ -z "${REQUESTED_STACKS:-}" ] && [ ${#stacks[@]} -eq 0 ] && git rev-parse -q --verify "refs/tags/$deployed_ref" >/dev/null; then
  : # nothing to deploy; the tag still moves to this commit below
else
  args=()
  if [ -n "${REVIEWED_PLANS:-}" ]; then args+=(--reviewed-plans "$REVIEWED_PLANS"); fi
  if [ "${ALLOW_RISK:-}" = true ]; then args+=(--allow-risk); fi
  STACK_SECRETS=$stack_secrets "${tenants[@]}" deploy "${args[@]}" "${stacks[@]}"
fi

if [ "$record" = true ]; then
  # Only forward: a run never records an older commit than the one deployed.
  if git rev-parse -q --verify "refs/tags/$deployed_ref" >/dev/null && ! git merge-base --is-ancestor "refs/tags/$deployed_ref" HEAD; then
    echo "deploy-stacks: $deployed_ref is not an ancestor of HEAD; the tag is left as it is." >&2
    exit 1
  fi
  git tag -f "$deployed_ref" HEAD >/dev/null
  if [ "${RECORD_DEPLOY:-}" = push ]; then git push --force origin "refs/tags/$deployed_ref"; fi
  echo "deploy-stacks: recorded $(git rev-parse --short HEAD) as $deployed_ref."
fi
