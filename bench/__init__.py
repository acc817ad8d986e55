"""Benchmarks of tutorbot: build, latency, throughput, memory and scale, each beside a baseline of the same run.

Run `python -m bench --quick` (a few minutes on 2 cores) or `python -m bench` (full scale).
"""
