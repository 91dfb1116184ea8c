#!/usr/bin/env python3
"""Build training set A (train_a.jsonl) for a learned recogniser of identifying mentions.

Writer A: speech-recognition-style client talk. About 70 % of the lines are lowercase and
unpunctuated (no apostrophes, fillers, false starts, run-ons), about 30 % are cased. Many
people named with kinship and respect words in many languages (the kin word stays outside the
span), lowercase names with no cue, nicknames, given names that are ordinary words (labelled by
use, and the same words as words unlabelled), plain-word places and organisations, ages in
words, spoken handles. More than a third of the lines have no mention and hold hard negatives.

Every utterance is invented text written for this set; no real person's data is used. Phone
numbers come from Ofcom drama ranges and US 555-01xx, e-mail addresses use example.com/.org/
.net/.co.uk, identifiers use test ranges (NHS 999..., NI prefix QQ, SSN area 9xx). Labels and
span edges follow tests/data/redaction/README.md ("Labels", "Labelling decisions", and the
decisions under "Probe set" and "Probe 2").

    python3 tests/data/redaction/train/build_train_a.py

rewrites train_a.jsonl next to this script and exits non-zero if a check fails.
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

from build_set import build_records, check_mix, validate, write_set  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "train_a.jsonl"

C, T = "client", "therapist"

UTTERANCES: list[tuple[str, str]] = []

# --- lowercase: kinship and respect words before names (kin word outside) ---------------
UTTERANCES += [
    (C, "so my nan [[PERSON:maureen]] um she rang me like three times on sunday and i just let it ring"),
    (C, "tita [[PERSON:marites]] keeps sending me bible verses on messenger and i know she means well but"),
    (C, "my lola [[PERSON:remedios]] raised me basically until i was [[AGE:nine]] and then we came over"),
    (C, "ate [[PERSON:joy]] is the eldest so everything goes through her you know thats just how it is in our family"),
    (C, "kuya [[PERSON:jun]] he um he doesnt say much but he drove four hours to get me"),
    (C, "i mean bibi [[PERSON:halima]] was the only one who ever asked if i was alright"),
    (C, "dadi [[PERSON:kulwant]] passed in the spring and my dad hasnt cried once not once"),
    (C, "nani [[PERSON:shamim]] used to oil my hair every friday and tell me stories about [[PLACE:sylhet]]"),
    (C, "babcia [[PERSON:krystyna]] taught me to make pierogi and when she got ill i couldnt i couldnt really talk to her properly because my polish is rubbish"),
    (C, "abuela [[PERSON:carmen]] says im too thin she says it every time like its a greeting"),
    (C, "my tía [[PERSON:lupe]] lives in [[PLACE:guadalajara]] and i havent seen her since i was a kid"),
    (C, "oma [[PERSON:ingrid]] was quite cold i think like not unkind just cold"),
    (C, "mamó [[PERSON:bríd]] had fourteen grandchildren and she remembered every single birthday"),
    (C, "amma and appa dont know im here and um [[PERSON:kavitha]] my sister she thinks i should tell them"),
    (C, "me and cuz [[PERSON:dele]] used to get the bus to [[PLACE:lewisham]] every saturday and just walk around"),
    (C, "my bro [[PERSON:kwame]] hes the golden child obviously"),
    (C, "sis [[PERSON:tash]] rang and she was like you need to get help and i was like i am getting help thats why im here"),
    (C, "big sis [[PERSON:nadia]] always covered for me when i came in late"),
    (C, "grandad [[PERSON:ken]] was a miner and he um he had this way of just looking at you"),
    (C, "nanny [[PERSON:rose]] had this rose bush in the front garden and i cant walk past one now without um yeah"),
    (C, "uncle [[PERSON:frank]] was um to be frank the one i was scared of"),
    (C, "auntie [[PERSON:grace]] said by the grace of god youll get through it and i just nodded"),
    (C, "so uncle [[PERSON:segun]] and auntie [[PERSON:bola]] came round and it was it was just a lot of shouting in yoruba"),
    (C, "my stepdad [[PERSON:clive]] and my mum split up when i was [[AGE:twelve]] and honestly it was a relief"),
    (C, "gran [[PERSON:moira]] in [[PLACE:paisley]] is the only one i still write to"),
    (C, "our [[PERSON:kayden]] got excluded again so thats been my week"),
    (C, "auntie [[PERSON:may]] came for may day and stayed till june"),
    (C, "my cousin [[PERSON:hoang]] works at the nail bar with his mum"),
    (C, "bà ngoại [[PERSON:lan]] used to cook for like twenty people every tet"),
    (C, "ayeeyo [[PERSON:faadumo]] doesnt speak english so my little brother translates at the doctors which is not ideal"),
    (C, "my khala [[PERSON:rukhsana]] is the one who found me the flat"),
    (C, "uncle [[PERSON:winston]] back in [[PLACE:kingston]] says come home come home like its that easy"),
    (C, "nana [[PERSON:bev]] and grandad [[PERSON:des]] have been married fifty years and they still hold hands"),
    (C, "aunty [[PERSON:efua]] from [[PLACE:kumasi]] called and she was like why havent you married"),
    (C, "my great uncle [[PERSON:fergus]] left me some money and now the whole family is fighting about it"),
    (C, "tito [[PERSON:boy]] is what everyone calls him i dont even know his real name honestly"),
    (C, "ama [[PERSON:pema]] lives with us now and she prays like four hours a day"),
    (C, "um chacha [[PERSON:imtiaz]] drove the van when we moved and he didnt say a word the whole way to [[PLACE:oldham]]"),
    (C, "me and my step sister [[PERSON:leanne]] we dont really get on but we are getting better"),
    (C, "dziadek [[PERSON:zbigniew]] fought in the war and wouldnt talk about it and my dad is exactly the same"),
]

# --- lowercase: names with no cue, lists, sentence openers, possessives -----------------
UTTERANCES += [
    (C, "me and [[PERSON:jade]] got the last train home and didnt say a word the whole way"),
    (C, "i texted [[PERSON:priya]] but she left me on read"),
    (C, "[[PERSON:callum]] said i was overreacting"),
    (C, "so [[PERSON:aisha]] [[PERSON:reece]] and [[PERSON:mo]] all came round and i um i pretended i was fine"),
    (C, "[[PERSON:ikenna]]s mum was there as well which made it worse"),
    (C, "i was round at [[PERSON:shona]]s till like two in the morning"),
    (C, "[[PERSON:bogdan]] and [[PERSON:ola]] are the only ones at work who actually talk to me"),
    (C, "like [[PERSON:declan]] just didnt turn up he didnt even text"),
    (C, "you know [[PERSON:rahul]] from my course he um he noticed i wasnt eating"),
    (C, "[[PERSON:mei]] [[PERSON:yusuf]] [[PERSON:kirsty]] and me were like a little gang in year nine"),
    (C, "i told [[PERSON:hope]] about the pills and she just hugged me"),
    (C, "[[PERSON:will]] moved out in the end and i i dont know if im sad or relieved"),
    (C, "i keep thinking [[PERSON:mark]] will come back but he wont will he"),
    (C, "i went to [[PERSON:ruby]]s for tea and her dad was really kind actually"),
    (C, "[[PERSON:summer]] my youngest shes [[AGE:five]] and she asks why mummy is sad"),
    (C, "so [[PERSON:river]] thats my partner they um they think i should come off the tablets"),
    (C, "[[PERSON:hunter]] kicked off at school again and the head rang me at work"),
    (C, "i miss [[PERSON:jack]] i mean i miss who he was before"),
    (C, "[[PERSON:faith]] and [[PERSON:blessing]] are twins and theyre [[AGE:seven]]"),
    (C, "me [[PERSON:amber]] and [[PERSON:sky]] used to get the train to the coast every summer"),
    (C, "honestly [[PERSON:dawn]] at work is the only person who checks on me"),
    (C, "[[PERSON:bill]] paid the gas bill which he never does so i knew something was up"),
    (C, "[[PERSON:joy]] she just she doesnt have any joy in her anymore you know"),
    (C, "i rang [[PERSON:oluwaseun]] and he said come over so i went"),
    (C, "[[PERSON:siobhan]] [[PERSON:niamh]] and [[PERSON:ciara]] all went to [[PLACE:magaluf]] without me"),
    (C, "me and [[PERSON:thanh]] split up in the end"),
    (C, "i saw [[PERSON:zainab]] in the corner shop and she looked right through me"),
    (C, "[[PERSON:tomasz]]s brother owes me money and thats a whole other thing"),
    (C, "[[PERSON:ji hoon]] from the gym keeps asking me out"),
    (C, "so [[PERSON:ngozi]] and [[PERSON:chinedu]] came to the hospital and um i didnt want them there"),
    (C, "[[PERSON:kieran]] [[PERSON:kieran]] [[PERSON:kieran]] thats all my mum ever talks about"),
    (C, "i was at [[PERSON:deepa]]s house when the police came"),
    (C, "me and [[PERSON:xiu ying]] used to walk to school together"),
    (C, "[[PERSON:abdi]] said he would sort it and then he just vanished"),
    (C, "i think [[PERSON:marisol]] knows more than shes saying"),
    (C, "[[PERSON:fionnuala]] was the one who drove me to a and e"),
    (C, "i messaged [[PERSON:kojo]] and [[PERSON:ama]] and neither of them replied"),
    (C, "[[PERSON:rose]] and [[PERSON:frank]] next door took the kids for the night"),
    (C, "i stayed at [[PERSON:ravi]]s for a week after it happened"),
    (C, "me and [[PERSON:jamal]] had a massive row about money again"),
]

# --- lowercase: nicknames and diminutives -----------------------------------------------
UTTERANCES += [
    (C, "[[PERSON:big mo]] from the chicken shop always asks after my mum"),
    (C, "we call her [[PERSON:little em]] cos her mum is [[PERSON:em]] as well"),
    (C, "[[PERSON:gazza]] was my best mate till he started using"),
    (C, "[[PERSON:shaz]] says i should leave him but [[PERSON:shaz]] says that about everyone"),
    (C, "[[PERSON:tommo]] and [[PERSON:kez]] were there as well and they were laughing"),
    (C, "um so [[PERSON:dazza]] rang and said he was outside and i just i hid in the bathroom"),
    (C, "my mate [[PERSON:smithy]] got me the job on the sites"),
    (C, "[[PERSON:wee davie]] from the bookies was the one who rang the ambulance"),
    (C, "everyone calls him [[PERSON:tank]] cos hes massive but hes soft as anything"),
    (C, "[[PERSON:jonno]] and [[PERSON:macca]] still go to the pub every night and i just cant anymore"),
    (C, "[[PERSON:babs]] at the launderette knows everything about everyone"),
    (C, "my little brother [[PERSON:ollie]] looks up to me and thats what scares me"),
    (C, "[[PERSON:skinny pete]] owes half the estate money"),
    (C, "my ex [[PERSON:lozza]] keeps turning up at my work"),
    (C, "[[PERSON:bubbles]] thats what we called my nan cos she loved bubble bath"),
    (C, "we used to call him [[PERSON:prof]] cos he always had his head in a book"),
    (C, "[[PERSON:chunky]] from the estate he um he was the first one who gave me anything"),
    (C, "[[PERSON:ade]] well [[PERSON:adebayo]] but nobody calls him that except his mum"),
    (C, "[[PERSON:sully]] got sent down for three years and i dont know how to feel"),
    (C, "me and [[PERSON:jas]] and [[PERSON:bindi]] used to bunk off and go to the shopping centre"),
]
# --- lowercase: places and organisations, plain-word ones included -----------------------
UTTERANCES += [
    (C, "i got a job at [[ORG:next]] in the end just stacking but its something"),
    (C, "i went into [[ORG:boots]] for my prescription and had a full panic attack by the tills"),
    (C, "i rang [[ORG:shelter]] and they said theres a six week wait for an adviser"),
    (C, "my sister found me a group through [[ORG:mind]] and i went twice and then stopped"),
    (C, "we moved to [[PLACE:reading]] when dad got the job and i hated it"),
    (C, "she lives in [[PLACE:bath]] now with her new fella"),
    (C, "my nan was from [[PLACE:wells]] and she always said it was a city not a town"),
    (C, "i texted [[ORG:shout]] at like three in the morning and someone actually replied"),
    (C, "um we did the [[ORG:relate]] thing for a bit but he just sat there on his phone"),
    (C, "my mum works at [[ORG:iceland]] and my dad works at [[ORG:argos]] so we basically live off discounts"),
    (C, "we went to [[PLACE:iceland]] for my [[AGE:fortieth]] and i spent the whole time anxious"),
    (C, "i do deliveries for [[ORG:deliveroo]] and [[ORG:uber eats]] like both at once"),
    (C, "i got the coach down to [[PLACE:march]] to see my dad and he wasnt even in"),
    (C, "i grew up in [[PLACE:deal]] which is a tiny town in [[PLACE:kent]] before you ask"),
    (C, "he works for [[ORG:sports direct]] in the warehouse in [[PLACE:shirebrook]]"),
    (C, "i put everything on [[ORG:vinted]] just to make rent"),
    (C, "we met on [[ORG:hinge]] and he seemed normal for like a month"),
    (C, "i quit [[ORG:greggs]] after the manager made a comment about my weight"),
    (C, "the [[ORG:citizens advice]] woman was lovely but she couldnt really do anything"),
    (C, "he was in [[ORG:hmp ashgrove]] for eighteen months and now hes out and acting like nothing happened"),
    (C, "i was on [[ORG:willow ward]] for three weeks after the overdose"),
    (C, "they sent me to the [[ORG:priory]] but i only lasted four days"),
    (C, "he plays [[ORG:fortnite]] on the [[ORG:xbox]] until like four am every night"),
    (C, "i just watch [[ORG:netflix]] all weekend and dont get dressed"),
    (C, "my little cousin is obsessed with [[ORG:roblox]] and some man was messaging her on there"),
    (C, "i went back to [[PLACE:lagos]] for the funeral and stayed with family in [[PLACE:surulere]]"),
    (C, "we lived above the shop in [[PLACE:sparkbrook]] until i was [[AGE:ten]] then moved to [[PLACE:solihull]]"),
    (C, "he drives for [[ORG:uber]] nights and sleeps all day so i basically never see him"),
    (C, "i rang [[ORG:samaritans]] from the car park at [[ORG:tesco]]"),
    (C, "shes a nurse at [[ORG:st aldhelms]] in [[PLACE:leeds]] and she works like every weekend"),
    (C, "my son goes to [[ORG:hillcrest primary]] and the teachers are actually really good with him"),
    (C, "i did my access course at [[ORG:kirkgate college]] and then dropped out"),
    (C, "we got married at [[ORG:st columbas]] in [[PLACE:coatbridge]] and the whole thing was a disaster"),
    (C, "i used to work in the [[PLACE:red lion]] on [[PLACE:castle street]] and thats where i met him"),
    (C, "my dad supports [[ORG:celtic]] and my brother supports [[ORG:rangers]] so christmas is a war zone"),
    (C, "um i was born in [[PLACE:dhaka]] but i grew up in [[PLACE:tower hamlets]]"),
    (C, "we moved from [[PLACE:gdansk]] to [[PLACE:peterborough]] and my mum got work in the packing factory"),
    (C, "my aunt has a restaurant in [[PLACE:manila]] and she wants me to go and work there"),
    (C, "we came from [[PLACE:mogadishu]] to [[PLACE:nairobi]] and then here when i was [[AGE:six]]"),
    (C, "i lived in [[PLACE:hope]] in [[PLACE:derbyshire]] for a bit and there was no hope of a bus ever"),
    (C, "i went to the [[ORG:job centre plus]] on [[PLACE:market street]] and they sanctioned me again"),
    (C, "theyve got me on the waiting list at [[ORG:oakfield wellbeing]] but thats months"),
    (C, "the girl from [[ORG:turning point]] comes every tuesday and checks my meds"),
    (C, "i got a food parcel from [[ORG:trussell]] and i felt so ashamed"),
    (C, "my kids are at [[ORG:st marys]] and the mums in the playground all know"),
]

# --- lowercase: ages in words ------------------------------------------------------------
UTTERANCES += [
    (C, "she was [[AGE:fifteen]] when she first ran away"),
    (C, "my dad turned [[AGE:forty five]] last week and he got drunk and cried"),
    (C, "at [[AGE:sixteen]] i was basically raising my brothers"),
    (C, "the kids are [[AGE:six]] and [[AGE:two]] so i dont get a minute"),
    (C, "i was like [[AGE:eleven]] maybe [[AGE:twelve]] when it started"),
    (C, "hes [[AGE:nineteen]] and he still doesnt know how to boil an egg"),
    (C, "my mum had me at [[AGE:seventeen]] and her mum had her at [[AGE:sixteen]] so"),
    (C, "i turned [[AGE:thirty]] in the psych ward which is a sentence i never thought id say"),
    (C, "my nan is [[AGE:ninety three]] and shes more with it than me"),
    (C, "the baby is [[AGE:seven weeks]] and i havent slept more than two hours"),
    (C, "my daughter is [[AGE:eight months old]] and i keep thinking something is wrong with me not her"),
    (C, "i was a [[AGE:thirteen year old]] answering the door to bailiffs"),
    (C, "my stepmum is [[AGE:twenty six]] which is two years older than me so thats weird"),
    (C, "hes [[AGE:sixty]] now and still thinks he can fix the roof himself"),
    (C, "when i was [[AGE:four]] or [[AGE:five]] we lived in a caravan"),
    (C, "my brothers are [[AGE:twenty]] [[AGE:eighteen]] and [[AGE:fourteen]] and im the eldest"),
    (C, "she died at [[AGE:fifty one]] which is no age is it"),
    (C, "it was my [[AGE:twenty first]] and nobody came"),
    (C, "im [[AGE:thirty eight]] and i still feel like a kid when im in that house"),
    (C, "by [[AGE:fourteen]] i was drinking every weekend"),
]

# --- lowercase: handles, spoken contact details, addresses, ids, dates -------------------
UTTERANCES += [
    (C, "his [[ORG:insta]] is [[HANDLE:jay underscore okafor]] and hes posted pictures of my car"),
    (C, "shes [[HANDLE:lils dot b]] on [[ORG:snapchat]] and she screenshots everything i send"),
    (C, "shes at [[HANDLE:kezza nineteen ninety]] on [[ORG:tiktok]] and she posts all about me without saying my name"),
    (C, "on [[ORG:discord]] im [[HANDLE:pixel underscore badger]] and thats the only place i feel normal"),
    (C, "the account that keeps messaging me is [[HANDLE:grey wolf underscore six six]] or something like that"),
    (C, "he streams on [[ORG:twitch]] as [[HANDLE:dunc the destroyer]] every night while the baby screams"),
    (C, "um my gamer tag was [[HANDLE:crumble king seven]] back then"),
    (C, "her [[ORG:tiktok]] is [[HANDLE:sunset skin by mel]] and my daughter watches it for hours"),
    (C, "he made a new account [[HANDLE:real dan k ninety nine]] after i blocked him"),
    (C, "my number is [[PHONE:oh seven seven double oh nine double oh five two six]]"),
    (C, "if i dont pick up try my mams landline [[PHONE:oh one six one four nine six oh four four one]]"),
    (C, "my cell is [[PHONE:six one seven five five five oh one four two]] text is better"),
    (C, "my email is [[EMAIL:shaz dot p at example dot co dot uk]] all small letters"),
    (C, "send it to [[EMAIL:dele underscore a ninety two at example dot com]]"),
    (C, "im at [[ADDRESS:nineteen bramble close]] now the one with the green door"),
    (C, "we live at number [[ADDRESS:forty two larkspur road]] its a nightmare for parking"),
    (C, "its [[ADDRESS:flat two eleven cooper street]] top floor no lift"),
    (C, "the postcode is [[ADDRESS:l s nine four q t]] but the sat nav always sends people the wrong way"),
    (C, "my [[ORG:nhs]] number is [[ID:nine nine nine three one two four four eight one]] i think"),
    (C, "i was born on the [[DATE:third of june two thousand and one]] so im [[AGE:twenty five]]"),
    (C, "my date of birth is the [[DATE:fourth of the second ninety nine]]"),
    (C, "he died in [[DATE:twenty nineteen]] and my mum went the year after"),
    (C, "it was [[DATE:last easter]] when it all came out"),
    (C, "we split up [[DATE:christmas twenty twenty two]] and ive been on my own since"),
    (C, "the hearing is on the [[DATE:fourteenth of march]] and im dreading it"),
]
# --- lowercase: long run-ons with mentions buried in the middle -------------------------
UTTERANCES += [
    (C, "so um basically what happened was i was at work and my phone kept going and going and i was like i cant answer its the middle of the lunch rush and then it was my cousin [[PERSON:femi]] and he said you need to come to the hospital now like now now and i just dropped everything and my manager was shouting after me and i didnt even i didnt even take my coat"),
    (C, "i dont know its like every time i go back home its the same thing everyone sits in the front room and my auntie [[PERSON:sunita]] starts on about how [[PERSON:anjali]] is a doctor now and [[PERSON:anjali]] has a house and [[PERSON:anjali]] is getting married and im just sat there like yeah great i work in a call centre and i live in a box room"),
    (C, "and then we moved to [[PLACE:wolverhampton]] when i was like [[AGE:eight]] i think because my dad got work at the depot there and i had to start a new school halfway through the year and nobody talked to me for months literally months i used to eat my lunch in the toilets"),
    (C, "i mean it was fine at first you know he was really charming and everyone loved him my mum loved him my friends loved him and then like six months in he started checking my phone and asking who [[PERSON:kasia]] was and who [[PERSON:tendai]] was and why i was texting them and i was like theyre my mates from uni what do you mean"),
    (C, "yeah so i went to the gp and she was nice enough but she just kind of gave me a leaflet and said ring this number and the number was for [[ORG:kindred minds]] and i rang it and it just rang out and rang out and i thought well thats that then and i didnt try again for about a year"),
    (C, "so my dad right hes [[AGE:seventy]] and hes got the diabetes and the bad hip and he still insists on driving to the allotment every morning and my brother [[PERSON:dominic]] says just let him do it its his life and i say what if he kills someone and then we dont talk for a week and it goes round and round"),
    (C, "i keep going over it in my head like the night of the party we were at [[PERSON:chloe]]s and there was loads of people i didnt know and someone gave me a drink and the next thing i remember is being on the bathroom floor and [[PERSON:bex]] holding my hair and i still dont know what happened in between"),
    (C, "um so the thing with work is theyve been restructuring for like a year now at [[ORG:halden logistics]] and everyone knows someones going to go and my team leader keeps making these little comments like oh you look tired and i know shes building a case i just know it"),
    (C, "honestly the only time i feel okay is when im driving like late at night down the [[PLACE:m sixty two]] with the music on and nobody can get hold of me and i know thats probably not healthy but its the only time my head goes quiet"),
    (C, "my mum came over from [[PLACE:accra]] in the eighties and she worked nights as a cleaner and days in a shop and she never once complained and so when i say im struggling she just looks at me like what do you know about struggling and i get it i do get it but"),
    (C, "and the thing is i was the one who found him it was a tuesday and i went round because he hadnt answered his phone for two days and the door was unlocked and i just knew i just knew before i even got upstairs and i rang nine nine nine and the woman was so calm and i wasnt and i keep hearing her voice"),
    (C, "we used to go to my grandads caravan in [[PLACE:prestatyn]] every half term and it was honestly the happiest i ever was like crabbing and chips and the arcades and then grandad died and the caravan got sold and nobody ever talked about it again"),
    (C, "i think what really got me was when [[PERSON:mrs adeyemi]] the head of year called me in and she said i know things are hard at home and i just burst into tears because nobody had ever said that out loud before not one person"),
    (C, "so i did the twelve steps and my sponsor [[PERSON:lenny]] hes been sober twenty years and he says you dont get to skip step four and i keep trying to skip step four because writing it all down means its real and i dont want it to be real"),
    (C, "it was my birthday and we went out for a meal and he got really drunk and started on the waiter and then on me and my friend [[PERSON:yasmin]] had to drive me home and i sat in her car outside my house for an hour because i didnt want to go in"),
    (C, "like everyone at church thinks were the perfect family you know my dad does the readings my mum runs the tea rota and [[PERSON:pastor emeka]] is always saying what a blessing we are and meanwhile at home nobody speaks to each other for days"),
    (C, "i moved down to [[PLACE:brighton]] to get away from all of it and for a while it worked i had a little flat and a job in a cafe and then my sister turned up on my doorstep with two bin bags and a black eye and that was that"),
    (C, "my social worker at the time [[PERSON:marcia]] she used to take me to [[ORG:mcdonalds]] after every contact visit and i know it sounds small but that was the only bit of the week i looked forward to honestly"),
    (C, "the first placement was in [[PLACE:rotherham]] and they were alright i guess but then they had a baby of their own and suddenly i was too much and i got moved to a residential and i was there till i was [[AGE:seventeen]] and then they just gave me a flat and said good luck"),
    (C, "i keep thinking about my uncle [[PERSON:bashir]] who took us in when we first arrived and how we slept five of us in one room and he never once made us feel like a burden and now hes ill and i havent even visited because i cant face seeing him like that"),
    (C, "so we were at the match and [[ORG:wigan]] were losing and my dad was getting more and more wound up and i could just see it coming like i knew how the night was going to go before it went and i just wanted to be anywhere else"),
    (C, "the worst part is the nights um i lie there and my brain just goes through every single thing i ever said wrong like that time in year eight when i called [[PERSON:miss oduya]] mum by accident and everyone laughed and its been twenty years and i still cringe"),
    (C, "so my partner [[PERSON:ash]] um they work away a lot like two weeks on two weeks off on the rigs and when theyre away im fine i actually cope really well and then theyre home and i fall apart which makes no sense right"),
    (C, "i was in the queue at [[ORG:lidl]] and this woman behind me just started going on at me because my card got declined and i just left the shopping there and walked out and sat in the car and screamed"),
    (C, "my granny in [[PLACE:derry]] used to say whats for you wont go by you and i used to find that comforting and now i just think well what if nothing is for me"),
    (C, "i got the letter from the council saying they were moving us to temporary accommodation in [[PLACE:thurrock]] which is like two hours from the kids school and when i rang up the man just said thats all weve got take it or leave it"),
    (C, "we had this neighbour growing up [[PERSON:mr kowalczyk]] and he used to fix everyones bikes for free and when my dad walked out it was him who taught me to ride and i found out last month he died and i didnt even know"),
    (C, "i was working at [[ORG:amazon]] on the night shift and you get like two fifteen minute breaks and the walk to the canteen takes seven minutes so you basically just stand by the lockers and eat a cereal bar and thats your life"),
    (C, "you know when youre a kid and you just assume everyone lives like you do and then you go to a friends house and their mum asks how was your day and you dont know what to say thats what it was like at [[PERSON:naomi]]s"),
    (C, "my dad was a bus driver for [[ORG:first]] for thirty years and the day he retired they gave him a card and a voucher and that was it thirty years and he came home and sat in his chair and he just never really got up again"),
]
# --- lowercase: no mention, hard negatives -------------------------------------------------
UTTERANCES += [
    (C, "i just dont see the point anymore you know"),
    (C, "um yeah my mum rang again"),
    (C, "my nan always said never trust a man who doesnt like dogs"),
    (C, "grandad would have known what to say he always did"),
    (C, "auntie came round and it was fine actually like properly fine"),
    (C, "the gp upped my sertraline to a hundred and fifty"),
    (C, "they put me on mirtazapine and i just eat and sleep now"),
    (C, "i take propranolol before anything big like interviews or family stuff"),
    (C, "i ended up in a and e again on friday night"),
    (C, "the crisis team came out but they only stayed like ten minutes"),
    (C, "i had a bath and went to bed at seven thats how bad it was"),
    (C, "im reading this book about trauma and its like someone wrote down my life"),
    (C, "oh well it is what it is"),
    (C, "i always feel worse in march for some reason"),
    (C, "big deal i thought but it was a big deal actually"),
    (C, "i dont mind talking about it i just dont know where to start"),
    (C, "never mind its stupid"),
    (C, "next week is going to be hard with the anniversary and everything"),
    (C, "i need new boots for work and i cant even afford that"),
    (C, "we had nowhere to go and no shelter and it was pouring down"),
    (C, "i lost all faith in people after that"),
    (C, "there was no joy in it anymore none"),
    (C, "i hope so i really do hope so"),
    (C, "against my will thats how it felt against my will"),
    (C, "to be frank i dont care what he thinks"),
    (C, "the gas bill came and i just put it in the drawer with the others"),
    (C, "she marked my essay down and i cried in the toilets"),
    (C, "the traffic light went amber and i just froze in the middle of the junction"),
    (C, "we used to walk along the river on sundays when things were good"),
    (C, "i looked up at the sky and thought what am i doing"),
    (C, "i was up till dawn again just scrolling"),
    (C, "it was a saving grace having the dog honestly"),
    (C, "theyre like bargain hunters my parents they buy everything in the sales"),
    (C, "it was their ruby anniversary and they didnt even speak to each other"),
    (C, "he jacked his job in without telling anyone"),
    (C, "summer holidays are six weeks of chaos and no money"),
    (C, "the roses in the garden are dead and i cant face sorting them"),
    (C, "i havent got a penny until payday"),
    (C, "i walked like five miles just to clear my head"),
    (C, "this guy on the bus kept staring at me"),
    (C, "crystal clear thats how i remember it crystal clear"),
    (C, "i was lucky really it could have been so much worse"),
    (C, "my dog is called biscuit and shes the only one who gets me out of bed"),
    (C, "our cat pickle is fourteen and hes the only one who stayed"),
    (C, "my mum and dad split when i was little"),
    (C, "my brother and his wife have just had a baby"),
    (C, "dad says im too sensitive"),
    (C, "mum says it was my fault"),
    (C, "nani made parathas every sunday and the house smelled amazing"),
    (C, "dadi doesnt know about the divorce and we are not telling her"),
    (C, "abuela lights a candle for me every sunday"),
    (C, "babcia would be so disappointed in me"),
    (C, "lola keeps asking when im going to visit"),
    (C, "my tita and my tito are coming over at christmas"),
    (C, "amma cried on the phone and appa didnt say anything"),
    (C, "my auntie and uncle took us in for a bit"),
    (C, "i was in my twenties when it started i think"),
    (C, "my van is twelve years old and held together with tape"),
    (C, "i scored like eighteen on that questionnaire thing"),
    (C, "my core ten was lower this week so thats something"),
    (C, "the forty two bus never turns up so im always late"),
    (C, "i lost two stone without even trying because i just stopped eating"),
    (C, "weve been together eight years married for five"),
    (C, "its been three weeks since i had a drink"),
    (C, "i sleep maybe four hours a night if im lucky"),
    (C, "it was like eleven at night when he finally came home"),
    (C, "every christmas my dad falls asleep in his chair by three and my mum pretends its lovely"),
    (C, "i dont do valentines day anymore"),
    (C, "during ramadan its actually easier because everyones up at the same time"),
    (C, "on mondays i have the kids and on thursdays he has them"),
    (C, "in year ten i basically stopped going to school"),
    (C, "it was the nineties everyone smoked in the house"),
    (C, "the police came and took a statement and then nothing"),
    (C, "social services got involved after that"),
    (C, "the health visitor was nice but she kept asking the same questions"),
    (C, "i went to the food bank for the first time last week"),
    (C, "the council said theres nothing they can do"),
    (C, "the school rang again about his attendance"),
    (C, "my key worker said i should try and get some structure in my day"),
    (C, "the psychiatrist said it might be bipolar or it might be something else i dont know"),
    (C, "they said its probably ptsd from the accident"),
    (C, "my dad has got parkinsons and my mum is his carer"),
    (C, "grandma had alzheimers at the end and didnt know who i was"),
    (C, "i did cbt before and it didnt really work for me"),
    (C, "the methadone script is every morning at the chemist and everyone in the queue knows why youre there"),
    (C, "i was on diazepam for a bit but they took me off it"),
    (C, "my sister reads my star sign out every morning and its always doom"),
    (C, "my polish side of the family are very catholic"),
    (C, "being the only nigerian kid in the class was hard"),
    (C, "um like i mean i i dont really know how to say this"),
    (C, "so yeah so yeah thats basically the week"),
    (C, "i dont know i dont know i dont know"),
    (C, "its like there is this weight on my chest all the time like all the time"),
    (C, "sorry im rambling"),
    (C, "can we can we stop for a sec"),
    (C, "my husband thinks therapy is a waste of money"),
    (C, "my ex wife got the house and i got the debt"),
    (C, "my son wont speak to me and my daughter only texts on birthdays"),
    (C, "my best mate moved away and i havent really made new friends"),
    (C, "i think my sister is drinking too much but who am i to say"),
    (C, "the baby wont latch and everyone has an opinion"),
    (C, "it was a sunny day and i just felt nothing"),
    (C, "i like autumn better than summer less pressure to be happy"),
    (C, "she brought me flowers lilies and daisies and i didnt even say thank you"),
    (C, "i had a jack and coke and then another and another"),
    (C, "i got a ruby ring from my nan and i pawned it"),
    (C, "it was pure luck that i wasnt in the car"),
    (C, "we were just drifting like a boat down a river"),
    (C, "the sky was pink that morning and i remember thinking this is the last time"),
    (C, "honestly i was so bitter about it"),
    (C, "i bought a lottery ticket like that was going to fix anything"),
    (C, "my nephew is obsessed with dinosaurs and i love that for him"),
    (C, "i just sat in my car in the car park for an hour"),
    (C, "im not sleeping im not eating im not doing anything"),
    (C, "he said i was a drama queen"),
    (C, "the kids were in bed and i just sat in the dark"),
    (C, "i got a warning at work for being late three times"),
    (C, "i think i need to leave him but i have nowhere to go"),
    (C, "every time the phone rings i think its bad news"),
    (C, "um so the tablets are helping a bit i think maybe"),
]
# --- cased: people, kinship, nicknames, word-names ---------------------------------------
UTTERANCES += [
    (C, "Nanny [[PERSON:Pearl]] was the only one who ever came to my school plays."),
    (C, "Auntie [[PERSON:Yvonne]] rang from [[PLACE:Montego Bay]] and, honestly, she sounded older."),
    (C, "My Tita [[PERSON:Luz]] says I'm ungrateful, and maybe I am."),
    (C, "Kuya [[PERSON:Rommel]] sends money home every month, and I can't even pay my own rent."),
    (C, "Dadi-ji [[PERSON:Paramjit]] still thinks I'm going to be a doctor."),
    (C, "Uncle [[PERSON:Jerome]] and Aunt [[PERSON:Carol]] had us for the summer, and it was the first time I slept properly."),
    (C, "My grandad, [[PERSON:Eamon]], used to take me out on the boat off [[PLACE:Killybegs]]."),
    (C, "[[PERSON:Rose]], my eldest, is [[AGE:seventeen]] and already working weekends at [[ORG:Primark]]."),
    (C, "[[PERSON:Grace]] at the front desk always says hello to me by name, which sounds tiny, I know."),
    (C, "[[PERSON:Mark]] and I haven't spoken since the wedding."),
    (C, "[[PERSON:Faith]], my support worker, sorted the forms out for me."),
    (C, "I told [[PERSON:Hunter]] I needed a break and he just laughed."),
    (C, "[[PERSON:Jack]] was born on the [[DATE:4th of March 2019]], eight weeks early."),
    (C, "My wife, [[PERSON:Amber]], thinks I should have come here years ago."),
    (C, "[[PERSON:Sky]] is [[AGE:seven]] and she's already asking why Daddy doesn't live with us."),
    (C, "[[PERSON:Dawn]] from the allotments lent me her strimmer and stayed for a chat."),
    (C, "[[PERSON:Will]], my brother, won't even say her name."),
    (C, "[[PERSON:Big Mo]] runs the boxing gym on [[PLACE:Cheetham Hill Road]], and he's the one who got me clean."),
    (C, "Everyone calls her [[PERSON:Shaz]], but at work she's [[PERSON:Sharon]] and she's terrifying."),
    (C, "[[PERSON:Gazza]] got a suspended sentence and now he thinks he's untouchable."),
    (C, "[[PERSON:Tommo]], [[PERSON:Deano]] and [[PERSON:Kez]] were all there, and none of them stopped it."),
    (C, "Me and [[PERSON:Little Em]] still have a picnic on her birthday, every year, at the same spot."),
    (C, "[[PERSON:Oluwadamilare]], but everyone just says [[PERSON:Dami]], is my best friend from uni."),
    (C, "[[PERSON:Nguyễn Thị Hoa]] was my first friend when we moved, she's the reason I learned English so fast."),
    (C, "[[PERSON:Søren]] and I met on a course in [[PLACE:Aarhus]], and I followed him to [[PLACE:Copenhagen]]."),
    (C, "My mother-in-law, [[PERSON:Mrs Oyelaran]], told the whole church before we'd even told my mum."),
    (C, "[[PERSON:Dr Chaudhury]] at the surgery was the first person to take it seriously."),
    (C, "[[PERSON:Imam Yusuf]] came to the house and sat with my dad for hours."),
    (C, "I've got a meeting with [[PERSON:DS Malik]] about the statement on [[DATE:Friday the 12th]]."),
    (C, "[[PERSON:Sister Bernadette]] ran the home when I was there, and she was kind, unlike some."),
    (C, "[[PERSON:Zhang Wei]] from the lab covered my shifts without asking any questions."),
    (C, "My mate [[PERSON:Ahmed]]'s dad gave me my first job, washing cars behind the mosque on [[PLACE:Stratford Road]]."),
    (C, "[[PERSON:Chidinma]] and [[PERSON:Obinna]] are getting married in [[PLACE:Enugu]] and I'm not invited."),
    (C, "[[PERSON:Precious]] is my little sister. She's [[AGE:twelve]] and she does the cooking most nights."),
    (C, "[[PERSON:Blessing]] texted me this morning, first time in months."),
    (C, "I'm [[PERSON:Catalina]], but my mum calls me [[PERSON:Cata]] and my nan calls me [[PERSON:Lina]]."),
    (C, "[[PERSON:Aroha]] was the one who told me about this place."),
    (C, "[[PERSON:Tariq Mahmood]], my old PE teacher, is the only reason I didn't leave school at [[AGE:fifteen]]."),
    (C, "[[PERSON:Ruby]]'s dad picks her up Wednesdays, and I drop her at his mum's Sundays."),
    (C, "[[PERSON:Summer]] and [[PERSON:Autumn]] are my nieces. Yes, my sister thinks she's funny."),
]

# --- cased: places, organisations, dates, ages -------------------------------------------
UTTERANCES += [
    (C, "I got a Saturday job at [[ORG:Next]] when I was [[AGE:sixteen]] and I've been in retail ever since."),
    (C, "I rang [[ORG:Mind]] and they put me through to someone local in [[PLACE:Stockport]]."),
    (C, "We moved to [[PLACE:Reading]] in [[DATE:2015]], and that's when things started falling apart."),
    (C, "The woman from [[ORG:Refuge]] helped me get the injunction."),
    (C, "He works at [[ORG:Currys]] in the retail park and he tells everyone there my business."),
    (C, "My dad's been at [[ORG:Vauxhall]] in [[PLACE:Ellesmere Port]] for thirty-one years."),
    (C, "We had our first date at the [[PLACE:Blue Lantern]], that little café by the canal."),
    (C, "I was at [[ORG:Larkfield Grammar]] until Year 11, then I went to [[ORG:Ashby Sixth Form College]]."),
    (C, "I spent three weeks on [[ORG:Rowan Ward]] at [[ORG:Eastgate Hospital]] after the overdose."),
    (C, "My mum was born in [[PLACE:Sialkot]] and came to [[PLACE:Bradford]] when she was [[AGE:nineteen]]."),
    (C, "We lived in [[PLACE:Quezon City]] until I was [[AGE:seven]], then [[PLACE:Dubai]], then here."),
    (C, "My sister's in [[PLACE:Toronto]] now and my brother's in [[PLACE:Doha]], so it's just me and Mum."),
    (C, "He went inside on [[DATE:14 August 2023]] and he's due out next spring."),
    (C, "My daughter was born on [[DATE:New Year's Day 2020]], right before everything shut down."),
    (C, "I left him on the [[DATE:3rd of November]]. I remember because it was bonfire weekend."),
    (C, "We got the keys in [[DATE:September 2021]], and I thought, this is it, a fresh start."),
    (C, "It was [[DATE:Diwali last year]] when my uncle said what he said in front of everyone."),
    (C, "My grandmother turned [[AGE:100]] in May and got a card from the King."),
    (C, "I was a [[AGE:nine-year-old]] doing the shopping and paying the electric."),
    (C, "My husband's [[AGE:fifty-eight]] and he still can't boil an egg."),
    (C, "The twins are [[AGE:four]], and the baby's [[AGE:ten months old]]."),
    (C, "He was [[AGE:twenty-three]], I was [[AGE:sixteen]], and nobody thought that was a problem."),
    (C, "I play for a Sunday league team, the [[ORG:Hartcliffe Rovers]], and it's the only thing I look forward to."),
    (C, "She met him on [[ORG:Tinder]], and three weeks later he'd moved in."),
    (C, "I sold everything on [[ORG:eBay]] and [[ORG:Depop]] to pay off the [[ORG:Klarna]] debts."),
    (C, "[[ORG:Barclays]] froze my account, and [[ORG:HMRC]] sent a letter the same day."),
    (C, "The [[ORG:DWP]] stopped my payments after the assessment in [[PLACE:Croydon]]."),
    (C, "I used to work at the [[ORG:Co-op]] on [[PLACE:Lark Hill]], so everyone round there knows me."),
    (C, "Honestly, [[ORG:Shelter]] were brilliant; [[ORG:Citizens Advice]] less so."),
    (C, "We went to [[PLACE:Iceland]] for our honeymoon, and I cried at the Northern Lights."),
]

# --- cased: written handles, contact details, addresses, identifiers ----------------------
UTTERANCES += [
    (C, "He messages me from [[HANDLE:@kez_reloaded_91]] now, since I blocked the last one."),
    (C, "My sister's on [[ORG:Instagram]] as [[HANDLE:@amara.bakes]], and she posted a picture of my house."),
    (C, "On [[ORG:Discord]] I'm [[HANDLE:quiet_kettle]], and nobody there knows I'm a dad of three."),
    (C, "Someone called [[HANDLE:@truthteller_lds]] posted my address in a group."),
    (C, "His [[ORG:PlayStation]] name is [[HANDLE:xXGrimVoltXx]], and he's on it until five in the morning."),
    (C, "I posted on [[ORG:Reddit]] as [[HANDLE:u/tired_mum_of_4]] asking if I was the problem."),
    (C, "My number's [[PHONE:07700 900318]], text first, I don't answer unknown numbers."),
    (C, "The landline is [[PHONE:0161 496 0842]], that's my mum's."),
    (C, "You can leave a message on [[PHONE:(415) 555-0186]], it goes to my cell."),
    (C, "Email me at [[EMAIL:k.oyelaran@example.co.uk]], I check that one more than the work one."),
    (C, "My old email was [[EMAIL:princess_shaz_87@example.com]], don't laugh."),
    (C, "We're at [[ADDRESS:27 Mossley Grove, Bolton BL3 5RT]] now, ground floor."),
    (C, "I'm staying with my cousin at [[ADDRESS:Flat 2, 8 Quarry Lane, Sheffield S6 3PW]] for a bit."),
    (C, "Send the letter to [[ADDRESS:PO Box 3310, Leicester LE1 9ZZ]], the post at mine gets opened."),
    (C, "My [[ORG:NHS]] number is [[ID:999 417 2203]], it's on the appointment letter."),
    (C, "It says [[ID:QQ 55 21 87 B]] on the form, which is my National Insurance number."),
    (C, "My SSN is [[ID:923-18-4406]], if the insurance people need it."),
    (C, "The crime reference is [[ID:CR-0448-2025]], the officer gave it to me on a card."),
    (C, "His car's a black Astra, reg [[ID:YK68 PLU]], and it's been outside my work twice."),
]
# --- cased: no mention, hard negatives ---------------------------------------------------
UTTERANCES += [
    (C, "I hope it gets easier. Everyone says it does."),
    (C, "I will, I promise. I'll do the diary this week."),
    (C, "There's no joy in any of it anymore."),
    (C, "It's a blessing, really, that she doesn't remember."),
    (C, "I've lost faith in the whole system, to be honest."),
    (C, "To be frank, I don't think he ever loved me."),
    (C, "The water bill's three months behind and the phone bill's worse."),
    (C, "The rose bush Mum planted is the only thing I kept from the old house."),
    (C, "She's got a real amber necklace from her gran and wears it every day."),
    (C, "I sat by the river for two hours and then walked home."),
    (C, "The sky was that flat grey it goes in February, and I just couldn't get up."),
    (C, "I was awake before dawn, again, going over it all."),
    (C, "The dog's my saving grace. Without him I wouldn't leave the flat."),
    (C, "Jack of all trades, master of none, that's what Dad always called me."),
    (C, "I spent my last penny on the electric."),
    (C, "It's miles away and there's only one bus an hour."),
    (C, "I got lucky with the landlord, at least."),
    (C, "It's Mum's birthday in April and I don't know if I'm going."),
    (C, "Every March I go a bit downhill, and I never know why."),
    (C, "Christmas Eve is always the night it kicks off."),
    (C, "We don't really do Eid properly anymore, not since Dad."),
    (C, "I started the fluoxetine in the autumn, twenty milligrams."),
    (C, "They've put me on quetiapine at night and it knocks me out."),
    (C, "The zopiclone helps me sleep but I feel like a zombie till lunchtime."),
    (C, "My GP said to ring 111 if it gets bad at the weekend."),
    (C, "I've been going to the food bank since the summer."),
    (C, "The health visitor came round and I pretended everything was fine."),
    (C, "The community mental health team discharged me after two appointments."),
    (C, "My PHQ-9 was nineteen, which apparently is moderately severe."),
    (C, "My GAD-7 was down to eleven this time."),
    (C, "I scored twenty-two on that trauma questionnaire."),
    (C, "We've been married twenty-five years and I don't know him."),
    (C, "It's been six weeks since I last self-harmed."),
    (C, "I lost three stone in about four months."),
    (C, "He takes the number 9 bus to work, so he's never late, unlike me."),
    (C, "I'm in my thirties and I still can't make a phone call without panicking."),
    (C, "Our dog Bella is twelve and she's slowing down."),
    (C, "My cat, Captain Socks, sleeps on my chest when I'm having a bad night."),
    (C, "My uncle's got Huntington's, and we're all waiting to find out if we have it too."),
    (C, "My horoscope said this would be a week of change, for what it's worth."),
    (C, "My dad's family are Irish Catholic, so divorce was basically unheard of."),
    (C, "My mum and my nan both had postnatal depression, and nobody called it that."),
    (C, "Grandad used to say, 'Keep your head down and get on with it.'"),
    (C, "Auntie always brings jollof to every single party."),
    (C, "My stepdad's alright, actually. It's my mum that's the problem."),
    (C, "My brother-in-law said I was attention-seeking."),
    (C, "Honestly, I don't know why I'm crying."),
    (C, "Sorry. Can I have a tissue?"),
    (C, "I think the EMDR stirred a lot up this week."),
    (C, "The DBT group is on Tuesdays and I've only missed one."),
    (C, "The police were decent, to be fair, the second time."),
    (C, "The school said she's been sleeping in lessons."),
    (C, "I waited nine hours in A&E and then went home."),
    (C, "I've done twelve weeks of counselling before and it didn't stick."),
    (C, "She's a real grafter, my mum. Never stops."),
    (C, "I got the sack from the warehouse for being off sick."),
    (C, "The landlord's putting the rent up by a hundred and fifty a month."),
    (C, "I'm not angry. I'm just tired. Tired of all of it."),
]

# --- therapist lines ---------------------------------------------------------------------
UTTERANCES += [
    (T, "What was it like, being [[AGE:sixteen]] and holding all of that?"),
    (T, "[[PERSON:Hope]], you've gone very still. What's happening for you right now?"),
    (T, "When [[PERSON:Dami]] said that, what did you feel in your body?"),
    (T, "You mentioned Auntie [[PERSON:Yvonne]] last week. Has she been in touch?"),
    (T, "[[PERSON:Osei]], can we pause there for a second?"),
    (T, "If you're in crisis before we next meet, you can text [[ORG:Shout]] on 85258, any time."),
    (T, "I'll send the letter to your GP at [[ORG:Moorside Medical Practice]] this week."),
    (T, "Is [[PHONE:07700 900574]] still the best number to reach you?"),
    (T, "What would it mean to let yourself hope, even a little?"),
    (T, "It sounds like there was very little joy in that house."),
    (T, "Will Thursday still work for you, or would Friday be easier?"),
    (T, "May I just check, is it alright if I take a few notes?"),
    (T, "I'm wondering what your nan would say if she could see you now."),
    (T, "Let's come back to your mum in a moment."),
    (T, "Your CORE-10 came down to sixteen today, which is worth noticing."),
    (T, "so when [[PERSON:tash]] said that what went through your mind"),
    (T, "and what was grandad [[PERSON:ken]] like when you were little"),
    (T, "it sounds like that was a really frightening time"),
    (T, "what would you want your younger self to hear"),
    (T, "how old were you then"),
]
# --- lowercase: more people, ages and dates in talk ---------------------------------------
UTTERANCES += [
    (C, "my daughter [[PERSON:ivy]] is [[AGE:six]] and she already worries about everything"),
    (C, "[[PERSON:precious]] my niece shes [[AGE:nine]] and she came to stay for the week"),
    (C, "i was with [[PERSON:kemi]] for four no sorry five years i met her when i was [[AGE:twenty two]]"),
    (C, "uncle [[PERSON:sanjay]] is [[AGE:sixty four]] and still out every night"),
    (C, "um [[PERSON:lucjan]] my husband he was [[AGE:thirty]] when we came over from [[PLACE:wroclaw]]"),
    (C, "cousin [[PERSON:marvin]] got stabbed outside the chicken shop in [[PLACE:tottenham]] he was only [[AGE:nineteen]]"),
    (C, "so me and [[PERSON:chantelle]] have been friends since we were [[AGE:five]]"),
    (C, "[[PERSON:deshawn]] is my sons dad hes [[AGE:thirty four]] and still lives with his mum"),
    (C, "[[PERSON:parisa]] moved to [[PLACE:tehran]] to look after her mum and we just kind of stopped talking"),
    (C, "grandad [[PERSON:wilf]] died when i was [[AGE:eight]] and i wasnt allowed to go to the funeral"),
    (C, "nan [[PERSON:iris]] is [[AGE:eighty eight]] and she still goes to bingo on a tuesday"),
    (C, "my baby [[PERSON:zara]] is [[AGE:three months]] and i just stare at her and feel nothing"),
    (C, "[[PERSON:nkosi]] texted me on [[DATE:new years eve twenty twenty three]] and i didnt reply"),
    (C, "our [[PERSON:jordan]] was born in [[DATE:two thousand and ten]] the same year my dad got out"),
    (C, "me [[PERSON:tyrese]] and [[PERSON:nathaniel]] got arrested on [[DATE:bonfire night twenty eighteen]] and that was the start of it"),
    (C, "i started at [[ORG:tesco]] in [[DATE:twenty sixteen]] and i was still there when mum died"),
    (C, "my son [[PERSON:leo]] turns [[AGE:eighteen]] in may and i dont know how to let go"),
    (C, "[[PERSON:charity]] runs the group at the library and shes been amazing with me"),
    (C, "i gave to charity every month and now i cant even feed myself"),
    (C, "[[PERSON:patience]] is my mums name and honestly its ironic"),
    (C, "i dont have the patience for any of it anymore"),
    (C, "[[PERSON:destiny]] and her boyfriend were fighting in the stairwell again"),
    (C, "[[PERSON:misty]] from the hostel lent me a tenner and i havent paid her back"),
    (C, "it was misty that morning and i couldnt see the end of the road"),
    (C, "i said to [[PERSON:harmony]] you have to tell your mum and she just walked off"),
    (C, "my fella [[PERSON:cliff]] took me to the cliffs at [[PLACE:flamborough]] and i just wanted to jump"),
    (C, "[[PERSON:holly]] my old boss at [[ORG:costa]] gave me a reference even though i walked out"),
    (C, "i saw [[PERSON:penny]] at the school gates and she pretended she didnt see me"),
    (C, "my stepdad [[PERSON:guy]] is alright you know hes a decent guy"),
    (C, "[[PERSON:miles]] said he would drive me but he lives miles away so"),
    (C, "[[PERSON:dean]] from the halfway house came to court with me"),
    (C, "so yeah [[PERSON:robin]] my sponsor says to take it one day at a time"),
    (C, "me and [[PERSON:sandy]] used to go to [[PLACE:skegness]] every bank holiday"),
    (C, "[[PERSON:sonny]] is my grandson and hes the light of my life"),
    (C, "i was talking to [[PERSON:crystal]] at the hairdressers and she said her husband does the same thing"),
    (C, "[[PERSON:dusty]] from the site got me the number for this place"),
    (C, "i used to clean for [[PERSON:mrs fairbairn]] on the posh road and she treated me like family"),
    (C, "my probation officer [[PERSON:mr achebe]] says im doing well but it doesnt feel like it"),
    (C, "[[PERSON:dr nwosu]] at the clinic put me on the waiting list for the trauma service"),
    (C, "[[PERSON:father colm]] at the parish said i could talk to him any time but its not the same"),
    (C, "[[PERSON:pc hollins]] was the one who took my statement and he was kind"),
    (C, "coach [[PERSON:reggie]] was like a dad to me at the boxing club"),
    (C, "i met [[PERSON:ayodele]] at [[ORG:uni of westmoor]] and we moved in together in second year"),
    (C, "[[PERSON:ewa]] and [[PERSON:bartek]] both work at the same factory as me in [[PLACE:corby]]"),
    (C, "[[PERSON:mai]] from the nail bar is [[AGE:twenty]] and she sends money home to [[PLACE:hanoi]] every week"),
    (C, "[[PERSON:hamza]] and [[PERSON:bilal]] are my brothers [[PERSON:hamza]]s the older one"),
    (C, "[[PERSON:rocky]] my brother keeps ringing me for money since he got out"),
    (C, "its been a rocky few months to be fair"),
    (C, "[[PERSON:star]] is the name my daughter chose when she came out and we all call her [[PERSON:star]] now"),
    (C, "[[PERSON:angel]] the care worker is lovely with my mum"),
]

# --- lowercase: more hard negatives, short and long --------------------------------------
UTTERANCES += [
    (C, "so like i wake up and i just lie there and i think about everything i have to do today the washing the school run the phone call to the bank the form for the housing and i just cant move like physically cant and then its ten oclock and ive missed the school run again and the guilt is just massive"),
    (C, "my mum was always the strong one you know she held everything together and when she got ill it was like the whole family just fell apart nobody knew how to do anything my dad couldnt even work the washing machine and i was doing my exams and looking after everyone and nobody asked how i was"),
    (C, "i think the thing i struggle with most is like i know he wasnt a good dad i know that but i still miss him and i still want him to ring on my birthday and i hate that i want that"),
    (C, "we went to the seaside for the day and it was actually really nice the kids had chips and went in the sea and for like five hours i forgot about everything and then we got home and the post was on the mat and it all came back"),
    (C, "the doctor said i might have adhd and i was like i could have told you that when i was [[AGE:seven]]"),
    (C, "i always feel worse on sundays like the week is coming"),
    (C, "honestly my nan is the only one i trust"),
    (C, "grandma and grandpa moved back home after they retired"),
    (C, "my uncle was the one who did it and everyone knew"),
    (C, "i dont really have any friends just people from work"),
    (C, "i was on lithium for a bit when i was younger"),
    (C, "the sertraline made me feel numb so they switched me"),
    (C, "i did the gad seven and got twelve"),
    (C, "he gets paid at the end of the month so its always tight till then"),
    (C, "my birthday is in june so that is always a bad month"),
    (C, "i had a rose tattoo done for my nan after she passed"),
    (C, "faith is a funny thing i lost mine and i dont think its coming back"),
    (C, "will power thats what everyone says you just need will power"),
    (C, "i felt a sort of joy actually for the first time in ages"),
    (C, "the frank conversation we had was the first honest one in years"),
    (C, "i sat on the bench by the pond and fed the ducks and just cried"),
    (C, "my partners family are really close and mine arent"),
    (C, "my step mum and my real mum dont talk"),
    (C, "the party went on till like eleven and i was the only one sober"),
    (C, "i waited for the eleven bus for forty minutes"),
]

# --- cased: longer lines with mentions buried inside --------------------------------------
UTTERANCES += [
    (C, "So the whole of that year I was basically living out of a rucksack, sofa to sofa, and the only steady thing was the Thursday drop-in at [[ORG:St Barnabas]], where [[PERSON:Marguerite]] would have a cup of tea ready and never once asked me where I'd slept the night before, which, looking back, was exactly what I needed."),
    (C, "I don't know, it's like, every time I ring home my mum puts on this voice, and she tells me about my cousin [[PERSON:Rukhsar]] getting engaged and my cousin [[PERSON:Adnan]] getting a job at [[ORG:Deloitte]], and I just sit there on the other end thinking, you have no idea what my life is actually like, and you don't want to."),
    (C, "My granddad came over from [[PLACE:Trelawny]] in [[DATE:1961]], worked thirty years on the buses in [[PLACE:Handsworth]], and when he retired they gave him a clock, a clock, and he kept it on the mantelpiece like it was a medal, and I think about that a lot when I'm at work."),
    (C, "The worst bit wasn't even the shouting, it was after, when he'd be all sweet and bring me flowers and say let's go to [[PLACE:Whitby]] for the weekend, and I'd go, every time I'd go, and my friend [[PERSON:Gemma]] would say why do you keep going, and I didn't have an answer for her."),
    (C, "When I was little we lived right next to the mosque in [[PLACE:Small Heath]], and my dad would take me to the sweet shop after Friday prayers, and [[PERSON:Mr Rahman]] behind the counter would always slip me an extra bag of something, and I swear that's the last time I remember feeling completely safe."),
    (C, "I've been off work since the [[DATE:2nd of October]], signed off with stress, and every week my manager emails asking when I'm coming back, and every week I feel sick opening it."),
    (C, "My brother [[PERSON:Chukwuemeka]], he's [[AGE:twenty-nine]], he's got a good job, a wife, a baby on the way, and he still rings me every single night to check I've eaten, and I love him for it but it also makes me feel like a child."),
    (C, "There was this one teacher, [[PERSON:Mr Ferreira]], in Year 9, who kept me behind after class and asked if everything was alright at home, and I said yes, of course I did, but he kept asking, every week, and eventually I told him."),
    (C, "The flat was above a bookies on [[PLACE:Stanley Road]], damp in every room, the baby coughing all winter, and when I rang the landlord he said, what do you expect for that money, and hung up, and I just sat on the floor with her and cried."),
    (C, "After the divorce I moved back in with my parents in [[PLACE:Swindon]], at [[AGE:forty-one]], with two kids and a dog, into my childhood bedroom with the same wallpaper, and every morning I woke up and thought, how did I end up here."),
    (C, "Honestly, I think it started at uni, first year, at [[ORG:Northbrook University]]; I didn't know anyone, I stopped going to lectures, I'd just sit in my room eating cereal and watching [[ORG:YouTube]] till four in the morning, and nobody noticed for months."),
    (C, "My mum's sister, Auntie [[PERSON:Comfort]], flew over from [[PLACE:Accra]] when my mum was in hospital, and she cooked and cleaned and sang in the kitchen and for about three weeks the house felt like a home again, and then she had to go back."),
    (C, "I remember it was really hot, the summer I turned [[AGE:thirteen]], and we were at my uncle's barbecue, and everyone was drinking, and that's when it happened, and I went inside and sat in the bathroom and nobody came looking for me."),
    (C, "I know it sounds silly, but the thing that got me through the first year after [[PERSON:Donal]] died was the walking group, just a load of pensioners and me, every Wednesday along the canal from [[PLACE:Skipton]], and nobody asked me anything, they just let me walk."),
    (C, "He's on every app going, [[ORG:Snapchat]], [[ORG:TikTok]], all of it, and last week I found out he'd been messaging someone called [[HANDLE:@lexi_x_2009]], and I don't know if it's a girl his age or something worse."),
]

# --- cased: more negatives ---------------------------------------------------------------
UTTERANCES += [
    (C, "I think what scares me is that I'm turning into my dad, the drinking, the temper, all of it, and I can see it happening and I can't seem to stop it, and my kids are watching the same way I used to watch him, and I swore I'd never do that to them."),
    (C, "It's hard to explain. It's not sadness exactly, it's more like everything is behind glass, and I can see people laughing and talking and I know I should feel something, but there's just nothing there, and I go home and sit in the car in the drive for half an hour before I go in."),
    (C, "My nan always said a problem shared is a problem halved."),
    (C, "Grandad won't go to the doctor, he never has."),
    (C, "I'm sleeping about three hours a night at the moment."),
    (C, "We've got the baby's jabs on Monday and I'm dreading it."),
    (C, "Mum keeps saying she'll visit in the summer holidays."),
    (C, "My sister-in-law is lovely, it's my brother that's the issue."),
    (C, "I'll be honest, I nearly didn't come today."),
    (C, "Our Labrador, Honey, is the only one who's pleased to see me."),
]
# --- lowercase and cased: more contact details, identifiers, handles, dates ---------------
UTTERANCES += [
    (C, "um its [[EMAIL:big mo seventy seven at example dot org]] no spaces obviously"),
    (C, "my work email is [[EMAIL:r dot okonjo at example dot net]] but please dont use that one"),
    (C, "the case number they gave me is [[ID:c r four four nine one seven]] i wrote it on my hand"),
    (C, "my national insurance is [[ID:q q seven three one nine two eight d]] i know it off by heart from all the forms"),
    (C, "her snap is [[HANDLE:tilly underscore mae underscore oh four]] and thats where it all started"),
    (C, "he goes by at [[HANDLE:jr the barber]] on [[ORG:insta]] and he cuts my sons hair so i cant avoid him"),
    (C, "my username on the forum was [[HANDLE:lost in leeds eighty eight]] and people there actually helped"),
    (C, "ring me on [[PHONE:oh two oh seven nine four six oh nine one three]] thats the house phone"),
    (C, "the new flat is [[ADDRESS:flat six eighty two hawthorn parade]] right above the launderette"),
    (C, "the postcode is [[ADDRESS:m fourteen seven j r]] if youre sending the letter"),
    (C, "we got married on the [[DATE:twentieth of august two thousand and nine]] and he left on our anniversary"),
    (C, "mum died on [[DATE:boxing day twenty twenty one]] so christmas is just ruined now"),
    (C, "it was [[DATE:last christmas]] that i found the messages on his phone"),
    (C, "i got sober on the [[DATE:sixth of january]] and ive kept every chip"),
    (C, "we came over in [[DATE:nineteen ninety nine]] when i was [[AGE:three]]"),
    (C, "the court date is [[DATE:monday the nineteenth]] and my solicitor [[PERSON:ms akhtar]] says not to worry"),
    (C, "Her [[ORG:Snapchat]] is [[HANDLE:bella.rosie_22]], and she's been sending him pictures, she's only [[AGE:fourteen]]."),
    (C, "Can you email the letter to [[EMAIL:d.mensah@example.org]]? I don't want it coming to the house."),
    (C, "It's [[EMAIL:faithandfamily_blog@example.net]], my blog, that's where I write everything down."),
    (C, "The support worker's direct line is [[PHONE:0113 496 0625]], she said to ring any time."),
    (C, "My hospital number's [[ID:RHX 402 8817]], they always ask for it at [[ORG:Westmoor General]]."),
    (C, "We were married on [[DATE:19 June 2004]] at [[ORG:St Aidan's]] in [[PLACE:Jarrow]]."),
    (C, "It was [[DATE:Easter 2018]] when he first hit me, in front of his mum."),
    (C, "My insurance ID is [[ID:MBR 7734 0219]], it's on the card from [[ORG:Harbourline Health]]."),
    (C, "the number nine bus goes past his house so i get off two stops early"),
    (C, "it was like three fifty for a coffee and i just thought i cant do this"),
    (C, "i rang nine nine nine and they were there in like ten minutes"),
    (C, "i rang one one one and they said go to a and e"),
    (C, "he got two years and served eleven months"),
    (C, "im on the fourth floor and the lift has been broken since october"),
]

# --- lowercase and cased: more origins, plain-word towns and shops, possessives ------------
UTTERANCES += [
    (C, "me and [[PERSON:hodan]] used to do each others henna before every wedding and now we dont even speak"),
    (C, "[[PERSON:abdirahman]] my husband works nights at the airport so im on my own with the kids"),
    (C, "i um i think [[PERSON:yesenia]] was the first person i ever told"),
    (C, "tío [[PERSON:joaquín]] sends me voice notes from [[PLACE:medellín]] every morning"),
    (C, "[[PERSON:khalid]] [[PERSON:noor]] and [[PERSON:youssef]] are my kids and theyre [[AGE:ten]] [[AGE:eight]] and [[AGE:four]]"),
    (C, "my friend [[PERSON:linh]] her mum has a pho place in [[PLACE:hackney]] and she feeds me when im skint"),
    (C, "[[PERSON:duc]] from my english class helped me fill in the forms"),
    (C, "[[PERSON:mingyu]]s parents dont know were together and she wants to keep it that way"),
    (C, "i moved to [[PLACE:sale]] for the job and i dont know a soul there"),
    (C, "i went to the january sales and spent money i didnt have"),
    (C, "we lived in [[PLACE:street]] in [[PLACE:somerset]] yeah its actually called that"),
    (C, "i just walked down the street and kept walking"),
    (C, "he went to school in [[PLACE:rugby]] and played rugby for the county"),
    (C, "i got a job at [[ORG:poundland]] and then [[ORG:b and q]] and then nothing for a year"),
    (C, "we used to go to [[ORG:wetherspoons]] for breakfast every saturday me and dad"),
    (C, "[[PERSON:shirin]] and [[PERSON:usman]] from the mosque brought food round every night for a week"),
    (C, "auntie [[PERSON:akua]]s jollof is the only thing that gets me to family parties"),
    (C, "kuya [[PERSON:jomar]] and ate [[PERSON:rowena]] are both nurses at [[ORG:st aldhelms]] same as my mum"),
    (C, "[[PERSON:delroy]] was my dads best friend and he was the one who told me my dad had died"),
    (C, "my boyfriend [[PERSON:wei]] says i should tell my parents but he doesnt know what theyre like"),
    (C, "[[PERSON:saima]] is [[AGE:twenty nine]] and has three kids and everyone compares me to her"),
    (C, "me and my mate [[PERSON:rahim]] got jumped outside [[ORG:nandos]] in [[PLACE:ilford]]"),
    (C, "um [[PERSON:big kev]] at the gym says i should try boxing for the anger"),
    (C, "[[PERSON:little jay]] my sisters boy is [[AGE:six]] and he asked me why i never come round"),
    (C, "our [[PERSON:shannon]]s fella is in prison and she expects me to have the kids every weekend"),
    (C, "the kids are at their dads this weekend so the house is dead quiet"),
    (C, "my dad is from [[PLACE:cork]] and my mum is from [[PLACE:kerry]] and they argue about it constantly"),
    (C, "i pulled the cork out of the wine at like four in the afternoon"),
    (C, "i used to go to the gym every day and now i cant even get off the sofa"),
    (C, "the neighbours dog barks all night and i think im going to lose it"),
    (C, "My cousin [[PERSON:Joaquín]]'s wife, [[PERSON:Ximena]], is the only one who didn't judge me."),
    (C, "[[PERSON:Hodan]]'s mum rang my mum, and by dinner the whole of [[PLACE:Moss Side]] knew."),
    (C, "[[PERSON:Orla]] on reception clocked that something was wrong before I'd even sat down."),
    (C, "[[PERSON:Bayo]] and [[PERSON:Funke]], my flatmates, both work for [[ORG:Network Rail]], so they're never in at the same time."),
    (C, "I was just reading in bed, and the next thing I know it's three in the morning."),
    (C, "She said, 'Mark my words, he'll come back,' and he did."),
    (C, "[[PERSON:Frank]], my ex, was never once frank with me, and [[PERSON:Rose]] says I'm better off without him."),
]

# --- checks ------------------------------------------------------------------------------

MINIMUMS = {"PERSON": 250, "PLACE": 60, "ORG": 60, "DATE": 15, "AGE": 60, "PHONE": 6,
            "EMAIL": 4, "ADDRESS": 6, "ID": 6, "HANDLE": 12}
MIN_TOTAL = 550
MIN_UTTERANCES = 450
LOWER_SHARE = (0.67, 0.73)   # share of lowercase speech-recognition-style lines
MIN_NO_MENTION = 0.35        # share of lines with no mention

# Earlier sets this one must not repeat (the ones writer A may read).
EARLIER = ("identifying_mentions.jsonl", "heldout_mentions.jsonl", "final_mentions.jsonl",
           "dev_mentions.jsonl", "probe_mentions.jsonl")

# A lowercase line is speech-recognition output: letters (any script), digits and spaces only.
ASR_OK = re.compile(r"^[^\W_]+( [^\W_]+)*$")
# Fiction/test ranges for written phone numbers.
PHONE_OK = re.compile(r"07700 ?900 ?\d{3}|0113 496 0\d{3}|0161 496 0\d{3}|020 7946 0\d{3}|"
                      r"0808 157 0\d{3}|\(?\d{3}\)?[ -]?555-01\d\d")
EMAIL_OK = re.compile(r"example(\.| dot )(com|org|net|co(\.| dot )uk)$")


def extra_checks(records: list[dict]) -> list[str]:
    errors: list[str] = []
    n = len(records)
    if n < MIN_UTTERANCES:
        errors.append(f"utterances: {n}, need at least {MIN_UTTERANCES}")
    texts = Counter(r["text"] for r in records)
    errors += [f"repeated utterance: {t!r}" for t, k in texts.items() if k > 1]
    earlier = set()
    for name in EARLIER:
        for line in (REDACTION / name).read_text(encoding="utf-8").splitlines():
            earlier.add(json.loads(line)["text"].lower())
    errors += [f"{r['id']}: repeats an earlier set" for r in records if r["text"].lower() in earlier]
    lower = [r for r in records if r["text"] == r["text"].lower()]
    share = len(lower) / n
    if not LOWER_SHARE[0] <= share <= LOWER_SHARE[1]:
        errors.append(f"lowercase share {share:.3f} outside {LOWER_SHARE}")
    errors += [f"{r['id']}: lowercase line with punctuation: {r['text']!r}"
               for r in lower if not ASR_OK.match(r["text"])]
    no_mention = sum(1 for r in records if not r["spans"]) / n
    if no_mention < MIN_NO_MENTION:
        errors.append(f"no-mention share {no_mention:.3f} below {MIN_NO_MENTION}")
    for r in records:
        for s in r["spans"]:
            t = s["text"]
            if s["label"] == "PHONE" and any(ch.isdigit() for ch in t) and not PHONE_OK.fullmatch(t):
                errors.append(f"{r['id']}: phone outside fiction ranges {t!r}")
            if s["label"] == "EMAIL" and not EMAIL_OK.search(t):
                errors.append(f"{r['id']}: e-mail outside example domains {t!r}")
            if s["label"] == "ID" and re.search(r"\bnhs\b", r["text"], re.I) and any(ch.isdigit() for ch in t) \
                    and not t.replace(" ", "").startswith("999"):
                errors.append(f"{r['id']}: NHS number outside 999 range {t!r}")
            if t != t.strip(" ,.;:!?'\""):
                errors.append(f"{r['id']}: span edge holds punctuation {t!r}")
            if re.match(r"(?i)(the|a|my|at|on|in|from) ", t) and s["label"] not in ("HANDLE",):
                errors.append(f"{r['id']}: span starts with a function word {t!r}")
    return errors


def main() -> int:
    # ids ta_0001, ta_0002, ... (build_records pads to three digits after the prefix)
    records = build_records(UTTERANCES, "ta_0")
    errors = validate(records) + check_mix(records, MINIMUMS, MIN_TOTAL) + extra_checks(records)
    n = len(records)
    lower = sum(1 for r in records if r["text"] == r["text"].lower())
    none = sum(1 for r in records if not r["spans"])
    print(f"lowercase share {lower / n:.3f}, no-mention share {none / n:.3f}")
    return write_set(records, OUT, errors)


if __name__ == "__main__":
    sys.exit(main())
