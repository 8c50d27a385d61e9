#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command with a real Secret Service of its own: a private D-Bus
# session bus and a GNOME Keyring in a throwaway home, its login keyring
# created and unlocked with a throwaway password. Nothing of the caller's
# keychain is seen or touched. Exits 77 (skipped) when the tools are missing.
set -eu

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-secret-service: $tool is not installed (Debian packages dbus-daemon, gnome-keyring); skipped" >&2
        exit 77
    fi
done

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/data" "$home/config" "$home/run"
chmod 700 "$home/run"
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/run"
export DELEGATE_TEST_SECRET_SERVICE=1

dbus-run-session -- sh -c '
    printf %s throwaway-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' with-secret-service "$@"
