# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# formatted values kept on the cursor; a cron job's cursor lives for its whole run
FORMATTED_MEMO_SIZE = 50_000


class MailRenderMixin(models.AbstractModel):
    _inherit = "mail.render.mixin"

    # EXTENDS mail
    @api.model
    def _render_eval_context(self):
        """In the run's mass mailing, each amount and date is formatted once per language.

        A reminder formats about fifteen amounts and the due date of each invoice, and Odoo
        formats each from scratch (language lookup, grouping parsed): a tenth of a run. With
        the context key the run's mass mailing sets (``dunning_compile_once``, as for the
        compiled body in ``ir.qweb``), the same value in the same language and with the same
        arguments gives back the text formatted the first time.
        """
        render_context = super()._render_eval_context()
        if self.env.context.get("dunning_compile_once"):
            for name in ("format_amount", "format_date"):
                render_context[name] = self._memoized_formatter(name, render_context[name])
        return render_context

    @api.model
    def _memoized_formatter(self, name, formatter):
        memo = self.env.cr.cache.setdefault("dunning_formatted", {})
        # what Odoo's formatters read besides their arguments: the language, the user and the
        # time zone (a datetime's date is the one of the user's zone)
        env_key = (name, self.env.uid, self.env.context.get("lang"), self.env.context.get("tz"))

        def formatted(value, *args, **kwargs):
            arguments = [
                (arg._name, arg.ids) if isinstance(arg, models.BaseModel) else arg for arg in args
            ]
            # repr: 0.0 and -0.0 are equal keys but not the same text
            key = (env_key, type(value), repr(value), repr(arguments), repr(sorted(kwargs.items())))
            if key not in memo:
                if len(memo) >= FORMATTED_MEMO_SIZE:
                    memo.clear()
                memo[key] = formatter(value, *args, **kwargs)
            return memo[key]

        return formatted
