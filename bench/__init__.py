"""Benchmarks of issue 9: see bench/README.md."""
