"""The README documents what the code does: the data dictionary and the two set-up commands."""

from core.schema import data_dictionary_markdown
from tests.conftest import ROOT


def test_readme_data_dictionary_matches_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- data-dictionary:start -->") + len("<!-- data-dictionary:start -->")
    end = readme.index("<!-- data-dictionary:end -->")
    assert readme[start:end].strip() == data_dictionary_markdown().strip()


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme


def test_readme_names_the_console_command_and_the_lock_files():
    import tomllib

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [command] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert f"{command} extract" in readme and f"{command} ingest" in readme
    assert "requirements.lock" in readme and "requirements-dev.lock" in readme


def test_every_data_file_has_its_source_named():
    listed = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for path in (ROOT / "data").rglob("*.csv"):
        assert path.name in listed, f"{path.name} is not described in data/README.md"
