"""Import the add-on's pure rules and helpers without Odoo.

``recouvrement_amiable/__init__.py`` imports the Odoo models; the rules package imports
nothing from Odoo, the ``tools`` package only Odoo's libraries (``odoo.tools``). Registering the
add-on folder as a bare package lets ``recouvrement_amiable.rules`` and
``recouvrement_amiable.tools`` be imported on their own; the Odoo source tree (``ODOO_SRC``,
as in ``scripts/env.sh``) is put on the path for the latter, no server nor database needed.
"""

import os
import sys
import types
from pathlib import Path

ADDON_DIR = Path(__file__).resolve().parent.parent / "recouvrement_amiable"
ODOO_SRC = Path(os.environ.get("ODOO_SRC", "/opt/odoo-19.0"))

if (ODOO_SRC / "odoo" / "release.py").exists() and str(ODOO_SRC) not in sys.path:
    sys.path.append(str(ODOO_SRC))

if "recouvrement_amiable" not in sys.modules:
    package = types.ModuleType("recouvrement_amiable")
    package.__path__ = [str(ADDON_DIR)]
    sys.modules["recouvrement_amiable"] = package
