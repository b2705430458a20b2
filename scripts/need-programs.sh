#!/bin/sh
# Usage: scripts/need-programs.sh PROGRAM...
# Makes sure the programs `make test` (or `make import`) runs besides Python are on PATH. Missing
# ones are installed from Debian where that needs no password: as root, or
# through `sudo -n`. Otherwise nothing is tried and one message names what is
# missing and the command that installs it, and the status is 1, before any test.
set -eu

# program: the commands that count as it | Debian package | Homebrew formula
known() {
    case "$1" in
    chromium) echo "chromium chromium-browser|chromium|--cask chromium" ;;
    java) echo "java|default-jre-headless|openjdk" ;;
    pdftoppm) echo "pdftoppm|poppler-utils|poppler" ;;
    zbarimg) echo "zbarimg|zbar-tools|zbar" ;;
    npm) echo "npm|npm|node" ;;
    pandoc) echo "pandoc|pandoc|pandoc" ;;
    *) echo "need-programs.sh: unknown program '$1'" >&2 && exit 2 ;;
    esac
}

field() { known "$1" | cut -d'|' -f"$2"; }

on_path() {
    for command in $(field "$1" 1); do
        command -v "$command" >/dev/null 2>&1 && return 0
    done
    return 1
}

missing() {
    for program in "$@"; do
        on_path "$program" || printf '%s ' "$program"
    done
}

for program in "$@"; do known "$program" >/dev/null; done
absent=$(missing "$@")
[ -z "$absent" ] && exit 0

packages() { for program in $absent; do field "$program" 2; done | xargs; }
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        as_root="sudo -n"
    else
        as_root="none"
    fi
    if [ "$as_root" != none ]; then
        echo "Installing from Debian: $(packages)"
        {
            $as_root apt-get update -q &&
                $as_root env DEBIAN_FRONTEND=noninteractive \
                    apt-get install -y -q $(packages)
        } || echo "need-programs.sh: apt-get could not install them" >&2
        absent=$(missing "$@")
        [ -z "$absent" ] && exit 0
    fi
fi

formulas=$(for program in $absent; do field "$program" 3; done | grep -v -- --cask | xargs)
casks=$(for program in $absent; do field "$program" 3; done | grep -- --cask | xargs)
brew="${formulas:+brew install $formulas}"
[ -n "$casks" ] && brew="${brew:+$brew && }brew install $casks"
cat >&2 <<EOF
make: this machine lacks programs this command runs: $(echo "$absent" | xargs | sed 's/ /, /g').
Install them (as root, or with sudo), then run the command again:
  Debian:           apt-get install $(packages)
  macOS (Homebrew): $brew
EOF
exit 1
