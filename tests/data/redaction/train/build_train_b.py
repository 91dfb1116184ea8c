#!/usr/bin/env python3
"""Training set B for the identifying-mention recogniser (writer B).

Cased, punctuated therapy-session talk from both sides, written as a careful
human transcript would read. Every utterance is invented; phone numbers,
e-mail addresses and identifiers come from the fiction/test ranges listed in
tests/data/redaction/README.md (Ofcom drama ranges, US 555-01xx, example.*
domains, NHS 999..., NI prefix QQ, SSN area 9xx). Spans are marked inline as
[[LABEL:text]] and follow the README's labelling decisions (including those
listed under "Probe set" and "Probe 2").

    python3 tests/data/redaction/train/build_train_b.py

writes train_b.jsonl beside it and exits non-zero if a check fails.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True
REDACTION = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REDACTION))

from build_set import build_records, validate, write_set  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "train_b.jsonl"

C, T = "client", "therapist"

UTTERANCES: list[tuple[str, str]] = [
    # --- plain-word organisations and places, as names and as words -----------
    (T, "Okay, [[PERSON:Rukhsana]]. Where would you like to start today?"),
    (C, "I got the job at [[ORG:Next]], the one in the [[PLACE:Halbrook Centre]]. I start on Monday and I already feel sick about it."),
    (C, "Honestly, I don't know what comes next. Since the redundancy the days just blur into each other."),
    (T, "What do you make of that, [[PERSON:Tobias]]?"),
    (C, "My dad worked at [[ORG:Boots]] in [[PLACE:Nottingham]] for thirty-one years, on the tills and then in the warehouse, and he never once took a sick day. Not one. So when I phone in sick, I can hear him in my head calling me soft."),
    (C, "I bought new walking boots for the retreat and then didn't go. They're still in the box by the front door."),
    (C, "I rang [[ORG:Shelter]] on the Tuesday and a woman called [[PERSON:Bernadette]] went through everything with me, the notice, the deposit, all of it."),
    (C, "We had no shelter that night, just the bus stop outside the chippy, and my little one asleep on my coat."),
    (T, "Have you thought about calling [[ORG:Mind]]? They run a peer group on Thursday evenings in [[PLACE:Huddersfield]]."),
    (C, "I don't mind talking about it. I just never know where to begin."),
    (C, "[[ORG:Refuge]] found us a place in [[PLACE:Reading]] in [[DATE:March 2021]], and we lived out of two bin bags for the first month."),
    (C, "I've stopped reading anything longer than a text. My concentration's completely gone."),
    (C, "We moved to [[PLACE:Bath]] when I was [[AGE:eleven]], and I was the only kid in my class with a [[PLACE:Glasgow]] accent."),
    (C, "Some nights I just run a bath and sit in it until the water goes cold."),
    (C, "My nan's from [[PLACE:Deal]], on the [[PLACE:Kent]] coast. She still swims in the sea every morning, and she's [[AGE:eighty-four]]."),
    (C, "It's not a big deal, I know it isn't, but I cried in the car park for twenty minutes."),
    (T, "It sounds like it was a very big deal to you, [[PERSON:Olamide]]."),
    (C, "I did a stint with [[ORG:Crisis]] at Christmas, serving dinners, and it was the first time in years I felt useful."),
    (C, "It wasn't a crisis, exactly. More like a slow leak."),
    (T, "You and [[PERSON:Dominic]] went to [[ORG:Relate]] for a while, didn't you? What did you take from it?"),
    (C, "I can't relate to any of the other mums at the school gate. They all seem to have it sorted."),
    (C, "I sold my [[ORG:Apple]] watch to pay the gas bill, which tells you how bad it got."),
    (C, "She brought me an apple and a flask of tea every day I was on the ward. That's what love looked like in our family."),

    # --- titles inside the PERSON span ----------------------------------------
    (T, "When [[PERSON:Dr Venkataraman]] increased the dose, did anyone talk to you about what to expect?"),
    (T, "I've had a letter from [[PERSON:Mrs Achterberg]] at the school, asking whether you'd be willing to meet."),
    (C, "[[PERSON:Imam Siddiqui]] at [[ORG:Masjid Al-Furqan]] on [[PLACE:Clarendon Road]] was the first person I told. He didn't flinch."),
    (C, "[[PERSON:Sister Perpetua]] taught me at [[ORG:St Brigid's]], and she used to say I had the devil in me."),
    (C, "[[PERSON:DS Whitlock]] rang to say they'd charged him, and I sat on the stairs shaking for an hour."),
    (C, "A [[PERSON:PC Oyelaran]] came to the house. She was lovely. She made me a cup of tea in my own kitchen."),
    (T, "Is [[PERSON:Pastor Adeyemi]] someone you could talk to about this, or would that feel too exposing?"),
    (T, "[[PERSON:Father Colm]] sounds like he was kind to you at a time when not many people were."),
    (C, "[[PERSON:Mr Papadopoulos]] from next door takes my bins out now. I never even asked him."),
    (T, "And [[PERSON:Ms Lindqvist]], your support worker, is she still coming on Tuesdays?"),
    (C, "[[PERSON:Mrs O'Halloran]] on the ward was the only nurse who called me by my name."),

    # --- direct address --------------------------------------------------------
    (T, "I wonder, [[PERSON:Mateus]], whether that anger has been with you for a long time."),
    (T, "That's a lot to hold on your own, [[PERSON:Siobhan]]."),
    (T, "[[PERSON:Kwabena]], I noticed you went quiet when you mentioned your brother."),
    (T, "Can I stop you there for a second, [[PERSON:Ingrid]]? What happened in your body just then?"),
    (T, "So, [[PERSON:Thanh]], last week you said you wanted to talk about your dad. Is that still where you'd like to go?"),
    (T, "Take your time, [[PERSON:Agnieszka]]. There's no rush."),
    (T, "[[PERSON:Callum]], what would your best mate say if he heard you talk about yourself like that?"),
    (T, "I hear you, [[PERSON:Hodan]]. And I also hear how tired you are."),

    # --- therapist lines with no mention ----------------------------------------
    (T, "What was that like for you?"),
    (T, "It sounds as though part of you hoped things would be different this time."),
    (T, "Let's pause there. You said 'I deserve it'. Whose words are those?"),
    (T, "We've got about ten minutes left. Is there anything you want to make sure we cover?"),
    (T, "Last time you filled in the GAD-7 you scored twelve. Shall we do it again and see where you are?"),
    (T, "You mentioned the sertraline makes you feel flat. Have you been able to talk to the GP about that?"),
    (T, "I'm going to be away the week after next, so we'll skip the Wednesday and pick up again the Wednesday after."),
    (T, "If it gets that bad again, please go to A&E or ring the crisis team. You don't have to wait for our next session."),
    (T, "I wonder whether Christmas brings all of that back for you, year after year."),
    (T, "Would you be open to trying some of the DBT skills we talked about, the distress tolerance ones?"),
    (T, "Will you let yourself have a rest this weekend, or does that feel impossible?"),
    (T, "What would it be like to treat yourself with the kind of grace you give everyone else?"),
    (T, "It's not your job to hold the whole family together."),
    (T, "Mm. Go on."),
    (T, "There's a lot of grief in what you're describing, and I don't think it's only about your dad."),

    # --- dates ---------------------------------------------------------------
    (C, "My daughter was born on the [[DATE:ninth of March]], and every year I dread it, because that's also the day Mum went into hospital."),
    (C, "I started at [[ORG:Lloyds]] in [[DATE:June 2019]], straight out of uni, and I thought I'd made it."),
    (C, "I was born in [[DATE:nineteen ninety-eight]], so I'm [[AGE:twenty-seven]], and I feel about ninety."),
    (C, "[[DATE:Last Easter]] was the first time the whole family was in one room since the funeral. It lasted about an hour before my uncle started."),
    (C, "My date of birth is the [[DATE:fourteenth of November, nineteen eighty-two]]."),
    (T, "Can I just check your date of birth? I've got [[DATE:03/07/1991]]."),
    (C, "That's right, the [[DATE:third of July 1991]]. Everyone gets it the wrong way round."),
    (C, "The accident was on [[DATE:Friday the 13th of October]], which my brother thinks is hilarious."),
    (C, "We were married on [[DATE:12 August 2006]] at [[ORG:St Ninian's]] in [[PLACE:Dundee]], and I wore my gran's veil."),
    (C, "He left in [[DATE:2015]], came back in [[DATE:2017]], and left again the week after my [[AGE:fortieth]]."),
    (T, "You said [[DATE:Diwali 2022]] was when things started to unravel. What happened that year?"),
    (C, "Diwali's always been my favourite. The lamps, the food, everyone in the house. This year I didn't even go."),
    (C, "I've been clean since the [[DATE:1st of May 2023]]."),
    (C, "In May I'll have done a year at the food bank. I never thought I'd stick at anything that long."),
    (C, "Ramadan's hard with the meds. I have to take them with food and everyone notices."),
    (C, "It was the summer of [[DATE:'96]], and my dad was still alive."),
    (C, "Every August Bank Holiday we used to drive to the coast in Dad's van. I can still smell the vinegar on the chips."),

    # --- ages and numbers that are not ages -----------------------------------
    (C, "My youngest is a [[AGE:four-year-old]] who has decided she's in charge of the whole house."),
    (C, "I'm in my forties, I've got a mortgage, and I still go cold when my dad raises his voice."),
    (C, "I lost two stone in six weeks and everyone at work said I looked great."),
    (C, "I got the 42 all the way across town because I couldn't face driving."),
    (C, "My son's in Year 10 and he's already talking about leaving school."),
    (C, "It cost eighty quid and it broke within a week, which felt like the story of my life."),
    (C, "Mum had me at [[AGE:seventeen]]. By [[AGE:twenty-one]] she had three of us."),
    (C, "My granddad's [[AGE:ninety-three]] and he still does the crossword in pen."),
    (C, "The twins are [[AGE:six]], and [[PERSON:Keziah]] is [[AGE:nine]], so there's never a quiet minute."),
    (C, "I've been doing the same job for fourteen years and I'm bored out of my skull."),
    (C, "The baby's [[AGE:seven weeks]] and I haven't slept more than two hours in a row since she came."),
    (C, "My brother's [[AGE:50th]] is next month and I've been asked to give a speech. I'd rather die."),
    (C, "When I was [[AGE:twelve]] my mum's boyfriend moved in, and that's when the drinking started."),
    (C, "Scored twenty-two on the drinking questionnaire. The nurse didn't say anything, she just looked at me."),
    (C, "I'm a size eighteen now. I used to be a twelve."),
    (C, "He's [[AGE:thirty-four years old]] and he still lets his mother do his washing."),

    # --- contact details --------------------------------------------------------
    (C, "The new flat's [[ADDRESS:Flat 12, 48 Rosebery Avenue, Sheffield S2 4HT]], right on the tram line."),
    (T, "Is your postcode still [[ADDRESS:M14 6PL]], or has that changed with the move?"),
    (C, "It's number [[ADDRESS:9 Kestrel Close, Wigan WN3 5RT]]. The one with the broken gate."),
    (C, "My mobile's [[PHONE:07700 900834]], but I don't always pick up, so text first."),
    (C, "It's [[PHONE:oh seven seven double oh, nine double oh, five one two]]."),
    (T, "If you need to cancel, ring the office on [[PHONE:0113 496 0275]] and leave a message."),
    (C, "My sister's in [[PLACE:San Francisco]], her number's [[PHONE:(415) 555-0132]], but it's eight hours behind so don't ring her before five."),
    (C, "My email's [[EMAIL:priya.raman@example.org]]. The work one I never check."),
    (C, "It's [[EMAIL:kofi underscore mensah at example dot co dot uk]], all lowercase."),
    (T, "I'll send the letter to [[EMAIL:d.ferreira@example.net]], is that okay?"),

    # --- identifiers ---------------------------------------------------------------
    (T, "Your [[ORG:NHS]] number's come through on the referral as [[ID:999 731 4420]]. Can you check that's right?"),
    (C, "My National Insurance number's [[ID:QQ 58 20 19 B]], if they need it for the forms."),
    (C, "The housing case reference is [[ID:HOU/2024/07719]], and every time I ring they ask me to spell it out."),
    (C, "I've written his number plate down, it's [[ID:YK68 TRV]], in case he turns up outside the school again."),
    (C, "My social security number is [[ID:934-22-8106]], but please don't put it in any emails."),

    # --- handles and platforms -----------------------------------------------------
    (C, "She posts as [[HANDLE:@mossy_dreams]] on [[ORG:TikTok]] and I check it about forty times a day."),
    (C, "He found my old account, [[HANDLE:@rainy.daze.98]], and started commenting on photos from years ago."),
    (C, "My gamer tag's [[HANDLE:GrimWalrus77]], if you ever fancy a game on [[ORG:Xbox]]. Joking."),
    (T, "When [[PERSON:Rhys]] messaged you on [[ORG:Snapchat]], what did you feel first?"),
    # --- games, consoles, apps ------------------------------------------------
    (C, "My son's on [[ORG:Fortnite]] until two in the morning, and when I take the [[ORG:PlayStation]] off him he punches holes in the door."),
    (C, "I spent the whole of lockdown on [[ORG:Discord]] with people I'd never met. They were my only friends for about a year."),
    (C, "I was up to four hundred quid a month on [[ORG:FIFA]] packs. Four hundred. On cards of footballers that don't exist."),
    (C, "I play [[ORG:Minecraft]] with my little brother on the [[ORG:Nintendo Switch]]. It's the only time we don't argue."),
    (C, "He streams on [[ORG:Twitch]] as [[HANDLE:TheLatePhoenix]] and he's got more followers than I have friends, which he mentions a lot."),
    (C, "I deleted [[ORG:Tinder]] and [[ORG:Hinge]] on the same night, then downloaded [[ORG:Bumble]] the next morning."),
    (C, "The games aren't the problem. It's that I'd rather be anywhere than in my own head."),
    (T, "When you say you 'lose time' on the console, what does the evening actually look like, hour by hour?"),
    (C, "I do [[ORG:Deliveroo]] and [[ORG:Just Eat]] on the same bike, whichever pings first."),
    (C, "Mum found my [[ORG:Roblox]] account and read every message. Every single one."),

    # --- banks and money ------------------------------------------------------------
    (C, "[[ORG:Monzo]] flagged the payments before I did. Six hundred pounds to a betting site in one night."),
    (C, "I've got an overdraft with [[ORG:Barclays]], a credit card with [[ORG:Santander]], and a loan I don't even remember taking out."),
    (C, "I used to be a cashier at [[ORG:NatWest]] on [[PLACE:Deansgate]], so I know exactly how it looks when someone's drowning."),
    (C, "The bank's been decent, to be fair. They froze the interest for three months."),
    (T, "It sounds like money has become the place where all the shame lands."),
    (C, "I pay the rent to [[ORG:Wexford Homes]], then the council tax, then there's nothing left for the electric."),

    # --- schools and universities --------------------------------------------------
    (C, "I was at [[ORG:Castlebrook High]] from [[AGE:eleven]] to [[AGE:sixteen]], and I don't think a single teacher knew my name."),
    (C, "I dropped out of [[ORG:Cardiff University]] in my second year. Mum still tells people I'm 'taking a break'."),
    (C, "[[PERSON:Mr Greenhalgh]] was my maths teacher at [[ORG:Pendleford Primary]], and he's the reason I think I'm stupid."),
    (C, "My daughter got into [[ORG:Goldsmiths]], which nobody in our family has ever done, and all I could think was how we'd pay for it."),
    (C, "I went to [[ORG:Trinity College Dublin]] on a scholarship and spent four years feeling like a fraud."),
    (T, "You've mentioned school a few times today. What comes up when you picture the building?"),
    (C, "School was fine. It was home that wasn't."),
    (C, "My cousin [[PERSON:Adaeze]] is at the [[ORG:University of Lagos]] studying pharmacy. She's [[AGE:nineteen]] and she's already more sorted than me."),

    # --- hospitals, wards, surgeries, rehabs, prisons ------------------------------------
    (C, "I was on [[ORG:Larch Ward]] at [[ORG:Ravensbourne General]] for six weeks in [[DATE:2018]]."),
    (C, "The ward was the safest I'd felt in years, which is a sad thing to say."),
    (T, "I'll write to your GP at [[ORG:Millbrook Surgery]] and let them know we've started."),
    (C, "The receptionist at [[ORG:Hawthorn Medical Practice]] told me there were no appointments until the [[DATE:twenty-ninth]], so I just gave up."),
    (C, "I did twelve weeks at [[ORG:Cedar Lodge]], the rehab up near [[PLACE:Keswick]]. It was the first time anyone took my drinking seriously."),
    (C, "My brother's in [[ORG:HMP Wexcombe]]. I visit once a month and we talk about football because we can't talk about anything else."),
    (C, "Prison changed him. Or maybe it just showed who he already was."),
    (C, "They sent me to [[ORG:St Aldhelm's]] for the scan, and the consultant, [[PERSON:Dr Oyinlola Bankole]], was lovely, but I didn't take in a word."),
    (T, "When you were discharged from [[ORG:Bluebell Ward]], what support was put in place?"),
    (C, "Nothing, really. A leaflet and a number for the crisis team."),
    (C, "I had an appointment at the memory clinic on Thursday and forgot it, which is about as ironic as it gets."),

    # --- charities, churches, mosques, temples ------------------------------------
    (C, "I volunteer at [[ORG:Age UK]] on Wednesdays. The old fellas tell the best stories."),
    (C, "[[ORG:Cruse]] put me in touch with a bereavement group at [[ORG:Holy Cross]] in [[PLACE:Walsall]], and the first time I went I just sat in the car outside."),
    (C, "[[ORG:Citizens Advice]] helped me fill in the PIP forms, otherwise I'd never have managed."),
    (C, "We go to [[ORG:New Covenant Pentecostal Church]] in [[PLACE:Tottenham]], and everyone there knows everyone's business."),
    (C, "At the [[ORG:Shree Ram Mandir]] the aunties all asked after my husband, and I didn't have the heart to say he'd gone."),
    (C, "I used to help with the langar at the [[ORG:Guru Nanak Gurdwara]] in [[PLACE:Smethwick]]. I haven't been since the diagnosis."),
    (C, "Church was the only place Mum ever sat still."),
    (C, "Oh God, I sound exactly like her, don't I?"),
    (C, "Jesus, I haven't cried like that since I was a kid."),
    (T, "You said God feels far away at the moment. Is that something you'd like to talk about here?"),

    # --- football clubs ------------------------------------------------------------------
    (C, "Dad's a season ticket holder at [[ORG:Stockport County]]. Forty years. That's the only thing he and I ever talk about."),
    (C, "I was in the [[ORG:Celtic]] end and my cousin was with the [[ORG:Rangers]] lot, and we didn't speak for a year after that."),
    (C, "My lad plays for the under-twelves at [[ORG:Everton]]'s academy, and his dad acts like he's already signed for [[ORG:Real Madrid]]."),
    (T, "What does it mean to you that you and your dad only really meet through the football?"),

    # --- councils ------------------------------------------------------------------------
    (C, "[[ORG:Kirklees Council]] said I'm not a priority because I'm not pregnant and I haven't got a criminal record. Imagine."),
    (C, "I've been on the phone to the council for three hours and got cut off twice."),
    (C, "The housing officer at [[ORG:Lambeth Council]], [[PERSON:Mr Okonjo]], said he'd ring back by Friday, and of course he didn't."),
    (C, "Social services came round on a Monday and I'd not even washed up."),

    # --- pubs, cafés, stations, parks, estates --------------------------------------------
    (C, "I grew up on the [[PLACE:Gorsefield Estate]], and if you said that at a job interview you didn't get the job."),
    (C, "We'd sit on the swings in [[PLACE:Heaton Park]] till it got dark, me and [[PERSON:Dionne]], making plans to leave."),
    (C, "He proposed in the [[PLACE:Wheatsheaf]], in front of the whole darts team, and I said yes because I didn't know how to say no."),
    (C, "I used to work behind the bar at the [[PLACE:Black Bull]] on [[PLACE:Market Street]]."),
    (C, "There's a café by the canal, [[PLACE:Mama Rosa's]], and I sit there with one coffee for two hours because it's warmer than the flat."),
    (C, "I had my first panic attack on the platform at [[PLACE:Lime Street]], and I haven't been on a train since."),
    (C, "I walk round [[PLACE:Roundhay Park]] every morning now. Three laps of the lake. It helps more than the tablets, if I'm honest."),
    (C, "We always met under the clock at [[PLACE:Piccadilly Station]], ever since we were at college."),
    (C, "Going to the park on my own still feels like a big thing."),
    (C, "I can't go in the pub anymore. Not because of the drink, because of who drinks there."),

    # --- long turns, mentions in the middle -------------------------------------------
    (C, "The thing is, I was fine for years. I had a job at [[ORG:Jaguar Land Rover]], a house in [[PLACE:Solihull]], two kids at a good school, and then one morning in [[DATE:October 2020]] I just couldn't get out of the car. I sat in the car park for three hours. My manager, [[PERSON:Gurpreet]], found me and drove me home, and I haven't been back since."),
    (C, "My mum came over from [[PLACE:Kingston]] in [[DATE:1962]], when she was [[AGE:nineteen]], and she worked nights at the hospital for thirty years. She never once complained, not out loud anyway. So when I say I'm tired, I can see her face, and I know she'd say I don't know what tired is."),
    (C, "We left [[PLACE:Mogadishu]] when I was small and lived in [[PLACE:Nairobi]] for a while, in [[PLACE:Eastleigh]], with my aunt. Then [[PLACE:Bristol]]. I've been here longer than anywhere, and people still ask me where I'm really from. I say [[PLACE:Easton]]. They don't like that answer."),
    (T, "I'm struck by how much you've carried, [[PERSON:Abdirahman]]. Moving from one country to another, looking after your younger sisters, learning a new language, and still holding down work at [[ORG:Amazon]] on nights. I wonder if there's been any room at all for your own feelings in all of that."),
    (C, "So my ex, [[PERSON:Lorcan]], took the kids to his mother's in [[PLACE:Limerick]] for the whole of the summer, and I found out from a photo on [[ORG:Facebook]]. A photo. Of my children. On a beach I've never been to. And his mother had commented underneath, 'Lovely to have them home', as if they were never mine."),
    (C, "It's not one big thing, it's a thousand small ones. The dishes, the washing, the school run, my mum ringing every night to ask whether I've eaten, my boss sending messages at eleven, the dog needing the vet, the car making that noise again. By the time I sit down it's midnight and I can't remember the last time I did something just because I wanted to."),
    (T, "I want to slow down for a moment, because you've said something important. You said that when your father shouted, you 'went somewhere else'. A lot of people who grew up with that kind of fear learn to leave their bodies to survive it. It's not a weakness. It was clever. The question now is whether you still need it."),
    (C, "My grandparents had a farm outside [[PLACE:Kraków]], and every summer until I was [[AGE:fourteen]] they sent me there. My grandfather, [[PERSON:Zbigniew]], didn't speak a word of English, and I didn't speak much Polish, but we'd fix fences all day and it was the happiest I've ever been. He died in [[DATE:2011]] and I couldn't afford the flight."),

    # --- no-mention client lines with hard negatives -------------------------------------
    (C, "They've put me on mirtazapine now, fifteen milligrams at night. I sleep, but I wake up like I've been hit by a bus."),
    (C, "The doctor thinks it might be Ménière's, which explains the dizziness, but not the crying."),
    (C, "My mum's got Huntington's, so there's a fifty-fifty chance I have too, and I don't know if I want to find out."),
    (C, "I did six sessions of EMDR last year and it helped with the nightmares, but not the rest."),
    (C, "The CORE-10 thing, I scored higher than last time, didn't I?"),
    (C, "I'm dreading Mother's Day. It's the first one without her."),
    (C, "Every Sunday is the same. I wake up, I think about ringing him, I don't."),
    (C, "The Irish side of the family are all drinkers, and the English side pretend they aren't."),
    (C, "Pickle sleeps on my feet every night. If it wasn't for that dog I don't know where I'd be."),
    (C, "I can't do Bonfire Night anymore. The bangs send me straight back."),
    (C, "They said I've got ADHD and probably dyspraxia. I'm [[AGE:forty-one]]. Where was everyone thirty years ago?"),
    (C, "My hope is that one day I'll just wake up and not be scared."),
    (C, "I keep saying I will, and then I don't, and then I hate myself for it."),
    (C, "There's no joy in it anymore, even the things I used to love."),
    (C, "I rang the GP, they told me to ring 111, and 111 told me to ring the GP."),
    (C, "I had to go to the job centre in my work uniform and everyone stared."),
    # --- therapist: openings and direct address ------------------------------------
    (T, "Hello, [[PERSON:Marguerite]]. Come in, sit wherever you like."),
    (T, "Good to see you again, [[PERSON:Femi]]. How has the week been?"),
    (T, "Before we finish, [[PERSON:Yasmin]], I want to check how you're getting home."),
    (T, "[[PERSON:Declan]], I'm going to be honest with you, because I think you'd want me to be."),
    (T, "What I'm hearing, [[PERSON:Nadia]], is that you've been doing this alone for a very long time."),
    (T, "That makes a lot of sense, [[PERSON:Gareth]]."),
    (T, "So it was your uncle, not your dad, who first said that to you. Is that right, [[PERSON:Chiamaka]]?"),
    (T, "[[PERSON:Ravi]], can you say a bit more about what 'losing it' means for you?"),
    (T, "I'm wondering, [[PERSON:Leonie]], what your younger self would need to hear right now."),
    (T, "You don't have to decide today, [[PERSON:Bogdan]]. We can come back to it."),
    (T, "It's good to have you here, [[PERSON:Mr Achebe]]. Or would you prefer I call you [[PERSON:Chinedu]]?"),
    (T, "[[PERSON:Mrs Kowalczyk]], thank you for coming in. I know the stairs aren't easy."),
    (T, "Last week, [[PERSON:Esme]], you said you felt like a ghost in your own house. Does that still fit?"),
    (T, "Where do you feel that in your body, [[PERSON:Soraya]]?"),
    (T, "[[PERSON:Tiago]], I notice you keep apologising. You don't need to apologise in here."),
    (T, "How did it feel to say that out loud, [[PERSON:Aroha]]?"),
    (T, "I'm glad you told me, [[PERSON:Wiktoria]]. That took courage."),
    (T, "[[PERSON:Obi]], I'd like to come back to what you said about your mum, if that's all right."),
    (T, "So, [[PERSON:Fenella]], shall we look at the diary you've been keeping?"),
    (T, "[[PERSON:Jae-won]], you've mentioned twice now that you 'should be over it'. Over it by when?"),
    (T, "I can see this is hard to talk about, [[PERSON:Lachlan]]. We can go as slowly as you need."),
    (T, "Thank you, [[PERSON:Precious]]. I know you didn't want to come today."),
    (T, "Your sister [[PERSON:Blessing]] sounds like she's been a real anchor for you."),
    (T, "When Grandma [[PERSON:Pearl]] was ill, who looked after you?"),

    # --- therapist: referrals, services, organisations ---------------------------------
    (T, "I'm going to refer you to [[ORG:Open Door Talking Therapies]], the local talking therapies service. The wait's about eight weeks at the moment."),
    (T, "If you're in [[PLACE:Glasgow]] over the holidays, [[ORG:Breathing Space]] is open in the evenings and at weekends."),
    (T, "You could ring [[ORG:Samaritans]] any time, night or day. They won't tell you what to do, they'll just listen."),
    (T, "[[ORG:Women's Aid]] can help with the practical side, the housing and the legal stuff, and I can help with the rest."),
    (T, "Have you heard back from [[ORG:Barnardo's]] about the family support worker?"),
    (T, "The psychiatrist at [[ORG:Elmfield House]], [[PERSON:Dr Nwachukwu]], wants to review your meds next month."),
    (T, "I've spoken to [[PERSON:Helga]] at [[ORG:Turning Point]], and she can see you at the drop-in on Friday."),
    (T, "I know the [[ORG:DWP]] assessment is on your mind. When is it?"),
    (T, "When you were at [[ORG:Priory Oaks]], did anyone help you make a plan for coming home?"),
    (T, "[[ORG:Papyrus]] is specifically for young people, and you're [[AGE:twenty-two]], so you'd still qualify."),
    (T, "The group at [[ORG:Mencap]] might suit your brother. Has he ever been to anything like that?"),
    (T, "Let's think about who you could call. You mentioned your friend [[PERSON:Tallulah]], and the helpline at [[ORG:Shout]]."),
    (T, "I'll need to let [[ORG:Greenway Community Mental Health Team]] know what you've told me, because I'm worried about your safety."),
    (T, "You're under the perinatal team at [[ORG:Fairfield Maternity Unit]], aren't you?"),
    (T, "The occupational health service at [[ORG:Royal Mail]] might be able to adjust your rounds."),
    (T, "I understand [[ORG:Sainsbury's]] have offered you a phased return. How do you feel about going back?"),
    (T, "It sounds as though the people at [[ORG:Tesco]] have been more understanding than your family."),

    # --- therapist: dates and ages --------------------------------------------------------
    (T, "So you last saw your father on the [[DATE:fourth of June]]. Do you remember anything else about that day?"),
    (T, "Your next appointment is [[DATE:Tuesday the 14th]] at half ten. Does that still work?"),
    (T, "You've told me [[DATE:2019]] was the year everything fell apart. What was happening in the months before?"),
    (T, "When your son turned [[AGE:eighteen]], you said it felt like you'd lost him. Can you tell me about that?"),
    (T, "You were [[AGE:seven]] when your parents split. What did the adults tell you at the time?"),
    (T, "Your daughter's [[AGE:sixteen]] now. Is that about the age you were when you left home?"),
    (T, "We started working together in [[DATE:September 2023]], and I think you've come a long way since then."),
    (T, "You said your mum would have been [[AGE:sixty]] on the [[DATE:twentieth of April]]. How are you planning to mark it?"),
    (T, "I wonder what it was like to be a [[AGE:ten-year-old]] looking after two younger brothers."),
    (T, "Your grandmother was [[AGE:ninety-six]] when she died, and you said nobody let you grieve because 'she'd had a good innings'."),

    # --- therapist: no-mention lines with hard negatives -----------------------------------
    (T, "I'd like to try something a bit different today, if you're willing. It's from a therapy called ACT."),
    (T, "You scored nineteen on the PHQ-9 this week, up from fifteen. What do you make of that?"),
    (T, "Is the propranolol helping with the shaking before meetings?"),
    (T, "You've said the word 'should' eleven times today. I've been counting."),
    (T, "Is Saturday still the hardest day?"),
    (T, "What did the GP say about the blood tests?"),
    (T, "It's okay to be angry with God. A lot of people are."),
    (T, "Can you picture a safe place? It can be real or imagined."),
    (T, "Let's try the breathing again. In for four, hold for seven, out for eight."),
    (T, "When you say 'the voice', is it your own voice, or someone else's?"),
    (T, "I'm not going anywhere. You can be as angry as you need to be in here."),
    (T, "So over Easter, when the house was full, what did you do with all those feelings?"),
    (T, "It sounds like the summer holidays are when things get hardest at home."),
    (T, "I wonder if part of you is still waiting for your mum's approval."),
    (T, "We can talk about the autism assessment, or we can leave it for another week. Your call."),
    (T, "Do you think the Valium is helping, or just putting things off?"),
    (T, "It's understandable that the police turning up brought all of that back."),
    (T, "Have you eaten anything today?"),
    (T, "Let's look at the thought record. What was the situation on Monday?"),
    (T, "I'm noticing that every time we get close to the topic of your brother, we end up talking about work."),
    (T, "You've described yourself as 'a burden' three times. I wonder if that's something your family said, or something you learnt on your own."),
    (T, "Hmm. And then what happened?"),
    (T, "I'd like us to make a safety plan together before you leave today."),
    (T, "There's no right way to grieve, and there's no deadline either."),
    (T, "What would 'good enough' look like, rather than perfect?"),
    (T, "Every March, you've said, you start sleeping badly again. I wonder whether your body remembers before you do."),
    (T, "Of course I'll mark it in the notes. Is it all right if I copy the letter to the GP?"),
    (T, "You don't need to have a reason to feel sad. It's allowed."),
    (T, "That sounds like Tourette's was the easiest part of school, and the other kids were the hardest."),
    (T, "It's interesting that you call him 'the lad' rather than by his name."),
    (T, "If you were your own best friend, what would you say to you?"),
    (T, "I wonder if Mother's Day will be especially difficult this year."),
    (T, "Shall we stop there for today?"),
    (T, "Can you notice five things you can see in this room?"),
    (T, "The Ghanaian part of you and the British part of you seem to want very different things."),
    (T, "I'm going to write the crisis line number down for you before you go, just in case."),
    (T, "Can I ask how the new job's going? Last time you sounded hopeful."),
    (T, "You don't have to forgive anyone to move on."),
    (T, "Did the mindfulness app help at all, or did it just annoy you?"),
    (T, "What's it like being the one everyone leans on?"),
    (T, "I'd like to understand more about what 'normal' meant in your house growing up."),
    (T, "So Rosh Hashanah and then Yom Kippur, back to back, with the whole family. That's a lot."),
    (T, "We've got six sessions left. How do you feel about the ending?"),
    # --- families across countries -----------------------------------------------------
    (C, "My parents are from [[PLACE:Sylhet]], but I was born at [[ORG:Whitechapel Royal]] and I've never even been to [[PLACE:Bangladesh]]."),
    (C, "Dad went back to [[PLACE:Lahore]] in [[DATE:2014]] and just never came back. He rings on Eid. That's it."),
    (C, "We're from [[PLACE:Accra]], originally. My mum runs a hair salon on [[PLACE:Rye Lane]] now, [[PLACE:Peckham]], and she works six days a week."),
    (C, "My husband's family are in [[PLACE:Chennai]], and every video call with his mother ends with her asking when we're having a baby."),
    (C, "I came to [[PLACE:Aberdeen]] from [[PLACE:Manila]] to work as a nurse at [[ORG:Foresterhill Infirmary]], and the cold nearly finished me off."),
    (C, "Lola [[PERSON:Corazon]] raised me, really. My mum was always working."),
    (C, "My grandmother lives in [[PLACE:Ho Chi Minh City]], and I haven't seen her since I was [[AGE:nine]]."),
    (C, "My wife's Iranian, from [[PLACE:Shiraz]], and she says the English don't know how to grieve. She might be right."),
    (C, "We moved from [[PLACE:Harare]] to [[PLACE:Luton]] in [[DATE:2002]], when I was [[AGE:five]], and I remember the airport more than anything."),
    (C, "My brother [[PERSON:Dmitri]] is still in [[PLACE:Kharkiv]]. He won't leave, and I can't make him."),
    (C, "[[PERSON:Eleni]] and [[PERSON:Nikos]], my parents, ran a chip shop in [[PLACE:Wood Green]] for twenty-five years, and I worked the fryer from the age of [[AGE:twelve]]."),
    (C, "My uncle [[PERSON:Tomás]] drives a taxi in [[PLACE:Porto]], and he's the only one in the family who ever asks how I'm actually doing."),
    (C, "I grew up in [[PLACE:Toronto]], did my master's at [[ORG:McGill]], and moved to [[PLACE:Edinburgh]] for a man who left me six months later."),
    (C, "We were in [[PLACE:Addis Ababa]] until I was [[AGE:eight]], then [[PLACE:Cardiff]]. I speak Amharic at home and Welsh at school, which confuses everyone."),
    (C, "My partner's from [[PLACE:Auckland]], and she wants to go home. I don't know if I can leave Mum."),
    (C, "I spent two years in [[PLACE:Bucharest]] with my grandparents while Mum sorted out work here. I was [[AGE:three]] when she left and [[AGE:five]] when she came back, and I didn't recognise her."),
    (C, "The Somali community in [[PLACE:Moss Side]] is close, which is lovely until you need to keep something private."),
    (C, "My father was a doctor in [[PLACE:Aleppo]]. Here he drives for [[ORG:Uber]] and doesn't talk about it."),
    (C, "I'm from [[PLACE:Cork]] and my accent's got thicker since I moved to [[PLACE:Swansea]], out of spite, I think."),
    (C, "Can you cork a bottle once you've opened it? That's what I feel like most days. Something that won't go back in."),

    # --- addresses ----------------------------------------------------------------------------
    (C, "We're at [[ADDRESS:27 Sandringham Road, Bolton BL3 2QR]] now. It's damp, but it's ours."),
    (C, "Write to me at [[ADDRESS:Flat 4B, Carrow House, 19 Marlowe Street, Norwich NR1 3EJ]], the buzzer's broken so they'll have to leave it in the hall."),
    (C, "The refuge's address is confidential, but you can send post to [[ADDRESS:PO Box 218, Derby DE1 9XZ]]."),
    (C, "My mum's still at [[ADDRESS:fifty-two Chaucer Avenue, Stretford]], same house I grew up in."),
    (C, "It's postcode [[ADDRESS:LS11 8QW]], if you're putting it in the satnav."),
    (C, "My dad's place is [[ADDRESS:3 Ferncliffe Cottages, Hebden Bridge HX7 8AL]], up the hill past the mill."),
    (T, "I've got you at [[ADDRESS:88 Pennine View, Rochdale OL12 6TX]]. Is that still right?"),
    (C, "No, that was my old place. It's [[ADDRESS:11 Larkspur Way, Rochdale OL11 4NG]] now."),
    (C, "We lived at [[ADDRESS:2417 Sycamore Lane, Columbus, OH 43215]] till I was [[AGE:ten]], then we moved to my grandma's."),
    (C, "The postcode's [[ADDRESS:B eight, one, Q T]], they always get it wrong on the phone."),
    (C, "The house number's nineteen, but the letters go to the shop next door half the time."),
    (T, "Your letter came back from [[ADDRESS:14 Hollins Grove]], so I wanted to check where you're staying now."),

    # --- phones and e-mails ------------------------------------------------------------------
    (C, "My sponsor's number is [[PHONE:07700 900219]]. I've put it in my phone as 'Dentist' so my wife doesn't ask."),
    (C, "If I don't answer, ring my sister on [[PHONE:0161 496 0843]]. She's usually in."),
    (C, "You can call me on [[PHONE:oh one one three, four nine six, oh seven seven one]], that's the landline."),
    (T, "The out-of-hours line is [[PHONE:0808 157 0664]]. I'll write it on the card for you."),
    (C, "My mum's mobile is [[PHONE:+44 7700 900586]]. She's the emergency contact, God help me."),
    (C, "My US number's [[PHONE:(212) 555-0177]], I keep it for my dad."),
    (C, "Call the studio on [[PHONE:020 7946 0912]], they'll pass on a message."),
    (C, "The email's [[EMAIL:marta.wisniewska@example.com]], with the w-i-s-n, you'll see it."),
    (C, "My email's [[EMAIL:big dave seventy one at example dot net]], don't laugh, I was [[AGE:fifteen]] when I set it up."),
    (T, "Could you send the diary to [[EMAIL:therapy.admin@example.org]]? It goes straight to me."),
    (C, "She emailed me from a new address, [[EMAIL:sunflower.anya@example.co.uk]], like nothing had happened."),
    (C, "I still check his old email, [[EMAIL:g.mcallister@example.com]], every night, in case something comes through."),

    # --- identifiers ---------------------------------------------------------------------------------
    (C, "The case reference on the court letter is [[ID:FD24P00371]]. I've read it so many times I know it better than my own birthday."),
    (T, "For the referral I'll need your [[ORG:NHS]] number. Is it [[ID:999 125 8843]]?"),
    (C, "My NI number's [[ID:QQ 77 31 02 A]], they keep asking me for it on the phone."),
    (C, "His van's [[ID:LV71 KNM]]. If you see it outside, that's him."),
    (C, "My hospital number's [[ID:K4471028]], it's on the wristband they gave me."),
    (C, "My member ID is [[ID:WPX 9920 1187]], for the insurance, if the clinic needs it."),
    (C, "The crime number is [[ID:CR/0091172/24]], not that anyone's rung me about it."),
    (C, "The social worker gave me a reference, [[ID:SW-2023-55812]], and said to quote it every time."),

    # --- handles ------------------------------------------------------------------------------------
    (C, "His account's [[HANDLE:@deano_lfc_1994]], he posts pictures of his new family like it's nothing."),
    (C, "She's [[HANDLE:@bluebell.bakes]] on [[ORG:Instagram]]. Cupcakes and a perfect kitchen. You'd never guess."),
    (C, "My gamer tag's [[HANDLE:NightCrawler_404]] and that's how half my mates know me. They don't know my real name."),
    (C, "He messaged me from a fake account, [[HANDLE:@justasking2020]], and I knew straight away it was him."),
    (C, "I found her on [[ORG:Reddit]] as [[HANDLE:u/quiet_otter_88]], posting about me. About us."),
    (C, "My username's [[HANDLE:ghost underscore of underscore june]], from a song. People think it's about a person."),
    (C, "I used to post as [[HANDLE:@thenotsadgirl]] on [[ORG:Tumblr]], which is ironic, looking back."),

    # --- word-names as names and as words -------------------------------------------------
    (C, "[[PERSON:Faith]] from the group rang me on Sunday night, and I think she might have saved my life."),
    (C, "I've lost faith in all of it. The doctors, the tablets, the whole system."),
    (C, "[[PERSON:Miles]] is my best friend from [[ORG:Brookfield Sixth Form]]. He's the only one who knows."),
    (C, "It's miles away, the clinic, and the bus only runs twice a day."),
    (C, "[[PERSON:Sky]] moved out last month, and the flat's been too quiet ever since."),
    (C, "We've had [[ORG:Sky]] cut off because I couldn't pay it, which is fine, I don't watch it."),
    (C, "I stood in the garden and looked at the sky for ages, and for a second I felt okay."),
    (C, "[[PERSON:Carol]] at the [[ORG:Co-op]] always asks how I'm getting on. She's the only person I speak to some days."),
    (C, "I tried to sing a carol at the school concert and my voice just went."),
    (C, "[[PERSON:Penny]] and I were together six years. Not a penny of the house is in my name."),
    (C, "I'm ruby red by the time I get through the door, I've been sweating the whole bus ride."),
    (C, "[[PERSON:Ruby]] is [[AGE:two]] and she's started saying 'no' to everything, which is exactly what I'm like."),
    (C, "My nephew [[PERSON:Jack]] helped me change the tyre, because I didn't even know where the jack was."),
    (C, "[[PERSON:Drew]] said he'd be there. Then he drew a line under it and stopped answering."),
    (C, "I'm hoping to get back to work by the summer, but I keep saying that."),
    (C, "[[PERSON:Summer]] started at [[ORG:Little Acorns Nursery]] on Monday and cried at the gate, and so did I."),
    (C, "[[PERSON:Will]] and I broke up at [[DATE:New Year 2024]], and I've spent every night since replaying it."),
    (C, "[[PERSON:Sunny]] took me to [[ORG:Wetherspoons]] for my [[AGE:thirtieth]], and it was honestly the best night I'd had in years."),
    (C, "It's sunny out, and I can't make myself go outside."),

    # --- long client turns ---------------------------------------------------------------------
    (C, "I got the call on a Tuesday. [[PERSON:Tariq]], my oldest friend, we grew up on the same street in [[PLACE:Sparkbrook]], had been found in his flat in [[PLACE:Digbeth]]. Nobody had seen him for four days. I'd been meaning to ring him. I'd actually typed a message and not sent it. It's still in my phone, the draft, and I can't bring myself to delete it."),
    (C, "The first job I had was at [[ORG:Greggs]] on [[PLACE:Northumberland Street]], when I was [[AGE:sixteen]]. I loved it. The manager, [[PERSON:Maureen]], used to save me a sausage roll at the end of the shift. I think that's the last time I felt like someone had my back without wanting anything for it."),
    (C, "What I can't get over is that he was so charming to everyone else. At [[ORG:Barclays]], at the golf club, at church, everyone thought he was a saint. My mum's friends still come up to me in [[PLACE:Harrogate]] and say what a lovely man your father was. And I just smile and nod because what else am I going to do?"),
    (C, "It was the [[DATE:twenty-third of December 2019]], I'll never forget it. We were at the [[PLACE:Fleece]], all of us from work, and I'd had maybe three drinks, and I went outside for some air and I just couldn't breathe. I thought it was a heart attack. The ambulance took me to [[ORG:Calder Valley Hospital]] and they said it was a panic attack. I felt so stupid."),
    (C, "When I was little, Mum worked at the [[ORG:Marks and Spencer]] café in [[PLACE:Kendal]], and on Saturdays I'd sit at the corner table with a colouring book and a scone. Then she'd get her break and we'd share a pot of tea. I think about that table a lot. I don't know why."),
    (C, "My sister [[PERSON:Aurelia]] got married in [[PLACE:Lisbon]] in [[DATE:September 2022]], and I didn't go. I told everyone it was money, and it was partly money, but mostly I couldn't face standing in a room with my dad for a whole day."),
    (C, "I've been at [[ORG:Serco]] for nine years, on the same contract, same desk, same view of the car park. And last week my new manager, who's [[AGE:twenty-five]], told me I lacked ambition. I went to the toilets and cried, and then I went back and finished the spreadsheet."),
    (C, "I keep thinking about how my grandad used to take me fishing on the canal. He never said much. He'd just pass me a sandwich and point at the water when something moved. He's been gone ten years now and I still look at canals and think of him, which is daft, but there it is."),
    (C, "My mum rings every night at half seven, on the dot, and if I don't answer she rings my brother, and he rings me, and then I feel guilty for not answering in the first place. It's like a chain. And I'm at the end of it holding everyone's worry, and nobody ever asks how I'm doing."),
    (C, "Honestly, the worst bit isn't the drinking itself. It's the mornings. Waking up and piecing together what I said and who I said it to. Checking my phone with one eye shut. Sending sorry messages before I've even had a glass of water. I've done it so many times I could write the apology in my sleep."),
    # --- chains and employers, homonyms ---------------------------------------------------
    (C, "I do the early shift at [[ORG:Iceland]], stacking freezers, and then the late one at [[ORG:Aldi]]. I'm basically never warm."),
    (C, "We went to [[PLACE:Iceland]] for our honeymoon, and I spent the whole time worrying about the cost."),
    (C, "[[PERSON:Chelsea]] moved to [[PLACE:Chelsea]] for a job in an estate agent's, and now she talks like she's never been to [[PLACE:Barnsley]] in her life."),
    (C, "My stepdad's a [[ORG:Chelsea]] fan, so you can imagine Sunday lunches."),
    (C, "[[PERSON:Austin]] got a job in [[PLACE:Austin]], which he thinks is the funniest thing ever. I think he just wanted to get away from me."),
    (C, "I wore Grandad's old jersey to the funeral, the blue one with the holes in the elbows."),
    (C, "My aunt retired to [[PLACE:Jersey]] and sends a card every Christmas with nothing written in it but her name."),
    (C, "I worked in [[ORG:Primark]] on [[PLACE:Oxford Street]] through the whole of uni, and I still can't walk past one without my feet aching."),
    (C, "They let me go from [[ORG:Sports Direct]] two days before Christmas. Two days."),
    (C, "My manager at [[ORG:Costa]], [[PERSON:Ifeoma]], let me take my breaks in the stockroom when I was having a bad day."),
    (C, "I cried in the middle of [[ORG:B&Q]], in the paint aisle, because Dad always did the decorating."),
    (C, "I've been at [[ORG:Halfords]] eleven years, and I know more about bike chains than I do about my own kids."),
    (C, "My phone's with [[ORG:Three]], and the signal's so bad at Mum's I have to stand in the garden."),
    (C, "Three years. That's how long we've not been speaking."),
    (C, "We got the fruit from the market. Oranges, bananas, whatever was cheap."),
    (C, "I clean offices for [[ORG:Mitie]] at night, and I've got a cleaning job at [[ORG:Hollowell Primary]] in the mornings."),
    (C, "I work for myself now, which sounds grand, but it really means I've got no sick pay."),
    (C, "The agency sent me to a warehouse in [[PLACE:Daventry]], and I was on my feet for twelve hours with one break."),
    (C, "I was a manager at [[ORG:McDonald's]] on the retail park before the breakdown. Now I can't even manage the washing."),
    (C, "I bought the fridge from [[ORG:Currys]] on finance and I've got no idea how I'm going to pay for it."),

    # --- US clients ------------------------------------------------------------------------------------
    (C, "I grew up in [[PLACE:Tulsa]], moved to [[PLACE:Denver]] in [[DATE:2010]], and I've been at [[ORG:Summit Ridge Logistics]] ever since."),
    (C, "My dad's in the [[ORG:VA]] hospital in [[PLACE:Albuquerque]], and they keep changing his doctors."),
    (C, "I was at [[ORG:Lincoln High]] in [[PLACE:Omaha]], class of [[DATE:'05]], and honestly those were the best and worst years of my life."),
    (C, "My mom still lives in [[PLACE:Bakersfield]], and she calls me every Sunday from the [[ORG:Walmart]] parking lot because it's the only place she gets signal."),
    (C, "Call my brother [[PERSON:Marcus Delgado]] on [[PHONE:(602) 555-0148]] if anything happens. He's in [[PLACE:Phoenix]]."),
    (C, "I worked the register at [[ORG:Target]] through high school, and my manager, [[PERSON:Ms. Kowalski]], was the first adult who believed me."),
    (C, "I've been sober since [[DATE:July 4th, 2021]], and fireworks still make me want a drink."),
    (C, "My son's [[AGE:fifteen]] and he's started going out with kids from [[PLACE:East Flatbush]] that I don't know."),
    (C, "Thanksgiving is a nightmare. My uncle drinks, my mom cries, and someone always leaves before the pie."),
    (C, "My social is [[ID:918-04-6632]], and my insurance is through [[ORG:Keystone Mutual]]."),

    # --- dates, spoken and written ---------------------------------------------------------------------
    (C, "He died on the [[DATE:second of February, two thousand and twenty]], and a month later the whole country went into lockdown."),
    (C, "Our anniversary's the [[DATE:sixteenth of June]]. I still buy a card. I just don't give it to anyone."),
    (C, "My date of birth? [[DATE:Twelfth of the fifth, eighty-nine]]."),
    (C, "It was [[DATE:Christmas Eve 2016]] when she told me, in the kitchen, with the sprouts on."),
    (C, "I got the diagnosis on [[DATE:23/04/2022]], and I went straight to work afterwards like nothing had happened."),
    (C, "[[DATE:Last Christmas]] I spent on my own with a microwave dinner, and I told everyone I'd been at a friend's."),
    (C, "The hearing's on [[DATE:Wednesday the 7th]], and I haven't slept properly since the letter came."),
    (C, "I was born in [[DATE:two thousand and three]], so I was [[AGE:seventeen]] in lockdown, which was its own special kind of hell."),
    (C, "We got married in [[DATE:spring 2015]] and separated in [[DATE:autumn 2019]]."),
    (C, "She came three months early, on the [[DATE:eleventh of January]], and spent ten weeks in the neonatal unit."),
    (C, "Dad's birthday was on the [[DATE:fifth of November]], so we always had fireworks whether we wanted them or not."),
    (C, "In [[DATE:nineteen seventy-six]] my mum was [[AGE:eight]], and she still talks about that summer like it was a war."),
    (C, "Every January I do the same thing. No drinking, gym every day. By the second week it's gone."),
    (C, "It's my birthday in June and I already know I'll be pretending to be fine."),
    (C, "We always did Hanukkah at Nana's, and this is the first year there's nobody to do it."),
    (C, "On Friday nights the whole estate's out. I keep the curtains closed."),

    # --- ages ------------------------------------------------------------------------------------------------
    (C, "My eldest, [[PERSON:Kofi]], is [[AGE:twenty-three]], and he still comes home every Sunday with his washing."),
    (C, "I was [[AGE:thirteen]] the first time I self-harmed, and I was [[AGE:nineteen]] before anyone found out."),
    (C, "She's [[AGE:eighteen months]] and already climbing out of the cot."),
    (C, "He was only [[AGE:forty-eight]]. [[AGE:Forty-eight]], and a heart attack on the way to work."),
    (C, "I'll be [[AGE:sixty]] next year and I'm still paying off his debts."),
    (C, "My mum's [[AGE:seventy-one]], and she's just started internet dating, which is more than I've managed."),
    (C, "We've been trying for a baby for four years now, and every month it's the same."),
    (C, "I've been clean for two hundred and twelve days. I count every one."),
    (C, "The flat's on the ninth floor and the lift's been broken for a month."),
    (C, "I did a ten-mile walk for charity and I felt nothing at the end of it."),
    (C, "I'm on the 38 and the 171 every day, an hour each way, just to get to a job I hate."),
    (C, "Dad's [[AGE:sixty-fifth]] was the last time we were all together."),
    (C, "Our [[AGE:six-year-old]] has started wetting the bed again since the move."),
    (C, "I'm only [[AGE:twenty-nine]], but I feel like I've lived about three lives."),

    # --- client no-mention lines ---------------------------------------------------------------------------
    (C, "I stopped the fluoxetine on my own, which I know I shouldn't have, and the first week was awful."),
    (C, "They're testing me for Hashimoto's, which would explain the tiredness, apparently."),
    (C, "I keep thinking it might be Munchausen's, like on that programme, but the doctor just laughed."),
    (C, "I can't do the CBT homework. I sit down with the sheet and my mind just goes white."),
    (C, "My dog, Bramble, is fourteen, and I honestly don't know what I'll do when she goes."),
    (C, "Mabel the cat sleeps on the radiator and judges me."),
    (C, "The crisis team came out on Saturday, but by then it had passed."),
    (C, "I had a reading done, tarot, just for fun, and she said I'd meet someone. I haven't."),
    (C, "Easter's always been a big thing in our family. Mass, then lunch, then Dad asleep in front of the telly."),
    (C, "The Jamaican side of my family cook for fifty even when there's six of us."),
    (C, "I told the police. They said there wasn't enough evidence and that was that."),
    (C, "My brother's got Down's syndrome and he's the kindest person I know."),
    (C, "Half term's coming up and I've no idea what I'll do with the kids for a whole week."),
    (C, "I don't know if it's a depression thing or a me thing."),
    (C, "I had a nap at four in the afternoon and woke up at midnight feeling like a ghost."),
    (C, "The health visitor said I'm doing fine, but she only stayed fifteen minutes."),
    (C, "I prayed for the first time in years. I don't know who to."),
    (C, "Christ, it sounds worse when I say it out loud."),
    (C, "Work's been mental. They've lost three people and not replaced any of them."),
    (C, "I had Sunday dinner at my mum's and we managed two hours before the first row."),
    (C, "The doctor upped the quetiapine and I've put on a stone and a half."),
    (C, "I'm Catholic, technically. I haven't been since Nana's funeral."),
    (C, "She's Polish and I'm Nigerian, and both our mums think the other one's the problem."),
    (C, "It's the third time this month I've woken up on the sofa."),

    # --- therapist lines -------------------------------------------------------------------------------------
    (T, "Just so I've got it right, [[PERSON:Kofi]] is the one at [[ORG:Northumbria University]]?"),
    (T, "It sounds like [[PERSON:Maureen]] gave you something you didn't get at home."),
    (T, "Was [[PLACE:Kraków]] the last place you felt properly safe?"),
    (T, "You've mentioned the [[PLACE:Fleece]] a few times. What is it about that pub?"),
    (T, "How did it go with [[PERSON:Dr Ashworth-Kaye]] at the memory clinic?"),
    (T, "Did [[PERSON:Imam Qureshi]] know what was going on at home?"),
    (T, "So [[PERSON:Sister Immaculata]] was the one who noticed the bruises. Did she say anything to you?"),
    (T, "Did [[PERSON:PC Galloway]] take a statement that night, or did they come back later?"),
    (T, "What happened after [[PERSON:DS Ferreira]] left?"),
    (T, "[[PERSON:Mr Huang]] from the housing association sounds like he's trying, at least."),
    (T, "I'm curious about Auntie [[PERSON:Bisi]]. What was she like?"),
    (T, "So [[PERSON:Dariusz]] is your ex, and [[PERSON:Darek]] is his brother? I want to make sure I'm following."),
    (T, "When you moved from [[PLACE:Lagos]] to [[PLACE:Peckham]] at [[AGE:nine]], who explained what was happening?"),
    (T, "You were at [[ORG:Northgate Comprehensive]] at the same time as your cousin, weren't you?"),
    (T, "It sounds like [[ORG:Amazon]] had you working at a pace nobody could keep up."),
    (T, "Can I just check the spelling, is it [[PERSON:Saoirse]] with an S-A-O?"),
    (T, "[[PERSON:Ayodele]], I want to name something. You laugh every time you say something painful."),
    (T, "Okay. And [[PERSON:Mehmet]], where was he when all this was going on?"),
    (T, "How old were you when you moved in with your gran in [[PLACE:Paisley]]?"),
    (T, "You were [[AGE:twenty]] when you had [[PERSON:Jaden]]. That's young to be doing it on your own."),
    (T, "So the fall was on the [[DATE:third of March]], and the diagnosis came two weeks later?"),
    (T, "Can I take a contact number in case I need to reach you between sessions? I've got [[PHONE:07700 900377]] on file."),
    (T, "I'll email the exercises to [[EMAIL:r.mwangi@example.org]] tonight."),
    (T, "What does [[PERSON:Grace]] think about you coming here?"),
    (T, "There's a lot of grace in how you're speaking about him, even now."),
    (T, "I'm glad [[PERSON:Hope]] was there. It sounds like she knew just what to do."),
    (T, "You said there's no hope. I'd like to stay with that for a moment."),
    (T, "Is there anyone at [[ORG:St Barnabas Hospice]] you could talk to about what the nurses said?"),
    (T, "Is the hospice somewhere you'd want to go back to, or does that feel too much?"),
    (T, "You've mentioned the [[ORG:Jobcentre Plus]] office in [[PLACE:Hackney]] three times. What happens to you when you go in there?"),
    (T, "What is it like walking past the job centre now?"),
    (T, "You were born in [[DATE:1979]]. So that would make your dad about the age you are now when he left."),
    (T, "Is it [[ORG:Lidl]] or [[ORG:Asda]] you work at now? I've got it written down as both."),
    # --- more therapist lines: plain-word names, places, long turns --------------------------
    (T, "When you say you went to [[PLACE:Bath]] to get away, was that the first time you'd left [[PLACE:Bristol]] on your own?"),
    (T, "It sounds like the job at [[ORG:Boots]] gave you some structure, even if the pay was awful."),
    (T, "What's next for you, do you think, once the court case is over?"),
    (T, "Have you been in touch with [[ORG:Shelter]] again since the letter from the landlord?"),
    (T, "You're not out of your mind. You're exhausted, and that's different."),
    (T, "If [[PLACE:Reading]] is where your kids are, it makes sense that you'd want to be there too."),
    (T, "So the family are all in [[PLACE:Deal]], and you're up here on your own. How often do you get down there?"),
    (T, "I'd like to read you back something you wrote last week, if that's okay."),
    (T, "You told me your mum worked at [[ORG:Next]] for twenty years, and that she always looked immaculate, even on the worst days. I wonder if you learnt from her that you have to look fine, whatever is going on inside. Does that fit at all?"),
    (T, "Let me check I've understood. You left [[PLACE:Tehran]] in [[DATE:2009]], spent a year in [[PLACE:Istanbul]] waiting for papers, and arrived in [[PLACE:Newcastle]] with one suitcase and your sister's phone number. And through all of that, you're telling me you 'didn't really struggle'. I'm struggling to believe that, [[PERSON:Arash]]."),
    (T, "One thing I notice is that when you talk about [[PERSON:Hamza]], your whole voice softens. And when you talk about your father, you sit further back in the chair. Our bodies often tell us things before we've found the words for them. What would happen if you let yourself feel that softness for a moment?"),
    (T, "When you were in [[ORG:HMP Thornleigh]], did anyone offer you any support with the flashbacks?"),
    (T, "It sounds like [[ORG:Oakwood Grange]] was the first place you felt people weren't judging you."),
    (T, "You've said the [[PLACE:Gorsefield Estate]] still feels like home, even after everything that happened there."),
    (T, "Where did you go after [[PLACE:Piccadilly]], once you'd got off the train?"),
    (T, "Do you still go down to [[PLACE:Victoria Park]] with the kids on Saturdays?"),
    (T, "And the address for the letter, is it [[ADDRESS:5 Whitebeam Court, Halifax HX1 2PF]]?"),
    (T, "You mentioned the flat on [[PLACE:Lorne Street]]. Was that when you were with [[PERSON:Craig]]?"),
    (T, "So [[PERSON:Father Anselm]] baptised all three of your children, and then he was the one who told you to stay with him?"),
    (T, "Your mum turned [[AGE:eighty]] last month. How was the party?"),
    (T, "How's [[PERSON:Bramwell]] getting on at [[ORG:Kingsmead Academy]]?"),
    (T, "You've been at [[ORG:Greggs]] a long time. What keeps you there?"),
    (T, "I know the anniversary is coming up. Do you want to plan for that day together?"),
    (T, "Would it help to bring [[PERSON:Lucía]] to a session, or would you rather keep this space for yourself?"),
    (T, "Mm. That's the second time you've called yourself stupid today."),
    (T, "What did your body do when the phone rang?"),
    (T, "It's all right to take a moment."),
    (T, "You've said you're not a 'feelings person'. And yet you've cried twice today. What do you make of that?"),
    (T, "What would you want your children to know about this time, when they're older?"),
    (T, "If the anxiety had a shape, what would it look like?"),
    (T, "It's really common for grief to show up as anger, especially at the people who are still here."),
    (T, "Hmm. So every Friday you drive past the house, and you don't stop."),

    # --- more client lines ----------------------------------------------------------------------------------------
    (C, "I live on [[PLACE:Kingfisher Road]] now, at the quiet end, and I can finally sleep with the window open."),
    (C, "My ex still lives in [[PLACE:Handsworth]], so I don't go that way at all. I'll take the long way round rather than risk it."),
    (C, "We lived above a launderette in [[PLACE:Chapeltown]] when I was little, and I can still smell the soap when I think of Mum."),
    (C, "I was born in [[PLACE:Wrexham]], but I've been in [[PLACE:Liverpool]] since uni, and I support [[ORG:Wrexham AFC]] out of pure stubbornness."),
    (C, "My first girlfriend, [[PERSON:Nkemdirim]], lived on [[PLACE:Upper Calloway Street]], and I used to walk her home and then walk back on my own in the dark, singing."),
    (C, "I rang [[ORG:Mind]] and just cried down the phone, and the woman waited until I could talk."),
    (C, "I'll be fine. I always am."),
]

# Texts of the sets this one must not repeat (the example files open to writer B).
EXAMPLES = ("identifying_mentions.jsonl", "heldout_mentions.jsonl", "final_mentions.jsonl",
            "dev_mentions.jsonl", "probe_mentions.jsonl")

DIGITS = {"oh": "0", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
          "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
UK_FICTION = ("07700900", "01134960", "01614960", "02079460", "08081570")


def phone_digits(text: str) -> str:
    """Digits of a written or spoken phone number ('double oh' -> '00')."""
    out: list[str] = []
    words = re.findall(r"[a-z]+|\d", text.lower().replace("+44", "0"))
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("double", "triple") and i + 1 < len(words) and words[i + 1] in DIGITS:
            out.append(DIGITS[words[i + 1]] * (2 if w == "double" else 3))
            i += 2
            continue
        if w.isdigit():
            out.append(w)
        elif w in DIGITS:
            out.append(DIGITS[w])
        i += 1
    return "".join(out)


def extra_checks(records: list[dict]) -> list[str]:
    errors: list[str] = []
    texts = Counter(r["text"] for r in records)
    errors += [f"repeated utterance: {t!r}" for t, n in texts.items() if n > 1]
    seen = set()
    for name in EXAMPLES:
        for line in (REDACTION / name).read_text(encoding="utf-8").splitlines():
            seen.add(json.loads(line)["text"])
    errors += [f"{r['id']}: repeats an example set" for r in records if r["text"] in seen]
    for r in records:
        for s in r["spans"]:
            low = s["text"].lower()
            if s["label"] == "PHONE":
                d = phone_digits(s["text"])
                if not (d.startswith(UK_FICTION) or re.search(r"555(01\d\d)$", d)):
                    errors.append(f"{r['id']}: phone outside the fiction ranges {s['text']!r} ({d})")
            if s["label"] == "EMAIL":
                if not re.search(r"example\s*(\.|dot)\s*(com|org|net|co\s*(\.|dot)\s*uk)$", low):
                    errors.append(f"{r['id']}: e-mail outside example domains {s['text']!r}")
            if s["label"] == "PERSON" and re.match(r"(the|my|a|an|his|her)\s", low):
                errors.append(f"{r['id']}: article or family word inside PERSON {s['text']!r}")
            if s["label"] in ("PLACE", "ORG", "DATE") and re.match(r"the\s", low):
                errors.append(f"{r['id']}: leading article inside {s['label']} {s['text']!r}")
            if s["text"].endswith(("'s", "’s")) and s["label"] == "PERSON":
                errors.append(f"{r['id']}: possessive inside PERSON {s['text']!r}")
            if s["text"][-1] in ".,;:!?" and s["label"] not in ("PERSON", "ADDRESS"):
                errors.append(f"{r['id']}: trailing punctuation in span {s['text']!r}")
    n = len(records)
    therapist = sum(r["speaker"] == "therapist" for r in records)
    empty = sum(not r["spans"] for r in records)
    lower = sum(r["text"] == r["text"].lower() for r in records)
    if n < 450:
        errors.append(f"{n} utterances, need at least 450")
    if therapist / n < 0.35:
        errors.append(f"therapist share {therapist / n:.3f}, need at least 0.35")
    if empty / n < 0.30:
        errors.append(f"no-mention share {empty / n:.3f}, need at least 0.30")
    if lower:
        errors.append(f"{lower} utterances are all lowercase; this set is cased")
    return errors


def main() -> int:
    records = build_records(UTTERANCES, "tb_")
    errors = validate(records) + extra_checks(records)
    rc = write_set(records, OUT, errors)
    if rc == 0:
        n = len(records)
        therapist = sum(r["speaker"] == "therapist" for r in records)
        empty = sum(not r["spans"] for r in records)
        words = [len(r["text"].split()) for r in records]
        print(f"therapist share {therapist / n:.3f}; no-mention share {empty / n:.3f}; "
              f"long turns (40+ words) {sum(w >= 40 for w in words)}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
