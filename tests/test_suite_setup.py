"""The suite's own rules: a missing ../shared skips with its reason, and fails under CI."""

import pytest

from tests.conftest import need_shared


def test_missing_shared_skips_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="missing"):
        need_shared(tmp_path / "corpus")


def test_missing_shared_fails_under_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        need_shared(tmp_path / "corpus")


def test_present_shared_is_returned(tmp_path):
    assert need_shared(tmp_path) == tmp_path
