import { registry } from "@web/core/registry";

// Data from TestPortalTour: a proposed plan of €1,250.50 in two instalments.
registry.category("web_tour.tours").add("recouvrement_plan_sign_and_pay", {
    steps: () => [
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
    ],
});
