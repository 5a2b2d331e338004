#!/usr/bin/env bash
# Installs the coding-agent CLIs used by the real-CLI conformance tests at pinned versions
# into a project-local npm prefix ($DG_AGENTS_HOME, default <repo>/.dg/agents).
# Idempotent: a package already present at its pinned version is skipped.
#
#   scripts/install-agent-clis.sh [AGENTS]     or     DG_AGENTS=AGENTS scripts/install-agent-clis.sh
#
# AGENTS is all (the default), none, or a comma-separated list of the ids below (the catalogue's ids
# claude-code, gemini-cli and kilocode name claude, gemini and kilo too). A CLI whose binary is missing after
# the install is reported as FAILED; with DG_AGENTS_STRICT=1 the script then exits non-zero (image builds).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${DG_AGENTS_HOME:-$repo_root/.dg/agents}"
mkdir -p "$prefix"

# agent id | npm package | pinned version | binary (relative to the prefix)
agents=(
  "claude|@anthropic-ai/claude-code|2.1.331|node_modules/.bin/claude"
  "codex|@openai/codex|0.169.0|node_modules/.bin/codex"
  "opencode|opencode-ai|1.18.33|node_modules/.bin/opencode"
  "gemini|@google/gemini-cli|0.61.0|node_modules/.bin/gemini"
  "qwen|@qwen-code/qwen-code|0.24.4|node_modules/.bin/qwen"
  "copilot|@github/copilot|1.0.102|node_modules/.bin/copilot"
  "kilo|@kilocode/cli|7.7.7|node_modules/.bin/kilo"
  "codebuddy|@tencent-ai/agent-sdk|0.3.201|node_modules/.bin/codebuddy"
)

ids=()
for row in "${agents[@]}"; do ids+=("${row%%|*}"); done

# the script's id of an agent named by its own id or by its catalogue id
agent_id() {
  case "$1" in
    claude-code) echo claude ;;
    gemini-cli) echo gemini ;;
    kilocode) echo kilo ;;
    *) echo "$1" ;;
  esac
}

selection="${1:-${DG_AGENTS:-all}}"
selected=()
case "$selection" in
  all) selected=("${ids[@]}") ;;
  none) ;;
  *)
    IFS=', ' read -r -a wanted <<<"$selection"
    for name in "${wanted[@]}"; do
      [[ -n "$name" ]] || continue
      id="$(agent_id "$name")"
      if [[ " ${ids[*]} " != *" $id "* ]]; then
        echo "unknown agent '$name': expected all, none or a comma-separated list of: ${ids[*]}" >&2
        exit 2
      fi
      selected+=("$id")
    done
    ;;
esac

is_selected() {
  [[ " ${selected[*]} " == *" $1 "* ]]
}

installed_version() {
  local pkg_json="$prefix/node_modules/$1/package.json"
  [[ -f "$pkg_json" ]] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version || "")' "$pkg_json" 2>/dev/null || true
}

# The agent SDK ships the CodeBuddy CLI under cli/ without declaring a bin; link it.
link_codebuddy() {
  local cli_dir="$prefix/node_modules/@tencent-ai/agent-sdk/cli"
  local entry=""
  for candidate in "$cli_dir/bin/codebuddy" "$cli_dir/dist/codebuddy.js" "$cli_dir/codebuddy" "$cli_dir/bin/codebuddy.js"; do
    if [[ -f "$candidate" ]]; then entry="$candidate"; break; fi
  done
  if [[ -z "$entry" && -f "$cli_dir/package.json" ]]; then
    entry="$(node -e '
      const p = require(process.argv[1]); const path = require("path");
      let b = p.bin; if (b && typeof b === "object") b = b.codebuddy || Object.values(b)[0];
      if (b) process.stdout.write(path.join(path.dirname(process.argv[1]), b));' "$cli_dir/package.json")"
  fi
  [[ -n "$entry" && -f "$entry" ]] || { echo "codebuddy: CLI entry point not found under $cli_dir" >&2; return 1; }
  chmod +x "$entry"
  mkdir -p "$prefix/node_modules/.bin"
  ln -sf "$(realpath --relative-to="$prefix/node_modules/.bin" "$entry")" "$prefix/node_modules/.bin/codebuddy"
}

to_install=()
failed=0
for row in "${agents[@]}"; do
  IFS='|' read -r id pkg version bin <<<"$row"
  is_selected "$id" || continue
  if [[ "$(installed_version "$pkg")" == "$version" && -e "$prefix/$bin" ]]; then
    echo "$id: $pkg@$version already installed"
  elif [[ "$id" == codebuddy && "$(installed_version "$pkg")" == "$version" ]]; then
    link_codebuddy && echo "$id: $pkg@$version already installed (linked)"
  else
    to_install+=("$pkg@$version")
  fi
done

if ((${#to_install[@]} > 0)); then
  # One npm call so that the lock file is resolved once; no audit, funding or update notices.
  npm install --prefix "$prefix" --no-audit --no-fund --no-update-notifier \
    --loglevel=error --save-exact "${to_install[@]}" >/dev/null
  for row in "${agents[@]}"; do
    IFS='|' read -r id pkg version bin <<<"$row"
    for spec in "${to_install[@]}"; do
      if [[ "$spec" == "$pkg@$version" ]]; then
        [[ "$id" == codebuddy ]] && link_codebuddy
        got="$(installed_version "$pkg")"
        if [[ "$got" == "$version" && -e "$prefix/$bin" ]]; then
          echo "$id: installed $pkg@$version"
        else
          echo "$id: FAILED to install $pkg@$version (found '${got:-none}')" >&2
          failed=1
        fi
      fi
    done
  done
fi

echo "binaries: $prefix/node_modules/.bin"
if ((failed)) && [[ "${DG_AGENTS_STRICT:-0}" == 1 ]]; then
  exit 1
fi
