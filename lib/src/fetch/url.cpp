#include <svcdesc/fetch/url.hpp>
