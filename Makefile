# The two commands a newcomer needs: `make demo` and `make test`.
# Both create .venv and install the pinned dependencies first: the full set (the core, every extra
# in pyproject.toml, the test and dev tools, as `pip install -e '.[dev]'` would), from requirements.lock,
# torch==2.13.0 before the rest so that pip takes the CPU wheel instead of a multi-GB CUDA build.
# After that, everything is offline. (A user's install is `pip install .` plus extras: README, "Installation".)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA ?= ../shared/data
DEMO_OUT ?= demo_output

CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test install clean benchmarks browser nettools speechtools dialogues screenshots lock install-size

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -r requirements.lock
	# speaker-embedding weights, to export trained_models/voice_encoder again and test it against torch; its
	# declared deps (webrtcvad, librosa) are not used (audio/voices.py)
	$(PY) -m pip install --quiet --no-deps resemblyzer==0.1.4
	# ConvoKit, to load the --convokit export in a test (pyproject.toml, test extra)
	$(PY) -m pip install --quiet --no-deps convokit==5.0.0
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e '.[dev]'
	touch $(STAMP)

# requirements.lock from .venv after a dependency changed in pyproject.toml (install it into .venv with pip first)
lock: $(STAMP)
	$(PY) tools/lock.py > requirements.lock

# Installed size of the core and of each extra, each in a fresh venv (docs/benchmarks.md, "Installed size")
install-size: $(STAMP)
	$(PY) benchmarks/install_size.py

demo: $(STAMP)
	@set -e; date=1; for f in sample_transcripts/strong_alliance.txt sample_transcripts/self_disclosure.vtt \
	          sample_transcripts/over_interpretation.json sample_transcripts/trainee_session.docx; do \
	    name=$$(basename $$f); name=$${name%.*}; \
	    $(VENV)/bin/transcript-analyzer analyze $$f --out $(DEMO_OUT)/$$name --date 2026-01-1$$date; \
	    date=$$((date + 2)); \
	done
	$(VENV)/bin/transcript-analyzer analyze sample_transcripts/audio/sample_session.ogg --out $(DEMO_OUT)/sample_session --date 2026-01-19
	$(VENV)/bin/transcript-analyzer progress $(DEMO_OUT)/strong_alliance $(DEMO_OUT)/self_disclosure \
	    $(DEMO_OUT)/over_interpretation $(DEMO_OUT)/trainee_session $(DEMO_OUT)/sample_session \
	    --title "Demo: the five sample sessions as one trainee's" --out $(DEMO_OUT)/progress.html
	@echo "open the reports: $(DEMO_OUT)/*/report.html (the recording's: $(DEMO_OUT)/sample_session/report.html)"

# README screenshots of the demo reports, taken in headless chromium
screenshots: demo browser
	$(PY) docs/make_screenshots.py --demo $(DEMO_OUT) --out docs/images

test: $(STAMP) browser nettools speechtools
	$(PY) -m pytest -q

# The HTML report is tested in a real browser: Debian's chromium, installed here when we may
# (root with apt-get, as in CI); elsewhere the browser tests skip and say why.
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the report's browser tests"; \
	    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else echo "note: $(CHROMIUM) not found and cannot install it here: the browser tests will skip"; fi; }

# The zero-network test (tests/test_network.py) runs analyses in a network namespace under strace:
# Debian's strace, iproute2 and util-linux (unshare), installed here when we may (as in CI, where
# the test must not skip); elsewhere it skips and says why.
nettools:
	@command -v strace >/dev/null && command -v ip >/dev/null && command -v unshare >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing strace, iproute2 and util-linux for the network test"; \
	    apt-get install -y -q strace iproute2 util-linux >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q strace iproute2 util-linux >/dev/null; }; \
	  else echo "note: strace, ip or unshare not found and cannot install them here: the network test will skip"; fi; }

# The diarization benchmark's synthetic dialogues (benchmarks/dialogues/README.md) are spoken by Debian's espeak-ng
# (and hibari-tts, from requirements.lock): installed here when we may (root with apt-get, as in CI); elsewhere the
# synthesizer's test skips and says why.
speechtools:
	@command -v espeak-ng >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's espeak-ng for the synthetic benchmark dialogues"; \
	    apt-get install -y -q espeak-ng >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q espeak-ng >/dev/null; }; \
	  else echo "note: espeak-ng not found and cannot install it here: the dialogue synthesizer test will skip"; fi; }

# Build the 32 dialogues (about 1 minute; cached in ~/.cache/transcript-analyzer/dialogues) and score the
# current diarizer on the held-out half and the real clip
dialogues: $(STAMP) speechtools
	$(PY) -m benchmarks.dialogues.build
	$(PY) benchmarks/diarization_benchmark.py --half heldout --real --data $(DATA)

benchmarks: $(STAMP)
	$(PY) benchmarks/role_accuracy.py --data $(DATA)
	$(PY) benchmarks/analyze_speed.py --data $(DATA)
	$(PY) benchmarks/marker_speed.py --data $(DATA)
	$(PY) benchmarks/evidence_agreement.py --data $(DATA)
	$(PY) benchmarks/audio_accuracy.py --data $(DATA)
	$(PY) benchmarks/long_recording.py --data $(DATA) --minutes 60
	$(PY) benchmarks/report_speed.py --minutes 60
	$(PY) benchmarks/batch_speed.py --data $(DATA) --sessions 200
	$(PY) benchmarks/redaction_accuracy.py --set all
	$(PY) benchmarks/custom_code_esconv.py --data $(DATA)

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache
