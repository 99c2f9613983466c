"""Demo, step 2 (odoo-bin shell, after the add-on is installed): debtors and invoices.

Posted invoices overdue by 3, 20, 40, 75, 120, 400, 760 and 1,900 days for professional and
consumer debtors, one partly paid, one disputed, one debtor in insolvency proceedings.
Dates are relative to the day the demo is built.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields

company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], lang="fr_FR"))
today = fields.Date.context_today(env["res.partner"])
france = env.ref("base.fr")

bank = env["res.partner.bank"].create(
    {
        "acc_number": "FR76 3000 6000 0112 3456 7890 189",
        "partner_id": company.partner_id.id,
        "allow_out_payment": True,
    }
)
env["account.journal"].search(
    [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
).bank_account_id = bank


def partner(name, siret=None, **values):
    vals = {"name": name, "country_id": france.id, "lang": "fr_FR", **values}
    if siret:
        vals.update(is_company=True, company_registry=siret)
    return env["res.partner"].create(vals)


durand = partner(
    "Bâtiments Durand SARL",
    "39012345300016",
    legal_category_code="5499",
    street="4 quai des Chartrons",
    zip="33000",
    city="Bordeaux",
    email="compta@durand-batiments.example",
)
lefebvre = partner(
    "Lefebvre Transports SAS",
    "44306184100013",
    legal_category_code="5710",
    street="22 avenue Jean Jaurès",
    zip="69007",
    city="Lyon",
    email="factures@lefebvre-transports.example",
)
atelier = partner(
    "Atelier Moreau EURL",
    "33401234100015",
    legal_category_code="5498",
    street="8 rue Nationale",
    zip="59000",
    city="Lille",
    email="contact@atelier-moreau.example",
)
faillite = partner(
    "Imprimerie Girard SA",
    "51234567900017",
    legal_category_code="5599",
    street="3 rue des Imprimeurs",
    zip="44000",
    city="Nantes",
    email="direction@imprimerie-girard.example",
)
association = partner(
    "Association Les Amis du Quartier",
    "80012345700015",
    legal_category_code="9220",
    street="1 place de la Mairie",
    zip="35000",
    city="Rennes",
    email="tresorier@amis-du-quartier.example",
)
# the legal category 9220 (association déclarée) makes it a non-professional legal person
assert association.debtor_type == "non_professional"
martin = partner(
    "Camille Martin",
    street="15 rue Victor Hugo",
    zip="31000",
    city="Toulouse",
    email="camille.martin@example.com",
    phone="06 12 34 56 78",
)
bernard = partner(
    "Lucas Bernard",
    street="7 allée des Tilleuls",
    zip="67000",
    city="Strasbourg",
    email="lucas.bernard@example.com",
)
petit = partner("Emma Petit", street="2 impasse du Moulin", zip="13001", city="Marseille")
garnier = partner(
    "Léa Garnier",
    street="9 rue des Lilas",
    zip="21000",
    city="Dijon",
    email="lea.garnier@example.com",
    phone="07 81 23 45 67",
)
commune = partner(
    "Commune de Saint-Aubin",
    "21350004400010",
    legal_category_code="7210",  # commune: a public-law debtor
    street="Place de l'Hôtel de Ville",
    zip="35250",
    city="Saint-Aubin-d'Aubigné",
    email="comptabilite@saint-aubin.example",
)
lambert = partner(
    "Hugo Lambert",
    street="11 rue de la Gare",
    zip="72000",
    city="Le Mans",
    email="hugo.lambert@example.com",
)
roux = partner(
    "Boulangerie Roux SARL",
    "42153812500012",
    street="5 place du Marché",
    zip="63000",
    city="Clermont-Ferrand",
    email="contact@boulangerie-roux.example",
)

product = env["product.product"].create(
    {"name": "Prestation de maintenance", "type": "service", "list_price": 100.0}
)
vat20 = env["account.tax"].search(
    [
        ("company_id", "=", company.id),
        ("type_tax_use", "=", "sale"),
        ("amount", "=", 20.0),
        ("amount_type", "=", "percent"),
    ],
    limit=1,
)


def invoice(customer, days_overdue, amount, ref=None):
    due = today - timedelta(days=days_overdue)
    move = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": customer.id,
            "invoice_date": due - timedelta(days=30),
            "invoice_date_due": due,
            "invoice_payment_term_id": False,
            "ref": ref,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.set(vat20.ids)],
                    }
                )
            ],
        }
    )
    move.action_post()
    return move


invoice(durand, 3, 1250.0, "Chantier Pessac")
invoice(garnier, 10, 95.0)
invoice(roux, 30, 420.0)
invoice(lefebvre, 20, 2400.0, "Maintenance flotte")
invoice(martin, 20, 180.0)
invoice(atelier, 40, 860.0)
invoice(bernard, 40, 320.0)
disputed = invoice(lefebvre, 75, 3100.0, "Réparation contestée")
partly_paid = invoice(durand, 120, 4200.0, "Extension entrepôt")
invoice(association, 120, 650.0)
invoice(atelier, 400, 1500.0)
invoice(petit, 400, 240.0)
invoice(durand, 760, 5400.0, "Rénovation bureaux")  # professional: 5 years, not prescribed
invoice(martin, 760, 900.0)  # consumer: 2 years, prescribed
invoice(lefebvre, 1900, 2750.0)  # professional, over 5 years: prescribed
invoice(faillite, 200, 3600.0)
invoice(commune, 90, 2300.0, "Maintenance éclairage public")
invoice(lambert, 900, 450.0)  # consumer, over 2 years: prescribed
invoice(garnier, 712, 130.0)  # consumer: prescribed in 18 days (cockpit: at risk)

disputed.write(
    {
        "is_disputed": True,
        "dispute_date": today - timedelta(days=60),
        "dispute_reason": "Le client conteste la qualité de la réparation (courriel du service "
        "achats).",
    }
)
env["account.payment.register"].with_context(
    active_model="account.move", active_ids=partly_paid.ids
).create({"amount": 1500.0, "payment_date": today - timedelta(days=30)})._create_payments()
faillite.write(
    {
        "collection_freeze": "insolvency",
        # published 40 days ago: the claim must be declared within 20 days (cockpit counter)
        "insolvency_publication_date": today - timedelta(days=40),
    }
)

# Camille Martin promised to pay 10 days ago and did not (cockpit: broken promise)
martin.write({"dunning_promise_date": today - timedelta(days=10), "dunning_promise_amount": 216.0})

# Online payments: the demo payment provider (test mode), reconciled with the invoices at once
# through an outstanding receipts account, so that a paid instalment shows paid immediately.
provider = env.ref("payment.payment_provider_demo")
provider.write(
    {
        "state": "test",
        "is_published": True,
        "journal_id": env["account.journal"]
        .search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        .id,
    }
)
outstanding = env["account.chart.template"].ref(
    "account_journal_payment_debit_account_id", raise_if_not_found=False
) or env["account.account"].create(
    {
        "name": "Paiements en ligne à encaisser",
        "code": "511290",
        "account_type": "asset_current",
        "reconcile": True,
    }
)
provider.journal_id.inbound_payment_method_line_ids.filtered(
    lambda line: line.payment_provider_id == provider
).payment_account_id = outstanding

# Lucas Bernard is a portal user: login lucas.bernard / password lucas.bernard
env["res.users"].create(
    {
        "name": "Lucas Bernard",
        "login": "lucas.bernard",
        "password": "lucas.bernard",
        "partner_id": bernard.id,
        "group_ids": [Command.set([env.ref("base.group_portal").id])],
    }
)

# Payment plans of Lucas Bernard (consumer): one broken, one in progress, one proposed, one
# completed. Plans are dated in the past, as if negotiated then.
Plan = env["dunning.payment.plan"]


def payment_plan(moves, days_ago, **wizard_values):
    action = moves.action_create_payment_plan()
    wizard = env["dunning.payment.plan.wizard"].browse(action["res_id"])
    wizard.write(wizard_values)
    plan = wizard._create_plan()
    plan.date = today - timedelta(days=days_ago)
    return plan


def sign(plan, days_ago):
    """Proposed the day it was drawn up, signed ``days_ago``: each step on its own date, as the
    plan's history on the portal shows them."""
    with freeze_time(plan.date):
        plan.action_propose()
    signed_on = today - timedelta(days=days_ago)
    with freeze_time(signed_on):
        plan._sign("Lucas Bernard", plan.amount_total_words, signed_on=signed_on)


