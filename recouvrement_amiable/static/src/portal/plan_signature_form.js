import { SignatureForm } from "@portal/signature_form/signature_form";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { redirect } from "@web/core/utils/urls";
import { useState } from "@odoo/owl";

/**
 * Portal signature of a payment plan: Odoo's signature form, plus the amount the debtor types
 * in figures and in words (art. 1376 C. civ.), sent along with the name and the drawn
 * signature. The server checks both against the plan (the expected words are never shown) and
 * answers with an error or a page to reload.
 */
export class PlanSignatureForm extends SignatureForm {
    static template = "recouvrement_amiable.PlanSignatureForm";

    setup() {
        super.setup();
        this.words = useState({ value: "" });
        this.figures = useState({ value: "" });
    }

    async onClickSubmit() {
        const signature = this.signature.getSignatureImage().split(",")[1];
        const result = await rpc(this.props.callUrl, {
            name: this.signature.name,
            signature,
            amount_words: this.words.value,
            amount_figures: this.figures.value,
        });
        if (result.force_refresh) {
            redirect(result.redirect_url);
            return new Promise(() => {});
        }
        this.state.error = result.error || false;
    }
}

registry.category("public_components").add("recouvrement_amiable.plan_signature_form", PlanSignatureForm);
