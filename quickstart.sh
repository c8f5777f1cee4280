#!/usr/bin/env bash
# keysmith quickstart: build, create an account (if there is none), mint a scoped agent
# key, act as the agent with it (store and fetch an encrypted file, rotate its own key),
# read the agent's file as the owner, and show the keys and the audit trail.
#
#   ./quickstart.sh                                  # at a terminal: asks for a password
#   printf '%s\n' "$PASSWORD" | ./quickstart.sh      # in scripts: password on stdin
#
# Uses the embedded backend in $KEYSMITH_DATA_DIR (default: ~/.local/share/keysmith).
set -euo pipefail
cd "$(dirname "$0")"

echo "==> building keysmith (release)" >&2
cargo build --release --locked --quiet
ks=./target/release/keysmith

if [ -t 0 ]; then
  read -rsp "Password for the keysmith account: " pw; echo >&2
else
  IFS= read -r pw || { echo "error: expected the password on stdin" >&2; exit 2; }
fi
ks_pw() { printf '%s\n' "$pw" | "$ks" --password-stdin "$@"; }

data_dir=${KEYSMITH_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/keysmith}
if "$ks" --no-input key list >/dev/null 2>&1 || ks_pw key list >/dev/null 2>&1; then
  echo "==> using the existing account in $data_dir" >&2
else
  echo "==> creating an account and a first vault in $data_dir" >&2
  if [ -t 0 ]; then
    read -rsp "Repeat the password: " pw2; echo >&2
    [ "$pw" = "$pw2" ] || { echo "error: the passwords do not match" >&2; exit 2; }
  fi
  ks_pw init --vault default
fi

token_file="$data_dir/quickstart-agent.token"
echo "==> minting a scoped key for an agent (read/write on vault 'default', 60 req/min, 7 days)" >&2
ks_pw key create --label quickstart-agent --vault default --allow read,write,listVaults \
  --rate 60/1m --bytes-per-day 1GiB --expires-in 7d --token-file "$token_file" --force

echo "==> acting as the agent: encrypt and upload a file, list the vault, fetch it back" >&2
printf 'quarterly numbers, written by the agent at %s\n' "$(date -u +%FT%TZ)" |
  "$ks" agent --token-file "$token_file" put default - --name agent-report.txt
"$ks" agent --token-file "$token_file" ls default
"$ks" agent --token-file "$token_file" get default agent-report.txt --to -

echo "==> acting as the agent: it rotates its own key with nothing but its token" >&2
"$ks" key rotate --with-token-file "$token_file" --grace 1h --token-file "$token_file.new"
mv "$token_file.new" "$token_file"

echo "==> as the owner: read the file the agent stored (decrypted here, never on the backend)" >&2
ks_pw file get default agent-report.txt --to -

echo "==> keys" >&2
ks_pw key list
echo "==> audit trail (newest 8 events)" >&2
ks_pw audit tail -n 8
ks_pw audit verify
echo "==> the agent's token is in $token_file (mode 0600); hand it to the agent, never the password" >&2
