"""The starting list of false health claims that peer support groups meet again and
again, per condition. Each has the plain-words claim a moderator sees, what the evidence
says instead, and key phrases that find it in a post.

This is data, kept apart from the code that matches it, so that it can later be loaded
into the database and edited by site admins (issue 4). A claim with no conditions
applies in every group.

Key phrase syntax (simple enough for an admin to write):
- ` ... ` between parts: up to six other words may come between them;
- `|` inside a part: any one of these words or phrases;
- `*` at the end of a word: any ending ("cure*" finds cure, cures, cured).
Matching ignores case. Every part must appear, in order, in one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

DIABETES = ("type-1-diabetes", "type-2-diabetes", "gestational-diabetes")
CANCER = ("cancer", "breast-cancer", "prostate-cancer")
MENTAL_HEALTH = (
    "depression",
    "anxiety",
    "bipolar-disorder",
    "schizophrenia",
    "post-traumatic-stress-disorder",
    "eating-disorders",
)


@dataclass(frozen=True, slots=True)
class FalseClaim:
    """A health claim that is known to be false, and how to find it in a post."""

    key: str
    conditions: tuple[str, ...]
    claim: str
    correction: str
    key_phrases: tuple[str, ...]


FALSE_CLAIMS: tuple[FalseClaim, ...] = (
    FalseClaim(
        key="cinnamon-cures-diabetes",
        conditions=DIABETES,
        claim="that cinnamon (or another spice or herb) cures diabetes or can replace insulin",
        correction="No food or spice cures diabetes or does the job of insulin.",
        key_phrases=(
            "cinnamon|okra|bitter melon|bitter gourd|turmeric|fenugreek|berberine|apple cider vinegar|garlic ... cure*|reverse*|replace*|fix*|get rid of|instead of ... diabetes|insulin|t1d|t2d|type 1|type 2|blood sugar*",
            "cinnamon|okra|bitter melon|bitter gourd|turmeric|fenugreek|berberine|apple cider vinegar ... instead of ... insulin|meds|medication|metformin",
            "swap*|replac*|ditch* ... insulin|metformin ... for|with ... cinnamon|okra|bitter melon|bitter gourd|turmeric|fenugreek|berberine",
        ),
    ),
    FalseClaim(
        key="diet-reverses-type-1",
        conditions=("type-1-diabetes",),
        claim="that type 1 diabetes can be reversed or cured with diet",
        correction="Type 1 diabetes is an autoimmune condition. Everyone with it needs insulin; no diet reverses it.",
        key_phrases=(
            "revers*|cure*|heal* ... type 1|type one|t1d|t1 diabetes|type 1 diabetes ... diet|keto|vegan|raw food|juic*|fasting|low carb|carnivore|sugar free|plant based",
            "diet|keto|vegan|raw food|juic*|fasting|low carb|carnivore|plant based ... revers*|cure*|cured|heal* ... type 1|type one|t1d|t1 diabetes",
            "type 1|type one|t1d ... can be|can|is ... revers*|cured",
            "come off|get off|stop|quit|ditch ... insulin ... keto|diet|vegan|fasting|carnivore|low carb",
        ),
    ),
    FalseClaim(
        key="sugar-causes-type-1",
        conditions=DIABETES,
        claim="that type 1 diabetes is caused by eating too much sugar",
        correction="Type 1 diabetes happens when the immune system attacks the cells that make insulin. Sugar does not cause it.",
        key_phrases=(
            "type 1|type one|t1d|t1 diabetes ... caused by|comes from|because of|from eating ... sugar|sweets|fizzy|junk|too much",
            "ate|eating|eats ... too much|so much|all that ... sugar|sweets ... gave|give*|caus* ... type 1|t1d|type one",
        ),
    ),
    FalseClaim(
        key="vaccines-cause-diabetes",
        conditions=(),
        claim="that vaccines cause diabetes",
        correction="Large studies of millions of children show that vaccines do not cause diabetes.",
        key_phrases=(
            "vaccin*|jab|jabs|immunisation*|immunization* ... caus*|gave|give*|trigger* ... diabetes|type 1|t1d",
            "diabetes|type 1|t1d ... caused by|came from|because of|from the ... vaccin*|jab|jabs|mmr",
        ),
    ),
    FalseClaim(
        key="vaccines-cause-autism",
        conditions=(),
        claim="that vaccines cause autism",
        correction="Many large studies have found no link between vaccines and autism.",
        key_phrases=(
            "vaccin*|jab|jabs|mmr ... caus*|gave|give*|trigger* ... autism|autistic",
            "autism ... caused by|from the ... vaccin*|jab|jabs|mmr",
        ),
    ),
    FalseClaim(
        key="insulin-is-poison",
        conditions=DIABETES,
        claim="that insulin is a poison, or that needing insulin means you failed",
        correction="Insulin is a hormone every body needs. For many people with diabetes it is life-saving.",
        key_phrases=(
            "insulin ... is|is a|is pure|are ... poison|toxic|killing you|kills you",
            "insulin ... will|is going to ... kill you|poison you",
        ),
    ),
    FalseClaim(
        key="grow-out-of-diabetes",
        conditions=DIABETES,
        claim="that children grow out of type 1 diabetes",
        correction="Type 1 diabetes is lifelong. Children do not grow out of it.",
        key_phrases=("grow out of|outgrow* ... diabetes|type 1|t1d|type one",),
    ),
    FalseClaim(
        key="honeymoon-means-cured",
        conditions=("type-1-diabetes",),
        claim="that the honeymoon period means type 1 diabetes has gone away",
        correction="The honeymoon period is a time when the body still makes a little insulin. It ends, and the diabetes does not go away.",
        key_phrases=("honeymoon ... means|so ... cured|gone away|not diabetic|don't need insulin",),
    ),
    FalseClaim(
        key="diabetics-cannot-eat-sugar",
        conditions=DIABETES,
        claim="that people with diabetes can never eat sugar, fruit or cake",
        correction="People with diabetes can eat sugar, fruit and cake; they plan for it, like any other food.",
        key_phrases=(
            "diabetics|people with diabetes|type 1s|type 2s ... can never|can't ever|must never|are not allowed to|aren't allowed to|can't have any ... eat|have ... sugar|fruit|cake|sweets|carbs",
        ),
    ),
    FalseClaim(
        key="metformin-causes-cancer",
        conditions=("type-2-diabetes", "gestational-diabetes"),
        claim="that metformin causes cancer or dementia",
        correction="Metformin has been used for more than sixty years and does not cause cancer or dementia.",
        key_phrases=(
            "metformin ... caus*|gives you|give you|leads to ... cancer|dementia|alzheimer*",
        ),
    ),
    FalseClaim(
        key="diet-cures-ms",
        conditions=("multiple-sclerosis",),
        claim="that a diet (keto, paleo, Wahls, Swank) cures MS, so disease-modifying treatment can be stopped",
        correction="No diet has been shown to cure MS or to replace disease-modifying treatment.",
        key_phrases=(
            "keto|paleo|wahls|swank|diet|fasting|carnivore|vegan ... cure*|cured|revers*|heal* ... ms|multiple sclerosis",
            "ms|multiple sclerosis ... can be|is|was ... cured|reversed ... keto|paleo|wahls|swank|diet|fasting",
            "stop|quit|ditch|come off|drop ... dmt|dmts|disease modifying|ocrevus|tysabri|copaxone|tecfidera|kesimpta ... keto|paleo|wahls|swank|diet|fasting",
        ),
    ),
    FalseClaim(
        key="dmts-are-poison",
        conditions=("multiple-sclerosis",),
        claim="that disease-modifying treatments for MS are poison or do more harm than good",
        correction="Disease-modifying treatments reduce relapses and slow disability for many people with MS.",
        key_phrases=(
            "dmt|dmts|disease modifying|ocrevus|tysabri|copaxone|tecfidera|kesimpta ... is|are ... poison|toxic|a scam|a con|pointless|useless",
            "dmt|dmts|disease modifying ... do more harm|does more harm|make ms worse|makes ms worse",
        ),
    ),
    FalseClaim(
        key="fillings-cause-ms",
        conditions=("multiple-sclerosis",),
        claim="that mercury (amalgam) fillings cause MS",
        correction="Studies have found no link between amalgam fillings and MS.",
        key_phrases=(
            "mercury|amalgam ... fillings ... caus*|gave|give* ... ms|multiple sclerosis",
            "ms|multiple sclerosis ... caused by ... mercury|amalgam|fillings",
        ),
    ),
    FalseClaim(
        key="bee-stings-cure-ms",
        conditions=("multiple-sclerosis",),
        claim="that bee sting therapy cures MS",
        correction="A trial of bee venom therapy found no benefit for MS.",
        key_phrases=(
            "bee sting*|bee venom ... cure*|treat*|heal*|revers* ... ms|multiple sclerosis",
        ),
    ),
    FalseClaim(
        key="alternative-cancer-cures",
        conditions=CANCER,
        claim="that baking soda, apricot kernels, cannabis oil, juicing or an alkaline diet cures cancer",
        correction="None of these cures cancer. Some, like apricot kernels, are poisonous.",
        key_phrases=(
            "baking soda|bicarbonate|apricot kernel*|laetrile|vitamin b17|cannabis oil|cbd oil|alkaline diet|alkaline water|juicing|juice cleanse|gerson ... cure*|cured|kill*|shrink*|melt* ... cancer|tumour*|tumor*",
        ),
    ),
    FalseClaim(
        key="sugar-feeds-cancer",
        conditions=CANCER,
        claim="that eating sugar feeds cancer and makes it grow",
        correction="All cells use sugar; eating sugar does not make cancer grow faster.",
        key_phrases=(
            "sugar ... feeds|feed|fuels|fuel|makes ... cancer|tumour*|tumor*",
            "cancer|tumour*|tumor* ... feeds on|feed on|lives on|loves ... sugar",
        ),
    ),
    FalseClaim(
        key="chemo-is-poison",
        conditions=CANCER,
        claim="that chemotherapy kills more people than it cures, or is only poison",
        correction="Chemotherapy cures some cancers and controls many others. Its side effects are real, but it saves lives.",
        key_phrases=(
            "chemo|chemotherapy ... kills more|does more harm|is just poison|is only poison|is pure poison|is a scam|doesn't work|never works",
        ),
    ),
    FalseClaim(
        key="depression-is-a-choice",
        conditions=MENTAL_HEALTH,
        claim="that depression is a choice or weakness you can snap out of",
        correction="Depression is an illness, not a choice or a weakness. People recover with support and treatment.",
        key_phrases=(
            "depression|depressed|anxiety ... is|is just|is only ... a choice|weakness|laziness|in your head|attention seeking",
            "just|simply ... snap out of it|cheer up|think positive ... depression|depressed|anxiety",
        ),
    ),
    FalseClaim(
        key="antidepressants-are-happy-pills",
        conditions=MENTAL_HEALTH,
        claim="that antidepressants are addictive 'happy pills' that change who you are",
        correction="Antidepressants are not happy pills and do not change who you are. Stopping them should be planned with a doctor.",
        key_phrases=(
            "antidepressants|ssris|sertraline|citalopram|fluoxetine ... are|is ... happy pills|a crutch|change your personality|change who you are|turn you into a zombie|make you a zombie",
        ),
    ),
    FalseClaim(
        key="seizure-spoon-in-mouth",
        conditions=("epilepsy",),
        claim="that you should put something in a person's mouth during a seizure, or that they can swallow their tongue",
        correction="Never put anything in someone's mouth during a seizure. Nobody can swallow their tongue.",
        key_phrases=(
            "put|stick|place ... spoon|something|wallet|fingers|a stick ... in|into ... mouth ... seizure|fit",
            "swallow ... their|his|her|your ... tongue",
        ),
    ),
    FalseClaim(
        key="undetectable-still-transmits",
        conditions=("hiv",),
        claim="that a person with HIV and an undetectable viral load can still pass it on through sex",
        correction="Undetectable = untransmittable (U=U): with an undetectable viral load, HIV is not passed on through sex.",
        key_phrases=(
            "undetectable ... can still|still can|will still ... pass*|transmit*|infect*|give* it",
        ),
    ),
    FalseClaim(
        key="hiv-cured-by-herbs",
        conditions=("hiv",),
        claim="that HIV can be cured with herbs, prayer or a special diet",
        correction="There is no cure for HIV yet. Treatment keeps people well and stops it being passed on.",
        key_phrases=("herb*|prayer|diet|garlic|beetroot ... cure*|cured|get rid of ... hiv|aids",),
    ),
    FalseClaim(
        key="long-covid-not-real",
        conditions=("long-covid", "mecfs"),
        claim="that long COVID or ME/CFS is not real, or is all in the mind",
        correction="Long COVID and ME/CFS are recognised illnesses with physical symptoms.",
        key_phrases=(
            "long covid|me/cfs|chronic fatigue|cfs ... isn't real|is not real|is made up|is fake|all in your head|all in the mind|is just laziness",
        ),
    ),
    FalseClaim(
        key="a-little-gluten-is-fine",
        conditions=("coeliac-disease",),
        claim="that people with coeliac disease can safely eat a little gluten",
        correction="For people with coeliac disease even small amounts of gluten cause damage.",
        key_phrases=(
            "a little|a bit of|a small amount of|small amounts of|some ... gluten ... won't hurt|is fine|is ok|is okay|does no harm|won't harm",
        ),
    ),
)
