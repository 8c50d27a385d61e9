# SPDX-License-Identifier: GPL-3.0-or-later
"""Totals and status summaries for invoices (Delegate's demo workspace)."""
