# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import urlencode

from odoo import Command, fields, http
from odoo.addons.account_payment.controllers.portal import PortalAccount
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from ..rules.uploads import DISPUTE_FILE_MAX_BYTES

PLAN_REPORT = "recouvrement_amiable.action_report_payment_plan"
# Codes shown on the pages (their texts are fixed in the templates); anything else in the query
# string is ignored, never echoed.
PLAN_MESSAGES = ("sign_ok",)
COLLECTION_MESSAGES = ("plan_requested", "disputed")
# A refusal's text is kept in the visitor's session and shown once; the URL carries a code.
ERROR_SESSION_KEY = "recouvrement_portal_error"


class RecouvrementPortal(PortalAccount):
    """Payment plans, overdue invoices and dunning links on the customer portal.

    Routes only check access and state and hand over to the models: no business rule here.
    Anything a customer may not see answers 404, whether it exists or not.
    """

    # HOME

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "payment_plan_count" in counters:
            Plan = request.env["dunning.payment.plan"]
            values["payment_plan_count"] = (
                Plan.search_count(self._payment_plan_domain()) if Plan.has_access("read") else 0
            )
        return values

    def _payment_plan_domain(self):
        # record rules restrict to the customer's own plans; drafts are internal work
        return Domain("state", "!=", "draft") | Domain("requested_on_portal", "=", True)

    def _payment_plan_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "date desc, id desc"},
            "name": {"label": request.env._("Reference"), "order": "name desc"},
            "state": {"label": request.env._("Status"), "order": "state, date desc"},
        }

    # ACCESS

    def _plan_or_404(self, plan_id, access_token):
        """The plan as sudo if the visitor may see it (login or valid token), else None."""
        try:
            plan_sudo = self._document_check_access("dunning.payment.plan", plan_id, access_token)
        except (AccessError, MissingError):
            return None
        if not self._direct_access(plan_sudo) and not plan_sudo._portal_link_valid():
            return None
        if not plan_sudo.filtered_domain(self._payment_plan_domain()):
            return None  # a draft the accountant is still preparing
        if self._other_customer(plan_sudo):
            return None
        return self._as_visitor(plan_sudo)

    def _direct_access(self, record_sudo):
        """Whether the logged-in visitor may read the record without any token."""
        return record_sudo.with_user(request.env.user).has_access("read")

    def _other_customer(self, record_sudo):
        """Whether the visitor is logged in as a portal user of another customer than the
        record's debtor: a link forwarded to them opens nothing."""
        user = request.env.user
        return (
            user._is_portal()
            and user.partner_id.commercial_partner_id
            != record_sudo.partner_id.commercial_partner_id
        )

    def _action_or_404(self, action_id, access_token):
        try:
            action_sudo = self._document_check_access("dunning.action", action_id, access_token)
        except (AccessError, MissingError):
            return None
        if not action_sudo._portal_link_valid() or self._other_customer(action_sudo):
            return None
        return self._as_visitor(action_sudo)

    def _as_visitor(self, records_sudo):
        """The records handed over to the models: sudo (access is checked), but as the
        visitor's user, so that the models know who acts (``_document_check_access`` gives
        them as the superuser)."""
        return records_sudo.with_user(request.env.user).sudo()

    # PAYMENT PLANS

    @http.route(
        ["/my/payment_plans", "/my/payment_plans/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_payment_plans(self, page=1, sortby=None, **kw):
        Plan = request.env["dunning.payment.plan"]
        sortings = self._payment_plan_sortings()
        sortby = sortby if sortby in sortings else "date"
        domain = self._payment_plan_domain()
        can_read = Plan.has_access("read")
        pager = portal_pager(
            url="/my/payment_plans",
            url_args={"sortby": sortby},
            total=Plan.search_count(domain) if can_read else 0,
            page=page,
            step=self._items_per_page,
        )
        plans = (
            Plan.search(
                domain,
                order=sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager["offset"],
            )
            if can_read
            else Plan
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "plans": plans,
                "page_name": "payment_plans",
                "pager": pager,
                "default_url": "/my/payment_plans",
                "searchbar_sortings": sortings,
                "sortby": sortby,
            }
        )
        request.session["my_payment_plans_history"] = plans.ids[:100]
        return request.render("recouvrement_amiable.portal_my_payment_plans", values)

    @http.route(["/my/payment_plans/<int:plan_id>"], type="http", auth="public", website=True)
    def portal_payment_plan_page(
        self, plan_id, access_token=None, report_type=None, download=False, message=None, **kw
    ):
        plan_sudo = self._plan_or_404(plan_id, access_token)
        if plan_sudo is None:
            raise request.not_found()
        if report_type == "pdf" and plan_sudo.signed_pdf_id:
            # the document as signed, never printed again
            content = plan_sudo.signed_pdf_id.raw
            headers = self._get_http_headers(plan_sudo, "pdf", content, download)
            return request.make_response(content, list(headers.items()))
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=plan_sudo, report_type=report_type, report_ref=PLAN_REPORT, download=download
            )
        values = self._get_page_view_values(
            plan_sudo,
            access_token,
            {
                "plan": plan_sudo,
                "page_name": "payment_plan",
                "message": message if message in PLAN_MESSAGES else None,
                "history": plan_sudo._portal_history(),
                "report_url": plan_sudo.get_portal_url(report_type="pdf", download=True),
            },
            "my_payment_plans_history",
            False,
        )
        return request.render("recouvrement_amiable.portal_payment_plan_page", values)

    @http.route(
        ["/my/payment_plans/<int:plan_id>/sign"], type="jsonrpc", auth="public", website=True
    )
    def portal_payment_plan_sign(
        self,
        plan_id,
        *,
        access_token=None,
        name=None,
        signature=None,
        amount_words=None,
        amount_figures=None,
    ):
        access_token = access_token or request.httprequest.args.get("access_token")
        plan_sudo = self._plan_or_404(plan_id, access_token)
        if plan_sudo is None:
            return {"error": request.env._("This payment plan cannot be found.")}
        try:
            with request.env.cr.savepoint():
                plan_sudo._sign_on_portal(
                    name,
                    signature,
                    amount_words,
                    request.httprequest.remote_addr,
                    access_token=access_token,
                    figures=amount_figures or "",
                )
        except (UserError, ValidationError) as error:
            return {"error": str(error)}
        return {
            "force_refresh": True,
            "redirect_url": plan_sudo.get_portal_url(query_string="&message=sign_ok"),
        }

    @http.route(
        ["/my/payment_plans/<int:plan_id>/pay/<int:line_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_payment_plan_pay(self, plan_id, line_id, access_token=None, **kw):
        plan_sudo = self._plan_or_404(plan_id, access_token)
        if plan_sudo is None:
            raise request.not_found()
        try:
            line = plan_sudo._portal_payable_line(line_id, access_token)
        except UserError:
            return request.redirect(plan_sudo.get_portal_url())
        amount = line.amount_residual
        values = self._get_common_page_view_values(
            invoices_data={
                "partner": plan_sudo.partner_id,
                "company": plan_sudo.company_id,
                "total_amount": amount,
                "currency": plan_sudo.currency_id,
                "amount_residual": amount,
                "payment_reference": f"{plan_sudo.name}-{line._number()}",
                "landing_route": plan_sudo.get_portal_url(),
                "transaction_route": f"/my/payment_plans/{plan_id}/pay/{line_id}/transaction",
            },
            access_token=plan_sudo._portal_ensure_token(),
        )
        values.update(
            {
                "plan": plan_sudo,
                "line": line,
                "amount": amount,
                "page_name": "payment_plan_pay",
            }
        )
        return request.render("recouvrement_amiable.portal_payment_plan_pay_page", values)

    @http.route(
        ["/my/payment_plans/<int:plan_id>/pay/<int:line_id>/transaction"],
        type="jsonrpc",
        auth="public",
    )
    def portal_payment_plan_transaction(self, plan_id, line_id, access_token=None, **kwargs):
        plan_sudo = self._plan_or_404(plan_id, access_token)
        if plan_sudo is None:
            raise ValidationError(request.env._("The access token is invalid."))
        try:
            line = plan_sudo._portal_payable_line(line_id, access_token)
        except UserError as error:
            raise ValidationError(str(error)) from error
        # the amount and the reference come from the instalment, never from the browser
        for key in ("amount", "reference_prefix", "payment_reference"):
            kwargs.pop(key, None)
        self._validate_transaction_kwargs(kwargs)
        logged_in = not request.env.user._is_public()
        partner = request.env.user.partner_id if logged_in else plan_sudo.partner_id
        kwargs.update(
            {
                "amount": line.amount_residual,
                "currency_id": plan_sudo.currency_id.id,
                "partner_id": partner.id,
                "reference_prefix": f"{plan_sudo.name}-{line._number()}",
            }
        )
        invoices = plan_sudo._portal_payment_invoices()
        tx_sudo = self._create_transaction(
            custom_create_values={
                "invoice_ids": [Command.set(invoices.ids)],
                "dunning_plan_line_id": line.id,
            },
            **kwargs,
        )
        return tx_sudo._get_processing_values()

    # OVERDUE INVOICES, PLAN REQUESTS AND DISPUTES

    @http.route(["/my/overdue_invoices"], type="http", auth="user", website=True)
    def portal_my_overdue_invoices_collection(self, message=None, error=None, **kw):
        Move = request.env["account.move"]
        invoices = (
            Move.search(
                Move._open_invoice_domain()
                & Domain("invoice_date_due", "<", fields.Date.today())
                & Domain("commercial_partner_id", "=", request.env.user.commercial_partner_id.id),
                order="invoice_date_due, id",
            )
            if Move.has_access("read")
            else Move
        )
        return self._render_collection_page(invoices, None, message, error)

    @http.route(["/my/dunning/<int:action_id>"], type="http", auth="public", website=True)
    def portal_dunning_page(self, action_id, access_token=None, message=None, error=None, **kw):
        action_sudo = self._action_or_404(action_id, access_token)
        if action_sudo is None:
            raise request.not_found()
        return self._render_collection_page(
            action_sudo._portal_invoices(), action_sudo, message, error
        )

    def _render_collection_page(self, invoices, action_sudo, message, error):
        values = self._prepare_portal_layout_values()
        access_token = action_sudo.access_token if action_sudo else None
        values.update(
            {
                "invoices": invoices.sudo(),
                "dunning": action_sudo,
                "access_token": access_token,
                # the dispute form of an invoice opens with the same link as this page
                "dispute_query": (
                    "?" + urlencode({"dunning_id": action_sudo.id, "access_token": access_token})
                    if action_sudo
                    else ""
                ),
                "page_name": "overdue_invoices_collection",
                "message": message if message in COLLECTION_MESSAGES else None,
                "error": self._error_text(error),
            }
        )
        return request.render("recouvrement_amiable.portal_overdue_invoices_collection", values)

    def _collection_invoices(self, invoice_ids, action_id, access_token):
        """Invoices the visitor may act on: its own (login) or those of the dunning link."""
        ids = [int(i) for i in invoice_ids if str(i).isdigit()]
        if action_id:
            if not str(action_id).isdigit():
                return None
            action_sudo = self._action_or_404(int(action_id), access_token)
            allowed = action_sudo._portal_invoices() if action_sudo else None
        else:
            Move = request.env["account.move"]
            allowed = (
                Move.search(
                    Domain("id", "in", ids)
                    & Domain(
                        "commercial_partner_id", "=", request.env.user.commercial_partner_id.id
                    )
                ).sudo()
                if not request.env.user._is_public() and Move.has_access("read")
                else None
            )
        if allowed is None:
            return None
        invoices = self._as_visitor(allowed.filtered(lambda move: move.id in ids))
        return invoices if len(invoices) == len(set(ids)) and invoices else None

    def _collection_url(self, action_id, access_token, **params):
        """The page listing the invoices: the communication's (with its token) or the
        customer's own."""
        if action_id:
            base = f"/my/dunning/{int(action_id)}"
            params["access_token"] = access_token
        else:
            base = "/my/overdue_invoices"
        return f"{base}?{urlencode(params)}" if params else base

    def _collection_redirect(self, action_id, access_token, **params):
        return request.redirect(self._collection_url(action_id, access_token, **params))

    def _error_text(self, code):
        """The text of a refusal: the one kept in the session for this code, or a fixed one."""
        stored = request.session.pop(ERROR_SESSION_KEY, None)
        if code == "refused":
            return stored or request.env._("Your request could not be recorded.")
        if code == "not_debtor":
            return request.env._(
                "Only the customer can do this on the portal, logged in or with the link we sent."
            )
        return None

    def _collection_request(self, do, success, action_id, access_token):
        """Run the customer's request; nothing is kept when it is refused, the page says why."""
        try:
            with request.env.cr.savepoint():
                do()
        except AccessError:
            return self._collection_redirect(action_id, access_token, error="not_debtor")
        except (UserError, ValidationError) as error:
            request.session[ERROR_SESSION_KEY] = str(error)
            return self._collection_redirect(action_id, access_token, error="refused")
        return self._collection_redirect(action_id, access_token, message=success)

    def _token_record(self, action_id):
        """The communication whose link the visitor followed, for the model's checks."""
        if not action_id:
            return None
        return request.env["dunning.action"].sudo().browse(int(action_id))

    @http.route(
        ["/my/overdue_invoices/request_plan"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_request_payment_plan(
        self, invoice_ids=None, instalment_count="3", dunning_id=None, access_token=None, **kw
    ):
        ids = request.httprequest.form.getlist("invoice_ids") or []
        invoices = self._collection_invoices(ids, dunning_id, access_token)
        if invoices is None:
            raise request.not_found()
        try:
            count = int(instalment_count)
        except (TypeError, ValueError):
            count = 0
        Plan = request.env["dunning.payment.plan"].sudo()
        return self._collection_request(
            lambda: Plan._request_from_portal(
                invoices,
                count,
                token_record=self._token_record(dunning_id),
                access_token=access_token,
                ip_address=request.httprequest.remote_addr,
            ),
            "plan_requested",
            dunning_id,
            access_token,
        )

    @http.route(
        ["/my/overdue_invoices/<int:invoice_id>/dispute"],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
    )
    def portal_dispute_invoice_page(self, invoice_id, dunning_id=None, access_token=None, **kw):
        """The dispute form of one invoice ("Contester" on the list), sent to the route below."""
        invoices = self._collection_invoices([invoice_id], dunning_id, access_token)
        if invoices is None:
            raise request.not_found()
        back_url = self._collection_url(dunning_id, access_token)
        if invoices.is_disputed:
            return request.redirect(back_url)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "invoice": invoices,
                "dunning_id": int(dunning_id) if dunning_id else None,
                "access_token": access_token if dunning_id else None,
                "back_url": back_url,
                "page_name": "overdue_invoice_dispute",
            }
        )
        return request.render("recouvrement_amiable.portal_dispute_invoice_page", values)

    @http.route(
        ["/my/overdue_invoices/<int:invoice_id>/dispute"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_dispute_invoice(
        self, invoice_id, reason=None, dunning_id=None, access_token=None, **kw
    ):
        invoices = self._collection_invoices([invoice_id], dunning_id, access_token)
        if invoices is None:
            raise request.not_found()
        upload = request.httprequest.files.get("attachment")
        # read one byte more than allowed: the model refuses a bigger file without reading it all
        attachment = (
            (upload.filename, upload.read(DISPUTE_FILE_MAX_BYTES + 1))
            if upload and upload.filename
            else None
        )
        return self._collection_request(
            lambda: invoices._dispute_from_portal(
                reason,
                attachment,
                token_record=self._token_record(dunning_id),
                access_token=access_token,
                ip_address=request.httprequest.remote_addr,
            ),
            "disputed",
            dunning_id,
            access_token,
        )
