#include <svcdesc/fetch/http_date.hpp>
