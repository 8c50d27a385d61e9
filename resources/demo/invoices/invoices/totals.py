# SPDX-License-Identifier: GPL-3.0-or-later
"""Adding up invoice lines and writing amounts for people."""


def invoice_total(lines, tax_rate):
    """The total in cents of (quantity, unit price in cents) lines, with tax.

    tax_rate is a fraction: 0.2 adds 20 % tax.
    """
    net = sum(quantity * unit_cents for quantity, unit_cents in lines)
    return round(net * (1 + tax_rate))


def format_amount(cents, currency="EUR"):
    """1250 -> '12.50 EUR'."""
    return f"{cents // 100}.{cents % 100:02d} {currency}"
