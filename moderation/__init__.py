"""Harbour's safety engine: plain Python, no Flask.

The same code serves web requests, queue workers, backtests and benchmarks.
Heavy pieces (torch, the transformer) load lazily, on first use, so importing
``moderation`` for its vocabulary stays cheap.
"""
from moderation.taxonomy import ACTIONS, CATEGORIES, Action, Category

__all__ = ["ACTIONS", "CATEGORIES", "Action", "Category", "TriggerClassifier", "review"]


def __getattr__(name):
    if name == "TriggerClassifier":
        from moderation.classifier import TriggerClassifier

        return TriggerClassifier
    if name == "review":
        from moderation.review import review

        return review
    raise AttributeError(f"module 'moderation' has no attribute {name!r}")