def pay(move, amount, days_ago):
    """A payment received ``days_ago``, and recorded that day: the instalment it pays and the
    plan it completes are dated that day."""
    payment_date = today - timedelta(days=days_ago)
    with freeze_time(payment_date):
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"amount": amount, "payment_date": payment_date})._create_payments()


broken = payment_plan(
    invoice(bernard, 200, 500.0, "Chaudière"), 150, first_due_date=today - timedelta(days=90)
)
sign(broken, 145)
Plan._process_payment_plans(today=today - timedelta(days=40))  # first instalment missed
# still unpaid 40 days later: broken (a consumer's plan lapses 30 days after the notice)
Plan._process_payment_plans(today=today)
running_invoice = invoice(bernard, 90, 1000.0, "Adoucisseur")
running = payment_plan(
    running_invoice, 60, instalment_count=4, first_due_date=today - timedelta(days=31)
)
sign(running, 55)
pay(running_invoice, running.line_ids[0].amount, 33)
done_invoice = invoice(bernard, 300, 300.0, "Ramonage")
done = payment_plan(
    done_invoice, 250, instalment_count=2, first_due_date=today - timedelta(days=200)
)
sign(done, 245)
pay(done_invoice, done.line_ids[0].amount, 200)
pay(done_invoice, done.line_ids[1].amount, 170)
# A plan to amend: a commercial gesture (credit note) lowered its debt after the signature.
amended_invoice = invoice(bernard, 70, 600.0, "Climatisation")
amended = payment_plan(
    amended_invoice, 30, instalment_count=3, first_due_date=today + timedelta(days=5)
)
sign(amended, 25)
gesture = env["account.move"].create(
    {
        "move_type": "out_refund",
        "partner_id": bernard.id,
        "invoice_date": today - timedelta(days=5),
        "ref": "Geste commercial climatisation",
        "invoice_line_ids": [
            Command.create(
                {
                    "product_id": product.id,
                    "quantity": 1,
                    "price_unit": 100.0,
                    "tax_ids": [Command.set(vat20.ids)],
                }
            )
        ],
    }
)
gesture.action_post()
amended_invoice.js_assign_outstanding_line(
    gesture.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable").id
)
proposed = payment_plan(
    invoice(bernard, 45, 840.0, "Pompe à chaleur"),
    0,
    instalment_count=6,
    first_due_date=today + timedelta(days=15),
)
proposed.action_propose()
Plan._process_payment_plans(today=today)
print("payment plans:", ", ".join(f"{p.name}: {p.state}" for p in Plan.search([])))

