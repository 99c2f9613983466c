# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz
from markupsafe import escape

from odoo import api, fields, models

from ..rules import phone

# sms.sms state -> the communication's SMS state
SMS_STATES = {
    "outgoing": "outgoing",
    "process": "sent",
    "pending": "sent",
    "sent": "delivered",
    "error": "error",
    "canceled": "cancelled",
}
# the SMS's way to the debtor, in order
SMS_PROGRESS = ("waiting", "outgoing", "sent", "delivered")
SMS_FIELDS = frozenset(
    {"sms_state", "sms_number", "sms_scheduled_at", "sms_failure", "email_failed"}
)


class DunningActionSms(models.AbstractModel):
    """The SMS of a communication, mixed into ``dunning.action``: sent through Odoo's SMS
    queue (``sms.sms``, whatever provider the company configured), only within the calling
    windows; outside them it waits for the next slot (scheduled action)."""

    _name = "dunning.action.sms"
    _description = "Dunning SMS"

    channel_sms = fields.Boolean(string="SMS", readonly=True)
    sms_state = fields.Selection(
        selection=[
            ("no_number", "No Valid Mobile Number"),
            ("waiting", "Waiting for the Calling Window"),
            ("outgoing", "In Queue"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("error", "Error"),
            ("cancelled", "Cancelled"),
        ],
        string="SMS Status",
        readonly=True,
        copy=False,
    )
    sms_number = fields.Char(string="Mobile Number", readonly=True, copy=False)
    sms_scheduled_at = fields.Datetime(
        string="SMS Scheduled For",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="SMS are only sent within the calling windows: the first slot after the run.",
    )
    sms_failure = fields.Char(string="SMS Error", readonly=True, copy=False)
    email_failed = fields.Boolean(string="E-mail Failed", readonly=True, copy=False)

    # -------------------------------------------------------------------------
    # SENDING
    # -------------------------------------------------------------------------

    def _send_sms(self):
        """Send the SMS now when within a calling window, otherwise at the next slot.

        No valid mobile number: the SMS is skipped and the communication says why; its
        other channels go as planned.
        """
        if not self:
            return
        slot = self._sms_slot()
        contacts = self.contact_id | self.partner_id
        contacts.fetch([f for f in ("mobile", "phone", "country_id") if f in contacts._fields])
        waiting = self.browse()
        for action in self:
            number = action._sms_mobile_number()
            if number:
                # the writes of the batch are flushed together (one UPDATE)
                action._internal().write(
                    {"sms_state": "waiting", "sms_number": number, "sms_scheduled_at": slot}
                )
                waiting |= action
        no_number = self - waiting
        no_number._internal().write({"sms_state": "no_number"})
        no_number._message_log_batch(
            {
                action.id: escape(
                    self.env._(
                        "SMS not sent: %(contact)s has no valid mobile number. The other "
                        "channels of this communication were sent.",
                        contact=action.contact_id.display_name,
                    )
                )
                for action in no_number
            }
        )
        if slot <= fields.Datetime.now():
            waiting._queue_sms()
        else:
            self.env.ref("recouvrement_amiable.ir_cron_dunning_sms").sudo()._trigger(at=slot)

    def _sms_mobile_number(self):
        """The debtor's mobile in E.164: its invoicing contact's, else the debtor's own."""
        self.ensure_one()
        return self._mobile_e164(self.contact_id | self.partner_id)

    @api.model
    def _mobile_e164(self, partners):
        """The first valid mobile number of ``partners`` (in order), in E.164, or None."""
        numbers = [
            partner[fname]
            for partner in partners
            for fname in ("mobile", "phone")
            if fname in partner._fields
        ]
        return phone.mobile_e164(numbers, partners.country_id[:1].code or "FR")

    def _sms_slot(self):
        """The next calling slot (or now, within one), as a UTC datetime."""
        slot = self._next_call_slot()
        tz = pytz.timezone(self.env.user.tz or "Europe/Paris")
        utc = tz.localize(slot).astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)
        return max(utc, fields.Datetime.now())

    def _queue_sms(self):
        """Hand the SMS to Odoo's SMS queue, each rendered in the contact's language; the
        text is kept in the communication's chatter (the evidence)."""
        if not self:
            return
        shipped = self.env.ref(
            "recouvrement_amiable.sms_template_dunning", raise_if_not_found=False
        )
        vals_list = []
        for template, actions in self.grouped(
            lambda a: a.level_id.sms_template_id or shipped
        ).items():
            bodies = template._render_field("body", actions.ids, compute_lang=True)
            for action in actions:
                vals_list.append(
                    {
                        "number": action.sms_number,
                        # French typography would bill each part as Unicode (70 characters)
                        "body": phone.gsm7_text(bodies[action.id]),
                        "partner_id": action.contact_id.id,
                        "dunning_action_id": action.id,
                    }
                )
        sms = self.env["sms.sms"].sudo().create(vals_list)
        # the provider's delivery reports come back through trackers (sms.sms are deleted)
        self.env["sms.tracker"].sudo().create(
            [{"sms_uuid": s.uuid, "dunning_action_id": s.dunning_action_id.id} for s in sms]
        )
        self._internal().write({"sms_state": "outgoing"})
        self._message_log_batch(
            {
                vals["dunning_action_id"]: escape(
                    self.env._(
                        "SMS to %(number)s: %(body)s", number=vals["number"], body=vals["body"]
                    )
                )
                for vals in vals_list
            }
        )

    @api.model
    def _cron_send_waiting_sms(self):
        """Send the SMS whose calling slot has come (still due, still within a window)."""
        now = fields.Datetime.now()
        slot = self._sms_slot()
        if slot > now:  # woken up outside a window: wait for the next slot
            self.env.ref("recouvrement_amiable.ir_cron_dunning_sms")._trigger(at=slot)
            return
        waiting = self._internal().search(
            [
                ("sms_state", "=", "waiting"),
                ("sms_scheduled_at", "<=", now),
                ("state", "in", ("sent", "failed")),
            ]
        )
        paid = waiting.filtered(
            lambda a: not any(move._is_collection_tracked() for move in a.line_ids.move_id)
        )
        paid._internal().write({"sms_state": "cancelled"})
        reason = escape(self.env._("SMS not sent: nothing is due any more on its invoices."))
        paid._message_log_batch(dict.fromkeys(paid.ids, reason))
        (waiting - paid)._queue_sms()

    # -------------------------------------------------------------------------
    # DELIVERY
    # -------------------------------------------------------------------------

    def _update_from_sms(self, sms_state, failure_type=False):
        """The outcome of the ``sms.sms`` shows on the communication; an error fails it."""
        state = SMS_STATES.get(sms_state)
        if not state:
            return
        actions = self._internal().sudo()
        if state != "error":
            # reports may come late or twice: a status never goes back (delivered stays)
            rank = SMS_PROGRESS.index(state) if state in SMS_PROGRESS else len(SMS_PROGRESS)
            actions.filtered(
                lambda a: a.sms_state not in SMS_PROGRESS or SMS_PROGRESS.index(a.sms_state) < rank
            ).write({"sms_state": state})
            return
        labels = dict(self.env["sms.sms"]._fields["failure_type"]._description_selection(self.env))
        reason = labels.get(failure_type) or failure_type or self.env._("Unknown error")
        actions.write({"sms_state": "error", "sms_failure": reason})
        actions.filtered(lambda a: a.state in ("sent", "failed")).write(
            {"state": "failed", "failure_reason": self.env._("SMS: %(reason)s", reason=reason)}
        )
