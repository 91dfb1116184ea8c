#!/usr/bin/env python3
"""Build the held-out redaction set (heldout_mentions.jsonl).

A second labelled set, written after the first (identifying_mentions.jsonl) and before any
tuning of the redactor against it, so that improvements can be checked on text the redactor
was not tuned on. Do not tune patterns or word lists against these utterances: tune on the
first set and only *measure* here.

Same format, labels and labelling decisions as the first set (README.md); the span markup,
checks and writer are shared with build_set.py. All text is invented; phone numbers, e-mail
domains and identifiers come from the same fiction/test ranges. Run with plain python3:

    python3 tests/data/redaction/build_heldout.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_set import build_records, check_mix, write_set  # noqa: E402

OUT = HERE / "heldout_mentions.jsonl"
MINIMUMS = {"PERSON": 40, "PLACE": 20, "ORG": 15, "DATE": 12, "AGE": 10,
            "PHONE": 3, "EMAIL": 2, "ADDRESS": 2, "ID": 3}
MIN_TOTAL = 80

C, T = "client", "therapist"

# (speaker, marked text); ids are h001, h002, ... Lowercase unpunctuated lines imitate
# speech-recognition output.
UTTERANCES: list[tuple[str, str]] = [
    # --- Scottish family, husband away ---------------------------------------
    (C, "My husband [[PERSON:Callum]] works away in [[PLACE:Aberdeen]] most of the month, so it's just me and the twins."),
    (C, "The twins are [[AGE:seven]], [[PERSON:Isla]] and [[PERSON:Rory]], and they fight like cats and dogs."),
    (T, "When [[PERSON:Callum]] is home, how does the house feel?"),

    # --- warehouse work ---------------------------------------------------------
    (C, "I started at [[ORG:Fenwick Logistics]] in [[DATE:2019]], on the night shift, loading vans."),
    (C, "My supervisor, [[PERSON:Gintaras Petrauskas]], is fine, it's the agency that's the problem."),
    (C, "i work for [[ORG:amazon]] in the big warehouse near [[PLACE:rugby]] and the targets are mental"),

    # --- couple met at work -----------------------------------------------------
    (C, "I met [[PERSON:Priya]] at [[ORG:Sainsbury's]] in [[PLACE:Cheltenham]], we were both on the tills."),
    (C, "Her brother [[PERSON:Rajesh]] never liked me. He said so at the wedding, in front of everyone."),
    (T, "Last time you said you felt like you were back at [[ORG:St Aidan's Primary]]. Can you say more about that?"),

    # --- court, police ----------------------------------------------------------
    (C, "It was the day after [[DATE:Boxing Day 2018]] when the police came round."),
    (C, "We've got the hearing at the family court on [[DATE:Tuesday the 17th]], and I'm terrified."),
    (C, "The crime reference they gave me is [[ID:NW-22-104873]], not that anyone's rung back."),

    # --- Ghanaian-British -------------------------------------------------------
    (C, "Auntie [[PERSON:Efua]] raised me in [[PLACE:Kumasi]] until I was [[AGE:nine]]."),
    (C, "My son [[PERSON:Kwame]] is at [[ORG:Manchester Metropolitan]] now, studying nursing."),
    (C, "[[PERSON:Oluwaseun]] and I haven't spoken since the christening."),

    # --- benefits, housing ------------------------------------------------------
    (C, "The reference on the letter is [[ID:HB-4471-2290]], from the housing benefit people."),
    (T, "You can ring me on [[PHONE:07700 900812]] if the appointment needs to move."),
    (C, "My email's [[EMAIL:dan.whitlock@example.com]], the old one doesn't work anymore."),
    (C, "We moved into [[ADDRESS:58 Larkspur Road]] when I was [[AGE:eleven]] and it's the only place that felt like home."),

    # --- names that are also words ---------------------------------------------
    (C, "My daughter [[PERSON:Faith]] has been amazing. I've lost faith in most people, but not her."),
    (C, "[[PERSON:Hunter]] is my ex's new boyfriend, and the kids love him, which kills me."),
    (C, "[[PERSON:Amber]] was my best friend at school. Now she won't even look at me."),
    (C, "The light went amber and I just froze, I didn't know whether to stop or go."),
    (C, "[[PERSON:Robin]] said I was being dramatic, as usual."),
    (C, "There's a robin that comes to the feeder every morning and I talk to it. Is that mad?"),
    (C, "My partner [[PERSON:Jay]] proposed at [[PLACE:Durdle Door]] and I said yes before he finished."),
    (C, "i used to drink at the [[PLACE:red lion]] every friday with the lads from work"),

    # --- Catholic childhood -----------------------------------------------------
    (C, "The funeral was at [[ORG:Holy Trinity]] on the [[DATE:5th of March]], and it poured down."),
    (C, "[[PERSON:Father Brendan]] kept calling her [[PERSON:Mary]], and her name was [[PERSON:Maureen]]."),
    (C, "[[PERSON:Sister Agnes]] ran the home, and she was not kind to any of us."),
    (C, "I was born on the [[DATE:30th of November 1979]], in a snowstorm, apparently."),

    # --- spelled-out years ------------------------------------------------------
    (C, "In [[DATE:two thousand and nine]] we lost the house and everything went with it."),
    (C, "My dad left in [[DATE:nineteen ninety-eight]], when I was [[AGE:five]]."),
    (C, "i had my first breakdown in [[DATE:twenty nineteen]] and ive never really got back to who i was"),
    (C, "he was born in [[DATE:two thousand and twelve]] so hes [[AGE:thirteen]] now and taller than me"),

    # --- school, children -------------------------------------------------------
    (C, "The kids go to [[ORG:Brambleton Infants]], just down the road, and the teachers are lovely."),
    (C, "[[PERSON:Mr Oyelaran]] from the school rang again about her attendance."),
    (C, "my son [[PERSON:leo]] starts at [[ORG:hillside primary]] in september and im dreading the mornings"),
    (C, "My stepdaughter [[PERSON:Kayleigh]] is [[AGE:sixteen]] and she hates me. Properly hates me."),

    # --- probation, services ----------------------------------------------------
    (C, "My probation officer, [[PERSON:Ms Kowalczyk]], says I'm doing well, but I don't feel it."),
    (C, "It's all handled from [[PLACE:Hull]] now, which means two buses each way."),
    (C, "[[ORG:Citizens Advice]] helped with the debt letters, otherwise I'd still be hiding them in a drawer."),
    (C, "I rang [[ORG:Mind]] in the end and they put me in touch with a peer group."),
    (C, "I've been volunteering at [[ORG:Oxfam]] on Saturdays, just sorting books."),
    (C, "I applied to [[ORG:Lidl]] and [[ORG:Aldi]] and didn't hear anything back from either."),
    (C, "I was sectioned at [[ORG:Highcroft Hospital]] for six weeks the first time."),

    # --- holidays tied to years -------------------------------------------------
    (C, "We did [[DATE:Easter 2022]] at my sister's in [[PLACE:Swansea]] and it was a disaster from start to finish."),
    (C, "I left him on [[DATE:Valentine's Day 2020]], of all days."),
    (C, "We split up around [[DATE:Halloween 2021]] and I moved back in with my mum."),
    (C, "I've been sober since the [[DATE:1st of August]]. Every day's a fight."),
    (C, "My date of birth is [[DATE:14/06/1991]], if you need it for the form."),

    # --- more people --------------------------------------------------------------
    (C, "[[PERSON:Chidi]] texted me from [[PLACE:Abuja]] last night saying the visa came through."),
    (C, "We spent every summer with the [[PERSON:Whitakers]] in [[PLACE:Cornwall]] when I was little."),
    (C, "Uncle [[PERSON:Dev]] was the only one who ever asked how I was."),
    (C, "I'm [[AGE:sixty-three]] and I've never told anyone this before."),
    (T, "It took a lot of courage to say that, [[PERSON:Bernadette]]."),
    (C, "My brother [[PERSON:Ahmed]] works security at [[PLACE:Heathrow]], nights mostly."),
    (C, "My ex-wife, [[PERSON:Lorraine Baptiste]], has the kids every other weekend."),
    (C, "It was [[PERSON:Thanh]] who found me. My housemate."),
    (C, "Then [[PERSON:Mr. Abernathy]] from next door called an ambulance."),
    (C, "[[PERSON:Marguerite]] used to say I was too sensitive, that I took everything to heart."),
    (T, "What do you think [[PERSON:Marguerite]] meant by 'too sensitive'?"),
    (C, "I've got a mate, [[PERSON:Stavros]], who runs a café in [[PLACE:Wood Green]], and he lets me sit there all day."),
    (C, "We had dinner at [[PLACE:Bella Napoli]], the Italian place on [[PLACE:Market Street]], and he didn't say a word."),
    (C, "We used to go to the [[PLACE:Red Lion]] after work, the whole team."),
    (C, "My sister works for [[ORG:Facebook]], so she's always going on about screen time, ironically."),
    (C, "I turned [[AGE:fifty]] in June and nobody remembered."),
    (T, "I'll be away from the [[DATE:22nd of December]] and back on the [[DATE:5th of January]]."),
    (C, "Text me on [[PHONE:0161 496 0284]] instead, my mum opens my post."),
    (C, "My [[ORG:NHS]] number is [[ID:999 117 4630]], it's on the letter as well."),
    (C, "my ex [[PERSON:kieran]] turned up at my work at [[ORG:greggs]] and started shouting in front of everyone"),

    # --- lowercase speech-recognition style --------------------------------------
    (C, "me and [[PERSON:shannon]] got a flat in [[PLACE:wolverhampton]] but it didnt work out"),
    (C, "my dad is from [[PLACE:lahore]] and my mum is from [[PLACE:leicester]] so ive always felt in between"),
    (C, "i go to the group at [[ORG:st marys church]] on tuesdays it helps a bit"),
    (C, "my sister [[PERSON:niamh]] lives in [[PLACE:dublin]] with her fella and she never rings"),
    (C, "when i was [[AGE:twelve]] we moved to [[PLACE:milton keynes]] and i didnt know anybody"),
    (C, "my number is [[PHONE:oh seven seven double oh nine double oh three two one]] if you need it"),
    (C, "you can email me at [[EMAIL:priya dot kaur at example dot org]]"),
    (C, "the social worker [[PERSON:mrs fielding]] said the kids might have to go to my mums"),
    (C, "my boyfriend [[PERSON:tyrese]] doesnt know im here and i want to keep it like that"),
    (C, "i waited nine months on the [[ORG:nhs]] list before i got to see anyone"),
    (C, "[[PERSON:bethany]] from the foodbank helped me fill in all the forms"),
    (C, "we used to go to [[PLACE:skegness]] every summer when i was little it was the only time dad was happy"),
    (C, "i was [[AGE:fifteen]] the first time i hurt myself"),
    (C, "my husband [[PERSON:gary]] thinks all this is a waste of money"),
    (C, "and then [[PERSON:megan]] said she didnt want to be friends anymore and blocked me"),
    (C, "i ring my brother [[PERSON:tariq]] every sunday but he never picks up"),
    (C, "we lived in [[PLACE:nottingham]] until i was [[AGE:ten]] then we moved to [[PLACE:spain]]"),
    (C, "[[PERSON:doctor patel]] said i should try talking to you lot"),
    (C, "my hearing is on the [[DATE:twenty third of may]] and i havent slept properly since"),
    (C, "we lived at [[ADDRESS:sixteen harrow lane]] till the fire"),
    (C, "my mate [[PERSON:dazza]] from the army rings me every sunday to check im alive"),

    # --- no identifying mention; tricky words ------------------------------------
    (C, "My mum's on lithium and olanzapine now, and the psychiatrist says it's working."),
    (C, "I keep thinking I should pray, but I don't know if I believe in God anymore."),
    (C, "Every Christmas my mum makes a fuss, and every Christmas I end up crying in the bathroom."),
    (C, "I've been doing EMDR with the trauma team and it's brought a lot up."),
    (T, "On a scale of nought to ten, how strong is the urge right now?"),
    (C, "My GAD-7 score was seventeen, down from twenty-one, so something's shifting."),
    (T, "May I check, are you still taking the propranolol?"),
    (C, "The Parkinson's nurse comes on Wednesdays now, which helps Dad a lot."),
    (C, "I did a course of DBT, the skills group on Mondays, and it actually helped."),
    (C, "My doctor put me on Prozac, and then Zoloft when that didn't work."),
    (T, "How did you feel when Mum said that?"),
    (C, "Summer holidays were always the worst, because Dad was home all day."),
    (C, "Grandma always said to pray the rosary when things got bad."),
    (C, "Honestly, I just want some peace and a bit of hope."),
    (C, "It's been three years since the accident, and the anniversary is next week."),
    (T, "We've got six sessions left through the service, and then we'll review."),
    (C, "Our cat, Pickle, sleeps on my chest when I'm panicking."),
    (C, "I'm not religious anymore, but I still go to Mass at Christmas for Mum."),
    (C, "The psychiatrist said it might be ADHD, and the waiting list is two years."),
    (C, "i was on sertraline then they switched me to mirtazapine and i put on loads of weight"),
    (C, "my mum and my nan both had depression so i suppose its in the family"),
    (C, "it always gets worse around march i dont know why"),
    (C, "we had a massive row on christmas day and i havent spoken to him since"),
    (T, "What would you say to a friend who was feeling what you're feeling?"),
    (C, "I'm in my thirties and I still feel like a kid at family dinners."),
    (C, "My counsellor at uni said it was just stress, but it never went away."),
    (C, "Will it always feel like this, do you think?"),
    (C, "I'd like to be more patient, more kind, like I was before all this."),
    (T, "Let's try the grounding exercise: five things you can see, four you can hear."),
    (C, "my gp said to ring a and e if it gets really bad again"),
    (C, "My nan calls me her little sunshine, even now."),
    (C, "It was a Tuesday, I remember that, and it was raining."),
]


def main() -> int:
    records = build_records(UTTERANCES, "h")
    return write_set(records, OUT, check_mix(records, MINIMUMS, MIN_TOTAL))


if __name__ == "__main__":
    sys.exit(main())
