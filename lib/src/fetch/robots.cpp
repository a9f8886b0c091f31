#include <svcdesc/fetch/robots.hpp>
