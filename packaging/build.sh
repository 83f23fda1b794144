#!/usr/bin/env bash
# Build the one-folder bundle dist/resultsdesk/ (run from anywhere; see packaging/README.md).
#   packaging/build.sh
# Result: dist/resultsdesk/resultsdesk (the executable), dist/resultsdesk/_internal/ (Python,
# Qt, matplotlib, resources/), dist/resultsdesk/share/ (desktop entry and icon, for
# packaging/install-desktop.sh), LICENSE, SOURCES.md (data attributions), THIRD-PARTY.md,
# licenses/ (LGPL-3.0, GPL-3.0) and install-desktop.sh at the top.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import PyInstaller' >/dev/null 2>&1; then
  echo "build.sh: installing PyInstaller" >&2
  "$PYTHON" -m pip install "pyinstaller>=6"
fi

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/resultsdesk.spec

out=dist/resultsdesk
install -D -m 644 resources/resultsdesk.desktop "$out/share/applications/resultsdesk.desktop"
install -D -m 644 resources/icons/resultsdesk.svg "$out/share/icons/hicolor/scalable/apps/resultsdesk.svg"
install -m 644 LICENSE "$out/LICENSE"
install -m 644 resources/data/SOURCES.md "$out/SOURCES.md"
install -m 644 packaging/THIRD-PARTY.md "$out/THIRD-PARTY.md"
# Qt for Python's wheels carry no licence text: the LGPL-3.0 (Qt, PySide6, psycopg) and the
# GPL-3.0 it supplements, from packaging/licenses/.
install -D -m 644 -t "$out/licenses" packaging/licenses/LGPL-3.0.txt packaging/licenses/GPL-3.0.txt
install -m 755 packaging/install-desktop.sh "$out/install-desktop.sh"

"$out/resultsdesk" --version
echo "Built $out ($(du -sh "$out" | cut -f1))"
