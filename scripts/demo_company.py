"""Demo, step 1 (odoo-bin shell, before accounting is installed): the French company.

Setting the country first makes the accounting install load the French chart of accounts.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

company = env.ref("base.main_company")
company.write(
    {
        "name": "Recouvrement Démo SAS",
        "street": "12 rue de la Paix",
        "zip": "75002",
        "city": "Paris",
        "country_id": env.ref("base.fr").id,
        "currency_id": env.ref("base.EUR").id,
        "email": "compta@recouvrement-demo.example",
        "phone": "+33 1 23 45 67 89",
        "vat": "FR03552081317",
        "company_registry": "55208131700018",
    }
)
env.ref("base.EUR").active = True
env.ref("base.user_admin").write({"lang": "fr_FR", "tz": "Europe/Paris"})
env.cr.commit()
print("demo company ready:", company.name)
