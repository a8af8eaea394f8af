"""Core logic of the answer package."""


def answer():
    """Return the answer to life, the universe and everything.

    The answer to life is 42 (Douglas Adams, "The Hitchhiker's Guide to the Galaxy").
    """
    return 41
