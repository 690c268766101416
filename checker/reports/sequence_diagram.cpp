#include "checker/reports/sequence_diagram.hpp"

#include <sstream>

#include <algorithm>

#include "checker/reports/story.hpp"
#include "checker/reports/xml_escape.hpp"

namespace atscheck {

namespace {

enum Lane { kOther, kIommu, kDriver, kPci, kDevice, kLanes };
constexpr const char* kLaneNames[kLanes] = {"another driver", "IOMMU core", "SMMUv3 driver",
                                            "PCI core", "device"};
constexpr int kLaneWidth = 200, kRow = 22, kTop = 50, kLeft = 10;

// The lane of the component that owns a function (model/kernel_site.hpp).
Lane lane_of(const KernelFunction* function) {
    switch (function->component) {
    case Component::OtherDriver:
        return kOther;
    case Component::IommuCore:
        return kIommu;
    case Component::SmmuDriver:
        return kDriver;
    case Component::PciCore:
        return kPci;
    }
    return kDriver;
}

// Draws rows top to bottom; `x` maps a lane to its lifeline.
class Canvas {
  public:
    explicit Canvas(bool other) : other_(other) {}
    int x(Lane l) const {
        const int index = other_ ? l : l - 1;
        return kLeft + kLaneWidth / 2 + index * kLaneWidth;
    }
    int width() const { return kLeft * 2 + (other_ ? kLanes : kLanes - 1) * kLaneWidth; }
    int height() const { return y_ + kRow; }

    void band(const std::string& text) {
        y_ += kRow;
        os_ << "<rect class=\"band\" x=\"0\" y=\"" << y_ - 15 << "\" width=\"" << width()
            << "\" height=\"20\"/><text class=\"step\" x=\"4\" y=\"" << y_ << "\">"
            << xml_escape(text) << "</text>\n";
    }
    void arrow(Lane from, Lane to, const std::string& label, bool dashed, const char* cls = "") {
        y_ += kRow;
        const int x1 = x(from), x2 = x(to);
        if (x1 == x2) { // a call within one component: a small loop
            os_ << "<path class=\"msg " << cls << "\" d=\"M" << x1 << " " << y_ - 8
                << " h30 v10 h-28\""
                << " marker-end=\"url(#head)\"/><text class=\"lbl\" x=\"" << x1 + 36 << "\" y=\""
                << y_ << "\">" << xml_escape(label) << "</text>\n";
            return;
        }
        os_ << "<line class=\"msg " << (dashed ? "ret " : "") << cls << "\" x1=\"" << x1
            << "\" y1=\"" << y_ << "\" x2=\"" << (x2 > x1 ? x2 - 2 : x2 + 2) << "\" y2=\"" << y_
            << "\" marker-end=\"url(#head)\"/><text class=\"lbl\" x=\"" << (x1 + x2) / 2
            << "\" y=\"" << y_ - 4 << "\" text-anchor=\"middle\">" << xml_escape(label)
            << "</text>\n";
    }
    void note(Lane at, const std::string& text, const char* cls) {
        y_ += kRow;
        const int w = static_cast<int>(text.size()) * 7 + 10;
        os_ << "<rect class=\"" << cls << "\" x=\"" << x(at) - 10 << "\" y=\"" << y_ - 14
            << "\" width=\"" << w << "\" height=\"19\" rx=\"3\"/><text class=\"lbl\" x=\""
            << x(at) - 5 << "\" y=\"" << y_ << "\">" << xml_escape(text) << "</text>\n";
    }
    std::string body() const { return os_.str(); }

  private:
    bool other_;
    int y_ = kTop;
    std::ostringstream os_;
};

// The lane that called the function at stack depth `at`: the frame below it,
// or, at depth 0, the IOMMU core (another driver calls on its own).
Lane caller_of(const std::vector<const KernelFunction*>& stack, size_t at, Lane callee) {
    if (at == 0)
        return callee == kOther ? kOther : kIommu;
    return lane_of(stack[at - 1]);
}

void draw_step(Canvas& c, const StepView& s) {
    std::vector<const KernelFunction*> stack; // the functions entered and not yet left
    for (const auto& e : s.events) {
        switch (e.kind) {
        case KernelEvent::Kind::Enter: {
            stack.resize(static_cast<size_t>(e.depth));
            c.arrow(caller_of(stack, stack.size(), lane_of(e.fn)), lane_of(e.fn), e.function + "()",
                    false);
            stack.push_back(e.fn);
            break;
        }
        case KernelEvent::Kind::Call: {
            // A function that returns without a frame of its own counts as called from outside.
            auto it = std::find(stack.rbegin(), stack.rend(), e.fn);
            const size_t at = it == stack.rend() ? 0 : stack.rend() - it - 1;
            if (e.has_ret)
                c.arrow(lane_of(e.fn), caller_of(stack, at, lane_of(e.fn)),
                        "= " + errno_name(e.ret), true, e.ret != 0 ? "fail" : "");
            break;
        }
        case KernelEvent::Kind::ConfigWrite:
            c.arrow(kPci, kDevice, e.text, false, "dev");
            break;
        case KernelEvent::Kind::Warn: {
            std::string site = std::string("WARNING: ") + e.site.function->file;
            if (e.site.line > 0)
                site += ":" + std::to_string(e.site.line);
            c.note(lane_of(e.site.function), site, "warn");
            break;
        }
        case KernelEvent::Kind::Message:
            c.note(kDriver, e.text, "msg");
            break;
        }
    }
}

} // namespace

std::string render_sequence_svg(const TraceView& v) {
    bool other = false;
    for (const auto& s : v.steps)
        for (const auto& e : s.events)
            other = other || (e.kind == KernelEvent::Kind::Enter && lane_of(e.fn) == kOther);
    Canvas c(other);
    for (size_t i = 0; i < v.steps.size(); ++i) {
        c.band(std::to_string(i + 1) + ". " + v.steps[i].label +
               (v.steps[i].picks.empty() ? "" : " " + v.steps[i].picks));
        draw_step(c, v.steps[i]);
    }
    std::ostringstream os;
    os << "<svg class=\"seq\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << c.width()
       << "\" height=\"" << c.height() << "\" viewBox=\"0 0 " << c.width() << " " << c.height()
       << "\" role=\"img\" aria-label=\"sequence diagram\">\n"
       << "<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
          "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 "
          "5 L0 10 z\"/></marker></defs>\n";
    for (int l = other ? 0 : 1; l < kLanes; ++l) {
        const int x = c.x(static_cast<Lane>(l));
        os << "<rect class=\"actor\" x=\"" << x - 80 << "\" y=\"8\" width=\"160\" height=\"24\" "
           << "rx=\"4\"/><text class=\"actor\" x=\"" << x << "\" y=\"25\" text-anchor=\"middle\">"
           << kLaneNames[l] << "</text><line class=\"life\" x1=\"" << x << "\" y1=\"32\" x2=\"" << x
           << "\" y2=\"" << c.height() << "\"/>\n";
    }
    os << c.body() << "</svg>\n";
    return os.str();
}

} // namespace atscheck
