"""Benchmarks (see ARCHITECTURE.md, "Benchmarks"). A package only so that a benchmark's
server can import its own settings and URLs, e.g. `bench._feed_settings`."""
