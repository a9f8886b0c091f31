#include <svcdesc/fetch/state.hpp>
