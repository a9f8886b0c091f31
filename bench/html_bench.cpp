// Times the HTML path of `svcdesc parse` in one process, on pages already in memory, so that the
// HTML parser's own time can be told from the extraction: (1) decode and build the tree only,
// (2) decode, build and render to lines, (3) the whole parse into a record, serialized to JSON.
// Each is the best of --runs passes over all pages on one thread, in the thread's CPU time (so that
// other processes on a shared machine do not count).
//
//   svcdesc_html_bench [--runs N] FILE...
#include <svcdesc/html/html.hpp>
#include <svcdesc/parse/parse.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

template <typename F> double best_seconds(int runs, F&& pass) {
  double best = 1e300;
  for (int r = 0; r < runs; ++r) {
    timespec start{};
    timespec end{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
    pass();
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end);
    double took = static_cast<double>(end.tv_sec - start.tv_sec) +
                  static_cast<double>(end.tv_nsec - start.tv_nsec) / 1e9;
    best = std::min(best, took);
  }
  return best;
}

} // namespace

int main(int argc, char** argv) {
  int runs = 3;
  std::vector<std::string> pages;
  size_t bytes = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    std::ifstream in(arg, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    pages.push_back(ss.str());
    bytes += pages.back().size();
  }
  if (pages.empty()) {
    std::fprintf(stderr, "usage: svcdesc_html_bench [--runs N] FILE...\n");
    return 2;
  }
  size_t sink = 0;
  double tree = best_seconds(runs, [&] {
    for (const std::string& p : pages)
      sink += svcdesc::html::parse_only(p).value();
  });
  double render = best_seconds(runs, [&] {
    for (const std::string& p : pages)
      sink += svcdesc::html::render(p).value().text.size();
  });
  svcdesc::parse::Options options;
  options.input_format = svcdesc::parse::InputFormat::html;
  double full = best_seconds(runs, [&] {
    for (const std::string& p : pages)
      sink += svcdesc::record::to_json(svcdesc::parse::parse_page("page.html", p, options).value())
                  .size();
  });
  double mb = static_cast<double>(bytes) / 1e6;
  double n = static_cast<double>(pages.size());
  std::printf("pages %zu, %.1f MB (mean %.0f bytes), best of %d\n", pages.size(), mb,
              static_cast<double>(bytes) / n, runs);
  std::printf("%-34s %8.1f MB/s %9.0f pages/s\n", "parser only (decode + tree)", mb / tree,
              n / tree);
  std::printf("%-34s %8.1f MB/s %9.0f pages/s\n", "parser + render to lines", mb / render,
              n / render);
  std::printf("%-34s %8.1f MB/s %9.0f pages/s\n", "whole parse to JSON records", mb / full,
              n / full);
  std::printf("extraction on top of the parser: render +%.0f %%, whole +%.0f %%\n",
              100.0 * (render - tree) / tree, 100.0 * (full - tree) / tree);
  return sink == 0 ? 1 : 0;
}
