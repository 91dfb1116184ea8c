#!/usr/bin/env python3
"""Build the probe redaction set (probe_mentions.jsonl).

A fourth labelled set, written fresh by an independent annotator (an AI annotation agent
working alone from tests/data/redaction/README.md and build_set.py), without access to the
redactor's code and without running any redaction on these texts. It is only for measuring:
do not tune patterns or word lists against these utterances; if it is ever used for tuning,
write a new set.

Same format, labels and labelling decisions as the other sets, plus one new label, HANDLE
(a social-media handle, username or gamer tag, written or spoken; the span is the handle
only). The span markup and writer are shared with build_set.py; its label list is extended
here with HANDLE (build_set.py itself is not changed).

The set leans on what redactors tend to miss: lowercase speech-recognition-style lines, kin
words and forms of address before a name ("uncle ray"), nicknames, given names that are
ordinary words (and the same words used as words, unlabelled), handles, ages and numbers in
words, spoken phone numbers and dates of birth, house numbers in words, names of many
origins with non-ASCII letters, and places and organisations that are ordinary words.

All text is invented; people, streets, schools, clinics, employers, churches and prisons are
made up (towns, countries, chains, apps, universities and national services are real). Phone
numbers come from Ofcom's drama ranges and US 555-01xx, e-mail from example.com/.org/.net/
.co.uk, NHS numbers start 999, National Insurance numbers use the QQ prefix, the Social
Security number uses area 9xx; the checks below verify this, spoken forms included.
A pet's name is not labelled. Run with plain python3:

    python3 tests/data/redaction/build_probe.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = HERE
sys.path.insert(0, str(SETS))
import build_set  # noqa: E402
from build_set import build_records, check_mix, write_set  # noqa: E402

# HANDLE was new when this set was written; build_set.LABELS has it since.
LABELS = build_set.LABELS

OUT = HERE / "probe_mentions.jsonl"
MINIMUMS = {"PERSON": 80, "PLACE": 25, "ORG": 30, "DATE": 12, "AGE": 20,
            "PHONE": 5, "EMAIL": 3, "ADDRESS": 5, "ID": 4, "HANDLE": 12}
MIN_TOTAL = 180
MIN_UTTERANCES = 160
MIN_THERAPIST = 18
MIN_LOWERCASE = 60
MIN_EMPTY = 40

C, T = "client", "therapist"

# (speaker, marked text); ids are p001, p002, ... Lowercase unpunctuated lines imitate
# speech-recognition output.
UTTERANCES: list[tuple[str, str]] = [
    # --- kin words and forms of address before a name (kin word outside the span) -----
    (C, "Uncle [[PERSON:Ray]] was the one who taught me to drive, in his van, round and round the industrial estate."),
    (C, "Nana [[PERSON:Jean]] kept every card I ever sent her in a shoebox under the bed."),
    (C, "Auntie [[PERSON:Funmi]] rang from [[PLACE:Abeokuta]] and the first thing she asked was whether I'd put on weight."),
    (C, "Grandad [[PERSON:Reg]] lost two fingers down the pit at [[PLACE:Maltby]] and never once complained about it."),
    (C, "Aunty [[PERSON:Parveen]] and Uncle [[PERSON:Shahid]] have offered to have the kids over half term."),
    (C, "Tía [[PERSON:Rocío]] keeps telling me to pray about it, like I haven't tried."),

    # --- nicknames and diminutives --------------------------------------------------------
    (C, "We call him [[PERSON:Dazza]]; nobody's called him [[PERSON:Darren]] since about Year 7."),
    (C, "There's [[PERSON:Big Ben]] and [[PERSON:Little Ben]] on my shift, and it was [[PERSON:Little Ben]] who noticed I'd been crying."),
    (C, "[[PERSON:T-Bone]] was my dealer, basically, though he'd say he was just a mate doing me a favour."),
    (C, "My dad's [[PERSON:Smudge]] to everyone at the depot. His real name's [[PERSON:Gerald]] and he hates it."),

    # --- given names that are ordinary words, used as names ------------------------------
    (C, "[[PERSON:Precious]] is my eldest. She's [[AGE:seventeen]] and she thinks I don't see how much she's carrying."),
    (C, "Then there's [[PERSON:Blessing]], who's [[AGE:twelve]], and the baby, [[PERSON:Favour]]."),
    (T, "[[PERSON:Faith]], you've said 'I'm fine' three times now. What's underneath fine?"),
    (C, "[[PERSON:Destiny]] was in my group at [[ORG:Brightwater Lodge]], the rehab, and we still talk every day."),
    (C, "My partner, [[PERSON:Storm]], chose that name for themself when they were [[AGE:sixteen]]."),
    (C, "[[PERSON:Rusty]] at the allotments gave me a bag of runner beans and I nearly cried."),
    (C, "I don't want my granddaughter [[PERSON:Ivy]] growing up thinking shouting is normal."),
    (C, "[[PERSON:Rocky]], my brother, got out of [[ORG:HMP Farrowmoor]] a fortnight ago and he's already drinking."),
    (C, "[[PERSON:Jade]] blocked me on everything after the party."),
    (C, "Auntie [[PERSON:Pearl]] was the one who said it out loud at the funeral: he was never kind to you."),
    (T, "[[PERSON:Hope]], I'm noticing you went very quiet when your dad came up."),
    (C, "[[PERSON:Sunny]] from next door feeds the cat when I'm on nights."),
    (C, "My eldest, [[PERSON:Summer]], starts at [[ORG:Fairholme High]] in September."),
    (C, "[[PERSON:Will]] will not apologise. He'd rather die."),
    (C, "[[PERSON:Grace]] and I split the rent, but she's never once cleaned the bathroom."),

    # --- the same words used as words (no mention) ------------------------------------------
    (C, "I keep saying I hope it gets better, but I don't have much hope left, if I'm honest."),
    (C, "It's a blessing, really, that the kids are too young to remember most of it."),
    (C, "My dog's called Rusty and he's the reason I leave the house at all."),
    (C, "We've hit a rocky patch, and I'm not sure we'll come through it this time."),
    (C, "She wears the jade bracelet and the pearl earrings her gran left her, every single day."),
    (C, "There's ivy all over the back wall and I can't face cutting it back."),
    (C, "It's been sunny all week and I haven't been outside once."),
    (C, "It's like a storm in my head, that's the only way I can describe it."),
    (C, "Maybe it's destiny. Maybe I'm just meant to be on my own."),
    (C, "Keeping faith with the plan is hard when the summer holidays are six weeks of chaos."),
    (T, "What would it be like to show yourself a bit of grace this week?"),
    (C, "My little one calls everything precious: the worms, the cat, the bin lorry."),
    (C, "Our cat, Storm, had kittens under the stairs on Tuesday and I cried for an hour."),
    (C, "I will, I promise. I'll fill in the diary every evening this time."),

    # --- therapists addressing the client by name ----------------------------------------
    (T, "[[PERSON:Kwabena]]. Take your time."),
    (T, "[[PERSON:Priyanka]], can I check something you said earlier?"),
    (T, "[[PERSON:Oisín]], what did your body do when he said that?"),
    (T, "So, [[PERSON:Małgorzata]], where would you like to start today?"),
    (T, "[[PERSON:Zoë]], before we finish, shall we plan for the [[DATE:18th of October]]?"),
    (T, "Thanks for waiting, [[PERSON:Mr Adeyemi]]; the room was double-booked."),
    (T, "[[PERSON:Søren]]. I want to slow down here."),
    (T, "[[PERSON:Chinedu]], you said your uncle called you weak. What did you feel when he said it?"),
    (T, "[[PERSON:Luz]], it sounds like Abuela [[PERSON:Carmen]] was the safe one in that house."),
    (T, "[[PERSON:Orla]], you mentioned [[PLACE:Letterkenny]] last week. Is that where it started?"),
    (T, "When you were [[AGE:eleven]] and living in [[PLACE:Montego Bay]], who looked after you?"),
    (T, "Shall I write to [[PERSON:Dr Mwangi]] about the sleep, [[PERSON:Tomás]]?"),

    # --- names of many origins, places, organisations (cased) -----------------------------
    (C, "[[PERSON:Adaeze]] and I shared a room at uni in [[PLACE:Sheffield]], and she's the one who found me."),
    (C, "[[PERSON:Ștefan]] and [[PERSON:Ioana]] from [[PLACE:Cluj]] rent the room downstairs."),
    (C, "[[PERSON:Gráinne]] at [[ORG:Bayview Family Resource Centre]] in [[PLACE:Cork]] found me the place."),
    (C, "[[PERSON:Hamid]] drives a cab in [[PLACE:Reading]] and sends half of it home to [[PLACE:Herat]]."),
    (C, "[[PERSON:Dr Mwangi]] at [[ORG:Elmfield Surgery]] was the first doctor who believed me."),
    (C, "I buy all my work clothes from [[ORG:Next]] because I can't face choosing."),
    (C, "[[PERSON:Bích Ngọc]] translated for my mum at the appointment."),
    (C, "The kids, [[PERSON:Ayesha]] and [[PERSON:Zain]], are [[AGE:four]] and [[AGE:two]], so nobody sleeps in our house."),
    (C, "[[PERSON:Father Tadhg]] told my mother it was a sin, and that was the end of that."),
    (C, "[[PERSON:Layla]] got into [[ORG:Durham]] and I'm terrified of her leaving."),
    (C, "We had a weekend in [[PLACE:Durham]] for our anniversary and argued the whole time."),
    (C, "My sister [[PERSON:Chelsea]] married a [[ORG:Chelsea]] fan, which Dad has never forgiven."),
    (C, "[[PERSON:Siobhán]] says I should ring [[ORG:Gingerbread]], the single parents' charity, but I feel like a fraud."),

    # --- handles, usernames, gamer tags (written) --------------------------------------------
    (C, "He messaged me from a new account, [[HANDLE:@kieran.j.88]], an hour after I'd blocked the first one."),
    (C, "My gamer tag's [[HANDLE:xXNightOwlXx]] and that's where I actually have friends."),
    (C, "Her [[ORG:TikTok]] is [[HANDLE:@glowupwithgem]], two hundred thousand followers, and my daughter copies everything."),
    (T, "You don't have to tell me the username, but what's the account like?"),
    (C, "Someone called [[HANDLE:@realtalk_kev]] posted my street in the comments."),
    (C, "On [[ORG:Discord]] I'm [[HANDLE:moth_lamp]], and nobody there knows my real name."),
    (C, "I posted on [[ORG:Reddit]] as [[HANDLE:u/quietfox_77]] asking if what he did counts as abuse."),
    (C, "My brother's [[ORG:Xbox]] tag is [[HANDLE:DazzaDestroyer]], which tells you everything."),
    (C, "Look up [[HANDLE:@ikenna.paints]] on [[ORG:Instagram]] and you'll see what I mean."),
    (C, "It's [[HANDLE:Ruby underscore Rants]], all one word, on [[ORG:Twitch]]."),

    # --- dates, ages, contact details, identifiers (cased) -------------------------------------
    (C, "My date of birth's [[DATE:14/02/1991]], and they always think it's a joke."),
    (C, "He died on the [[DATE:3rd of August 2019]], just after his birthday."),
    (C, "I was [[AGE:twenty-three]] when I had [[PERSON:Kojo]], and his dad was [[AGE:forty]]."),
    (C, "We moved into [[ADDRESS:58 Abernethy Road, Dundee DD3 9QT]] when the baby came."),
    (C, "The flat's [[ADDRESS:Flat 2, 7 Poplar Mews, Reading RG1 8XW]], but my post still goes to Mum's."),
    (C, "Best number's [[PHONE:07700 900845]]; text first if you can."),
    (C, "Ring the landline, [[PHONE:0161 496 0937]], if my mobile's off."),
    (C, "My mom's cell is [[PHONE:(312) 555-0177]], she's my emergency contact."),
    (C, "Send it to [[EMAIL:r.okonjo@example.net]] and I'll print it out at the library."),
    (C, "The referral went to [[EMAIL:admin.sycamore@example.org]] and nobody ever replied."),
    (C, "My NI number's [[ID:QQ 71 40 28 B]], it's on the letter from the [[ORG:DWP]]."),
    (T, "I've got your [[ORG:NHS]] number as [[ID:999 618 2043]]; is that right?"),
    (C, "The case reference from [[ORG:Harwood Children's Services]] is [[ID:CS/44719/K]], if you need it."),
    (C, "They asked for my social again, [[ID:934-27-6610]], like they'd never seen it before."),
    (C, "[[PERSON:Kojo]] was born on the [[DATE:9th of November 2010]] at [[ORG:St Aldhelm's Hospital]]."),
    (C, "Our little girl is [[AGE:eight months old]] and I still haven't felt that rush people talk about."),
    (C, "In [[DATE:2015]] we left [[PLACE:Asmara]], and we got to [[PLACE:Calais]] in [[DATE:2016]]."),
    (C, "It happened on [[DATE:Friday 7th June]], after the leaving do."),
    (C, "My date of birth is the [[DATE:twelfth of the ninth, ninety-six]], if you need it for the form."),
    (C, "The refuge moved me again, so please don't put [[ADDRESS:14 Kittiwake Close, Hull HU9 2PL]] on anything he might see."),

    # --- lowercase speech-recognition style, with mentions -------------------------------------
    (C, "uncle [[PERSON:ray]] used to take us to [[PLACE:mablethorpe]] every august and that was the only holiday we had"),
    (C, "nanna [[PERSON:dot]] is [[AGE:eighty seven]] and she still does the crossword in pen"),
    (C, "auntie [[PERSON:yinka]] keeps saying i should come back to [[PLACE:osogbo]] for a bit and rest"),
    (C, "grandad [[PERSON:reg]] was a miner in [[PLACE:barnsley]] and he never talked about feelings ever"),
    (C, "my cousin [[PERSON:dev]] works at [[ORG:sports direct]] in [[PLACE:reading]] and he got me a trial shift"),
    (C, "big sis [[PERSON:tash]] messaged me on [[ORG:snapchat]] at like two in the morning"),
    (C, "me and [[PERSON:little ben]] got the bus down to [[PLACE:cork]] to see his mam"),
    (C, "[[PERSON:dazza]] got sacked from [[ORG:next]] for nicking a jacket"),
    (C, "we all went to the [[PLACE:crown]] after the funeral and [[PERSON:moz]] started a fight"),
    (C, "when i was like [[AGE:eleven]] my dad left and we moved to [[PLACE:wrexham]]"),
    (C, "she turned [[AGE:nineteen]] on saturday and didnt even invite me"),
    (C, "hes [[AGE:forty two years old]] and still lives with his mum in [[PLACE:dudley]]"),
    (C, "the twins are [[AGE:five]] and [[AGE:three]] and i cant leave them with anyone"),
    (C, "at [[AGE:sixteen]] i was already doing weekends at [[ORG:greggs]]"),
    (C, "my date of birth is the [[DATE:fourth of june two thousand and three]]"),
    (C, "my number is [[PHONE:oh seven seven oh oh nine double oh three one two]]"),
    (C, "you can ring my mam on [[PHONE:oh one one three four nine six oh two seven four]]"),
    (C, "we live at [[ADDRESS:twenty seven bramble way]] its the one with the blue door"),
    (C, "my [[ORG:insta]] is [[HANDLE:kemi underscore draws]] if you want to see what i mean"),
    (C, "his gamer tag is [[HANDLE:shadow reaper seven seven]] and he plays with lads from [[PLACE:ohio]] till four am"),
    (C, "she follows this girl at [[HANDLE:glow with gem]] on [[ORG:tiktok]] and its all weight loss stuff"),
    (C, "[[PERSON:małgorzata]] is my sisters name but everyone says [[PERSON:gosia]]"),
    (C, "the [[ORG:dwp]] stopped my money in [[DATE:january twenty twenty two]] and i had to go to the food bank"),
    (C, "my husband [[PERSON:nguyễn văn hải]] doesnt know im here"),
    (C, "my ex [[PERSON:storm]] keeps making new accounts hes [[HANDLE:storm dot chaser ninety nine]] now"),
    (C, "my key worker [[PERSON:hope]] says i should do a course at [[ORG:lantern recovery college]]"),
    (C, "[[PERSON:precious]] texted me from [[PLACE:harare]] saying her mum is really sick"),
    (C, "me and [[PERSON:blessing]] met at [[ORG:primark]] we were both on the tills"),
    (C, "grandad [[PERSON:will]] died when i was [[AGE:nine]]"),
    (C, "my daughter [[PERSON:summer]] is [[AGE:seven]] and she asked me why i cry in the car"),
    (C, "[[PERSON:sunny]] and [[PERSON:rocky]] are my brothers and yeah my mum had a theme"),
    (C, "i was born in [[PLACE:tralee]] in [[DATE:nineteen eighty eight]] and we moved over when i was [[AGE:four]]"),
    (C, "we were at [[ADDRESS:one hundred and four fenwick road]] until the bailiffs came"),
    (C, "my new address is [[ADDRESS:flat four thirty three tanner street bolton]] but dont put it on the letters to my dad"),
    (C, "my [[ORG:nhs]] number is [[ID:nine nine nine three one four two six eight oh]]"),
    (C, "the email is [[EMAIL:kemi dot a at example dot co dot uk]]"),
    (C, "i play [[ORG:roblox]] with my cousin [[PERSON:idris]] his name on there is [[HANDLE:idris the great two thousand]]"),
    (C, "i was [[AGE:thirteen]] when i met him on [[ORG:discord]] and he said he was [[AGE:fifteen]]"),
    (C, "hes on [[ORG:twitch]] as [[HANDLE:big dunc plays]] most nights"),
    (C, "the appointment at the [[ORG:sycamore unit]] is on the [[DATE:twelfth of may]]"),
    (C, "my sister [[PERSON:jade]] had the baby on [[DATE:boxing day twenty nineteen]]"),
    (C, "my step mum [[PERSON:shaz]] reckons im attention seeking"),
    (C, "[[PERSON:pc hollins]] was nice to be fair she gave me a leaflet"),
    (C, "my sister works at [[ORG:superdrug]] in [[PLACE:bury]] and i hardly ever see her"),
    (C, "we moved to [[PLACE:bath]] for his job and i know nobody"),
    (C, "i grew up in [[PLACE:hope]] in [[PLACE:derbyshire]] its tiny everyone knows your business"),
    (C, "my brother [[PERSON:jules]] is in [[PLACE:nice]] now working on the yachts"),
    (C, "my mum calls me babygirl but my name is [[PERSON:oluwatobi]] and at work im [[PERSON:tobi]]"),
    (C, "[[PERSON:marlon]] from my squad on [[ORG:xbox]] goes by [[HANDLE:marlz underscore x]]"),

    # --- no mention, lowercase: hard negatives ---------------------------------------------------
    (C, "i just want one summer where nothing bad happens you know"),
    (C, "my nan always said what will be will be and i used to find that comforting"),
    (C, "uncle always has something to say about my weight every christmas"),
    (C, "the dog is getting old now hes about twelve and his back legs are going"),
    (C, "i scored twelve on the gad seven and nineteen on the phq nine last time"),
    (C, "we did an hour of emdr on thursday and i was wiped out for the rest of the day"),
    (C, "theyve put me up to forty five milligrams of mirtazapine and im sleeping like twelve hours"),
    (C, "it cost like ninety quid for the train and i was sat there for three hours"),
    (C, "my mum and my stepdad and my big sister were all there and nobody said a word"),
    (C, "march is always bad because thats when it happened"),
    (C, "in year eleven i basically stopped going to school"),
    (C, "the crisis team came out on sunday and again on monday"),
    (C, "she called me a precious little snowflake and told me to grow up"),
    (C, "reading is the one thing that still calms me down"),
    (C, "i had a long bath and it didnt help at all"),
    (C, "next week is the anniversary and i dont know what to do with myself"),

    # --- no mention, cased: hard negatives -------------------------------------------------------
    (T, "Last time your CORE-10 was 18; today it's 11. What do you make of that?"),
    (C, "I've been married twenty-three years, and for nineteen of them I was unhappy."),
    (C, "Every Mother's Day I go to the grave and just sit there."),
    (T, "On a scale of nought to a hundred, how strongly do you believe that thought right now?"),
    (C, "The Polish lads at work are alright, but I can't follow half the banter."),
    (C, "My nan had Huntington's, and I've been too scared to get tested."),
    (C, "The flat hasn't been decorated since the nineties, and the damp's getting into everything."),
    (T, "You mentioned Tuesdays feel heavier. What happens on a Tuesday?"),
    (C, "The health visitor said he's on the 25th centile, which means nothing to me."),
    (C, "Auntie said I was being dramatic, and Grandad just turned the telly up."),
    (C, "Sixty-eight kilos. I weigh myself every morning before anyone's up."),
]

# Checks that the set keeps to fiction/test ranges (spoken forms included) and is fresh.
NUMBER_WORDS = {"oh": "0", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
                "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
UK_PREFIXES = ("07700900", "01134960", "01614960", "02079460", "08081570", "447700900")


def spoken_digits(text: str) -> str:
    """'oh seven double oh' -> '0700'; written digits are kept."""
    out, repeat = [], 1
    for tok in re.findall(r"[a-z]+|\d", text.lower()):
        if tok in ("double", "triple"):
            repeat = 2 if tok == "double" else 3
        elif tok in NUMBER_WORDS or tok.isdigit():
            out.append(NUMBER_WORDS.get(tok, tok) * repeat)
            repeat = 1
    return "".join(out)


def check_ranges(records: list[dict]) -> list[str]:
    errors = []
    for r in records:
        for s in r["spans"]:
            where = f"{r['id']}: {s['label']} {s['text']!r}"
            if s["label"] == "PHONE":
                d = spoken_digits(s["text"])
                us = len(d) == 10 and d[3:6] == "555" and d[6:8] == "01"
                if not (d.startswith(UK_PREFIXES) or us):
                    errors.append(f"{where}: not in a fiction range ({d})")
            elif s["label"] == "EMAIL":
                dom = re.sub(r"\s+dot\s+", ".", s["text"].split("@")[-1].split(" at ")[-1])
                if not re.fullmatch(r"example\.(com|org|net|co\.uk)", dom):
                    errors.append(f"{where}: domain {dom!r} is not an example domain")
            elif s["label"] == "ID":
                d = spoken_digits(s["text"])
                ok = (s["text"].upper().startswith("QQ") or d.startswith("999") and len(d) == 10
                      or re.fullmatch(r"9\d\d-\d\d-\d{4}", s["text"]) or s["text"].startswith("CS/"))
                if not ok:
                    errors.append(f"{where}: not a test-range identifier")
    return errors


def check_fresh(records: list[dict]) -> list[str]:
    """No utterance may repeat one of the team's sets word for word."""
    seen = set()
    for name in ("identifying_mentions.jsonl", "heldout_mentions.jsonl", "final_mentions.jsonl"):
        path = SETS / name
        if path.exists():
            seen |= {json.loads(line)["text"].lower() for line in path.read_text(encoding="utf-8").splitlines()}
    return [f"{r['id']}: same text as an existing set" for r in records if r["text"].lower() in seen]


