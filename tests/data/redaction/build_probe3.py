#!/usr/bin/env python3
"""Build the third probe redaction set (probe3_mentions.jsonl).

A new held-out labelled set, written fresh by an independent annotator (an AI annotation agent
working alone from tests/data/redaction/README.md, build_set.py, build_probe.py and
build_probe2.py), without access to the redactor's code and without running any redaction or
NER on these texts. It is only for measuring: do not tune patterns or word lists against these
utterances; if it is ever used for tuning, write a new set.

Same format, labels and labelling decisions as the team's sets (including the decisions listed
under "Probe set" and "Probe 2" in that README); decisions taken here where the guidelines were
silent are listed in README.md next to this script. The span markup and writer are shared with
build_set.py and the range and style checks with build_probe.py, imported from the repository
(nothing there is changed, and no bytecode is written next to them).

All text is invented; people, streets, schools, clinics, surgeries, churches, pubs and addresses
are made up (towns, countries, chains, apps, charities and national services are real). Phone
numbers come from Ofcom's drama ranges and US 555-01xx, e-mail from example.com/.org/.net/.co.uk,
NHS numbers start 999, National Insurance numbers use the QQ prefix, the Social Security number
uses area 9xx, case references start CS/; the checks verify this, spoken forms included. A pet's
name is not labelled. Run with plain python3:

    python3 tests/data/redaction/build_probe3.py
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
from build_set import (build_records, check_empty_lowercase, check_fresh, check_mix, check_names,  # noqa: E402
                       check_word_names, read_records, word_name_counts, write_set)

LABELS = build_set.LABELS
assert "HANDLE" in LABELS

OUT = HERE / "probe3_mentions.jsonl"
MINIMUMS = {"PERSON": 90, "PLACE": 28, "ORG": 30, "AGE": 22, "HANDLE": 14, "DATE": 10,
            "PHONE": 5, "ADDRESS": 5, "ID": 4, "EMAIL": 3}
MIN_TOTAL = 230
MIN_UTTERANCES = 200
MIN_CLIENT = 170
MIN_THERAPIST = 25
MIN_LOWERCASE = 80
MIN_EMPTY = 45

C, T = "client", "therapist"

# (speaker, marked text); ids are r3_001, r3_002, ... Lowercase unpunctuated lines imitate
# speech-recognition output (no apostrophes either: "im", "dont", "shes").
UTTERANCES: list[tuple[str, str]] = [
    # --- kin words, respect words and titles before (or after) a name -------------------
    (C, "Kuya [[PERSON:Bong]] sends money from [[PLACE:Dubai]] every month, and every month he makes sure I know he sent it."),
    (C, "my lola [[PERSON:remedios]] is [[AGE:eighty nine]] and she still thinks im going to be a nurse like um like her"),
    (C, "Dona [[PERSON:Cida]] downstairs has my boy when I'm on an early at the [[ORG:Premier Inn]]."),
    (C, "Honestly [[PERSON:Junaid]] bhai is the only one in the family who still picks up when I ring."),
    (C, "me and [[PERSON:seo-yeon]] unnie used to go to karaoke every friday after work in [[PLACE:new malden]]"),
    (C, "Don [[PERSON:Chuy]] gave my dad his first job in [[PLACE:Fresno]], picking grapes, when Dad was [[AGE:fourteen]]."),
    (C, "auntie [[PERSON:akosua]] came all the way from [[PLACE:kumasi]] for the naming ceremony and i couldnt even look at her"),
    (C, "Grandma [[PERSON:Ethelwyn]] in [[PLACE:Moose Jaw]] is the only person who ever told me I wasn't a mistake."),
    (C, "chị [[PERSON:hoa]] from the nail bar lent me the deposit and wouldnt take it back"),
    (C, "[[PERSON:Chief Emeka Obidike]] is my father's age mate, and he says the whole of [[PLACE:Nnewi]] knows what happened."),
    (C, "[[PERSON:Alhaji Musa]] owns the shop on the corner and he's been good to us, really good."),
    (C, "nan [[PERSON:bet]] says im her favourite which is a lie she says it to all of us"),
    (C, "Tita [[PERSON:Rowena]] keeps posting Bible verses on my wall on [[ORG:Facebook]] like I can't see what she's doing."),
    (C, "babcia [[PERSON:zdzisława]] only speaks polish so my kids cant really talk to her and that breaks my heart"),
    (C, "[[PERSON:Abu Khalid]] from the mosque drove us to the hospital at two in the morning and waited in the car."),
    (C, "cousin [[PERSON:ifeanyi]] and cousin [[PERSON:chidera]] both got into [[ORG:unilag]] and i got nothing"),
    (C, "Aunty [[PERSON:Gift]] is the one I'd ring. She'd just get in the car, no questions."),
    (C, "[[PERSON:Karthik]] anna works in [[PLACE:Bengaluru]] now, so it's just me and Amma in the flat."),
    (C, "my uncle [[PERSON:hemi]] took me out on the boat at [[PLACE:rotorua]] when i was [[AGE:nine]] and i think that was the last time i felt like a kid"),
    (C, "[[PERSON:pastor adewale]] told my mum i needed deliverance not a therapist so yeah thats where we are"),
    (C, "[[PERSON:doctor mensah]] said it was just stress and gave me a leaflet"),
    (C, "Shosho [[PERSON:Njeri]] used to feed half the street in [[PLACE:Nakuru]], and nobody ever fed her."),
    (C, "Oncle [[PERSON:Thierry]] keeps saying I should come back to [[PLACE:Lubumbashi]] and find a nice husband."),

    # --- the therapist addressing the client, or naming people --------------------------
    (T, "[[PERSON:Innocent]], you've gone quiet. What's happening for you right now?"),
    (T, "so [[PERSON:talent]] what was it like to say that out loud"),
    (T, "[[PERSON:Ms Adjei-Boateng]], I'll just check a couple of details before we begin."),
    (T, "Take a breath, [[PERSON:Xiaoling]]. There's no rush."),
    (T, "[[PERSON:Rowan]], can I share something I'm noticing?"),
    (T, "what would you say to her [[PERSON:ciarán]] if she were sitting here now"),
    (T, "[[PERSON:Comfort]]. I'm going to stop us there for today."),
    (T, "Thank you, [[PERSON:Mrs Nakamura-Reid]]. That helps me understand."),
    (T, "ok [[PERSON:thabo]] lets look at the week ahead then"),
    (T, "When [[PERSON:Lindiwe]] moved out, who did you turn to?"),
    (T, "[[PERSON:Pádraig]], you said [[PLACE:Athlone]] felt like a different life. What was different?"),
    (T, "I'd like to write to [[PERSON:Dr Okwuosa]] at [[ORG:Gorsebrook Surgery]] about the sleep, if that's okay with you, [[PERSON:Zbyszek]]."),
    (T, "[[PERSON:Sage]], before we finish, is there anything you need from me this week?"),
    (T, "You were [[AGE:seven]]. [[AGE:Seven]], [[PERSON:Min-jun]]. Of course you couldn't stop it."),
    (T, "Did Auntie [[PERSON:Memory]] know where you were that night?"),
    (T, "so when [[PERSON:justice]] said hed had enough what did you hear"),
    (T, "How have things been with [[PERSON:Norm]] since the diagnosis?"),
    (T, "[[PERSON:Aroha]], come in, sit wherever you like."),
    (T, "You mentioned [[ORG:Papyrus]] last week. Did you call them in the end?"),
    (T, "Is [[HANDLE:@saltandvinegar_sam]] the account that's been messaging your daughter?"),
    (T, "[[PERSON:Rich]], I wonder whether the anger is protecting something."),
    (T, "um [[PERSON:nkosana]] can we come back to what you said about your brother"),
    (T, "Welcome, [[PERSON:Sister Concepta]]. Do you prefer Sister, or your first name in here?"),

    # --- names opening a sentence with no verb, lists, direct speech --------------------
    (C, "[[PERSON:Bartosz]]. Always [[PERSON:Bartosz]]. Whatever went wrong in that house, it was [[PERSON:Bartosz]]'s fault, according to Mum."),
    (C, "[[PERSON:Nomvula]], [[PERSON:Sipho]], [[PERSON:Zanele]] and me: we all grew up on the same street in [[PLACE:Soweto]]."),
    (C, "[[PERSON:Farhan]] at the car wash, [[PERSON:Usman]] at the takeaway, [[PERSON:Saima]] on the tills at [[ORG:Lidl]]. Everyone in my family works two jobs."),
    (C, "[[PERSON:Wanjiru]] with her stupid laugh. God, I miss that laugh."),
    (C, "me [[PERSON:ola]] [[PERSON:magda]] and [[PERSON:agnieszka]] shared a flat in [[PLACE:łódź]] for two years before i came over"),
    (C, "[[PERSON:Luana]] in [[PLACE:Recife]], [[PERSON:João Pedro]] in [[PLACE:Curitiba]], and me here in [[PLACE:Luton]]. We haven't all been in one country since [[DATE:2019]]."),
    (C, "um [[PERSON:wisdom]] [[PERSON:bright]] and [[PERSON:tyrell]] thats who i was with that night and none of them will say it"),
    (C, "[[PERSON:Mr Hargreaves-Obi]] from the council, second floor, the one with the lanyard. He's the one who said no."),
    (C, "his names [[PERSON:gene]] short for [[PERSON:eugene]] and he was my sponsor for like three years"),
    (C, "[[PERSON:Basil]] and [[PERSON:Dulcie]], the old couple next door, are the only ones who ever knock."),
    (C, "i told [[PERSON:prince]] i couldnt lend him any more and he just laughed in my face"),
    (C, "[[PERSON:Đặng Thu Trang]] was my interpreter, and she cried more than I did."),
    (C, "so [[PERSON:charity]] my youngest shes [[AGE:eight]] she asked me if daddy was coming back"),
    (C, "[[PERSON:Ms Ferreira-Dlamini]] at the school rang again about [[PERSON:Kagiso]]'s attendance."),
    (C, "[[PERSON:Tāne]] and [[PERSON:Mereana]] came down from [[PLACE:Whanganui]] for the tangi."),
    (C, "Sweet [[PERSON:Lupita]], who never said a bad word about anyone, and he did that to her."),
    (C, "Mum, [[PERSON:Rania]], [[PERSON:Yousef]] and the baby, all in one room in [[PLACE:Amman]] for a year."),
    (C, "He goes, [[PERSON:Obinna]], you're embarrassing me, in front of everyone, at my own party."),
    (C, "[[PERSON:Siddharth]]? [[PERSON:Siddharth]] wouldn't notice if the house was on fire."),
    (C, "so theres [[PERSON:rosalind]] my manager and [[PERSON:jolene]] her deputy and then theres me at the bottom"),
    (C, "[[PERSON:Adaobi Eze-Bamgbose]], that's her full name, and I swear she'll be in the papers one day."),

    (C, "[[PERSON:Begüm]] from my course and her flatmate [[PERSON:Wiktoria Wójcikowska]] were the only ones who came to see me on the ward."),
    (C, "my brother in law [[PERSON:thắng]] drives us to every appointment and never complains"),

    # --- nicknames and diminutives ---------------------------------------------------
    (C, "Everyone at the depot calls him [[PERSON:Spanner]], and he's the one who got me the job."),
    (C, "[[PERSON:lil tee]] from the estate said he knew where my phone was"),
    (C, "I'm [[PERSON:Tash-Marie]] to my mates and [[PERSON:Natasha Marie]] to my mother, which says it all."),
    (C, "[[PERSON:Jun-jun]] is my nephew, he's [[AGE:five]], and he's the only thing that makes me laugh."),
    (C, "[[PERSON:ozzy]] from the gym is the only bloke i can talk to about any of this"),
    (C, "[[PERSON:Boo]] — that's what we called my little sister, [[PERSON:Bukola]] — died when she was [[AGE:four]]."),
    (C, "[[PERSON:fifi]] my best mate from school shes the one who rang the ambulance"),
    (C, "His mates call him [[PERSON:Tiny]] because he's six foot five. Real original."),
    (C, "[[PERSON:Ah Keung]] is what Mum calls my brother, but he's [[PERSON:Kenneth]] at work and he'd die if anyone there heard it."),
    (C, "we call her [[PERSON:mimi]] cos nobody could say [[PERSON:mirembe]] when she was little"),

    # --- the word-names used as words, pets, and other hard negatives (no mention) ---
    (C, "i got a gift card for christmas and just sat there looking at it"),
    (C, "They kept saying I was innocent until proven guilty, but it didn't feel like that."),
    (C, "My memory's shot since the ECT. I lose whole afternoons."),
    (C, "He treats me like a prince one day and like dirt the next."),
    (C, "The rowan tree outside the flat is the only bit of green I see all day."),
    (C, "i planted sage and basil on the windowsill and somehow managed to kill both"),
    (C, "They said there's a gene for it, the depression, and I thought great, I've passed it on."),
    (C, "Shouting is the norm in our house. Nobody thinks twice."),
    (C, "They're rich, his family, and they never let me forget it."),
    (C, "i dont want charity i want a job"),
    (C, "She said I'd find comfort in the routine. I haven't yet."),
    (C, "there was no justice in it he got a fine and i got a life sentence basically"),
    (C, "It's not a talent, being able to go without sleep. It's a symptom."),
    (C, "everyone says it comes with wisdom like getting older makes it hurt less"),
    (C, "It was a bright morning and I remember thinking, this is a strange day to get that call."),
    (C, "Pickle, the cat, sleeps on my chest when I can't breathe properly."),
    (C, "we named the goldfish gandalf and the kids cried for a week when he died"),
    (C, "i was on forty milligrams of citalopram and now its twenty and i can feel everything again"),
    (C, "My PHQ-9 was twenty-one in January and it's twelve now."),
    (C, "every ramadan i promise myself ill go back to praying properly and every ramadan i dont"),
    (C, "The crisis line said they'd ring back within forty-eight hours. They rang back on the Friday."),
    (C, "the housing officer said six to eight weeks and thats been four months now"),
    (C, "My mam and my nan and my auntie all had the same thing with their nerves."),
    (C, "Grandad was a miner, Dad was a miner, and I was meant to be one too."),
    (C, "I did the AQ-10 online and now I'm convinced I've got Asperger's."),
    (C, "the diazepam takes the edge off but then i cant drive the kids to school"),
    (C, "We've been together eleven years and married for six."),
    (C, "i was in year nine when it started and in year eleven when i told someone"),
    (C, "It's about eleven at night when the thoughts start, every single night."),
    (C, "She's a Leo, he's a Scorpio, and apparently that explains the divorce."),
    (C, "Every Diwali I'm the one cooking for thirty people while my brothers watch the cricket."),
    (C, "the interpreter was a man from the same village as my dad and i couldnt say any of it in front of him"),
    (C, "i rang one one one at four in the morning and they sent an ambulance"),
    (C, "The GP upped the sertraline to a hundred and I feel like a zombie."),
    (C, "I've done six sessions of CBT before and it didn't touch it."),
    (C, "Christmas Eve is the anniversary, so December is just a write-off."),
    (C, "im like a seven out of ten today which is better than last week"),
    (C, "my target this week is just to go to the shop on my own"),
    (C, "theres a gap in the fence and the neighbours dog keeps coming through"),
    (C, "my nan made leek and potato soup every sunday and i cant even smell it now"),
    (C, "its a battle every morning getting him out the door for school"),
    (C, "im in a better headspace today i think"),
    (C, "That group was my lifeline when I first got out."),
    (C, "i had an orange and a coffee for breakfast and thats it all day"),
    (C, "Mother's Day is the worst one. I just stay in bed."),
    (C, "the dog is fourteen now which is ancient for a springer"),
    (C, "He gave up the drink for Lent and lasted about four days."),
    (C, "The health visitor and the social worker came on the same day, which felt like an ambush."),
    (C, "i lost two stone in about six weeks and nobody said anything"),
    (C, "My Kiwi mates think British people are all miserable, and to be fair, look at me."),
    (C, "my brother used to get me in a half nelson every time i cried and mum just laughed"),
    (C, "It's a three-hour drive each way and I did it every weekend for a year."),
    (T, "Let's do the GAD-7 first, and then we'll look at the diary."),
    (T, "What did your mum say when you finally told her?"),
    (T, "It sounds like every Christmas since has been hard, and the grief has been sitting with you all that time."),
    (T, "Your score on the PCL-5 has come down by eleven points since the spring."),
    (T, "we said last time wed try the breathing before bed and the sleep diary on mondays how did that go"),

    # --- handles, usernames and gamer tags (the platform is a separate ORG) -----------
    (C, "He's [[HANDLE:@kofi.fits.daily]] on [[ORG:Instagram]], and that's how I found out about the other girl."),
    (C, "my sons gamertag is [[HANDLE:lord of the pings]] and someone on [[ORG:minecraft]] has been asking him for pictures"),
    (C, "she goes by at [[HANDLE:mango underscore mochi underscore four]] on [[ORG:tiktok]] and like half her school follows her"),
    (C, "I only know him as [[HANDLE:BigSteppa_ZA]] from [[ORG:Valorant]]. I don't even know what country he's in."),
    (C, "On [[ORG:WeChat]] my mother is [[HANDLE:lotus_mama_1968]], which is embarrassing, but there you go."),
    (C, "i posted on [[ORG:reddit]] as [[HANDLE:u slash tired mum of three]] and like two hundred people replied"),
    (C, "Someone made an account called [[HANDLE:@exposing_amaka]] and put my photos up."),
    (C, "his [[ORG:steam]] name is [[HANDLE:crispy pancake ninety nine]] and thats who hes been talking to all night"),
    (C, "The account was [[HANDLE:@_kiwi.gurl_]], and the school said it was out of their hands."),
    (C, "My daughter's [[ORG:Roblox]] friend, [[HANDLE:PinkUnicornLuv]], turned out to be a [[AGE:thirty-four-year-old]] man in [[PLACE:Tulsa]]."),
    (C, "on [[ORG:kakaotalk]] hes [[HANDLE:haneul underscore dad]] which is so cringe i cant even"),
    (C, "Her [[ORG:Depop]] shop is [[HANDLE:@thriftqueen.naledi]], and that's how he tracked her down."),
    (C, "um his [[ORG:twitch]] is [[HANDLE:tekken tommo]] and he streams from like ten till four every night"),
    (C, "My brother's [[ORG:Xbox]] tag is [[HANDLE:Pierogi_Punisher]] and he's [[AGE:thirty]]. [[AGE:Thirty]]."),
    (C, "shes at [[HANDLE:sunflower dot sixteen]] on [[ORG:twitter]] and she posts about me without saying my name"),
    (C, "he added me on [[ORG:zalo]] as [[HANDLE:tuan anh nine x]] and i didnt know it was him"),

    # --- ages and numbers in words ----------------------------------------------------
    (C, "i was [[AGE:twelve]] when we left [[PLACE:mosul]] and [[AGE:fourteen]] when we got to [[PLACE:birmingham]]"),
    (C, "Mum had me at [[AGE:seventeen]]; she was basically a kid herself."),
    (C, "he turned [[AGE:sixty]] last week and we didnt even do a cake"),
    (C, "Grandad's [[AGE:eightieth]] will be the first time I've seen the whole family since the split."),
    (C, "shes [[AGE:three and a half]] and she already knows when im faking it"),
    (C, "My dad's [[AGE:seventy-three]] and he still won't see a doctor about his chest."),
    (C, "my daughter is [[AGE:nineteen]] and pregnant and her boyfriend is [[AGE:thirty one]] so"),
    (C, "The girl was only [[AGE:fifteen]]. [[AGE:Fifteen]], and they let her walk home on her own."),
    (C, "the baby was [[AGE:six weeks]] when i first thought about just walking out the door"),
    (C, "I'm [[AGE:fifty-two]] and I've never once lived on my own."),
    (C, "at [[AGE:twenty]] i was married at [[AGE:twenty two]] i was divorced and at [[AGE:twenty three]] i was back at my mums"),
    (C, "[[PERSON:Mthunzi]] is [[AGE:sixteen]] going on forty, honestly."),

    # --- phone numbers, dates, addresses, identifiers, e-mail -------------------------
    (C, "my number is [[PHONE:oh seven seven oh oh nine oh oh four five two]] but dont leave a voicemail"),
    (C, "Ring my sister on [[PHONE:07700 900318]] if you can't get hold of me."),
    (C, "The clinic's number is [[PHONE:0161 496 0552]], and they never answer before ten."),
    (C, "my moms cell is [[PHONE:six one seven five five five oh one nine two]] shes in [[PLACE:boston]]"),
    (C, "Message me on [[PHONE:+44 7700 900761]], that's my [[ORG:WhatsApp]]."),
    (C, "the lawyer in [[PLACE:toronto]] is [[PHONE:four one six five five five oh one three three]] and he charges like crazy"),
    (C, "date of birth [[DATE:seventeenth of march nineteen ninety]]"),
    (C, "My son was born on [[DATE:2 February 2013]] at [[ORG:Kingsmoor General]], three weeks early."),
    (C, "We came over in [[DATE:August 2004]], the summer everyone came over."),
    (C, "[[DATE:Eid last year]] was the first one without Baba."),
    (C, "i got sober on the [[DATE:fifth of january twenty twenty one]] and i havent had a drop since"),
    (C, "My date of birth's [[DATE:03/09/1987]], they always get the day and month the wrong way round."),
    (C, "[[DATE:Christmas 2018]] is when it all came out."),
    (C, "The tribunal's on [[DATE:Monday the 14th]], and I've already been sick twice thinking about it."),
    (C, "we got married in [[DATE:2006]] in [[PLACE:lahore]] and i didnt meet him till the day before"),
    (C, "[[DATE:Diwali 2021]] was the last time all four of us were in the same house."),
    (C, "We lived at [[ADDRESS:22 Wendlebury Gardens, Leek ST13 6HX]] until the bailiffs came."),
    (C, "we were at [[ADDRESS:thirty one pennycress road]] for most of my childhood"),
    (C, "Our last place was [[ADDRESS:4417 Juniper Hollow Drive, Apt 3B, Tucson, AZ 85719]], if they need the history."),
    (C, "The refuge address is [[ADDRESS:Unit 5, 19 Kirrawee Parade, Wagga Wagga NSW 2650]], but please don't write it down anywhere."),
    (C, "the postcode is [[ADDRESS:b d seven three q w]] but the taxi never finds it"),
    (C, "Anything from the court goes to [[ADDRESS:PO Box 4471]] now, not the house."),
    (C, "My [[ORG:NHS]] number is [[ID:999 274 6130]], it's on the top of the letter."),
    (C, "My NI number's [[ID:QQ 48 21 73 C]], if they need it for the form."),
    (C, "My social is [[ID:938-51-2207]], from when I was working in [[PLACE:Phoenix]]."),
    (C, "The reference from children's services is [[ID:CS/2025/11402]] if you need to chase it."),
    (C, "its [[ID:nine nine nine five five one two oh eight seven]] thats my [[ORG:nhs]] number i think"),
    (C, "Send the report to [[EMAIL:thandi.m@example.com]], not the work one."),
    (C, "its [[EMAIL:zbyszek dot nowak at example dot org]] all lowercase"),
    (C, "Her email was [[EMAIL:kim.s.park@example.co.uk]], and he'd been reading it for months."),

    # --- places and organisations that are ordinary words, or lowercase --------------
    (C, "we went to [[ORG:iceland]] for the frozen stuff and i had a panic attack by the chicken nuggets"),
    (C, "My brother lives in [[PLACE:Iceland]] now, works on the boats, and I haven't seen him in three years."),
    (C, "i did six years at [[ORG:target]] in [[PLACE:dayton]] before we moved up to [[PLACE:canada]]"),
    (C, "She works for [[ORG:Gap]] in town, so at least the kids have got clothes."),
    (C, "im from [[PLACE:leek]] originally which everyone finds hilarious"),
    (C, "they put us in a hostel in [[PLACE:battle]] of all places and i didnt know a soul"),
    (C, "[[ORG:headspace]] in [[PLACE:ballarat]] was the first place that actually listened to me"),
    (C, "i rang [[ORG:lifeline]] from the car park at [[ORG:bunnings]] and just sat there crying"),
    (C, "we grew up on a farm outside [[PLACE:orange]] and the drought nearly finished my dad"),
    (C, "My son [[PERSON:Darwin]] is named after the city, because that's where we met, in [[PLACE:Darwin]]."),
    (C, "we moved to [[PLACE:nelson]] for the sunshine and it rained for a month straight"),
    (C, "The lady from [[ORG:Cruse]] came once a fortnight, and she's the only one who let me talk about him."),
    (C, "i went to [[ORG:citizens advice]] about the debt and they were actually really kind"),
    (C, "the [[ORG:sassa]] money doesnt even cover the taxi fare into town"),
    (C, "we always went to [[ORG:jollibee]] after church in [[PLACE:cebu]] thats my happy memory"),
    (C, "i do the drive thru at [[ORG:tim hortons]] in [[PLACE:sudbury]] five nights a week"),
    (C, "I rang [[ORG:Kids Help Phone]] when I was [[AGE:thirteen]] and hung up as soon as someone answered."),
    (C, "[[ORG:Oranga Tamariki]] took my girls in [[DATE:2020]] and I've been fighting ever since."),
    (C, "I'm on [[ORG:Three]] and there's no signal in the flat, so I stand in the stairwell to call anyone."),
    (C, "i send money home through [[ORG:m pesa]] every friday to my mum in [[PLACE:kisumu]]"),
    (C, "He was a developer at [[ORG:Infosys]] in [[PLACE:Pune]], and here he's driving for [[ORG:Deliveroo]]."),
    (C, "my dad still runs the phone shop in [[PLACE:hải phòng]] and asks every call when im coming home"),
    (C, "We met in [[PLACE:Busan]] when I was teaching English, and I followed him here like an idiot."),
    (C, "i was at [[ORG:oakwell primary]] then [[ORG:st brendans]] and i hated every minute of both"),
    (C, "We'd end up in the [[PLACE:Fox and Fiddle]] every Friday, and that's where I met him."),
    (C, "after the funeral we all went back to the [[PLACE:drovers arms]] and my uncle started a fight"),
    (C, "He grew up on [[PLACE:Mafeking Terrace]] and he still talks about it like it was paradise."),
    (C, "My church is [[ORG:Mount Pisgah Redeemed Assembly]], and they'd throw me out if they knew."),
    (C, "i used to sell phone credit outside the [[ORG:oxxo]] in [[PLACE:oaxaca]] when i was a kid"),
    (C, "We left [[PLACE:Aleppo]] in a truck and ended up in [[PLACE:Gaziantep]] for two years."),
    (C, "my grandmother is still in [[PLACE:alexandria]] and she thinks im a doctor here"),
    (C, "He was a nurse at [[ORG:Holy Cross Infirmary]] in [[PLACE:Davao]] before he came over as a carer."),
    (C, "i got my first job at [[ORG:shoprite]] in [[PLACE:khayelitsha]] when i was [[AGE:sixteen]]"),
    (C, "They moved me to [[ORG:Larkspur Ward]] after the second time, and that's where I met [[PERSON:Bronagh]]."),
    (C, "i do nights at [[ORG:sunnybank lodge]] its a care home for people with dementia"),
    (C, "My husband worked for [[ORG:Samsung]] in [[PLACE:Gumi]], and we came here with his transfer."),
    (C, "[[ORG:Centrelink]] cut me off and then the landlord in [[PLACE:Townsville]] wanted the bond."),
    (C, "She's at uni in [[PLACE:Chengdu]] and she phones on [[ORG:WeChat]] every Sunday, same time."),
    (C, "i went to [[ORG:age uk]] for my mum and they sent someone round the next day"),

    # --- long multi-sentence turns with a mention buried in the middle ---------------
    (C, "I don't know. It's like every time I think I've got a handle on it, something else happens. Last week it was the car, the week before it was the boiler, and then my sister [[PERSON:Ruqayyah]] rings to say Mum's had another fall, and I'm the one who has to drive up. Nobody asks if I'm okay. Nobody ever asks."),
    (C, "so basically what happened was um i was at work and my phone kept going and going and i couldnt answer because were not allowed on the floor and then when i finally looked it was like nineteen missed calls from [[PERSON:delphine]] and i just knew you know i just knew something had happened to my dad"),
    (C, "When we first came, we lived with my husband's cousin in [[PLACE:Slough]], eight of us in three rooms. The children slept with me. He worked nights. I didn't speak the language, I didn't know how the buses worked, I didn't know anything. I used to stand at the window all day and just watch the street."),
    (C, "the thing is right i know it sounds stupid but the only place i ever felt safe growing up was my nans kitchen in [[PLACE:carrickfergus]] and when she died they sold the house and now theres some family in it who probably dont even know what happened there and it makes me want to scream"),
    (C, "He wasn't always like that. When we met he was funny, he was kind, he'd leave little notes in my coat pocket. Then he lost the job at [[ORG:Halfords]] and something just went out of him. He stopped sleeping, he started checking my phone, and by the end I was asking permission to go to the toilet."),
    (C, "and um yeah i think the worst bit is that my kids saw all of it like my eldest [[PERSON:tendai]] was standing on the stairs the whole time and he never said anything about it after not once and i dont know if thats because hes fine or because hes not"),
    (C, "I keep going over it. If I'd stayed in that night, if I'd picked up the phone, if I'd said something to his mum at the barbecue, would any of it be different? My friend [[PERSON:Xochitl]] says I have to stop, that it's not mine to carry. But whose is it, then?"),
    (C, "you know what i mean like i grew up in a house where nobody said anything we just got on with it my dad worked at the steelworks my mum did the school dinners and if you cried you got sent to your room so now when my wife says to me [[PERSON:lachlan]] just tell me what youre feeling i genuinely do not know what to say"),
    (C, "The first year at [[ORG:Aberdeen]] was fine, actually. I had friends, I went out, I was doing well. It was second year when it started, the not eating, the running at five in the morning. By the time anyone noticed I'd been doing it for months, and I'd got very, very good at hiding it."),
    (C, "there was this one teacher at the secondary um [[PERSON:mrs van der berg]] and she was the only one who ever asked me if everything was alright at home and i said yes obviously because what are you going to say but i think about her a lot like i think she knew"),
    (C, "When my dad was diagnosed, everyone in [[PLACE:Sialkot]] wanted to know, the neighbours, the cousins, people I'd never met. My phone didn't stop. And all I wanted was for one person to ask how I was doing, not how he was doing. Is that selfish? It feels selfish."),
    (C, "So the plan is I go to my sister's on Saturday, I take the kids to the park on Sunday, and then Monday I go back to work. That's the plan. My manager [[PERSON:Temitope]] says take as long as you need, but she doesn't mean it, and I can't afford to anyway."),

    # --- mixed lowercase lines with mentions ----------------------------------------
    (C, "me and [[PERSON:jaylen]] met at [[ORG:wetherspoons]] in [[PLACE:grimsby]] and i swear he was nice for like a week"),
    (C, "my ex [[PERSON:shauna]] moved to [[PLACE:dundalk]] with the kids and i get them every other weekend if im lucky"),
    (C, "um [[PERSON:tamsin]] my key worker from [[ORG:we are with you]] is coming on tuesday to help with the forms"),
    (C, "i met [[PERSON:nam]] at the temple in [[PLACE:leicester]] and he just got it without me explaining anything"),
    (C, "my cousin [[PERSON:marisela]] works at [[ORG:walmart]] in [[PLACE:el paso]] and she says i can stay with her"),
    (C, "[[PERSON:big fergus]] lent me the money and now hes texting me every day about it"),
    (C, "my sister [[PERSON:priscilla]] had the twins at [[ORG:ridgeview maternity]] and she nearly died"),
    (C, "i moved to [[PLACE:thunder bay]] for the job and i honestly thought i would die of cold"),
    (C, "my grandad [[PERSON:ignatius]] was [[AGE:ninety six]] when he passed and he still knew everyones birthdays"),
    (C, "[[PERSON:ffion]] from work drove me to [[ORG:ysbyty glan dwr]] when i couldnt stop shaking"),
    (C, "when i was like [[AGE:ten]] we moved from [[PLACE:tema]] to [[PLACE:croydon]] and i didnt speak for a whole term"),
    (C, "i do saturdays at [[ORG:poundland]] and sundays at my uncles shop so i never get a day off"),
    (C, "aunty [[PERSON:yemisi]] and uncle [[PERSON:gbenga]] said i can stay at theirs in [[PLACE:peckham]] till i sort myself out"),
    (C, "my son [[PERSON:nikodem]] is [[AGE:seven]] and he asks about his dad every single night"),
    (C, "i told [[PERSON:dilnoza]] everything and she just held my hand"),
    (C, "[[PERSON:mrs achterberg]] at the dentist is the only person who ever asks how i actually am"),
    (C, "my best mate [[PERSON:ravinder]] got married in [[PLACE:southall]] and i didnt go because of the drinking"),
    (C, "we used to go to [[PLACE:skegness]] every summer and my dad would get drunk on the first night"),
    (C, "i used to work at [[ORG:argos]] and then they closed it and i just never got another job"),
    (C, "[[PERSON:hyun-woo]] and [[PERSON:ji-ah]] from church have been bringing food round every day"),
    (C, "the lady at [[ORG:step change]] said i could do a payment plan but i dont believe it"),
    (C, "my cousin [[PERSON:kobina asamoah]] got deported last year and nobody in the family talks about it"),
    (C, "i grew up in [[PLACE:ballymun]] and we had nothing but we had each other you know"),
    (C, "my dad [[PERSON:cormac]] was [[AGE:fifty]] when he had the stroke and he never worked again"),
    (C, "[[PERSON:mr nwachukwu]] at the corner shop gives me bread on tick when the money runs out"),
    (C, "my girlfriend [[PERSON:anh]] says i need to stop apologising for everything"),
]

# The range and style checks are the first probe's (build_probe.py); freshness is checked here
# against every earlier set.


def existing_records() -> list[dict]:
    """Every record of every earlier set (read by the checks only)."""
    return read_records(p for p in sorted(SETS.glob("*.jsonl"))  # not this set, nor the second annotator's copy
                        if p.resolve() != OUT.resolve() and p.name != "probe_second_annotator.jsonl")


TITLES = {"mr", "mrs", "ms", "miss", "dr", "doctor", "pastor", "sister", "chief", "alhaji", "abu",
          "big", "lil", "ah", "van", "der"}
WORD_NAMES = ("gift", "innocent", "memory", "prince", "rowan", "sage", "basil", "gene", "norm", "rich",
              "charity", "comfort", "justice", "talent", "wisdom", "bright", "nelson", "orange",
              "target", "gap", "leek", "battle", "headspace", "lifeline", "three")


def main() -> int:
    earlier = existing_records()
    records = build_records(UTTERANCES, "r3_")
    lower = sum(1 for r in records if r["text"] == r["text"].lower())
    empty = sum(1 for r in records if not r["spans"])
    client = sum(1 for r in records if r["speaker"] == C)
    therapist = sum(1 for r in records if r["speaker"] == T)
    others = (("utterances", len(records), MIN_UTTERANCES), ("client utterances", client, MIN_CLIENT),
              ("therapist utterances", therapist, MIN_THERAPIST),
              ("lowercase utterances", lower, MIN_LOWERCASE), ("no-mention utterances", empty, MIN_EMPTY))
    errors = (check_mix(records, MINIMUMS, MIN_TOTAL, others) + check_ranges(records)
              + check_fresh(records, earlier) + check_lowercase_style(records) + check_names(records, earlier, TITLES)
              + check_empty_lowercase(records) + check_word_names(records, WORD_NAMES))
    rc = write_set(records, OUT, errors)
    if rc == 0:
        lower_mentions = sum(1 for r in records if r["text"] == r["text"].lower() and r["spans"])
        print(f"lowercase utterances with a mention: {lower_mentions}; "
              f"lowercase with no mention: {lower - lower_mentions}; "
              f"utterances with a mention: {len(records) - empty}")
        print(f"non-ASCII spans: {sum(1 for r in records for s in r['spans'] if not s['text'].isascii())}")
        long_turns = sum(1 for r in records if 40 <= len(r["text"].split()) <= 90)
        print(f"turns of 40-90 words: {long_turns}")
        print("word-names labelled/unlabelled: "
              + ", ".join(f"{w} {n}/{p}" for w, (n, p) in word_name_counts(records, WORD_NAMES).items()))
    return rc


if __name__ == "__main__":
    sys.exit(main())
