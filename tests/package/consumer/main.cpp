// Parses the page given as the first argument with the installed library and prints the title,
// the organisation and the municipality codes of its record.
#include <svcdesc/core/version.hpp>
#include <svcdesc/parse/parse.hpp>
#include <svcdesc/record/record.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer PAGE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto record = svcdesc::parse::parse_page(argv[1], bytes.str());
  if (!record) {
    std::cerr << argv[1] << ": " << record.error().message << "\n";
    return 1;
  }
  std::cout << "svcdesc " << svcdesc::version() << ": " << record->title << " | "
            << (record->organisation ? record->organisation->name : "-") << " |";
  for (const auto& m : record->area.municipalities)
    std::cout << " " << m.code;
  std::cout << "\n";
  return 0;
}
