#!/usr/bin/env python3
"""Build the labelled redaction evaluation set (identifying_mentions.jsonl).

Every utterance below is invented text written for this project; no real
person's data is used. Phone numbers come from ranges reserved for fiction
(UK Ofcom drama ranges, US 555-01xx), e-mail addresses use the reserved
example.com/.org/.net/.co.uk domains, and identifiers use invalid or test
ranges (NHS 999..., NI prefix QQ, SSN area 9xx).

Spans are written inline as [[LABEL:text]] and converted to Python character
offsets here, so the offsets are correct by construction. Run with plain
python3 (no dependencies):

    python3 tests/data/redaction/build_set.py

It rewrites identifying_mentions.jsonl next to this script (deterministically),
validates every record and prints the counts per label. It exits non-zero if a
check fails. See README.md for the label definitions and labelling decisions.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "identifying_mentions.jsonl"

LABELS = ("PERSON", "PLACE", "ORG", "DATE", "AGE", "PHONE", "EMAIL", "ADDRESS", "ID", "HANDLE")
MINIMUMS = {"PERSON": 60, "PLACE": 30, "ORG": 20, "DATE": 20, "AGE": 15,
            "PHONE": 8, "EMAIL": 6, "ADDRESS": 8, "ID": 5}
MIN_TOTAL = 180

C, T = "client", "therapist"

# (speaker, marked text). Order is the output order; ids are r001, r002, ...
UTTERANCES: list[tuple[str, str]] = [
    # --- UK, estranged sister -------------------------------------------------
    (C, "So my sister [[PERSON:Anne-Marie]] rang me on Sunday, first time since [[DATE:last Christmas]], and I just froze."),
    (C, "Dread. She still lives in [[PLACE:Sunderland]], round the corner from Mum, and she thinks I abandoned them all when I moved to [[PLACE:Bristol]]."),
    (C, "Mum's [[AGE:78]] now and [[PERSON:Anne-Marie]] does everything for her, the big shop at [[ORG:Tesco]], the appointments at [[ORG:Wearside General]], all of it."),
    (C, "I was [[AGE:nineteen]] when I left. Got a job at [[ORG:Hargreaves and Lowe]], the solicitors, and never really went back."),

    # --- US, work stress ------------------------------------------------------
    (C, "My manager, [[PERSON:Deshawn Miller]], keeps emailing me at like eleven at night."),
    (C, "I answer them. Every single time. I've been at [[ORG:Cobalt Ridge Insurance]] since [[DATE:2017]] and I have never once not answered."),
    (C, "honestly my wife [[PERSON:grace]] says im married to [[ORG:cobalt ridge]] not to her"),
    (T, "What would it mean to let one email wait until the morning?"),
    (C, "It would mean [[PERSON:Deshawn]] thinks I'm slacking. He already wrote me up once, on [[DATE:March 3rd]], for a typo."),

    # --- ASR-like, migration story -------------------------------------------
    (C, "yeah so we moved from [[PLACE:karachi]] to [[PLACE:houston]] when i was [[AGE:six]] and my dad opened a shop on [[PLACE:hillcroft avenue]]"),
    (C, "my cousin [[PERSON:bilal]] runs it now you can literally call him hes always there [[PHONE:713 555 0148]] he will tell you what my dad was like"),

    # --- UK intake, contact details -----------------------------------------
    (T, "Before we start, can I just check your details? We've got you at [[ADDRESS:Flat 3, 27 Kelso Terrace, Leeds LS6 2QX]]."),
    (C, "No, I've moved, it's [[ADDRESS:114 Wensley Drive, LS7 4NB]] now. Same mobile though, [[PHONE:07700 900461]]."),
    (T, "And is your email still [[EMAIL:tamsin.greaves@example.co.uk]]?"),
    (C, "Yeah. Oh, and my GP's changed, I'm with [[ORG:Chapel Allerton Medical Centre]] now, [[PERSON:Dr Haddad]]."),
    (T, "Thanks. Your [[ORG:NHS]] number's on the referral, [[ID:999 402 7715]], so I'll update the rest from that."),

    # --- US intake, insurance -------------------------------------------------
    (C, "It's [[ID:XJH448210957]], it's on the card from [[ORG:Blue Harbor Health]]."),
    (C, "And my address changed, it's [[ADDRESS:4410 Maple Crest Drive, Apt 2B, Tucson, AZ 85719]]."),
    (T, "Great. And the best number to reach you is still [[PHONE:(520) 555-0163]]?"),
    (C, "Use my cell, [[PHONE:520-555-0191]]. And email [[EMAIL:marisol.vega84@example.com]], I check that one more."),

    # --- names that are also words -------------------------------------------
    (C, "I hope [[PERSON:Hope]] doesn't find out I'm coming here. She'd take it personally."),
    (C, "That I need help at all. [[PERSON:Will]] says I'll never change, and honestly maybe he's right, maybe I will never change."),
    (C, "My daughter [[PERSON:Rose]] is the only one who sees it. The sun rose this morning and I thought, she's the reason I got up."),
    (T, "There's a lot of grace in the way you talk about her."),
    (C, "[[PERSON:Grace]] was my mother's name, actually. She died in [[DATE:2009]], the week I turned [[AGE:thirty]]."),

    # --- Nigerian-British family ---------------------------------------------
    (C, "My aunty [[PERSON:Ngozi]] flew in from [[PLACE:Lagos]] for the naming ceremony and stayed three months."),
    (C, "Everyone at [[ORG:Christ Apostolic Church]] in [[PLACE:Peckham]] said I should be grateful for the help."),

    # --- teenager, school -----------------------------------------------------
    (C, "[[PERSON:Miss Abara]] knows, she's my form tutor at [[ORG:Oakfield Academy]]. I'm [[AGE:fourteen]] and she acts like I'm a baby."),
    (C, "Whatever. I'm in Year 10, I can handle it."),

    # --- US veteran -----------------------------------------------------------
    (C, "I did two tours. [[PLACE:Kandahar]] in [[DATE:'09]], then [[PLACE:Helmand]]."),
    (C, "The [[ORG:VA]] in [[PLACE:Phoenix]] had me on a waitlist for eight months."),
    (T, "Eight months is a long time to wait when you're struggling like that."),
    (C, "He was [[AGE:twenty-six]]. The funeral was [[DATE:July 4th, 2014]], can you believe that."),

    # --- Polish family, UK ----------------------------------------------------
    (C, "Babcia always said God sees everything, so you'd better behave."),
    (C, "My brother [[PERSON:Tomasz]] drives for [[ORG:Uber]] now, his reg is [[ID:LK19 XPD]] if you ever get in his car, ha."),

    # --- domestic abuse, safety planning ------------------------------------
    (T, "If you need to leave in a hurry, [[ORG:Safe Harbour Women's Aid]] has a free line, [[PHONE:0808 157 0519]], open all night."),
    (C, "My friend [[PERSON:Siobhan O'Brien]] from work. She's got a spare room in [[PLACE:Salford]]. Her number's [[PHONE:0161 496 0732]]."),
    (C, "His car's a silver hatchback, [[ID:MA21 HFY]]. I've written it down for the police."),

    # --- US college, eating disorder -----------------------------------------
    (C, "My roommate [[PERSON:Mei Ling]] noticed first. She told our RA, [[PERSON:Brooke]], who went straight to the counseling center."),
    (C, "Anorexia is such a weird word for it. I just felt like I was finally in control of something."),

    # --- clinic introductions -------------------------------------------------
    (T, "I'm [[PERSON:Dr. Okafor]], and this is [[PERSON:Lena]], a trainee who'll be sitting in, if that's all right with you."),
    (C, "Sure. Is this the same practice as [[ORG:Riverside Psychological Services]]? My last therapist there was [[PERSON:Frank Delaney]]."),
    (C, "To be frank, I didn't really get on with him."),

    # --- drinking, UK pub -----------------------------------------------------
    (C, "I used to be in the [[PLACE:Hope and Anchor]] every night from six till close."),
    (C, "[[PERSON:Big Gaz]] behind the bar would have me pint poured before I'd got me coat off."),
    (C, "Ninety-one days. Since the [[DATE:2nd of January]]."),
    (C, "My sponsor, [[PERSON:Pete]], says one day at a time, which, yeah, Jesus, I know."),

    # --- Korean-American, two names ------------------------------------------
    (C, "My parents run a dry cleaner in [[PLACE:Koreatown]], on [[PLACE:Western Avenue]]. My mom still calls me [[PERSON:Ji-woo]] even though I go by [[PERSON:Jenny]] at work."),
    (T, "What's it like to be [[PERSON:Ji-woo]] at home and [[PERSON:Jenny]] at work?"),

    # --- Irish bereavement ----------------------------------------------------
    (C, "Da died in [[PLACE:Galway]] on the [[DATE:14th of February 2022]]."),
    (C, "I can't stand Valentine's Day now. Every year it's hearts in every shop window."),
    (C, "[[PERSON:Aoife Ní Bhriain]] from the hospice was with him, and [[PERSON:Father Declan]] did the anointing."),
    (T, "It sounds like [[PERSON:Aoife]] mattered a great deal to you in those last days."),

    # --- US, immigration -------------------------------------------------------
    (C, "Mi mamá crossed at [[PLACE:Nogales]] in [[DATE:1998]], pregnant with me."),
    (C, "I'm [[AGE:twenty-five]] and I still don't have papers. My A-number is [[ID:A204 918 337]], I know it by heart."),
    (T, "Knowing that number by heart says a lot about how much fear you carry around."),

    # --- dementia carer, UK ---------------------------------------------------
    (C, "[[PERSON:Harold]]'s got Alzheimer's now. Diagnosed [[DATE:June 2021]]."),
    (C, "Some days he thinks I'm his first wife, [[PERSON:Margaret]]. He calls me [[PERSON:Peggy]]. I'm [[PERSON:June]]!"),
    (T, "[[PERSON:June]], that must be so painful, being called by someone else's name."),
    (C, "We'll have been married forty years in May. Forty years, and he looks straight through me."),
    (C, "He's [[AGE:eighty-two]], I'm [[AGE:seventy-nine]], and the home they've suggested is [[ORG:Larchmont House]], out in [[PLACE:Harrogate]]."),

    # --- trans client, UK ------------------------------------------------------

    # --- South Asian family, UK -----------------------------------------------
    (C, "Mum's already spoken to [[PERSON:Mrs Chaudhry]] about her nephew, [[PERSON:Imran]], who's a pharmacist in [[PLACE:Bradford]]."),
    (C, "He's [[AGE:thirty-one]], works at [[ORG:Boots]], apparently very 'steady'."),
    (C, "I want to finish my PhD at [[ORG:Imperial]] without being asked about marriage at every single Eid."),
    (C, "At [[DATE:Eid last year]] my aunty literally pulled out a spreadsheet of candidates."),

    # --- US Midwest farm, ASR -------------------------------------------------
    (C, "yeah we got the farm out past [[PLACE:ames]] my granddad bought it in [[DATE:nineteen fifty two]]"),
    (C, "my wife [[PERSON:dawn]] gets up at dawn every day to do the books shes tougher than me"),

    # --- ASR, spoken contact details -----------------------------------------
    (C, "my email is [[EMAIL:jay dot ramos at example dot com]] all lowercase"),
    (C, "you can reach me at [[PHONE:seven one eight five five five zero one two seven]] thats my cell"),
    (C, "[[DATE:october twelfth nineteen ninety]] so im [[AGE:thirty four]]"),

    # --- Japanese-British, workplace ------------------------------------------
    (C, "[[PERSON:Hiroshi]] in accounts, [[PERSON:Hiroshi Tanaka]], no relation to the other [[PERSON:Tanaka]], he covered for me."),

    # --- US, grief after violence ---------------------------------------------
    (C, "[[PERSON:Pastor Williams]] at [[ORG:Greater Mount Zion Baptist]] did the eulogy."),
    (C, "My boy [[PERSON:D'Angelo]] was [[AGE:seventeen]]. [[AGE:Seventeen]]. He was shot on [[PLACE:MLK Boulevard]] walking home from practice."),
    (T, "I'm so sorry. Tell me about [[PERSON:D'Angelo]]. Who was he?"),

    # --- Australian in London --------------------------------------------------
    (C, "I grew up in [[PLACE:Geelong]], moved to [[PLACE:Melbourne]] for uni, then [[PLACE:London]] in [[DATE:2016]] on a working holiday visa."),
    (C, "My flatmate [[PERSON:Sunny]], well, [[PERSON:Sundeep]], he's the only reason I'm not completely isolated."),
    (T, "It sounds like sunny days have been rare for you lately."),

    # --- couples session, US --------------------------------------------------
    (T, "[[PERSON:Marcus]], [[PERSON:Elena]], thank you both for coming in together."),
    (T, "Let's slow down a little. [[PERSON:Elena]], can you say what you needed from [[PERSON:Marcus]] back then?"),
    (C, "I needed him to mark it on the calendar and show up. That's it."),
    (C, "[[PERSON:Mark]] from her office showed up. Not me. That's the whole problem right there."),

    # --- place/person homonyms ------------------------------------------------
    (C, "[[PERSON:Jordan]] just got back from [[PLACE:Jordan]], a school trip to [[PLACE:Petra]]."),
    (C, "And my other daughter [[PERSON:Georgia]] wants to move to [[PLACE:Atlanta]], which, yes, is in [[PLACE:Georgia]], she thinks that's hilarious."),
    (C, "My caseworker [[PERSON:Victoria]] met me at [[PLACE:Victoria Station]], which she thought was funny."),
    (C, "[[PERSON:Florence]] moved to [[PLACE:Florence]] to teach English and I haven't heard from her since [[DATE:August 2019]]."),
    (C, "Her name was [[PERSON:April]]. We met in April, which she decided was fate."),
    (C, "[[PERSON:Paris]] is my ex. Not the city. People always laugh."),

    # --- money ---------------------------------------------------------------
    (C, "[[ORG:Chase]] froze my account, and the debt collector, some guy called [[PERSON:Chase]], actually, won't stop calling."),
    (C, "I don't want to chase them anymore. I just want it to stop."),
    (C, "Bill after bill after bill. I open the post and my chest goes tight."),

    # --- Welsh, crisis ---------------------------------------------------------
    (C, "A volunteer called [[PERSON:Cerys]] at the [[ORG:Samaritans]] talked me down that night, [[DATE:New Year's Eve 2023]]."),
    (T, "What did [[PERSON:Cerys]] say that helped?"),

    # --- Turkish-British -------------------------------------------------------
    (C, "At [[ORG:Hollybank Girls' School]] I was the only one called [[PERSON:Elif Yılmaz]], and every teacher said it wrong."),

    # --- US foster care -------------------------------------------------------
    (C, "My caseworker, [[PERSON:Ms. Dubois]], finally gave me my file. The case number is [[ID:FC-2007-33918]]."),
    (C, "It says I was placed with the [[PERSON:Hendersons]] in [[PLACE:Dayton]] on [[DATE:9/14/2007]]."),
    (C, "I was [[AGE:four]]. I don't remember any of it."),
    (T, "When you picture that [[AGE:four-year-old]] arriving at a stranger's house, what do you think she needed?"),
    (T, "How is it to read about yourself in someone else's words?"),

    # --- "Mum" as an address form --------------------------------------------
    (C, "And she goes, 'Mum, you never listen,' and slams the door in my face."),

    # --- work, warehouse -----------------------------------------------------

    # --- e-mail and postal addresses ------------------------------------------
    (C, "I wrote to her. Her new email is [[EMAIL:zofia_k@example.org]], [[PERSON:Zofia]]'s sister gave it to me at the funeral."),
    (T, "I'll send you the worksheet. Is [[EMAIL:b.achterberg@example.net]] still the best address?"),
    (C, "Use [[EMAIL:lucia.fernandez.m@example.com]], the other one's my work one at [[ORG:Pemberton Hale]]."),
    (C, "Their office is at [[ADDRESS:221 Canal Street, Suite 400, Manchester M1 3HE]] if you need to send the letter there."),
    (C, "I'm staying with my brother at [[ADDRESS:1187 Old Mill Road, Hendersonville, NC 28792]] until the lease comes through."),
    (C, "The new place is [[ADDRESS:36B Greenhill Crescent]], ground floor, so no stairs for Mum."),
    (T, "I'll copy the letter to your GP, [[ORG:Brookside Surgery]], at [[ADDRESS:9 Station Approach, Kendal LA9 6BT]]."),
    (C, "Postcode's [[ADDRESS:BD8 7QF]], if the satnav can't find it."),
    (C, "Send the forms to [[ADDRESS:P.O. Box 4471, Flagstaff, AZ 86002]], I don't trust the mailbox at the trailer."),
    (C, "the house at [[ADDRESS:12 orchard close]] got repossessed and thats when everything went wrong"),

    # --- other identifiers ----------------------------------------------------
    (C, "They've got my National Insurance number wrong on the letter, it's [[ID:QQ 12 34 56 C]], not D."),
    (T, "The hospital number on your discharge note is [[ID:RX4471902]], you may need it for the follow-up at [[ORG:Northgate General]]."),
    (C, "my social is [[ID:912-40-7731]] and they still said they couldnt find me in the system"),
    (C, "The cop ran my plate, [[ID:7KJM204]], and it came back stolen, which it wasn't, it was my mom's."),

    # --- more people -----------------------------------------------------------
    (C, "[[PERSON:Juan Carlos de la Cruz]], my stepdad, never hit me. He didn't have to."),
    (C, "[[PERSON:Pieter van der Merwe]] was our neighbour in [[PLACE:Durban]]. He's the one who found my brother."),
    (T, "You mentioned [[PERSON:Jean-Luc]] last time. Has he been in touch since?"),
    (C, "[[PERSON:Nkechi Okonkwo-Hart]] is my lawyer. She says the custody hearing is on [[DATE:Thursday the 9th]]."),
    (C, "I was born at [[ORG:Queen Charlotte's]] in [[DATE:1987]] and my mum still goes on about the midwife."),
    (T, "And [[PERSON:Summer]], is she still at [[ORG:Ridgeview Elementary]]?"),
    (C, "Yeah, she's [[AGE:eight]] now. Her birthday's the [[DATE:3rd of May]], she's already planning the party."),
    (C, "My [[AGE:40th]] birthday was honestly the worst day of my life."),
    (C, "my nan up in [[PLACE:glasgow]] shes [[AGE:ninety one]] and still sharper than the lot of us"),
    (C, "i work nights at the [[ORG:royal infirmary]] in [[PLACE:edinburgh]] so i basically sleep all day"),
    (C, "I was in [[PLACE:Aleppo]] until I was [[AGE:twelve]]. Then [[PLACE:Gaziantep]], then a camp, then [[PLACE:Coventry]]."),
    (C, "My son [[PERSON:Yusuf]] is [[AGE:three]] and he doesn't know any of that, and I want to keep it that way."),
    (C, "I've been on the [[ORG:NHS]] waiting list for eighteen months and I only got your letter because [[PERSON:Dr Haddad]] chased it."),
    (C, "She left me on read on [[ORG:WhatsApp]] for three days and then posted on [[ORG:Instagram]] from a beach."),
    (C, "My dad took me to every [[ORG:Leeds United]] home game, even the year we went down."),
    (C, "We got engaged at [[PLACE:Café Lumen]] on [[PLACE:Gresham Street]], [[DATE:Christmas Day 2020]], in the middle of lockdown."),
    (C, "The last time I saw him was [[DATE:Thanksgiving 2019]] at my aunt's in [[PLACE:Scranton]]."),
    (C, "The tribunal's on [[DATE:12/03/2024]], which is exactly a year after they let me go."),
    (C, "[[PERSON:Tyler]] sent me this email from [[EMAIL:sk8rboi_2006@example.com]] saying I was a freak."),
    (T, "If you want to reschedule, email me at [[EMAIL:n.okafor@example.org]] or leave a message on [[PHONE:0113 496 0518]]."),
    (C, "Put my mum's landline down as the emergency contact, [[PHONE:020 7946 0381]]."),
    (C, "Just text me on [[PHONE:+44 7700 900277]], I never answer calls from withheld numbers."),
    (C, "[[PERSON:Leilani]] and I met at [[ORG:Starbucks]] on [[PLACE:Kapiolani Boulevard]], she was my shift lead."),
    (C, "[[PERSON:Esperanza]] means hope, my abuela picked it. I don't feel very hopeful, though."),
    (C, "[[PERSON:Levi]] was born [[DATE:2 March 2015]], two weeks early, at [[ORG:Mercy West]] in [[PLACE:Cedar Rapids]]."),
    (C, "ever since [[PERSON:jamal]] moved out to [[PLACE:croydon]] i dont really see anyone"),
    (C, "I'm [[AGE:forty-four years old]] and I still ring my mum every night before bed. Is that weird?"),
    (C, "It was Grandad's [[AGE:sixtieth]] and I didn't go. I just couldn't face them all."),
    (C, "Dad moved in with us [[DATE:last April]], after the fall, and I haven't slept properly since."),
    (C, "They held the inquest at the coroner's court in [[PLACE:Truro]] on [[DATE:21 September 2018]]."),

    # --- no identifying mention; tricky words ----------------------------------
    (C, "I've been on sertraline, a hundred milligrams, since the spring, and it's taken the edge off a bit."),
    (C, "The psychiatrist mentioned bipolar II, or maybe borderline. I don't like either word."),
    (T, "You've noticed it comes back every March, when the light changes. What is that like from the inside?"),
    (C, "A 7/10, maybe. On a good day a 5. It's 24/7 though, it never fully goes."),
    (C, "My dad's Crohn's has flared up again, and Mum's Parkinson's is getting worse."),
    (T, "You said you're in your forties and you 'should have figured all this out by now'. Whose voice is that?"),
    (C, "The car's ten years old and the boiler's older than that, and something breaks every single week."),
    (T, "Since you came off the Xanax, have the breathing exercises from the CBT been any help?"),
    (C, "Christmas is always hard in our house. Too much drinking, too many opinions."),
    (C, "The Nigerian side of my family would never talk about any of this."),
    (T, "Will you be around next week, or are you away?"),
    (T, "May I ask what brought you in today?"),
    (C, "Joy isn't something I feel much anymore. Faith either, if I'm honest."),
    (C, "the gp said its probably ptsd and referred me on to the community mental health team"),
    (C, "I rang 111 and they told me to go to A&E, so I sat there till four in the morning."),
    (T, "If you're ever in crisis, you can call or text 988, any time, day or night."),
    (C, "Summer's the worst for my skin, so I stay inside. Autumn is better."),
    (C, "Biscuit is the only one who gets me out of bed. She needs walking at seven whether I like it or not."),
    (C, "The PHQ-9 thing you gave me, I scored fourteen, is that bad?"),
    (T, "Fourteen suggests moderate symptoms. It's a snapshot, not a verdict."),
    (C, "Autism runs in our family, I think. Asperger's, they called it back then."),
    (T, "You said 'Nana would have known what to do.' What would she have done?"),
    (C, "I'm a Scorpio, so, yeah, I hold grudges."),
    (C, "Every New Year I tell myself this'll be the year, and every February I've given up."),
]

MARK = re.compile(r"\[\[([A-Z]+):([^\[\]]+?)\]\]")


def parse(marked: str) -> tuple[str, list[dict]]:
    """Turn '... [[LABEL:text]] ...' into plain text and offset spans."""
    out: list[str] = []
    spans: list[dict] = []
    pos = 0  # position in `marked`
    length = 0  # length of plain text built so far
    for m in MARK.finditer(marked):
        before = marked[pos:m.start()]
        out.append(before)
        length += len(before)
        label, text = m.group(1), m.group(2)
        spans.append({"start": length, "end": length + len(text), "label": label, "text": text})
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def validate(records: list[dict]) -> list[str]:
    errors: list[str] = []
    seen_ids: set[str] = set()
    for r in records:
        rid, text = r["id"], r["text"]
        if rid in seen_ids:
            errors.append(f"{rid}: duplicate id")
        seen_ids.add(rid)
        if r["speaker"] not in ("client", "therapist"):
            errors.append(f"{rid}: bad speaker {r['speaker']!r}")
        if "[[" in text or "]]" in text:
            errors.append(f"{rid}: leftover markup in text: {text!r}")
        prev_end = -1
        for s in sorted(r["spans"], key=lambda s: (s["start"], s["end"])):
            if s["label"] not in LABELS:
                errors.append(f"{rid}: unknown label {s['label']!r}")
            if not (0 <= s["start"] < s["end"] <= len(text)):
                errors.append(f"{rid}: offsets out of range {s}")
            if text[s["start"]:s["end"]] != s["text"]:
                errors.append(f"{rid}: span text mismatch {s} vs {text[s['start']:s['end']]!r}")
            if s["text"] != s["text"].strip():
                errors.append(f"{rid}: span has surrounding whitespace {s}")
            if s["start"] < prev_end:
                errors.append(f"{rid}: overlapping spans at {s}")
            prev_end = s["end"]
    return errors


def build_records(utterances: list[tuple[str, str]], prefix: str) -> list[dict]:
    """Records with ids <prefix>001, <prefix>002, ... from (speaker, marked text) pairs."""
    records = []
    for i, (speaker, marked) in enumerate(utterances, start=1):
        text, spans = parse(marked)
        records.append({"id": f"{prefix}{i:03d}", "speaker": speaker, "text": text, "spans": spans})
    return records


def check_mix(records: list[dict], minimums: dict[str, int], min_total: int,
              others: tuple[tuple[str, int, int], ...] = ()) -> list[str]:
    """Too few mentions of a label, in all, or of anything in ``others`` (what, have, need)."""
    counts = Counter(s["label"] for r in records for s in r["spans"])
    errors = [f"{label}: {counts[label]} mentions, need at least {minimum}"
              for label, minimum in minimums.items() if counts[label] < minimum]
    for what, have, need in (("total mentions", sum(counts.values()), min_total), *others):
        if have < need:
            errors.append(f"{what}: {have}, need at least {need}")
    return errors


def write_set(records: list[dict], out: Path, errors: list[str]) -> int:
    """Write the set as JSON lines after its checks, read it back and check again, print a summary."""
    errors = validate(records) + errors
    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        return 1
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    reread = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    if validate(reread) or reread != records:
        print("ERROR: the file read back differs from what was written", file=sys.stderr)
        return 1
    counts = Counter(s["label"] for r in records for s in r["spans"])
    speakers = Counter(r["speaker"] for r in records)
    lower = sum(1 for r in records if r["text"] == r["text"].lower())
    print(f"wrote {out.name}: {len(records)} utterances ({speakers['client']} client, "
          f"{speakers['therapist']} therapist; {lower} lowercase speech-recognition style)")
    for label in LABELS:
        print(f"  {label:<8} {counts[label]:>4}")
    print(f"  {'total':<8} {sum(counts.values()):>4}")
    print(f"utterances with no identifying mention: {sum(1 for r in records if not r['spans'])}")
    return 0


# --- checks shared by the later probe sets (build_probe2/3/4.py) -----------------------------------


def read_records(paths) -> list[dict]:
    """Every record (a dict with a text) of the JSON-lines files ``paths``."""
    records = []
    for path in paths:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        records += [r for r in rows if isinstance(r, dict) and "text" in r]
    return records


def check_fresh(records: list[dict], earlier: list[dict]) -> list[str]:
    """No utterance may repeat an earlier set word for word (case ignored), nor itself."""
    seen = {r["text"].lower() for r in earlier}
    errors = [f"{r['id']}: same text as an existing set" for r in records if r["text"].lower() in seen]
    mine: dict[str, str] = {}
    for r in records:
        if r["text"].lower() in mine:
            errors.append(f"{r['id']}: same text as {mine[r['text'].lower()]}")
        mine.setdefault(r["text"].lower(), r["id"])
    return errors


def earlier_names(earlier: list[dict]) -> set[str]:
    return {s["text"].lower() for r in earlier for s in r.get("spans", []) if s.get("label") == "PERSON" and "text" in s}


def check_names(records: list[dict], earlier: list[dict], titles: set[str]) -> list[str]:
    """No PERSON span (nor any single word of one, ``titles`` aside) repeats a PERSON span of an earlier set."""
    theirs = earlier_names(earlier)
    errors = []
    for r in records:
        for s in r["spans"]:
            if s["label"] != "PERSON":
                continue
            whole = s["text"].lower()
            for cand in {whole, *(p for p in whole.split() if p not in titles)}:
                if cand in theirs:
                    errors.append(f"{r['id']}: PERSON {s['text']!r} reuses an earlier set's name {cand!r}")
    return errors


def check_empty_lowercase(records: list[dict]) -> list[str]:
    """Lowercase lines must also have no capital letter anywhere (speech-recognition style)."""
    return [f"{r['id']}: lowercase-looking line has a capital" for r in records
            if r["text"] != r["text"].lower() and r["text"][:1].islower() and not r["spans"]]


def word_name_counts(records: list[dict], words, person_only: bool = False) -> dict[str, tuple[int, int]]:
    """For each word that is also a name: (labelled, unlabelled: a word, a pet or an endearment).
    ``person_only``: only a PERSON span counts as labelled (an occurrence inside another label's
    span then counts as neither)."""
    out = {}
    for w in words:
        named = plain = 0
        for r in records:
            for m in re.finditer(rf"\b{w}\b", r["text"], re.IGNORECASE):
                covering = [s for s in r["spans"] if s["start"] <= m.start() and m.end() <= s["end"]]
                if any(s["label"] == "PERSON" or not person_only for s in covering):
                    named += 1
                elif not covering:
                    plain += 1
        out[w] = (named, plain)
    return out


def check_word_names(records: list[dict], words, person_only: bool = False) -> list[str]:
    """Every word-name occurs at least once labelled and once unlabelled."""
    return [f"word-name {w!r}: {n} labelled, {p} as a word (need at least one of each)"
            for w, (n, p) in word_name_counts(records, words, person_only).items() if n < 1 or p < 1]


def main() -> int:
    records = build_records(UTTERANCES, "r")
    return write_set(records, OUT, check_mix(records, MINIMUMS, MIN_TOTAL))


if __name__ == "__main__":
    sys.exit(main())
