"""Synthetic two-voice therapy dialogues for the diarization benchmark (README.md beside this file):
script.py writes them, voices.py speaks them, render.py lays them out with their references,
effects.py adds the recording conditions, specs.py fixes the set and its tune/heldout split,
build.py renders it into a cache folder, scoring.py and diarizers.py serve
benchmarks/diarization_benchmark.py."""
