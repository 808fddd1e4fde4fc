# Sourced by the npm scripts (package.json) that run cdktf, Terraform or the app:
# - no HashiCorp checkpoint (update check) calls;
# - a TF_CLI_CONFIG_FILE naming a file that does not exist makes Terraform print red
#   "[ERROR] … CLI configuration" lines on every command: it is pointed at an empty
#   configuration in this project instead (the same as none). A file that exists is kept.
export CHECKPOINT_DISABLE=1
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  # npm runs scripts from the project folder and names its package.json.
  TF_CLI_CONFIG_FILE="$(dirname "${npm_package_json:-$PWD/package.json}")/scripts/empty.terraformrc"
  export TF_CLI_CONFIG_FILE
fi
