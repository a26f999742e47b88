"""Transcripts: the one type every analyzer takes, and the readers that build it."""

from __future__ import annotations

from coachlens.transcript.model import Role, Source, Speaker, Transcript, Utterance

__all__ = ["Role", "Source", "Speaker", "Transcript", "Utterance"]
