# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Whether a debt may be collected: certaine, liquide, exigible, and not frozen.

Law file sections 0, 3 and 8: a disputed debt is not certaine; insolvency proceedings
(L622-21 C. com.) and an admitted over-indebtedness file (L722-2 C. conso.) freeze individual
collection; a prescribed debt cannot be claimed; a court claim ends the amicable phase.
"""

DISPUTED = "disputed"
INSOLVENCY = "insolvency"
OVER_INDEBTEDNESS = "over_indebtedness"
PRESCRIBED = "prescribed"
LITIGATION = "litigation"

# Order in which reasons are reported (most decisive first).
REASON_ORDER = (LITIGATION, PRESCRIBED, INSOLVENCY, OVER_INDEBTEDNESS, DISPUTED)


def blocking_reasons(
    *,
    disputed: bool = False,
    debtor_block: str | None = None,
    prescribed: bool = False,
    litigation: bool = False,
) -> list:
    """Reasons why a debt cannot go through amicable collection, most decisive first.

    ``debtor_block`` is the debtor's freeze: ``insolvency``, ``over_indebtedness`` or None.
    An empty list means the debt is recoverable.
    """
    found = {
        LITIGATION: litigation,
        PRESCRIBED: prescribed,
        INSOLVENCY: debtor_block == INSOLVENCY,
        OVER_INDEBTEDNESS: debtor_block == OVER_INDEBTEDNESS,
        DISPUTED: disputed,
    }
    return [reason for reason in REASON_ORDER if found[reason]]
