#!/usr/bin/env python3
"""Training set C for the learned recogniser of identifying mentions.

Writer C: talk from outside the UK and from people of many backgrounds, half in
lowercase unpunctuated speech-recognition style, half cased. Every utterance is
invented. Phone numbers come from ranges kept for fiction (US/Canada 555-01xx,
Australian 0491 570 1xx and (0x) 5550 xxxx, UK drama ranges), e-mail addresses
use example.com/.org/.net, Social Security numbers use area 9xx; every person,
street, school, employer, clinic and place of worship is made up.

Labels and span edges follow tests/data/redaction/README.md ("Labels",
"Labelling decisions", and the decisions of "Probe set" and "Probe 2").

    python3 tests/data/redaction/train/build_train_c.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import build_set  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "train_c.jsonl"

C, T = "client", "therapist"

UTTERANCES: list[tuple[str, str]] = [
    # --- United States ------------------------------------------------------
    (C, "My supervisor at [[ORG:Walgreens]], [[PERSON:Dallas]], transferred to the store in [[PLACE:Austin]] and honestly the whole place fell apart without him."),
    (C, "my sister [[PERSON:dallas]] lives in [[PLACE:dallas]] which is like a running joke in our family"),
    (C, "I wore my Air Jordans to the custody hearing because they're the only shoes that don't hurt my feet, and my lawyer just gave me this look."),
    (C, "we got baptized in the [[PLACE:jordan river]] on the church trip and my mom cried the whole time"),
    (T, "[[PERSON:Chase]], I noticed you went quiet when your dad came up."),
    (C, "I owe [[ORG:Chase]] about four grand on the card, and every time the phone rings I'm sure it's them."),
    (C, "i tried to chase the bus but it just pulled away and i sat on the curb and cried"),
    (C, "The member ID on my [[ORG:Bluewater Health Plan]] card is [[ID:BWH 4471 0938 22]], but the front desk keeps saying it's not active."),
    (C, "my social is [[ID:nine one two four four six six zero three]] i had to say it out loud in the lobby with everyone listening"),
    (C, "My A-number is [[ID:A087 215 904]], and my hearing at the court in [[PLACE:El Paso]] got moved again, to [[DATE:March third]]."),
    (C, "I was born [[DATE:9/22/1996]] in [[PLACE:Fresno]], but my mom always says I'm from [[PLACE:Michoacán]] because that's where I was made, which, gross."),
    (T, "It sounds like Tía [[PERSON:Lupe]] was the one person who never asked you for anything."),
    (C, "my grandma [[PERSON:georgia]] grew up in [[PLACE:georgia]] and she still says yall even though shes been in [[PLACE:queens]] since [[DATE:nineteen sixty eight]]"),
    (C, "Everybody at [[ORG:Greater Shiloh Missionary Baptist]] knows my business before I do. [[PERSON:Deacon Fields]] already called my mother."),
    (C, "im going to be honest i dont think ill ever go back to church"),
    (C, "So the thing is, I started at [[ORG:Costco]] right after high school, I was [[AGE:eighteen]], and my manager [[PERSON:Rhonda Pettiford]] basically raised me for those six years, she taught me how to do my taxes, she drove me to my GED test, and when she retired I felt like I lost a parent, which sounds dramatic but it's true."),
    (T, "That sounds like a real loss, even if nobody around you named it as one."),
    (C, "call me back at [[PHONE:six one seven five five five oh one three eight]] thats my cell not the house"),
    (C, "You can reach my wife at [[PHONE:(404) 555-0119]] if I don't show up. She knows."),
    (C, "he will say he was drunk he will always say he was drunk"),
    (C, "We met at a [[ORG:Waffle House]] off [[PLACE:I-85]] at two in the morning, which tells you everything about that relationship."),
    (C, "my son [[PERSON:austin]] is [[AGE:seven]] and he already asks why daddy sleeps on the couch"),
    (C, "[[PERSON:Paris]] is my best friend from [[ORG:Fairhaven High]], and she's the only one who knew about the cutting."),
    (C, "we never went to [[PLACE:paris]] we were supposed to for our anniversary and then he lost the job"),
    (C, "i went to [[PLACE:paris]] for a week in [[DATE:twenty nineteen]] and it was the last time i felt like a person"),
    (T, "When you say you felt like a person, what was different about you then?"),
    (C, "My daughter [[PERSON:Carolina]] starts kindergarten in the fall and I'm the one who's terrified."),
    (C, "I put Carolina Reaper sauce on everything now, it's the only thing I can actually taste since the meds."),
    (C, "the [[ORG:va]] finally called and i have an intake with [[PERSON:doctor whitlock]] on the [[DATE:fourteenth of april]]"),
    (C, "I was deployed with the [[ORG:82nd Airborne]]. [[PLACE:Fallujah]], [[DATE:2004]]. I was [[AGE:twenty-one]]."),
    (C, "The [[ORG:VA]] clinic wants me in group on Tuesdays, and I told them I'm not sitting in a circle talking about my feelings."),
    (C, "my email is [[EMAIL:tre dot holloway at example dot com]] all lowercase no numbers"),
    (C, "Send it to [[EMAIL:shaniqua.r.burke@example.org]] and not the work one, my boss reads the work one."),
    (C, "i live at [[ADDRESS:twenty two oak hollow lane apartment six dayton ohio]] but dont put that on anything my ex could see"),
    (C, "The new place is [[ADDRESS:1187 Larkmoor Avenue, Apt 3C, Columbus, OH 43211]], it has a door that actually locks."),
    (C, "we just moved to zip code [[ADDRESS:nine eight one oh three]] which is the first place ive lived that has trees"),
    (T, "Before we start, the crisis line here is 988, and you can text it too, any time of night."),
    (C, "i called nine one one and they put me on hold can you believe that"),
    (C, "He was [[AGE:sixteen]] when they charged him as an adult. [[AGE:Sixteen]]. They sent him to [[ORG:Crestline Youth Correctional]]."),
    (C, "in the fall of my junior year i just stopped going and nobody noticed for like a month"),
    (C, "My brother goes by [[PERSON:Bubba]], nobody's called him [[PERSON:Earl Jr.]] since he was a baby."),
    (C, "she got her nails done at [[ORG:Regal Nails]] inside the [[ORG:Walmart]] on [[PLACE:Dorrance Highway]] and came back a different woman"),
    (C, "i think sertraline made it worse not better and the doctor just upped it to a hundred"),
    (T, "What I'm hearing is that the anger shows up first, and the hurt comes later, when you're alone."),
    (C, "My therapist before you, [[PERSON:Dr. Feinstein]], retired to [[PLACE:Boca Raton]] and sent me a postcard, which felt weirdly like being dumped."),
    (C, "my mom is from [[PLACE:san juan]] and my dad is from the [[PLACE:bronx]] so christmas is basically a war"),
    (C, "Thanksgiving is always a disaster, every single year, somebody storms out before the pie."),
    (C, "[[DATE:Thanksgiving 2021]] was the one where my uncle pulled a gun on my cousin."),
    (C, "The [[PERSON:Okonkwos]] next door took us in for two weeks after the fire, no questions asked."),
    (C, "my ex [[PERSON:jordan]] took the dog and the xbox and left me the debt"),
    (C, "i play [[ORG:fortnite]] with [[PERSON:tyrese]] every night he goes by [[HANDLE:ty underscore buckets two k]] on there"),
    (C, "Someone made a fake profile, [[HANDLE:@kaylee.marie.2009]], and posted my address on [[ORG:Instagram]]."),
    (C, "I'm in my forties and I still feel like a kid at my mom's table."),
    (T, "You mentioned being in your forties, and still feeling small at that table. When did that start?"),
    (C, "we drove through [[PLACE:tulsa]] on the way and i made him stop at the [[ORG:quiktrip]] so i could throw up"),
    # --- Canada ---------------------------------------------------------------
    (C, "I grew up in [[PLACE:Scarborough]], not the English one, the one in [[PLACE:Toronto]], and my dad drove a cab for [[ORG:Beck Taxi]] for twenty years."),
    (C, "me and [[PERSON:priyanka]] used to sit in the [[ORG:tim hortons]] on [[PLACE:brimley road]] after school and talk for hours"),
    (C, "My OHIP number is [[ID:4471 903 226 KT]], but the clinic says my card expired."),
    (C, "i just got my card renewed at the [[ORG:serviceontario]] in [[PLACE:brampton]] it took four hours"),
    (C, "Mom works nights at [[ORG:Canadian Tire]] and Dad's at the plant, so I basically raised my brothers."),
    (C, "my grandpa was a residential school survivor and he never talked about it not once"),
    (C, "Kokum [[PERSON:Rose]] is the one who taught me to bead, and she was [[AGE:eighty-four]] when she passed."),
    (T, "You said [[PERSON:Rose]] taught you to bead. What does it feel like to sit with her beadwork now?"),
    (C, "the rose bush she planted is still there behind the band office"),
    (C, "I moved to [[PLACE:Winnipeg]] from [[PLACE:Thompson]] when I was [[AGE:fifteen]], for school, and I lived with a family I'd never met."),
    (C, "we went to [[ORG:st boniface elementary]] and then i switched to [[ORG:kelvin ridge collegiate]] in grade nine"),
    (C, "I was in grade ten when it started. It was February, I remember the snow."),
    (C, "my mom is québécoise and my dad is haitian and i never felt enough of either"),
    (C, "[[PERSON:Marie-Ève]] and I split up on [[DATE:Canada Day 2022]], in the middle of the fireworks, very cinematic."),
    (C, "Canada Day is always hard now. I stay in with the blinds down."),
    (C, "His number is [[PHONE:514-555-0172]], he said call anytime, and then he never picked up."),
    (C, "the email for the intake lady is [[EMAIL:intake dot north at example dot org]]"),
    (C, "I work at [[ORG:Loblaws]] on the weekends and at the [[ORG:Sunnyside Seniors Centre]] during the week, and I'm still broke."),
    (C, "i was born in [[PLACE:victoria]] and i wish i never left the island"),
    (C, "My case worker, [[PERSON:Victoria Ng]], she's lovely, but she keeps calling me by my deadname."),
    (C, "we had victoria sponge at the shower and i threw it up in the bathroom after"),
    (C, "So my parents came from [[PLACE:Ludhiana]] in [[DATE:ninety one]], I was born the year after, in [[PLACE:Surrey]], the [[PLACE:B.C.]] one, and the [[ORG:Guru Nanak Darbar]] on [[PLACE:120th Street]] was basically our second house, my mom did langar every Sunday and I did homework in the back."),
    (T, "It sounds like the gurdwara was a kind of home that didn't need explaining."),
    (C, "my masi says i should be married by now like thats going to fix anything"),
    (C, "she turned [[AGE:thirty two]] on tuesday and didnt tell anyone"),
    (C, "I've been off the lorazepam for forty days. Forty days, and I can sleep."),
    (C, "my hockey coach [[PERSON:mr deluca]] was the one who finally noticed"),
    (C, "Coach pulled me aside after practice, and that was the first time an adult asked me if I was okay."),
]
UTTERANCES += [
    # --- Australia --------------------------------------------------------------
    (C, "i grew up in [[PLACE:logan]] and everyone thinks its rough but it was the only place i ever felt safe"),
    (C, "My old man worked at [[ORG:Bunnings]] in [[PLACE:Parramatta]] for thirty years and never took a sickie."),
    (C, "me and [[PERSON:bazza]] used to go fishing off the wharf at [[PLACE:cronulla]] every sunday arvo"),
    (C, "[[PERSON:Sydney]] is my little sister, she's [[AGE:twelve]], and she's the reason I haven't done anything stupid."),
    (C, "we moved from [[PLACE:sydney]] to [[PLACE:perth]] when dad got the mine job and i never made friends again"),
    (C, "our cat is called sydney because we got her the week we moved and she still hides under the bed"),
    (C, "Her mobile's [[PHONE:0491 570 156]], but she won't pick up if she doesn't know the number."),
    (C, "ring the office on [[PHONE:oh three seven oh one oh four four two one]] and ask for [[PERSON:shazza]] shes the only one who gets it"),
    (C, "The school's number is [[PHONE:(02) 5550 3187]], ask for [[PERSON:Mrs Kowalczyk]] in the office, she knows the situation."),
    (C, "triple zero took forty minutes that night and i swear i thought he was gone"),
    (C, "I did my apprenticeship at [[ORG:Holden]] before they shut down, then drove trucks for [[ORG:Toll]] out of [[PLACE:Dandenong]]."),
    (C, "my nan was stolen generations and nobody in my family talks about it"),
    (T, "You said your nan's story is the one nobody tells. Would it be okay to tell a little of it here?"),
    (C, "Aunty [[PERSON:Dot]] from the [[ORG:Wadjari Aboriginal Corporation]] came to the hospital and sat with me all night."),
    (C, "i work at [[ORG:woolies]] in [[PLACE:footscray]] on the registers and people are so rude"),
    (C, "I was [[AGE:seventeen]] when I got my P plates and [[AGE:eighteen]] when I wrapped the car round a pole."),
    (C, "Anzac Day is hard. My grandad marched every year and now it's just me and Mum watching it on telly."),
    (C, "i went to [[ORG:st brendans college]] in [[PLACE:ipswich]] the one in [[PLACE:queensland]] not [[PLACE:england]]"),
    (C, "my footy coach called me mate for three years and never once learned my name"),
    (C, "So I'm from [[PLACE:Townsville]] originally, and after the floods in [[DATE:2019]] we lost basically everything, the house, Dad's boat, my nan's photos, and we moved in with my aunty in [[PLACE:Cairns]] for a bit, five of us in a two-bedroom, and that's when the drinking really started for Mum."),
    (C, "My [[ORG:Centrelink]] reference is [[ID:307 418 992K]], I've rung them six times this week."),
    (C, "[[ORG:centrelink]] cut me off again because i missed one appointment"),
    (T, "It makes sense you'd feel furious. Being cut off for missing one appointment would knock anyone."),
    (C, "i follow this girl at [[HANDLE:byron bay belle]] on [[ORG:insta]] and now i feel like my whole life is ugly"),
    (C, "my email is [[EMAIL:kirra dot walsh ninety two at example dot com]] if you need to send the forms"),
    (C, "We were married at [[ORG:St Columba's Uniting Church]] in [[PLACE:Toowoomba]] on the [[DATE:14th of November 2009]], and he was gone by Christmas."),
    # --- New Zealand ------------------------------------------------------------
    (C, "i was born in [[PLACE:porirua]] and my nan raised me on the marae till i was [[AGE:ten]]"),
    (C, "My koro, [[PERSON:Hemi]], he's the one who taught me to speak te reo, and he was [[AGE:ninety]] when he died."),
    (C, "aroha is what my nan always said we had to give even when people didnt deserve it"),
    (C, "Me and [[PERSON:Aroha]] have been together six years and she's never met my dad."),
    (C, "we moved from [[PLACE:dunedin]] to [[PLACE:auckland]] for my dads job at [[ORG:fonterra]]"),
    (C, "[[PERSON:Whetū]] and [[PERSON:Tāne]] are the twins, they're [[AGE:four]], and they're the loudest things in the house."),
    (T, "Tēnā koe. Before we start, is there a name you'd like me to use?"),
    (C, "I played for the [[ORG:Wainui Sharks]] until my knee went, and after that I didn't know who I was."),
    (C, "my aunty works at [[ORG:countdown]] in [[PLACE:hamilton]] and she got me a job there stacking shelves"),
    # --- Ireland ------------------------------------------------------------------
    (C, "My mam's from [[PLACE:Ballyfermot]], my da's from [[PLACE:Cork]], and they met in a chipper on [[PLACE:Carrow Street]] in nineteen-eighty-something."),
    (C, "[[PERSON:Siobhán Ó Súilleabháin]] was my best friend in [[ORG:Scoil Naomh Fiachra]] and then she just stopped talking to me in sixth class."),
    (C, "me and [[PERSON:pádraig]] went to [[PLACE:galway]] for the races and i dont remember most of it"),
    (C, "I work in [[ORG:Dunnes]] on [[PLACE:Mulgrave Street]], and honestly the customers are the only thing that keeps me going some days."),
    (C, "the guards came to the door at four in the morning and my mam just sat down on the stairs"),
    (C, "[[PERSON:Father Eoghan]] buried my granny and then he was in the papers the year after, and I still don't know what to feel about that."),
    (T, "There's a lot tangled together there, the grief for your granny and what came out about him."),
    (C, "i was in [[ORG:ashgrove clinic]] for six weeks and it was the first time i slept properly in years"),
    (C, "My PPS number's [[ID:6384172QA]], it's on the letter from [[ORG:Intreo]]."),
    (C, "the [[ORG:hse]] waiting list for camhs is like eighteen months so we went private"),
    (C, "Paddy's Day is the worst day of the year for me, everyone's locked by noon."),
    (C, "she was [[AGE:nineteen]] and pregnant and they sent her to the laundry in [[PLACE:roscrea]] and thats all my granny ever said about it"),
    (C, "Our [[PERSON:Aoibheann]] is doing her Leaving Cert this year and she's not sleeping either."),
    (C, "I was born in [[DATE:'86]], the year of the big snow in [[PLACE:Leitrim]], or so my mother says."),
    # --- Scotland -------------------------------------------------------------------
    (C, "[[PERSON:wee callum]] fae [[PLACE:paisley]] was the one who found me in the close"),
    (C, "My wee brother's just turned [[AGE:eleven]] and he already knows more about drugs than I did at [[AGE:twenty]]."),
    (C, "i was at [[ORG:craigend academy]] till i was [[AGE:fourteen]] then i was in a unit in [[PLACE:renfrew]]"),
    (C, "[[PERSON:Eilidh]] and [[PERSON:Mhairi]] took me to the [[PLACE:Crooked Thistle]] for my birthday and I cried in the toilets."),
    (C, "i stay in [[PLACE:easterhouse]] now and its no as bad as folk say"),
    (C, "He's a [[ORG:Rangers]] man and I'm not, and in our house that's basically a mixed marriage."),
    (C, "my granda supported [[ORG:celtic]] till the day he died and they buried him in the scarf"),
    (T, "Your granda's scarf sounds like it holds a lot more than football."),
    (C, "Hogmanay is the only night of the year my dad's sober, which tells you something."),
    (C, "the doctor at the [[ORG:royal clyde]] told me i had a year if i kept drinking"),
    # --- South Africa ---------------------------------------------------------------
    (C, "I grew up in [[PLACE:Soweto]], in [[PLACE:Orlando East]], and my gogo ran a spaza shop from the front room."),
    (C, "my gogo [[PERSON:nomsa]] is [[AGE:seventy eight]] and she still walks to church every sunday"),
    (C, "[[PERSON:Thabo]] and I met at [[ORG:Highveld University]] in first year, and by third year we were married."),
    (C, "i worked at [[ORG:pick n pay]] in [[PLACE:khayelitsha]] and then at [[ORG:shoprite]] in [[PLACE:bellville]] and both managers were the same kind of man"),
    (C, "My oupa farmed outside [[PLACE:Stellenbosch]] and my ouma never left the kitchen, and I still can't eat bobotie without crying."),
    (C, "i had a braai for my [[AGE:thirtieth]] and nobody came except my sister"),
    (C, "load shedding means the fridge goes off and my insulin goes off and nobody cares"),
    (C, "[[PERSON:Annelie van der Merwe]] was my Grade 7 teacher at [[ORG:Hoërskool Bloukrans]], and she's the only reason I went to varsity."),
    (C, "They took him to [[ORG:Ikhwezi District Hospital]] and we sat in casualty for nine hours."),
    (C, "my brother [[PERSON:sipho]] was [[AGE:twenty three]] when he was shot in [[PLACE:alex]] and they still havent caught anyone"),
    (T, "[[PERSON:Sipho]]'s death is still open for you, in a way, with nobody held to account."),
    (C, "We moved from [[PLACE:Durban]] to [[PLACE:Perth]] in [[DATE:2015]], like half our street did, and my mum still calls [[PLACE:Umhlanga]] home."),
    (C, "im zulu on my mums side and xhosa on my dads and i only speak english which is its own shame"),
]
UTTERANCES += [
    # --- India ----------------------------------------------------------------
    (C, "my name is [[PERSON:india]] because my mum went to [[PLACE:india]] when she was pregnant and thought it was romantic"),
    (C, "I was ink-stained up to my elbows, India ink everywhere, and that was the only week that year I was happy."),
    (C, "[[PERSON:Arjun]] got into [[ORG:Infosys]] in [[PLACE:Pune]] and my parents haven't stopped comparing us since."),
    (C, "my nani lives in [[PLACE:kochi]] and she calls every sunday to ask if ive eaten"),
    (C, "Diwali is the only time the whole family's in one room, and someone always ends up crying in the kitchen."),
    (C, "we went back for [[DATE:diwali twenty eighteen]] and that was the last time i saw my dada ji"),
    (C, "[[PERSON:Lakshmi Venkataraman]] was my roommate at [[ORG:Sri Vidyanjali Women's College]] in [[PLACE:Chennai]], and she's the one who told me it wasn't normal."),
    (C, "i had my arranged marriage meeting at the [[ORG:taj]] in [[PLACE:bandra]] and i cried in the lift after"),
    (C, "He's Brahmin and I'm Dalit and his mother will never let that go, no matter how many degrees I have."),
    (T, "It sounds like your worth is being measured against something you can't change, however hard you work."),
    (C, "my appa worked for [[ORG:tata steel]] in [[PLACE:jamshedpur]] for thirty one years and never once took leave"),
    (C, "I was [[AGE:twenty-nine]] when they started the marriage talk and [[AGE:thirty-three]] when they gave up."),
    (C, "she was [[AGE:twenty nine]] when she had me and [[AGE:thirty one]] when she left"),
    (C, "My Aadhaar's in my maiden name and the bank won't accept it, so I'm stuck."),
    (C, "the call centre job at [[ORG:sutherland]] in [[PLACE:hyderabad]] was nights and i havent slept properly since"),
    # --- Pakistan -------------------------------------------------------------
    (C, "[[PERSON:Ayesha]] and [[PERSON:Usman]] got married in [[PLACE:Lahore]] in [[DATE:December 2017]], and I wasn't invited because of the divorce."),
    (C, "my phupho in [[PLACE:rawalpindi]] calls my mum every night to talk about me"),
    (C, "Eid is the worst, every single year, everyone asks when I'm getting married."),
    (C, "[[DATE:eid last year]] i stayed in bed all day and my mum told everyone i had flu"),
    (C, "We go to [[ORG:Jamia Masjid Noor-ul-Islam]] on [[PLACE:Kessington Road]], and [[PERSON:Imam Tariq]] is the only person I've told."),
    (C, "my dad drives for [[ORG:careem]] back home and for [[ORG:uber]] here its the same job just colder"),
    (C, "i was born in [[PLACE:mirpur]] in [[DATE:two thousand and three]] and we came over when i was [[AGE:six]]"),
    (C, "My cousin [[PERSON:Zainab]] is studying at [[ORG:Margalla College of Medicine]] in [[PLACE:Islamabad]], and she's the golden child."),
    (T, "[[PERSON:Zainab]] being the golden child seems to leave you somewhere in the shadow. What's it like there?"),
    (C, "the imam said grief is worship if you carry it right and i dont know what that means"),
    (C, "My CNIC was in my bag when it got stolen, number and all, and now I'm scared someone's using it."),
    (C, "ramadan was hard this year i kept fainting at work"),
    # --- Nigeria --------------------------------------------------------------
    (C, "[[PERSON:Chidinma]] said I was too much, and I said at least I'm not too little, and she blocked me."),
    (C, "my uncle [[PERSON:emeka]] sends money from [[PLACE:onitsha]] every month and then tells everyone how generous he is"),
    (C, "I grew up in [[PLACE:Surulere]], went to [[ORG:Kings Heritage College]] in [[PLACE:Ikeja]], then [[ORG:Lagoon City University]], and none of it prepared me for a winter in [[PLACE:Minneapolis]]."),
    (C, "we attend [[ORG:redeemed christian church of god]] on [[PLACE:bellamy avenue]] and pastor said depression is a spirit"),
    (C, "[[PERSON:Pastor Adebayo]] prayed over me for two hours, and I left feeling worse, like I'd failed the exam."),
    (C, "my mum keeps calling me her precious child and i just want her to call me by my name"),
    (C, "My name is [[PERSON:Precious]], but at work they call me [[PERSON:Preshy]], which I hate."),
    (C, "[[PERSON:tunde]] and [[PERSON:yemisi]] came round with jollof and sat with me even though i didnt say anything"),
    (C, "The [[PERSON:Adeyemis]] sponsored my visa and now they act like they own me."),
    (C, "I'm Igbo and he's Yoruba, and both our mothers have opinions about that."),
    (C, "she was [[AGE:twenty six]] when she flew to [[PLACE:houston]] and she never came back to [[PLACE:enugu]]"),
    (C, "So what happened was, my dad's business partner, [[PERSON:Chief Okafor]], took the whole shop in [[PLACE:Aba]] while Dad was in hospital, and my dad never recovered, he just sat in the parlour watching [[ORG:NTA]] news every night until he died in [[DATE:2011]], and I was the one who had to tell my mother we had nothing left."),
    (T, "That's a lot to have carried as a young person, telling your mother that."),
    (C, "my email is [[EMAIL:ngozi underscore eze at example dot net]] and please dont send anything to the house"),
    (C, "the blessing of it is that my kids never saw the worst of it"),
    (C, "[[PERSON:Blessing]] from my cell group drove me to the appointment and waited in the car for three hours."),
    # --- Ghana ----------------------------------------------------------------
    (C, "I'm [[PERSON:Kwame]] because I was born on a Saturday, but everyone at school called me [[PERSON:KJ]]."),
    (C, "i was born on a friday so im [[PERSON:kofi]] to my grandma and [[PERSON:kevin]] to everyone else"),
    (C, "my auntie [[PERSON:efua]] runs a chop bar in [[PLACE:kumasi]] and she says i should come home and stop all this therapy nonsense"),
    (C, "We met at [[ORG:Akwaaba Methodist]] in the [[PLACE:Bronx]], and the whole congregation came to the wedding."),
    (C, "[[PERSON:Ama Mensah]] was my housemate at [[ORG:Adenta Technical University]], and she was the first one to say you look tired all the time."),
    (C, "my mum sends everything through [[ORG:western union]] and then calls me to check it came every single time"),
    (C, "Independence Day back home is in March and my dad still puts the flag up."),
    (C, "he was [[AGE:fifty]] when he went back to [[PLACE:accra]] and he died there two years later"),
    # --- Kenya -----------------------------------------------------------------
    (C, "my dad works for [[ORG:safaricom]] in [[PLACE:westlands]] and he sends me [[ORG:m pesa]] but never calls"),
    (C, "[[PERSON:Wanjiru]] was my best friend at [[ORG:Limuru Hills Girls]], and we haven't spoken since the election."),
    (C, "I ran my first marathon in [[DATE:2016]] and I didn't tell anyone I'd been crying the whole last ten kilometres."),
    (C, "[[PERSON:otieno]] and [[PERSON:akinyi]] stayed in [[PLACE:kisumu]] and im the only one who left"),
    (C, "My cucu is Kikuyu and my dad is Luo, and there was a time that was a big deal."),
    (C, "we stayed in [[PLACE:kibera]] until i was [[AGE:nine]] and then my aunt took me to [[PLACE:nakuru]]"),
    (T, "When you moved to [[PLACE:Nakuru]] at [[AGE:nine]], who did you miss the most?"),
    (C, "the matatu ride to school was two hours each way and i used to sleep the whole way"),
    # --- Jamaica ---------------------------------------------------------------
    (C, "My granny in [[PLACE:Spanish Town]] raised me till I was [[AGE:eleven]], then I came up to [[PLACE:Brooklyn]] to my mother, a woman I didn't know."),
    (C, "[[PERSON:delroy]] my stepfather never hit me but he never said my name either"),
    (C, "[[PERSON:Miss Marcia]] from the corner shop used to give me a patty and a box juice every day after school, no charge."),
    (C, "i ate jamaican patties for dinner every night that week cause it was all i could manage"),
    (C, "He was [[AGE:fourteen]] when he joined the [[ORG:Mona Heights College]] track team and everybody said he'd go to the Olympics."),
    (C, "we used to go to [[ORG:open bible church]] in [[PLACE:may pen]] and my grandma sang in the choir"),
    (C, "may the lord keep you thats what my grandmother wrote in every card"),
    (C, "[[DATE:Independence Day 2012]], the fiftieth, my father was on the float and that's the last happy picture I have of him."),
    (C, "[[PERSON:Shanice]] moved to [[PLACE:Montego Bay]] with the baby and now I only see him on [[ORG:WhatsApp]]."),
    # --- Philippines -----------------------------------------------------------
    (C, "My tita [[PERSON:Marites]] found me the job at [[ORG:St. Agnes Care Home]] in [[PLACE:Winnipeg]], so of course I can't quit."),
    (C, "my lola raised me in [[PLACE:cebu]] and when she died i couldnt even fly home"),
    (C, "Lola [[PERSON:Caring]] is [[AGE:ninety one]] and she still remembers everyone's birthday."),
    (C, "I send half my pay to my mother in [[PLACE:Quezon City]], and she still asks why I don't send more."),
    (C, "me and [[PERSON:jun jun]] were the only filipinos on the night shift at the [[ORG:mount carmel]] icu"),
    (C, "Ate [[PERSON:Joy]] is my older sister, she's a nurse in [[PLACE:Dubai]], and she's the one who says I'm too soft."),
    (C, "it was pure joy the day my visa came through i jumped up and down in the kitchen"),
    (C, "we went to [[ORG:jollibee]] after the funeral because that was his favourite and we all laughed for the first time"),
    (C, "Simbang Gabi was always my favourite, nine nights of mass before Christmas, and this year I went to none of them."),
    (T, "Simbang Gabi sounds like it was a part of you that's gone quiet this year."),
    (C, "i was [[AGE:twenty two]] when i came over as a caregiver and i havent been home since"),
    (C, "My landlady, [[PERSON:Mrs. Dimaculangan]], is the one who drove me to the clinic when I couldn't stop shaking."),
]
UTTERANCES += [
    # --- Vietnam ----------------------------------------------------------------
    (C, "My full name is [[PERSON:Nguyễn Thị Thảo]], but at the salon everyone calls me [[PERSON:Tina]], because the customers can't say it."),
    (C, "[[PERSON:bảo]] my little brother is [[AGE:nine]] and he translates everything for my parents at the doctor"),
    (C, "we came from [[PLACE:đà nẵng]] in [[DATE:two thousand and eight]] and my mum opened a nail shop in [[PLACE:garden grove]]"),
    (C, "My dad was a boat person, he left [[PLACE:Vũng Tàu]] in [[DATE:1979]] when he was [[AGE:thirteen]], alone."),
    (C, "Tết is the only time my father drinks, and then it's three days of silence after."),
    (C, "the [[PERSON:nguyễns]] upstairs hear everything through the floor and they never say anything"),
    (T, "[[PERSON:Đức]], I want to check what it was like to say that out loud for the first time."),
    (C, "i work at [[ORG:pho hoa]] on [[PLACE:bellaire]] six days a week and i still cant pay the rent"),
    # --- China -------------------------------------------------------------------
    (C, "My parents are in [[PLACE:Guangzhou]] and they think I'm doing a PhD at [[ORG:Westmoor University]], which I dropped out of last year."),
    (C, "[[PERSON:wang fang]] was my roommate and she went home after the first semester and never messaged again"),
    (C, "I use [[ORG:WeChat]] to talk to my mother, and every call ends with her asking about my weight."),
    (C, "Chinese New Year is the worst for me, all the questions at once."),
    (C, "my grandfather [[PERSON:li jianguo]] was [[AGE:eighty seven]] and i didnt get a visa in time for the funeral"),
    (C, "He changed his name to [[PERSON:Kevin]] in first grade because the teacher kept saying [[PERSON:Kaiwen]] wrong."),
    (C, "i put a china plate through the wall that night and thats when she left"),
    (C, "We were in [[PLACE:Wuhan]] for [[DATE:New Year 2020]], and then we couldn't leave for four months."),
    # --- Korea ------------------------------------------------------------------
    (C, "[[PERSON:Kim Seo-yeon]], that's me, and in [[PLACE:Seoul]] it's like the most common name in the world, so nobody remembers it."),
    (C, "my umma runs a dry cleaner in [[PLACE:fort lee]] and she calls me every night at ten"),
    (C, "I worked at [[ORG:Samsung]] in [[PLACE:Suwon]] for six years and I didn't have a single day where I left before nine."),
    (C, "chuseok was the first holiday i spent alone and i ate cup ramen and watched [[ORG:netflix]] all day"),
    (C, "[[PERSON:Ji-ho]] is [[AGE:six]] and he's already in three hagwons, and I'm the one having panic attacks."),
    (C, "we go to [[ORG:hanmaum presbyterian]] and the pastors wife already knows about the divorce"),
    (T, "You've talked about your oppa a few times today. What would he say if he were here?"),
    # --- Japan -----------------------------------------------------------------
    (C, "[[PERSON:Haruto]] was my host brother in [[PLACE:Sendai]], and when the earthquake happened I couldn't reach him for five days."),
    (C, "my obaachan lived to a hundred and two and never said a bad word about anyone"),
    (C, "My dad worked at [[ORG:Toyota]] in [[PLACE:Nagoya]] and then at the plant in [[PLACE:Georgetown]], [[PLACE:Kentucky]], and we followed him like luggage."),
    (C, "[[PERSON:yui]] and [[PERSON:sato]] san from work are the only people who came to see me in hospital"),
    (C, "I was [[AGE:twenty-four]] when I moved to [[PLACE:Vancouver]], and I've never told my mother that I was lonely."),
    (C, "i ate onigiri from [[ORG:seven eleven]] three times a day for a month and called it coping"),
    # --- Poland ------------------------------------------------------------------
    (C, "My name's [[PERSON:Łukasz]], but at the warehouse they call me [[PERSON:Luke]] and I've stopped correcting them."),
    (C, "[[PERSON:małgorzata]] my wife she wants to go back to [[PLACE:gdańsk]] and i dont know if i want to"),
    (C, "We were married in [[PLACE:Kraków]] at [[ORG:St. Florian's]], [[DATE:June 2012]], and my babcia danced till two in the morning."),
    (C, "babcia always said everything happens for a reason and i used to believe her"),
    (C, "[[PERSON:Kasia]] is [[AGE:sixteen]] and she only speaks to me in English now, even at home."),
    (C, "i worked at [[ORG:amazon]] in [[PLACE:kenosha]] then at a polish deli on [[PLACE:milwaukee avenue]] and that was better"),
    (C, "Wigilia is the only night my father doesn't drink, and we all wait for it to end."),
    (C, "my mum sends parcels from [[ORG:biedronka]] full of sweets like im still eight"),
    # --- Romania --------------------------------------------------------------
    (C, "[[PERSON:Ioana]] and [[PERSON:Ștefan]] came with me from [[PLACE:Cluj]], and now they're the only people I trust here."),
    (C, "i was born in [[PLACE:iași]] on the [[DATE:third of march nineteen ninety]] and my mother still lights a candle every year on that day"),
    (C, "My dad was in an orphanage in [[PLACE:Bucharest]] in the eighties, and he never talks about it."),
    (C, "we did easter at the orthodox church and i fainted during the midnight service"),
    (C, "[[PERSON:Mihai]] works at [[ORG:Dedeman]] back home and he sends me photos of tools like it's a love letter."),
    # --- Brazil -----------------------------------------------------------------
    (C, "[[PERSON:João Pedro]] is my son, he's [[AGE:three]], and he thinks the words in Portuguese are just for me."),
    (C, "we moved from [[PLACE:recife]] to [[PLACE:framingham]] and my mom cleaned houses for seven years"),
    (C, "I'm from [[PLACE:São Paulo]], from [[PLACE:Capão Redondo]], and people here think I'm lying when I say it was beautiful."),
    (C, "[[PERSON:luana]] said she was going to [[PLACE:rio]] for carnaval and then she just didnt come back"),
    (C, "i eat brazil nuts for the selenium because my sister read about it on [[ORG:facebook]]"),
    (C, "My [[ORG:WhatsApp]] is full of groups from [[ORG:Igreja Batista Vida Nova]], and every one of them is praying for my marriage."),
    (T, "[[PERSON:Thiago]], before we stop today, I want to come back to what you said about your father."),
    # --- Mexico -------------------------------------------------------------------
    (C, "[[PERSON:José Luis]] is my dad, everyone calls him [[PERSON:Pepe]], and he's been in [[PLACE:Guadalajara]] since the deportation."),
    (C, "my abuela [[PERSON:guadalupe]] lives in [[PLACE:zacatecas]] and she thinks therapy is for crazy people"),
    (C, "Día de Muertos is when I feel closest to my brother. We put his photo up and his Takis."),
    (C, "i worked at [[ORG:oxxo]] in [[PLACE:tijuana]] when i was [[AGE:fifteen]] and then we crossed"),
    (C, "[[PERSON:Ximena]] had her quince in [[DATE:2019]], and I spent the whole party hiding in the bathroom."),
    (C, "we ate mexican food every sunday at my tias house and it was the only good part of the week"),
    (C, "The consulate on [[PLACE:Corrales Street]] lost my papers twice, and I'm not even exaggerating."),
    (C, "Our Lady of Guadalupe is on my mom's dashboard, my wallet, my wall, everywhere, and I don't even believe anymore."),
    # --- Colombia ----------------------------------------------------------------
    (C, "[[PERSON:valentina]] and [[PERSON:andrés]] stayed in [[PLACE:medellín]] and i came here alone at [[AGE:nineteen]]"),
    (C, "My dad was taken in [[DATE:'98]] outside [[PLACE:Cali]], and for two years we didn't know if he was alive."),
    (C, "i got my first job at [[ORG:crepes and waffles]] in [[PLACE:bogotá]] and it was honestly the happiest i ever was"),
    (C, "Doña [[PERSON:Esperanza]] from the building is the only one who knows, and she brings me arepas on Saturdays."),
    (C, "there was no hope in that house my mum used to say and she was right"),
    # --- Somalia ----------------------------------------------------------------
    (C, "I was born in [[PLACE:Mogadishu]], grew up in [[PLACE:Dadaab]], and got to [[PLACE:Minneapolis]] when I was [[AGE:twelve]]."),
    (C, "my hooyo sends money through [[ORG:dahabshiil]] to my aunties in [[PLACE:hargeisa]] every month even when we cant eat"),
    (C, "[[PERSON:Hodan]] and [[PERSON:Faadumo]] are my sisters, and we all live in one flat in [[PLACE:Cedar-Riverside]]."),
    (C, "We go to [[ORG:Masjid al-Ihsan]] on [[PLACE:Lindell Avenue]], and the sheikh there told my mother I need ruqyah, not therapy."),
    (C, "my uncle [[PERSON:abdirahman warsame]] drives a cab at the airport and he knows everyone in the community"),
    (C, "Ramadan is the only month my family all eats together."),
    # --- Syria ----------------------------------------------------------------
    (C, "[[PERSON:Rami]] was [[AGE:seventeen]] when we left [[PLACE:Homs]], and he was the one who carried our mother across the border."),
    (C, "we waited in [[PLACE:gaziantep]] for two years and then [[PLACE:amman]] and then they said [[PLACE:canada]]"),
    (C, "My father had a pharmacy in [[PLACE:Aleppo]] on [[PLACE:al-Zahraa Street]], and now he sweeps floors at a [[ORG:Sobeys]] in [[PLACE:Halifax]]."),
    (C, "[[PERSON:lina]] my wife she doesnt sleep she just sits by the window until the morning"),
    (T, "You said [[PERSON:Lina]] sits by the window. Do you ever sit with her?"),
    (C, "our [[ORG:UNHCR]] interview was on the [[DATE:fifth of November 2016]], I remember because it was raining and my daughter was sick."),
    (C, "i keep dreaming about the jasmine on our balcony and the sound of the call to prayer"),
    # --- Iran -------------------------------------------------------------------
    (C, "[[PERSON:Shirin]] and I left [[PLACE:Tehran]] in [[DATE:2009]], after the elections, and I haven't seen my mother since."),
    (C, "my baba was a professor at [[ORG:shiraz polytechnic]] and now he drives for [[ORG:lyft]] in [[PLACE:irvine]]"),
    (C, "Nowruz is coming and I can't face the haft-sin this year without her."),
    (C, "i was [[AGE:twenty one]] when they arrested me and i spent eleven days in [[ORG:evin]]"),
    (C, "[[PERSON:Dariush]] from my language class is the only one who knows I'm gay, and he's in [[PLACE:Toronto]] now."),
    (C, "we are persian not arab my mum would say every time a teacher got it wrong"),
    # --- Turkey ----------------------------------------------------------------
    (C, "My sister [[PERSON:Şeyma]] married a man from [[PLACE:Izmir]] and moved there in [[DATE:2014]], and my mother has never forgiven her."),
    (C, "i was a cook at a kebab place in [[PLACE:astoria]] and the owner [[PERSON:gökhan]] paid us in cash when he felt like it"),
    (C, "I was born in [[PLACE:Diyarbakır]], I'm Kurdish, and my Turkish teachers made me feel it every single day."),
    (C, "we had turkey for christmas even though we are muslim because my kids wanted to be like everyone else"),
    (C, "[[PERSON:Emre]] works at [[ORG:Migros]] in [[PLACE:Istanbul]] and sends me memes every day, and that's how I know he's okay."),
    (C, "my anneanne died in the earthquake and we found out on [[ORG:twitter]] before anyone called us"),
]

UTTERANCES += [
    # --- therapist turns, many settings -----------------------------------------
    (T, "so when you think about your abuela now what comes up first"),
    (T, "It sounds like you're carrying your family's hopes and your own at the same time."),
    (T, "i wonder what it would be like to let yourself rest this weekend even for an hour"),
    (T, "[[PERSON:Nkechi]], you said you felt invisible at the wedding. Can you tell me more about that?"),
    (T, "we have about ten minutes left so i want to make sure we talk about the plan for thursday"),
    (T, "Last week you rated your mood a four out of ten. Where would you put it today?"),
    (T, "when you were [[AGE:twelve]] and living with your aunt in [[PLACE:kingston]] who did you turn to"),
    (T, "I'm going to give you the number for the after-hours line. If you're in [[PLACE:Australia]], [[ORG:Lifeline]] is 13 11 14, and triple zero if you're in danger."),
    (T, "you mentioned [[PERSON:marcus]] twice today and both times your voice dropped"),
    (T, "What would your grandmother have said if she saw you like this?"),
    (T, "It's okay to be angry at God. A lot of people I work with feel that, and it doesn't make them less faithful."),
    (T, "i hear that the move to [[PLACE:calgary]] was supposed to be a fresh start and it hasnt felt like one"),
    (T, "So, [[PERSON:Bảo]], what do you notice in your body right now, as you tell me this?"),
    (T, "lets slow down there for a second"),
    (T, "Can I check I've got this right? You were [[AGE:nineteen]], you'd just arrived in [[PLACE:Toronto]], and [[PERSON:Farid]] was the only person you knew."),
    (T, "that sounds exhausting honestly working two jobs and still sending money home"),
    (T, "The referral from [[ORG:Lakeshore Family Health Team]] says you've been on escitalopram since the spring. How has that been?"),
    (T, "i want to name something i noticed you smiled when you said that but your eyes didnt"),
    (T, "Would it help to invite [[PERSON:Mrs. Achterberg]] to one of our sessions, or would that feel like too much?"),
    (T, "You don't have to decide anything today."),
    (T, "it makes sense that eid brings all of this up its when the empty chair is most obvious"),
    (T, "when [[PERSON:Pastor Mbeki]] said that to you, what did you say back, or did you say anything?"),
    (T, "I'd like us to try a grounding exercise. Five things you can see, four you can hear."),
    (T, "[[PERSON:Leilani]], I'm really glad you came back this week."),
    (T, "so between [[ORG:doordash]] in the day and the warehouse at night when do you actually sleep"),
    (T, "Your intake form says you were born in [[PLACE:Manila]] and moved here at [[AGE:seven]]. What do you remember of the move?"),
    (T, "theres no right way to grieve and theres no deadline on it either"),
    (T, "How old were you when your father left for [[PLACE:Dubai]]?"),
    (T, "when you say the mosque was your second home what did a good day there look like"),
    (T, "I hear how much the team at [[ORG:Dunmore Meats]] meant to you. Losing that job is losing a community, not just a paycheck."),
    (T, "You mentioned your daughter [[PERSON:Georgia]] has started asking questions. What kind of questions?"),
    (T, "were you still at [[ORG:maple grove middle]] when the bullying started or was that later"),
    (T, "It's really common for people who came here as refugees to feel guilty for being safe."),
    (T, "i wonder if [[PERSON:tomás]] knows how much you wanted him to ask"),
    (T, "Let's put the worksheet aside for now. I'd rather hear about your week."),
    (T, "on a scale from nought to a hundred how strong is the urge right now"),
    (T, "So the [[DATE:22nd]] is the anniversary. Would you like us to plan something for that day?"),
    (T, "What you did at [[AGE:fifteen]] to survive doesn't have to be what you do at [[AGE:thirty-five]]."),
    (T, "i heard you say you are not a crier but your body seems to be saying something else"),
    (T, "[[PERSON:Magdalena]], we've got the same time next Wednesday, and I'll send the reminder to [[EMAIL:m.wozniak@example.net]] as usual."),
    (T, "if the panic comes on the train again try the breathing we practised four in and six out"),
    (T, "It sounds like your mum's sister, Auntie [[PERSON:Grace]], was the one who kept the family together."),
    (T, "so you sent the application to [[ORG:ircc]] and now its just waiting"),
    (T, "Waiting on a decision like that is its own kind of trauma."),
    (T, "what was it like growing up as the only black family in [[PLACE:saskatoon]]"),
    (T, "I noticed you called him 'the old man' and never by his name. Is that on purpose?"),
    (T, "your homework if you want to call it that is just to notice when the thought shows up"),
    (T, "Okay, so I've got your mobile as [[PHONE:0491 570 157]]. Is it all right if I leave a message there?"),
    (T, "thank you for trusting me with that i know it wasnt easy to say"),
    (T, "How are things with [[PERSON:Yusuf]] since the argument at his parents' place?"),
    (T, "we can go at whatever pace you need"),
    (T, "It sounds like [[ORG:Coastal Kids Dental]] became the place where you were competent, when home felt like chaos."),
    (T, "so the shelter on [[PLACE:cordova row]] is full but i can call the one in [[PLACE:burnaby]] while youre here"),
    (T, "What would it mean to you if your parents never understood why you left medicine?"),
    (T, "you said [[PERSON:kiri]] is the only one who knows does that feel like enough right now"),
    (T, "Sometimes the body remembers what the mind would rather forget."),
    (T, "and what did your mother say when you told her"),
    (T, "[[PERSON:Rustam]], you've been coming here for six months. What's changed, from where you sit?"),
    (T, "i want to check are you safe at home right now"),
    (T, "Is your cousin in [[PLACE:Lagos]] someone you could call when it gets like this?"),
    (T, "lets write the plan together first who you call then where you go"),
    (T, "I know the letter from the [[ORG:Home Office]] is sitting on your kitchen table. Shall we open it together next week?"),
    (T, "theres a lot of grief in what youre describing and not much room for it in your family"),
    (T, "It sounds as if being [[PERSON:Mei]] at home and [[PERSON:May]] at work takes a lot of energy."),
    (T, "in may you said things were a bit better what was different then"),
    (T, "When you were in [[PLACE:Dadaab]], was there anyone who made you feel safe?"),
    (T, "i wonder if the anger at the landlord is also about everything else you lost"),
    (T, "You said your hope was running out. What keeps the last bit of it going?"),
    (T, "[[PERSON:Sibusiso]], can we pause there for a moment?"),
    (T, "so your nonna lived with you until she was [[AGE:ninety four]] that must have shaped the whole house"),
    (T, "I'm wondering whether the Sunday calls with your mum leave you feeling better or worse."),
    (T, "it sounds like the choir at [[ORG:st cyprians]] was where you could be yourself"),
    (T, "Let's end with one thing you're looking forward to, however small."),
    (T, "did you want me to write a letter for [[ORG:ontario works]] or would you rather handle that yourself"),
    (T, "I'll be away the week of the [[DATE:10th]], so [[PERSON:Dr. Haugen]] will cover if anything comes up."),
    (T, "sometimes naming the feeling takes a bit of its power away"),
]

UTTERANCES += [
    # --- long turns, mentions in the middle --------------------------------------
    (C, "so basically what happened is i was working doubles at the [[ORG:dollar general]] out on [[PLACE:route nine]] and my manager [[PERSON:kyle]] kept scheduling me closing and then opening the next day and i told him i have a kid i cant do that and he said well maybe you should have thought about that and i just walked out and sat in my car for like an hour"),
    (C, "My mother came over from [[PLACE:Manila]] in [[DATE:nineteen eighty-seven]] as a nurse, she worked at [[ORG:St. Brigid's Medical Center]] for thirty years, and she never once called in sick, not even when my father died, and I think that's where I learned that you just keep going, you don't stop, stopping is for other people."),
    (C, "and the thing about my dad is he was never cruel he was just never there he drove long haul for [[ORG:schneider]] and he would be gone three weeks at a time and when he came home he would sleep for two days and then go to the bar and my mom would just act like everything was normal"),
    (C, "We moved around a lot because of Dad's work, first [[PLACE:Lagos]], then [[PLACE:Port Harcourt]], then [[PLACE:Aberdeen]] for the oil, and by the time I was [[AGE:fourteen]] I'd been to six schools and I'd stopped bothering to make friends, because what's the point, you'll just leave them, and honestly I still do that now, with people at work."),
    (C, "theres this group chat with all my cousins and its all [[PERSON:mohammed]] got engaged [[PERSON:sara]] got into medicine [[PERSON:hamza]] bought a house and then theres me still living at home still working at the [[ORG:amazon]] warehouse and every time my phone buzzes i feel sick"),
    (C, "I don't really know how to explain it, it's like I'm watching myself from the ceiling, I'm there but I'm not there, and it happens mostly at work, in meetings, when someone raises their voice, and afterwards I can't remember what anyone said, and I've been getting these looks from my team like I'm not paying attention, which I suppose I'm not."),
    (C, "i think the worst part was when we got to the camp and they gave us numbers instead of names and my mother kept saying our names out loud every night like she was scared wed forget them"),
    (C, "When I was little my grandmother in [[PLACE:Oaxaca]] used to make me say the names of all my great-aunts before bed, like a rosary, and I can still do it, and I do it now when I can't sleep, and it's the only thing that works, better than the melatonin, better than the podcasts."),
    (C, "so i finally went to the doctor and she asked me how much i drink and i said like socially and she said how many is socially and i said maybe a bottle a night and she just put her pen down and looked at me and i wanted to disappear"),
    (C, "My ex, [[PERSON:Brandon]], he's a cop in [[PLACE:Macon]], and every time I think about reporting him I think about who I'd be reporting him to, and then I just don't, and my sister [[PERSON:Keisha]] says I'm letting him win but she's not the one he'd come after."),
    (C, "the first year at [[ORG:northfield state]] i didnt eat in the dining hall once because i didnt know anyone and i was scared to sit alone so i lived on granola bars from the vending machine and lost like twenty pounds and everyone back home said i looked great"),
    (C, "I've been sober three years, eleven months and some days, and the reason I'm here is that my sponsor moved to [[PLACE:Arizona]] and I realised I'd made him the whole program, which isn't how it's supposed to work, and now I feel like I'm standing on one leg."),
    (C, "its hard because back home you dont talk about this stuff you pray you fast you go to the elders and if you still feel bad then its because you did something wrong so sitting here is like already admitting i failed"),
    (C, "My daughter [[PERSON:Florence]] was born at [[ORG:Mercy Ridge Hospital]] on [[DATE:August 9th, 2018]], and the whole time I was in labour my husband was texting his mother in [[PLACE:Florence]], which I suppose is a kind of poetry."),
    (C, "so my mum had me at [[AGE:sixteen]] and my nan had her at [[AGE:seventeen]] and everyone in my family acts like im the failure because im [[AGE:twenty five]] and i havent had kids yet like you cant win"),
    (C, "I've got two kids, [[PERSON:Jaxon]]'s [[AGE:eight]] and [[PERSON:Harper]]'s [[AGE:five]], and their father hasn't paid a cent of support since [[DATE:2020]], and every time I take him to court in [[PLACE:Maricopa County]] it gets pushed back again."),
    (C, "nobody in my family knows im here they think im at the gym and honestly i want to keep it that way for now"),
    (C, "there were twelve of us in a three bedroom and the only quiet place was the bathroom so thats where i did my homework for four years"),
    # --- hard negatives, lowercase ---------------------------------------------
    (C, "i will try but i cant promise anything"),
    (C, "my mum says god has a plan and i just nod"),
    (C, "we had a proper christmas this year for the first time since the divorce"),
    (C, "the dog is fourteen and hes going blind and i cant even think about it"),
    (C, "i scored twenty one on the questionnaire which the nurse said was moderate"),
    (C, "my grandma keeps texting me bible verses at five in the morning"),
    (C, "i wore my air jordans to the funeral because he bought them for me"),
    (C, "we were together nine years and married for six of them"),
    (C, "the olanzapine makes me so hungry i eat the whole fridge"),
    (C, "every january i say this is the year and every february i give up"),
    (C, "im the oldest of seven so i was basically a parent at [[AGE:ten]]"),
    (C, "she was my sister in law but honestly more of a sister than my actual sisters"),
    (C, "i just want some peace and quiet and a door that locks"),
    (C, "my uncle and my cousin came to the hospital and neither of them said anything"),
    (C, "i have been on the waiting list for eight months"),
    (C, "he drinks a case of beer every friday and then says sorry every saturday"),
    (C, "the pastor said a few words and then we all went back to the house"),
    (C, "its the third time this month i called in sick"),
    (C, "im catholic but i havent been to mass since my confirmation"),
    (C, "the rent went up three hundred dollars and i dont know what to do"),
    (C, "i hope she knows i love her even if i never say it"),
    (C, "my auntie says im too soft for this country"),
    (C, "we used to watch the game with my dad every sunday and now i cant watch it at all"),
    (C, "the gp gave me a leaflet and told me to come back in six weeks"),
    (C, "it was a summer thing and then it just kept going"),
    (C, "i felt like a stranger at my own brothers wedding"),
    (C, "the nurses at the clinic were kind but they didnt have time"),
    # --- hard negatives, cased ---------------------------------------------------
    (C, "I'm Sikh, my husband's Hindu, and our kids think the whole argument is ridiculous."),
    (C, "He's Jamaican on his dad's side and Irish on his mum's, and he says he never fit in either kitchen."),
    (C, "My dog, Austin, is the only one who gets me out of bed before noon."),
    (C, "We named the cat Dallas as a joke, and now she's eleven and nobody remembers the joke."),
    (C, "I take 150 of venlafaxine and 25 of quetiapine at night, and I still wake at three."),
    (C, "It was a peach of a summer, hot and sweet and then gone."),
    (C, "Every Ramadan I promise I'll pray more, and every Eid I feel like a fraud."),
    (C, "My score on the anxiety one went from 17 down to 9, for what it's worth."),
    (C, "I'll be honest, I've been drinking since about eleven this morning."),
    (C, "Mom's Lutheran, Dad's nothing, and Grandma prays for both of them every Sunday."),
    (C, "I used to love Valentine's Day, and now I just work a double so I don't have to think about it."),
    (C, "The Filipino nurses on my ward are the only ones who ask how I'm actually doing."),
    (C, "She speaks Tagalog to the baby and English to me, and I feel left out in my own house."),
    (C, "The social worker said I could call the helpline any time, but it's always engaged."),
    (C, "My brother's been in and out of rehab since he was a teenager, and I'm tired."),
    (C, "We ordered a Hawaiian pizza at two in the morning and that's how I knew we'd be fine."),
    (C, "The boss said I could have Friday off if I worked Saturday, so that's the week gone."),
    (C, "I had Turkish coffee with my neighbour and she read my cup and said I'd travel, and I laughed for the first time in weeks."),
    (C, "He did eighteen months and came out a different man."),
    (C, "Our first apartment was so small we could cook from the bed."),
    (C, "My mother says I'll understand when I'm older. I'm [[AGE:thirty-eight]], I'm waiting."),
    # --- more regions, lowercase with mentions -----------------------------------
    (C, "my mate [[PERSON:macca]] from the footy club drove me to the hospital in [[PLACE:geelong]]"),
    (C, "i stay with my aunt in [[PLACE:mississauga]] and work at the [[ORG:shoppers drug mart]] on weekends"),
    (C, "[[PERSON:nguyễn văn long]] is my dad and he has never said sorry in his life"),
    (C, "my friend [[PERSON:zoë]] from [[ORG:lakeview high]] is the only one who still texts me"),
    (C, "we lived on [[PLACE:kapsoya lane]] in [[PLACE:eldoret]] until my dad lost the job"),
    (C, "he was born on the [[DATE:twenty fifth of december two thousand and one]] so he never had a proper birthday"),
    (C, "[[PERSON:gurpreet]] and i met at the [[ORG:gurdwara sahib of fraser valley]] when we were [[AGE:eighteen]]"),
    (C, "my brother [[PERSON:søren]] lives in [[PLACE:copenhagen]] and he wants me to move there"),
    (C, "i called [[ORG:kids help phone]] when i was [[AGE:thirteen]] and the lady stayed on the line for two hours"),
    (C, "my grandmother was born in [[DATE:nineteen thirty one]] in [[PLACE:busan]] and she survived the war"),
    (C, "we used to go to [[ORG:holy family parish]] in [[PLACE:oak cliff]] every sunday and then eat at my tias"),
    (C, "[[PERSON:doctor adeyemi]] at the [[ORG:eastview clinic]] said i had postpartum depression and i cried because finally someone said it"),
    (C, "im on [[ORG:discord]] as [[HANDLE:moon underscore pho]] and thats the only place i feel normal"),
    (C, "my cousin [[PERSON:chase]] is getting out of [[ORG:pelican bay]] next month and everyone is scared"),
    (C, "she turned [[AGE:eighty]] in [[PLACE:nairobi]] and i watched the party on a video call"),
    (C, "i worked at the [[ORG:jollibee]] in [[PLACE:daly city]] all through high school"),
]

UTTERANCES += [
    # --- contact details, identifiers, dates ------------------------------------
    (C, "my date of birth is [[DATE:march third nineteen ninety four]] and the insurance has the day wrong"),
    (C, "It says here [[DATE:11/03/1994]], but that's the British way round, I'm actually [[DATE:3/11/1994]]."),
    (C, "my member id is [[ID:h q m four four zero two nine one eight]] its on the back of the card"),
    (C, "The policy number on my [[ORG:Cigna]] card is [[ID:U7734 20915 01]], and they keep telling me I'm out of network."),
    (C, "my social is [[ID:nine three one two seven four four one two]] and i hate saying it out loud"),
    (C, "They want my social on every form, [[ID:948-22-7130]], like it's nothing."),
    (T, "I'll just read back what I have. Social security [[ID:903-61-4487]], date of birth [[DATE:June 2nd, 1979]]. Is that right?"),
    (C, "my alien number is [[ID:a two oh six five five one nine eight four]] and my lawyer said to always have it on me"),
    (C, "The receipt from [[ORG:USCIS]] has my case number, [[ID:EAC2190415566]], and it's been pending for fourteen months."),
    (C, "my phone is [[PHONE:two one two five five five oh one six four]] and you can text me anytime after six"),
    (C, "if im not answering call my sister at [[PHONE:three one two five five five oh one two nine]] shes in [[PLACE:chicago]]"),
    (C, "Her cell is [[PHONE:(713) 555-0106]], she said she'd come get me whenever."),
    (C, "the landline at my moms is [[PHONE:nine oh five five five five oh one eight one]] but she doesnt always hear it"),
    (C, "My Canadian number is [[PHONE:416-555-0153]], the American one I don't use anymore."),
    (C, "call me on [[PHONE:oh four nine one five seven oh one five eight]] its the new number"),
    (C, "Mum's landline is [[PHONE:(08) 5550 2264]] but she's deaf in one ear, so let it ring."),
    (T, "Can I get a number for an emergency contact? Someone you'd want us to call."),
    (C, "put down [[PERSON:tamika]] my cousin [[PHONE:five oh four five five five oh one nine three]]"),
    (C, "my email is [[EMAIL:bao dot tran ninety nine at example dot com]] all one word"),
    (C, "Use [[EMAIL:j.okafor.nursing@example.org]], it's the one I actually check."),
    (C, "its [[EMAIL:marisol underscore reyes at example dot net]] with an underscore not a dot"),
    (C, "You can email [[EMAIL:priya.iyer@example.com]] or just text, either's fine."),
    (T, "Just to confirm, the reports go to [[EMAIL:caseworker.east@example.org]] and not to you directly?"),
    (C, "my address is [[ADDRESS:four ten willow brook road unit twelve]] the buzzer doesnt work so call when youre outside"),
    (C, "We're at [[ADDRESS:88 Ferncliff Crescent, Mississauga, ON L5B 3Y7]] now, the basement."),
    (C, "i live at number [[ADDRESS:fifty six tecumseh drive]] the one with the blue door"),
    (C, "The shelter's at [[ADDRESS:2209 Harlow Street, Suite 4, Oakland, CA 94607]], but please don't write that down anywhere he'd see."),
    (C, "send it to [[ADDRESS:p o box three one seven]] not the house my mum opens everything"),
    (C, "My old address was [[ADDRESS:17 Kōwhai Street, Porirua 5022]], in case the files are still under that."),
    (C, "the zip is [[ADDRESS:six oh six two three]] and thats all ill tell you"),
    (C, "my postcode is [[ADDRESS:v five k one a nine]] if the letter has to go to the house"),
    (C, "we moved to [[ADDRESS:1402 Calle Las Flores, Apt 7, San Antonio, TX 78207]] in January, closer to my mother."),
    # --- handles and apps --------------------------------------------------------
    (C, "shes on [[ORG:tiktok]] as [[HANDLE:chismosa underscore queen]] and she posts about me without saying my name"),
    (C, "He found me again, this time as [[HANDLE:@nightowl_kofi]], after I'd blocked three accounts."),
    (C, "my gamer tag is [[HANDLE:lil pho king]] on [[ORG:playstation]] and my mum thinks its about soup"),
    (C, "my [[ORG:snap]] is [[HANDLE:ayesha dot k two thousand five]] but dont add me im just saying"),
    (C, "Look at his [[ORG:Instagram]], [[HANDLE:@marco.gym.life]], it's all protein shakes and lies."),
    (C, "on [[ORG:reddit]] im [[HANDLE:tired underscore in underscore toronto]] and i post in the grief sub every night"),
    (C, "Her [[ORG:Twitch]] name is [[HANDLE:SeoulSurvivor88]], and she streams till four in the morning."),
    (C, "i deleted [[ORG:facebook]] because my uncle [[PERSON:reza]] kept commenting on every photo"),
    (C, "he messaged me on [[ORG:whatsapp]] at three am from a number i didnt know"),
    # --- dates said many ways --------------------------------------------------
    (C, "we got married on the [[DATE:fourth of july]]"),
    (C, "I got the diagnosis on [[DATE:October 17th]], the day before my birthday."),
    (C, "he died in [[DATE:two thousand and eight]] and my mum never said his name again"),
    (C, "i was born in [[DATE:ninety six]] so i was just a kid when we left"),
    (C, "She came over in [[DATE:'03]] with two suitcases and a phone number written on her hand."),
    (C, "my court date is [[DATE:april twenty second]] and i cant stop thinking about it"),
    (C, "The accident was [[DATE:5/17/2015]]. I know it by heart because it's on every form."),
    (C, "we left [[PLACE:aleppo]] in [[DATE:twenty thirteen]] and got here in [[DATE:twenty sixteen]]"),
    (C, "[[DATE:Diwali 2019]] was the last one with my grandfather, and he burned his hand on a sparkler."),
    (C, "[[DATE:christmas two thousand and twenty]] was the one where we all got sick and couldnt go to the funeral"),
    (C, "i have been clean since the [[DATE:ninth of february]]"),
    (C, "Every April I get low, right around the anniversary, and it lasts till May."),
    (C, "the appointment is monday at two and i already want to cancel"),
]

UTTERANCES += [
    # --- more therapist turns ----------------------------------------------------
    (T, "so the letter from [[ORG:uscis]] came on friday and you havent opened it yet"),
    (T, "what do you think [[PERSON:hodan]] would say if she knew how hard this week was"),
    (T, "it sounds like you were the parent in that house from a very young age"),
    (T, "when you said you were [[AGE:eleven]] when you started translating for your parents i noticed you laughed"),
    (T, "i wonder if part of you is still waiting for permission to rest"),
    (T, "you mentioned the [[ORG:salvation army]] on [[PLACE:main street]] had a bed would you feel safe there tonight"),
    (T, "lets come back to what you said about your brother"),
    (T, "how did it feel to hear [[PERSON:miss adwoa]] say she was proud of you"),
    (T, "you do not have to forgive him to move on"),
    (T, "so [[PERSON:victoria]] is your sponsor and [[PLACE:victoria]] is where you got sober thats quite a coincidence"),
    (T, "i hear a lot of shame in that and i want to be clear you didnt cause this"),
    (T, "whats one small thing you could do for yourself before we meet on tuesday"),
    (T, "Your last session was with [[PERSON:Dr. Castellanos]], so let's start with what felt helpful there and what didn't."),
    (T, "Being the first in the family to go to university carries a weight nobody sees."),
    (T, "It sounds as if [[PLACE:Mogadishu]] lives in you in a way that [[PLACE:Columbus]] never quite has."),
    (T, "That makes a lot of sense, given everything you've told me about your father."),
]

UTTERANCES += [
    # --- more long turns ---------------------------------------------------------
    (C, "okay so the reason im late is the bus from [[PLACE:surrey central]] broke down and i had to walk to the skytrain and the whole time i was thinking about what my dad said at dinner last night about how i should quit this and go work with my uncle [[PERSON:harjit]] at his trucking company in [[PLACE:abbotsford]] because therapy is just paying a stranger to listen and honestly part of me agrees with him and part of me wants to scream"),
    (C, "My husband thinks I should be over it by now. It's been two years since we lost [[PERSON:Amara]], she was [[AGE:four months old]], and he went back to work at [[ORG:Halvorsen Logistics]] after a week, and he plays football on Saturdays like nothing happened, and I know he grieves, I know he does, but I can't find him in it, and I'm so lonely in that house I could scream."),
    (C, "when i was little we lived above the shop in [[PLACE:cabramatta]] and my parents worked every single day even christmas even tết and i used to do my homework on the counter between customers and my mum would check it while she was giving change and i thought that was normal until i went to a friends house and her mum sat down with her"),
    (C, "I left [[PLACE:Bucharest]] at [[AGE:twenty]] for a cleaning job in [[PLACE:Dublin]] that turned out not to exist, and for three months I slept on the floor of a flat with nine other girls in [[PLACE:Phibsborough]], and the man who arranged it all, [[PERSON:Florin]], kept our passports in a shoebox, and I've never told anyone here that part, not even my husband."),
    (C, "you know what it is its that everyone back home thinks im living the dream i post photos from the beach and the cafes and they all say wow so lucky and meanwhile im sharing a room with three other nurses and working nights and crying in the car park before every shift and i cant tell them because they borrowed money to send me here"),
    (C, "The thing that broke me wasn't the war, honestly, it was the paperwork after, the forms, the interviews, the same questions again and again, when did you leave, who did you leave with, why did your brother stay, and every time I answered I had to go back there, to that road outside [[PLACE:Idlib]], and then they'd lose the file and I'd do it all again."),
    (C, "so theres my mum my dad my two brothers my grandmother and my aunt all in one house and the only time anyone talks about feelings is when someone is dying and even then its mostly about the food for the funeral and who is flying in from where and whether the priest will say the name right"),
    (C, "I was the first one in my family to finish high school, let alone university, and when I graduated from [[ORG:Kessler State]] in [[DATE:2016]] my dad didn't come, he said he had to work, and I found out later he'd sat in the car park the whole ceremony because he was ashamed of his English, and I don't know what to do with that."),
    # --- places of worship, community, work ---------------------------------------
    (C, "we go to the [[ORG:bao an buddhist temple]] for new year and my grandma makes me light incense for my grandpa"),
    (C, "My mum volunteers at [[ORG:Shri Ganesh Mandir]] in [[PLACE:Edison]] every weekend, and she knows more about my life from the aunties there than from me."),
    (C, "i go to the [[ORG:baitul huda mosque]] for jummah but i sit at the back so nobody asks about my dad"),
    (C, "The [[ORG:Dunbar Heights Community Centre]] had a food hamper program, and that's the only reason we ate that winter."),
    (C, "my mom cleans offices for [[ORG:abm]] at night and my dad works at [[ORG:home depot]] in the day so they never see each other"),
    (C, "I was a cashier at [[ORG:Shoppers]] and a barista at [[ORG:Starbucks]] on the same street, and both managers thought I was lazy."),
    (C, "i clean rooms at the [[ORG:marriott]] near the airport and one of the guests grabbed me and the manager said to let it go"),
    (C, "He's been at [[ORG:Lakeside Correctional Institution]] since March, and I drive four hours each way to see him."),
    (C, "my sister is on [[ORG:ward seven b]] at [[ORG:st josephs]] and they wont let me visit after eight"),
    (C, "[[PERSON:Father Ignatius]], well, [[PERSON:Father Iggy]] to everyone at [[ORG:St. Monica's]], he's the one who told me to come here."),
    # --- names that are places or words, by use -------------------------------
    (C, "we went to [[PLACE:jordan]] to see my dads family and the whole time i was thinking about [[PERSON:jordan]] back home"),
    (C, "My partner's from [[PLACE:Georgia]], the country, not the state, and his family in [[PLACE:Tbilisi]] still think I'm his roommate."),
    (C, "the debt collector from the agency a guy called [[PERSON:chase]] calls me every morning at eight"),
    (C, "I moved from [[PLACE:North Carolina]] to be with her and she left me six weeks later."),
    (C, "[[PERSON:Austin]] and [[PERSON:Dallas]] are my twins, and yes, everybody makes the joke."),
    (C, "my daughter [[PERSON:sydney]] wants to go to [[PLACE:sydney]] for uni and i cant tell her we cant afford it"),
    (C, "[[PERSON:Victoria]] said she'd hold my hand at the scan, and she did, the whole time."),
    (C, "i will never forgive her and she knows it"),
    (C, "The jordans I bought him for his birthday are still in the box under his bed."),
    (C, "we watched a documentary about the [[PLACE:jordan valley]] and my dad got up and left the room"),
    (C, "my mum grows jasmine and basil on the fire escape and talks to them in farsi"),
    (C, "Grace is something I never got at home. You messed up, you got the belt."),
    (C, "he said mark my words youll be back and i wasnt"),
    (C, "I'd love to say I'm over it but I'm not, I'm really not."),
    (C, "she bought me a china tea set for my wedding and i broke every cup when he left"),
    (C, "There's a photo of me in a yellow football shirt at the World Cup party, and it's the last time I looked happy."),
    (C, "i was fine until she said the word father and then i couldnt breathe"),
    # --- more negatives, mixed ----------------------------------------------------
    (C, "It's been nine weeks since I had a drink, and I'm counting every day."),
    (C, "my therapist before this one kept calling me sweetie and i never went back"),
    (C, "i dont know maybe its the winters here maybe its me"),
    (C, "We used to do a big dinner every Friday, everybody, the cousins, the neighbours, and now it's just me and the microwave."),
    (C, "The landlord said the mould is my fault for breathing too much."),
    (C, "my brother is on methadone and doing better than any of us thought"),
    (C, "I'm a Pisces, so apparently this is all very on brand."),
    (C, "every mothers day i send flowers and every mothers day she says they were the wrong colour"),
    (C, "Half the people at my church think depression is a lack of faith."),
    (C, "i got a four on the test and my dad didnt speak to me for a week"),
    # --- therapist -------------------------------------------------------------------
    (T, "what was it like to sit in that car park and know your dad was outside the whole time"),
    (T, "[[PERSON:Amara]] was your daughter, and she still is. Grief doesn't stop that."),
    (T, "i notice you keep saying i should have and im wondering whose voice that is"),
    (T, "Would it be all right if we looked at the week ahead and found one thing just for you?"),
    (T, "so [[PERSON:florin]] had your passport and you had nowhere to go that sounds terrifying"),
    (T, "I'm hearing that your family back in [[PLACE:Kerala]] only sees the photos, not the nights."),
    (T, "it sounds like you had to grow up very fast"),
    (T, "We've come to the end of our time. Same day next week?"),
    (T, "you said the forms made you go back there every time do you want to tell me about that road"),
    (T, "How has it been since you started at [[ORG:Northside Workforce Centre]]?"),
    (T, "when you say nobody asks about your dad is that a relief or does it hurt"),
    (T, "i want to acknowledge how much courage it took to tell me about the passports"),
]

# --- build ------------------------------------------------------------------

EXAMPLE_SETS = ("identifying_mentions.jsonl", "heldout_mentions.jsonl", "final_mentions.jsonl",
                "dev_mentions.jsonl", "probe_mentions.jsonl")
PUNCT = re.compile(r"[^\w\s]")
# Digits that look like a phone number must come from a fiction range.
PHONE_OK = re.compile(r"555[-. ]?01\d\d|0491 570 1\d\d|\(0[2378]\) 5550 \d{4}|"
                      r"0[2378] 5550 \d{4}|07700 900\d{3}")


def own_checks(records: list[dict]) -> list[str]:
    errors: list[str] = []
    seen: dict[str, str] = {}
    examples: set[str] = set()
    for name in EXAMPLE_SETS:
        path = Path(build_set.__file__).resolve().parent / name
        for line in path.read_text(encoding="utf-8").splitlines():
            examples.add(json.loads(line)["text"].lower())
    for r in records:
        rid, text = r["id"], r["text"]
        key = text.lower()
        if key in seen:
            errors.append(f"{rid}: repeats {seen[key]}")
        seen[key] = rid
        if key in examples:
            errors.append(f"{rid}: copies an example set line")
        if text == text.lower() and PUNCT.search(text):
            errors.append(f"{rid}: lowercase line with punctuation: {text!r}")
        for s in r["spans"]:
            if s["label"] == "PHONE":
                t = s["text"]
                if re.search(r"\d", t) and not PHONE_OK.search(t):
                    errors.append(f"{rid}: phone outside fiction ranges: {t!r}")
            if s["label"] == "EMAIL" and "example" not in s["text"]:
                errors.append(f"{rid}: e-mail outside example domains: {s['text']!r}")
            if s["label"] == "ID" and re.fullmatch(r"\d{3}-\d{2}-\d{4}", s["text"]) \
                    and not s["text"].startswith("9"):
                errors.append(f"{rid}: SSN outside area 9xx: {s['text']!r}")
            if s["label"] == "PERSON" and s["text"].split()[0].lower() in (
                    "my", "the", "aunty", "auntie", "uncle", "tía", "tia", "tita", "lola",
                    "abuela", "nana", "nani", "babcia", "mum", "mom", "ate", "kuya", "doña"):
                errors.append(f"{rid}: family word or article inside PERSON: {s['text']!r}")
            if s["text"].lower().startswith("the ") or (
                    s["text"].lower().startswith("a ") and s["label"] not in ("ID", "ADDRESS")):
                errors.append(f"{rid}: article inside span: {s['text']!r}")
            if s["label"] == "PERSON" and s["text"].endswith(("'s", "’s")):
                errors.append(f"{rid}: possessive inside span: {s['text']!r}")
    return errors


def shares(records: list[dict]) -> list[str]:
    n = len(records)
    lower = sum(1 for r in records if r["text"] == r["text"].lower())
    empty = sum(1 for r in records if not r["spans"])
    ther = sum(1 for r in records if r["speaker"] == "therapist")
    errors = []
    if n < 450:
        errors.append(f"{n} utterances, need at least 450")
    if not 0.45 <= lower / n <= 0.55:
        errors.append(f"lowercase share {lower / n:.2f}, want about 0.50")
    if empty / n < 0.30:
        errors.append(f"no-mention share {empty / n:.2f}, need at least 0.30")
    if ther / n < 0.20:
        errors.append(f"therapist share {ther / n:.2f}, need at least 0.20")
    print(f"shares: lowercase {lower}/{n} = {lower / n:.3f}, no mention {empty}/{n} = "
          f"{empty / n:.3f}, therapist {ther}/{n} = {ther / n:.3f}")
    return errors


def main() -> int:
    records = build_set.build_records(UTTERANCES, "tc_")
    for i, r in enumerate(records, start=1):
        r["id"] = f"tc_{i:04d}"  # four digits: tc_0001, tc_0002, ...
    errors = build_set.validate(records) + own_checks(records) + shares(records)
    return build_set.write_set(records, OUT, errors)


if __name__ == "__main__":
    sys.exit(main())
