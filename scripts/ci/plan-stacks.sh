#!/usr/bin/env bash
# Plans stacks synthesized in cdktf.out and writes <out-dir>/<stack>.plan.json, the
# `terraform show -json` of each plan, for `tenants plan-summary`.
# Usage: scripts/ci/plan-stacks.sh <out-dir> <stack>...
# Read-only: the plans are not applied and take no state lock (-lock=false), so a
# read-only Auth0 credential and read-only state access are enough.
# Before anything runs: every name must be a stack name, and in CI the stacks must keep
# their state remotely and the provider lock file must be committed (`ci preflight`).
# Each plan gets only the TF_VAR_ its stack declares (`ci with-stack-secrets`).
# Every stack is initialized with the committed .terraform.lock.hcl (TF_LOCK_FILE), read-only,
# and one private plugin cache per run, so plan and deploy use the same provider build.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 <out-dir> <stack>..." >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(realpath -m "$1")
shift
for stack in "$@"; do
  if ! [[ "$stack" =~ ^(platform|tenant-[a-z0-9_-]+)$ ]]; then
    echo "plan-stacks: '$stack' is not a stack name (platform or tenant-<name>); nothing was planned" >&2
    exit 2
  fi
done
# The stacks' secrets (STACK_SECRETS, a JSON object of variable name to value) reach only the
# node commands that mask them and hand each plan the TF_VAR_ its own stack declares; init and
# show get neither the map nor any TF_VAR_ (they need no variable).
stack_secrets=${STACK_SECRETS-}
unset STACK_SECRETS
no_variables=()
while IFS= read -r name; do no_variables+=(-u "$name"); done < <(compgen -e | grep '^TF_VAR_' || true)
node "$root/dist/src/ci/main.js" preflight "$@"
STACK_SECRETS=$stack_secrets node "$root/dist/src/ci/main.js" check-stack-secrets "$@"
terraform=${TERRAFORM_BINARY_NAME:-terraform}
lock=${TF_LOCK_FILE:-$PWD/.terraform.lock.hcl}
# One plugin cache for all stacks of this run: the provider is downloaded once. A private
# folder made per run, never a predictable shared path someone could plant a provider in.
if [ -z "${TF_PLUGIN_CACHE_DIR:-}" ]; then
  TF_PLUGIN_CACHE_DIR=$(mktemp -d)
  trap 'rm -rf "$TF_PLUGIN_CACHE_DIR"' EXIT
fi
export TF_PLUGIN_CACHE_DIR
mkdir -p "$out"
for stack in "$@"; do
  dir="cdktf.out/stacks/$stack"
  if [ ! -f "$dir/cdk.tf.json" ]; then
    echo "plan-stacks: $dir/cdk.tf.json not found; run 'npm run synth' first" >&2
    exit 1
  fi
  init=(init -input=false -no-color)
  if [ -f "$lock" ]; then
    cp "$lock" "$dir/.terraform.lock.hcl"
    init+=(-lockfile=readonly)
  fi
  echo "::group::terraform plan $stack"
  (
    cd "$dir"
    env "${no_variables[@]}" "$terraform" "${init[@]}"
    STACK_SECRETS=$stack_secrets node "$root/dist/src/ci/main.js" with-stack-secrets . -- \
      "$terraform" plan -input=false -no-color -lock=false -out=plan.tfplan
    env "${no_variables[@]}" "$terraform" show -json plan.tfplan >"$out/$stack.plan.json"
  )
  echo "::endgroup::"
done