def check_lowercase_style(records: list[dict]) -> list[str]:
    """Lowercase lines imitate speech recognition: no sentence punctuation (handles aside)."""
    errors = []
    for r in records:
        if r["text"] == r["text"].lower():
            rest = r["text"]
            for s in r["spans"]:
                if s["label"] in ("HANDLE", "EMAIL"):
                    rest = rest.replace(s["text"], "")
            if re.search(r"[.,;:!?'\"]", rest):
                errors.append(f"{r['id']}: lowercase line has punctuation")
    return errors


WORD_NAMES = ("hope", "precious", "blessing", "sunny", "rusty", "summer", "will", "grace", "faith",
              "destiny", "ivy", "rocky", "jade", "pearl", "storm")


def word_name_report(records: list[dict]) -> str:
    """How often each word-name occurs labelled as a name and unlabelled (as a word or a pet)."""
    parts = []
    for w in WORD_NAMES:
        named = plain = 0
        for r in records:
            for m in re.finditer(rf"\b{w}\b", r["text"], re.IGNORECASE):
                if any(s["start"] <= m.start() and m.end() <= s["end"] for s in r["spans"]):
                    named += 1
                else:
                    plain += 1
        parts.append(f"{w} {named}/{plain}")
    return "word-names labelled/unlabelled: " + ", ".join(parts)


def main() -> int:
    records = build_records(UTTERANCES, "p")
    lower = sum(1 for r in records if r["text"] == r["text"].lower())
    empty = sum(1 for r in records if not r["spans"])
    therapist = sum(1 for r in records if r["speaker"] == T)
    others = (("utterances", len(records), MIN_UTTERANCES), ("therapist utterances", therapist, MIN_THERAPIST),
              ("lowercase utterances", lower, MIN_LOWERCASE), ("no-mention utterances", empty, MIN_EMPTY))
    errors = (check_mix(records, MINIMUMS, MIN_TOTAL, others) + check_ranges(records)
              + check_fresh(records) + check_lowercase_style(records))
    rc = write_set(records, OUT, errors)
    if rc == 0:
        lower_mentions = sum(1 for r in records if r["text"] == r["text"].lower() and r["spans"])
        print(f"lowercase utterances with a mention: {lower_mentions}; "
              f"utterances with a mention: {len(records) - empty}")
        print(f"non-ASCII spans: {sum(1 for r in records for s in r['spans'] if not s['text'].isascii())}")
        print(word_name_report(records))
    return rc


if __name__ == "__main__":
    sys.exit(main())
