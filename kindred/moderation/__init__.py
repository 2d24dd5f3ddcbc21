"""Moderation and safety: ground rules, screening of what members write, the review
queue, and the crisis path (see issue 4)."""
