"""Tests (a package, so that each folder's conftest.py has a module name of its own)."""
