"""Kindred: peer support for people living with long-term health conditions."""
