"""Markers stage: every therapist utterance gets a probability, a decision and evidence per marker.

Steps: encode the therapist utterances and, once per client turn, the context they answer;
run the heads (``predict``, batched and pure); combine head outputs into markers
(codebook.py); apply the session-context rules (rules.py); find evidence for the positive
decisions (evidence.py); write the results into a new Session. Custom codes (custom.py) are
scored after the shipped markers, from the same embeddings, and explained the same way.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

import numpy as np

from ..config import MarkerOptions
from ..model import THERAPIST, MarkerScore, ModelInfo, Session, Utterance
from . import custom, rules
from .codebook import Outputs, apply_gates, required_heads, utterance_markers
from .criteria import DisclosureCriteria
from .encoder import Encoder
from .evidence import occlusion
from .features import assemble, cue_matrix
from .heads import Head


class MarkersStage:
    name = "markers"
    requires = frozenset({"utterances", "roles"})
    provides = frozenset({"markers"})

    def __init__(self, options: MarkerOptions | None = None, encoder: Encoder | None = None,
                 heads: dict[str, Head] | None = None, appropriateness: DisclosureCriteria | None = None):
        self.options = options or MarkerOptions()
        self.selection = custom.select(self.options.markers)  # unknown names fail here, listing the known ones
        self.markers = self.selection.shipped
        self.encoder = encoder or Encoder(self.options.encoder, self.options.threads)
        self.heads = heads
        self.appropriateness = appropriateness
        self.custom: dict[str, Head] | None = None  # the custom codes' heads, loaded by load()

    def load(self) -> None:
        self.encoder.load()
        if self.heads is None:
            self.heads = {name: Head.load(name) for name in required_heads(self.markers)}
        if self.custom is None:
            self.custom = {name: custom.load_head(name, folder) for name, folder in self.selection.custom.items()}
        if self.appropriateness is None and "inappropriate_self_disclosure" in self.markers:
            self.appropriateness = DisclosureCriteria.load()

    def models(self) -> tuple[ModelInfo, ...]:
        infos = [self.encoder.info()] if self.encoder.info() else []
        models: dict[str, Head | DisclosureCriteria] = {**(self.heads or {}), **(self.custom or {})}
        if self.appropriateness is not None:
            models[self.appropriateness.name] = self.appropriateness
        infos += [ModelInfo(name=n, stage=self.name, version=h.version, sha256=h.sha256) for n, h in sorted(models.items())]
        return tuple(infos)

    # --- inference -------------------------------------------------------------------------

    def embed(self, texts: Sequence[str], contexts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Utterance embeddings, and context embeddings computed once per distinct context."""
        self.load()
        u = self.encoder.encode(list(texts))
        unique = list(dict.fromkeys(c or "." for c in contexts))
        cu = self.encoder.encode(unique) if unique else np.zeros((0, u.shape[1]), dtype=np.float32)
        where = {c: i for i, c in enumerate(unique)}
        c = cu[[where[x or "."] for x in contexts]] if len(contexts) else np.zeros_like(u)
        return u, c

    def heads_output(self, u: np.ndarray, c: np.ndarray, texts: Sequence[str],
                     cues: np.ndarray | None = None) -> Outputs:
        """(class probabilities, decided class) per shipped head (pure, batched)."""
        return _run_heads(self.heads, u, c, cue_matrix(list(texts)) if cues is None else cues)

    def custom_scores(self, u: np.ndarray, c: np.ndarray, texts: Sequence[str],
                      cues: np.ndarray | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """(P(yes), decision) per custom code (pure, batched)."""
        if not self.custom:
            return {}
        out = _run_heads(self.custom, u, c, cue_matrix(list(texts)) if cues is None else cues)
        scores = {}
        for name, (p, d) in out.items():
            pos = self.custom[name].classes.index(self.custom[name].positive)
            scores[name] = (p[:, pos], d == pos)
        return scores

    def predict(self, texts: Sequence[str], contexts: Sequence[str]) -> Outputs:
        """Head outputs for utterances with their contexts (pure, batched)."""
        u, c = self.embed(texts, contexts)
        return self.heads_output(u, c, texts)

    # --- annotation ------------------------------------------------------------------------

    def __call__(self, session: Session) -> Session:
        self.load()
        utts = session.utterances
        rows = [i for i, u in enumerate(utts) if u.role == THERAPIST]
        if not rows:
            return session
        texts = [utts[i].text for i in rows]
        contexts = previous_client_turns(session, rows)
        u, c = self.embed(texts, contexts)
        cues = cue_matrix(texts)
        out = self.heads_output(u, c, texts, cues)
        classes = {n: h.classes for n, h in self.heads.items()}
        scores = utterance_markers(out, classes)
        apply_gates(scores, texts)
        reasons: dict[str, dict[int, list[str]]] = {}
        self._apply_rules(session, rows, out, scores, reasons)
        scores = {m: v for m, v in scores.items() if m in self.markers}
        scores.update(self.custom_scores(u, c, texts, cues))
        evidence = self._evidence(texts, rows, c, scores) if self.options.evidence else [{} for _ in rows]
        new = list(utts)
        for k, i in enumerate(rows):
            new[i] = dataclasses.replace(utts[i], markers=tuple(
                MarkerScore(m, round(float(p[k]), 4), bool(d[k]), evidence[k].get(m, ()), tuple(reasons.get(m, {}).get(k, ())))
                for m, (p, d) in scores.items()))
        return dataclasses.replace(session, utterances=tuple(new))

    def _apply_rules(self, session: Session, rows: list[int], out: Outputs,
                     scores: dict[str, tuple[np.ndarray, np.ndarray]], reasons: dict[str, dict[int, list[str]]]) -> None:
        utts = session.utterances
        position = {i: k for k, i in enumerate(rows)}
        main_p, main_d = out["mi_main"] if "mi_main" in out else (None, None)
        qr = set()
        if main_d is not None:
            names = self.heads["mi_main"].classes
            qr = {rows[k] for k in np.flatnonzero(np.isin(main_d, [names.index("question"), names.index("reflection")]))}
        sd = scores.get("self_disclosure")
        plain = [rules.Utt(i, u.turn_index, u.role or "", u.text,
                           disclosure=bool(sd is not None and i in position and sd[1][position[i]]),
                           question_or_reflection=i in qr) for i, u in enumerate(utts)]
        if sd is not None and self.appropriateness is not None:
            scores["inappropriate_self_disclosure"] = self._disclosures(plain, position, sd, reasons)
        if "rigid_interpretation" in scores:
            self._persistence(plain, position, out, scores, reasons)
        if "advice" in scores:
            p, d = scores.pop("advice")
            allowed = np.array([rules.permission_given(plain, i) for i in rows])
            scores["advice_with_permission"] = (p * allowed, d & allowed)
            scores["advice_without_permission"] = (p * ~allowed, d & ~allowed)

    def _disclosures(self, plain: list[rules.Utt], position: dict[int, int], sd: tuple[np.ndarray, np.ndarray],
                     reasons: dict[str, dict[int, list[str]]]) -> tuple[np.ndarray, np.ndarray]:
        """Episode-level appropriateness (the Hill & Knox criteria, markers/criteria.py); utterances
        outside episodes keep P(disclosure) * the base rate of inappropriate disclosures."""
        model = self.appropriateness
        p = sd[0] * model.base_rate
        d = np.zeros(len(p), dtype=bool)
        for episode in rules.disclosure_episodes(plain):
            prob, yes, why = model.judge(episode)
            for i in episode.utterances:
                k = position[i]
                p[k], d[k] = prob, yes
                if yes:
                    reasons.setdefault("inappropriate_self_disclosure", {})[k] = why
        return p, d

    def _persistence(self, plain: list[rules.Utt], position: dict[int, int], out: Outputs,
                     scores: dict[str, tuple[np.ndarray, np.ndarray]], reasons: dict[str, dict[int, list[str]]]) -> None:
        _, decided = out["interpretive"]
        interpretive = decided == self.heads["interpretive"].classes.index("yes")
        flags = rules.persistence(plain, [bool(interpretive[position[i]]) if i in position else False for i in range(len(plain))])
        _, d = scores["rigid_interpretation"]
        for i, why in flags.items():  # the rule decides; the probability stays the model's own
            k = position[i]
            d[k] = True
            reasons.setdefault("rigid_interpretation", {})[k] = [why]

    def _evidence(self, texts: list[str], rows: list[int], c: np.ndarray,
                  scores: dict[str, tuple[np.ndarray, np.ndarray]]) -> list[dict[str, tuple[str, ...]]]:
        explained = {m: m for m in scores}
        explained.update({"inappropriate_self_disclosure": "self_disclosure", "advice_with_permission": "advice",
                          "advice_without_permission": "advice"})
        flagged = [[m for m, (_, d) in scores.items() if d[k]] for k in range(len(texts))]
        base = {m: scores[explained[m]][0] if explained[m] in scores else scores[m][0] for m in scores}
        classes = {n: h.classes for n, h in self.heads.items()}

        def scorer(variants: list[str], owner_rows: list[int]) -> dict[str, np.ndarray]:
            u = self.encoder.encode(variants)
            cues = cue_matrix(variants)
            o = self.heads_output(u, c[owner_rows], variants, cues)
            s = utterance_markers(o, classes)
            s.update(self.custom_scores(u, c[owner_rows], variants, cues))
            return {m: s[explained[m]][0] if explained[m] in s else np.zeros(len(variants)) for m in scores}

        return occlusion(texts, list(range(len(texts))), flagged, base, scorer)


def _run_heads(heads: dict[str, Head], u: np.ndarray, c: np.ndarray, cues: np.ndarray) -> Outputs:
    out = {}
    for name, head in heads.items():
        p = head.predict_proba(assemble(u, c, cues if head.cues else None, head.context, head.embedding))
        out[name] = (p, head.decide(p))
    return out


def previous_client_turns(session: Session, rows: Sequence[int]) -> list[str]:
    """For each therapist utterance, the text of the last client turn before its turn."""
    turns = session.turns
    last_client: dict[int, str] = {}
    current = ""
    for t in turns:
        last_client[t.index] = current
        if t.role != THERAPIST:
            current = t.text
    return [last_client.get(session.utterances[i].turn_index, "") for i in rows]


def marker_scores(utterance: Utterance) -> dict[str, MarkerScore]:
    return {m.marker: m for m in utterance.markers}
