#include "app.hpp"

int main(int argc, char** argv) { return svcdesc::cli::run(argc, argv); }
