"""The current wording version of each consent Kindred asks for. Changing a wording means
bumping its version here; people are then asked again."""

from kindred.accounts.models import ConsentPurpose

CONSENT_VERSIONS: dict[str, str] = {
    ConsentPurpose.TERMS: "2026-11",
    ConsentPurpose.HEALTH_DATA: "2026-11",
    ConsentPurpose.RESEARCH: "2026-11",
    ConsentPurpose.EMAIL_UPDATES: "2026-11",
}
