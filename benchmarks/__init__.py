"""Benchmarks for Flankwatch: `python -m benchmarks` runs them all and prints their tables.

`benchmarks.generate` writes a synthetic corpus with its own gold; `benchmarks.suite` holds
the benchmarks themselves; `benchmarks.reference` the reference run the figures are compared
with (spaCy's full small English pipeline, or a documented fallback).
"""
