# Sourced by scripts/start and scripts/test: make .venv and install requirements.txt,
# again only when requirements.txt has changed since the last install.
ensure_venv() {
  local python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    echo "Creating a virtual environment in .venv ..."
    "$python" -m venv .venv
  fi
  if ! cmp -s requirements.txt .venv/requirements.installed; then
    echo "Installing requirements.txt (the first time takes a few minutes) ..."
    .venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt
    cp requirements.txt .venv/requirements.installed
  fi
}
