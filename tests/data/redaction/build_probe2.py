#!/usr/bin/env python3
"""Build the second probe redaction set (probe2_mentions.jsonl).

A new held-out labelled set, written fresh by an independent annotator (an AI annotation agent
working alone from tests/data/redaction/README.md, build_set.py and build_probe.py), without
access to the redactor's code and without running any redaction or NER on these texts. It is
only for measuring: do not tune patterns or word lists against these utterances; if it is ever
used for tuning, write a new set.

Same format, labels and labelling decisions as the team's sets (including the decisions listed
under "Probe set (issue 10, unseen)" in that README); decisions taken here where the guidelines
were silent are listed in README.md next to this script. The span markup and writer are shared
with build_set.py, imported from the repository (nothing there is changed).

The set leans on what redactors tend to miss: lowercase speech-recognition-style lines with
filler and run-ons, names opening a sentence with no verb after them, names in lists, names in
a therapist's direct address, names after prepositions, kin words and forms of address before
a name, nicknames and diminutives, given names that are ordinary words (and the same words used
as words, unlabelled), handles written and spoken, ages and numbers in words, spoken phone
numbers, dates of birth and house numbers, names of many origins with non-ASCII letters, and
places and organisations that are ordinary words or lowercase.

All text is invented; people, streets, schools, clinics, surgeries, wards, rehabs, prisons and
addresses are made up (towns, countries, chains, apps, banks, universities, charities and
national services are real). Phone numbers come from Ofcom's drama ranges and US 555-01xx,
e-mail from example.com/.org/.net/.co.uk, NHS numbers start 999, National Insurance numbers use
the QQ prefix, the Social Security number uses area 9xx; the checks below verify this, spoken
forms included. A pet's name is not labelled. Run with plain python3:

    python3 tests/data/redaction/build_probe2.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = HERE
sys.dont_write_bytecode = True  # write nothing next to build_set.py
sys.path.insert(0, str(SETS))
import build_set  # noqa: E402
from build_probe import check_lowercase_style, check_ranges  # noqa: E402
from build_set import (build_records, check_fresh, check_mix, check_word_names, earlier_names, read_records,  # noqa: E402
                       word_name_counts, write_set)

LABELS = build_set.LABELS
assert "HANDLE" in LABELS

OUT = HERE / "probe2_mentions.jsonl"
MINIMUMS = {"PERSON": 80, "PLACE": 25, "ORG": 30, "DATE": 10, "AGE": 20,
            "PHONE": 5, "EMAIL": 3, "ADDRESS": 5, "ID": 4, "HANDLE": 14}
MIN_TOTAL = 190
MIN_UTTERANCES = 160
MIN_THERAPIST = 22
MIN_LOWERCASE = 60
MIN_EMPTY = 40

C, T = "client", "therapist"

# (speaker, marked text); ids are q001, q002, ... Lowercase unpunctuated lines imitate
# speech-recognition output (no apostrophes either: "shonas", "im", "dont").
UTTERANCES: list[tuple[str, str]] = [
    # --- kin words and forms of address before a name (the kin word stays outside) ------
    (C, "My tita [[PERSON:Marites]] basically raised us while Mum was doing nights at [[ORG:Larchfield General]]."),
    (C, "me and ate [[PERSON:crystal]] used to share a bunk bed in [[PLACE:iloilo]] so i know her snoring better than anyone"),
    (C, "Aunty [[PERSON:Carol]] isn't actually my aunty, she's from church, but you call everyone aunty, don't you."),
    (C, "nanny [[PERSON:sandy]] rang again last night asking when im bringing the baby round"),
    (C, "Uncle [[PERSON:Miles]] drove three hundred miles to get me that night and he's never once mentioned it."),
    (C, "Oma [[PERSON:Hildegard]] is [[AGE:ninety-one]] and still sharper than me."),
    (C, "big sis [[PERSON:dani]] said shed have the kids on saturday but then she bailed again"),
    (C, "Dadi-ji came over from [[PLACE:Amritsar]] when I was [[AGE:six]] and never really learned English."),
    (C, "Tío [[PERSON:Nacho]], well, [[PERSON:Ignacio]], but nobody calls him that, paid for the lawyer."),
    (C, "auntie [[PERSON:penny]] gave me her last penny when i got evicted and never asked for it back"),
    (C, "mamó [[PERSON:bríd]] used to say the rosary every night in irish"),
    (C, "[[PERSON:Imam Suleiman]] came to the hospital and sat with Dad all night."),
    (C, "[[PERSON:Sister Perpetua]] ran the home, and she was cruel in ways I still can't say out loud."),
    (C, "[[PERSON:ds whitlock]] rang me about the statement and i just let it ring out"),
    (C, "coach [[PERSON:dele]] was like a dad to me when i was [[AGE:thirteen]]"),

    # --- the therapist addressing the client by name ------------------------------------
    (T, "Okay, [[PERSON:Rukhsana]]. Let's slow down for a second."),
    (T, "what do you make of that [[PERSON:tobias]]"),
    (T, "[[PERSON:Wiremu]], can I check something you said last week?"),
    (T, "That sounds exhausting, [[PERSON:Drew]]."),
    (T, "so [[PERSON:autumn]] when you say youre done what does done look like"),
    (T, "Thank you for telling me that, [[PERSON:Clíodhna]]. I know it wasn't easy."),
    (T, "[[PERSON:Mr Balogun]], before we start, has anything changed with the medication?"),
    (T, "ok [[PERSON:reed]] take your time"),
    (T, "Welcome back, [[PERSON:Sonny]]. How was the week?"),
    (T, "I'm going to pause us there, [[PERSON:Łukasz]], because we're nearly at time."),
    (T, "[[PERSON:Ms Ekwueme-Lowe]], sorry, [[PERSON:Chidinma]], you said I could use your first name."),
    (T, "Can I reflect something back, [[PERSON:Cliff]]? You've mentioned your brother three times today."),
    (T, "When [[PERSON:Nasrin]] said that at the door, what happened in your body?"),
    (T, "Did Aunty [[PERSON:Lorraine]] know about the money?"),
    (T, "So when [[HANDLE:@_ghostwifi]] messaged you, did you know it was him?"),
    (T, "You said you were [[AGE:twelve]] when that started. [[AGE:Twelve]] is very young."),

    # --- names opening a sentence without a verb, in lists, after prepositions ----------
    (C, "[[PERSON:Delroy]]? No. [[PERSON:Delroy]] would never say sorry, not in a million years."),
    (C, "[[PERSON:Begoña]] and [[PERSON:Ugochi]] and me, that was the whole friendship group at [[ORG:St Oriel's]]."),
    (C, "me [[PERSON:kwesi]] [[PERSON:jojo]] and [[PERSON:big ama]] went down to [[PLACE:brighton]] for the day and it was the first time id laughed in months"),
    (C, "we ended up round at [[PERSON:shona]]s till like four in the morning"),
    (C, "[[PERSON:Bongani]], [[PERSON:Thandeka]], the twins, all of them were at the funeral except him."),
    (C, "its always [[PERSON:clay]] this and [[PERSON:clay]] that with my dad like i dont exist"),
    (C, "no its [[PERSON:yaw]] not [[PERSON:kwaku]] [[PERSON:kwaku]] is the other one"),
    (C, "[[PERSON:Gonzo]], [[PERSON:Fitzy]], [[PERSON:Tubs]]. That's the lads. That's who I'd call."),
    (C, "i was meant to be going with [[PERSON:olamide]] but she pulled out last minute"),
    (C, "I did it for [[PERSON:Teodora]], not for me. Never for me."),
    (C, "[[PERSON:harpreet]] [[PERSON:jaspal]] and me all went to [[ORG:brackenmoor high]] together"),

    # --- given names that are ordinary words, used as names ----------------------------
    (C, "[[PERSON:Heather]] was the only one at the hostel who'd sit with me when it got bad."),
    (C, "and then [[PERSON:guy]] just stopped replying like ghosted me completely"),
    (C, "My tutor, [[PERSON:Dean]], went over my head to the dean, and that was that."),
    (C, "[[PERSON:lucky]] my cousin is the one who noticed i wasnt eating"),
    (C, "[[PERSON:Brook]] and I met on [[ORG:Bumble]], and for about a month it was perfect."),
    (C, "[[PERSON:holly]] from the pharmacy knows more about my life than my own family"),

    # --- the same words used as words (no mention) ------------------------------------
    (C, "she got me one of them reed diffusers like that fixes anything"),
    (C, "It was holly and tinsel everywhere and I just wanted to scream."),
    (C, "she kept calling me honey and babe like we were mates"),
    (C, "There's a little brook behind the estate where I go when it's too much."),
    (C, "The sky was this horrible grey and I thought, that's it, that's my mood sorted for the autumn."),
    (C, "we went carol singing once and its the last happy christmas i remember"),
    (C, "It was a sandy little beach, nothing special, but I felt safe there."),
    (C, "i got a bill from the council for the bins and i just put it in the drawer with the rest"),
    (C, "Crystal clear, she said, like I was thick."),
    (C, "Patience is what they keep telling me. Be patient. I'm sick of being patient."),
    (C, "We stood at the top of the cliff and I thought about it. I didn't, but I thought about it."),
    (C, "Dawn's the worst time. Everything feels possible and awful at once."),
    (C, "i drew a picture of it like she said and then ripped it up"),
    (C, "The heather was out on the moors and I couldn't even enjoy it."),
    (C, "Lucky, the dog, is the only reason I get out of bed."),
    (C, "some guy on the bus started talking to me and i just froze"),
    (C, "the copper called me sonny like i was a kid"),
    (C, "we did clay at the day centre and i made an ashtray even though i dont smoke"),

    # --- handles, usernames and gamer tags (platform is a separate ORG) ----------------
    (C, "She made a fake account, [[HANDLE:@not_ur_bestie_22]], and used it to message my girlfriend."),
    (C, "his gamertag is [[HANDLE:grim reaper underscore zero seven]] and he plays with my son every night on [[ORG:playstation]]"),
    (C, "I blocked [[HANDLE:@moonchild.vee]] on [[ORG:Tumblr]] but she just came back as [[HANDLE:@moonchild.vee2]]."),
    (C, "my username on there is just [[HANDLE:kestrel dot nine]] like the bird"),
    (C, "On [[ORG:Discord]] he's [[HANDLE:VoidRunnerX]]; in real life he's a [[AGE:fifteen-year-old]] from [[PLACE:Stockport]]."),
    (C, "He found my old [[ORG:Reddit]] account, [[HANDLE:u/quietcartographer]], and read everything I'd ever posted."),
    (C, "she goes by at [[HANDLE:lil bean underscore official]] on [[ORG:youtube]] and she has like forty thousand subscribers"),
    (C, "My brother's [[ORG:Kick]] name is [[HANDLE:ChunkyBadger_TV]] and he streams till four in the morning."),
    (C, "The troll was [[HANDLE:@r4ven_m0urn]], and the police said there's nothing they can do."),
    (C, "someone called [[HANDLE:xx dark angel xx]] keeps adding me on [[ORG:fortnite]] and hes obviously an adult"),
    (C, "On [[ORG:Threads]] she's [[HANDLE:@itsmarisol.b]], which has her name in it, which is how I found her."),
    (C, "he messaged me from [[HANDLE:jayden dot parks dot two thousand and six]] on [[ORG:telegram]]"),
    (C, "um he was like add me im [[HANDLE:tall dark and hamza]] on [[ORG:insta]]"),

    # --- ages and numbers in words -----------------------------------------------------
    (C, "i was [[AGE:fourteen]] when i first got drunk and [[AGE:fifteen]] when i first got arrested"),
    (C, "the baby was [[AGE:eight weeks old]] when he left"),
    (C, "theyre [[AGE:six]] [[AGE:four]] and [[AGE:two]] so you can imagine the mornings"),
    (C, "He was [[AGE:forty-seven]]. That's no age, is it? [[AGE:Forty-seven]]."),
    (C, "at [[AGE:nineteen]] i had two kids and a flat in [[PLACE:kirkby]] and no idea what i was doing"),
    (C, "nanny [[PERSON:vi]] is [[AGE:ninety three]] and she still does her own shopping at [[ORG:home bargains]]"),
    (C, "my dad was [[AGE:sixty two]] when he died and im [[AGE:fifty nine]] so you do the maths"),
    (C, "shes only [[AGE:ten months]] but shes already pulling herself up on the sofa"),
    (C, "um i think i was like [[AGE:eleven]] or [[AGE:twelve]] when my mum started drinking again"),
    (C, "The dog's twelve, which is old for a lab, and I can't face losing her as well."),
    (C, "i was about seven stone at my lowest and now im nine and i hate it"),
    (C, "I got fifteen on the PHQ-9 and nineteen on the GAD-7, so, yeah."),
    (C, "She's in Year 11 and she's already talking about leaving home."),
    (C, "i get the forty three bus to the hospital it takes like an hour"),
    (C, "Back in the nineties nobody talked about any of this, you just got on with it."),
    (T, "On a scale of zero to ten, where would you put the urge right now?"),

    # --- phone numbers, dates, addresses, identifiers, e-mail -----------------------
    (C, "my number is [[PHONE:oh seven seven double oh nine double oh three six one]] if the crisis team need it"),
    (C, "Her mobile's [[PHONE:07700 900587]], but she won't pick up if she doesn't know the number."),
    (C, "you can ring my support worker on [[PHONE:oh one one three four nine six oh two two seven]]"),
    (C, "The number on the letter was [[PHONE:(312) 555-0178]], that's the agency in [[PLACE:Chicago]]."),
    (C, "it was like [[PHONE:oh two oh seven nine four six oh eight oh three]] or something i wrote it on my hand"),
    (C, "date of birth [[DATE:third of november two thousand and one]]"),
    (C, "They had my birthday down as the [[DATE:9th of February 1988]], which isn't even close."),
    (C, "i was born on the [[DATE:twenty eighth of may nineteen eighty four]] in [[PLACE:tamale]]"),
    (C, "We got married on [[DATE:14 March 2009]] at the registry office in [[PLACE:Rye]]."),
    (C, "the accident was [[DATE:twenty seventeen]] so nine years ago now"),
    (C, "I moved out in [[DATE:October 2022]] and I haven't been back since."),
    (C, "he left on [[DATE:boxing day two thousand and nineteen]]"),
    (C, "The hearing's on [[DATE:Thursday the 23rd]] and I haven't slept."),
    (C, "[[DATE:Last Easter]] was the last time we were all in one room."),
    (C, "we lived at [[ADDRESS:forty two marigold crescent]] until i was [[AGE:ten]]"),
    (C, "Send it to [[ADDRESS:Flat 6, 118 Ferncastle Road, Sale M33 7RX]], not the old one."),
    (C, "were at number [[ADDRESS:nine thistle walk]] now its the one with the blue door"),
    (C, "the postcode is [[ADDRESS:l s eleven four q t]] but the sat nav never finds it"),
    (C, "I grew up at [[ADDRESS:7 Kittiwake Rise, Grimsby DN32 9QJ]] and Mum's still there."),
    (C, "The refuge is on [[PLACE:Cobwitch Lane]]. I'm not supposed to say that, but there you go."),
    (C, "My [[ORG:NHS]] number? It's [[ID:999 318 4472]], I've got it memorised from all the forms."),
    (C, "my national insurance is [[ID:qq one two three four five six a]]"),
    (C, "The case reference is [[ID:CS/2024/08817]] if you need to chase them."),
    (C, "its [[ID:nine nine nine four zero one two two six three]] thats my [[ORG:nhs]] number"),
    (C, "[[PERSON:Jarrah]]'s social security number was [[ID:912-44-0831]], from when he lived in [[PLACE:Tucson]]."),
    (C, "Email me at [[EMAIL:b.ferreira-lopes@example.net]], I don't check the other one."),
    (C, "its [[EMAIL:dami underscore o at example dot co dot uk]]"),
    (C, "Her old email was [[EMAIL:queenofcups77@example.org]], if that helps the police."),

    # --- places and organisations that are ordinary words or lowercase ---------------
    (C, "we moved from [[PLACE:goole]] to [[PLACE:deal]] when my dad got the job at the port"),
    (C, "I was living in [[PLACE:March]] at the time, which is a town, before you ask, out in the [[PLACE:Fens]]."),
    (C, "i work in [[PLACE:barking]] which my kids think is hilarious"),
    (C, "the dogs next door were barking all night again and i just lay there"),
    (C, "i texted [[ORG:shout]] at three in the morning and a woman called [[PERSON:bernie]] just let me talk"),
    (C, "It was a real turning point for me, that conversation."),
    (C, "i go to [[ORG:turning point]] on wednesdays for the group"),
    (C, "I've started using [[ORG:Signal]] because I'm convinced he reads my texts."),
    (C, "theres no signal in the flat so i have to stand in the stairwell to call anyone"),
    (C, "he does installs for [[ORG:sky]] round [[PLACE:wells]] and [[PLACE:street]] so hes never home"),
    (C, "he did eighteen months in [[ORG:hmp ashcombe]] and came out worse"),
    (C, "They put me on [[ORG:Kestrel Ward]] the first time and [[ORG:Heron Ward]] the second."),
    (C, "i got a letter from [[ORG:housing options]] at the council saying im not priority"),
    (C, "i was at [[ORG:saint bertilles]] for primary and then [[ORG:quillfield academy]] till i got kicked out"),
    (C, "the [[PLACE:packhorse and lantern]] in [[PLACE:buxton]] is where i met him"),
    (C, "We got the coach from [[PLACE:Digbeth]] to [[PLACE:Wrocław]] to see Dziadek, twenty-six hours."),
    (C, "my dads from [[PLACE:gdańsk]] but he doesnt speak polish to us"),

    # --- names of many origins, non-ASCII letters --------------------------------------
    (C, "[[PERSON:Ayşegül Korkmaz]] was my first real friend here. She taught me the bus routes."),
    (C, "My manager, [[PERSON:Ondřej]], is lovely, but his boss [[PERSON:Mrs Thistlewood]] is something else."),
    (C, "[[PERSON:Øystein]] and [[PERSON:Åsa]] from next door took the kids when the ambulance came."),
    (C, "[[PERSON:zsófia]] said she wouldnt testify"),
    (C, "The psychiatrist, [[PERSON:Dr Phạm]], said it might be the new tablets."),
    (C, "me and [[PERSON:gökhan]] used to run the kebab shop together on [[PLACE:carrow street]]"),

    # --- nicknames and diminutives ------------------------------------------------------
    (C, "Everyone calls him [[PERSON:Spud]], I don't even know his real name."),
    (C, "[[PERSON:wee rab]] from the pub lent me the money"),
    (C, "[[PERSON:moose]] kept texting me all night"),
    (C, "I just call her [[PERSON:Pip]]; [[PERSON:Philippa]] feels like being told off."),

    # --- lowercase run-ons with filler -----------------------------------------------
    (C, "um so like my ex [[PERSON:dwayne]] right he um he turned up at my mums in [[PLACE:mitcham]] at like midnight and my mum was like you know i cant do this anymore"),
    (C, "so basically i do mornings at [[ORG:pret]] and evenings at [[ORG:wickes]] in [[PLACE:bootle]] and my manager [[PERSON:kerry-ann]] is like on my case all day every day"),
    (C, "yeah um [[PERSON:faisal]] my brother in law he um he put me in touch with a lawyer in [[PLACE:dewsbury]] called [[PERSON:mr siddiqui]]"),
    (C, "i met [[PERSON:tiago]] at uni in [[PLACE:lisbon]] and we moved here in [[DATE:twenty twenty]] and its been you know hard"),
    (C, "um my keyworker [[PERSON:sinead]] from [[ORG:change grow live]] comes on thursdays"),
    (C, "um [[PERSON:nasra]] [[PERSON:hodan]] and [[PERSON:ilhan]] my sisters basically they all think im being dramatic"),
    (C, "you know when like my nan [[PERSON:queenie]] passed i just um i stopped eating properly"),

    # --- hard negatives with no mention ------------------------------------------------
    (C, "I've been on mirtazapine six weeks now and it just knocks me out."),
    (C, "every october it comes back like clockwork"),
    (T, "Let's do the CORE-10 first, and then we can talk about whatever you want."),
    (C, "Sundays are the worst. Mum does a roast and nobody talks."),
    (C, "my nan had alzheimers and i keep thinking am i next"),
    (T, "We could try some compassion-focused work, or go back to the DBT skills if those helped."),
    (C, "honestly the propranolol helps with the shaking but not the thoughts"),
    (T, "What would your grandmother have said, if she could see you now?"),
    (C, "I'm a Capricorn, so apparently that explains everything."),
    (C, "we went to the seaside in may and it rained the whole time"),
    (T, "and what happened after that"),
    (T, "You've scored twenty-two on the PCL-5 today, which is down from last time."),
    (T, "It makes sense that Christmas is hard when that's when it happened."),
    (C, "My dad's Jamaican and my mum's Irish, so, a lot of funerals with a lot of singing."),
    (T, "I hear the anger, and I also hear a lot of grief under it."),
    (C, "god i dont even know where to start"),
    (T, "Last time we talked about the EMDR referral. Have you heard anything?"),
    (C, "cheers hun thats what my mate says too"),
]

# The range and style checks are the first probe's (build_probe.py); freshness is checked here
# against every set.


def existing_records() -> list[dict]:
    """Every record of every set next to build_set.py (read by the checks, not by the annotator)."""
    return read_records(p for p in sorted(SETS.glob("*.jsonl"))  # not this set, nor the second annotator's copy
                        if p.resolve() != OUT.resolve() and p.name != "probe_second_annotator.jsonl")


def reused_names(records: list[dict]) -> list[str]:
    """PERSON spans of this set that are also PERSON spans in an existing set (reported, to rename)."""
    theirs = earlier_names(existing_records())
    return sorted({s["text"] for r in records for s in r["spans"]
                   if s["label"] == "PERSON" and s["text"].lower() in theirs})


WORD_NAMES = ("autumn", "brook", "holly", "cliff", "heather", "drew", "guy", "miles", "dean", "penny",
              "carol", "sandy", "reed", "sonny", "crystal", "lucky", "clay")


def main() -> int:
    records = build_records(UTTERANCES, "q")
    lower = sum(1 for r in records if r["text"] == r["text"].lower())
    empty = sum(1 for r in records if not r["spans"])
    therapist = sum(1 for r in records if r["speaker"] == T)
    others = (("utterances", len(records), MIN_UTTERANCES), ("therapist utterances", therapist, MIN_THERAPIST),
              ("lowercase utterances", lower, MIN_LOWERCASE), ("no-mention utterances", empty, MIN_EMPTY))
    errors = (check_mix(records, MINIMUMS, MIN_TOTAL, others) + check_ranges(records)
              + check_fresh(records, existing_records()) + check_lowercase_style(records)
              + check_word_names(records, WORD_NAMES, person_only=True))
    rc = write_set(records, OUT, errors)
    if rc == 0:
        lower_mentions = sum(1 for r in records if r["text"] == r["text"].lower() and r["spans"])
        print(f"lowercase utterances with a mention: {lower_mentions}; "
              f"lowercase with no mention: {lower - lower_mentions}; "
              f"utterances with a mention: {len(records) - empty}")
        print(f"non-ASCII spans: {sum(1 for r in records for s in r['spans'] if not s['text'].isascii())}")
        print("word-names labelled/unlabelled: "
              + ", ".join(f"{w} {n}/{p}" for w, (n, p) in word_name_counts(records, WORD_NAMES, person_only=True).items()))
        reused = reused_names(records)
        print(f"PERSON spans also used as PERSON in an existing set: {', '.join(reused) or 'none'}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
