"""Build step: the wheel ships the checkout's top-level `data/` folder as `core/data` (read by `core.refdata`).

Everything else about the package is in pyproject.toml; only this mapping of a folder outside
the packages needs code, as setuptools' package discovery does not combine with `package-dir`.
Every folder under `data/` becomes a data-only package `core.data[.<folder>]` with all its files.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

CODE = find_namespace_packages(include=["core", "core.*", "dashboard", "dashboard.*"], exclude=["*.__pycache__"])
DATA = {".".join(("core.data", *folder.parts[1:])): folder.as_posix()
        for folder in [Path("data"), *sorted(p for p in Path("data").rglob("*") if p.is_dir())]
        if "__pycache__" not in folder.parts}

setup(
    packages=[*CODE, *DATA],
    package_dir=DATA,
    package_data={package: ["*"] for package in DATA},
)
