"""Product promotion: selling, shop and affiliate links, discount codes, "DM me to buy",
and the recruiting talk of multi-level marketing.

Peer support groups are a trusted space, which makes them a target for sellers of
supplements, "cures" and business opportunities. Members may still say where they
bought something that helped them; what the ground rules forbid is selling to each
other and recruiting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kindred.screening.base import Category, Finding, is_rule_reminder, sentences, words

# Links to a shop, a product page, or a link carrying an affiliate or referral tag.
# Written so that screening time grows in step with the length of a post: every repeat
# has an upper bound, and a web address is read once from its start to the next space.
# (Open-ended repeats made the engine rescan a long run of letters, dots or "www." from
# every character in it: a 16 KB post took most of a minute.)
SHOP_SITE = re.compile(
    r"amzn\.to|amazon\.[a-z.]{1,20}/(?:dp|gp|[^\s]{0,300}/dp)|ebay\.[a-z.]{1,20}/itm|"
    r"etsy\.com/listing|[a-z0-9-]\.myshopify\.com|shopify\.com|linktr\.ee|gumroad\.com",
    re.IGNORECASE,
)
# The start of a web address, and one more character of it.
_ADDRESS_START = re.compile(r"(?:https?://|www\.)[^\s]", re.IGNORECASE)
_NOT_SPACE = re.compile(r"[^\s]*")
SHOP_PATH = re.compile(r"/(?:shop|store|products?|buy|checkout|cart)\b", re.IGNORECASE)
AFFILIATE_TAG = re.compile(
    r"[?&](?:ref|aff|affiliate|referral|tag|coupon|discount|promo)=", re.IGNORECASE
)


def has_shop_link(text: str) -> bool:
    """A shop's own site anywhere, or a web address with a shop's path ("/shop",
    "/product") or an affiliate tag ("?ref=") after its start."""
    if SHOP_SITE.search(text):
        return True
    read_to = 0
    for start in _ADDRESS_START.finditer(text):
        if start.start() < read_to:
            continue  # Inside an address already read from its first start.
        address = _NOT_SPACE.match(text, start.start())
        end = address.end() if address is not None else start.end()
        read_to = end
        if SHOP_PATH.search(text, start.end(), end) or AFFILIATE_TAG.search(
            text, start.end() - 1, end
        ):
            return True
    return False


CODE = re.compile(
    words(
        "discount code",
        "promo code",
        "coupon code",
        "voucher code",
        "referral code",
        "referral link",
        "affiliate link",
        "affiliate code",
        "use my code",
        "use code",
        "with code",
        "with my code",
        "code at checkout",
    )
    + r"|\b\d{1,2}\s?% off\b|\b(?:get|save)\s+(?:£|\$|€)?\d+(?:%| ?pounds| ?dollars)\s+off\b",
)
SELLING = re.compile(
    words(
        "dm me to buy",
        "dm me to order",
        "dm me for prices",
        "dm me for price",
        "dm me if you want to buy",
        "dm me if you want to order",
        "dm me for details",
        "pm me to buy",
        "pm me to order",
        "pm me for prices",
        "message me to buy",
        "message me to order",
        "message me for prices",
        "inbox me",
        "link in my bio",
        "link in bio",
        "for sale",
        "selling my",
        "i'm selling",
        "i am selling",
        "i sell",
        "buy now",
        "order now",
        "order yours",
        "get yours",
        "limited stock",
        "limited offer",
        "free delivery",
        "free shipping",
        "money back guarantee",
        "cash on delivery",
        "check out my shop",
        "visit my shop",
        "my online shop",
        "my etsy",
        "my store",
        "shop now",
    )
    + r"|(?:£|\$|€)\s?\d+(?:\.\d\d)?\s+(?:each|a box|per box|a pack|per pack|a bottle|per bottle|"
    r"inc(?:l|luding)?\.? postage|plus postage|\+ postage|posted|ono)\b",
)
MLM = re.compile(
    words(
        "be your own boss",
        "business opportunity",
        "work from home opportunity",
        "join my team",
        "join our team and",
        "financial freedom",
        "passive income",
        "side hustle",
        "i'm an ambassador for",
        "i am an ambassador for",
        "i'm a distributor for",
        "i am a distributor for",
        "i'm a rep for",
        "i am a rep for",
        "i'm a consultant for",
        "independent distributor",
        "independent consultant",
        "earn from home",
        "earn money from home",
        "make money from home",
    )
    + r"|\b(?:earn|make)\s+(?:up to\s+)?(?:£|\$|€)\s?\d[\d,]*\s+(?:a|per|every)\s+(?:day|week|month)\b"
    + r"|"
    + words(
        "doterra",
        "young living",
        "herbalife",
        "arbonne",
        "forever living",
        "juice plus",
        "isagenix",
        "amway",
        "nu skin",
        "usana",
        "modere",
    )
    + r".{0,60}"
    + words(
        "order", "buy", "join", "team", "discount", "rep", "distributor", "dm me", "message me"
    ),
)

# For the benchmark's single-regex baseline (bench/screening.py).
KEY_PATTERNS = [
    SHOP_SITE.pattern,
    r"(?:https?://|www\.)[^\s]{1,300}?(?:/shop|/store|/product|/buy|/checkout|/cart)\b",
    r"(?:https?://|www\.)[^\s]{0,300}?" + AFFILIATE_TAG.pattern,
    CODE.pattern,
    SELLING.pattern,
    MLM.pattern,
]

_ASK = (
    "Selling, shop links and discount codes are not allowed in the group. Please take them "
    "out. You can still share what worked for you."
)


def check(text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()) -> Finding | None:
    """Notice selling and recruiting, leaving members free to say what helped them."""
    if has_shop_link(text):
        return Finding(
            Category.PROMOTION,
            0.85,
            f"Your post seems to have a shop or affiliate link. {_ASK}",
        )
    for sentence in sentences(text):
        if is_rule_reminder(sentence):
            continue
        if MLM.search(sentence):
            return Finding(
                Category.PROMOTION,
                0.8,
                f"Your post seems to offer a business opportunity or to recruit people. {_ASK}",
            )
        if SELLING.search(sentence):
            return Finding(
                Category.PROMOTION,
                0.8,
                f"Your post seems to be selling something. {_ASK}",
            )
        if CODE.search(sentence):
            return Finding(
                Category.PROMOTION,
                0.75,
                f"Your post seems to share a discount, promo or referral code. {_ASK}",
            )
    return None
