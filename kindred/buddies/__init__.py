"""Buddy programmes: one-to-one peer support between a seeker and a supporter."""
