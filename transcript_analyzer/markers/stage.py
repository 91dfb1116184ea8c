"""Markers stage: every therapist utterance gets a probability, a decision and evidence per marker.

Steps: code each therapist utterance with the utterances before it by the context-aware coder
(coder.py: MI behaviours, empathy mechanisms, the marker codes); for the heads trained on the
project's own annotations (interpretation) and for custom codes, encode the utterances and, once
per client turn, the context they answer, and run the heads; combine the outputs into markers
(codebook.py); apply the session-context rules (rules.py); find evidence for the positive
decisions (evidence.py); write the results into a new Session. ``predict`` is the batched, pure
core of the first two steps.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

import numpy as np

from ..config import MarkerOptions
from ..model import THERAPIST, MarkerScore, MechanismLevel, ModelInfo, Session, Utterance
from . import calibration as site_calibration, client as client_codes, custom, rules
from .codebook import MARKER_NAMES, MARKERS, Outputs, apply_gates, mechanism_levels, required_heads, utterance_markers
from .coder import CONTEXT_UTTERANCES, Coder, context_text
from .decisions import CodeDecision, code_decisions
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
                 heads: dict[str, Head] | None = None, appropriateness: DisclosureCriteria | None = None,
                 coder: Coder | None = None):
        self.options = options or MarkerOptions()
        self.selection = custom.select(self.options.markers)  # unknown names fail here, listing the known ones
        self.markers = self.selection.shipped
        self.coder = coder or Coder(self.options.coder, self.options.threads)
        self.encoder = encoder or Encoder(self.options.encoder, self.options.threads)
        self.heads = heads
        self.appropriateness = appropriateness
        self.custom: dict[str, Head] | None = None  # the custom codes' heads, loaded by load()
        self.tasks: tuple[str, ...] = ()  # the coder's tasks these markers need, set by load()
        self.client_tasks: tuple[str, ...] = ()  # the coder's client tasks, when the shipped markers are all coded
        self.calibration: site_calibration.Calibration | None = None  # a site calibration, loaded by load()

    def load(self) -> None:
        needed = required_heads(self.markers)
        if needed:  # only custom codes: no coder
            self.coder.load()
            if "mi_main" in self.coder.tasks and "mi_main" not in needed:  # the session rules read it
                needed = ("mi_main", *needed)
        self.tasks = tuple(n for n in needed if n in self.coder.tasks)
        # Client codes need every shipped marker and a coder with the rupture code (a coder that
        # only knows the client's talk type, like coder v3, leaves client utterances uncoded).
        if self.tasks and set(self.markers) == set(MARKER_NAMES) and "rupture" in self.coder.tasks:
            self.client_tasks = tuple(t for t in client_codes.CLIENT_TASKS if t in self.coder.tasks)
            if client_codes.REPAIR_TASK in self.coder.tasks:
                self.tasks = (*self.tasks, client_codes.REPAIR_TASK)
        if self.heads is None:
            self.heads = {name: Head.load(name) for name in needed if name not in self.coder.tasks}
        if self.custom is None:
            self.custom = {name: custom.load_head(name, folder) for name, folder in self.selection.custom.items()}
        if self.heads or self.custom:
            self.encoder.load()
        if self.appropriateness is None and "inappropriate_self_disclosure" in self.markers:
            self.appropriateness = DisclosureCriteria.load()
        if self.options.calibration and self.calibration is None:
            calibration = site_calibration.load(self.options.calibration)
            if self.tasks and self.coder.info() is not None:
                calibration.check_coder(self.coder.info().sha256)
            self.calibration = calibration

    @property
    def _calibrated(self) -> dict[str, float]:
        """The site calibration's thresholds (decision -> threshold), when one is used."""
        return self.calibration.thresholds if self.calibration is not None else {}

    @property
    def _marker_thresholds(self) -> dict[str, float]:
        return {**getattr(self.coder, "marker_thresholds", {}), **self._calibrated} if self.tasks else {}

    @property
    def _marker_rules(self) -> dict[str, float]:
        return getattr(self.coder, "marker_rules", {}) if self.tasks else {}

    @property
    def _embeds(self) -> bool:
        return bool(self.heads or self.custom)

    def models(self) -> tuple[ModelInfo, ...]:
        infos = [self.coder.info()] if self.tasks and self.coder.info() else []
        infos += [self.encoder.info()] if self._embeds and self.encoder.info() else []
        models: dict[str, Head | DisclosureCriteria] = {**(self.heads or {}), **(self.custom or {})}
        if self.appropriateness is not None:
            models[self.appropriateness.name] = self.appropriateness
        infos += [ModelInfo(name=n, stage=self.name, version=h.version, sha256=h.sha256) for n, h in sorted(models.items())]
        if self.calibration is not None:
            c = self.calibration
            infos.append(ModelInfo(name=f"site calibration {c.name}", stage=self.name,
                                   version=f"{c.date}, {c.reviewed} reviewed moments", sha256=c.sha256))
        return tuple(infos)

    def decisions(self) -> dict[str, CodeDecision]:
        """How each code this stage reports is decided (after ``load()``): its shipped threshold
        (None: no single threshold) and its model of record (markers/decisions.py)."""
        coded = [c.name for c in client_codes.CLIENT_CODES if c.task in self.client_tasks]
        coder = self.coder.info().name if self.tasks and self.coder.info() else None
        return code_decisions([*self.selection.names, *coded], coder, self.coder.tasks if self.tasks else {},
                              getattr(self.coder, "marker_thresholds", {}) if self.tasks else {}, self.heads or {},
                              self.custom or {}, self.appropriateness.name if self.appropriateness else None)

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

    def classes(self) -> dict[str, tuple[str, ...]]:
        """Class names of every coder task and head the markers use."""
        return {**{n: self.coder.tasks[n].classes for n in self.tasks}, **{n: h.classes for n, h in self.heads.items()}}

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

    def predict(self, texts: Sequence[str], contexts: Sequence[str], conversation: Sequence[str] | None = None) -> Outputs:
        """Coder and head outputs for utterances (pure, batched). ``contexts``: the client turn each
        answers (for the heads); ``conversation``: the utterances before each as the coder reads
        them (coder.context_text), by default the client turn alone."""
        self.load()
        if conversation is None:
            conversation = [context_text([("client", c)]) for c in contexts]
        u, c = self.embed(texts, contexts) if self._embeds else (None, None)
        return self._outputs(texts, conversation, u, c)[0]

    def _outputs(self, texts: Sequence[str], conversation: Sequence[str], u: np.ndarray | None,
                 c: np.ndarray | None) -> tuple[Outputs, np.ndarray | None]:
        """The coder's outputs and, when heads need them, the heads' over the given embeddings
        (``u``, ``c``: None when nothing is embedded); with the cue matrix the heads used."""
        out = self.coder.predict(conversation, texts, self.tasks) if self.tasks else {}
        cues = None
        if self._embeds:
            cues = cue_matrix(list(texts))
            out.update(self.heads_output(u, c, texts, cues))
        return out, cues

    # --- annotation ------------------------------------------------------------------------

    def __call__(self, session: Session) -> Session:
        self.load()
        info = self.calibration.info() if self.calibration is not None else None
        session = dataclasses.replace(session, meta=dataclasses.replace(session.meta, calibration=info))
        utts = session.utterances
        rows = [i for i, u in enumerate(utts) if u.role == THERAPIST]
        if not rows:
            return session
        texts = [utts[i].text for i in rows]
        contexts = previous_client_turns(session, rows)
        conversation = previous_utterances(session, rows)
        u, c = self.embed(texts, contexts) if self._embeds else (None, None)
        out, cues = self._outputs(texts, conversation, u, c)
        classes = self.classes()
        scores = utterance_markers(out, classes, self._marker_thresholds, self._marker_rules)
        apply_gates(scores, texts)
        reasons: dict[str, dict[int, list[str]]] = {}
        client = self._client_codes(session) if self.client_tasks else None
        disagrees = None
        if client is not None:
            crows, cscores, _ = client
            confrontation = cscores.get("rupture_confrontation")
            disagrees = {i for k, i in enumerate(crows) if confrontation is not None and confrontation[1][k]}
        self._apply_rules(session, rows, out, classes, scores, reasons, disagrees)
        scores = {m: v for m, v in scores.items() if m in self.markers}
        if self.custom:
            scores.update(self.custom_scores(u, c, texts, cues))
        evidence = self._evidence(texts, rows, c, conversation, scores) if self.options.evidence else [{} for _ in rows]
        levels = ([tuple(MechanismLevel(n, lv, round(p, 4)) for n, lv, p in row)
                   for row in mechanism_levels(out, classes, self._marker_rules)] if "empathy" in scores else None)
        new = list(utts)
        for k, i in enumerate(rows):
            new[i] = dataclasses.replace(utts[i], markers=tuple(
                MarkerScore(m, round(float(p[k]), 4), bool(d[k]), evidence[k].get(m, ()), tuple(reasons.get(m, {}).get(k, ())),
                            levels[k] if m == "empathy" and levels else ())
                for m, (p, d) in scores.items()))
        if client is None:
            return dataclasses.replace(session, utterances=tuple(new))
        return self._sequence(dataclasses.replace(session, utterances=tuple(new)), rows, out, client)

    # --- client codes, rupture episodes, risk talk (codebook sections 8-9) -------------------

    def _client_codes(self, session: Session) -> tuple[list[int], dict[str, tuple[np.ndarray, np.ndarray]], list[dict]]:
        """(client rows, client code scores, their evidence) from the coder's client tasks."""
        utts = session.utterances
        crows = [i for i, u in enumerate(utts) if u.role != THERAPIST]
        if not crows:
            return [], {}, []
        texts = [utts[i].text for i in crows]
        conversation = previous_utterances(session, crows)
        cout = self.coder.predict(conversation, texts, self.client_tasks)
        classes = {n: self.coder.tasks[n].classes for n in self.client_tasks}
        scores = client_codes.client_scores(cout, classes)
        evidence = (self._client_evidence(texts, conversation, scores, classes) if self.options.evidence
                    else [{} for _ in crows])
        return crows, scores, evidence

    def _sequence(self, session: Session, rows: list[int], out: Outputs,
                  client: tuple[list[int], dict[str, tuple[np.ndarray, np.ndarray]], list[dict]]) -> Session:
        """Write the client codes, then build the rupture episodes and risk moments; a therapist
        utterance that answers risk talk, that the client answers with a rupture, or that answers
        a rupture without repairing it, keeps its codes but is never a strength (its strength
        decisions are withdrawn, with the reason)."""
        utts = list(session.utterances)
        crows, scores, evidence = client
        for k, i in enumerate(crows):
            utts[i] = dataclasses.replace(utts[i], markers=tuple(
                MarkerScore(m, round(float(p[k]), 4), bool(d[k]), evidence[k].get(m, ())) for m, (p, d) in scores.items()))
        repair, threshold = {}, 0.5
        if client_codes.REPAIR_TASK in out:
            spec = self.coder.tasks[client_codes.REPAIR_TASK]
            pos = spec.classes.index(spec.positive)
            repair = {i: float(out[client_codes.REPAIR_TASK][0][k, pos]) for k, i in enumerate(rows)}
            threshold = spec.threshold if spec.threshold is not None else 0.5
        episodes = client_codes.build_episodes(utts, repair, threshold)
        risk = client_codes.risk_moments(utts)
        strengths = {d.name for d in MARKERS if d.group == "alliance" and d.direction > 0}
        for i, why in client_codes.answers_to_protect(risk, episodes, utts).items():
            utts[i] = dataclasses.replace(utts[i], markers=tuple(
                dataclasses.replace(m, decision=False, reasons=(*m.reasons, why)) if m.marker in strengths and m.decision else m
                for m in utts[i].markers))
        return dataclasses.replace(session, utterances=tuple(utts), episodes=episodes, risk=risk)

    def _client_evidence(self, texts: list[str], conversation: list[str], scores: dict[str, tuple[np.ndarray, np.ndarray]],
                         classes: dict[str, tuple[str, ...]]) -> list[dict[str, tuple[str, ...]]]:
        """Words behind the risk-talk and rupture decisions (occlusion, as for the therapist markers)."""
        shown = [m for m in ("risk_talk", "rupture_withdrawal", "rupture_confrontation") if m in scores]
        flagged = [[m for m in shown if scores[m][1][k]] for k in range(len(texts))]

        def scorer(variants: list[str], owner_rows: list[int]) -> dict[str, np.ndarray]:
            o = self.coder.predict([conversation[r] for r in owner_rows], variants, self.client_tasks)
            s = client_codes.client_scores(o, classes)
            return {m: s[m][0] for m in shown}

        return occlusion(texts, list(range(len(texts))), flagged, {m: scores[m][0] for m in shown}, scorer)

    def _apply_rules(self, session: Session, rows: list[int], out: Outputs, classes: dict[str, tuple[str, ...]],
                     scores: dict[str, tuple[np.ndarray, np.ndarray]], reasons: dict[str, dict[int, list[str]]],
                     disagrees: set[int] | None = None) -> None:
        """The session rules. ``disagrees``: the client utterances the coder codes as confrontation
        (None when it does not code clients: the rules fall back on their word lists)."""
        utts = session.utterances
        position = {i: k for k, i in enumerate(rows)}
        main_p, main_d = out["mi_main"] if "mi_main" in out else (None, None)
        qr = set()
        if main_d is not None:
            names = classes["mi_main"]
            qr = {rows[k] for k in np.flatnonzero(np.isin(main_d, [names.index("question"), names.index("reflection")]))}
        sd = scores.get("self_disclosure")
        plain = [rules.Utt(i, u.turn_index, u.role or "", u.text,
                           disclosure=bool(sd is not None and i in position and sd[1][position[i]]),
                           question_or_reflection=i in qr,
                           disagrees=None if disagrees is None or u.role == THERAPIST else i in disagrees)
                 for i, u in enumerate(utts)]
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

    def _evidence(self, texts: list[str], rows: list[int], c: np.ndarray | None, conversation: list[str],
                  scores: dict[str, tuple[np.ndarray, np.ndarray]]) -> list[dict[str, tuple[str, ...]]]:
        explained = {m: m for m in scores}
        explained.update({"inappropriate_self_disclosure": "self_disclosure", "advice_with_permission": "advice",
                          "advice_without_permission": "advice"})
        flagged = [[m for m, (_, d) in scores.items() if d[k]] for k in range(len(texts))]
        base = {m: scores[explained[m]][0] if explained[m] in scores else scores[m][0] for m in scores}
        classes = self.classes()

        def scorer(variants: list[str], owner_rows: list[int]) -> dict[str, np.ndarray]:
            u, cv = (self.encoder.encode(variants), c[owner_rows]) if self._embeds else (None, None)
            o, cues = self._outputs(variants, [conversation[r] for r in owner_rows], u, cv)
            s = utterance_markers(o, classes, self._marker_thresholds, self._marker_rules)
            s.update(self.custom_scores(u, cv, variants, cues))
            return {m: s[explained[m]][0] if explained[m] in s else np.zeros(len(variants)) for m in scores}

        return occlusion(texts, list(range(len(texts))), flagged, base, scorer)


def _run_heads(heads: dict[str, Head], u: np.ndarray, c: np.ndarray, cues: np.ndarray) -> Outputs:
    out = {}
    for name, head in heads.items():
        p = head.predict_proba(assemble(u, c, cues if head.cues else None, head.context, head.embedding))
        out[name] = (p, head.decide(p))
    return out


def previous_utterances(session: Session, rows: Sequence[int], k: int = CONTEXT_UTTERANCES) -> list[str]:
    """For each therapist utterance, the ``k`` utterances before it as the coder reads them
    ("client: ... therapist: ..."; any role other than therapist reads as client)."""
    utts = session.utterances
    role = ["therapist" if u.role == THERAPIST else "client" for u in utts]
    return [context_text([(role[j], utts[j].text) for j in range(max(0, i - k), i)]) for i in rows]


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
