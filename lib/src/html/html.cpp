#include <svcdesc/html/html.hpp>
