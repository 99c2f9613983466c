# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Recouvrement amiable",
    "summary": "French amicable debt collection: prescription, dunning, formal notices, "
    "payment plans",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/recouvrement-amiable/recouvrement_amiable",
    "author": "recouvrement_amiable contributors",
    "license": "AGPL-3",
    "depends": ["account", "account_payment", "portal", "mail"],
    "external_dependencies": {"python": ["python-stdnum", "num2words", "qrcode"]},
    "data": [
        "security/ir.model.access.csv",
        "security/recouvrement_security.xml",
        "report/dunning_letter_report.xml",
        "data/mail_template_data.xml",
        "data/dunning_policy_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_actions_server_data.xml",
        "views/dunning_prescription_event_views.xml",
        "views/dunning_policy_views.xml",
        "views/dunning_action_views.xml",
        "views/wizard_views.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
