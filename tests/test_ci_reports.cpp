// The CI formats, checked for structure: JUnit XML (parsed with tinyxml2),
// SARIF 2.1.0 (its required shape), and the HTML report rendered in headless
// Chromium with no console message.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <tinyxml2.h>

#include "helpers.hpp"

using namespace atscheck::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kSourceRoot = fs::path(ATSCHECK_EXAMPLES_DIR).parent_path().string();

// A manifest with one regression, one stale expectation and one met violation.
fs::path failing_manifest(const fs::path& dir) {
    const auto path = dir / "m.json";
    write_file(path, R"({"checks": [
      {"revision": "baseline", "scenario": "pf-vf", "expect": {
        "nr_ats_masters_consistent": "holds", "disable_only_when_enabled": "violated@4",
        "counters_nonnegative": "holds"}},
      {"revision": "merged", "scenario": "pf-vf-third-party", "expect": {
        "disable_only_when_enabled": "violated", "probe_succeeds": "violated@1"}}]})");
    return path;
}

int int_attr(const tinyxml2::XMLElement* e, const char* name) {
    int v = -1;
    e->QueryIntAttribute(name, &v);
    return v;
}

// Renders `page` in headless Chromium: the console messages it logged (one
// per line), a screenshot at `png`, and the DOM after scripts ran.
struct Rendered {
    std::string console, dom;
};
Rendered render_in_chromium(const fs::path& page, const fs::path& png) {
    const auto profile = fresh_dir("chromium-profile");
    const std::string flags =
        "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--user-data-dir=" +
        profile.string();
    const auto log = profile / "stderr.txt";
    const std::string url = "file://" + fs::absolute(page).string();
    const int shot = std::system(("chromium " + flags + " --enable-logging=stderr --v=0 " +
                                  "--window-size=1400,2000 --screenshot=" + png.string() + " " +
                                  url + " >/dev/null 2>" + log.string())
                                     .c_str());
    REQUIRE(shot == 0);
    Rendered r;
    std::istringstream lines(slurp(log));
    for (std::string line; std::getline(lines, line);)
        if (line.find(":CONSOLE") != std::string::npos)
            r.console += line + "\n";
    const auto dom = profile / "dom.html";
    REQUIRE(std::system(
                ("chromium " + flags + " --dump-dom " + url + " >" + dom.string() + " 2>/dev/null")
                    .c_str()) == 0);
    r.dom = slurp(dom);
    return r;
}

} // namespace

