# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The missed-instalment notice announces the plan's own delay before acceleration (longer
for consumers, issue 11). Its template is ``noupdate``: replace the expression in place, in
every language, keeping any wording the company changed."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE mail_template template
           SET body_html = replace(
                   template.body_html::text,
                   'object.company_id.payment_plan_breach_days',
                   'object._breach_days()'
               )::jsonb
          FROM ir_model_data imd
         WHERE imd.model = 'mail.template'
           AND imd.res_id = template.id
           AND imd.module = 'recouvrement_amiable'
           AND imd.name = 'mail_template_payment_plan_missed'
        """
    )
