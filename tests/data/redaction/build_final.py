#!/usr/bin/env python3
"""Build the final redaction set (final_mentions.jsonl).

A third labelled set, written fresh before the second round of tuning (which used the
held-out set's and the first set's errors) and measured once at the end of it. Like the
held-out set was, it is only for measuring: do not tune patterns or word lists against these
utterances; if it is ever used for tuning, write a new set.

Same format, labels and labelling decisions as the first set (README.md); the span markup,
checks and writer are shared with build_set.py. All text is invented; people, streets,
schools, clinics and employers are made up (towns, countries, chains, charities and national
services are real), and phone numbers, e-mail domains and identifiers come from the same
fiction/test ranges. A pet's name is not labelled (as in the other sets). Run with plain python3:

    python3 tests/data/redaction/build_final.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_set import build_records, check_mix, write_set  # noqa: E402

OUT = HERE / "final_mentions.jsonl"
MINIMUMS = {"PERSON": 45, "PLACE": 25, "ORG": 20, "DATE": 12, "AGE": 15,
            "PHONE": 3, "EMAIL": 2, "ADDRESS": 3, "ID": 2}
MIN_TOTAL = 120
MIN_UTTERANCES = 110
MIN_LOWERCASE = 30
MIN_EMPTY = 30

C, T = "client", "therapist"

# (speaker, marked text); ids are f001, f002, ... Lowercase unpunctuated lines imitate
# speech-recognition output.
UTTERANCES: list[tuple[str, str]] = [
    # --- people, cased ------------------------------------------------------------
    (C, "[[PERSON:Tran Minh Duc]], my father-in-law, moved in with us after his stroke."),
    (C, "I told [[PERSON:Bogdan]] I needed a week off and he laughed at me."),
    (C, "[[PERSON:Chiamaka]] was the first person at the new job who actually asked how I was."),
    (T, "How did it feel when [[PERSON:Rhys]] didn't turn up to the appointment?"),
    (C, "Me and [[PERSON:Kofi]] grew up on the same estate in [[PLACE:Tottenham]], we were like brothers."),
    (C, "My husband's ex, [[PERSON:Delphine Moreau]], still has a key to the house, can you believe it."),
    (C, "[[PERSON:Mrs Adeyemi]] from the nursery said he'd bitten another child again."),
    (C, "I called [[PERSON:Dr. Lindgren]]'s office three times and nobody picked up."),
    (C, "My daughter-in-law [[PERSON:Svetlana]] won't let me see the baby unless my son is there."),
    (C, "Grandpa [[PERSON:Ezra]] survived the camps and never once spoke about it."),
    (T, "[[PERSON:Malik]], what would you want your brother to know?"),
    (C, "Nobody calls me [[PERSON:Patrick]] except my mother. Everyone else says [[PERSON:Paddy]]."),
    (C, "We call him [[PERSON:Tank]] because he's massive, but he's the softest lad you'll ever meet."),
    (C, "My best mate [[PERSON:Jonno]] killed himself two years ago and I still can't say it out loud."),
    (C, "Her name's [[PERSON:Marisol]], she's my sponsor, and she doesn't take any of my excuses."),
    (C, "[[PERSON:Oksana]] and the kids got out of [[PLACE:Kharkiv]] in the first month of the war."),
    (C, "I saw [[PERSON:Pastor Emmanuel]] at the bus stop and hid behind a van like a kid."),
    (C, "[[PERSON:Sandeep]] keeps saying it's all in my head, which, I mean, technically yes."),
    (C, "My ex, [[PERSON:Reece]], wants the dog as well. He's never walked it once."),
    (T, "You've mentioned your Aunt [[PERSON:Lucía]] a few times today."),
    (C, "[[PERSON:Hamza]] said he'd pick me up after and then just didn't."),
    (C, "The new girl, [[PERSON:Ngaio]], she's from [[PLACE:Wellington]], she's been really kind to me."),
    (C, "[[PERSON:Bridget]] at the front desk knows me by now, which is embarrassing."),
    (C, "I keep having the same dream about [[PERSON:Yiannis]], that he's standing at the end of the bed."),
    (C, "[[PERSON:Precious]] is my little sister, she's the one who found the pills."),
    (C, "[[PERSON:Blessing]] looked after me when I came out of hospital, every single day."),
    (C, "[[PERSON:Joy]] from church brought round a lasagne and I couldn't even say thank you."),
    (C, "When [[PERSON:Colm]] drinks, he goes quiet, and the quiet is worse than the shouting."),
    (C, "[[PERSON:Rabbi Stern]] came to the hospital every day, even though we're not observant."),
    (C, "[[PERSON:Coach Dempsey]] benched me for the whole season after I told him."),
    (T, "[[PERSON:Anjali]], I'm noticing you went quiet when we talked about your dad."),
    (T, "Welcome back, [[PERSON:Desmond]]. How has the week been?"),
    (T, "Did [[PERSON:Dr Farouk]] explain why she wanted to change the dose?"),
    (C, "I went to the gig with [[PERSON:Ifeoma]] and her boyfriend and felt like a spare part."),
    (C, "The [[PERSON:Kowalskis]] next door heard everything through the wall."),
    (C, "[[PERSON:Gazza]] from the five-a-side team is the one who told me to come here."),
    (C, "I think [[PERSON:Lorenzo]] knew before I did."),
    (C, "It was Auntie [[PERSON:Bisi]] who paid for the flight, and she's never let me forget it."),
    (C, "My friend [[PERSON:Xiu]] from the language school in [[PLACE:Guangzhou]] still writes to me."),
    (C, "Mum married a guy called [[PERSON:Vernon]] when I was [[AGE:ten]], and that's when it started."),
    (C, "[[PERSON:Tunde]] and [[PERSON:Yemi]] are the only ones from uni I still see."),
    (T, "What did [[PERSON:Siân]] say when you told her?"),
    (C, "[[PERSON:Zoë]] used to say I was her person. Now I don't know what I am."),

    # --- places -------------------------------------------------------------------
    (C, "We left [[PLACE:Mogadishu]] when I was a baby, then [[PLACE:Nairobi]], then [[PLACE:Birmingham]]."),
    (C, "Honestly, [[PLACE:Basingstoke]] is not where I pictured ending up at [[AGE:forty]]."),
    (C, "My parents still live in [[PLACE:Recife]] and they think I'm doing brilliantly here."),
    (C, "We drove up to [[PLACE:Fort William]] for the scattering, just me and my brother."),
    (C, "She's moved to [[PLACE:Perth]], the Australian one, so that's that."),
    (C, "I grew up in [[PLACE:Kingston]], [[PLACE:Jamaica]], not the one in [[PLACE:Surrey]], everyone asks."),
    (C, "We lived above a chip shop in [[PLACE:Llanelli]] for six years."),
    (C, "The crash was on the [[PLACE:M62]] near [[PLACE:Huddersfield]], in the fog."),
    (C, "They sent him back to [[PLACE:Tirana]] and I haven't heard from him since."),
    (C, "I used to walk along [[PLACE:Sandymount Strand]] every morning before the kids woke up."),
    (C, "Every summer we went to my grandmother's village outside [[PLACE:Kraków]]."),
    (C, "My brother's a firefighter in [[PLACE:Calgary]] and he thinks therapy is for quitters."),
    (C, "I spent two months on a ward in [[PLACE:Cebu]] before they flew me home."),
    (C, "The house on [[PLACE:Ormeau Road]] was the last place we were all together."),
    (C, "We were on holiday in [[PLACE:Lanzarote]] when I got the call."),
    (C, "We had our first date at the [[PLACE:Blue Anchor]] in [[PLACE:Hammersmith]]."),

    # --- organisations ------------------------------------------------------------
    (C, "I've been working at [[ORG:Next]] in the stockroom since I left college."),
    (C, "I rang [[ORG:Shelter]] and they said to keep every letter the landlord sends."),
    (C, "The woman from [[ORG:Refuge]] helped me change my number and the locks."),
    (C, "We tried [[ORG:Relate]] years ago, and he walked out of the second session."),
    (C, "I do a few shifts at the [[ORG:Co-op]] on the corner, mostly nights."),
    (C, "She got a job at [[ORG:Apple]] and now she's too important to ring me back."),
    (C, "He manages a [[ORG:Subway]] in [[PLACE:Tulsa]] and works seventy hours a week."),
    (C, "I'm on a zero-hours contract with [[ORG:Deliveroo]] and I never know what I'll earn."),
    (C, "The [[ORG:DWP]] stopped my payments because I missed one phone call."),
    (C, "I did my nursing degree at [[ORG:Keele]] and then went straight onto the wards at [[ORG:Royal Stoke]]."),
    (C, "My boss at [[ORG:Whitmore & Price]] said I could have the day, but I could hear he was annoyed."),
    (C, "They've put me on the list at [[ORG:Fernbank Medical Practice]], but the wait's enormous."),
    (C, "I volunteer with [[ORG:Crisis]] over Christmas, serving dinners."),
    (C, "[[ORG:Barnardo's]] paid for my first year in supported housing."),
    (C, "My mum worked at [[ORG:Marks and Spencer]] for thirty years and they gave her a clock."),
    (C, "I was at [[ORG:Leeds Beckett]] for a term and dropped out."),
    (C, "He's a porter at [[ORG:St Thomas']] and does crazy shifts."),
    (C, "My daughter's at [[ORG:Ashgrove Primary]] and the head there is brilliant."),
    (C, "He plays for [[ORG:Celtic]] under-16s and that's all he cares about."),
    (C, "I've been with [[ORG:Santander]] for twenty years and they still wouldn't give me the overdraft."),
    (C, "I met my husband on [[ORG:Hinge]], which sounds romantic until you hear the rest."),
    (C, "She posted it all on [[ORG:TikTok]] before I'd even told my parents."),

    # --- dates, ages, contact details, identifiers -----------------------------------
    (C, "My son was born on the [[DATE:19th of October 2016]], a month early."),
    (C, "We got married on [[DATE:June 14th, 2008]], in the rain."),
    (C, "It all started in [[DATE:spring 2020]], like for everyone, I suppose."),
    (C, "Mum died the week before [[DATE:Diwali 2017]], and we still lit the lamps."),
    (C, "The eviction notice is dated [[DATE:03/11/2025]]."),
    (C, "I moved out in [[DATE:2011]] and I've never been back."),
    (C, "Back in [[DATE:'96]] we had nothing, and somehow we were happier."),
    (C, "My court date got moved to [[DATE:Friday the 21st]]."),
    (C, "I'm [[AGE:fifty-seven]] and I've just been made redundant for the first time."),
    (C, "Our eldest is [[AGE:22]] and still can't boil an egg."),
    (C, "My grandad was [[AGE:ninety-four]] when he went, and sharp to the end."),
    (C, "She had me at [[AGE:sixteen]], so we sort of grew up together."),
    (C, "She's [[AGE:three]] and she already knows when I'm sad."),
    (C, "Dad's [[AGE:71]] and still climbing ladders."),
    (T, "If anything changes, my direct line is [[PHONE:0113 496 0277]]."),
    (C, "You can text my partner on [[PHONE:07700 900533]] if you can't get me."),
    (C, "My email's [[EMAIL:k.osei77@example.co.uk]], with the seven seven."),
    (C, "The letter should go to [[ADDRESS:41 Tannery Lane, Penrith CA11 7QT]], that's my mum's."),
    (C, "My reference for the housing is [[ID:HSG-55-20931]], not that it helps."),
    (C, "My [[ORG:NHS]] number? It's [[ID:999 318 6624]]."),
    (T, "I'll send the summary to [[EMAIL:dmitri.v@example.net]] unless you'd rather I posted it."),
    (C, "His van's white, plate [[ID:YD68 KRW]], if you ever see it outside."),

    # --- lowercase speech-recognition style -----------------------------------------
    (C, "so [[PERSON:oluwadamilare]] just stopped replying and i found out from his cousin hed gone back to [[PLACE:ibadan]]"),
    (C, "my girlfriend [[PERSON:zsofia]] is hungarian and her family cant stand me"),
    (C, "i was [[AGE:fourteen]] when my stepdad started on me"),
    (C, "we lived at [[ADDRESS:forty two bracken road]] until the bailiffs came"),
    (C, "me and [[PERSON:deano]] used to nick stuff from [[ORG:asda]] when we were kids"),
    (C, "my mum works at [[ORG:primark]] on the tills and shes knackered all the time"),
    (C, "i phoned the [[ORG:samaritans]] at like four in the morning and a woman called [[PERSON:hazel]] stayed on with me"),
    (C, "[[PERSON:kasia]] said i could stay at hers in [[PLACE:gdansk]] over the summer"),
    (C, "my nan turned [[AGE:ninety]] last week and we had a party at the [[ORG:british legion]]"),
    (C, "we moved here from [[PLACE:lagos]] in [[DATE:twenty fifteen]] when i was [[AGE:eight]]"),
    (C, "the kids are [[AGE:five]] and [[AGE:three]] so its nonstop"),
    (C, "i was born on the [[DATE:ninth of february nineteen eighty eight]]"),
    (C, "my phone number is [[PHONE:oh seven seven oh oh nine double oh five four six]]"),
    (C, "[[PERSON:dr mensah]] at the clinic put me on the waiting list"),
    (C, "my brother [[PERSON:femi]] drives a cab in [[PLACE:leeds]] and sends money home every month"),
    (C, "[[PERSON:siobhan]] and me were together eleven years and then she just left"),
    (C, "we go to [[ORG:st josephs]] every sunday because my mum would kill me if we didnt"),
    (C, "she goes to [[ORG:brookfield high]] and shes getting bullied and the school does nothing"),
    (C, "i used to work at [[ORG:sports direct]] and they treated us like animals"),
    (C, "my dad lives out in [[PLACE:cork]] now with his new wife [[PERSON:noreen]]"),
    (C, "my little boy [[PERSON:ollie]] turned [[AGE:six]] on saturday and his dad didnt even ring"),
    (C, "i said to [[PERSON:mrs okonkwo]] that i cant do mornings because of the medication"),
    (C, "my partner [[PERSON:sam]] thinks i should go back on the tablets"),
    (C, "my son is [[AGE:nineteen]] and hes in [[PLACE:manchester]] at uni"),
    (C, "she was [[AGE:twenty]] when she had me and [[AGE:twenty two]] when she had my brother"),
    (C, "me and [[PERSON:aisha]] met at a wedding in [[PLACE:blackburn]]"),
    (C, "i live at [[ADDRESS:eighty one cedar grove]] its the one with the broken gate"),
    (C, "the letter said my appointment was on the [[DATE:fourteenth of march]] but nobody told me"),
    (C, "i grew up in [[PLACE:hackney]] but we got moved out to [[PLACE:harlow]]"),
    (C, "[[PERSON:big mike]] at the gym is the only one i talk to"),
    (C, "my lola still lives in [[PLACE:quezon city]] and she prays for me every day"),
    (C, "my ex [[PERSON:wojtek]] took the car and the savings"),
    (C, "he was born in [[DATE:twenty twenty one]] right in the middle of lockdown"),
    (C, "i went back to [[PLACE:belfast]] for the funeral and my uncle [[PERSON:seamus]] wouldnt even look at me"),
    (C, "theres a lad at work called [[PERSON:kyle]] who keeps making comments about my weight"),
    (C, "my daughter [[PERSON:amara]] is [[AGE:twelve]] and already on her phone all night"),
    (C, "[[PERSON:jade]] keeps messaging me on [[ORG:snapchat]] and i dont know how to tell her to stop"),
    (C, "i used to be a carer at [[ORG:willow court]] but the pay was terrible"),
    (C, "they moved my appointment to [[DATE:tuesday the third]]"),
    (C, "i was in [[ORG:morrisons]] and i just had a panic attack by the freezers"),
    (C, "its [[EMAIL:shaz underscore ali at example dot com]] the other one got hacked"),

    # --- no identifying mention; tricky words ---------------------------------------
    (C, "I've been doing EMDR for about six weeks and the nightmares are a bit less."),
    (C, "The PHQ-9 and the CORE-10 both went down this time, so that's something."),
    (C, "My GP upped the venlafaxine to 150 and I feel like a zombie."),
    (C, "Where there's a will, there's a way, my gran used to say."),
    (C, "I tried the CBT workbook but I couldn't get past chapter three."),
    (T, "What does the part of you that wants to stop drinking say?"),
    (C, "In March it'll be a year since I left, and I still jump when the door goes."),
    (C, "My mother-in-law and my sister-in-law both think I'm lazy."),
    (C, "Grace under pressure, that's what they used to say about me at work."),
    (C, "It's like the black dog, you know, it just sits on you."),
    (C, "i take quetiapine at night and sertraline in the morning"),
    (C, "my dad and my uncle used to fight every christmas"),
    (C, "i was on the waiting list for dbt for nearly a year"),
    (C, "the crisis team came out twice but they just asked the same questions"),
    (C, "our dog bonnie is the only reason i get up"),
    (C, "My cat, Mr Whiskers, doesn't judge me, at least."),
    (C, "We've got a rabbit called Pudding and my daughter tells it everything."),
    (C, "I felt a bit of hope for the first time in ages, walking home."),
    (C, "August is always a bad month for me because of the anniversary."),
    (T, "Shall we use the last ten minutes to think about the week ahead?"),
    (C, "I scored twenty-two on the questionnaire, which the nurse said was severe."),
    (C, "my auntie and my cousins came round on boxing day and it was chaos"),
    (C, "I'd give it a six out of ten today, maybe a five."),
    (C, "I'm in my late twenties and I've never lived on my own."),
    (C, "the psychiatrist said bipolar two but i dont agree with him"),
    (C, "My sister-in-law keeps sending me articles about ADHD and autism."),
    (C, "I went to A&E on Saturday night and waited seven hours."),
    (C, "Every Ramadan it gets harder, because that was when we'd all be together."),
    (C, "the mood diary app says ive had more good days than bad this month"),
    (C, "My grandad had Huntington's, so I've been tested."),
    (C, "I love my nan to bits but she says things that cut."),
    (C, "Sunny days make it worse, weirdly, like I'm supposed to be happy."),
    (C, "i keep a gratitude list like you said but some days its just coffee and the cat"),
    (T, "Earlier you said 'I'm a burden'. Can we slow down on that?"),
    (C, "my probation officer wants me on a course about anger"),
    (C, "Mum and Dad argue about money every Friday when the bills come."),
    (C, "The lithium levels were fine but the tremor's back."),
    (C, "I'd like to go back to college in September if I can get my head straight."),
    (C, "mark my words hes going to do it again"),
    (C, "the rose bush my dad planted finally flowered and i just sat in the garden and cried"),
    (C, "will i ever feel normal again do you think"),
    (C, "may i bring my partner next time or is that weird"),
]


def main() -> int:
    records = build_records(UTTERANCES, "f")
    lower = sum(1 for r in records if r["text"] == r["text"].lower())
    empty = sum(1 for r in records if not r["spans"])
    others = (("utterances", len(records), MIN_UTTERANCES), ("lowercase utterances", lower, MIN_LOWERCASE),
              ("no-mention utterances", empty, MIN_EMPTY))
    return write_set(records, OUT, check_mix(records, MINIMUMS, MIN_TOTAL, others))


if __name__ == "__main__":
    sys.exit(main())
