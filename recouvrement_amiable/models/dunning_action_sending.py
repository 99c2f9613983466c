# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

import pytz

from odoo import fields, models

from ..rules import dunning, prescription


class DunningActionSending(models.AbstractModel):
    """The delivery of a communication, mixed into ``dunning.action``: the e-mail queued,
    the letter to print, the phone call to make, the handover to litigation, each traced in
    the debtor's chatter."""

    _name = "dunning.action.sending"
    _description = "Dunning Communication Sending"

    # -------------------------------------------------------------------------
    # SENDING
    # -------------------------------------------------------------------------

    def _dispatch(self):
        """Send what needs no approval; hand over; the rest waits in the review list."""
        handover = self.filtered(lambda a: a.state == "handover")
        handover._hand_over()
        self.filtered(lambda a: a.state == "sent")._send()

    def _send(self):
        if not self:
            return
        self.filtered("channel_letter").write({"letter_state": "to_render"})
        self.filtered("channel_phone")._schedule_calls()
        # the run creates its communications already sent: writing the same state again
        # would recompute the dunning level of every invoice of the batch a second time
        self.filtered(lambda a: a.state != "sent").write({"state": "sent"})
        self.filtered("channel_sms")._send_sms()
        # public-law debtors: a written request interrupts (loi 68-1250, art. 2); the debtor
        # of a communication is the commercial partner of all its invoices
        self.filtered(
            lambda a: (
                (a.channel_email or a.channel_letter)
                and a.partner_id.commercial_partner_id.debtor_type == prescription.PUBLIC_BODY
            )
        ).line_ids.move_id._refresh_public_prescription()
        # the debtor's row: written by every run that contacts it (see _lock_debtors)
        self.partner_id.sudo().write({"dunning_last_contact_date": max(self.mapped("date"))})
        self._log_on_debtor()
        # last: Odoo's mass-mail composer empties the whole cache when it is done
        self.filtered("channel_email")._send_email()

    def _send_email(self):
        """Queue the e-mails: the run never sends them itself, Odoo's mail queue does.

        One mass-mail composer per template renders every communication in batch; each
        e-mail is also logged on its communication (the evidence).
        """
        for template, actions in self.grouped(lambda a: a.level_id.mail_template_id).items():
            if not template:
                continue
            mails = template._queue_as_evidence(actions)
            message_by_action = {mail.res_id: mail.mail_message_id for mail in mails}
            # technical fields, none tracked: Odoo would otherwise prepare the tracking of
            # the state for each write
            for action in actions.with_context(mail_notrack=True):
                message = message_by_action.get(action.id)
                action.write({"message_id": message.id, "email_state": message and "queued"})

    def _schedule_calls(self):
        call_type = self.env.ref("mail.mail_activity_data_call")
        slot = self._next_call_slot()
        for action in self:
            debtor = action.partner_id
            responsible = debtor.user_id or action.company_id.dunning_responsible_id
            action.call_activity_id = debtor.sudo().activity_schedule(
                activity_type_id=call_type.id,
                date_deadline=slot.date(),
                summary=self.env._("Dunning call: %(level)s", level=action.level_id.name),
                note=self.env._(
                    "Call between 10:00 and 13:00 or 14:00 and 20:00 on a working day. "
                    "Amount due: %(amount)s. Record the outcome with “Call result”.",
                    amount=action.amount_due,
                ),
                user_id=(responsible or self.env.user).id,
            )

    def _next_call_slot(self):
        tz = pytz.timezone(self.env.user.tz or "Europe/Paris")
        now = fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(tz).replace(tzinfo=None)
        today = fields.Date.context_today(self)
        if today > now.date():  # a run dated in the future (replays)
            now = datetime.combine(today, time(0, 0))
        return dunning.next_call_slot(now)

    def _hand_over(self):
        if not self:
            return
        self.partner_id.sudo().write({"dunning_handover_date": max(self.mapped("date"))})
        self.env["dunning.litigation.file"]._create_from_handover(self)
        self._log_on_debtor()

    def _log_on_debtor(self):
        """Trace the communication in the debtor's chatter (batched).

        Not in each invoice's chatter: the invoice shows its communications (smart button)
        and its level and last reminder (Collection tab), as Odoo's follow-up logs on the
        customer only; a message per invoice was most of the messages of a run (five
        invoices a debtor) and a quarter of its time.
        """
        state_labels = dict(self._fields["state"].selection)
        by_partner = {}
        for action in self:
            by_partner[action.partner_id.id] = self.env._(
                "Dunning: %(action)s (%(state)s), %(amount)s %(currency)s due.",
                action=action.display_name,
                state=state_labels[action.state],
                amount=action.amount_due,
                currency=action.currency_id.name,
            )
        self.partner_id._message_log_batch(by_partner)