# What works: Durand paid a week after a reminder sent 35 days ago (effectiveness per level);
# Roux settled a debt 500 days past due, 300 days ago (recovery of debts over a year old).
reminded = invoice(durand, 50, 800.0, "Menuiseries")
with freeze_time(today - timedelta(days=35)):
    env["dunning.run"]._run(moves=reminded, today=today - timedelta(days=35))
pay(reminded, reminded.amount_residual, 28)
old_debt = invoice(roux, 800, 350.0, "Vitrine")
pay(old_debt, old_debt.amount_residual, 300)

# Dunning history: a written reminder sent 30 days ago to Atelier Moreau, then its formal
# notice approved 10 days ago and posted by registered letter the next day, with no
# presentation date recorded since (cockpit: "LRAR sans présentation"); then today's run over
# every invoice.
Run = env["dunning.run"]
past = Run._run(moves=atelier.invoice_ids, today=today - timedelta(days=30))
past.filtered(lambda a: a.state == "to_approve")._send()
with freeze_time(today - timedelta(days=10)):
    notice = Run._run(moves=atelier.invoice_ids, today=today - timedelta(days=10))
    notice.action_approve()
notice.write({"lrar_number": "1A 123 456 7890 1", "lrar_deposit_date": today - timedelta(days=9)})
print("formal notice:", notice.level_id.name, notice.state, notice.lrar_number)
actions = Run._run()
print("dunning run:", ", ".join(sorted(f"{a.level_id.name}: {a.state}" for a in actions)))

