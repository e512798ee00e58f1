use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Nobody has measured how much load the service takes.
    ///
    /// ## What it checks
    /// For deployable services, that load-test scripts or configs exist: k6, artillery, locust,
    /// JMeter, autocannon, wrk, vegeta.
    ///
    /// ## Why it matters
    /// Capacity is otherwise learned in production, during the launch or the traffic spike that
    /// matters most.
    ///
    /// ## How to fix
    /// ```js
    /// // load/checkout.js
    /// import http from "k6/http";
    /// export const options = { vus: 50, duration: "2m", thresholds: { http_req_duration: ["p(95)<500"] } };
    /// export default () => http.get(`${__ENV.BASE_URL}/api/products`);
    /// ```
    ///
    /// References: <https://grafana.com/docs/k6/latest/>
    NoLoadTests {
        id: "SCL001",
        name: "no-load-tests",
        category: Scale,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["stack.services", "perf.load_tests"],
        fix: "Write a load test for the main endpoints (k6, artillery, locust) and run it before launches.",
        done: "A load test measures how much load the service takes",
    }
    fn check(inv) {
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.len("perf.load_tests") > 0 {
            return pass();
        }
        fail("no load test exists: capacity is unknown until production finds it", Vec::new())
    }
}
