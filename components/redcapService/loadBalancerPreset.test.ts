import { expect } from "chai";
import { appProblems } from "../publicLoadBalancer/publicLoadBalancer";
import { REDCAP_HEALTH_PATH, REDCAP_HTTPS_PORT } from "../redcapImage/imageContract";
import { redcapLoadBalancedApp } from "./loadBalancerPreset";
import { SAML_SESSION_LIFETIME_SECONDS } from "./signIn";

describe("REDCap's load balancer preset", () => {
    it("sends HTTPS to the image's port and checks health where the image answers it", () => {
        const app = redcapLoadBalancedApp({ hostName: "redcap.example.edu", samlSignIn: false });
        expect(app).to.deep.equal({
            hostNames: ["redcap.example.edu"],
            targetPort: REDCAP_HTTPS_PORT,
            targetProtocol: "HTTPS",
            healthCheckPath: REDCAP_HEALTH_PATH,
        });
        expect(
            appProblems("web", { apps: { redcap: app }, domainName: "redcap.example.edu" }),
        ).to.deep.equal([]);
    });

    it("keeps a browser on its task for Shibboleth's whole session only with SAML sign-in", () => {
        const app = redcapLoadBalancedApp({ hostName: "redcap.example.edu", samlSignIn: true });
        expect(app.stickySessionSeconds).to.equal(SAML_SESSION_LIFETIME_SECONDS);
    });
});
