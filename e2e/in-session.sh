#!/usr/bin/env bash
# Runs the end-to-end test inside the throwaway desktop session scripts/e2e makes:
#   dbus-run-session -- xvfb-run -a ... e2e/in-session.sh
# It keeps everything the app, WebKit and the keyring write below $E2E_HOME (a temp dir), starts
# an unlocked Secret Service (gnome-keyring, empty password) on this session's private bus when
# it is installed, then runs the test with Node's test runner. Its exit code is the test's.
set -euo pipefail
cd "$(dirname "$0")"

: "${E2E_HOME:?E2E_HOME must name a scratch directory (scripts/e2e makes one)}"
export XDG_CONFIG_HOME="$E2E_HOME/config"
export XDG_DATA_HOME="$E2E_HOME/data"
export XDG_CACHE_HOME="$E2E_HOME/cache"
export XDG_RUNTIME_DIR="$E2E_HOME/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

if command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # --unlock reads a password from stdin and creates an unlocked login keyring, so a keystore
  # read or write never waits on a prompt (an empty password leaves the Secret Service unable to
  # store anything). The settings wizard's part of the test saves its credentials there.
  if keyring_env=$(printf 'e2e' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null); then
    while IFS= read -r line; do
      case "$line" in
        GNOME_KEYRING_CONTROL=* | SSH_AUTH_SOCK=*) export "${line?}" ;;
      esac
    done <<<"$keyring_env"
  else
    echo "e2e: gnome-keyring-daemon did not start; going on without a Secret Service" >&2
  fi
fi

# --test-force-exit: once the test has finished (and closed its session, bounded), a request that
# never answered (a wedged app under heavy load) must not keep node, and so the CI run, waiting.
exec node --test --test-force-exit --test-reporter=spec shopchat.test.mjs
