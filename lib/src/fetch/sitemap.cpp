#include <svcdesc/fetch/sitemap.hpp>
