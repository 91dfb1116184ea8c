#!/usr/bin/env python3
"""Build the development set (dev_mentions.jsonl), for the kinds of mention the earlier sets
were weak on.

Written for issue 10 after a probe the team had not seen measured recall 0.85 and named what it
missed: lowercase names, kinship names ("uncle dev", "nana pat"), given names that are ordinary
words, social-media handles, ages and numbers in words. Every utterance here is one of those
kinds (or another named in the issue: spoken phone numbers, places and organisations that are
plain words, non-ASCII names, nicknames) or a hard negative for them.

The set is split in two halves by utterance id, decided before any tuning: odd ids (d001, d003,
...) are the tuning half, even ids the held-out half. Only the tuning half's errors may be read
while changing the redactor; the held-out half is only measured. Each record carries its
``split`` and a ``kind`` (what the utterance was written to test), so the benchmark can report
recall by kind.

Same format, labels and labelling decisions as the other sets (README.md), plus the HANDLE
label (social-media handles, usernames, gamer tags, also spoken: "jay underscore smith"). Apps
and networks stay ORG ("insta", "snapchat"), as in the first set. All text is invented; people,
handles, streets and employers are made up; towns, chains, apps and charities are real; phone
numbers and e-mail domains come from the fiction/test ranges. Run with plain python3:

    python3 tests/data/redaction/build_dev.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_set import build_records, check_mix, write_set  # noqa: E402

OUT = HERE / "dev_mentions.jsonl"
MINIMUMS = {"PERSON": 80, "PLACE": 15, "ORG": 20, "AGE": 30, "PHONE": 4, "HANDLE": 10}
MIN_TOTAL = 180
MIN_EMPTY = 40
KINDS = ("kinship", "lowercase", "nickname", "word-name", "handle", "age-words", "phone-spoken", "word-place-org",
         "non-ascii", "mixed", "negative")

C, T = "client", "therapist"

# (speaker, marked text, kind); ids are d001, d002, ... in this order.
UTTERANCES: list[tuple[str, str, str]] = [
    # --- kinship names -----------------------------------------------------------------
    (C, "my uncle [[PERSON:dev]] used to take us fishing every sunday", "kinship"),
    (C, "nana [[PERSON:pat]] still sends me a card with a fiver in it", "kinship"),
    (C, "auntie [[PERSON:bisi]] said i was being dramatic", "kinship"),
    (C, "when grandad [[PERSON:joe]] died everything fell apart", "kinship"),
    (C, "Uncle [[PERSON:Tunde]] paid for the funeral and never let anyone forget it.", "kinship"),
    (C, "I stayed with Nanna [[PERSON:Jean]] in [[PLACE:Margate]] most summers.", "kinship"),
    (C, "me and cousin [[PERSON:shaz]] are the only ones who talk to dad now", "kinship"),
    (C, "grandma [[PERSON:rosa]] raised us really while mum was working", "kinship"),
    (C, "Aunty [[PERSON:Precious]] is the one who noticed I wasn't eating.", "kinship"),
    (C, "gran [[PERSON:betty]] had dementia by then and kept calling me by my mums name", "kinship"),
    (C, "my step dad [[PERSON:gary]] never hit me but he didnt have to", "kinship"),
    (C, "Papa [[PERSON:Luis]] would have known what to say.", "kinship"),
    (C, "uncle [[PERSON:raj]] and auntie [[PERSON:meena]] took me in after that", "kinship"),
    (C, "my big sister [[PERSON:kels]] is basically my mum", "kinship"),
    (C, "our [[PERSON:kayleigh]]'s having another baby", "kinship"),
    (C, "babcia [[PERSON:halina]] only spoke polish to us", "kinship"),
    (C, "Grandpa [[PERSON:Walt]] was a Marine and he never talked about it.", "kinship"),
    (C, "my nan's partner [[PERSON:stan]] is lovely to be fair", "kinship"),
    (C, "i rang aunty [[PERSON:joy]] and she came straight over", "kinship"),
    (C, "Great-aunt [[PERSON:Edie]] left me the house, which caused all of this.", "kinship"),
    (C, "my uncle was the one who found him", "negative"),
    (C, "nana always said worse things happen at sea", "negative"),
    (C, "Grandad would take me to the allotment on Saturdays.", "negative"),
    (C, "auntie came down for the weekend and it was fine actually", "negative"),
    (C, "my cousin and her kids are staying so the house is rammed", "negative"),

    # --- lowercase names with no cue, speech-recognition style ---------------------------
    (C, "me and [[PERSON:jade]] went to the pub after and she just kept crying", "lowercase"),
    (C, "i told [[PERSON:marcus]] i needed space and he took it really badly", "lowercase"),
    (C, "so [[PERSON:tyrone]] was there as well which didnt help", "lowercase"),
    (C, "i texted [[PERSON:chloe]] but shes not replied", "lowercase"),
    (C, "i went round to [[PERSON:kofi]]'s after work", "lowercase"),
    (C, "[[PERSON:siobhan]] reckons i should report it", "lowercase"),
    (C, "its just me [[PERSON:dan]] and the kids now", "lowercase"),
    (C, "i keep thinking about what [[PERSON:aisha]] would say if she saw me like this", "lowercase"),
    (C, "and [[PERSON:liam]] is like why are you so quiet all the time", "lowercase"),
    (C, "i was with [[PERSON:connor]] for six years", "lowercase"),
    (C, "[[PERSON:femi]] and [[PERSON:tolu]] came to the hospital", "lowercase"),
    (C, "she married [[PERSON:steve]] in the end", "lowercase"),
    (C, "ask [[PERSON:natalie]] she was there", "lowercase"),
    (C, "yeah [[PERSON:bridget]] at the front desk knows me", "lowercase"),
    (C, "i think [[PERSON:ewan]] blames himself", "lowercase"),
    (C, "[[PERSON:olivia]]'s dad picked us up", "lowercase"),
    (C, "i met [[PERSON:priya]] at uni and weve been best mates since", "lowercase"),
    (T, "how did it feel when [[PERSON:megan]] said that to you", "lowercase"),
    (C, "his name was [[PERSON:kieran walsh]] and he was my teacher", "lowercase"),
    (C, "me and [[PERSON:hannah]] fell out over the wedding", "lowercase"),
    (C, "i blocked [[PERSON:josh]] on everything", "lowercase"),
    (C, "my friend from work [[PERSON:sade]] covered for me", "lowercase"),
    (C, "i dont even know where [[PERSON:callum]] is living now", "lowercase"),
    (C, "[[PERSON:ruth]] and [[PERSON:derek]] next door have been really kind", "lowercase"),
    (C, "it was [[PERSON:abdi]] who found me", "lowercase"),
    (C, "i keep going back to [[PERSON:nadia]] even though i know", "lowercase"),
    (C, "we were at [[PERSON:tom]]'s party when it kicked off", "lowercase"),
    (C, "i saw [[PERSON:rebecca]] in town and i hid", "lowercase"),
    (C, "[[PERSON:lewis]] says i overthink everything", "lowercase"),
    (C, "i went with [[PERSON:mohammed]] to the appointment", "lowercase"),
    (C, "i just want to go for a walk and not think", "negative"),
    (C, "i told him i needed space and he took it really badly", "negative"),
    (C, "its just me and the kids now and the dog", "negative"),
    (C, "we had a row about money again", "negative"),

    # --- nicknames -----------------------------------------------------------------------
    (C, "Everyone calls him [[PERSON:Tank]] because he's massive.", "nickname"),
    (C, "[[PERSON:Big Steve]] from the gym got me the job.", "nickname"),
    (C, "[[PERSON:Dazza]] was driving.", "nickname"),
    (C, "me and [[PERSON:gazza]] go way back", "nickname"),
    (C, "i only know him as [[PERSON:smudge]]", "nickname"),
    (C, "[[PERSON:Bex]] is my rock, honestly.", "nickname"),
    (C, "My best mate [[PERSON:Jonno]] lost his dad last year.", "nickname"),
    (C, "[[PERSON:Mo]] and [[PERSON:Kez]] are coming to the hearing.", "nickname"),
    (C, "dad still calls her [[PERSON:little em]]", "nickname"),
    (C, "[[PERSON:Robbo]] said he'd sort it and then vanished.", "nickname"),
    (C, "i was out with [[PERSON:sparky]] and the lads", "nickname"),
    (C, "We called her Nan [[PERSON:Bev]] to tell her apart from the other nan.", "nickname"),

    # --- given names that are ordinary words, labelled by use -----------------------------
    (C, "[[PERSON:Precious]] was the only one at church who asked if I was okay.", "word-name"),
    (C, "My friend [[PERSON:Blessing]] drove me to A&E.", "word-name"),
    (C, "[[PERSON:Sunny]]'s mum runs the corner shop.", "word-name"),
    (C, "[[PERSON:Rusty]] from the garage gave me a lift.", "word-name"),
    (C, "[[PERSON:Summer]] and I broke up in the spring.", "word-name"),
    (C, "I told [[PERSON:Will]] I wasn't coming back.", "word-name"),
    (C, "[[PERSON:Grace]] texted me at three in the morning.", "word-name"),
    (C, "It was [[PERSON:Faith]]'s wedding that tipped me over.", "word-name"),
    (C, "[[PERSON:Destiny]] is my niece, she's [[AGE:four]].", "word-name"),
    (C, "[[PERSON:Ivy]] came to stay for a week.", "word-name"),
    (C, "i told [[PERSON:hope]] everything and she just listened", "word-name"),
    (C, "[[PERSON:blessing]] is the only one i trust at work", "word-name"),
    (C, "me and [[PERSON:sunny]] used to bunk off together", "word-name"),
    (C, "[[PERSON:Joy]] runs the group on Tuesdays.", "word-name"),
    (C, "[[PERSON:Hunter]] won't speak to me.", "word-name"),
    (C, "I asked [[PERSON:Sky]] to pick up the kids.", "word-name"),
    (C, "[[PERSON:Willow]] started nursery this week.", "word-name"),
    (C, "[[PERSON:Bill]] from upstairs called the police.", "word-name"),
    (C, "i went for coffee with [[PERSON:dawn]] from the group", "word-name"),
    (C, "[[PERSON:Patience]] is my sponsor.", "word-name"),
    (C, "[[PERSON:Mercy]], my support worker, sorted out the forms.", "word-name"),
    (C, "My son [[PERSON:King]] is the loudest of the lot.", "word-name"),
    (C, "[[PERSON:Chance]] was my first boyfriend.", "word-name"),
    (C, "me and [[PERSON:will]] split up in the end", "word-name"),
    (T, "What does [[PERSON:Faith]] think about you coming here?", "word-name"),
    (C, "I said to [[PERSON:Grace]], I can't do this anymore.", "word-name"),
    (C, "It was a blessing in disguise, honestly.", "negative"),
    (C, "There's precious little time for myself.", "negative"),
    (C, "It was sunny for once so we went to the beach.", "negative"),
    (C, "My French is a bit rusty but I get by.", "negative"),
    (C, "i just want to get through the summer", "negative"),
    (C, "I will, I promise I will.", "negative"),
    (C, "by the grace of god i got out", "negative"),
    (C, "I've lost faith in the whole system.", "negative"),
    (C, "I don't believe in destiny.", "negative"),
    (C, "There's ivy all over the back wall.", "negative"),
    (C, "There's no hope, is there?", "negative"),
    (C, "it was pure joy seeing her laugh", "negative"),
    (C, "i just need a bit of patience with myself", "negative"),
    (C, "we took a chance on the flat", "negative"),
    (C, "he's the king of excuses", "negative"),
    (C, "the sky was pink when we left the hospital", "negative"),
    (C, "The gas bill came and I just cried.", "negative"),
    (C, "the willow tree in the garden came down in the storm", "negative"),
    (C, "Mercy isn't a word I'd use for that place.", "negative"),
    (C, "i hope shes okay honestly", "negative"),

    # --- handles, usernames, gamer tags ---------------------------------------------------
    (C, "Her [[ORG:Instagram]] is [[HANDLE:@lexi.mae_x]], she posts everything.", "handle"),
    (C, "my [[ORG:insta]] is [[HANDLE:jay underscore smith]] if you want to see", "handle"),
    (C, "he messaged me from some account called [[HANDLE:darkangel_666]]", "handle"),
    (C, "His gamertag is [[HANDLE:xXFrostbiteXx]], and he plays all night.", "handle"),
    (C, "She's [[HANDLE:@kezzaaa]] on [[ORG:TikTok]].", "handle"),
    (C, "add me on [[ORG:snapchat]] its [[HANDLE:lils dot b]]", "handle"),
    (C, "my username was [[HANDLE:moonchild99]] back then", "handle"),
    (C, "He tagged me in it, [[HANDLE:@danny_b_1987]], so everyone saw.", "handle"),
    (C, "the account was at [[HANDLE:sophie underscore r underscore oh two]]", "handle"),
    (C, "I play as [[HANDLE:ShadowFox]] online, nobody knows it's me.", "handle"),
    (C, "my [[ORG:twitch]] is [[HANDLE:k1ngkev]]", "handle"),
    (C, "He made a fake account, [[HANDLE:real_tom_h]], and messaged my sister.", "handle"),
    (C, "on [[ORG:discord]] hes [[HANDLE:grimreaper77]]", "handle"),
    (C, "DM me at [[HANDLE:@Nia_Writes]] if the session moves.", "handle"),
    (C, "I'm not on social media at all any more.", "negative"),
    (C, "at the end of the day it's my choice", "negative"),
    (C, "She tagged everyone at the party in it.", "negative"),
    (C, "My handle's just my name, it's nothing clever.", "negative"),

    # --- ages and numbers in words --------------------------------------------------------
    (C, "she's [[AGE:nineteen]] and she thinks she knows everything", "age-words"),
    (C, "i turned [[AGE:forty two]] on friday and nobody noticed", "age-words"),
    (C, "I left home at [[AGE:sixteen]].", "age-words"),
    (C, "my two are [[AGE:five]] and [[AGE:three]]", "age-words"),
    (C, "my eldest is [[AGE:twelve]] and already taller than me", "age-words"),
    (C, "when she was like [[AGE:eleven]] she stopped eating", "age-words"),
    (C, "He'll be [[AGE:eighty]] in March.", "age-words"),
    (C, "[[AGE:twenty one]] today and im spending it in here", "age-words"),
    (C, "a [[AGE:fourteen year old]] shouldnt have to deal with that", "age-words"),
    (C, "ever since i was [[AGE:thirteen]] ive had panic attacks", "age-words"),
    (C, "by the time i was [[AGE:seven]] i was making my own tea", "age-words"),
    (C, "I had her at [[AGE:seventeen]].", "age-words"),
    (C, "mum was only [[AGE:thirty eight]] when she died", "age-words"),
    (C, "my brother's [[AGE:twenty]] and still at home", "age-words"),
    (C, "i was about [[AGE:nine]] or [[AGE:ten]]", "age-words"),
    (C, "she's nearly [[AGE:fifteen]] now", "age-words"),
    (C, "we were both [[AGE:sixteen]], just kids", "age-words"),
    (C, "My dad's [[AGE:sixty-three]] and still working nights.", "age-words"),
    (C, "the kids are [[AGE:nine]], [[AGE:seven]] and [[AGE:two]]", "age-words"),
    (C, "I got married at [[AGE:twenty]], divorced at [[AGE:twenty-four]].", "age-words"),
    (C, "i'm [[AGE:fifty]] this year", "age-words"),
    (C, "he was only [[AGE:nineteen]] when he went inside", "age-words"),
    (C, "the baby's [[AGE:six months]] now and i still feel nothing", "age-words"),
    (C, "she turns [[AGE:thirty]] next week and wants a party", "age-words"),
    (C, "I was a [[AGE:twelve-year-old]] looking after two toddlers.", "age-words"),
    (C, "they were [[AGE:eight]] and [[AGE:six]] when he left", "age-words"),
    (T, "And you were how old then, [[AGE:fourteen]]?", "age-words"),
    (C, "we've been together nineteen years", "negative"),
    (C, "i scored nineteen on the form this time", "negative"),
    (C, "it's about twenty minutes on the bus", "negative"),
    (C, "I've got three kids and no help.", "negative"),
    (C, "i get the number seven bus every morning", "negative"),
    (C, "he weighs sixteen stone and he shouts", "negative"),
    (C, "i had two drinks maybe three", "negative"),
    (C, "I get up at six every day, even weekends.", "negative"),
    (C, "ten out of ten for effort i suppose", "negative"),
    (C, "she's in year eleven now so exams", "negative"),
    (C, "five or six times he rang, one after the other", "negative"),

    # --- phone numbers said aloud ---------------------------------------------------------
    (C, "my number is [[PHONE:oh seven seven double oh nine double oh four one two]]", "phone-spoken"),
    (C, "you can ring me on [[PHONE:oh one one three four nine six oh oh eight eight]]", "phone-spoken"),
    (C, "text her on [[PHONE:07700 900 733]]", "phone-spoken"),
    (C, "it's [[PHONE:five five five oh one three two]], that's the office", "phone-spoken"),
    (C, "the landline was [[PHONE:oh two oh seven nine four six oh double one two]]", "phone-spoken"),
    (C, "his mobile is [[PHONE:oh seven seven oh oh nine hundred and six five one]]", "phone-spoken"),

    # --- places and organisations that are ordinary words ---------------------------------
    (C, "we moved to [[PLACE:cork]] when i was [[AGE:ten]]", "word-place-org"),
    (C, "I worked at [[ORG:Next]] for two years.", "word-place-org"),
    (C, "he works in [[ORG:sports direct]] now", "word-place-org"),
    (C, "she posted it all over [[ORG:snapchat]]", "word-place-org"),
    (C, "i grew up in [[PLACE:reading]] but my dad was from [[PLACE:hull]]", "word-place-org"),
    (C, "We had a weekend in [[PLACE:Bath]] and it was the first time I relaxed.", "word-place-org"),
    (C, "i got a job in [[ORG:greggs]]", "word-place-org"),
    (C, "she works for [[ORG:shelter]] now", "word-place-org"),
    (C, "i rang [[ORG:mind]] and they were brilliant", "word-place-org"),
    (C, "we went to [[PLACE:nice]] for the honeymoon", "word-place-org"),
    (C, "i was in [[ORG:argos]] when the panic attack started", "word-place-org"),
    (C, "she's a manager at [[ORG:boots]] in [[PLACE:sale]]", "word-place-org"),
    (C, "we met on [[ORG:hinge]]", "word-place-org"),
    (C, "I sold it all on [[ORG:Vinted]].", "word-place-org"),
    (C, "dad drove for [[ORG:uber]] after the factory closed", "word-place-org"),
    (C, "my sister lives in [[PLACE:sunderland]] and im in [[PLACE:swindon]]", "word-place-org"),
    (C, "the kids go to [[ORG:st mary's]]", "word-place-org"),
    (C, "we met at [[ORG:costa]] by the station", "word-place-org"),
    (C, "he's at [[ORG:leeds uni]] now doing law", "word-place-org"),
    (C, "we went back to [[PLACE:ibadan]] for the burial", "word-place-org"),
    (C, "I'd just finished a shift at [[ORG:Iceland]] when she rang.", "word-place-org"),
    (C, "i went to the next one and it was worse", "negative"),
    (C, "there's a sports day on friday and i cant face it", "negative"),
    (C, "the bath was freezing and i just sat in it", "negative"),
    (C, "reading helps me calm down at night", "negative"),
    (C, "i dont mind either way", "negative"),
    (C, "it was nice to be out of the house", "negative"),
    (C, "the boots are still by the door where he left them", "negative"),
    (C, "I've a cork board with all my lists on it.", "negative"),

    # --- non-ASCII names ------------------------------------------------------------------
    (C, "[[PERSON:Zoë]] says I should have left him years ago.", "non-ascii"),
    (C, "My partner [[PERSON:Søren]] is from [[PLACE:Aarhus]].", "non-ascii"),
    (C, "[[PERSON:Mr Nguyễn]] was my form tutor.", "non-ascii"),
    (C, "[[PERSON:José]] and [[PERSON:Inés]] came to the christening.", "non-ascii"),
    (C, "i met [[PERSON:zoë]] at the group", "non-ascii"),
    (C, "[[PERSON:Siân]] lives in [[PLACE:Llandudno]] now.", "non-ascii"),
    (C, "My boss, [[PERSON:Bartłomiej]], is actually really understanding.", "non-ascii"),
    (C, "[[PERSON:Chloé]] texted.", "non-ascii"),
    (C, "We were at [[PERSON:Nguyễn Thị Lan]]'s house when it happened.", "non-ascii"),
    (C, "[[PERSON:Ólafur]] was my first love.", "non-ascii"),
    (C, "[[PERSON:Ayşe]]'s family never accepted me.", "non-ascii"),
    (C, "We moved from [[PLACE:Kraków]] to [[PLACE:Łódź]] when I was small.", "non-ascii"),
    (C, "[[PERSON:Dr Müller]] put me on the waiting list.", "non-ascii"),
    (C, "[[PERSON:François]] from next door fed the cat.", "non-ascii"),
    (C, "Café au lait, no sugar, that's all I have before noon.", "negative"),

    # --- mixed, therapist turns, other details said aloud --------------------------------
    (T, "You mentioned [[PERSON:Jade]] last week. How are things with her?", "mixed"),
    (T, "When your uncle [[PERSON:Dev]] said that, what happened for you?", "mixed"),
    (T, "[[PERSON:Kofi]], can I check something with you?", "mixed"),
    (T, "So [[PERSON:Marcus]] is the one you're most worried about.", "mixed"),
    (T, "and how old is [[PERSON:destiny]] now", "mixed"),
    (C, "she was born on the [[DATE:third of june two thousand and six]]", "mixed"),
    (C, "its [[EMAIL:kezza dot m at example dot com]] all lowercase", "mixed"),
    (C, "we live at [[ADDRESS:forty one mill lane]] now", "mixed"),
    (C, "[[PERSON:Tunde]] and [[PERSON:Yemi]] both came, which I didn't expect.", "mixed"),
    (C, "i moved in with aunty [[PERSON:bisi]]'s friend [[PERSON:ronke]] in [[PLACE:lewisham]]", "mixed"),
    (C, "my ex [[PERSON:kyle]] is [[AGE:twenty six]] and acts about twelve", "mixed"),
    (C, "[[PERSON:Gemma]], [[PERSON:Sue]] and me go every Thursday.", "mixed"),
    (C, "we lived in [[PLACE:walsall]] till i was [[AGE:eight]] then [[PLACE:telford]]", "mixed"),
    (T, "It sounds like Nana [[PERSON:Pat]] was a safe person for you.", "mixed"),
    (C, "my daughter [[PERSON:april]] starts school in september", "mixed"),
    (C, "I grew up above the chippy on [[PLACE:Hope Street]].", "mixed"),
]

# A second held-out block (ids e001, ...; split "fresh"), written when the held-out half's misses had
# been printed once by mistake during tuning (a filter on the benchmark's output failed): from then on
# the held-out half no longer measures unseen text, and this block, written before any further
# change, does. Only measured.
FRESH: list[tuple[str, str, str]] = [
    (C, "my auntie [[PERSON:lorna]] brought a lasagne round", "kinship"),
    (C, "grandad [[PERSON:ken]] taught me to swim", "kinship"),
    (C, "Uncle [[PERSON:Sol]] was the only one who visited.", "kinship"),
    (C, "my cousin [[PERSON:deji]] got me the job", "kinship"),
    (C, "nan [[PERSON:iris]] would have hated all this", "kinship"),
    (C, "Auntie [[PERSON:Fola]] prays for me every night, apparently.", "kinship"),
    (C, "me and my brother [[PERSON:kai]] share a room still", "kinship"),
    (C, "granny [[PERSON:mags]] and grandpa [[PERSON:lenny]] split up when i was a kid", "kinship"),
    (C, "my grandad was a miner like his dad", "negative"),
    (C, "uncle or not he had no right", "negative"),
    (C, "[[PERSON:keisha]] said i was overreacting", "lowercase"),
    (C, "i bumped into [[PERSON:gareth]] at the shop", "lowercase"),
    (C, "me and [[PERSON:amira]] are done", "lowercase"),
    (C, "[[PERSON:ollie]] was the first person i told", "lowercase"),
    (C, "i stayed at [[PERSON:fiona]]'s for a week", "lowercase"),
    (C, "i was going to ring [[PERSON:darren]] but i didnt", "lowercase"),
    (C, "[[PERSON:zainab]] and her mum took me in", "lowercase"),
    (C, "she left me for [[PERSON:craig]] of all people", "lowercase"),
    (C, "i miss [[PERSON:leanne]] so much it hurts", "lowercase"),
    (C, "we had [[PERSON:tariq]] round for tea", "lowercase"),
    (C, "i went round and nobody was in", "negative"),
    (C, "i miss it so much it hurts", "negative"),
    (C, "[[PERSON:Chunky]] from the estate gave me a lift home.", "nickname"),
    (C, "everyone calls her [[PERSON:bubbles]]", "nickname"),
    (C, "[[PERSON:Deano]] was the ringleader.", "nickname"),
    (C, "me and [[PERSON:wolfie]] go fishing on sundays", "nickname"),
    (C, "[[PERSON:Honey]] was my best friend at school.", "word-name"),
    (C, "I rang [[PERSON:Star]] and she came straight over.", "word-name"),
    (C, "[[PERSON:Sunshine]] is my keyworker.", "word-name"),
    (C, "my friend [[PERSON:river]] stayed over", "word-name"),
    (C, "[[PERSON:Dusty]] said he'd lend me the money.", "word-name"),
    (C, "[[PERSON:Harmony]] doesn't talk to me now.", "word-name"),
    (C, "i told [[PERSON:grace]] it was over", "word-name"),
    (C, "I want a bit of harmony at home, that's all.", "negative"),
    (C, "The star of the show was my daughter.", "negative"),
    (C, "it was dusty and cold in the flat", "negative"),
    (C, "you need to have a bit of grace with yourself", "negative"),
    (C, "His snap is [[HANDLE:tayy.b]] if you want to check.", "handle"),
    (C, "she goes by [[HANDLE:@pixie_dreams]] on there", "handle"),
    (C, "my xbox name is [[HANDLE:ghost underscore rider]]", "handle"),
    (C, "the fake account was [[HANDLE:sarah_l_2004]]", "handle"),
    (C, "Look up [[HANDLE:@bigmike.fitness]], that's him.", "handle"),
    (C, "i follow him on [[ORG:instagram]] but thats it", "handle"),
    (C, "we met on [[ORG:facebook]] in a group for widows", "handle"),
    (C, "i was on the phone all night", "negative"),
    (C, "he's [[AGE:seventeen]] and thinks he's a man", "age-words"),
    (C, "i turned [[AGE:thirty]] in lockdown", "age-words"),
    (C, "she was pregnant at [[AGE:fifteen]]", "age-words"),
    (C, "my kids are [[AGE:ten]] and [[AGE:eight]]", "age-words"),
    (C, "mum's [[AGE:seventy four]] and still smokes", "age-words"),
    (C, "when i was [[AGE:twelve]] we moved", "age-words"),
    (C, "I joined the army at [[AGE:eighteen]].", "age-words"),
    (C, "the girls are [[AGE:six]], [[AGE:four]] and [[AGE:one]]", "age-words"),
    (C, "he'd just turned [[AGE:fifty]] when he got ill", "age-words"),
    (C, "i was only [[AGE:nineteen]] and i didnt know anything", "age-words"),
    (C, "it was about forty minutes there and back", "negative"),
    (C, "we had eighteen people at the house", "negative"),
    (C, "i was fifteen minutes early for once", "negative"),
    (C, "call me on [[PHONE:oh seven seven double oh nine double oh five eight eight]]", "phone-spoken"),
    (C, "her number's [[PHONE:oh one six one four nine six oh oh two three]]", "phone-spoken"),
    (C, "i work at [[ORG:next]] on the high street", "word-place-org"),
    (C, "he's a driver for [[ORG:tesco]]", "word-place-org"),
    (C, "we moved to [[PLACE:bath]] for his job", "word-place-org"),
    (C, "she's from [[PLACE:reading]] originally", "word-place-org"),
    (C, "i volunteer at [[ORG:oxfam]] on wednesdays", "word-place-org"),
    (C, "my sister's in [[PLACE:hull]] now", "word-place-org"),
    (C, "i rang the [[ORG:samaritans]] that night", "word-place-org"),
    (C, "next time i'll say no", "negative"),
    (C, "i had a long bath and felt better", "negative"),
    (C, "[[PERSON:Zoë]] and I used to be close.", "non-ascii"),
    (C, "[[PERSON:Björn]] was my first boss.", "non-ascii"),
    (C, "my friend [[PERSON:thảo]] came with me", "non-ascii"),
    (C, "[[PERSON:Mr Ó Súilleabháin]] was my teacher.", "non-ascii"),
    (C, "I met [[PERSON:Renée]] at the support group.", "non-ascii"),
    (T, "How has it been with [[PERSON:Keisha]] since then?", "mixed"),
    (T, "[[PERSON:Gareth]], what's coming up for you right now?", "mixed"),
    (C, "[[PERSON:Lorna]] and [[PERSON:Dave]] from church have been great.", "mixed"),
    (C, "we lived in [[PLACE:oldham]] till i was [[AGE:nine]]", "mixed"),
    (C, "my mate [[PERSON:jonesy]] is [[AGE:forty]] this year", "mixed"),
]


def main() -> int:
    records = build_records([(speaker, marked) for speaker, marked, _ in UTTERANCES], "d")
    for i, (record, (_, _, kind)) in enumerate(zip(records, UTTERANCES, strict=True), start=1):
        record["kind"] = kind
        record["split"] = "tune" if i % 2 else "heldout"
    fresh = build_records([(speaker, marked) for speaker, marked, _ in FRESH], "e")
    for record, (_, _, kind) in zip(fresh, FRESH, strict=True):
        record["kind"], record["split"] = kind, "fresh"
    records += fresh
    bad = [f"{r['id']}: unknown kind {r['kind']!r}" for r in records if r["kind"] not in KINDS]
    bad += [f"{r['id']}: a negative with a mention" for r in records if r["kind"] == "negative" and r["spans"]]
    empty = sum(1 for r in records if not r["spans"])
    others = (("no-mention utterances", empty, MIN_EMPTY),)
    return write_set(records, OUT, bad + check_mix(records, MINIMUMS, MIN_TOTAL, others))


if __name__ == "__main__":
    sys.exit(main())
