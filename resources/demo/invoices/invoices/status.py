# SPDX-License-Identifier: GPL-3.0-or-later
"""One-line summaries of a batch of invoices."""


def statuses(invoices):
    """The distinct statuses of the invoices."""
    return {invoice["status"] for invoice in invoices}


def summary_line(invoices):
    """'3 invoices: overdue, paid' -- each status once."""
    return f"{len(invoices)} invoices: " + ", ".join(statuses(invoices))
