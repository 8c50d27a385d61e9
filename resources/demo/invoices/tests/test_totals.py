# SPDX-License-Identifier: GPL-3.0-or-later
import unittest

from invoices.totals import format_amount, invoice_total


class TotalsTest(unittest.TestCase):
    def test_total_adds_lines(self):
        self.assertEqual(invoice_total([(2, 500), (1, 250)], 0), 1250)

    def test_total_applies_tax(self):
        self.assertEqual(invoice_total([(1, 1000)], 0.2), 1200)

    def test_format_amount(self):
        self.assertEqual(format_amount(1250), "12.50 EUR")


if __name__ == "__main__":
    unittest.main()