# SMS: the shipped courteous and firm reminders text consumers with a mobile. The demo has no
# SMS provider, so the SMS waiting for the calling window are queued now and the provider's
# delivery report is simulated (state "sent" of sms.sms: "delivered" on the communication).
texted = actions.filtered("channel_sms")
texted.filtered(lambda a: a.sms_state == "waiting")._queue_sms()
env["sms.sms"].sudo().search([("dunning_action_id", "in", texted.ids)]).write({"state": "sent"})
print("SMS:", ", ".join(f"{a.partner_id.name}: {a.sms_state}" for a in texted))

# E-mails: the demo has no mail server. The queue's work is simulated: the reminders' e-mails
# are marked sent, then Lefebvre's comes back as a bounce, handled as Odoo's mail gateway
# handles a delivery-status notification (bounce counted on the contact, communication failed).
env["mail.mail"].sudo().search(
    [("model", "=", "dunning.action"), ("state", "=", "outgoing")]
).write({"state": "sent"})
env["dunning.action"].search([("email_state", "=", "queued")])._mark_email_sent()
bounced = actions.filtered(lambda a: a.partner_id == lefebvre and a.message_id)
for contact in bounced.contact_id:
    contact._message_receive_bounce(contact.email_normalized, contact)
    bounced._message_receive_bounce(contact.email_normalized, contact)
print("bounced:", ", ".join(f"{a.partner_id.name}: {a.email_state}" for a in bounced))

# Letters: the company posts its simple letters through Odoo's postal service (formal notices
# stay registered letters printed here). The letters waiting are printed now and handed to the
# service; the demo has no IAP account, so the service's report is simulated ("sent").
company.dunning_letter_delivery = "post"
env["dunning.action"]._cron_render_letters()
env["snailmail.letter"].sudo().search(
    [("model", "=", "dunning.action"), ("state", "=", "pending")]
).write({"state": "sent"})
print(
    "letters:",
    ", ".join(
        f"{a.partner_id.name}: {a.letter_state}/{a.letter_post_state or 'LRAR'}"
        for a in env["dunning.action"].search([("letter_state", "!=", False)])
    ),
)

# Litigation files, one per way out: each recommends its path from the law, with the reasons.
File = env["dunning.litigation.file"]
files = File._create_for_debtors(roux | durand | faillite | commune | lefebvre | lambert)
files.filtered(lambda f: f.partner_id == roux).sent_to = "Maître Anne Dupont"
files.filtered(lambda f: f.partner_id == durand).court_name = "Tribunal de commerce de Bordeaux"
files.filtered(lambda f: f.partner_id == faillite).sent_to = "Maître Paul Martin"
public_file = files.filtered(lambda f: f.partner_id == commune)
public_file._internal().public_claim_date = today - timedelta(days=70)  # claim sent 70 days ago
files.filtered(lambda f: f.partner_id == lefebvre).sent_to = "Cabinet Recouvrement Ouest"
print(
    "litigation files:",
    ", ".join(sorted(f"{f.partner_id.name}: {f.chosen_path}" for f in File.search([]))),
)

# the nightly jobs of the cockpit, run once for the demo: payment scores and DSO
env["dunning.cockpit"]._refresh_payment_scores(today)
print(
    "scores below 100:",
    ", ".join(
        f"{p.name}: {p.dunning_score}"
        for p in env["res.partner"].search([("dunning_score", "<", 100)])
    ),
)

env["ir.config_parameter"].sudo().set_param("recouvrement_amiable.demo_loaded", "1")
env.cr.commit()
print("demo data loaded:", env["account.move"].search_count([("move_type", "=", "out_invoice")]))
