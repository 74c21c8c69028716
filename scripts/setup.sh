#!/usr/bin/env bash
# Set up tiendo on this machine: a virtual environment with tiendo and its
# test tools, and the Debian packages it uses when they can be installed.
# Safe to run again; does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null; then
  echo "Cần Python 3.11 trở lên (không tìm thấy $PYTHON)." >&2
  exit 1
fi
"$PYTHON" - <<'PY' || { echo "Cần Python 3.11 trở lên." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

# System packages (OCR of scans, PDF pages, fonts); optional for plain-text plans.
packages=$(grep -v '^#' scripts/system-packages.txt | tr '\n' ' ')
missing=""
for p in $packages; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || command -v sudo >/dev/null; }; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo "Cài các gói hệ thống:$missing"
    $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing \
      || echo "Không cài được:$missing — tiendo vẫn chạy với văn bản .txt/.md/.docx/.pdf có lớp chữ." >&2
  else
    echo "Thiếu các gói hệ thống:$missing (cần cho bản quét). Hãy cài bằng apt-get." >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.tiendo-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
echo "Đã cài đặt xong: .venv/bin/tiendo"
