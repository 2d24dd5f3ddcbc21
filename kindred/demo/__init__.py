"""The demo community: a made-up but realistic directory of organisations, peer support
groups and people in every role, so that anyone can try Kindred on their own laptop
(`make run`) or on a public demo site. The content lives in `data.py` and is written
through the apps' services by `loader.py`."""
