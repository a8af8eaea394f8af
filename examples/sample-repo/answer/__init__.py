"""A tiny package that knows the answer to life, the universe and everything."""

from answer.core import answer

__all__ = ["answer"]
