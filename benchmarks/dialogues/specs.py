"""The fixed benchmark set: 24 two-voice dialogues plus 8 variants (mp3 transcodes and 30 s of
added silence), split into a ``tune`` and a ``heldout`` half. The halves use disjoint voice
inventories (voices.TUNE_VOICES / voices.HELDOUT_VOICES), so no voice pair, and no voice, is in
both; each half has the same mix of conditions (mirrored), so their numbers compare by condition.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from .voices import ALL_VOICES, HELDOUT_VOICES, TUNE_VOICES


@dataclass(frozen=True)
class Spec:
    id: str
    half: str  # "tune" or "heldout"
    therapist: str  # voice id
    client: str
    minutes: float
    seed: int
    reverb: float = 0.0  # RT60 in seconds; 0 = dry
    noise: str = ""  # "", "white", "pink" or "babble"
    snr: float = 0.0  # dB, with noise
    phone: bool = False
    client_gain: float = 0.0  # dB, the client's level relative to the therapist's
    mp3: int = 0  # bit rate of an mp3 transcode; 0 = none
    lead: float = 0.0  # seconds of added digital silence before / after
    trail: float = 0.0
    base: str = ""  # the dialogue this one is a variant of (same script, voices and conditions)
    others: tuple[str, ...] = ()  # further client voices: a group session (couple, family) of 2 + len(others) voices

    def voices(self) -> tuple[str, ...]:
        return (self.therapist, self.client, *self.others)

    def tags(self) -> list[str]:
        genders = {ALL_VOICES[v].gender for v in self.voices()}
        engines = sorted({ALL_VOICES[v].engine for v in self.voices()})
        tags = ["same_gender" if len(genders) == 1 else "cross_gender", "engines_" + "+".join(engines)]
        if self.others:
            tags.append(f"group_{len(self.voices())}")
        if self.reverb:
            tags.append("reverb")
        if self.noise:
            tags += [f"noise_{self.noise}", "snr_5-10" if self.snr <= 10 else "snr_15-20"]
        if self.phone:
            tags.append("phone")
        if self.client_gain:
            tags.append("level_diff")
        if self.mp3:
            tags.append("mp3")
        if self.lead or self.trail:
            tags.append("silence_30s")
        if not (self.reverb or self.noise or self.phone or self.client_gain or self.mp3 or self.lead or self.trail):
            tags.append("clean")
        tags.append("long" if self.minutes >= 6 else "short")
        return tags

    def as_dict(self) -> dict:
        return asdict(self)


# One voice pair per base dialogue and half (therapist, client), and the conditions both halves share, row by row,
# so that the two halves mirror each other's conditions.
_TUNE_PAIRS = ["hb_f1 es_us_m3", "es_gb_m1 hb_f2", "hb_f1 hb_f2", "es_us_m3 es_sc_m5", "es_us_f2 es_rp_f4",
               "hb_m1 es_gb_m1", "es_rp_f4 hb_m1", "es_gb_f5 es_us_m3", "hb_f2 es_us_f2", "es_sc_m5 hb_f1",
               "hb_m1 es_gb_f5", "es_gb_m1 es_us_m3"]
_HELDOUT_PAIRS = ["hb_f3 es_us_m7", "es_ca_m2 hb_f4", "hb_f3 hb_f4", "es_us_m7 es_wm_m4", "es_us_f5 es_lc_f3",
                  "hb_m2 es_ca_m2", "es_lc_f3 hb_m3", "es_gb_f1 es_us_m7", "hb_f4 es_us_f5", "es_wm_m4 hb_f3",
                  "hb_m3 es_gb_f1", "hb_m2 hb_m3"]
_CONDITIONS = [
    (3.0, {}),
    (2.5, {"reverb": 0.5}),
    (3.0, {}),
    (3.5, {"noise": "pink", "snr": 15.0}),
    (2.5, {"noise": "babble", "snr": 10.0}),
    (3.0, {"phone": True}),
    (2.0, {"noise": "white", "snr": 5.0}),
    (3.0, {"client_gain": -10.0}),
    (6.5, {"reverb": 0.7, "noise": "pink", "snr": 10.0}),
    (2.5, {"phone": True, "noise": "babble", "snr": 15.0}),
    (4.0, {"client_gain": 8.0, "reverb": 0.3}),
    (7.5, {}),
]
# Outcome stability (issue 11: a dialogue flipped after an mp3 transcode or 30 s of added silence): variants of
# an easy cross-gender dialogue (01), of the same-model pair (03), and of two same-gender espeak dialogues (04, 05).
_VARIANTS = [(1, "mp3", {"mp3": 24_000}), (3, "sil30", {"lead": 30.0, "trail": 30.0}),
             (4, "mp3", {"mp3": 24_000}), (5, "sil30", {"lead": 30.0, "trail": 30.0})]


def _half(name: str, prefix: str, pairs: list[str], seed0: int, long_last: float, groups=()) -> list[Spec]:
    specs = []
    for i, (pair, (minutes, cond)) in enumerate(zip(pairs, _CONDITIONS), 1):
        therapist, client = pair.split()
        if i == len(pairs):
            minutes = long_last
        specs.append(Spec(f"{prefix}{i:02d}", name, therapist, client, minutes, seed0 + 101 * i, **cond))
    for i, suffix, extra in _VARIANTS:
        base = specs[i - 1]
        specs.append(replace(base, id=f"{base.id}_{suffix}", base=base.id, **extra))
    for j, (voices, minutes, cond) in enumerate(groups, len(pairs) + 1):
        therapist, client, *others = voices.split()
        specs.append(Spec(f"{prefix}{j:02d}", name, therapist, client, minutes, seed0 + 101 * j, others=tuple(others), **cond))
    return specs


# Group sessions (a couple or a family with the therapist: 3 and 4 voices), the number of speakers
# given; a stand-in for the real meeting clips of 2-4 voices, of which ../shared/data has none.
_TUNE_GROUPS = [("es_gb_f5 hb_m1 es_us_f2", 4.0, {}), ("hb_f1 es_us_m3 es_rp_f4 es_sc_m5", 4.5, {"reverb": 0.3})]
_HELDOUT_GROUPS = [("es_lc_f3 hb_m2 es_us_f5", 4.0, {}), ("hb_f4 es_us_m7 es_gb_f1 es_ca_m2", 4.5, {"reverb": 0.3})]


# Telephone-band dialogues for tuning only (tune half, no held-out twins): the held-out h10 (telephone
# band + babble) was the one dialogue with under 97 % of words given to the right speaker, and the
# tune half had two telephone dialogues to learn from. More of that kind, with other tune voices.
_TUNE_PHONE = [Spec("t15", "tune", "hb_f2", "es_gb_m1", 2.5, 2515, phone=True, noise="babble", snr=15.0),
               Spec("t16", "tune", "es_us_f2", "hb_m1", 3.0, 2616, phone=True, noise="babble", snr=10.0),
               Spec("t17", "tune", "es_sc_m5", "es_gb_f5", 2.5, 2717, phone=True, noise="pink", snr=10.0),
               Spec("t18", "tune", "hb_f1", "es_rp_f4", 3.0, 2818, phone=True, reverb=0.5)]

SPECS: tuple[Spec, ...] = tuple(_half("tune", "t", _TUNE_PAIRS, 1000, 7.5, _TUNE_GROUPS) + _TUNE_PHONE
                                + _half("heldout", "h", _HELDOUT_PAIRS, 5000, 9.0, _HELDOUT_GROUPS))
BY_ID = {s.id: s for s in SPECS}


def check_split(specs=SPECS) -> None:
    """The split's promises: no voice (and so no pair) in both halves, each spec's voices from its half."""
    inventory = {"tune": {v.id for v in TUNE_VOICES}, "heldout": {v.id for v in HELDOUT_VOICES}}
    for s in specs:
        for v in s.voices():
            if v not in inventory[s.half]:
                raise ValueError(f"{s.id}: voice {v} is not in the {s.half} inventory")
    pairs = {h: {frozenset((s.therapist, s.client)) for s in specs if s.half == h} for h in inventory}
    if pairs["tune"] & pairs["heldout"]:
        raise ValueError("a voice pair is in both halves")
