// The stale report as one self-contained HTML page: a summary, two inline SVG bar charts (age of
// the stale entries, entries per organisation), an optional group table and a table of every
// entry that sorts when a header is clicked (or on load, from "#sort=age" / "#sort=-title" in the
// address). No external scripts, styles, fonts or images, so the file can be mailed, archived and
// opened offline; every text that comes from the records is escaped.
#include <svcdesc/stale/stale.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace svcdesc::stale {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

namespace {

constexpr std::string_view k_style = R"css(
:root { --fg: #1b1b1b; --muted: #5b5b5b; --line: #d0d0d0; --bar: #3b6ea8; --bar2: #b5542d; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
       margin: 0 auto; padding: 1rem; max-width: 72rem; line-height: 1.4; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p.meta { color: var(--muted); margin: 0 0 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; }
.card { border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .75rem; }
.card .n { font-size: 1.6rem; font-weight: 600; display: block; }
.card .l { color: var(--muted); font-size: .85rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg { width: 100%; height: auto; }
svg text { font-size: 12px; fill: var(--fg); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort=ascending] button::after { content: " \25B2"; }
th[aria-sort=descending] button::after { content: " \25BC"; }
td.id { font-family: ui-monospace, monospace; font-size: .8rem; word-break: break-all; }
td.src { word-break: break-all; }
.reason-older_than { color: #8a2b0f; }
.reason-no_updated { color: #6b1a6b; }
.reason-behind_other_language { color: #1a4f6b; }
@media (max-width: 40rem) {
  body { padding: .5rem; }
  td.id, th.id, td.src, th.src { display: none; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  th button::after { content: "" !important; }
  .scroll { overflow: visible; }
  tr, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)css";

// Sorting: a click on a header sorts by that column (again: the other way); "#sort=age" or
// "#sort=-age" in the address sorts on load. Cells carry their sort key in data-sort.
constexpr std::string_view k_script = R"js(
(function () {
  var table = document.getElementById('entries');
  if (!table) return;
  var heads = table.querySelectorAll('thead th');
  function sortBy(index, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = heads[index].classList.contains('num');
    rows.sort(function (a, b) {
      var x = a.cells[index].getAttribute('data-sort') || a.cells[index].textContent;
      var y = b.cells[index].getAttribute('data-sort') || b.cells[index].textContent;
      var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    heads[index].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    table.setAttribute('data-sorted', heads[index].getAttribute('data-key') + (descending ? ':desc' : ':asc'));
  }
  Array.prototype.forEach.call(heads, function (th, index) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      sortBy(index, th.getAttribute('aria-sort') === 'ascending');
    });
  });
  var m = /(?:^|[#&])sort=(-?)([a-z_]+)/.exec(location.hash);
  if (m) {
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute('data-key') === m[2]) {
        var numeric = heads[i].classList.contains('num');
        // Numbers sort largest first unless "-" is given; text A to Z unless "-" is given.
        sortBy(i, numeric ? m[1] !== '-' : m[1] === '-');
      }
    }
  }
})();
)js";

// A horizontal bar chart: one labelled bar per value.
std::string bar_chart(std::string_view id, std::string_view caption,
                      const std::vector<std::pair<std::string, int64_t>>& bars,
                      std::string_view color) {
  constexpr int k_label = 180, k_width = 460, k_row = 24;
  int64_t max = 1;
  for (const auto& b : bars)
    max = std::max(max, b.second);
  int height = static_cast<int>(bars.size()) * k_row + 8;
  std::string out = fmt::format(
      "<figure id=\"{}\"><figcaption>{}</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
      id, html_escape(caption), k_label + k_width + 50, std::max(height, 30), html_escape(caption));
  if (bars.empty())
    out += "<text x=\"0\" y=\"18\">nothing to show</text>\n";
  int y = 4;
  for (const auto& [label, value] : bars) {
    double w = static_cast<double>(k_width) * static_cast<double>(value) / static_cast<double>(max);
    std::string shown = label;
    if (shown.size() > 28) {
      // Cut at a UTF-8 boundary.
      size_t cut = 27;
      while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80)
        --cut;
      shown = shown.substr(0, cut) + "…";
    }
    out += fmt::format("<g class=\"bar\" data-label=\"{}\" data-value=\"{}\"><title>{}: {}</title>"
                       "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
                       "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>"
                       "<text x=\"{:.1f}\" y=\"{}\">{}</text></g>\n",
                       html_escape(label), value, html_escape(label), value, k_label - 6, y + 15,
                       html_escape(shown), k_label, y + 2, w, k_row - 6, color,
                       static_cast<double>(k_label) + w + 4, y + 15, value);
    y += k_row;
  }
  out += "</svg></figure>\n";
  return out;
}

std::string card(std::string_view id, int64_t n, std::string_view label) {
  return fmt::format("<div class=\"card\" id=\"{}\"><span class=\"n\">{}</span><span "
                     "class=\"l\">{}</span></div>\n",
                     id, n, html_escape(label));
}

std::string reason_label(Reason r) {
  switch (r) {
  case Reason::older_than:
    return "older than threshold";
  case Reason::no_updated:
    return "no updated date";
  case Reason::behind_other_language:
    return "behind other language";
  }
  return "";
}

std::string entry_row(const Entry& e) {
  std::string age = e.updated ? std::to_string(e.age_days) : "";
  // Entries without a date are the worst case: they sort as the oldest.
  std::string age_key = e.updated ? std::to_string(e.age_days) : "999999999";
  std::string behind;
  if (e.reason == Reason::behind_other_language)
    behind = fmt::format("{} d behind {} ({})", e.behind_days, e.newest_lang,
                         e.newest_updated->iso());
  std::string source;
  if (!e.url.empty())
    source = fmt::format("<a href=\"{0}\">{0}</a>", html_escape(e.url));
  else
    source = html_escape(!e.file.empty() ? e.file : fmt::format("{}:{}", e.input, e.line));
  return fmt::format(
      "<tr><td class=\"reason-{}\" data-sort=\"{}\">{}</td><td class=\"num\" data-sort=\"{}\">{}</td>"
      "<td>{}</td><td>{}</td><td>{}</td><td class=\"title\">{}</td><td>{}</td>"
      "<td class=\"id\">{}</td><td class=\"src\">{}</td></tr>\n",
      reason_name(e.reason), reason_name(e.reason), reason_label(e.reason), age_key, age,
      e.updated ? e.updated->iso() : "", html_escape(e.lang), html_escape(e.organisation),
      html_escape(e.title), html_escape(behind), html_escape(e.id), source);
}

} // namespace

std::string render_html(const Report& r) {
  const Summary& s = r.summary;
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>Stale entries as of {}</title>\n", r.as_of.iso());
  out += "<style>";
  out += k_style;
  out += "</style>\n</head>\n<body>\n";
  out += fmt::format("<h1>Stale entries as of {}</h1>\n", r.as_of.iso());
  out += fmt::format("<p class=\"meta\">Threshold <strong id=\"threshold\">{}</strong>: updated "
                     "before <strong id=\"cutoff\">{}</strong>. {} records read, {} matched the "
                     "filters{}.</p>\n",
                     html_escape(r.threshold), r.cutoff.iso(), s.records, s.matched,
                     s.bad > 0 ? fmt::format(", {} lines were not records", s.bad) : "");
  out += "<section id=\"summary\" class=\"cards\">\n";
  out += card("summary-older", s.older_than, "older than " + r.threshold);
  out += card("summary-no-updated", s.no_updated, "without an updated date");
  out += card("summary-behind", s.behind_other_language, "behind another language version");
  out += card("summary-records", s.records, "records read");
  out += "</section>\n";

  out += "<h2>Charts</h2>\n<div class=\"charts\">\n";
  out += bar_chart("chart-age", "Age of stale entries", r.age_buckets(), "#3b6ea8");
  out += bar_chart("chart-organisations", "Entries per organisation (top 15)",
                   r.top_organisations(15), "#b5542d");
  out += "</div>\n";

  if (r.group_by != GroupBy::none) {
    out += fmt::format("<h2>By {}</h2>\n<div class=\"scroll\"><table id=\"groups\">\n<thead><tr>"
                       "<th>{}</th><th class=\"num\">older</th><th class=\"num\">no date</th>"
                       "<th class=\"num\">behind</th><th class=\"num\">total</th></tr></thead>\n"
                       "<tbody>\n",
                       group_by_name(r.group_by), group_by_name(r.group_by));
    for (const Group& g : r.groups)
      out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                         "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                         html_escape(g.label), g.older_than, g.no_updated,
                         g.behind_other_language, g.total());
    out += "</tbody></table></div>\n";
  }

  out += "<h2>Entries</h2>\n";
  if (s.entries() == 0) {
    out += "<p id=\"none\">Nothing is stale.</p>\n";
  } else {
    out += "<p class=\"meta\">Click a column heading to sort.</p>\n"
           "<div class=\"scroll\"><table id=\"entries\">\n<thead><tr>"
           "<th data-key=\"reason\"><button type=\"button\">Reason</button></th>"
           "<th data-key=\"age\" class=\"num\"><button type=\"button\">Age (days)</button></th>"
           "<th data-key=\"updated\"><button type=\"button\">Updated</button></th>"
           "<th data-key=\"lang\"><button type=\"button\">Lang</button></th>"
           "<th data-key=\"organisation\"><button type=\"button\">Organisation</button></th>"
           "<th data-key=\"title\"><button type=\"button\">Title</button></th>"
           "<th data-key=\"behind\"><button type=\"button\">Behind</button></th>"
           "<th data-key=\"id\" class=\"id\"><button type=\"button\">ID</button></th>"
           "<th data-key=\"source\" class=\"src\"><button type=\"button\">Source</button></th>"
           "</tr></thead>\n<tbody>\n";
    for (const auto* list : {&r.stale, &r.missing_updated, &r.cross_language})
      for (const Entry& e : *list)
        out += entry_row(e);
    out += "</tbody></table></div>\n";
  }
  out += "<script>";
  out += k_script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

} // namespace svcdesc::stale