TEST_CASE("the shipped manifest passes the gate and its JUnit and SARIF are well formed") {
    const auto dir = fresh_dir("ci-shipped");
    const auto r = run_cli("ci examples/ci/expectations.json -f json --junit " +
                               (dir / "j.xml").string() + " --sarif " + (dir / "s.sarif").string(),
                           kSourceRoot);
    REQUIRE(r.exit_code == 0);
    const json out = json::parse(r.out);
    const size_t cells = out["cells"].size();
    // every shipped revision x every shipped scenario
    CHECK(cells == atscheck::shipped_names("revisions").size() *
                       atscheck::shipped_names("scenarios").size());
    size_t properties = 0, violations = 0;
    for (const auto& c : out["cells"])
        for (const auto& p : c["properties"]) {
            ++properties;
            violations += p["verdict"] == "violated";
        }

    tinyxml2::XMLDocument xml;
    REQUIRE(xml.LoadFile((dir / "j.xml").c_str()) == tinyxml2::XML_SUCCESS);
    const auto* root = xml.FirstChildElement("testsuites");
    REQUIRE(root);
    CHECK(int_attr(root, "tests") == static_cast<int>(properties));
    CHECK(int_attr(root, "failures") == 0); // expected violations pass under ci
    size_t suites = 0;
    for (auto* s = root->FirstChildElement("testsuite"); s;
         s = s->NextSiblingElement("testsuite")) {
        ++suites;
        int cases = 0;
        for (auto* t = s->FirstChildElement("testcase"); t; t = t->NextSiblingElement("testcase")) {
            ++cases;
            CHECK(t->Attribute("classname"));
            CHECK(t->Attribute("name"));
        }
        CHECK(cases == int_attr(s, "tests"));
    }
    CHECK(suites == cells);

    const json sarif = json::parse(slurp(dir / "s.sarif"));
    CHECK(sarif["version"] == "2.1.0");
    const json& run = sarif["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "atscheck");
    const json& rules = run["tool"]["driver"]["rules"];
    CHECK(rules.size() == shipped_property_count());
    CHECK(run["results"].size() == violations);
    for (const auto& res : run["results"]) {
        CAPTURE(res["message"]["text"]);
        CHECK(rules[res["ruleIndex"].get<size_t>()]["id"] == res["ruleId"]);
        CHECK(res["level"] == "note"); // every violation here is expected
        const json& loc = res["locations"][0];
        const std::string uri = loc["physicalLocation"]["artifactLocation"]["uri"];
        CHECK(uri.starts_with("examples/revisions/"));
        CHECK(fs::exists(fs::path(kSourceRoot) / uri));
        const std::string fn = loc["logicalLocations"][0]["name"];
        CHECK((fn.starts_with("pci_") || fn.starts_with("arm_smmu_")));
        if (res["ruleId"] == "disable_only_when_enabled")
            CHECK(fn == "pci_disable_ats");
        const json& steps = res["codeFlows"][0]["threadFlows"][0]["locations"];
        CHECK(steps.size() == res["properties"]["depth"].get<size_t>());
        for (size_t i = 0; i < steps.size(); ++i)
            CHECK(steps[i]["executionOrder"] == i + 1);
    }
}

TEST_CASE("a deviation is a JUnit failure with the trace and a SARIF error") {
    const auto dir = fresh_dir("ci-reports-fail");
    const auto r = run_cli("ci " + failing_manifest(dir).string() + " --junit " +
                           (dir / "j.xml").string() + " --sarif " + (dir / "s.sarif").string());
    REQUIRE(r.exit_code == 1);
    tinyxml2::XMLDocument xml;
    REQUIRE(xml.LoadFile((dir / "j.xml").c_str()) == tinyxml2::XML_SUCCESS);
    const auto* root = xml.FirstChildElement("testsuites");
    CHECK(int_attr(root, "tests") == 5);
    CHECK(int_attr(root, "failures") == 2);
    std::vector<std::string> types, texts;
    for (auto* s = root->FirstChildElement("testsuite"); s; s = s->NextSiblingElement("testsuite"))
        for (auto* t = s->FirstChildElement("testcase"); t; t = t->NextSiblingElement("testcase"))
            if (auto* f = t->FirstChildElement("failure")) {
                types.push_back(f->Attribute("type"));
                texts.push_back(f->GetText() ? f->GetText() : "");
            }
    REQUIRE(types.size() == 2);
    CHECK(types[0] == "regression");
    CHECK(texts[0].find("3. attach_commit(0000:01:00.1): pci_enable_ats() = -EINVAL") !=
          std::string::npos);
    CHECK(types[1] == "stale expectation");

    const json sarif = json::parse(slurp(dir / "s.sarif"));
    std::vector<std::string> levels;
    for (const auto& res : sarif["runs"][0]["results"])
        levels.push_back(res["level"]);
    // Per cell in property order: the regression, a met violation; the stale
    // expectation, a met violation.
    CHECK(levels == std::vector<std::string>{"error", "note", "warning", "note"});
}

TEST_CASE("the HTML report renders in headless Chromium with no console message") {
    const auto dir = fresh_dir("ci-html");
    const auto page = dir / "report.html";
    const auto r = run_cli("ci " + failing_manifest(dir).string() + " --html " + page.string());
    REQUIRE(r.exit_code == 1);
    const std::string html = slurp(page);
    // Self-contained: nothing is fetched (the SVG namespace is a name, not a fetch).
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);

    const auto shot = fs::current_path() / "report-screenshot.png";
    const Rendered page_view = render_in_chromium(page, shot);
    CHECK(page_view.console == "");
    CHECK(page_view.dom.find("data-ready=\"yes\"") != std::string::npos); // its script ran
    CHECK(page_view.dom.find("<svg class=\"seq\"") != std::string::npos);
    CHECK(page_view.dom.find("class=\"mono changed\"") != std::string::npos);
    CHECK(page_view.dom.find("regression: nr_ats_masters_consistent") != std::string::npos);
    CHECK(page_view.dom.find("WARNING: drivers/pci/ats.c:132") != std::string::npos);
    const std::string png = slurp(shot);
    CHECK(png.substr(1, 3) == "PNG");
    CHECK(png.size() > 20000);

    // The check itself can fail: a page with a script error is caught.
    const auto broken = dir / "broken.html";
    write_file(broken, "<!DOCTYPE html><html><body><script>no_such_function();</script></body>"
                       "</html>");
    CHECK(render_in_chromium(broken, dir / "broken.png").console.find("ReferenceError") !=
          std::string::npos);
}
