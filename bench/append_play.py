#!/usr/bin/env python3
"""Corrects a day's event log for bench/run: appends a copy of one of its NextSong events, 1 ms later.

Usage: bench/append_play.py LOG_FILE PLAYS_TSV
PLAYS_TSV holds the warehouse's plays of that day (ts in ms, user_id, session_id, tab-separated); the event
copied is the file's last NextSong event among them, so the correction adds a play and a start time (and may
change its user's latest play). Without one, the file's last NextSong event is copied."""
import json, sys

path, plays_path = sys.argv[1], sys.argv[2]
plays = {tuple(line.split("\t")) for line in open(plays_path).read().splitlines() if line}
events = [json.loads(line) for line in open(path, encoding="utf-8").read().splitlines() if line.strip()]
next_song = [e for e in events if e.get("page") == "NextSong"]
if not next_song:
    sys.exit(f"bench: {path} has no NextSong event to copy")
played = [e for e in next_song if (str(e["ts"]), str(e["userId"]), str(e["sessionId"])) in plays]
event = (played or next_song)[-1]
event["ts"] += 1
# The logs are NDJSON without a final newline: start the new line with one.
with open(path, "a", encoding="utf-8") as f:
    f.write("\n" + json.dumps(event, separators=(",", ":")))
