package io.varde.check;

import java.util.Locale;

/**
 * The well-known signatures of CDN and WAF challenge and block pages, each with where it comes
 * from. Conservative on purpose: a false match turns an outage into "mitigated", so every body
 * marker is specific to the vendor's own page, and a plain {@code 503 Service Unavailable} (an
 * overloaded origin, a proxy with no upstream) matches nothing. Pure; bodies arrive lower case.
 */
final class MitigationSignatures {

    private MitigationSignatures() {
    }

    /**
     * A signature in the response headers that marks a challenge or block whatever the status,
     * or null.
     */
    static String inHeaders(Observation o) {
        // Cloudflare sets "cf-mitigated: challenge" on every challenge response (managed,
        // JS and interactive challenges), whatever its status: Cloudflare docs, "Detect a
        // challenge page response" (developers.cloudflare.com/cloudflare-challenges/).
        if (contains(o.header("cf-mitigated"), "challenge")) {
            return "cf-mitigated: challenge";
        }
        // AWS WAF answers a CAPTCHA (HTTP 405) or Challenge (HTTP 202) action with
        // "x-amzn-waf-action: captcha" or "challenge": AWS WAF developer guide, "CAPTCHA and
        // Challenge actions in AWS WAF".
        String aws = o.header("x-amzn-waf-action");
        if (contains(aws, "captcha")) {
            return "x-amzn-waf-action: captcha";
        }
        if (contains(aws, "challenge")) {
            return "x-amzn-waf-action: challenge";
        }
        // Sucuri's WebSite Firewall adds X-Sucuri-Block (the block's code) to the responses it
        // blocks; its other responses carry only X-Sucuri-ID.
        if (o.header("x-sucuri-block") != null) {
            return "x-sucuri-block";
        }
        return null;
    }

    /**
     * A signature of a response whose status is one a mitigation answers with (the target's
     * {@code statuses}), from its body ({@code lowerBody}, lower case, empty when not kept) or
     * from headers that only mark the CDN in front; null when none.
     */
    static String forStatus(Observation o, String lowerBody, int status) {
        // Cloudflare's managed/JS challenge page: title "Just a moment...", the challenge's
        // options in window._cf_chl_opt, "cf-chl" in the ids of its widgets, and its script
        // under /cdn-cgi/challenge-platform/h/ (the "orchestrate" challenge). The
        // /cdn-cgi/challenge-platform/scripts/jsd/ script alone is not one: Cloudflare injects
        // it into any HTML page (JavaScript detections), an origin's own 503 page included.
        if (lowerBody.contains("just a moment...") || lowerBody.contains("cf-chl")
                || lowerBody.contains("_cf_chl_opt")
                || lowerBody.contains("/cdn-cgi/challenge-platform/h/")) {
            return "Cloudflare challenge page (" + status + ")";
        }
        // Cloudflare's WAF block page (error 1020 and the like): title "Attention Required! |
        // Cloudflare".
        if (lowerBody.contains("attention required! | cloudflare")) {
            return "Cloudflare block page (" + status + ")";
        }
        // Imperva (Incapsula): its block and challenge pages load /_Incapsula_Resource and say
        // "Incapsula incident ID: ...".
        if (lowerBody.contains("_incapsula_resource") || lowerBody.contains("incapsula incident id")) {
            return "Imperva block page (" + status + ")";
        }
        // Akamai's edge denial: "Access Denied ... Reference #18.xxxx", with a link to
        // errors.edgesuite.net; its page writes them as HTML entities ("Reference&#32;&#35;18",
        // "errors&#46;edgesuite&#46;net"). "Access Denied" alone is any server's wording, so
        // both are needed.
        if (lowerBody.contains("access denied")
                && (lowerBody.contains("errors.edgesuite.net") || lowerBody.contains("reference #")
                || lowerBody.contains("errors&#46;edgesuite&#46;net")
                || lowerBody.contains("reference&#32;&#35;"))) {
            return "Akamai block page (" + status + ")";
        }
        // Sucuri's block page: "Sucuri WebSite Firewall - Access Denied".
        if (lowerBody.contains("sucuri website firewall")) {
            return "Sucuri block page (" + status + ")";
        }
        // DDoS-Guard's check page names it (and loads check.ddos-guard.net); its edge answers
        // with "Server: ddos-guard".
        if (lowerBody.contains("ddos-guard") || contains(o.header("server"), "ddos-guard")) {
            return "DDoS-Guard challenge page (" + status + ")";
        }
        // F5 BIG-IP ASM / Advanced WAF default blocking page.
        if (lowerBody.contains("the requested url was rejected. please consult with your administrator.")) {
            return "F5 ASM block page (" + status + ")";
        }
        // DataDome marks the responses of the sites it protects with X-DataDome; a blocked
        // request gets 403 with its captcha.
        if (o.header("x-datadome") != null) {
            return "DataDome block (" + status + ")";
        }
        return null;
    }

    private static boolean contains(String value, String lowerText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerText);
    }
}
