import { registry } from "@web/core/registry";

// Issue 14: the portal pages opened from an e-mail or an SMS on a phone (TestPortalOnAPhone
// runs these tours at 390 × 844). On every page: nothing wider than the screen, and the main
// buttons and fields at least 44 px high.

const MIN_TAP_PX = 44;

function describe(element) {
    return [element.tagName.toLowerCase(), ...element.classList].join(".");
}

function fitsThePhone(page, selectors) {
    return {
        content: `${page}: no horizontal scrolling, tap targets of at least ${MIN_TAP_PX} px`,
        trigger: selectors,
        run() {
            // the visible width: without the vertical scrollbar a desktop Chromium shows
            const width = document.documentElement.scrollWidth;
            const screen = Math.min(window.innerWidth, document.documentElement.clientWidth);
            console.info(`phone check: ${page}: page ${width} px wide, screen ${screen} px`);
            if (width > screen) {
                throw new Error(`${page} scrolls horizontally: ${width} px on a ${screen} px screen`);
            }
            // nor any part of it (a table in a scrolling wrapper, a cut-off cell)
            for (const element of document.body.querySelectorAll("*")) {
                const overflow = getComputedStyle(element).overflowX;
                if (
                    ["auto", "scroll"].includes(overflow) &&
                    element.scrollWidth > element.clientWidth + 1 &&
                    element.clientWidth > 0
                ) {
                    throw new Error(
                        `${page}: ${describe(element)} scrolls horizontally: ` +
                            `${element.scrollWidth} px in ${element.clientWidth} px`
                    );
                }
            }
            for (const element of document.querySelectorAll(selectors)) {
                if (!element.offsetParent) {
                    continue; // not shown
                }
                const height = Math.round(element.getBoundingClientRect().height);
                if (height < MIN_TAP_PX) {
                    throw new Error(`${page}: ${describe(element)} is ${height} px high`);
                }
            }
        },
    };
}

// Data from TestPortalOnAPhone: the customer's proposed plan of €1,250.50 in two instalments.
registry.category("web_tour.tours").add("recouvrement_phone_sign_and_pay", {
    steps: () => [
        fitsThePhone("plans list", ".o_rec_plans a.o_rec_row_link"),
        {
            content: "open the plan",
            trigger: ".o_rec_plans a.o_rec_row_link",
            run: "click",
            expectUnloadPage: true,
        },
        fitsThePhone(
            "plan page to sign",
            ".o_plan_download, input.o_plan_amount_figures, input.o_plan_amount_words, " +
                ".o_web_sign_name_input, .o_portal_sign_submit"
        ),
        {
            content: "type the amount in figures (art. 1376 C. civ.)",
            trigger: "input.o_plan_amount_figures",
            run: "edit 1 250,50",
        },
        {
            content: "type the amount in words (art. 1376 C. civ.)",
            trigger: "input.o_plan_amount_words",
            run: "edit mille deux cent cinquante euros et cinquante centimes",
        },
        {
            content: "type the signer's name",
            trigger: ".o_web_sign_name_and_signature input",
            run: "edit Jean Durand",
        },
        {
            content: "the signature is drawn from the name",
            trigger: "canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        fitsThePhone("signature drawn", ".o_portal_sign_submit"),
        {
            content: "sign",
            trigger: ".o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the signature is recorded",
            trigger: ".o_plan_signed_message",
        },
        fitsThePhone("signed plan page", ".o_plan_download, .o_instalment_pay"),
        {
            content: "pay the first instalment",
            trigger: ".o_plan_instalment_1 a.o_instalment_pay",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "demo provider: card number",
            trigger: "input[name='customer_input']",
            run: "edit 4242424242424242",
        },
        fitsThePhone("payment page", "button[name='o_payment_submit_button']"),
        {
            content: "pay",
            trigger: "button[name='o_payment_submit_button']:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "back on the plan, the first instalment is paid",
            trigger: ".o_plan_instalment_1 .o_instalment_paid",
            timeout: 20000,
        },
        fitsThePhone("plan page after the payment", ".o_plan_download, .o_instalment_pay"),
    ],
});

// Started on the overdue invoices of the logged-in customer, or on a communication's link:
// one "Contester" per invoice opens the dispute form of that invoice only.
registry.category("web_tour.tours").add("recouvrement_phone_dispute", {
    steps: () => [
        fitsThePhone(
            "overdue invoices",
            ".o_dispute_open, .o_invoice_pay, .o_request_plan, #instalment_count, .o_rec_check_label"
        ),
        {
            content: "one dispute button per invoice, no dispute form on the list",
            trigger: ".o_rec_collection:not(:has(form.o_dispute_form))",
        },
        {
            content: "dispute the last invoice",
            trigger: ".o_dispute_open:last",
            run: "click",
            expectUnloadPage: true,
        },
        fitsThePhone(
            "dispute form",
            "#o_dispute_reason, #o_dispute_attachment, .o_dispute_cancel, .o_dispute_submit"
        ),
        {
            content: "say why",
            trigger: "#o_dispute_reason",
            run: "edit Prestation non réalisée",
        },
        {
            content: "send the dispute",
            trigger: ".o_dispute_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the dispute is recorded",
            trigger: ".o_invoice_disputed",
        },
        fitsThePhone("overdue invoices after the dispute", ".o_request_plan"),
    ],
});
