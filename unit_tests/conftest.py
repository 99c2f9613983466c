"""Import the add-on's pure rules without Odoo.

``recouvrement_amiable/__init__.py`` imports the Odoo models; the rules package imports
nothing from Odoo. Registering the add-on folder as a bare package lets
``recouvrement_amiable.rules`` be imported on its own.
"""

import sys
import types
from pathlib import Path

ADDON_DIR = Path(__file__).resolve().parent.parent / "recouvrement_amiable"

if "recouvrement_amiable" not in sys.modules:
    package = types.ModuleType("recouvrement_amiable")
    package.__path__ = [str(ADDON_DIR)]
    sys.modules["recouvrement_amiable"] = package
