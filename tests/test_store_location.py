"""Where the store lives when no --db or FLANKWATCH_DB says: in the checkout, or for an installed
package in the user's data folder (never inside site-packages)."""

from pathlib import Path

from core import store


def test_a_checkout_keeps_its_store_in_the_project(monkeypatch):
    monkeypatch.delenv("FLANKWATCH_DB", raising=False)
    assert store.default_db() == store.PROJECT_ROOT / "store" / "flankwatch.duckdb"


def test_an_installed_package_keeps_its_store_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("FLANKWATCH_DB", raising=False)
    monkeypatch.setattr(store, "PROJECT_ROOT", tmp_path / "site-packages")  # no pyproject.toml there
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert store.default_db() == tmp_path / "data" / "flankwatch" / "flankwatch.duckdb"


def test_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("FLANKWATCH_DB", str(tmp_path / "x.duckdb"))
    assert store.default_db() == Path(tmp_path / "x.duckdb")
