#!/usr/bin/env python3
"""Build the fourth probe redaction set (probe4_mentions.jsonl).

A new held-out labelled set written by an independent annotator (an AI annotation agent working
alone from tests/data/redaction/README.md's guidelines, the decisions of the earlier probes and
probe3.md), without access to the redactor and without running any redaction or NER on these
texts. Only for measuring: if it is ever used for tuning, write a new set.

All text is invented: people, streets, schools, clinics, surgeries and addresses are made up
(towns, countries, chains, apps and national services are real). Phones come from Ofcom drama
ranges and US 555-01xx, e-mail from example domains, NHS numbers start 999, NI numbers use QQ,
case references start CS/, SSNs use area 9xx. A pet's name is not labelled. Run:

    python3 tests/data/redaction/build_probe4.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # write nothing next to the repository's scripts
SETS = Path(__file__).resolve().parent
sys.path.insert(0, str(SETS))
import build_set  # noqa: E402
from build_probe import check_lowercase_style, check_ranges  # noqa: E402
from build_set import (build_records, check_empty_lowercase, check_fresh, check_mix, check_names,  # noqa: E402
                       check_word_names, earlier_names, read_records, word_name_counts, write_set)

assert "HANDLE" in build_set.LABELS
HERE = Path(__file__).resolve().parent
OUT = HERE / "probe4_mentions.jsonl"
MINIMUMS = {"PERSON": 70, "PLACE": 25, "ORG": 25, "AGE": 18, "HANDLE": 10, "DATE": 8,
            "PHONE": 4, "ADDRESS": 4, "ID": 3, "EMAIL": 3}
MIN_TOTAL = 190
MIN_UTTERANCES = 160
MIN_CLIENT = 130
MIN_THERAPIST = 20
MIN_LOWERCASE = 65
MIN_EMPTY = 40

C, T = "client", "therapist"

UTTERANCES: list[tuple[str, str]] = [
    # --- kin and respect words before or after names ------------------------------
    (C, "Ate [[PERSON:Analyn]] covers my shifts when I can't get out of bed, and she never asks why."),
    (C, "my tía [[PERSON:consuelo]] raised me more than my mum did to be honest"),
    (C, "Bibi [[PERSON:Zuhura]] is [[AGE:ninety-one]] and still walks to the market in [[PLACE:Mombasa]] every morning."),
    (C, "[[PERSON:Vikram]] chacha lent Dad the money for the shop and now every wedding is about that loan."),
    (C, "uncle [[PERSON:fiachra]] was the one who found him in the shed"),
    (C, "Granny [[PERSON:Philomena]] in [[PLACE:Ennis]] sends me a card every birthday with a tenner in it, still."),
    (C, "oma [[PERSON:hiltrud]] never once said she was proud of me not once"),
    (C, "Bà [[PERSON:Lụa]] raised six children on her own after the war, and she thinks I'm weak for needing this."),
    (C, "my stepdad [[PERSON:cyprian]] used to lock the fridge at night"),
    (C, "Mzee [[PERSON:Onyango]] from the next village paid my school fees in [[PLACE:Kisumu]] until I was [[AGE:fifteen]]."),
    (C, "sensei [[PERSON:kurosawa]] at the dojo was the first adult who ever told me i was good at something"),
    (C, "Abla [[PERSON:Sevgi]] phones from [[PLACE:Izmir]] and cries, and then I have to look after her."),
    (C, "my big sister [[PERSON:yaa]] basically raised me when mum was in hospital"),
    (C, "[[PERSON:Imam Shakeel]] said I could come and talk to him any time, but I'm scared he'll tell my father."),
    (C, "[[PERSON:Reverend Obadiah Quist]] buried my mother and he got her name wrong at the funeral."),
    (C, "nonna [[PERSON:assunta]] makes the sauce every sunday and thats the only day we all sit together"),
    (C, "Tante [[PERSON:Griet]] in [[PLACE:Ghent]] is the only one on that side who still speaks to us."),
    (C, "my godmother [[PERSON:olive]] took me in when i was [[AGE:sixteen]] and nobody else would"),

    # --- therapist: direct address and names -----------------------------------------
    (T, "[[PERSON:Clement]], what do you notice in your body when you talk about him?"),
    (T, "so [[PERSON:goodness]] how did the week go with the new routine"),
    (T, "[[PERSON:Mr Szczepański]], I'm going to read back what I wrote, and you tell me if it's right."),
    (T, "That sounds exhausting, [[PERSON:Ibukunoluwa]]."),
    (T, "[[PERSON:Fern]], can we stay with that feeling for a moment?"),
    (T, "ok [[PERSON:sterling]] lets start with how youve been sleeping"),
    (T, "When [[PERSON:Caoimhe]] said that, what did you want to say back?"),
    (T, "Did you get a chance to ring [[ORG:Mind]] about the peer group, [[PERSON:Hamish]]?"),
    (T, "[[PERSON:Dr Vasquez-Lindqvist]] has asked me to see you for six sessions to begin with."),
    (T, "I hear how much [[PERSON:Yusra]] means to you."),
    (T, "[[PERSON:Major]], you keep saying it doesn't matter. I'm not sure that's true."),
    (T, "um [[PERSON:obiora]] can i ask what happened after you left [[PLACE:enugu]]"),
    (T, "You were only [[AGE:eleven]], [[PERSON:Golnaz]]. That wasn't yours to fix."),
    (T, "[[PERSON:Ms Rautenbach]], is this still the best number for you, [[PHONE:07700 900418]]?"),
    (T, "right [[PERSON:marigold]] shall we pick up where we left off"),
    (T, "Is [[HANDLE:@velvet.wasp]] the account that sent the messages?"),
    (T, "What did your grandmother in [[PLACE:Oaxaca]] used to call you, [[PERSON:Itzel]]?"),
    (T, "Thank you for coming back, [[PERSON:Bertrand]]. Last time was hard."),
    (T, "How did it feel when [[PERSON:Nnamdi]] didn't turn up?"),
    (T, "I've got your GP as [[ORG:Thornfield Medical Centre]], is that still right?"),
    (T, "so [[PERSON:ríona]] on a scale of one to ten where are you today"),
    (T, "I'm noticing you smile when you mention [[PERSON:Kaveh]]."),
    (T, "[[PERSON:Radosław]], before we finish, let's agree what you'll do if it gets bad tonight."),
    (T, "Can I ask how old your son is now? You said [[AGE:nineteen]] last time, I think."),
    (T, "My notes have the referral from [[ORG:Harbourside CMHT]], dated [[DATE:14th of August 2026]]."),

    # --- lists, direct speech, bare names ------------------------------------------
    (C, "[[PERSON:Deniz]], [[PERSON:Gülsüm]], [[PERSON:Oğuzhan]] and me, all four of us in one bedroom in [[PLACE:Haringey]]."),
    (C, "[[PERSON:Pieter]]. It was always [[PERSON:Pieter]] who got the blame, even when it was me."),
    (C, "me [[PERSON:rawiri]] [[PERSON:manaia]] and [[PERSON:hana]] used to sneak out to the river every night"),
    (C, "She screamed, [[PERSON:Florentyna]], get back in the house, and I just kept walking."),
    (C, "[[PERSON:Shagufta]] on days, [[PERSON:Habib]] on nights, and me at home with Dad in between."),
    (C, "so [[PERSON:cosmin]] goes to me you are nothing without me and i believed him"),
    (C, "[[PERSON:Lwazi]]? No. [[PERSON:Lwazi]] would never hurt anyone, that's what makes it worse."),
    (C, "[[PERSON:Anneliese Brandvold]], she was my first foster carer, and I think she actually loved me."),
    (C, "theres [[PERSON:quinton]] [[PERSON:tyquan]] and [[PERSON:kervin]] and i was the youngest by like five years"),
    (C, "My wife goes, [[PERSON:Augustin]], you're not listening, and she's right, I'm not."),
    (C, "[[PERSON:Mrs Ogunleye-Pratt]] on the PTA made sure every parent knew about the arrest."),
    (C, "[[PERSON:Ørjan]] and [[PERSON:Ingvild]] were my housemates in [[PLACE:Bergen]] during the worst year."),
    (C, "his name was [[PERSON:ernesto]] but everyone called him [[PERSON:neto]]"),
    (C, "[[PERSON:Nkechinyere]], [[PERSON:Ebuka]], little [[PERSON:Adanna]]. Three kids, no help, no money."),

    # --- nicknames ---------------------------------------------------------------
    (C, "Everyone calls him [[PERSON:Dumpling]] at the gym, I don't even know his real name."),
    (C, "[[PERSON:big dunc]] said he would sort it and then he just disappeared"),
    (C, "His mates called my granddad [[PERSON:Wally Two-Sheds]], and he was the only good man in that family."),
    (C, "[[PERSON:wee shug]] from next door used to let me sit in his van when it kicked off at home"),
    (C, "[[PERSON:Kiko]] is what my mum calls me, [[PERSON:Francisca]] is only on my passport."),
    (C, "[[PERSON:Slim]] was my dealer, and he was also the only one who checked I was eating."),
    (C, "my sister calls me [[PERSON:dizzy dee]] still and im [[AGE:thirty]]"),
    (C, "[[PERSON:Teddy]], [[PERSON:Theodore]] really, is my youngest and he's [[AGE:six]]."),

    # --- hard negatives: word-names as words, pets, services, times ---------------
    (C, "i have olive oil on toast most nights because i cant be bothered to cook"),
    (C, "A robin comes to the feeder every morning and it's the one thing I look forward to."),
    (C, "the fern in the bathroom is the only thing ive kept alive this year"),
    (C, "Sterling's crashed again so the holiday's off. Not that I wanted to go."),
    (C, "oh my goodness i forgot my tablets again this morning"),
    (C, "It was a major row, the biggest we've ever had, and the neighbours called the police."),
    (C, "I've got marigold gloves under the sink and I scrub until my hands bleed."),
    (C, "Our dog Pudding had to be put down on the Tuesday and I haven't stopped crying."),
    (C, "the cat is called mister whiskers which the kids chose not me"),
    (C, "They moved me from sertraline to mirtazapine and I've put on a stone."),
    (C, "My GAD-7 was eighteen when I started and now it's nine."),
    (C, "my neighbour rang nine nine nine and they were there in like ten minutes which i didnt expect"),
    (C, "Every Christmas I tell myself it'll be different and every Christmas it isn't."),
    (C, "the social worker said a decision in four to six weeks"),
    (C, "We've been married twenty-two years and I don't know who he is anymore."),
    (C, "She's in year eight and already getting messages from older boys."),
    (C, "im probably a four out of ten today which is better than monday"),
    (C, "My dad had Parkinson's for the last ten years, and Mum nursed him through all of it."),
    (C, "the night shift starts at ten and i dont get home until half seven"),
    (C, "I'm Polish, he's Irish, and both our families hate the other one."),
    (C, "God, I am so tired of being tired all the time."),
    (C, "the crisis team came out on the sunday and said i wasnt unwell enough"),
    (C, "My nan and my grandad met at a dance in the fifties."),
    (C, "I'm in my thirties and I still can't tell my mum no."),
    (C, "the community mental health team keeps losing my letters"),
    (C, "Every Ramadan my mother calls to say I'm a disappointment."),
    (C, "i lost my temper with my son over his homework and i hate myself for it"),
    (C, "The house is twelve years old and it's already falling apart."),
    (C, "I was at the hospice every day for three weeks."),
    (C, "its always worse in january when the money runs out"),
    (C, "She's a Capricorn, apparently, which explains why she never forgives anyone."),
    (C, "i took two diazepam and slept through the whole day"),
    (C, "The lads at work think therapy is for soft people."),
    (C, "we went to the register office and just signed the papers no party nothing"),
    (C, "Nobody in the family uses her name anymore. It's just her or she."),
    (C, "the kids were at my mums and i sat in the car outside for an hour"),
    (C, "He's a major in the army and he runs the house like a barracks."),
    (C, "honestly it was a victory just getting out of bed today"),
    (C, "The weather's been clement all week, as Nan would say, and I still didn't leave the flat."),
    (C, "theres a fern by the pond in the park and i like sitting there"),
    (C, "The nurse said goodness knows how I'd managed on my own for so long."),
    (C, "my boss says i do sterling work and then pays me peanuts"),
    (C, "I painted the hallway olive green and he went mad about it."),
    (C, "every valentines day he buys flowers and every other day hes a nightmare"),

    # --- handles, phones, e-mails, IDs, addresses, dates ---------------------------
    (C, "She made a fake account, [[HANDLE:@not_ur_bestie_x]], just to message me at three in the morning."),
    (C, "his [[ORG:tiktok]] is [[HANDLE:duncan dot grills]] all one word and its all videos of him and her"),
    (C, "I blocked [[HANDLE:@kwame.the.don]] on [[ORG:Instagram]] but he just makes new ones."),
    (C, "my gamer tag is [[HANDLE:sleepy underscore yeti ninety nine]] and the kids at school found it"),
    (C, "On [[ORG:Reddit]] I'm [[HANDLE:u/quietlyfalling_22]], and I've written more there than I ever said out loud."),
    (C, "he posts as [[HANDLE:marcus underscore lifts]] on [[ORG:snapchat]] and half the estate follows him"),
    (C, "Someone called [[HANDLE:xX_Bramble_Xx]] kept joining my son's games on [[ORG:Roblox]]."),
    (C, "my ex is at [[HANDLE:bex dot wilde]] on [[ORG:insta]] and i still check it every night"),
    (C, "The group chat's run by [[HANDLE:@mamaof4_kemi]] and it's where all the gossip starts."),
    (C, "[[HANDLE:@sunflower_rot]] was my old account, the one I used when I was ill."),
    (C, "you can reach my sister on [[PHONE:oh seven seven double oh nine double oh two six one]] if you cant get me"),
    (C, "Her mobile is [[PHONE:0113 496 0752]], but she never answers unknown numbers."),
    (C, "The number the school gave me was [[PHONE:020 7946 0389]], and nobody ever picks up."),
    (C, "My brother in [[PLACE:Ohio]], his cell is [[PHONE:(614) 555-0147]], if anything happens to me."),
    (C, "my email is [[EMAIL:tunde dot flowers at example dot com]] all lowercase"),
    (C, "Send the letter to [[EMAIL:j.okorie-hale@example.org]], not the home address."),
    (C, "She said write to [[EMAIL:grief.support@example.co.uk]], but I haven't had the courage."),
    (C, "My NHS number is [[ID:999 431 6620]], it's on the appointment letter."),
    (C, "the national insurance is [[ID:QQ 42 71 83 B]] i think i wrote it down right"),
    (C, "The case reference from the council is [[ID:CS/2026/04417]]."),
    (C, "They wanted my social, [[ID:912-48-3307]], and I just froze at the desk."),
    (C, "We're at [[ADDRESS:Flat 6, 41 Tannery Row, Bradford BD3 9QE]] now, the letters should come there."),
    (C, "my nans house was [[ADDRESS:twenty two ashgrove crescent]] and i still drive past it"),
    (C, "Send it to my mum's, [[ADDRESS:17 Pellow Close, Truro TR1 4XJ]]."),
    (C, "the postcode is [[ADDRESS:l s eight four n w]] if that helps"),
    (C, "I was born on the [[DATE:ninth of March 1994]], same day as my cousin, which nobody lets me forget."),
    (C, "my date of birth is the [[DATE:second of october nineteen eighty seven]]"),
    (C, "He died on [[DATE:4 November 2023]] and I've not been right since."),
    (C, "we got married [[DATE:june 2015]] and by the summer after i knew"),
    (C, "[[DATE:Christmas 2021]] was the first one without her."),
    (C, "the eviction notice said out by the [[DATE:30th of april]] and its already the middle of the month"),
    (C, "I started drinking again [[DATE:last Easter]], after eleven months off it."),
    (C, "The court date is [[DATE:Thursday the 12th]] and I can't sleep thinking about it."),

    # --- places and organisations, including lowercase and plain-word ones --------
    (C, "i work nights at [[ORG:asda]] in [[PLACE:wakefield]] and sleep when the kids are at school"),
    (C, "We left [[PLACE:Mosul]] when I was [[AGE:nine]], and I don't remember much except the noise."),
    (C, "My first job was at [[ORG:Greggs]] in [[PLACE:Sunderland]], and I loved it, honestly."),
    (C, "he went to [[ORG:brackenhill academy]] and they excluded him in year ten"),
    (C, "She's a carer at [[ORG:Heatherlea House]], it's a home for people with learning disabilities."),
    (C, "i got sectioned and they put me on [[ORG:willow ward]] for six weeks"),
    (C, "the doctor at [[ORG:st aidans surgery]] just said have you tried exercise"),
    (C, "I drove for [[ORG:Deliveroo]] in [[PLACE:Manchester]] and then for [[ORG:Uber]] when the bike got nicked."),
    (C, "my sister lives in [[PLACE:reading]] now and i havent seen her since the funeral"),
    (C, "We used to holiday in [[PLACE:Bath]] when I was small, before everything."),
    (C, "[[ORG:Shelter]] helped me with the landlord, but only after I'd already been out a month."),
    (C, "he did two years in [[ORG:hmp norwich]] and came out worse"),
    (C, "I was at [[ORG:Loughborough]] for a term and then dropped out when Dad got ill."),
    (C, "my mum still lives in [[PLACE:kingston]] in [[PLACE:jamaica]] and she wants me home"),
    (C, "I grew up on [[PLACE:Canal Street]], above my dad's bakery."),
    (C, "we were in a hostel in [[PLACE:lewisham]] for nearly a year with the baby"),
    (C, "He's a porter at [[ORG:St Wilfrid's Hospital]] and he hears everything about everyone."),
    (C, "i used to run with a crew in [[PLACE:moss side]] and some of them are dead now"),
    (C, "The [[ORG:Citizens Advice]] woman in [[PLACE:Hull]] was brilliant, honestly."),
    (C, "[[ORG:Tesco]] gave me a warning for being late three times in a month."),
    (C, "im on universal credit and the [[ORG:dwp]] sanctioned me for missing one appointment"),
    (C, "My son plays for [[ORG:Ashby Rovers]] under-twelves and his dad's never been to one game."),
    (C, "we moved from [[PLACE:Harare]] to [[PLACE:Milton Keynes]] when I was [[AGE:twelve]], and I had no friends for two years."),
    (C, "i went to the [[ORG:samaritans]] once but i put the phone down"),
    (C, "My father was a miner in [[PLACE:Rustenburg]] and he drank every cent."),
    (C, "She met him on [[ORG:Hinge]] and within a month he'd moved into her flat in [[PLACE:Clapham]]."),
    (C, "my dad runs a chip shop in [[PLACE:dewsbury]] and expects me to take it over"),
    (C, "We sat in the [[PLACE:Red Lion]] for four hours and he never said sorry once."),
    (C, "i was a cleaner at [[ORG:premier foods]] before my back went"),
    (C, "they kept me in [[ORG:Glenview Priory]] for twenty-eight days and it was the first time I was sober in years"),

    # --- ages ---------------------------------------------------------------------
    (C, "my dad was [[AGE:forty four]] when he left and im [[AGE:forty four]] now so you can see why this year is hard"),
    (C, "She was [[AGE:seventeen]] when she had me. [[AGE:Seventeen]] and on her own."),
    (C, "My grandmother turned [[AGE:a hundred]] in the care home and didn't know who any of us were."),
    (C, "he was like [[AGE:twenty three]] and i was [[AGE:fifteen]] and everyone thought that was fine"),
    (C, "For my [[AGE:thirtieth]] they threw a party and I spent it in the toilets crying."),
    (C, "The baby's [[AGE:ten weeks old]] and I haven't slept more than two hours at a time."),
    (C, "[[PERSON:Yeboah]] was [[AGE:eight]] when his mum died and he's never talked about it."),

    # --- long turns with a mention buried inside ------------------------------------
    (C, "I don't really know where to start. It's been a year of one thing after another. First the redundancy, then Mum's heart, then the car got written off on the way to see her. And through all of it my partner [[PERSON:Lowenna]] kept saying it'll get better, it'll get better, and I wanted to scream at her that it wasn't getting better, it was getting worse, and I didn't have any more left to give."),
    (C, "so yeah it started when i was at uni i think um i was living in halls and i didnt know anyone and i stopped going to lectures and my flatmate [[PERSON:morven]] used to knock on my door every morning and leave a cup of tea outside and i never opened it but i used to drink the tea after she went and thats probably what kept me going honestly"),
    (C, "When we came over, we stayed with my husband's friend in [[PLACE:Wolverhampton]]. Nine of us in a three-bed. He worked in a warehouse, I looked after everyone's children, and I learned English from the television in the afternoons. I used to think, this is temporary, this is temporary, and now it's been fourteen years and I still feel like a guest."),
    (C, "the worst part is i know its not rational like i know that but every time my phone buzzes i think its going to be the hospital or the police and last month it actually was it was [[ORG:leeds general]] saying my brother had been brought in and since then i cant switch it off i cant even leave it in another room"),
    (C, "My dad never hit us, I want to be clear about that. He just went quiet. Days of it. You'd ask him something and he'd look straight through you. Mum used to take us round to her friend [[PERSON:Perpetua]]'s house on the bad days, and we'd watch telly there, and nobody ever said why we were there."),
    (C, "i think what i keep coming back to is that nobody noticed like i was going to school every day with the same uniform and no lunch and my teacher [[PERSON:mr halloran]] once gave me half his sandwich and didnt say anything and i think about that more than anything else from that whole time"),
    (C, "It's funny, I spent my whole twenties trying to be the person everyone wanted, the good daughter, the good wife, the good nurse. I worked on the cardiac ward at [[ORG:Northgate General]] for eleven years and never once took a sick day. And then one morning I just couldn't get out of the car in the car park. I sat there till my shift finished."),
    (C, "you know what gets me its not the big stuff its the little things like the way he used to hum when he made coffee or how he always left the radio on in the kitchen and now the house is so quiet and my daughter [[PERSON:rosheen]] keeps saying mum put some music on but i cant i just cant"),

    # --- more lowercase lines with mentions ----------------------------------------
    (C, "me and [[PERSON:tiarnan]] met at [[ORG:costa]] in [[PLACE:newry]] and it was good for about a year"),
    (C, "my cousin [[PERSON:zodwa]] says i can stay with her in [[PLACE:durban]] but i cant afford the flight"),
    (C, "[[PERSON:benedikt]] from the language school is the only friend ive made since i moved"),
    (C, "my son [[PERSON:chukwudi]] is [[AGE:fourteen]] and he wont talk to me at all"),
    (C, "[[PERSON:mrs wierzbicka]] next door has the keys if anything happens"),
    (C, "i told [[PERSON:yevheniya]] about the drinking and she just said you need to stop then like its that easy"),
    (C, "my ex [[PERSON:jarrod]] took the dog to [[PLACE:cairns]] and i never saw either of them again"),
    (C, "my grandad [[PERSON:evander]] was a preacher in [[PLACE:kingstown]] and everyone was scared of him"),
    (C, "[[PERSON:sunniva]] and [[PERSON:aksel]] from my course are coming to visit at the weekend"),
    (C, "i work with [[PERSON:thandiwe]] at [[ORG:pret]] and shes the only one who knows"),
    (C, "[[PERSON:fatoumata]] at the mosque does the food bank and she always slips me extra"),
    (C, "my daughter [[PERSON:amarachi]] is [[AGE:three]] and she already knows when im sad"),
    (C, "my best friend [[PERSON:ludmila]] moved back to [[PLACE:kharkiv]] to look after her mum"),
    (C, "the lady from [[ORG:womens aid]] was called [[PERSON:rosalba]] and she saved my life basically"),
    (C, "[[PERSON:dr ferreira]] put me on a waiting list and that was in [[DATE:march 2025]]"),
    (C, "my brother [[PERSON:ozan]] says im being dramatic and should just get over it"),
    (C, "we used to go to my aunties in [[PLACE:swansea]] every easter and i loved it"),
    (C, "[[PERSON:pastor efosa]] told the whole church i was struggling without asking me"),
    (C, "my manager [[PERSON:glynis]] at [[ORG:boots]] keeps asking when im coming back"),
    (C, "[[PERSON:tavita]] from rugby drove me home after and sat with me till i fell asleep"),
]

EARLIER = [p for p in sorted(SETS.glob("*.jsonl")) + sorted((SETS / "train").glob("*.jsonl"))
           if p.name not in ("probe_second_annotator.jsonl", OUT.name)]


def existing_records() -> list[dict]:
    """Every record of every earlier set, train/ included (read by the checks only)."""
    return read_records(EARLIER)


TITLES = {"mr", "mrs", "ms", "miss", "dr", "doctor", "pastor", "imam", "reverend", "big", "wee",
          "pop", "little"}


WORD_NAMES = ("olive", "clement", "fern", "sterling", "goodness", "major", "marigold")


def check_words_are_new(earlier: list[dict]) -> list[str]:
    """No word-name of this set was a name in an earlier one."""
    theirs = earlier_names(earlier)
    return [f"word-name {w!r} was a name in an earlier set" for w in WORD_NAMES if w in theirs]


def main() -> int:
    earlier = existing_records()
    records = build_records(UTTERANCES, "r4_")
    lower = sum(1 for r in records if r["text"] == r["text"].lower())
    empty = sum(1 for r in records if not r["spans"])
    client = sum(1 for r in records if r["speaker"] == C)
    therapist = sum(1 for r in records if r["speaker"] == T)
    others = (("utterances", len(records), MIN_UTTERANCES), ("client utterances", client, MIN_CLIENT),
              ("therapist utterances", therapist, MIN_THERAPIST),
              ("lowercase utterances", lower, MIN_LOWERCASE), ("no-mention utterances", empty, MIN_EMPTY))
    errors = (check_mix(records, MINIMUMS, MIN_TOTAL, others) + check_ranges(records)
              + check_fresh(records, earlier) + check_lowercase_style(records)
              + check_names(records, earlier, TITLES) + check_empty_lowercase(records)
              + check_word_names(records, WORD_NAMES) + check_words_are_new(earlier))
    rc = write_set(records, OUT, errors)
    if rc == 0:
        lower_m = sum(1 for r in records if r["text"] == r["text"].lower() and r["spans"])
        print(f"utterances {len(records)} (client {client}, therapist {therapist}); lowercase {lower} "
              f"({lower_m} with a mention); no-mention {empty}")
        print(f"non-ASCII spans: {sum(1 for r in records for s in r['spans'] if not s['text'].isascii())}")
        print(f"turns of 40-90 words: {sum(1 for r in records if 40 <= len(r['text'].split()) <= 90)}")
        print("word-names labelled/unlabelled: "
              + ", ".join(f"{w} {n}/{p}" for w, (n, p) in word_name_counts(records, WORD_NAMES).items()))
    return rc


if __name__ == "__main__":
    sys.exit(main())
