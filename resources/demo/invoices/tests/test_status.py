# SPDX-License-Identifier: GPL-3.0-or-later
import unittest

from invoices.status import statuses, summary_line

BATCH = [
    {"number": 1, "status": "paid"},
    {"number": 2, "status": "overdue"},
    {"number": 3, "status": "paid"},
]


class StatusTest(unittest.TestCase):
    def test_statuses_are_distinct(self):
        self.assertEqual(statuses(BATCH), {"paid", "overdue"})

    def test_summary_line(self):
        line = summary_line(BATCH)
        expected = "3 invoices: overdue, paid"
        if line != expected:
            self.fail(f"summary_line gave {line!r}, expected {expected!r}")


if __name__ == "__main__":
    unittest.main()
