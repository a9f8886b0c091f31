#include <svcdesc/fetch/fetcher.hpp>
