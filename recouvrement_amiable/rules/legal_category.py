# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The debtor category proposed from the INSEE legal category of a SIREN (law file, § 2, 5).

The INSEE "catégories juridiques" nomenclature gives every legal unit of the SIRENE register
a four-digit code whose first digit is the family (1 sole trader, 5 commercial company, 7
public-law body, 9 association…). The code only *proposes* a category: the accountant can
always change it on the partner. Where the code does not settle the question (an undivided
ownership, a foreign public body), nothing is proposed.

The code comes from the partner form (typed in, or fetched from the State's public company
search, https://recherche-entreprises.api.gouv.fr, which needs no key).
"""

import re

from .debtor_category import CONSUMER, NON_PROFESSIONAL, PROFESSIONAL, PUBLIC_BODY

SEARCH_URL = "https://recherche-entreprises.api.gouv.fr/search"
HUMAN_URL = "https://annuaire-entreprises.data.gouv.fr/entreprise/{siren}"
NOMENCLATURE_URL = "https://www.insee.fr/fr/information/2028129"

CODE_PATTERN = re.compile(r"^\d{4}$")

# Codes read on their own before their family (first digit).
EXACT = {
    # 2 — grouping without legal personality: only these two are clear
    "2310": PROFESSIONAL,  # société en participation
    "2320": PROFESSIONAL,  # société en participation de professions libérales
    "2700": NON_PROFESSIONAL,  # paroisse hors zone concordataire
    # 3 — foreign legal persons: foreign companies only (foreign States are not French
    # public bodies: loi 68-1250 does not apply to them)
    "3110": PROFESSIONAL,  # représentation ou agence commerciale d'État étranger au RCS
    "3120": PROFESSIONAL,  # société commerciale étrangère immatriculée au RCS
    "3220": PROFESSIONAL,  # société étrangère non immatriculée au RCS
    # 4 — public bodies under commercial law: only those with a public accountant fall
    # under the quadrennial prescription (loi 68-1250, art. 1)
    "4110": PUBLIC_BODY,  # EPIC national doté d'un comptable public
    "4140": PUBLIC_BODY,  # établissement public local à caractère industriel ou commercial
    "4150": PUBLIC_BODY,  # régie d'une collectivité locale à caractère industriel ou commercial
    # 6 — civil property companies (the "family SCI" of the law file, § 5): no collection
    # cost, the safe reading; the other civil companies are professionals
    "6540": NON_PROFESSIONAL,  # société civile immobilière
}

# The family of the code (its first digit), when no exact code applies.
FAMILY = {
    "1": PROFESSIONAL,  # entrepreneur individuel
    "4": PROFESSIONAL,  # other public bodies under commercial law (EPIC without accountant)
    "5": PROFESSIONAL,  # sociétés commerciales
    "6": PROFESSIONAL,  # other legal persons on the trade register (GIE, cooperatives…)
    "7": PUBLIC_BODY,  # State, local authorities, public establishments, public hospitals
    "8": NON_PROFESSIONAL,  # social security bodies, mutual societies, trade unions, CSE
    "9": NON_PROFESSIONAL,  # associations, foundations, syndicats de copropriétaires
}


class CompanySearchError(ValueError):
    """The public company search gave no usable answer for this SIREN."""


def is_valid_code(code):
    return bool(code and CODE_PATTERN.match(code))


def proposed_category(code):
    """The debtor category the INSEE legal category ``code`` proposes, or None."""
    if not is_valid_code(code):
        return None
    return EXACT.get(code) or FAMILY.get(code[0])


def category_without_code(is_company, current):
    """The category of a partner whose legal category is unknown: a company is a
    professional; a person keeps the category chosen, a consumer by default."""
    if is_company:
        return PROFESSIONAL
    return current or CONSUMER


def legal_category_in_search(payload, siren):
    """The legal category code of ``siren`` in an answer of the public company search.

    ``payload`` is the decoded JSON answer (``{"results": [{"siren": …, "nature_juridique":
    …}, …]}``). Raises CompanySearchError when the SIREN is not in it or its code is not a
    four-digit code.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
        raise CompanySearchError("unexpected answer")
    for result in payload["results"]:
        if isinstance(result, dict) and result.get("siren") == siren:
            code = str(result.get("nature_juridique") or "")
            if not is_valid_code(code):
                raise CompanySearchError(f"no legal category for {siren}")
            return code
    raise CompanySearchError(f"{siren} not found")
