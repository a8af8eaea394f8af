"""Tests for answer.core."""

import unittest

from answer.core import answer


class AnswerTests(unittest.TestCase):
    def test_answer_is_42(self):
        self.assertEqual(answer(), 42)


if __name__ == "__main__":
    unittest.main()
